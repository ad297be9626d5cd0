import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

@Suite struct MergeTests {
  /// A coordinator's copy and two supervisors' copies of one workspace.
  func copies() throws -> (TempFolder, [String]) {
    let root = TempFolder()
    let base = root.file("base")
    try Workspace.create(at: base, campaign: Sample.campaign())
    var paths: [String] = []
    for name in ["office", "lap-a", "lap-b"] {
      let p = root.file(name)
      try FileManager.default.copyItem(atPath: base, toPath: p)
      paths.append(p)
    }
    let office = try Workspace.open(paths[0])
    try office.append(.set(node: "t1", field: .note, value: .text("办公室")), device: "office", user: "王", at: "t")
    let a = try Workspace.open(paths[1])
    try a.append(.set(node: "t1", field: .status, value: .text("done")), device: "lap-a", user: "张三", at: "t")
    try a.append(.addActivity(node: "t2", activity: Activity(id: "lap-a-1", date: Day(iso: "2022-05-01")!)), device: "lap-a", user: "张三", at: "t")
    let b = try Workspace.open(paths[2])
    try b.append(.set(node: "t1", field: .note, value: .text("督查组B")), device: "lap-b", user: "李四", at: "t")
    try b.append(.addProblem(node: "b1", problem: Problem(id: "lap-b-p", text: "讲解员不足")), device: "lap-b", user: "李四", at: "t")
    return (root, paths)
  }

  @Test func everyOrderAndRepeatGivesTheSameState() throws {
    let orders = [[1, 2], [2, 1], [1, 2, 1, 2], [2, 2, 1]]
    var results: [Campaign] = []
    for order in orders {
      let (root, paths) = try copies()
      let office = try Workspace.open(paths[0])
      var added = 0
      for k in order { added += try office.merge(from: paths[k]).total }
      #expect(added == 4)
      let reopened = try Workspace.open(paths[0], verify: true)
      #expect(reopened.campaign == office.campaign)
      results.append(reopened.campaign)
      _ = root
    }
    #expect(Set(results.map { CampaignCodec.encode($0) }).count == 1)
    let c = results[0]
    #expect(c.node("t1")?.status == .done)
    #expect(c.node("t2")?.quota?.count == 3)
    #expect(c.node("b1")?.problems.count == 1)
  }

  @Test func copiesThatMergeEachOtherConverge() throws {
    let (root, paths) = try copies()
    for (into, from) in [(1, 2), (2, 1), (0, 1), (1, 0), (2, 0)] {
      try Workspace.open(paths[into]).merge(from: paths[from])
    }
    let states = try paths.map { try CampaignCodec.encode(Workspace.open($0, verify: true).campaign) }
    #expect(Set(states).count == 1)
    _ = root
  }

  /// Signed by the same key (the folder and the laptop's key copied), the
  /// other history is kept beside the journal, which is left as it was
  /// (ForkTests); unsigned, it is refused (ConcurrencyTests).
  @Test func divergentHistoryIsKeptAsAForkAndTheJournalUntouched() throws {
    let (root, paths) = try copies()
    // Someone copies lap-a's folder and keeps working under the same id.
    let twin = root.file("twin")
    try FileManager.default.copyItem(atPath: root.file("base"), toPath: twin)
    try Workspace.open(twin).append(.set(node: "t1", field: .note, value: .text("冒名")), device: "lap-a", user: "?", at: "t")
    let office = try Workspace.open(paths[0])
    try office.merge(from: paths[1])
    let before = try Data(contentsOf: URL(fileURLWithPath: paths[0] + "/journal/lap-a.jsonl"))
    let report = try office.merge(from: twin)
    #expect(report.forks.keys.sorted() == ["lap-a"])
    let after = try Data(contentsOf: URL(fileURLWithPath: paths[0] + "/journal/lap-a.jsonl"))
    #expect(before == after)
    #expect(try Workspace.open(paths[0], verify: true).forks.count == 1)
  }

  @Test func anotherCampaignIsRefused() throws {
    let (root, paths) = try copies()
    try Workspace.create(at: root.file("other"), campaign: Campaign(id: "other", title: "别的"))
    #expect(throws: WorkspaceError.self) { try Workspace.open(paths[0]).merge(from: root.file("other")) }
  }
}

/// Issue 15: merge did not say when changes landed on nodes the receiving
/// copy has deleted.
@Suite struct MergeOnDeletedTests {
  @Test func changesOnANodeDeletedHereAreSaid() throws {
    let root = TempFolder()
    let office = root.file("office")
    try Workspace.create(at: office, campaign: Sample.campaign())
    let lap = root.file("lap")
    try FileManager.default.copyItem(atPath: office, toPath: lap)
    try Workspace.open(office).append(.removeNode(node: "t1"), device: "office", user: "王", at: "t")
    let ws = try Workspace.open(lap)
    try ws.append(.set(node: "t1", field: .status, value: .text("done")), device: "lap-a", user: "张", at: "t")
    try ws.append(.set(node: "t1", field: .note, value: .text("已办")), device: "lap-a", user: "张", at: "t")
    try ws.append(.set(node: "t2", field: .note, value: .text("别处")), device: "lap-a", user: "张", at: "t")
    let report = try Workspace.open(office).merge(from: lap)
    #expect(report.onDeleted == ["t1": 2])
    #expect(report.added["lap-a"] == 3)
  }
}
