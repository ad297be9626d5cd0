import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// The streaming writer (`CampaignCodec.write`, `JSONOutput`) must write
/// exactly the bytes the encoder it replaced wrote: that encoder is kept
/// below, as it was (building a `JSONValue` per node and a string of the
/// whole file), only to be compared against.
@Suite struct StreamingWriterTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/templates")

  /// Every escape the writer knows, and text around them.
  static let awkward = ["", "引号\"、反斜杠\\和\n换行\t", "\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}\u{80}", "a\u{2028}b\u{2029}c\u{2027}\u{202A}",
                        "€\u{E2}", "😀👨‍👩‍👧 e\u{301}", "\r\n", String(repeating: "长", count: 5000)]

  func campaigns() -> [(String, Campaign)] {
    var out: [(String, Campaign)] = Templates.names.map { ($0, Templates.build($0)!) }
    for (n, seed) in [(1, 1), (10, 2), (2000, 3), (20_000, 4)] as [(Int, UInt64)] {
      out.append(("synthetic \(n)", Synthetic.campaign(nodes: n, seed: seed)))
    }
    var c = Sample.campaign()
    for (k, text) in Self.awkward.enumerated() {
      c.apply(.set(node: "t1", field: .note, value: .text(text)))
      c.apply(.addProblem(node: "t2", problem: Problem(id: "p\(k)", text: text, unit: k % 2 == 0 ? nil : text, due: Day(iso: "2022-02-02"),
                                                      state: .fixed, found: k % 3 == 0 ? nil : Day(iso: "0999-01-01"))))
      c.apply(.addActivity(node: "t2", activity: Activity(id: "a\(k)", date: Day(iso: "2022-01-01")!, count: -k * 1_000_003, note: text)))
      c.apply(.addNode(node: Node(id: "n\(k)" + text, parent: "g1", kind: .team, title: text, lead: text, support: [text, "u1"],
                                  note: text, quota: Quota(target: k, measureWord: text), indicator: Indicator(unit: text, baseline: text, target: "≥95", attribute: .expected),
                                  site: Site(address: text, level: nil, contact: text)), after: nil))
      c.stamps[Register(node: "t1", name: "note" + text)] = Stamp(clock: k, device: "lap-" + text)
    }
    c.units.append(Domain.Unit(id: "u\u{1}", name: Self.awkward[1]))
    out.append(("sample with escapes", c))
    c.compaction = Compaction(generation: 2, clock: 1 << 48, at: "2022-06-03T09:00:00Z", by: "王\"主任",
                              devices: ["lap-b": .init(seq: 3, hash: "ab"), "lap-a": .init(seq: 12, hash: "3f"), "\u{7F}": .init(seq: 0, hash: "")])
    out.append(("sample compacted", c))
    var big = Synthetic.campaign(nodes: 5000, seed: 9)
    for k in stride(from: 0, to: 5000, by: 7) { big.stamps[Register(node: big.nodes[k].id, name: "status")] = Stamp(clock: k, device: "lap-\(k % 3)") }
    big.compaction = Compaction(generation: 1, clock: 99, at: "t", by: "", devices: [:])
    out.append(("synthetic 5000 compacted", big))
    var empty = Campaign(id: "", title: "")
    out.append(("empty", empty))
    empty.compaction = Compaction(generation: 1, clock: 0, at: "", by: "", devices: [:])
    out.append(("empty compacted", empty))
    return out
  }

  @Test func writesWhatTheFormerEncoderWrote() {
    for (name, c) in campaigns() {
      let former = LegacyCampaignEncoder.encode(c)
      if name.hasPrefix("sample") {
        for escape in ["\\u2028", "\\u2029", "\\u007f", "\\u0000", "\\u0008", "\\\"", "\\\\", "\\n", "\\r", "\\t", "😀", "\u{202A}"] {
          #expect(former.contains(escape), "\(name) holds \(escape)")
        }
      }
      #expect(CampaignCodec.encode(c) == former, "\(name)")
      // A chunk at a time, of any size: the same bytes.
      for chunk in [1, 100, 4096, 1 << 20] {
        var bytes: [UInt8] = []
        var pieces: [Int] = []
        CampaignCodec.write(c, chunk: chunk) { (b: UnsafeBufferPointer<UInt8>) in
          bytes.append(contentsOf: b)
          pieces.append(b.count)
        }
        #expect(bytes == Array(former.utf8), "\(name), chunks of \(chunk)")
        // No short pieces: each but the last holds a chunk or more.
        #expect(pieces.dropLast().allSatisfy { $0 >= chunk }, "\(name), chunks of \(chunk): \(pieces)")
        if chunk == 1 << 20 { #expect(pieces.count <= 1 + former.utf8.count / chunk, "\(name): a hand-over a megabyte at most") }
      }
    }
  }

  /// The committed fixtures: built again, streamed to a file, the bytes
  /// are the committed ones; and so is reading them and writing them back.
  @Test(arguments: Templates.names)
  func templatesStreamToTheirFixtures(_ name: String) throws {
    let committed = try #require(FileManager.default.contents(atPath: Self.fixtures.appendingPathComponent(name).appendingPathComponent("campaign.json").path))
    let folder = TempFolder()
    let path = folder.file("campaign.json")
    try CampaignCodec.write(try #require(Templates.build(name)), toFile: path)
    #expect(FileManager.default.contents(atPath: path) == committed)
    let read = try CampaignReader.decode(Array(committed))
    #expect(Array(CampaignCodec.encode(read).utf8) == Array(committed))
    #expect(LegacyCampaignEncoder.encode(read) == CampaignCodec.encode(read))
  }

  @Test func journalLinesAreWhatTheFormerEncoderWrote() {
    var c = Sample.campaign()
    var ops: [Domain.Operation] = [
      .set(node: "t1", field: .status, value: .text("done")), .set(node: "t1", field: .support, value: .list(["u1", "u2"])),
      .set(node: "t1", field: .support, value: .list([])), .set(node: "t1", field: .due, value: .null),
      .removeActivity(node: "t2", activity: "act-1"), .setProblem(node: "t1", problem: "p1", state: .closed),
      .removeNode(node: "b1"), .moveNode(node: "t2", parent: nil, after: nil), .moveNode(node: "t2", parent: "g1", after: "t1"),
      .addUnit(unit: Domain.Unit(id: "u3", name: "文明办")), .addNode(node: c.nodes[1], after: "g1"), .addNode(node: c.nodes[2], after: nil),
      .addNode(node: c.nodes[3], after: nil), .addNode(node: c.nodes[4], after: nil),
      .orderStep(order: "o1", step: .place(Order(id: "o1", at: "t1", what: "上门", from: "王", placed: Day(iso: "2022-06-01")!)), on: Day(iso: "2022-06-01")!),
      .orderStep(order: "o1", step: .dispatch(team: "t2"), on: Day(iso: "2022-06-02")!),
      .orderStep(order: "o1", step: .rate(.centre, stars: 4, comment: "好"), on: Day(iso: "2022-06-03")!),
      .orderStep(order: "o1", step: .decline(reason: "远"), on: Day(iso: "2022-06-03")!),
      .addEvidence(Evidence(hash: String(repeating: "ab", count: 32), node: "t1", name: "照片.jpg", size: 12, caption: "到岗", problem: "p1",
                            added: Day(iso: "2022-06-03")!)),
    ]
    for text in Self.awkward {
      ops.append(.set(node: text, field: .note, value: .text(text)))
      ops.append(.addActivity(node: "t2", activity: Activity(id: text, date: Day(iso: "2024-02-29")!, note: text)))
      ops.append(.addProblem(node: "t1", problem: Problem(id: text, text: text, unit: text, due: Day(iso: "2022-02-02"))))
    }
    c.apply(.set(node: "t1", field: .note, value: .text("x")))
    for (k, op) in ops.enumerated() {
      let e = Event(device: "lap-\(k)", seq: k + 1, clock: k * 1_000_000_007, user: Self.awkward[k % Self.awkward.count],
                    at: "2022-06-01T08:00:00Z", prev: k == 0 ? "" : "ab", op: op)
      #expect(EventCodec.encode(e) == LegacyCampaignEncoder.event(e))
    }
    for events in Synthetic.events(on: Synthetic.campaign(nodes: 300, seed: 2), devices: 3, count: 3000, seed: 5) {
      for e in events { #expect(EventCodec.encode(e) == LegacyCampaignEncoder.event(e)) }
    }
  }

  /// Strings of random scalars (controls, line separators, surrogates'
  /// neighbours, CJK, emoji) are quoted as the former quoter did.
  @Test func quotesAsTheFormerQuoter() {
    var rng = Synthetic.Rng(seed: 21)
    let pool: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x2020...0x202F, 0x4E00...0x9FFF, 0xD7F0...0xD7FF, 0xE000...0xFFFF, 0x1F600...0x1F64F, 0x10FF00...0x10FFFF]
    for _ in 0..<3000 {
      var s = ""
      for _ in 0..<Int.random(in: 0...12, using: &rng) {
        let range = pool.randomElement(using: &rng)!
        if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { s.unicodeScalars.append(scalar) }
      }
      var old = ""
      LegacyJSONWriter.quote(s, into: &old)
      var new = ""
      JSONWriter.quote(s, into: &new)
      #expect(new == old)
    }
  }

  /// The file is replaced atomically: mode 600, no temporary file left,
  /// and when making the text fails the old file stays as it was.
  @Test func replacesTheFileAtomically() throws {
    let folder = TempFolder()
    let path = folder.file("campaign.json")
    folder.write("campaign.json", "old")
    try CampaignCodec.write(Sample.campaign(), toFile: path)
    #expect(folder.read("campaign.json") == LegacyCampaignEncoder.encode(Sample.campaign()))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["campaign.json"])
    #expect(throws: WorkspaceError.self) {
      try FileIO.writeAtomically(path) { (put) throws(WorkspaceError) in
        try [UInt8](repeating: 0x41, count: 10).withUnsafeBufferPointer { (b) throws(WorkspaceError) in try put(b) }
        throw .io(path, "stopped")
      }
    }
    #expect(folder.read("campaign.json") == LegacyCampaignEncoder.encode(Sample.campaign()))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["campaign.json"])
    // A link where the temporary file goes is removed, not followed.
    folder.write("elsewhere", "keep")
    try FileManager.default.createSymbolicLink(atPath: path + ".tmp-\(getpid())", withDestinationPath: folder.file("elsewhere"))
    try CampaignCodec.write(Campaign(id: "x", title: "y"), toFile: path)
    #expect(folder.read("elsewhere") == "keep")
    #expect(folder.read("campaign.json") == LegacyCampaignEncoder.encode(Campaign(id: "x", title: "y")))
  }
}

/// Each object's members are declared once (`Members.swift`), in the
/// order they are written: a file with every member present lists them
/// in that order, and every list's ordinals are its positions.
@Suite struct MemberListTests {
  func keys(_ node: JSONNode) -> [String] {
    guard case .object(let members) = node.value else { return [] }
    return members.map(\.key)
  }

  func member(_ node: JSONNode, _ key: String) -> JSONNode {
    guard case .object(let members) = node.value, let m = members.first(where: { $0.key == key }) else { return JSONNode(.null) }
    return m.value
  }

  func names<M: JSONMembers>(_: M.Type) -> [String] { M.allCases.map(\.rawValue) }

  @Test func everyMemberIsWrittenInTheDeclaredOrder() throws {
    var quota = Quota(target: 12, perMonth: 1, measureWord: "场")
    quota.activities = [Activity(id: "a", date: Day(iso: "2022-01-15")!, count: 2, note: "n")]
    let full = Node(id: "t1", parent: "g1", kind: .task, title: "t", lead: "u1", support: ["u1"], due: Day(iso: "2022-12-31"),
                    status: .doing, note: "n", problems: [Problem(id: "p", text: "t", unit: "u1", due: Day(iso: "2022-06-30"), found: Day(iso: "2022-06-01"), point: "pt")],
                    quota: quota, indicator: Indicator(unit: "%", baseline: "90", target: "95", current: "92", attribute: .binding),
                    site: Site(address: "a", level: "l", contact: "c", category: "k"))
    var marked = full
    marked.flags = [.ongoing, .needsEvidence]
    marked.standard = StandardFacts(points: 2.5, methods: [.material, .site], types: ["学校"], negative: true)
    var c = Campaign(id: "c", title: "t", start: Day(iso: "2021-01-01"), end: Day(iso: "2023-12-31"), source: "s",
                     units: [Domain.Unit(id: "u1", name: "n")], nodes: [Node(id: "g1", kind: .group, title: "g"), marked])
    c.compaction = Compaction(generation: 1, clock: 2, at: "t", by: "b", device: "d", devices: ["d": .init(seq: 1, hash: "h", key: String(repeating: "ab", count: 32))])
    c.roles = Roles(granted: ["d": .coordinator], revoked: ["e": 1])
    c.orders = [Order(id: "o", at: "t1", what: "w", from: "f", placed: Day(iso: "2022-06-01")!, by: Day(iso: "2022-06-05"),
                      state: .done, team: "g1", dispatched: Day(iso: "2022-06-02"), finished: Day(iso: "2022-06-03"), note: "n",
                      ratings: [Order.Rating(by: .requester, stars: 5, comment: "c")])]
    c.settings = PlanSettings(dispatchDays: 2, finishDays: 5, evidenceMB: 50)
    c.settings.pointTypes = ["农家乐"]
    c.points = [InspectionPoint(id: "pt", name: "n", type: "学校", area: "a", unit: "u1")]
    c.rounds = [Round(id: "r", name: "n", date: Day(iso: "2022-06-03")!, closed: true,
                      scores: [Score(point: "pt", standard: "t1", result: .partial, lost: 1, note: "x")])]
    c.rounds[0].material = 85
    c.rounds[0].survey = 90
    c.evidence = [Evidence(hash: String(repeating: "0f", count: 32), node: "t1", name: "a.jpg", size: 3, caption: "c", problem: "p",
                           order: "o", added: Day(iso: "2022-06-03")!)]
    let root = try JSONParser.parse(Array(CampaignCodec.encode(c).utf8))
    #expect(keys(root) == names(CampaignKey.self))
    if case .array(let orders) = member(root, "orders").value {
      #expect(keys(orders[0]) == names(OrderKey.self))
      if case .array(let ratings) = member(orders[0], "ratings").value { #expect(keys(ratings[0]) == names(RatingKey.self)) }
    }
    if case .array(let evidence) = member(root, "evidence").value { #expect(keys(evidence[0]) == names(EvidenceKey.self)) }
    #expect(keys(member(root, "settings")) == names(SettingsKey.self))
    if case .array(let points) = member(root, "points").value { #expect(keys(points[0]) == names(PointKey.self)) }
    if case .array(let rounds) = member(root, "rounds").value {
      #expect(keys(rounds[0]) == names(RoundKey.self))
      if case .array(let scores) = member(rounds[0], "scores").value {
        #expect(keys(scores[0]) == names(ScoreKey.self).filter { $0 != "round" }, "a round's scores name no round")
      }
    }
    guard case .array(let units) = member(root, "units").value, case .array(let nodes) = member(root, "nodes").value else {
      Issue.record("no units or nodes")
      return
    }
    #expect(keys(units[0]) == names(UnitKey.self))
    let node = nodes[1]
    #expect(keys(node) == names(NodeKey.self))
    #expect(keys(member(node, "standard")) == names(StandardKey.self))
    #expect(keys(member(node, "quota")) == names(QuotaKey.self))
    guard case .array(let acts) = member(member(node, "quota"), "activities").value,
      case .array(let problems) = member(node, "problems").value else {
      Issue.record("no activities or problems")
      return
    }
    #expect(keys(acts[0]) == names(ActivityKey.self))
    #expect(keys(problems[0]) == names(ProblemKey.self))
    #expect(keys(member(node, "indicator")) == names(IndicatorKey.self))
    #expect(keys(member(node, "site")) == names(SiteKey.self))
    let compaction = member(root, "compaction")
    #expect(keys(compaction) == names(CompactionKey.self))
    #expect(keys(member(member(compaction, "devices"), "d")) == names(MarkKey.self))
    // What the readers read back is what was written.
    #expect((try? CampaignReader.decode(Array(CampaignCodec.encode(c).utf8))) == c)
  }

  @Test func ordinalsArePositions() {
    func check<M: JSONMembers>(_: M.Type) {
      let table = M.table
      #expect(table.cases == Array(M.allCases))
      for (k, m) in table.cases.enumerated() {
        #expect(m.ordinal == k)
        #expect(m.bit == 1 << UInt32(k))
        #expect(table.names[k] == Array(m.rawValue.utf8))
      }
      #expect(M.required.allSatisfy { M.allCases.contains($0) })
    }
    check(CampaignKey.self)
    check(UnitKey.self)
    check(NodeKey.self)
    check(QuotaKey.self)
    check(ActivityKey.self)
    check(IndicatorKey.self)
    check(SiteKey.self)
    check(ProblemKey.self)
    check(CompactionKey.self)
    check(MarkKey.self)
    check(EventKey.self)
    check(DeviceFileKey.self)
  }
}

/// The encoder of campaign.json and journal lines before the streaming
/// writer, kept as it was to prove the new one writes the same bytes.
enum LegacyCampaignEncoder {
  // MARK: Writing

  /// The file's text: a few top-level lines, then one unit and one node a
  /// line, so a diff shows which node changed and an error's line names it.
  static func encode(_ c: Campaign) -> String {
    var out = "{\n"
    out += "  \"schema\": \(Campaign.schemaVersion),\n"
    out += "  \"id\": " + LegacyJSONWriter.line(.string(c.id)) + ",\n"
    out += "  \"title\": " + LegacyJSONWriter.line(.string(c.title)) + ",\n"
    if let s = c.start { out += "  \"start\": \"\(s)\",\n" }
    if let e = c.end { out += "  \"end\": \"\(e)\",\n" }
    out += "  \"source\": " + LegacyJSONWriter.line(.string(c.source)) + ",\n"
    out += "  \"units\": " + lines(c.units.map(unitJSON)) + ",\n"
    if !c.orders.isEmpty { out += "  \"orders\": " + lines(c.orders.map(orderJSON)) + ",\n" }
    out += "  \"nodes\": " + lines(c.nodes.map(nodeJSON))
    if let k = c.compaction { out += ",\n  \"compaction\": " + compactionText(k, stamps: c.settledStamps) }
    out += "\n}\n"
    return out
  }

  /// The compaction record: its facts on one line, then one stamp a line
  /// as `[node, field, clock, device]`, sorted so the file is stable.
  static func compactionText(_ k: Compaction, stamps: [Register: Stamp]) -> String {
    var o = LegacyObjectBuilder()
    o.add("generation", k.generation)
    o.add("clock", k.clock)
    o.add("at", k.at)
    o.add("by", k.by)
    var devices = LegacyObjectBuilder()
    for d in k.devices.keys.sorted() {
      var m = LegacyObjectBuilder()
      m.add("seq", k.devices[d]!.seq)
      m.add("hash", k.devices[d]!.hash)
      devices.add(d, m.value)
    }
    o.add("devices", devices.value)
    let head = LegacyJSONWriter.line(o.value)
    let rows = stamps.sorted { ($0.key.node, $0.key.name) < ($1.key.node, $1.key.name) }.map { r, st in
      "    " + LegacyJSONWriter.line(.array([.string(r.node), .string(r.name), .number(String(st.clock)), .string(st.device)].map { JSONNode($0) }))
    }
    let list = rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n  ]"
    return String(head.dropLast()) + ", \"stamps\": " + list + "}"
  }

  private static func lines(_ values: [JSONValue]) -> String {
    if values.isEmpty { return "[]" }
    return "[\n" + values.map { "    " + LegacyJSONWriter.line($0) }.joined(separator: ",\n") + "\n  ]"
  }

  static func unitJSON(_ u: Domain.Unit) -> JSONValue {
    var o = LegacyObjectBuilder()
    o.add("id", u.id)
    o.add("name", u.name)
    return o.value
  }

  static func nodeJSON(_ n: Node) -> JSONValue {
    var o = LegacyObjectBuilder()
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
    var o = LegacyObjectBuilder()
    o.add("target", q.target)
    o.add("perMonth", q.perMonth)
    o.add("unit", q.measureWord)
    if !q.activities.isEmpty {
      o.add("activities", JSONValue.array(q.activities.map { JSONNode(activityJSON($0)) }))
    }
    return o.value
  }

  static func activityJSON(_ a: Activity) -> JSONValue {
    var o = LegacyObjectBuilder()
    o.add("id", a.id)
    o.add("date", a.date.description)
    o.add("count", a.count)
    if !a.note.isEmpty { o.add("note", a.note) }
    return o.value
  }

  static func indicatorJSON(_ i: Indicator) -> JSONValue {
    var o = LegacyObjectBuilder()
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
    var o = LegacyObjectBuilder()
    o.add("address", s.address)
    o.add("level", s.level)
    o.add("contact", s.contact)
    o.add("category", s.category)
    return o.value
  }

  static func orderJSON(_ x: Order) -> JSONValue {
    var o = LegacyObjectBuilder()
    o.add("id", x.id)
    o.add("at", x.at)
    o.add("what", x.what)
    o.add("from", x.from.isEmpty ? nil : x.from)
    o.add("placed", x.placed.description)
    o.add("by", x.by?.description)
    o.add("state", x.state.rawValue)
    o.add("team", x.team)
    o.add("dispatched", x.dispatched?.description)
    o.add("finished", x.finished?.description)
    o.add("note", x.note.isEmpty ? nil : x.note)
    if !x.ratings.isEmpty {
      o.add("ratings", JSONValue.array(x.ratings.map { r in
        var m = LegacyObjectBuilder()
        m.add("by", r.by.rawValue)
        m.add("stars", r.stars)
        m.add("comment", r.comment.isEmpty ? nil : r.comment)
        return JSONNode(m.value)
      }))
    }
    return o.value
  }

  static func problemJSON(_ p: Problem) -> JSONValue {
    var o = LegacyObjectBuilder()
    o.add("id", p.id)
    o.add("text", p.text)
    o.add("unit", p.unit)
    o.add("due", p.due?.description)
    o.add("state", p.state.rawValue)
    o.add("found", p.found?.description)
    return o.value
  }

  // MARK: Reading

  static func event(_ e: Event) -> String {
    var o = LegacyObjectBuilder()
    o.add("device", e.device)
    o.add("seq", e.seq)
    o.add("clock", e.clock)
    o.add("user", e.user)
    o.add("at", e.at)
    o.add("prev", e.prev)
    switch e.op {
    case .set(let node, let field, let value):
      o.add("op", "set")
      o.add("node", node)
      o.add("field", field.rawValue)
      switch value {
      case .text(let t): o.add("value", t)
      case .list(let l): o.add("value", strings: l)
      case .null: o.add("value", JSONValue.null)
      }
    case .addActivity(let node, let a):
      o.add("op", "activity.add")
      o.add("node", node)
      o.add("activity", LegacyCampaignEncoder.activityJSON(a))
    case .removeActivity(let node, let id):
      o.add("op", "activity.remove")
      o.add("node", node)
      o.add("activity", id)
    case .addProblem(let node, let p):
      o.add("op", "problem.add")
      o.add("node", node)
      o.add("problem", LegacyCampaignEncoder.problemJSON(p))
    case .setProblem(let node, let id, let state):
      o.add("op", "problem.set")
      o.add("node", node)
      o.add("problem", id)
      o.add("state", state.rawValue)
    case .addNode(let node, let after):
      o.add("op", "node.add")
      o.add("node", LegacyCampaignEncoder.nodeJSON(node))
      o.add("after", after)
    case .removeNode(let node):
      o.add("op", "node.remove")
      o.add("node", node)
    case .moveNode(let node, let parent, let after):
      o.add("op", "node.move")
      o.add("node", node)
      o.add("parent", parent.map { JSONValue.string($0) } ?? .null)
      o.add("after", after)
    case .addUnit(let unit):
      o.add("op", "unit.add")
      o.add("unit", LegacyCampaignEncoder.unitJSON(unit))
    case .renameUnit(let unit):
      o.add("op", "unit.rename")
      o.add("unit", LegacyCampaignEncoder.unitJSON(unit))
    case .setRole(let device, let role):
      o.add("op", "role.set")
      o.add("target", device)
      o.add("role", role.rawValue)
    case .revoke(let device):
      o.add("op", "device.revoke")
      o.add("target", device)
    case .keepBranch(let device, let branch):
      o.add("op", "fork.keep")
      o.add("target", device)
      o.add("branch", branch)
    case .inspect:
      // Came after this encoder: the streaming writer is its only writer
      // (read back in InspectionFileTests).
      return EventCodec.encode(e)
    case .addEvidence(let e):
      o.add("op", "evidence.add")
      var x = LegacyObjectBuilder()
      x.add("hash", e.hash)
      x.add("node", e.node)
      x.add("name", e.name)
      x.add("size", e.size)
      x.add("caption", e.caption.isEmpty ? nil : e.caption)
      x.add("problem", e.problem)
      x.add("order", e.order)
      x.add("added", e.added.description)
      o.add("detail", x.value)
    case .orderStep(let id, let step, let day):
      o.add("op", "order.step")
      o.add("order", id)
      o.add("step", step.name)
      o.add("on", day.description)
      switch step {
      case .place(let order): o.add("detail", LegacyCampaignEncoder.orderJSON(order))
      case .report, .accept: break
      case .dispatch(let team): o.add("team", team)
      case .finish(let note): o.add("value", note)
      case .rate(let by, let stars, let comment):
        o.add("rater", by.rawValue)
        o.add("stars", stars)
        o.add("value", comment)
      case .decline(let reason): o.add("value", reason)
      }
    case .setPlan(let field, let value):
      o.add("op", "plan.set")
      o.add("field", field.rawValue)
      switch value {
      case .text(let t): o.add("value", t)
      case .list(let l): o.add("value", strings: l)
      case .null: o.add("value", JSONValue.null)
      }
    }
    return LegacyJSONWriter.line(o.value)
  }
}

/// Writes JSON text deterministically: members in the order given, no
/// trailing spaces, Chinese left as UTF-8 so files stay readable.
enum LegacyJSONWriter {
  /// One value on one line: `{"id": "a", "n": 1}`.
  static func line(_ value: JSONValue) -> String {
    var out = ""
    write(value, into: &out)
    return out
  }

  static func write(_ value: JSONValue, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): quote(s, into: &out)
    case .array(let items):
      out += "["
      for (k, item) in items.enumerated() {
        if k > 0 { out += ", " }
        write(item.value, into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (k, m) in members.enumerated() {
        if k > 0 { out += ", " }
        quote(m.key, into: &out)
        out += ": "
        write(m.value.value, into: &out)
      }
      out += "}"
    }
  }

  /// A JSON string literal; escapes what JSON requires and the line
  /// separators that break some readers.
  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

/// Building JSON values tersely, members in order, absent ones left out.
struct LegacyObjectBuilder {
  private(set) var members: [JSONMember] = []

  mutating func add(_ key: String, _ value: JSONValue?) {
    guard let value else { return }
    members.append(JSONMember(key: key, keyOffset: 0, value: JSONNode(value)))
  }
  mutating func add(_ key: String, _ s: String?) { add(key, s.map { JSONValue.string($0) }) }
  mutating func add(_ key: String, _ n: Int?) { add(key, n.map { JSONValue.number(String($0)) }) }
  mutating func add(_ key: String, strings: [String]) {
    add(key, JSONValue.array(strings.map { JSONNode(.string($0)) }))
  }

  var value: JSONValue { .object(members) }
}
