import Domain
import TextScreen

/// What a one-line prompt is asking for.
enum Prompt: Equatable {
  case note(String)
  /// An indicator's current value.
  case current(String)
  case problem(String)
  /// The problem's responsible unit, after its description.
  case problemUnit(String, text: String)
  /// The problem's deadline, after its unit.
  case problemDue(String, text: String, unit: String?)
  case rename(String)
  case addChild(String)
  case addSibling(String)
  case due(String)
  case units(String)
  case unitFilter
  /// Q: a node's quota (QuotaTerms).
  case quota(String)
  /// S: one of a site's facts; the next follows.
  case site(String, Field)
  /// B: a standard's facts, asked in turn (`StandardStep`), set at once
  /// after the last: one change, one undo.
  case standard(String, StandardFacts, StandardStep)
  /// C: the plan's name, then its period.
  case planTitle
  case planPeriod
  /// View 3: a new unit's name; a unit's new name; the unit to merge into.
  case newUnit
  case renameUnit(String)
  case mergeUnit(String)
  /// O: what is asked, at a station (its id).
  case orderWhat(String)
  /// View 8: the team to send, what was done or why declined, the stars.
  case orderTeam(String)
  case orderNote(String, decline: Bool)
  case orderStars(String, Order.Rater)
  /// E on the node card: a file's path, then its caption.
  case evidencePath(String)
  case evidenceCaption(String, path: String)
  /// View 10's `p`: the points lost of a partly kept standard; `e`: what
  /// was seen at a scored one.
  case pointsLost(String, Int)
  case scoreNote(String, Int)
}

/// A key while a prompt is open: edits the line; Enter answers, Esc
/// closes it. One rule for every prompt: an answer that will not do is
/// said on its own line above the prompt, which stays open with the text
/// as typed, to correct or leave with Esc.
func promptKey(_ s: inout State, _ key: Key, _ prompt: Prompt, _ editor: LineEditor) -> [Effect] {
  var editor = editor
  switch key {
  case .enter:
    s.mode = .normal
    s.refused = false
    let effects = answer(&s, prompt, editor.text)
    if s.refused, case .normal = s.mode, prompt.checksItsAnswer {
      // Refused: back to the text as it was typed.
      s.mode = .prompt(prompt, LineEditor(editor.text))
    }
    return effects
  case .escape:
    s.mode = prompt.left
  default:
    if editor.handle(key) { s.mode = .prompt(prompt, editor) }
  }
  return []
}

/// What a prompt's answer does.
private func answer(_ s: inout State, _ prompt: Prompt, _ raw: String) -> [Effect] {
  let text = raw.trimmingBlanks
  var isTitle = false
  switch prompt {
  case .rename, .addChild, .addSibling, .planTitle, .newUnit, .renameUnit: isTitle = true
  default: break
  }
  if isTitle && text.count > StructureIssue.maxTitle {
    // The files refuse such a title: refuse it here, before it is journaled.
    s.refuse(s.words.tooLong)
    s.mode = .prompt(prompt, LineEditor(raw))
    return []
  }
  switch prompt {
  case .note(let id):
    return set(&s, id, .note, .text(raw))
  case .current(let id):
    // As the table writes it (92, ≥95): kept as text; the journal keeps
    // every value with its date.
    return set(&s, id, .current, text.isEmpty ? .null : .text(text))
  case .rename(let id):
    guard !text.isEmpty else {
      s.refuse(s.words.needsText)
      return []
    }
    return set(&s, id, .title, .text(text))
  case .problem(let id):
    // A problem is asked for in three steps: what, which unit, by when.
    guard !text.isEmpty else {
      s.refuse(s.words.needsText)
      return []
    }
    guard let i = s.campaign.index[id] else { return [] }
    let lead = s.campaign.nodes[i].lead.map(s.campaign.unitName) ?? ""
    s.mode = .prompt(.problemUnit(id, text: text), LineEditor(lead, selected: true))
    return []
  case .problemUnit(let id, let problemText):
    var unit: String? = nil
    if !text.isEmpty {
      guard let found = s.unit(named: text) else {
        s.refuse(s.words.unknownUnit(text))
        s.mode = .prompt(.problemUnit(id, text: problemText), LineEditor(text))
        return []
      }
      unit = found
    }
    s.mode = .prompt(.problemDue(id, text: problemText, unit: unit), LineEditor())
    return []
  case .problemDue(let id, let problemText, let unit):
    var due: Day? = nil
    if !text.isEmpty {
      guard let day = s.day(from: text) else {
        s.refuse(s.words.badDate(text))
        s.mode = .prompt(.problemDue(id, text: problemText, unit: unit), LineEditor(text))
        return []
      }
      due = day
    }
    let problem = Problem(id: s.newID(), text: problemText, unit: unit, due: due, found: s.config.today)
    let op = Operation.addProblem(node: id, problem: problem)
    return s.change(op, undo: [.setProblem(node: id, problem: problem.id, state: .closed)])
  case .addChild(let parent), .addSibling(let parent):
    guard !text.isEmpty else {
      s.refuse(s.words.needsText)
      return []
    }
    let isChild: Bool
    if case .addChild = prompt { isChild = true } else { isChild = false }
    let node: Node
    var after: String? = nil
    if let p = s.campaign.index[parent] {
      let under = isChild ? s.campaign.nodes[p].id : s.campaign.nodes[p].parent
      let kind: NodeKind = isChild ? (s.campaign.nodes[p].kind == .group ? .task : .item) : s.campaign.nodes[p].kind
      node = Node(id: s.newID(), parent: under, kind: kind, title: text)
      after = isChild ? nil : parent
    } else {
      // The first node of an empty campaign.
      node = Node(id: s.newID(), kind: .group, title: text)
    }
    let op = Operation.addNode(node: node, after: after)
    // Journaled only if it took (the domain refuses a node too deep).
    let effects = s.change(op, undo: [.removeNode(node: node.id)])
    guard let i = s.campaign.index[node.id] else {
      s.refuse(s.words.tooDeep)
      return []
    }
    s.reveal(i)
    return effects
  case .due(let id):
    if text.isEmpty { return set(&s, id, .due, .null) }
    guard let day = s.day(from: text) else {
      s.refuse(s.words.badDate(text))
      return []
    }
    return set(&s, id, .due, .text(day.description))
  case .units(let id):
    let names = text.split(whereSeparator: { "、，,;； ".contains($0) }).map(String.init)
    // Names no unit has (and no part of one unit's name): offered as new
    // units, made once confirmed.
    let unknown = names.filter { s.campaign.units(named: $0).isEmpty }
    if !unknown.isEmpty {
      s.mode = .confirmNewUnits(id, text: text, new: unknown)
      return []
    }
    return setUnits(&s, id, names)
  case .unitFilter:
    guard !text.isEmpty else { return [] }
    s.apply(.unit(text))
    return []
  case .quota, .site, .standard, .planTitle, .planPeriod:
    return answerPlanEdit(&s, prompt, text)
  case .newUnit, .renameUnit, .mergeUnit:
    return answerUnitEdit(&s, prompt, text)
  case .orderWhat, .orderTeam, .orderNote, .orderStars:
    return answerOrder(&s, prompt, text)
  case .pointsLost(let point, let at):
    return answerPointsLost(&s, point, at, text)
  case .scoreNote(let point, let at):
    return answerScoreNote(&s, point, at, text)
  case .evidencePath(let id):
    guard !text.isEmpty else {
      s.refuse(s.words.needsText)
      return []
    }
    s.mode = .prompt(.evidenceCaption(id, path: text), LineEditor())
    return []
  case .evidenceCaption(let id, let path):
    // Back to the card; the app reads the file and answers `.kept`.
    s.mode = .card(id, scroll: 0)
    return [.keepEvidence(node: id, path: path, caption: text)]
  }
}

/// Lead (the first) and supporting units of a node, by the names typed.
func setUnits(_ s: inout State, _ id: String, _ names: [String]) -> [Effect] {
  var ids: [String] = []
  for name in names {
    guard let unit = s.unit(named: name) else {
      s.refuse(s.words.unknownUnit(name))
      s.mode = .prompt(.units(id), LineEditor(names.joined(separator: "、")))
      return []
    }
    if !ids.contains(unit) { ids.append(unit) }
  }
  return set(&s, id, .lead, ids.first.map { .text($0) } ?? .null)
    + set(&s, id, .support, .list(Array(ids.dropFirst())))
}

/// Make these units? Enter or y makes them and sets the node's units; any
/// other key goes back to the text to correct.
func confirmNewUnitsKey(_ s: inout State, _ key: Key, _ id: String, _ text: String, _ new: [String]) -> [Effect] {
  guard key == .enter || key == .character("y") || key == .character("Y") else {
    s.mode = .prompt(.units(id), LineEditor(text))
    return []
  }
  s.mode = .normal
  var effects: [Effect] = []
  for name in new {
    effects += s.change(.addUnit(unit: Domain.Unit(id: s.newID(), name: name)), undo: [])
  }
  let names = text.split(whereSeparator: { "、，,;； ".contains($0) }).map(String.init)
  return effects + setUnits(&s, id, names)
}

func drawConfirmNewUnits(_ s: State, _ screen: inout Screen, _ new: [String]) {
  screen.put(s.words.confirmNewUnits(new), row: s.height - 1, col: 0, style: Style(color: .yellow, bold: true), limit: s.width)
}

extension State {
  /// An answer that will not do: said on the line above the prompt,
  /// which stays open with the text as typed (`promptKey`).
  mutating func refuse(_ why: String) {
    message = why
    refused = true
  }

  /// The unit a typed name means: the one so named, or the only one whose
  /// name contains it (so "教育" finds 市教育局).
  func unit(named name: String) -> String? {
    let found = campaign.units(named: name)
    return found.count == 1 ? found[0].id : nil
  }

  /// A typed date, in the forms a table's 完成时限 takes (2023-06-30,
  /// 2023年6月底, 6月底, 年底, 第二季度…; without a year, this year's),
  /// or +N for N days from today.
  func day(from text: String) -> Day? { Day.typed(text, today: config.today) }
}

extension Prompt {
  /// Where Esc goes: back to the point being scored, else the tree.
  var left: Mode {
    switch self {
    case .pointsLost(let point, let at), .scoreNote(let point, let at): return .scoring(point, at)
    default: return .normal
    }
  }

  /// Prompts whose answer is checked, and kept for correcting when it
  /// will not do (the others answer anything, or move on to a next step).
  var checksItsAnswer: Bool {
    switch self {
    case .note, .unitFilter: return false
    default: return true
    }
  }
}

/// The question and the line being typed, in the footer; what was wrong
/// with the last answer on the line above it.
func drawPrompt(_ s: State, _ screen: inout Screen, _ prompt: Prompt, _ editor: LineEditor) {
  let row = s.height - 1
  if let m = s.message, row >= 1 {
    screen.clear(row: row - 1)
    screen.put(m, row: row - 1, col: 0, style: Style(color: .yellow, bold: true), limit: s.width)
  }
  let used = screen.put(s.words.prompt(prompt), row: row, col: 0, style: .bold, limit: s.width / 2)
  editor.draw(on: &screen, row: row, col: used, width: s.width - used)
}
