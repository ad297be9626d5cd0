import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// Compaction folds journals into campaign.json; copies made before it
/// must still merge, both ways, to the state they would have reached
/// without it.
@Suite struct CompactionTests {
  /// The tree, units and facts: what users see, without the bookkeeping.
  func shown(_ c: Campaign) -> String {
    var plain = c
    plain.stamps = [:]
    plain.compaction = nil
    return CampaignCodec.encode(plain)
  }

  /// The office merges lap-a, then both go on working; lap-b has not come
  /// back yet. Same as MergeTests' copies, with a write on each side that
  /// lands after the first merge.
  func copies(_ root: TempFolder) throws -> [String] {
    let base = root.file("base")
    try Workspace.create(at: base, campaign: Sample.campaign())
    var paths: [String] = []
    for name in ["office", "lap-a", "lap-b"] {
      try FileManager.default.copyItem(atPath: base, toPath: root.file(name))
      paths.append(root.file(name))
    }
    let office = try Workspace.open(paths[0])
    try office.append(.set(node: "t1", field: .note, value: .text("办公室")), device: "office", user: "王", at: "t")
    let a = try Workspace.open(paths[1])
    try a.append(.set(node: "t1", field: .status, value: .text("doing")), device: "lap-a", user: "张三", at: "t")
    try a.append(.addActivity(node: "t2", activity: Activity(id: "lap-a-1", date: Day(iso: "2022-05-01")!)), device: "lap-a", user: "张三", at: "t")
    // lap-b writes the note at the same clock as the office: the office's
    // write wins ("office" > "lap-b"), with or without compaction.
    let b = try Workspace.open(paths[2])
    try b.append(.set(node: "t1", field: .note, value: .text("督查组B")), device: "lap-b", user: "李四", at: "t")
    try b.append(.addProblem(node: "b1", problem: Problem(id: "lap-b-p", text: "讲解员不足")), device: "lap-b", user: "李四", at: "t")
    try office.merge(from: paths[1])
    try a.append(.set(node: "t1", field: .status, value: .text("done")), device: "lap-a", user: "张三", at: "t")
    return paths
  }

  /// What the office shows after taking in both laptops, optionally
  /// compacting after the first merge.
  func officeAfterBoth(compact: Bool, trim: Bool = true, order: [Int] = [1, 2]) throws -> (TempFolder, Workspace) {
    let root = TempFolder()
    let paths = try copies(root)
    let office = try Workspace.open(paths[0])
    if compact { _ = try office.compact(by: "王", at: "t", trim: trim) }
    for k in order { try office.merge(from: paths[k]) }
    return (root, office)
  }

  @Test func oldLaptopsMergeAfterCompactionAsIfItNeverHappened() throws {
    let (r1, control) = try officeAfterBoth(compact: false)
    for order in [[1, 2], [2, 1], [2, 1, 2, 1]] {
      for trim in [true, false] {
        let (r2, office) = try officeAfterBoth(compact: true, trim: trim, order: order)
        #expect(shown(office.campaign) == shown(control.campaign))
        let reopened = try Workspace.open(office.directory, verify: true)
        #expect(shown(reopened.campaign) == shown(control.campaign))
        _ = r2
      }
    }
    let t1 = control.campaign.node("t1")!
    #expect(t1.note == "办公室" && t1.status == .done)
    #expect(control.campaign.node("t2")?.quota?.activities.count == 2)
    _ = r1
  }

  @Test func trimmedJournalsCarryTheChainOn() throws {
    let root = TempFolder()
    let paths = try copies(root)
    var office: Workspace? = try Workspace.open(paths[0])
    let before = shown(office!.campaign)
    let report = try office!.compact(by: "王", at: "2022-06-01T00:00:00Z", trim: true)
    office = nil  // one writer at a time: it lets go of the lock
    #expect(report.generation == 1 && report.folded == ["office": 1, "lap-a": 2])
    #expect(report.journalBytesAfter == 0 && report.journalBytesBefore > 0)
    #expect(root.read("office/journal/lap-a.jsonl").isEmpty)
    #expect(root.read("office/campaign.json").contains("\"compaction\": {\"generation\": 1"))
    let reopened = try Workspace.open(paths[0], verify: true)
    #expect(shown(reopened.campaign) == before && reopened.events.isEmpty)
    // The next change carries on the device's seq, clock and hash chain.
    let e = try reopened.append(.set(node: "t2", field: .status, value: .text("doing")), device: "office", user: "王", at: "t")
    #expect(e.seq == 2 && e.clock > report.folded.count)
    #expect(e.prev == reopened.snapshot.compaction?.devices["office"]?.hash)
    #expect(try Workspace.open(paths[0], verify: true).campaign.node("t2")?.status == .doing)
    // A second compaction counts on.
    #expect(try reopened.compact(by: "王", at: "t", trim: true).generation == 2)
  }

  @Test func anOldCopyTakesTheCompactedSnapshot() throws {
    let root = TempFolder()
    let paths = try copies(root)
    let office = try Workspace.open(paths[0])
    try office.compact(by: "王", at: "t", trim: true)
    try office.merge(from: paths[2])
    // lap-a, made before the compaction, takes the office's copy in.
    let a = try Workspace.open(paths[1])
    let report = try a.merge(from: paths[0])
    #expect(report.adoptedCompaction == 1)
    #expect(report.added == ["lap-b": 2])
    // Both ways, then again: nothing new, one state.
    try office.merge(from: paths[1])
    #expect(try a.merge(from: paths[0]).total == 0)
    #expect(try office.merge(from: paths[1]).total == 0)
    let states = try paths.prefix(2).map { shown(try Workspace.open($0, verify: true).campaign) }
    #expect(states[0] == states[1])
    // lap-a's own line that the office folded is skipped, its later one kept.
    let reopened = try Workspace.open(paths[1], verify: true)
    #expect(reopened.events(ofDevice: "lap-a").map(\.seq) == [3])
  }

  @Test func separatelyCompactedCopiesAreRefused() throws {
    let root = TempFolder()
    let paths = try copies(root)
    try Workspace.open(paths[0]).compact(by: "王", at: "t", trim: true)
    try Workspace.open(paths[2]).compact(by: "李", at: "t", trim: true)
    let before = root.snapshot()
    #expect(throws: WorkspaceError.self) { try Workspace.open(paths[0]).merge(from: paths[2]) }
    #expect(root.snapshot() == before)
  }

  @Test func anEditedFoldedLineIsFound() throws {
    let root = TempFolder()
    let paths = try copies(root)
    try Workspace.open(paths[0]).compact(by: "王", at: "t", trim: false)
    let journal = root.read("office/journal/lap-a.jsonl")
    root.write("office/journal/lap-a.jsonl", journal.replacingOccurrences(of: "lap-a-1", with: "lap-a-9"))
    #expect(throws: WorkspaceError.self) { try Workspace.open(paths[0]) }
  }

  /// Compaction keeps its state in memory rather than reading the files
  /// back: everything must be what a fresh open reads, and the changes
  /// that follow (appends, a merge) must write the same bytes.
  @Test func theStateAfterCompactionIsWhatAReopenReads() throws {
    for trim in [true, false] {
      let root = TempFolder()
      let paths = try copies(root)
      // A half-written last line: a trimmed journal loses it, a kept one keeps it.
      root.write("lap-a/journal/lap-a.jsonl", root.read("lap-a/journal/lap-a.jsonl") + "{\"device\": \"lap-a\", \"se")
      let ws = try Workspace.open(paths[1], verify: true)
      _ = try ws.compact(by: "王", at: "t", trim: trim)
      let fresh = try Workspace.open(paths[1], verify: true)
      #expect(ws.campaign == fresh.campaign)
      #expect(ws.events == fresh.events && ws.events.isEmpty)
      #expect(ws.stamper == fresh.stamper)
      #expect(ws.snapshot.compaction == fresh.snapshot.compaction)
      #expect(ws.warnings.count == fresh.warnings.count)
      #expect(!ws.changedOnDisk)
      for (device, file) in fresh.journals {
        let mine = try #require(ws.journals[device])
        #expect(mine.base == file.base && mine.size == file.size && mine.lastHash == file.lastHash)
        #expect(mine.repairAt == file.repairAt && mine.missingNewline == file.missingNewline)
        #expect(mine.events == file.events && mine.lines == file.lines && mine.lastSeq == file.lastSeq)
      }
      // The next changes carry on exactly as after a reopen.
      let other = root.file("other")
      try FileManager.default.copyItem(atPath: paths[1], toPath: other)
      let twin = try Workspace.open(other, verify: true)
      let op = Operation.set(node: "t2", field: .note, value: .text("压缩后"))
      #expect(try ws.append(op, device: "lap-a", user: "张三", at: "t") == twin.append(op, device: "lap-a", user: "张三", at: "t"))
      try ws.merge(from: paths[2])
      try twin.merge(from: paths[2])
      #expect(root.read("lap-a/journal/lap-a.jsonl") == root.read("other/journal/lap-a.jsonl"))
      #expect(root.read("lap-a/journal/lap-b.jsonl") == root.read("other/journal/lap-b.jsonl"))
      #expect(ws.campaign == twin.campaign)
      #expect(try Workspace.open(paths[1], verify: true).campaign == ws.campaign)
    }
  }
}
