import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

@Suite struct WorkspaceTests {
  @Test func campaignRoundTripsThroughTheFile() throws {
    let dir = TempFolder()
    let c = Sample.campaign()
    try Workspace.create(at: dir.path, campaign: c)
    let ws = try Workspace.open(dir.path)
    #expect(ws.campaign == c)
    // Writing what was read gives the same bytes.
    #expect(CampaignCodec.encode(ws.campaign) == dir.read("campaign.json"))
  }

  @Test func createRefusesAnExistingWorkspace() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let before = dir.snapshot()
    #expect(throws: WorkspaceError.self) {
      try Workspace.create(at: dir.path, campaign: Campaign(id: "x", title: "x"))
    }
    #expect(dir.snapshot() == before)
  }

  @Test func atomicSaveLeavesNoTemporaryFileAndOwnerOnlyModes() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(names == [".gitignore", "campaign.json", "journal"])
    let attrs = try FileManager.default.attributesOfItem(atPath: dir.file("campaign.json"))
    #expect((attrs[.posixPermissions] as? Int) == 0o600)
  }

  @Test func missingWorkspaceIsNoInput() {
    let dir = TempFolder()
    do {
      _ = try Workspace.open(dir.file("nothing"))
      Issue.record("opened nothing")
    } catch {
      #expect(error.exitCode == 66)
    }
  }

  @Test func appendedChangesSurviveReopening() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let ws = try Workspace.open(dir.path)
    try ws.append(.set(node: "t1", field: .status, value: .text("done")), device: "laptop-a", user: "张三", at: "t")
    try ws.append(.addActivity(node: "t2", activity: Activity(id: "a2", date: Day(iso: "2022-02-01")!)),
                  device: "laptop-a", user: "张三", at: "t")
    let again = try Workspace.open(dir.path, verify: true)
    #expect(again.campaign == ws.campaign)
    #expect(again.campaign.node("t1")?.status == .done)
    #expect(again.campaign.node("t2")?.quota?.count == 3)
    #expect(again.events.map(\.seq) == [1, 2])
    #expect(again.events[1].prev == Journal.hash(Array(dir.read("journal/laptop-a.jsonl").split(separator: "\n")[0].utf8)))
  }

  @Test func replayOrderDoesNotMatter() throws {
    // Two laptops set the same field; the later clock wins, then the device id.
    let events = [
      Event(device: "b", seq: 1, clock: 1, user: "李四", at: "", op: .set(node: "t1", field: .note, value: .text("b1"))),
      Event(device: "a", seq: 1, clock: 1, user: "张三", at: "", op: .set(node: "t1", field: .note, value: .text("a1"))),
      Event(device: "a", seq: 2, clock: 2, user: "张三", at: "", op: .set(node: "t1", field: .status, value: .text("done"))),
      Event(device: "b", seq: 2, clock: 3, user: "李四", at: "", op: .addActivity(node: "t2", activity: Activity(id: "b-x", date: Day(iso: "2022-03-03")!))),
      Event(device: "a", seq: 3, clock: 3, user: "张三", at: "", op: .removeActivity(node: "t2", activity: "act-1")),
    ]
    var expected = Sample.campaign()
    expected.replay(events)
    #expect(expected.node("t1")?.note == "b1")
    var rng = SplitMix(seed: 7)
    for _ in 0..<50 {
      var shuffled = events
      shuffled.shuffle(using: &rng)
      var c = Sample.campaign()
      c.replay(shuffled)
      #expect(c == expected)
    }
  }

  @Test func halfWrittenLastLineIsIgnoredThenRepaired() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    // Each writer lets go of the lock when it is done (one at a time).
    try Workspace.open(dir.path).append(.set(node: "t1", field: .status, value: .text("done")), device: "d1", user: "u", at: "t")
    let good = dir.read("journal/d1.jsonl")
    dir.write("journal/d1.jsonl", good + "{\"device\": \"d1\", \"seq\": 2, \"clo")
    let damaged = try Workspace.open(dir.path, verify: true)
    #expect(damaged.warnings.count == 1)
    #expect(damaged.warnings[0].line == 2)
    #expect(damaged.events.count == 1)
    try damaged.append(.set(node: "t1", field: .note, value: .text("修复")), device: "d1", user: "u", at: "t")
    let repaired = try Workspace.open(dir.path, verify: true)
    #expect(repaired.warnings.isEmpty)
    #expect(repaired.events.count == 2)
    #expect(repaired.campaign.node("t1")?.note == "修复")
    // What the appends remember of the file is what a fresh read finds.
    #expect(damaged.journals["d1"]!.lines == repaired.journals["d1"]!.lines)
    #expect(damaged.journals["d1"]!.size == repaired.journals["d1"]!.size)
  }

  @Test func severalChangesGoInOneWriteAndChainAsOne() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    try Workspace.open(dir.path).append(.set(node: "t1", field: .status, value: .text("doing")), device: "d1", user: "u", at: "t")
    dir.write("journal/d1.jsonl", String(dir.read("journal/d1.jsonl").dropLast()))  // no final newline
    let reread = try Workspace.open(dir.path)
    let made = try reread.append([
      .addUnit(unit: Unit(id: "u9", name: "市文旅局")),
      .addNode(node: Node(id: "n9", parent: "g1", kind: .task, title: "新任务", lead: "u9"), after: nil),
    ], device: "d1", user: "u", at: "t")
    #expect(made.map(\.seq) == [2, 3] && made[1].clock == made[0].clock + 1)
    let fresh = try Workspace.open(dir.path, verify: true)
    #expect(fresh.campaign.node("n9")?.lead == "u9" && fresh.campaign.unitName("u9") == "市文旅局")
    #expect(reread.journals["d1"]!.lines == fresh.journals["d1"]!.lines)
    #expect(reread.journals["d1"]!.size == fresh.journals["d1"]!.size)
    #expect(reread.campaign == fresh.campaign)
  }

  @Test func verifyFindsEditedRemovedAndReorderedLines() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let ws = try Workspace.open(dir.path)
    for k in 1...3 {
      try ws.append(.set(node: "t1", field: .note, value: .text("第\(k)次")), device: "d1", user: "u", at: "t")
    }
    let lines = dir.read("journal/d1.jsonl").split(separator: "\n").map(String.init)
    let cases: [(String, Int)] = [
      // Signed lines: the edited line's own signature names it.
      (lines[0].replacingOccurrences(of: "第1次", with: "改过") + "\n" + lines[1] + "\n" + lines[2] + "\n", 1),
      (lines[0] + "\n" + lines[2] + "\n", 2),
      (lines[1] + "\n" + lines[0] + "\n" + lines[2] + "\n", 1),
    ]
    for (text, line) in cases {
      dir.write("journal/d1.jsonl", text)
      do {
        _ = try Workspace.open(dir.path, verify: true)
        Issue.record("damage not found")
      } catch {
        guard case .invalid(let d) = error else { Issue.record("\(error)"); continue }
        #expect(d.first?.line == line, "\(d)")
        #expect(d.first?.file.hasSuffix("journal/d1.jsonl") == true)
      }
    }
  }

  @Test func secondLockIsRefusedUntilReleased() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    var first: Workspace? = try Workspace.open(dir.path)
    #expect(try first!.lock())
    let second = try Workspace.open(dir.path)
    #expect(try second.lock() == false)
    #expect(throws: WorkspaceError.self) {
      try second.append(.set(node: "t1", field: .note, value: .text("x")), device: "d2", user: "李", at: "t")
    }
    first = nil
    #expect(try second.lock())
    #expect(second.isLocked)
  }
}

/// A small deterministic random generator for shuffles in tests.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
