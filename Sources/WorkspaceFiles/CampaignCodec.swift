import Domain

/// Where each part of a campaign stood in `campaign.json`, so the rules
/// of the tree (duplicate ids, cycles, unknown units) can name a position.
public struct CampaignSourceMap: Sendable {
  var nodes: [JSONNode] = []
  var units: [JSONNode] = []

  /// Offset of a node's (or unit's) field, or of the object itself.
  public func offset(node: Int?, unit: Int?, field: String, position: Int?) -> Int {
    let object: JSONNode?
    if let node, node < nodes.count { object = nodes[node] } else if let unit, unit < units.count {
      object = units[unit]
    } else { object = nil }
    guard let object, case .object(let members) = object.value else { return object?.offset ?? 0 }
    var key = field
    if field == "activities" { key = "quota" }
    guard let m = members.first(where: { $0.key == key }) else { return object.offset }
    if field == "activities", case .object(let quota) = m.value.value,
      let acts = quota.first(where: { $0.key == "activities" }),
      case .array(let items) = acts.value.value, let position, position < items.count {
      return items[position].offset
    }
    if let position, case .array(let items) = m.value.value, position < items.count {
      return items[position].offset
    }
    return field == "id" || field == "parent" ? m.value.offset : m.value.offset
  }
}

/// campaign.json ⇄ `Campaign`.
public enum CampaignCodec {
  // MARK: Writing

  /// The file's text: a few top-level lines, then one unit and one node a
  /// line, so a diff shows which node changed and an error's line names it.
  public static func encode(_ c: Campaign) -> String {
    var out = "{\n"
    out += "  \"schema\": \(Campaign.schemaVersion),\n"
    out += "  \"id\": " + JSONWriter.line(.string(c.id)) + ",\n"
    out += "  \"title\": " + JSONWriter.line(.string(c.title)) + ",\n"
    if let s = c.start { out += "  \"start\": \"\(s)\",\n" }
    if let e = c.end { out += "  \"end\": \"\(e)\",\n" }
    out += "  \"source\": " + JSONWriter.line(.string(c.source)) + ",\n"
    out += "  \"units\": " + lines(c.units.map(unitJSON)) + ",\n"
    out += "  \"nodes\": " + lines(c.nodes.map(nodeJSON))
    if let k = c.compaction { out += ",\n  \"compaction\": " + compactionText(k, stamps: c.stamps) }
    out += "\n}\n"
    return out
  }

  /// The compaction record: its facts on one line, then one stamp a line
  /// as `[node, field, clock, device]`, sorted so the file is stable.
  static func compactionText(_ k: Compaction, stamps: [Register: Stamp]) -> String {
    var o = ObjectBuilder()
    o.add("generation", k.generation)
    o.add("clock", k.clock)
    o.add("at", k.at)
    o.add("by", k.by)
    var devices = ObjectBuilder()
    for d in k.devices.keys.sorted() {
      var m = ObjectBuilder()
      m.add("seq", k.devices[d]!.seq)
      m.add("hash", k.devices[d]!.hash)
      devices.add(d, m.value)
    }
    o.add("devices", devices.value)
    let head = JSONWriter.line(o.value)
    let rows = stamps.sorted { ($0.key.node, $0.key.name) < ($1.key.node, $1.key.name) }.map { r, st in
      "    " + JSONWriter.line(.array([.string(r.node), .string(r.name), .number(String(st.clock)), .string(st.device)].map { JSONNode($0) }))
    }
    let list = rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n  ]"
    return String(head.dropLast()) + ", \"stamps\": " + list + "}"
  }

  private static func lines(_ values: [JSONValue]) -> String {
    if values.isEmpty { return "[]" }
    return "[\n" + values.map { "    " + JSONWriter.line($0) }.joined(separator: ",\n") + "\n  ]"
  }

  static func unitJSON(_ u: Unit) -> JSONValue {
    var o = ObjectBuilder()
    o.add("id", u.id)
    o.add("name", u.name)
    return o.value
  }

  public static func nodeJSON(_ n: Node) -> JSONValue {
    var o = ObjectBuilder()
    o.add("id", n.id)
    o.add("parent", n.parent)
    o.add("kind", n.kind.rawValue)
    o.add("title", n.title)
    o.add("lead", n.lead)
    if !n.support.isEmpty { o.add("support", strings: n.support) }
    o.add("due", n.due?.description)
    o.add("status", n.status.rawValue)
    if !n.note.isEmpty { o.add("note", n.note) }
    o.add("quota", n.quota.map(quotaJSON))
    o.add("indicator", n.indicator.map(indicatorJSON))
    if let s = n.site, !s.isEmpty { o.add("site", siteJSON(s)) }
    if !n.problems.isEmpty {
      o.add("problems", JSONValue.array(n.problems.map { JSONNode(problemJSON($0)) }))
    }
    return o.value
  }

  static func quotaJSON(_ q: Quota) -> JSONValue {
    var o = ObjectBuilder()
    o.add("target", q.target)
    o.add("perMonth", q.perMonth)
    o.add("unit", q.unit)
    if !q.activities.isEmpty {
      o.add("activities", JSONValue.array(q.activities.map { JSONNode(activityJSON($0)) }))
    }
    return o.value
  }

  public static func activityJSON(_ a: Activity) -> JSONValue {
    var o = ObjectBuilder()
    o.add("id", a.id)
    o.add("date", a.date.description)
    o.add("count", a.count)
    if !a.note.isEmpty { o.add("note", a.note) }
    return o.value
  }

  static func indicatorJSON(_ i: Indicator) -> JSONValue {
    var o = ObjectBuilder()
    o.add("unit", i.unit)
    o.add("baseline", i.baseline)
    o.add("baselineYear", i.baselineYear)
    o.add("target", i.target)
    o.add("targetYear", i.targetYear)
    o.add("current", i.current)
    o.add("attribute", i.attribute.rawValue)
    return o.value
  }

  static func siteJSON(_ s: Site) -> JSONValue {
    var o = ObjectBuilder()
    o.add("address", s.address)
    o.add("level", s.level)
    o.add("contact", s.contact)
    o.add("category", s.category)
    return o.value
  }

  public static func problemJSON(_ p: Problem) -> JSONValue {
    var o = ObjectBuilder()
    o.add("id", p.id)
    o.add("text", p.text)
    o.add("unit", p.unit)
    o.add("due", p.due?.description)
    o.add("state", p.state.rawValue)
    o.add("found", p.found?.description)
    return o.value
  }

  // MARK: Reading

  static let campaignKeys: Set<String> = ["schema", "id", "title", "start", "end", "source", "units", "nodes", "compaction"]
  static let nodeKeys: Set<String> = [
    "id", "parent", "kind", "title", "lead", "support", "due", "status", "note",
    "quota", "indicator", "site", "problems",
  ]

  /// Reads a parsed campaign.json. Throws the first error in file order.
  public static func decode(_ root: JSONNode) throws(DataError) -> (Campaign, CampaignSourceMap) {
    // The schema first, so a newer file is refused before anything else.
    if case .object(let members) = root.value, let s = members.first(where: { $0.key == "schema" }) {
      if case .number(let n) = s.value.value, let v = Int(n), v > Campaign.schemaVersion {
        throw DataError(offset: s.value.offset, message: "schema \(v) is newer than this chuangwen reads (\(Campaign.schemaVersion)): update chuangwen to open this workspace")
      }
    }
    let r = try ObjectReader(root, what: "the campaign", allowed: campaignKeys)
    guard let schema = try r.int("schema") else {
      throw DataError(offset: root.offset, message: "the campaign needs \"schema\": \(Campaign.schemaVersion)")
    }
    guard schema >= 1 else {
      throw DataError(offset: r.offset(of: "schema"), message: "expected schema 1 to \(Campaign.schemaVersion), found \(schema)")
    }
    var map = CampaignSourceMap()
    var units: [Unit] = []
    for u in try r.array("units") ?? [] {
      units.append(try unit(u))
      map.units.append(u)
    }
    var nodes: [Node] = []
    let nodeItems = try r.array("nodes") ?? []
    nodes.reserveCapacity(nodeItems.count)
    map.nodes = nodeItems
    for item in nodeItems { nodes.append(try node(item)) }
    var campaign = Campaign(
      id: try r.string("id") ?? "", title: try r.requiredString("title"),
      start: try r.day("start"), end: try r.day("end"), source: try r.string("source") ?? "",
      units: units, nodes: nodes)
    if let k = r.member("compaction") { try compaction(k.value, into: &campaign) }
    return (campaign, map)
  }

  static func unit(_ item: JSONNode) throws(DataError) -> Unit {
    let ur = try ObjectReader(item, what: "a unit", allowed: ["id", "name"])
    return Unit(id: try ur.requiredString("id"), name: try ur.requiredString("name"))
  }

  static func compaction(_ item: JSONNode, into c: inout Campaign) throws(DataError) {
    let what = "the compaction record"
    let r = try ObjectReader(item, what: what, allowed: ["generation", "clock", "at", "by", "devices", "stamps"])
    guard let generation = try r.int("generation"), generation >= 1, let clock = try r.int("clock"), clock >= 0 else {
      throw DataError(offset: item.offset, message: "\(what) needs \"generation\" (1 or more) and \"clock\" (0 or more)")
    }
    var devices: [String: Compaction.Mark] = [:]
    if let d = r.member("devices") {
      guard case .object(let members) = d.value.value else {
        throw DataError(offset: d.value.offset, message: "expected \"devices\" as an object of device → {seq, hash}")
      }
      for m in members {
        let mr = try ObjectReader(m.value, what: "the mark of device \"\(m.key)\"", allowed: ["seq", "hash"])
        guard let seq = try mr.int("seq"), seq >= 0 else {
          throw DataError(offset: m.value.offset, message: "the mark of device \"\(m.key)\" needs \"seq\": a whole number")
        }
        devices[m.key] = Compaction.Mark(seq: seq, hash: try mr.requiredString("hash"))
      }
    }
    for row in try r.array("stamps") ?? [] {
      guard case .array(let cells) = row.value, cells.count == 4,
        case .string(let node) = cells[0].value, case .string(let name) = cells[1].value,
        case .number(let n) = cells[2].value, let clock = Int(n), (0...ObjectReader.largestWhole).contains(clock),
        case .string(let device) = cells[3].value
      else {
        throw DataError(offset: row.offset, message: "expected a stamp as [node, field, clock, device], its clock a whole number from 0 to \(ObjectReader.largestWhole)")
      }
      c.stamps[Register(node: node, name: name)] = Stamp(clock: clock, device: device)
    }
    c.compaction = Compaction(generation: generation, clock: clock, at: try r.string("at") ?? "",
                              by: try r.string("by") ?? "", devices: devices)
  }

  public static func node(_ item: JSONNode) throws(DataError) -> Node {
    var what = "a node"
    if case .object(let ms) = item.value, let idm = ms.first(where: { $0.key == "id" }),
      case .string(let id) = idm.value.value {
      what = "node \"\(id)\""
    }
    let r = try ObjectReader(item, what: what, allowed: nodeKeys)
    let id = try r.requiredString("id")
    guard let kind = try r.choice("kind", NodeKind.self, all: NodeKind.allCases) else {
      throw DataError(offset: item.offset, message: "\(what) needs a \"kind\": one of \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var n = Node(id: id, parent: try r.string("parent"), kind: kind,
                 title: try r.requiredString("title"))
    n.lead = try r.string("lead")
    n.support = try r.strings("support")
    n.due = try r.day("due")
    n.status = try r.choice("status", Status.self, all: Status.allCases) ?? .todo
    n.note = try r.string("note") ?? ""
    if let q = r.member("quota"), !isNull(q.value) { n.quota = try quota(q.value, what) }
    if let i = r.member("indicator"), !isNull(i.value) { n.indicator = try indicator(i.value, what) }
    if let s = r.member("site"), !isNull(s.value) { n.site = try site(s.value, what) }
    for p in try r.array("problems") ?? [] { n.problems.append(try problem(p, what)) }
    return n
  }

  private static func isNull(_ n: JSONNode) -> Bool {
    if case .null = n.value { return true }
    return false
  }

  static func quota(_ item: JSONNode, _ owner: String) throws(DataError) -> Quota {
    let r = try ObjectReader(item, what: "the quota of \(owner)", allowed: ["target", "perMonth", "unit", "activities"])
    guard let target = try r.int("target"), target >= 0 else {
      throw DataError(offset: r.offset(of: "target"), message: "the quota of \(owner) needs a \"target\": a whole number of 0 or more")
    }
    var q = Quota(target: target, perMonth: try r.int("perMonth"), unit: try r.string("unit") ?? "次")
    for a in try r.array("activities") ?? [] { q.activities.append(try activity(a, owner)) }
    return q
  }

  public static func activity(_ item: JSONNode, _ owner: String) throws(DataError) -> Activity {
    let r = try ObjectReader(item, what: "an activity of \(owner)", allowed: ["id", "date", "count", "note"])
    guard let date = try r.day("date") else {
      throw DataError(offset: item.offset, message: "an activity of \(owner) needs a \"date\" YYYY-MM-DD")
    }
    return Activity(id: try r.requiredString("id"), date: date, count: try r.int("count") ?? 1,
                    note: try r.string("note") ?? "")
  }

  static func indicator(_ item: JSONNode, _ owner: String) throws(DataError) -> Indicator {
    let r = try ObjectReader(item, what: "the indicator of \(owner)", allowed: [
      "unit", "baseline", "baselineYear", "target", "targetYear", "current", "attribute",
    ])
    return Indicator(
      unit: try r.string("unit") ?? "", baseline: try r.string("baseline") ?? "",
      baselineYear: try r.int("baselineYear") ?? 2020, target: try r.string("target") ?? "",
      targetYear: try r.int("targetYear") ?? 2025, current: try r.string("current"),
      attribute: try r.choice("attribute", Indicator.Attribute.self, all: Indicator.Attribute.allCases) ?? .expected)
  }

  static func site(_ item: JSONNode, _ owner: String) throws(DataError) -> Site {
    let r = try ObjectReader(item, what: "the site of \(owner)", allowed: ["address", "level", "contact", "category"])
    return Site(address: try r.string("address"), level: try r.string("level"),
                contact: try r.string("contact"), category: try r.string("category"))
  }

  public static func problem(_ item: JSONNode, _ owner: String) throws(DataError) -> Problem {
    let r = try ObjectReader(item, what: "a problem of \(owner)", allowed: ["id", "text", "unit", "due", "state", "found"])
    return Problem(
      id: try r.requiredString("id"), text: try r.requiredString("text"), unit: try r.string("unit"),
      due: try r.day("due"), state: try r.choice("state", Problem.State.self, all: Problem.State.allCases) ?? .open,
      found: try r.day("found"))
  }
}
