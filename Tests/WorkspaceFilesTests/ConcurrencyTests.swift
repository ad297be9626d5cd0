import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// One writer at a time, and a writer's view never older than the files
/// it replaces; another copy's lines taken in only when they carry on
/// this copy's chain byte for byte; numbers in files range-checked.
@Suite struct ConcurrencyTests {
  func note(_ text: String) -> Domain.Operation { .set(node: "t1", field: .note, value: .text(text)) }

  func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

  @Test func aSecondWriterIsBusyAndNamesTheHolder() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let first = try Workspace.open(dir.path, lock: LockRequest(command: "mark", wait: 0, at: "2026-11-30T10:00:00Z"))
    #expect(first.isLocked)
    do {
      _ = try Workspace.open(dir.path, lock: LockRequest(command: "compact", wait: 0.1, at: "t"))
      Issue.record("a second writer took the lock")
    } catch {
      guard case .busy(_, let holder, _) = error else { Issue.record("\(error)"); return }
      #expect(holder == LockHolder(pid: Int(getpid()), command: "mark", since: "2026-11-30T10:00:00Z"))
      #expect(error.exitCode == 75)
      #expect(error.description.contains("mark (pid \(getpid())"))
      #expect(error.description.contains("--wait"))
    }
    _ = first
  }

  @Test func aWaitingWriterGetsInOnceTheHolderLetsGo() async throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    var first: Workspace? = try Workspace.open(dir.path, lock: LockRequest(command: "mark", wait: 0, at: "t"))
    try first!.append(note("一"), device: "lap", user: "王", at: "t")
    let path = dir.path
    let waiter = Task.detached { () throws -> String in
      let ws = try Workspace.open(path, lock: LockRequest(command: "mark", wait: 20, at: "t"))
      // Read after the lock: the first writer's change is there.
      try ws.append(.set(node: "t1", field: .status, value: .text("done")), device: "lap", user: "李", at: "t")
      return ws.campaign.node("t1")!.note
    }
    usleep(200_000)
    try first!.append(note("二"), device: "lap", user: "王", at: "t")
    first = nil
    #expect(try await waiter.value == "二")
    let ws = try Workspace.open(dir.path, verify: true)
    #expect(ws.events(ofDevice: "lap").map(\.seq) == [1, 2, 3])
  }

  /// Two writers of one device that both read before either wrote: the
  /// second must not write a line with the first's seq.
  @Test func aWriterThatReadBeforeTheLockReadsAgain() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let early = try Workspace.open(dir.path)
    do {
      let other = try Workspace.open(dir.path, lock: LockRequest(command: "mark", wait: 0, at: "t"))
      try other.append(note("先"), device: "lap", user: "王", at: "t")
    }
    try early.append(.set(node: "t2", field: .note, value: .text("后")), device: "lap", user: "李", at: "t")
    let ws = try Workspace.open(dir.path, verify: true)
    #expect(ws.events(ofDevice: "lap").map(\.seq) == [1, 2])
    #expect(ws.campaign.node("t1")?.note == "先")
    #expect(ws.campaign.node("t2")?.note == "后")
  }

  @Test func aReaderSeesWhatAnotherProcessWrote() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let reader = try Workspace.open(dir.path)
    #expect(try reader.refresh() == false)
    let writer = try Workspace.open(dir.path, lock: LockRequest(command: "dashboard", wait: 0, at: "t"))
    #expect(try reader.lock() == false)
    try writer.append(note("新"), device: "lap", user: "王", at: "t")
    #expect(reader.changedOnDisk)
    #expect(try reader.refresh())
    #expect(reader.campaign.node("t1")?.note == "新")
    #expect(try reader.refresh() == false)
    _ = writer
  }

  /// A copy that re-encodes a line both copies hold (same event, other
  /// spacing) and chains a new line to it verifies on its own, but its
  /// new line does not carry on this copy's chain: refused, nothing written.
  /// (Unsigned journals, from before signing: a signed line re-encoded
  /// no longer holds its signature, see SigningTests.)
  @Test func aReencodedKnownLineIsRefused() throws {
    let root = TempFolder()
    let office = root.file("office")
    try Workspace.create(at: office, campaign: Sample.campaign(),
                         journals: [[Event(device: "lap", seq: 1, clock: 1, user: "王", at: "t", op: note("一"))]])
    let lap = root.file("lap")
    try FileManager.default.copyItem(atPath: office, toPath: lap)
    // The laptop's copy: line 1 re-encoded with spaces, line 2 chained to it.
    let journal = lap + "/journal/lap.jsonl"
    let line1 = String(decoding: bytes(journal), as: UTF8.self).split(separator: "\n")[0]
    let spaced = line1.replacingOccurrences(of: "\":", with: "\": ")
    #expect(spaced != String(line1))
    var second = Event(device: "lap", seq: 2, clock: 2, user: "王", at: "t", prev: Journal.hash(Array(spaced.utf8)), op: note("二"))
    second.prev = Journal.hash(Array(spaced.utf8))
    try Data((spaced + "\n" + EventCodec.encode(second) + "\n").utf8).write(to: URL(fileURLWithPath: journal))
    _ = try Workspace.open(lap, verify: true)  // sound on its own
    let before = bytes(office + "/journal/lap.jsonl")
    #expect(throws: WorkspaceError.self) { try Workspace.open(office).merge(from: lap) }
    #expect(bytes(office + "/journal/lap.jsonl") == before)
    _ = try Workspace.open(office, verify: true)
  }

  /// Two copies whose lines of one seq differ (one laptop's folder copied
  /// and worked on under the same device id): refused, nothing written.
  /// (Unsigned lines, from before signing: signed by the device's own
  /// key, the other history is kept as a fork, see ForkTests.)
  @Test func aDifferentLineOfTheSameSeqIsRefused() throws {
    let root = TempFolder()
    let office = root.file("office")
    try Workspace.create(at: office, campaign: Sample.campaign(),
                         journals: [[Event(device: "lap", seq: 1, clock: 1, user: "王", at: "t", op: note("一"))]])
    let lap = root.file("lap")
    try Workspace.create(at: lap, campaign: Sample.campaign(),
                         journals: [[Event(device: "lap", seq: 1, clock: 1, user: "张", at: "t", op: note("一")),
                                     Event(device: "lap", seq: 2, clock: 2, user: "张", at: "t", op: note("二"))]])
    let before = bytes(office + "/journal/lap.jsonl")
    #expect(throws: WorkspaceError.self) { try Workspace.open(office).merge(from: lap) }
    #expect(bytes(office + "/journal/lap.jsonl") == before)
  }

  /// Clocks and seqs past 2^48 are refused where they are read, with the
  /// line and column; a merge of such a line writes nothing.
  @Test func hugeClocksAndSeqsAreRefusedOnReading() throws {
    for (member, value) in [("clock", "9223372036854775807"), ("clock", "281474976710657"),
                            ("seq", "9223372036854775807"), ("clock", "-1"),
                            ("clock", "99999999999999999999")] {
      let root = TempFolder()
      let office = root.file("office")
      try Workspace.create(at: office, campaign: Sample.campaign())
      let lap = root.file("lap")
      try FileManager.default.copyItem(atPath: office, toPath: lap)
      let event = Event(device: "lap", seq: 1, clock: 5, user: "王", at: "t", op: note("一"))
      let line = EventCodec.encode(event).replacingOccurrences(of: "\"\(member)\": \(member == "seq" ? 1 : 5)", with: "\"\(member)\": \(value)")
      #expect(line.contains(value))
      try FileManager.default.createDirectory(atPath: lap + "/journal", withIntermediateDirectories: true)
      try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: lap + "/journal/lap.jsonl"))
      do {
        _ = try Workspace.open(lap, verify: true)
        Issue.record("\(member) \(value) was accepted")
      } catch {
        guard case .invalid(let d) = error else { Issue.record("\(error)"); continue }
        #expect(d.first?.line == 1 && d.first?.column != nil, "\(d)")
        #expect(d.first?.file.hasSuffix("journal/lap.jsonl") == true)
      }
      #expect(throws: WorkspaceError.self) { try Workspace.open(office).merge(from: lap) }
      #expect(!FileManager.default.fileExists(atPath: office + "/journal/lap.jsonl"))
    }
  }

  @Test func aCompactionClockPastTheLimitIsRefused() throws {
    let dir = TempFolder()
    var c = Sample.campaign()
    c.compaction = Compaction(generation: 1, clock: 1 << 50, at: "t", by: "王", devices: [:])
    try Workspace.create(at: dir.path, campaign: c)
    #expect(throws: WorkspaceError.self) { try Workspace.open(dir.path) }
  }
}

/// A reader that takes no lock (stats, tree, report, the read-only
/// dashboard, an import's first look) while writers append and compact:
/// files changing under it are read again, never an error of theirs.
@Suite struct UnlockedReaderTests {
  @Test func anUnlockedReadWhileWritersWorkIsNoError() throws {
    let dir = TempFolder()
    try Workspace.create(at: dir.path, campaign: Sample.campaign())
    let path = dir.path
    final class Box: @unchecked Sendable { var done = false; var wrote = 0 }
    let box = Box()
    let writer = Thread {
      for k in 0..<40 {
        do {
          let ws = try Workspace.open(path, lock: LockRequest(command: "mark", wait: 20, at: "t"))
          // Journals of a few megabytes, read a window at a time, then
          // folded into the snapshot and emptied.
          let ops: [Domain.Operation] = (0..<60).map {
            .set(node: "t1", field: .note, value: .text(String(repeating: "长", count: 30_000) + "\(k).\($0)"))
          }
          try ws.append(ops, device: "lap", user: "王", at: "t")
          if k % 2 == 1 { _ = try ws.compact(by: "王", at: "t", trim: true) }
          box.wrote += 1
        } catch {
          break
        }
      }
      box.done = true
    }
    writer.start()
    var reads = 0
    var failures: [String] = []
    while !box.done {
      do {
        _ = try Workspace.open(path)
        reads += 1
      } catch {
        failures.append("\(error)")
      }
    }
    #expect(box.wrote == 40)
    #expect(reads > 20)
    #expect(failures.isEmpty, "\(failures.count) of \(reads + failures.count) reads failed: \(failures.prefix(3))")
  }
}
