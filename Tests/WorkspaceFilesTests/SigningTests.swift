import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// Issue 14's attacks on the journals, each found: a last line edited, a
/// journal rewritten under another key, a line forged in another
/// device's name, an old unsigned journal carried on.
@Suite struct SigningTests {
  func note(_ text: String) -> Domain.Operation { .set(node: "t1", field: .note, value: .text(text)) }

  /// A workspace with three changes by `lap-a`, signed by `key`.
  func signed(_ root: TempFolder, _ name: String = "ws", key: DeviceKey) throws -> String {
    let dir = root.file(name)
    try Workspace.create(at: dir, campaign: Sample.campaign())
    let ws = try Workspace.open(dir)
    ws.sign(as: "lap-a", with: key)
    for k in 1...3 { try ws.append(note("第\(k)次"), device: "lap-a", user: "张三", at: "t") }
    return dir
  }

  func lines(_ path: String) -> [String] {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
      .split(separator: "\n").map(String.init)
  }

  func write(_ path: String, _ lines: [String]) {
    try! Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
  }

  func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
    do {
      try body()
    } catch let error as WorkspaceError {
      if case .invalid(let d) = error { return d }
      Issue.record("expected .invalid, got \(error)")
    } catch {
      Issue.record("\(error)")
    }
    return []
  }

  @Test func everyLineIsSignedAndTheFirstCarriesTheKey() throws {
    let root = TempFolder()
    let key = DeviceKey.ephemeral()
    let dir = try signed(root, key: key)
    let journal = lines(dir + "/journal/lap-a.jsonl")
    #expect(journal.count == 3)
    #expect(journal[0].contains("\"key\": \"\(key.publicHex)\""))
    #expect(!journal[1].contains("\"key\""))
    for line in journal {
      #expect(LineSignature.holds(Array(line.utf8), publicKey: key.publicHex))
      #expect(!LineSignature.holds(Array(line.utf8), publicKey: DeviceKey.ephemeral().publicHex))
    }
    let ws = try Workspace.open(dir, verify: true)
    #expect(ws.signingKey(ofDevice: "lap-a") == key.publicHex)
    #expect(ws.signedFrom(ofDevice: "lap-a") == 1)
  }

  /// The tester's finding: the last line edited passed `verify`.
  @Test func anEditedLastLineIsFound() throws {
    let root = TempFolder()
    let dir = try signed(root, key: .ephemeral())
    let path = dir + "/journal/lap-a.jsonl"
    var journal = lines(path)
    journal[2] = journal[2].replacingOccurrences(of: "第3次", with: "第9次")
    write(path, journal)
    let d = diagnostics { _ = try Workspace.open(dir, verify: true) }
    #expect(d.count == 1)
    #expect(d.first?.line == 3 && d.first?.file == path)
    #expect(d.first?.message.contains("lap-a") == true)
  }

  /// Any line edited, even with the chain's hashes recomputed after it:
  /// the line's own signature names it, or the last line's does.
  @Test func anEditedLineWithTheChainRecomputedIsFound() throws {
    let root = TempFolder()
    let dir = try signed(root, key: .ephemeral())
    let path = dir + "/journal/lap-a.jsonl"
    var journal = lines(path)
    journal[0] = journal[0].replacingOccurrences(of: "第1次", with: "改过")
    // Re-chain lines 2 and 3 to the edited line (their signatures stay).
    for k in 1..<3 {
      let old = try CampaignReader.event(Array(journal[k].utf8)).prev
      journal[k] = journal[k].replacingOccurrences(of: old, with: Journal.hash(Array(journal[k - 1].utf8)))
    }
    write(path, journal)
    let d = diagnostics { _ = try Workspace.open(dir, verify: true) }
    #expect(d.contains { $0.line == 3 && $0.message.contains("signature does not hold") }, "\(d)")
  }

  /// A whole journal rewritten and signed with a new key holds on its
  /// own, but the laptop whose key it is, and every copy that has seen
  /// the device, refuse it.
  @Test func aRewrittenJournalIsRefusedByCopiesThatKnowTheDevice() throws {
    let root = TempFolder()
    let key = DeviceKey.ephemeral()
    let office = try signed(root, "office", key: key)
    let forged = root.file("forged")
    try FileManager.default.copyItem(atPath: office, toPath: forged)
    // Rewrite lap-a's journal in the forged copy under another key.
    let events = try Workspace.open(forged).events(ofDevice: "lap-a").map { e -> Event in
      var e = e
      if e.seq == 3 { e.op = note("伪造") }
      return e
    }
    try Data(Journal.chain(events, key: .ephemeral())).write(to: URL(fileURLWithPath: forged + "/journal/lap-a.jsonl"))
    _ = try Workspace.open(forged, verify: true)  // sound on its own
    let before = try Data(contentsOf: URL(fileURLWithPath: office + "/journal/lap-a.jsonl"))
    let d = diagnostics { try Workspace.open(office).merge(from: forged) }
    #expect(d.first?.message.contains("signed by") == true, "\(d)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: office + "/journal/lap-a.jsonl")) == before)
  }

  /// A line chained onto another device's journal in a copy that lacks
  /// its key: refused by the device's own folder, and by `verify`.
  @Test func aLineForgedInAnotherDevicesNameIsRefused() throws {
    let root = TempFolder()
    let key = DeviceKey.ephemeral()
    let lap = try signed(root, "lap", key: key)
    let other = root.file("other")
    try FileManager.default.copyItem(atPath: lap, toPath: other)
    let ws = try Workspace.open(other)
    // Unsigned, signed by the forger's key, or bringing the forger's key.
    let last = lines(other + "/journal/lap-a.jsonl")[2]
    let next = Event(device: "lap-a", seq: 4, clock: 4, user: "王芳", at: "t", prev: Journal.hash(Array(last.utf8)), op: note("伪造"))
    let forger = DeviceKey.ephemeral()
    let forgeries = [
      Journal.line(next, key: nil, first: false),
      Journal.line(next, key: forger, first: false),
      Journal.line(next, key: forger, first: true),
    ]
    _ = ws
    for line in forgeries {
      write(other + "/journal/lap-a.jsonl", lines(lap + "/journal/lap-a.jsonl") + [String(decoding: line, as: UTF8.self)])
      let own = diagnostics { _ = try Workspace.open(other, verify: true) }
      #expect(own.first?.line == 4, "\(own)")
      let before = try Data(contentsOf: URL(fileURLWithPath: lap + "/journal/lap-a.jsonl"))
      #expect(!diagnostics { try Workspace.open(lap).merge(from: other) }.isEmpty)
      #expect(try Data(contentsOf: URL(fileURLWithPath: lap + "/journal/lap-a.jsonl")) == before)
    }
  }

  /// The same device id on two laptops (a copied config folder): the
  /// second laptop's key is refused before anything is written.
  @Test func anotherKeyCannotCarryOnAJournal() throws {
    let root = TempFolder()
    let dir = try signed(root, key: .ephemeral())
    let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/journal/lap-a.jsonl"))
    let ws = try Workspace.open(dir)
    ws.sign(as: "lap-a", with: .ephemeral())
    #expect {
      try ws.append(note("另一台"), device: "lap-a", user: "李四", at: "t")
    } throws: { error in
      guard case WorkspaceError.notPermitted(let why) = error else { return false }
      return why.contains("two laptops")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/journal/lap-a.jsonl")) == before)
  }

  /// A journal from before signing opens, and the device's next change
  /// starts its signed chain; lines before it stay as they were.
  @Test func anOldUnsignedJournalCarriesOnSigned() throws {
    let root = TempFolder()
    let dir = root.file("ws")
    let old = (1...2).map { Event(device: "lap-a", seq: $0, clock: $0, user: "张三", at: "t", op: note("旧\($0)")) }
    try Workspace.create(at: dir, campaign: Sample.campaign(), journals: [old])
    let unsigned = try Workspace.open(dir, verify: true)
    #expect(unsigned.signingKey(ofDevice: "lap-a") == nil)
    let key = DeviceKey.ephemeral()
    let ws = try Workspace.open(dir)
    ws.sign(as: "lap-a", with: key)
    try ws.append(note("新"), device: "lap-a", user: "张三", at: "t")
    try ws.append(note("新2"), device: "lap-a", user: "张三", at: "t")
    let after = try Workspace.open(dir, verify: true)
    #expect(after.signingKey(ofDevice: "lap-a") == key.publicHex)
    #expect(after.signedFrom(ofDevice: "lap-a") == 3)
    let journal = lines(dir + "/journal/lap-a.jsonl")
    #expect(journal[2].contains("\"key\""))
    // Signatures removed from the signed part: refused.
    write(dir + "/journal/lap-a.jsonl", Array(journal[0..<3]) + [String(journal[3].prefix(journal[3].count - LineSignature.tailCount)) + "}"])
    let d = diagnostics { _ = try Workspace.open(dir, verify: true) }
    #expect(d.contains { $0.line == 4 && $0.message.contains("not signed") }, "\(d)")
  }

  /// Compaction keeps the key in its mark: lines after it are still
  /// checked against it.
  @Test func compactionCarriesTheKey() throws {
    let root = TempFolder()
    let key = DeviceKey.ephemeral()
    let dir = try signed(root, key: key)
    let ws = try Workspace.open(dir)
    _ = try ws.compact(by: "王芳", at: "t", trim: true)
    ws.sign(as: "lap-a", with: key)
    try ws.append(note("压缩后"), device: "lap-a", user: "张三", at: "t")
    let reopened = try Workspace.open(dir, verify: true)
    #expect(reopened.snapshot.compaction?.devices["lap-a"]?.key == key.publicHex)
    #expect(!lines(dir + "/journal/lap-a.jsonl")[0].contains("\"key\""))
    // Another key after the compaction is refused, as before it.
    ws.sign(as: "lap-a", with: .ephemeral())
    #expect(throws: WorkspaceError.self) { try Workspace.open(dir).append(note("x"), device: "lap-a", user: "u", at: "t") }
    var journal = lines(dir + "/journal/lap-a.jsonl")
    journal[0] = journal[0].replacingOccurrences(of: "压缩后", with: "改了")
    write(dir + "/journal/lap-a.jsonl", journal)
    #expect(!diagnostics { _ = try Workspace.open(dir, verify: true) }.isEmpty)
  }

  @Test func aSignatureMustEndTheLine() throws {
    let root = TempFolder()
    let dir = try signed(root, key: .ephemeral())
    let line = lines(dir + "/journal/lap-a.jsonl")[1]
    let moved = line.replacingOccurrences(of: ", \"op\"", with: ", \"sig\": \"" + String(repeating: "0", count: 128) + "\", \"op\"")
    #expect(throws: DataError.self) { _ = try CampaignReader.event(Array(moved.utf8)) }
    let short = line.replacingOccurrences(of: "\"sig\": \"", with: "\"sig\": \"ab")
    #expect(throws: DataError.self) { _ = try CampaignReader.event(Array(short.utf8)) }
  }
}

/// Roles held where a change is made and where it arrives.
@Suite struct RoleHoldingTests {
  /// The office's copy of a plan whose coordinator is the device "office".
  static func office(_ root: TempFolder) throws -> (String, Campaign) {
    let office = root.file("office")
    var c = Sample.campaign()
    c.roles = Roles(granted: ["office": .coordinator])
    try Workspace.create(at: office, campaign: c)
    return (office, c)
  }

  @Test func aSupervisorsStructuralChangeIsRefusedHereAndVoidByMerge() throws {
    let root = TempFolder()
    let (office, c) = try RoleHoldingTests.office(root)
    let lap = root.file("lap")
    try FileManager.default.copyItem(atPath: office, toPath: lap)
    let add = Domain.Operation.addNode(node: Node(id: "x1", kind: .group, title: "督查组自加"), after: nil)
    // Made on the supervisor's laptop: refused, nothing written.
    let ws = try Workspace.open(lap)
    #expect {
      try ws.append(add, device: "lap-b", user: "李四", at: "t")
    } throws: { error in
      guard case WorkspaceError.notPermitted(let why) = error else { return false }
      return why.contains("coordinator")
    }
    #expect(!FileManager.default.fileExists(atPath: lap + "/journal/lap-b.jsonl"))
    // Written by a copy that does not hold the rule (an older chuangwen, a
    // hand-made line): it arrives by merge, is kept and listed, and void.
    try Workspace.create(at: root.file("forged"), campaign: c,
                         journals: [[Event(device: "lap-b", seq: 1, clock: 1, user: "李四", at: "t", op: add),
                                     Event(device: "lap-b", seq: 2, clock: 2, user: "李四", at: "t",
                                           op: .set(node: "t1", field: .status, value: .text("done")))]])
    let merged = try Workspace.open(office)
    let report = try merged.merge(from: root.file("forged"))
    #expect(report.added["lap-b"] == 2)
    #expect(report.refused.map(\.seq) == [1])
    #expect(merged.campaign.position(of: "x1") == nil)
    #expect(merged.campaign.node("t1")?.status == .done)
    #expect(try Workspace.open(office).campaign.refused.count == 1)
  }
}

/// A laptop copied whole (its key with it) and worked on as two: both
/// histories kept, alike on every copy, until a coordinator keeps one.
@Suite struct ForkTests {
  func note(_ node: String, _ text: String) -> Domain.Operation { .set(node: node, field: .note, value: .text(text)) }

  func append(_ dir: String, _ ops: [Domain.Operation], key: DeviceKey, device: String = "lap-a") throws {
    let ws = try Workspace.open(dir)
    ws.sign(as: device, with: key)
    for op in ops { try ws.append(op, device: device, user: "张三", at: "t") }
  }

  func copy(_ from: String, _ to: String) throws {
    try FileManager.default.copyItem(atPath: from, toPath: to)
  }

  @Test func twoHistoriesAreKeptAlikeEverywhereUntilOneIsKept() throws {
    let root = TempFolder()
    let key = DeviceKey.ephemeral()
    let office = root.file("office")
    var c = Sample.campaign()
    c.roles = Roles(granted: ["office": .coordinator])
    try Workspace.create(at: office, campaign: c)
    try append(office, [note("t1", "一"), note("t1", "二")], key: key)
    let a = root.file("a"), b = root.file("b")
    try copy(office, a)
    try copy(office, b)
    try append(a, [note("t1", "甲三"), .set(node: "t2", field: .status, value: .text("done"))], key: key)
    try append(b, [note("t2", "乙三"), .set(node: "t1", field: .status, value: .text("doing"))], key: key)

    // Every order of merging gives the same state, and nothing is refused.
    let one = root.file("one"), two = root.file("two")
    try copy(office, one)
    try copy(office, two)
    let r1 = try Workspace.open(one).merge(from: a)
    #expect(r1.forks.isEmpty)
    let r2 = try Workspace.open(one).merge(from: b)
    #expect(r2.forks.count == 1)
    _ = try Workspace.open(two).merge(from: b)
    _ = try Workspace.open(two).merge(from: a)
    _ = try Workspace.open(b).merge(from: a)
    let states = try [one, two, b].map { try Workspace.open($0, verify: true).campaign }
    #expect(states[0] == states[1] && states[1] == states[2])
    #expect(states[0].node("t2")?.note == "乙三" && states[0].node("t2")?.status == .done)
    let forks = try Workspace.open(one, verify: true).forks
    #expect(forks.count == 1 && forks[0].device == "lap-a" && forks[0].seq == 3 && forks[0].counts == [2, 2] && forks[0].kept == nil)
    // Merging again adds nothing.
    #expect(try Workspace.open(one).merge(from: b).forks.isEmpty)

    // A copy holding an undecided fork is not compacted.
    do {
      let ws = try Workspace.open(one)
      #expect(throws: WorkspaceError.self) { _ = try ws.compact(by: "王芳", at: "t", trim: true) }
    }

    // The coordinator keeps a's history: b's lines from seq 3 are void.
    let keepA = forks[0].histories[0]
    try append(one, [.keepBranch(device: "lap-a", branch: keepA)], key: DeviceKey.ephemeral(), device: "office")
    let decided = try Workspace.open(one, verify: true)
    #expect(decided.campaign.node("t2")?.note == c.node("t2")?.note && decided.campaign.node("t1")?.status == c.node("t1")?.status)
    #expect(decided.campaign.refused.map(\.seq).sorted() == [3, 4])
    // The copy whose own history was not kept learns it at its next merge,
    // and its laptop may no longer write as lap-a.
    _ = try Workspace.open(b).merge(from: one)
    #expect(try Workspace.open(b).campaign == decided.campaign)
    #expect(throws: WorkspaceError.self) { try append(b, [note("t1", "再写")], key: key) }

    // Compaction folds the kept history and lets the other go.
    _ = try Workspace.open(one).compact(by: "王芳", at: "t", trim: false)
    let compacted = try Workspace.open(one, verify: true)
    #expect(compacted.forks.isEmpty)
    #expect(compacted.campaign.nodes == decided.campaign.nodes)
    #expect(!(FileManager.default.subpaths(atPath: one + "/journal") ?? []).contains { $0.contains("@") })
  }

  /// Keeping the other copy's history: the journal here becomes it at
  /// compaction.
  @Test func keepingTheOtherHistoryThenCompacting() throws {
    let root = TempFolder()
    let key = DeviceKey.ephemeral()
    let office = root.file("office")
    try Workspace.create(at: office, campaign: Sample.campaign())
    try append(office, [note("t1", "一")], key: key)
    let b = root.file("b")
    try copy(office, b)
    try append(office, [note("t1", "甲")], key: key)
    try append(b, [note("t2", "乙"), note("t2", "乙二")], key: key)
    _ = try Workspace.open(office).merge(from: b)
    let fork = try #require(try Workspace.open(office).forks.first)
    try append(office, [.keepBranch(device: "lap-a", branch: fork.histories[1])], key: DeviceKey.ephemeral(), device: "office")
    let decided = try Workspace.open(office, verify: true)
    #expect(decided.campaign.node("t1")?.note == "一" && decided.campaign.node("t2")?.note == "乙二")
    for trim in [false, true] {
      let copyDir = root.file("c\(trim)")
      try copy(office, copyDir)
      _ = try Workspace.open(copyDir).compact(by: "王芳", at: "t", trim: trim)
      let after = try Workspace.open(copyDir, verify: true)
      #expect(after.campaign.nodes == decided.campaign.nodes)
      #expect(after.snapshot.compaction?.devices["lap-a"]?.seq == 3)
    }
  }
}

/// A supervisor's compaction: refused where it is made, and its snapshot
/// not taken in by a copy whose plan grants that device no coordinator's role.
@Suite struct CompactionRoleTests {
  @Test func onlyACoordinatorsCompactionIsTakenIn() throws {
    let root = TempFolder()
    let (office, c) = try RoleHoldingTests.office(root)
    try Workspace.open(office).append(.set(node: "t1", field: .status, value: .text("done")), device: "lap-b", user: "李四", at: "t")
    let lap = root.file("lap")
    try FileManager.default.copyItem(atPath: office, toPath: lap)
    #expect(throws: WorkspaceError.self) { _ = try Workspace.open(lap).compact(by: "李四", device: "lap-b", at: "t", trim: true) }
    // Compacted all the same by hand (an older chuangwen, a forged record):
    // the office does not take that snapshot.
    var forged = try Workspace.open(lap).campaign
    forged.compaction = Compaction(generation: 1, clock: 1, at: "t", by: "李四", device: "lap-b",
                                   devices: ["lap-b": .init(seq: 1, hash: Journal.hash(Array((try String(contentsOfFile: lap + "/journal/lap-b.jsonl", encoding: .utf8)).split(separator: "\n")[0].utf8)))])
    try CampaignCodec.write(forged, toFile: lap + "/campaign.json")
    let before = try Data(contentsOf: URL(fileURLWithPath: office + "/campaign.json"))
    #expect(throws: WorkspaceError.self) { try Workspace.open(office).merge(from: lap) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: office + "/campaign.json")) == before)
    // A coordinator's compaction is taken in.
    _ = try Workspace.open(office).compact(by: "王芳", device: "office", at: "t", trim: true)
    let third = root.file("third")
    try Workspace.create(at: third, campaign: c)
    #expect(try Workspace.open(third).merge(from: office).adoptedCompaction == 1)
  }
}

/// A power cut inside a signature: the line is half-written, ignored and
/// cut off at the next change (CrashTests found it refused instead).
@Suite struct CutSignatureTests {
  @Test func aLineCutInsideItsSignatureIsHalfWritten() throws {
    let root = TempFolder()
    let key = DeviceKey.ephemeral()
    let dir = root.file("ws")
    try Workspace.create(at: dir, campaign: Sample.campaign())
    do {
      let ws = try Workspace.open(dir)
      ws.sign(as: "lap-a", with: key)
      for k in 1...2 { try ws.append(.set(node: "t1", field: .note, value: .text("第\(k)次")), device: "lap-a", user: "u", at: "t") }
    }
    let path = dir + "/journal/lap-a.jsonl"
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    let lines = whole.split(separator: 0x0A)
    for cut in [10, 60, 129, 130, 131] {
      // The second line, cut `cut` bytes before its end (inside "sig").
      let bytes = Data(lines[0]) + Data([0x0A]) + Data(lines[1].dropLast(cut))
      try bytes.write(to: URL(fileURLWithPath: path))
      do {
        let opened = try Workspace.open(dir, verify: true)
        #expect(opened.warnings.contains { $0.message.contains("half-written") }, "cut \(cut)")
        #expect(opened.events(ofDevice: "lap-a").count == 1)
        opened.sign(as: "lap-a", with: key)
        try opened.append(.set(node: "t1", field: .note, value: .text("再写")), device: "lap-a", user: "u", at: "t")
      }
      _ = try Workspace.open(dir, verify: true)
    }
  }
}
