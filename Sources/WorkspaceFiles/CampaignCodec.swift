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

  /// The file's text as one string (tests, small files); a file is
  /// written with `write(_:toFile:)`, a chunk at a time.
  public static func encode(_ c: Campaign) -> String {
    var text = ""
    write(c, chunk: .max) { (bytes: UnsafeBufferPointer<UInt8>) in text += String(decoding: bytes, as: UTF8.self) }
    return text
  }

  /// Writes campaign.json (or an export of it) atomically, as it is made:
  /// a megabyte at a time into a temporary file that then replaces `path`
  /// (`FileIO.writeAtomically(_:producing:)`).
  public static func write(_ c: Campaign, toFile path: String) throws(WorkspaceError) {
    try FileIO.writeAtomically(path) { (put) throws(WorkspaceError) in try write(c, to: put) }
  }

  /// The file's text: a few top-level lines, then one unit and one node a
  /// line, so a diff shows which node changed and an error's line names it.
  /// It is handed to `drain` whenever `chunk` bytes or more are gathered
  /// (at the end of a line), and the rest at the end.
  public static func write<E: Error>(_ c: Campaign, chunk: Int = 1 << 20,
                                     to drain: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
    var w = JSONOutput(capacity: chunk == .max ? 1 << 16 : chunk + (64 << 10))
    func flush() throws(E) {
      try drain(w.bytes)
      w.removeAll()
    }
    // One member a line, `,` and a line break between them.
    var started = false
    func member(_ k: CampaignKey) {
      w.raw(started ? ",\n  \"" : "{\n  \"")
      started = true
      w.raw(k.rawValue)
      w.raw("\": ")
    }
    /// An array of one element a line, or `[]`.
    func lines(count: Int, _ element: (Int, inout JSONOutput) -> Void) throws(E) {
      if count == 0 {
        w.raw("[]")
        return
      }
      w.raw("[\n")
      for k in 0..<count {
        w.raw(k == 0 ? "    " : ",\n    ")
        element(k, &w)
        if w.count >= chunk { try flush() }
      }
      w.raw("\n  ]")
    }
    member(.schema)
    w.int(Campaign.schemaVersion)
    member(.id)
    w.string(c.id)
    member(.title)
    w.string(c.title)
    if let s = c.start {
      member(.start)
      w.day(s)
    }
    if let e = c.end {
      member(.end)
      w.day(e)
    }
    member(.source)
    w.string(c.source)
    member(.units)
    try c.units.withUnsafeBufferPointer { (units) throws(E) in
      try lines(count: units.count) { k, w in write(units[k], to: &w) }
    }
    member(.nodes)
    // In place: copying a node out would retain and release its strings.
    try c.nodes.withUnsafeBufferPointer { (nodes) throws(E) in
      try lines(count: nodes.count) { k, w in write(nodes[k], to: &w) }
    }
    if let k = c.compaction {
      member(.compaction)
      var facts = openCompaction(k, to: &w)
      // Then one stamp a line as `[node, field, clock, device]`, sorted so
      // the file is stable.
      w.key(CompactionKey.stamps, &facts)
      let rows = c.stamps.sorted { ($0.key.node, $0.key.name) < ($1.key.node, $1.key.name) }
      try lines(count: rows.count) { n, w in
        let (r, stamp) = rows[n]
        w.byte(UInt8(ascii: "["))
        w.string(r.node)
        w.raw(", ")
        w.string(r.name)
        w.raw(", ")
        w.int(stamp.clock)
        w.raw(", ")
        w.string(stamp.device)
        w.byte(UInt8(ascii: "]"))
      }
      w.endObject()
    }
    w.raw("\n}\n")
    try flush()
  }

  /// The compaction record's facts, on one line; the object is left open
  /// for its stamps, which follow one a line (`write(_:chunk:to:)`).
  static func openCompaction(_ k: Compaction, to w: inout JSONOutput) -> Bool {
    typealias K = CompactionKey
    var s = w.beginObject()
    w.key(K.generation, &s)
    w.int(k.generation)
    w.key(K.clock, &s)
    w.int(k.clock)
    w.key(K.at, &s)
    w.string(k.at)
    w.key(K.by, &s)
    w.string(k.by)
    w.key(K.devices, &s)
    var d = w.beginObject()
    for device in k.devices.keys.sorted() {
      let mark = k.devices[device]!
      w.key(device, &d)
      var m = w.beginObject()
      w.key(MarkKey.seq, &m)
      w.int(mark.seq)
      w.key(MarkKey.hash, &m)
      w.string(mark.hash)
      w.endObject()
    }
    w.endObject()
    return s
  }

  static func write(_ u: Unit, to w: inout JSONOutput) {
    var s = w.beginObject()
    w.key(UnitKey.id, &s)
    w.string(u.id)
    w.key(UnitKey.name, &s)
    w.string(u.name)
    w.endObject()
  }

  static func write(_ n: Node, to w: inout JSONOutput) {
    typealias K = NodeKey
    var s = w.beginObject()
    w.key(K.id, &s)
    w.string(n.id)
    if let p = n.parent {
      w.key(K.parent, &s)
      w.string(p)
    }
    w.key(K.kind, &s)
    w.string(n.kind.rawValue)
    w.key(K.title, &s)
    w.string(n.title)
    if let l = n.lead {
      w.key(K.lead, &s)
      w.string(l)
    }
    if !n.support.isEmpty {
      w.key(K.support, &s)
      w.strings(n.support)
    }
    if let d = n.due {
      w.key(K.due, &s)
      w.day(d)
    }
    w.key(K.status, &s)
    w.string(n.status.rawValue)
    if !n.note.isEmpty {
      w.key(K.note, &s)
      w.string(n.note)
    }
    if n.hasQuota, let q = n.quota {
      w.key(K.quota, &s)
      write(q, to: &w)
    }
    if let i = n.indicator {
      w.key(K.indicator, &s)
      write(i, to: &w)
    }
    if let site = n.site, !site.isEmpty {
      w.key(K.site, &s)
      write(site, to: &w)
    }
    if !n.problems.isEmpty {
      w.key(K.problems, &s)
      w.byte(UInt8(ascii: "["))
      var e = false
      for p in n.problems {
        w.separator(&e)
        write(p, to: &w)
      }
      w.byte(UInt8(ascii: "]"))
    }
    w.endObject()
  }

  static func write(_ q: Quota, to w: inout JSONOutput) {
    typealias K = QuotaKey
    var s = w.beginObject()
    w.key(K.target, &s)
    w.int(q.target)
    if let m = q.perMonth {
      w.key(K.perMonth, &s)
      w.int(m)
    }
    w.key(K.unit, &s)
    w.string(q.unit)
    if !q.activities.isEmpty {
      w.key(K.activities, &s)
      w.byte(UInt8(ascii: "["))
      var e = false
      for a in q.activities {
        w.separator(&e)
        write(a, to: &w)
      }
      w.byte(UInt8(ascii: "]"))
    }
    w.endObject()
  }

  static func write(_ a: Activity, to w: inout JSONOutput) {
    typealias K = ActivityKey
    var s = w.beginObject()
    w.key(K.id, &s)
    w.string(a.id)
    w.key(K.date, &s)
    w.day(a.date)
    w.key(K.count, &s)
    w.int(a.count)
    if !a.note.isEmpty {
      w.key(K.note, &s)
      w.string(a.note)
    }
    w.endObject()
  }

  static func write(_ i: Indicator, to w: inout JSONOutput) {
    typealias K = IndicatorKey
    var s = w.beginObject()
    w.key(K.unit, &s)
    w.string(i.unit)
    w.key(K.baseline, &s)
    w.string(i.baseline)
    w.key(K.baselineYear, &s)
    w.int(i.baselineYear)
    w.key(K.target, &s)
    w.string(i.target)
    w.key(K.targetYear, &s)
    w.int(i.targetYear)
    if let c = i.current {
      w.key(K.current, &s)
      w.string(c)
    }
    w.key(K.attribute, &s)
    w.string(i.attribute.rawValue)
    w.endObject()
  }

  static func write(_ site: Site, to w: inout JSONOutput) {
    typealias K = SiteKey
    var s = w.beginObject()
    for (k, v) in [(K.address, site.address), (K.level, site.level), (K.contact, site.contact), (K.category, site.category)] {
      guard let v else { continue }
      w.key(k, &s)
      w.string(v)
    }
    w.endObject()
  }

  static func write(_ p: Problem, to w: inout JSONOutput) {
    typealias K = ProblemKey
    var s = w.beginObject()
    w.key(K.id, &s)
    w.string(p.id)
    w.key(K.text, &s)
    w.string(p.text)
    if let u = p.unit {
      w.key(K.unit, &s)
      w.string(u)
    }
    if let d = p.due {
      w.key(K.due, &s)
      w.day(d)
    }
    w.key(K.state, &s)
    w.string(p.state.rawValue)
    if let f = p.found {
      w.key(K.found, &s)
      w.day(f)
    }
    w.endObject()
  }

  // MARK: Reading

  /// Reads a parsed campaign.json. Throws the first error in file order.
  public static func decode(_ root: JSONNode) throws(DataError) -> (Campaign, CampaignSourceMap) {
    // The schema first, so a newer file is refused before anything else.
    if case .object(let members) = root.value, let s = members.first(where: { $0.key == CampaignKey.schema.rawValue }) {
      if case .number(let n) = s.value.value, let v = Int(n), v > Campaign.schemaVersion {
        throw DataError(offset: s.value.offset, message: "schema \(v) is newer than this chuangwen reads (\(Campaign.schemaVersion)): update chuangwen to open this workspace")
      }
    }
    let r = try ObjectReader<CampaignKey>(root, what: "the campaign")
    guard let schema = try r.int(.schema) else {
      throw DataError(offset: root.offset, message: "the campaign needs \"\(CampaignKey.schema.rawValue)\": \(Campaign.schemaVersion)")
    }
    guard schema >= 1 else {
      throw DataError(offset: r.offset(of: .schema), message: "expected schema 1 to \(Campaign.schemaVersion), found \(schema)")
    }
    var map = CampaignSourceMap()
    var units: [Unit] = []
    for u in try r.array(.units) ?? [] {
      units.append(try unit(u))
      map.units.append(u)
    }
    var nodes: [Node] = []
    let nodeItems = try r.array(.nodes) ?? []
    nodes.reserveCapacity(nodeItems.count)
    map.nodes = nodeItems
    for item in nodeItems { nodes.append(try node(item)) }
    var campaign = Campaign(
      id: try r.string(.id) ?? "", title: try r.requiredString(.title),
      start: try r.day(.start), end: try r.day(.end), source: try r.string(.source) ?? "",
      units: units, nodes: nodes)
    if let k = r.member(.compaction) { try compaction(k.value, into: &campaign) }
    return (campaign, map)
  }

  static func unit(_ item: JSONNode) throws(DataError) -> Unit {
    let ur = try ObjectReader<UnitKey>(item, what: "a unit")
    return Unit(id: try ur.requiredString(.id), name: try ur.requiredString(.name))
  }

  static func compaction(_ item: JSONNode, into c: inout Campaign) throws(DataError) {
    let what = "the compaction record"
    let r = try ObjectReader<CompactionKey>(item, what: what)
    guard let generation = try r.int(.generation), generation >= 1, let clock = try r.int(.clock), clock >= 0 else {
      throw DataError(offset: item.offset, message: "\(what) needs \"\(CompactionKey.generation.rawValue)\" (1 or more) and \"\(CompactionKey.clock.rawValue)\" (0 or more)")
    }
    var devices: [String: Compaction.Mark] = [:]
    if let d = r.member(.devices) {
      guard case .object(let members) = d.value.value else {
        throw DataError(offset: d.value.offset, message: "expected \"\(CompactionKey.devices.rawValue)\" as an object of device → {\(MarkKey.table.cases.map(\.rawValue).joined(separator: ", "))}")
      }
      for m in members {
        let mr = try ObjectReader<MarkKey>(m.value, what: "the mark of device \"\(m.key)\"")
        guard let seq = try mr.int(.seq), seq >= 0 else {
          throw DataError(offset: m.value.offset, message: "the mark of device \"\(m.key)\" needs \"\(MarkKey.seq.rawValue)\": a whole number")
        }
        devices[m.key] = Compaction.Mark(seq: seq, hash: try mr.requiredString(.hash))
      }
    }
    for row in try r.array(.stamps) ?? [] {
      guard case .array(let cells) = row.value, cells.count == 4,
        case .string(let node) = cells[0].value, case .string(let name) = cells[1].value,
        case .number(let n) = cells[2].value, let clock = Int(n), (0...WholeNumbers.largest).contains(clock),
        case .string(let device) = cells[3].value
      else {
        throw DataError(offset: row.offset, message: "expected a stamp as [node, field, clock, device], its clock a whole number from 0 to \(WholeNumbers.largest)")
      }
      c.stamps[Register(node: node, name: name)] = Stamp(clock: clock, device: device)
    }
    c.compaction = Compaction(generation: generation, clock: clock, at: try r.string(.at) ?? "",
                              by: try r.string(.by) ?? "", devices: devices)
  }

  public static func node(_ item: JSONNode) throws(DataError) -> Node {
    var what = "a node"
    if case .object(let ms) = item.value, let idm = ms.first(where: { $0.key == NodeKey.id.rawValue }),
      case .string(let id) = idm.value.value {
      what = "node \"\(id)\""
    }
    let r = try ObjectReader<NodeKey>(item, what: what)
    let id = try r.requiredString(.id)
    guard let kind = try r.choice(.kind, NodeKind.self, all: NodeKind.allCases) else {
      throw DataError(offset: item.offset, message: "\(what) needs a \"\(NodeKey.kind.rawValue)\": one of \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var n = Node(id: id, parent: try r.string(.parent), kind: kind,
                 title: try r.requiredString(.title))
    n.lead = try r.string(.lead)
    n.support = try r.strings(.support)
    n.due = try r.day(.due)
    n.status = try r.choice(.status, Status.self, all: Status.allCases) ?? .todo
    n.note = try r.string(.note) ?? ""
    if let q = r.member(.quota), !isNull(q.value) { n.quota = try quota(q.value, what) }
    if let i = r.member(.indicator), !isNull(i.value) { n.indicator = try indicator(i.value, what) }
    if let s = r.member(.site), !isNull(s.value) { n.site = try site(s.value, what) }
    for p in try r.array(.problems) ?? [] { n.problems.append(try problem(p, what)) }
    return n
  }

  private static func isNull(_ n: JSONNode) -> Bool {
    if case .null = n.value { return true }
    return false
  }

  static func quota(_ item: JSONNode, _ owner: String) throws(DataError) -> Quota {
    let r = try ObjectReader<QuotaKey>(item, what: "the quota of \(owner)")
    guard let target = try r.int(.target), target >= 0 else {
      throw DataError(offset: r.offset(of: .target), message: "the quota of \(owner) needs a \"\(QuotaKey.target.rawValue)\": a whole number of 0 or more")
    }
    // Without a "unit", the measure word is Quota's default (次).
    var q = Quota(target: target, perMonth: try r.int(.perMonth))
    if let unit = try r.string(.unit) { q.unit = unit }
    for a in try r.array(.activities) ?? [] { q.activities.append(try activity(a, owner)) }
    return q
  }

  public static func activity(_ item: JSONNode, _ owner: String) throws(DataError) -> Activity {
    let r = try ObjectReader<ActivityKey>(item, what: "an activity of \(owner)")
    guard let date = try r.day(.date) else {
      throw DataError(offset: item.offset, message: "an activity of \(owner) needs a \"\(ActivityKey.date.rawValue)\" YYYY-MM-DD")
    }
    return Activity(id: try r.requiredString(.id), date: date, count: try r.int(.count) ?? 1,
                    note: try r.string(.note) ?? "")
  }

  static func indicator(_ item: JSONNode, _ owner: String) throws(DataError) -> Indicator {
    let r = try ObjectReader<IndicatorKey>(item, what: "the indicator of \(owner)")
    return Indicator(
      unit: try r.string(.unit) ?? "", baseline: try r.string(.baseline) ?? "",
      baselineYear: try r.int(.baselineYear) ?? 2020, target: try r.string(.target) ?? "",
      targetYear: try r.int(.targetYear) ?? 2025, current: try r.string(.current),
      attribute: try r.choice(.attribute, Indicator.Attribute.self, all: Indicator.Attribute.allCases) ?? .expected)
  }

  static func site(_ item: JSONNode, _ owner: String) throws(DataError) -> Site {
    let r = try ObjectReader<SiteKey>(item, what: "the site of \(owner)")
    return Site(address: try r.string(.address), level: try r.string(.level),
                contact: try r.string(.contact), category: try r.string(.category))
  }

  public static func problem(_ item: JSONNode, _ owner: String) throws(DataError) -> Problem {
    let r = try ObjectReader<ProblemKey>(item, what: "a problem of \(owner)")
    return Problem(
      id: try r.requiredString(.id), text: try r.requiredString(.text), unit: try r.string(.unit),
      due: try r.day(.due), state: try r.choice(.state, Problem.State.self, all: Problem.State.allCases) ?? .open,
      found: try r.day(.found))
  }
}
