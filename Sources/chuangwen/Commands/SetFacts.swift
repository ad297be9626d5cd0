import ArgumentParser
import Domain
import Platform
import Presentation
import WorkspaceFiles

/// `chuangwen set DIR NODE --kind K --quota Q --level … --contact …`: a
/// node's kind and quota (the coordinator's: the plan's structure) and a
/// site's facts (anyone's: who visits a base corrects its contact), as the
/// dashboard's T, Q and S set them.
struct SetFacts: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set",
    abstract: "Set a node's kind or quota (coordinator), or a site's level, category, address or contact.",
    discussion: """
      --quota takes what the dashboard's Q takes: "12次", "120 节", "12次，每月1" (at least one a month), or \
      none to remove it (refused while activities are logged). A site's fact given as "" is cleared.
      """)

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "A node id, or an outline code like 3.1.2.")
  var node: String

  @Option(help: "group | task | item | base | centre | subcentre | institute | station | team | indicator")
  var kind: NodeKind?

  @Option(help: "The quota: 12次, 120 节, \"12次，每月1\", or none.")
  var quota: String?

  @Option(help: "A site's level (全国, 省级…).")
  var level: String?

  @Option(help: "A site's category (旧址, 纪念馆…).")
  var category: String?

  @Option(help: "A site's address.")
  var address: String?

  @Option(help: "A site's contact.")
  var contact: String?

  @Option(help: "true: work with no end date (长期工作, never overdue); false: not.")
  var ongoing: Bool?

  @Option(help: "true: its completion must be proven by evidence (chuangwen evidence --missing); false: not.")
  var needsEvidence: Bool?

  @Option(help: "A standard's points (分值), for mock inspections.")
  var points: Double?

  @Option(help: "A standard's methods: material, site, survey, or 材料审核、实地考察、问卷调查 (comma-separated).")
  var methods: String?

  @Option(help: "The point types a standard applies to (comma-separated; none: every type).")
  var types: String?

  @Option(help: "true: the standard is on the negative list (负面清单).")
  var negative: Bool?

  @OptionGroup var global: GlobalOptions

  var standardGiven: Bool { points != nil || methods != nil || types != nil || negative != nil }

  /// The quota as given: its terms, or nil to remove it.
  var quotaValue: FieldValue? {
    guard let quota else { return nil }
    if quota.trimmingBlanks == "none" { return FieldValue.null }
    return QuotaTerms(typed: quota).map(\.value)
  }

  var siteFacts: [(Field, String)] {
    [(.level, level), (.category, category), (.address, address), (.contact, contact)].compactMap { f, v in v.map { (f, $0) } }
  }

  func validate() throws {
    if let points, !(0...1000).contains(points) { throw ValidationError("--points \(points): expected 0 to 1000") }
    if let methods, StandardFacts.Method.list(methods) == nil {
      throw ValidationError("--methods \(methods.withoutControls()): expected material, site or survey (材料审核、实地考察、问卷调查)")
    }
    if kind == nil && quota == nil && siteFacts.isEmpty && ongoing == nil && needsEvidence == nil && !standardGiven {
      throw ValidationError("give --kind, --quota, --level, --category, --address, --contact, --ongoing, --needs-evidence or a standard's --points, --methods, --types, --negative")
    }
    if let quota, quotaValue == nil {
      throw ValidationError("--quota \(quota.withoutControls()): expected 12次, 120 节, \"12次，每月1\" or none")
    }
    for (field, text) in siteFacts where text.hasTerminalControls {
      throw ValidationError("--\(field.rawValue): expected text without control characters")
    }
  }

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, lock: global.lock("set"))
      printWarnings(ws)
      let i = try resolveNode(node, in: ws)
      let me = try global.identity(in: dir, remember: false)
      let before = ws.campaign.nodes[i]
      var ops: [Domain.Operation] = []
      if let kind { ops.append(.set(node: before.id, field: .kind, value: .text(kind.rawValue))) }
      if let value = quotaValue {
        if value == .null, let logged = before.quota?.activities.count, logged > 0 {
          throw WorkspaceError.usage("--quota none: \(node) has \(logged) activities logged; a quota with activities stays (its target can change)")
        }
        ops.append(.set(node: before.id, field: .quota, value: value))
      }
      if ongoing != nil || needsEvidence != nil {
        var flags = Set(before.flags)
        for (flag, on) in [(NodeFlag.ongoing, ongoing), (.needsEvidence, needsEvidence)] {
          guard let on else { continue }
          if on { flags.insert(flag) } else { flags.remove(flag) }
        }
        ops.append(.set(node: before.id, field: .flags, value: .list(NodeFlag.allCases.filter(flags.contains).map(\.rawValue))))
        // Work with no end date has no deadline: it is never overdue.
        if ongoing == true && before.due != nil { ops.append(.set(node: before.id, field: .due, value: .null)) }
      }
      if standardGiven {
        var facts = before.standard ?? StandardFacts(points: 0, methods: [])
        if let points { facts.points = points }
        if let methods {
          facts.methods = StandardFacts.Method.list(methods)!  // checked in validate()
        }
        if let types {
          facts.types = StandardFacts.parts(types)
          // Standards apply by type: a misspelt one would match no point.
          for t in facts.types { if let why = ws.campaign.unknownType(t) { throw WorkspaceError.usage("--types: " + why) } }
        }
        if let negative { facts.negative = negative }
        ops.append(.set(node: before.id, field: .standard, value: facts.value))
      }
      for (field, text) in siteFacts {
        let t = text.trimmingBlanks
        ops.append(.set(node: before.id, field: field, value: t.isEmpty ? .null : .text(t)))
      }
      // The structural ones from a coordinator only; checked before writing anything.
      if ops.contains(where: \.isStructural) { try global.mayChangeStructure(ws, for: me) }
      ops = ops.filter { op in
        guard case .set(_, let field, let value) = op else { return true }
        return before.value(of: field) != value
      }
      if !ops.isEmpty { try ws.append(ops, device: me.device, user: me.user, at: global.timestamp) }
      let lang = global.language
      let after = ws.campaign.nodes[i]
      var said = ["\(ws.campaign.code(i)) \(after.title)", after.kind.label(lang)]
      if let q = after.quota { said.append(NodeFacts.quota(q) + (q.perMonth.map { lang.pick("，每月至少\($0)", ", ≥\($0) a month") } ?? "")) }
      if !after.flags.isEmpty { said.append(after.flags.map { $0.label(lang) }.joined(separator: "、")) }
      if let f = after.standard { said.append(NodeFacts.standard(f, lang: lang)) }
      if let site = after.site { said.append([site.level, site.category, site.address, site.contact].compactMap { $0 }.joined(separator: " · ")) }
      if ops.isEmpty { said.append(lang.pick("（无变化）", "(unchanged)")) }
      System.say(said.joined(separator: "  "))
    }
  }
}

extension NodeKind: ExpressibleByArgument {}
