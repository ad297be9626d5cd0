import Domain
import Platform

/// `Campaign` → campaign.json (read by `CampaignReader`).
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
  /// (at the end of a line, or of a block of node lines made on another
  /// thread), and the rest at the end.
  /// `nodes: false` writes `"nodes": []` (the open's cache keeps them apart).
  public static func write<E: Error>(_ c: Campaign, chunk: Int = 1 << 20, nodes withNodes: Bool = true,
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
        startLine(k, &w)
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
    if !c.settings.isDefault {
      member(.settings)
      var m = w.beginObject()
      w.key(SettingsKey.dispatchDays, &m)
      w.int(c.settings.dispatchDays)
      w.key(SettingsKey.finishDays, &m)
      w.int(c.settings.finishDays)
      w.key(SettingsKey.evidenceMB, &m)
      w.int(c.settings.evidenceMB)
      if !c.settings.pointTypes.isEmpty {
        w.key(SettingsKey.pointTypes, &m)
        w.strings(c.settings.pointTypes)
      }
      w.endObject()
    }
    member(.units)
    try c.units.withUnsafeBufferPointer { (units) throws(E) in
      try lines(count: units.count) { k, w in write(units[k], to: &w) }
    }
    if c.roles.areKept {
      member(.roles)
      var m = w.beginObject()
      for device in c.roles.granted.keys.sorted() {
        w.key(device, &m)
        w.string(c.roles.granted[device]!.rawValue)
      }
      w.endObject()
    }
    if !c.roles.revoked.isEmpty {
      member(.revoked)
      var m = w.beginObject()
      for device in c.roles.revoked.keys.sorted() {
        w.key(device, &m)
        w.int(c.roles.revoked[device]!)
      }
      w.endObject()
    }
    /// A top-level list of the plan's own (orders, evidence, inspection
    /// points and rounds), left out while empty.
    func list<T>(_ k: CampaignKey, _ items: [T], _ one: (T, inout JSONOutput) -> Void) throws(E) {
      guard !items.isEmpty else { return }
      member(k)
      try items.withUnsafeBufferPointer { (all) throws(E) in try lines(count: all.count) { n, w in one(all[n], &w) } }
    }
    try list(.orders, c.orders) { write($0, to: &$1) }
    try list(.evidence, c.evidence) { write($0, to: &$1) }
    try list(.points, c.points) { write($0, to: &$1) }
    try list(.rounds, c.rounds) { write($0, to: &$1) }
    /// The nodes as `lines` writes them, every other block of them made
    /// on another thread meanwhile and handed on after the block before
    /// it: on one thread, a million nodes' lines were 700 ms of
    /// `compact`'s 1.5 s with the other core idle.
    func nodeLines(_ nodes: UnsafeMutableBufferPointer<Node>) throws(E) {
      let block = 4_096
      guard nodes.count > block else {
        try lines(count: nodes.count) { k, w in write(&nodes[k], to: &w) }
        return
      }
      w.raw("[\n")
      let other = OtherLines(nodes, capacity: block * 256)
      var from = 0
      while from < nodes.count {
        let mid = min(from + block, nodes.count), end = min(mid + block, nodes.count)
        let thread = mid < end ? WorkerThread.start { other.make(mid..<end) } : nil
        var failed: E? = nil
        do throws(E) {
          for k in from..<mid {
            startLine(k, &w)
            write(&nodes[k], to: &w)
            if w.count >= chunk { try flush() }
          }
        } catch {
          failed = error
        }
        // Joined before anything is thrown: the thread reads the nodes.
        if let thread { thread.join() } else if mid < end { other.make(mid..<end) }
        if let failed { throw failed }
        // After the lines before them (a copy: handed on as they are,
        // those would go in a piece of their own, however short).
        if mid < end {
          w.append(other.w.bytes)
          if w.count >= chunk { try flush() }
        }
        from = end
      }
      w.raw("\n  ]")
    }
    member(.nodes)
    // Each node handed on by address (`Campaign.withNodesInPlace`).
    try c.withNodesInPlace { (nodes) throws(E) in
      try nodeLines(withNodes ? nodes : UnsafeMutableBufferPointer(start: nil, count: 0))
    }
    if let k = c.compaction {
      member(.compaction)
      var facts = openCompaction(k, to: &w)
      // Then one stamp a line as `[node, field, clock, device]`, sorted so
      // the file is stable.
      w.key(CompactionKey.stamps, &facts)
      let rows = c.settledStamps.sorted { ($0.key.node, $0.key.name) < ($1.key.node, $1.key.name) }
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
    if let device = k.device {
      w.key(K.device, &s)
      w.string(device)
    }
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
      if let key = mark.key {
        w.key(MarkKey.key, &m)
        w.string(key)
      }
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

  /// The start of an array's `k`th element, one a line.
  @inline(__always) static func startLine(_ k: Int, _ w: inout JSONOutput) {
    w.raw(k == 0 ? "    " : ",\n    ")
  }

  /// A block of node lines made on another thread (`write(_:chunk:…)`),
  /// into memory kept from one block to the next.
  private final class OtherLines: @unchecked Sendable {
    let nodes: UnsafeMutableBufferPointer<Node>
    var w: JSONOutput
    init(_ nodes: UnsafeMutableBufferPointer<Node>, capacity: Int) {
      self.nodes = nodes
      w = JSONOutput(capacity: capacity)
    }
    func make(_ range: Range<Int>) {
      w.removeAll()
      for k in range {
        CampaignCodec.startLine(k, &w)
        CampaignCodec.write(&nodes[k], to: &w)
      }
    }
  }

  /// A node's line (an event's node: copied, as `inout` needs).
  static func write(_ n: Node, to w: inout JSONOutput) {
    var n = n
    write(&n, to: &w)
  }

  /// A node's line, of the node where it lies, which is not changed: by
  /// address (`Campaign.withNodesInPlace`), not copied. Its
  /// texts are written from their bytes where they lie: made into Strings
  /// and a `CompactText` first, each node's retained and released the
  /// block of texts it shares with the other nodes', from both of the
  /// writer's threads at once.
  static func write(_ n: inout Node, to w: inout JSONOutput) {
    typealias K = NodeKey
    var s = w.beginObject()
    w.key(K.id, &s)
    n.texts.withID { w.string(utf8: $0) }
    n.texts.withParent { parent in
      guard let parent else { return }
      w.key(K.parent, &s)
      w.string(utf8: parent)
    }
    w.key(K.kind, &s)
    w.string(n.kind.rawValue)
    w.key(K.title, &s)
    n.texts.withTitle { w.string(utf8: $0) }
    n.texts.withLead { lead in
      guard let lead else { return }
      w.key(K.lead, &s)
      w.string(utf8: lead)
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
      w.array(n.problems) { write($0, to: &$1) }
    }
    let flags = n.flags
    if !flags.isEmpty {
      w.key(K.flags, &s)
      w.strings(flags.map(\.rawValue))
    }
    if let facts = n.standard {
      w.key(K.standard, &s)
      write(facts, to: &w)
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
    w.string(q.measureWord)
    if !q.activities.isEmpty {
      w.key(K.activities, &s)
      w.array(q.activities) { write($0, to: &$1) }
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

  // Points kept as text ("4", "2.5"), as the tables write them.
  static func write(_ f: StandardFacts, to w: inout JSONOutput) {
    var s = w.beginObject()
    w.member(StandardKey.points, Inspection.number(f.points), &s)
    if !f.methods.isEmpty {
      w.key(StandardKey.methods, &s)
      w.strings(f.methods.map(\.rawValue))
    }
    if !f.types.isEmpty {
      w.key(StandardKey.types, &s)
      w.strings(f.types)
    }
    if f.negative { w.member(StandardKey.negative, "yes", &s) }
    w.endObject()
  }

  static func write(_ p: InspectionPoint, to w: inout JSONOutput) {
    var s = w.beginObject()
    w.member(PointKey.id, p.id, &s)
    w.member(PointKey.name, p.name, &s)
    w.member(PointKey.type, p.type, &s)
    w.member(PointKey.area, p.area, &s, empty: false)
    w.member(PointKey.unit, p.unit, &s)
    w.endObject()
  }

  static func write(_ r: Round, to w: inout JSONOutput) {
    var s = w.beginObject()
    w.member(RoundKey.id, r.id, &s)
    w.member(RoundKey.name, r.name, &s)
    w.member(RoundKey.date, r.date, &s)
    if r.closed { w.member(RoundKey.closed, "yes", &s) }
    w.member(RoundKey.material, r.material.map(Inspection.number), &s)
    w.member(RoundKey.survey, r.survey.map(Inspection.number), &s)
    if !r.scores.isEmpty {
      w.key(RoundKey.scores, &s)
      w.array(r.scores) { write($0, round: nil, to: &$1) }
    }
    w.endObject()
  }

  /// A score; `round` named in a journal's `score` step.
  static func write(_ x: Score, round: String?, to w: inout JSONOutput) {
    var s = w.beginObject()
    w.member(ScoreKey.round, round, &s)
    w.member(ScoreKey.point, x.point, &s)
    w.member(ScoreKey.standard, x.standard, &s)
    w.member(ScoreKey.result, x.result.rawValue, &s)
    if x.result == .partial { w.member(ScoreKey.lost, Inspection.number(x.lost), &s) }
    w.member(ScoreKey.note, x.note, &s, empty: false)
    w.endObject()
  }

  static func write(_ e: Evidence, to w: inout JSONOutput) {
    typealias K = EvidenceKey
    var s = w.beginObject()
    w.member(K.hash, e.hash, &s)
    w.member(K.node, e.node, &s)
    w.member(K.name, e.name, &s)
    w.key(K.size, &s)
    w.int(e.size)
    w.member(K.caption, e.caption, &s, empty: false)
    w.member(K.problem, e.problem, &s)
    w.member(K.order, e.order, &s)
    w.member(K.added, e.added, &s)
    w.endObject()
  }

  static func write(_ o: Order, to w: inout JSONOutput) {
    typealias K = OrderKey
    var s = w.beginObject()
    w.member(K.id, o.id, &s)
    w.member(K.at, o.at, &s)
    w.member(K.what, o.what, &s)
    w.member(K.from, o.from, &s, empty: false)
    w.member(K.placed, o.placed, &s)
    w.member(K.by, o.by, &s)
    w.member(K.state, o.state.rawValue, &s)
    w.member(K.team, o.team, &s)
    w.member(K.dispatched, o.dispatched, &s)
    w.member(K.finished, o.finished, &s)
    w.member(K.note, o.note, &s, empty: false)
    if !o.ratings.isEmpty {
      w.key(K.ratings, &s)
      w.byte(UInt8(ascii: "["))
      for (k, r) in o.ratings.enumerated() {
        if k > 0 { w.raw(", ") }
        var m = w.beginObject()
        w.key(RatingKey.by, &m)
        w.string(r.by.rawValue)
        w.key(RatingKey.stars, &m)
        w.int(r.stars)
        if !r.comment.isEmpty {
          w.key(RatingKey.comment, &m)
          w.string(r.comment)
        }
        w.endObject()
      }
      w.byte(UInt8(ascii: "]"))
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
    w.member(K.point, p.point, &s)
    w.endObject()
  }
}
