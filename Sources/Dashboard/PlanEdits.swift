import Domain
import Presentation
import TextScreen

// The coordinator's facts of a node and of the plan, without a text
// editor: a node's kind (T, a menu), its quota (Q), a site's facts (S,
// four prompts in turn), a standard's points, methods, point types and
// negative list (B, four prompts in turn) and the plan's name and
// period (C).

/// The facts of a standard, in the order B asks them.
enum StandardStep: Int, CaseIterable {
  case points, methods, types, negative
}

/// The order a site's facts are asked in.
let siteFields: [Field] = [.level, .category, .address, .contact]

extension State {
  /// T: the kinds, the node's own highlighted.
  mutating func chooseKind(_ i: Int) {
    let kind = campaign.nodes[i].kind
    mode = .kindMenu(campaign.nodes[i].id, NodeKind.allCases.firstIndex(of: kind) ?? 0)
  }

  /// Q: the quota as typed ("12 次，每月 1"), selected to replace.
  mutating func askQuota(_ i: Int) {
    let typed = campaign.nodes[i].quota.map { QuotaTerms($0).typed(config.lang) } ?? ""
    mode = .prompt(.quota(campaign.nodes[i].id), LineEditor(typed, selected: true))
  }

  /// S: the site's first fact; Enter goes on to the next.
  mutating func askSite(_ id: String, _ field: Field) {
    guard let i = campaign.index[id] else { return }
    let value: String
    if case .text(let t) = campaign.nodes[i].value(of: field) { value = t } else { value = "" }
    mode = .prompt(.site(id, field), LineEditor(value, selected: true))
  }

  /// B: a standard's facts, from its points on; each answer shown as it
  /// stands, selected to replace.
  mutating func askStandard(_ id: String, _ facts: StandardFacts, _ step: StandardStep) {
    let typed: String
    switch step {
    case .points: typed = campaign.index[id].flatMap { campaign.nodes[$0].standard }.map { Inspection.number($0.points) } ?? ""
    case .methods: typed = facts.methods.map { $0.label(config.lang) }.joined(separator: "、")
    case .types: typed = facts.types.joined(separator: "、")
    case .negative: typed = facts.negative ? config.lang.pick("是", "yes") : config.lang.pick("否", "no")
    }
    mode = .prompt(.standard(id, facts, step), LineEditor(typed, selected: true))
  }

  /// C: the plan's name, then its period.
  mutating func askPlanTitle() {
    mode = .prompt(.planTitle, LineEditor(campaign.title, selected: true))
  }
}

/// A key while the kind menu is open: ↑↓ choose, Enter sets, Esc leaves.
func kindMenuKey(_ s: inout State, _ key: Key, _ id: String, _ highlighted: Int) -> [Effect] {
  let kinds = NodeKind.allCases
  switch key {
  case .up, .character("k"): s.mode = .kindMenu(id, max(0, highlighted - 1))
  case .down, .character("j"): s.mode = .kindMenu(id, min(kinds.count - 1, highlighted + 1))
  case .escape, .character("q"): s.mode = .normal
  case .enter:
    s.mode = .normal
    let effects = set(&s, id, .kind, .text(kinds[highlighted].rawValue))
    if !effects.isEmpty { s.message = s.words.kindSet(kinds[highlighted].label(s.config.lang)) }
    if s.menuKinds?.contains(kinds[highlighted]) == false { s.menuKinds = nil }
    return effects
  default:
    break
  }
  return []
}

func drawKindMenu(_ s: State, _ screen: inout Screen, _ highlighted: Int) {
  drawMenu(s, &screen, title: s.words.kindMenuTitle, labels: NodeKind.allCases.map { $0.label(s.config.lang) },
           highlighted: highlighted)
}

/// The answers of the prompts above: each checked in place, kept for
/// correcting when it will not do (`promptKey`).
func answerPlanEdit(_ s: inout State, _ prompt: Prompt, _ text: String) -> [Effect] {
  switch prompt {
  case .quota(let id):
    guard let i = s.campaign.index[id] else { return [] }
    if text.isEmpty {
      guard s.campaign.nodes[i].quota != nil else { return [] }
      // Logged activities are never dropped with their quota (Domain).
      guard s.campaign.nodes[i].quota?.activities.isEmpty ?? true else {
        s.refuse(s.words.quotaHasActivities(s.campaign.nodes[i].quota!.activities.count))
        return []
      }
      return set(&s, id, .quota, .null)
    }
    guard let terms = QuotaTerms(typed: text) else {
      s.refuse(s.words.badQuota(text))
      return []
    }
    let effects = set(&s, id, .quota, terms.value)
    if let q = s.campaign.nodes[i].quota { s.message = s.words.quotaSet(NodeFacts.quota(q)) }
    return effects
  case .site(let id, let field):
    let effects = set(&s, id, field, text.isEmpty ? .null : .text(text))
    // On to the next fact; after the last, done.
    if let k = siteFields.firstIndex(of: field), k + 1 < siteFields.count {
      s.askSite(id, siteFields[k + 1])
    } else {
      s.message = s.words.siteSaved
    }
    return effects
  case .standard(let id, var facts, let step):
    guard let i = s.campaign.index[id] else { return [] }
    switch step {
    case .points:
      if text.isEmpty {
        // Not a standard (any more): its facts go, its scores stay in the rounds.
        guard s.campaign.nodes[i].standard != nil else { return [] }
        let effects = set(&s, id, .standard, .null)
        if !effects.isEmpty { s.message = s.words.standardCleared }
        return effects
      }
      guard let points = StandardFacts.points(text) else {
        s.refuse(s.words.badPoints(text))
        return []
      }
      facts.points = points
    case .methods:
      guard let methods = StandardFacts.Method.list(text) else {
        s.refuse(s.words.badMethods(text))
        return []
      }
      facts.methods = methods
    case .types:
      let types = StandardFacts.parts(text)
      // Standards apply by type: a misspelt one would match no point.
      for t in types {
        if let near = s.campaign.typesNear(t) {
          s.refuse(s.words.unknownPointType(t, near: near))
          return []
        }
      }
      facts.types = types
    case .negative:
      guard let negative = StandardFacts.negative(text) else {
        s.refuse(s.words.yesOrNo(text))
        return []
      }
      facts.negative = negative
    }
    if let next = StandardStep(rawValue: step.rawValue + 1) {
      s.askStandard(id, facts, next)
      return []
    }
    let effects = set(&s, id, .standard, facts.value)
    if !effects.isEmpty { s.message = s.words.standardSet(NodeFacts.standard(facts, lang: s.config.lang)) }
    return effects
  case .planTitle:
    guard !text.isEmpty else {
      s.refuse(s.words.needsText)
      return []
    }
    var effects: [Effect] = []
    if text != s.campaign.title {
      effects = s.change(.setPlan(field: .title, value: .text(text)), undo: [.setPlan(field: .title, value: .text(s.campaign.title))])
    }
    s.mode = .prompt(.planPeriod, LineEditor(s.campaign.period?.typed ?? "", selected: true))
    return effects
  case .planPeriod:
    let c = s.campaign
    let undo: [Operation] = [.setPlan(field: .start, value: c.start.map { .text($0.description) } ?? .null),
                             .setPlan(field: .end, value: c.end.map { .text($0.description) } ?? .null)]
    if text.isEmpty {
      guard c.start != nil || c.end != nil else { return [] }
      return s.change(.setPlan(field: .start, value: .null), undo: undo) + s.change(.setPlan(field: .end, value: .null), undo: [])
    }
    guard let period = Period(typed: text) else {
      s.refuse(s.words.badPeriod(text))
      return []
    }
    guard period != c.period else { return [] }
    let effects = s.change(.setPlan(field: .start, value: .text(period.start.description)), undo: undo)
      + s.change(.setPlan(field: .end, value: .text(period.end.description)), undo: [])
    s.message = s.words.periodSet(period.typed)
    return effects
  default:
    return []
  }
}
