import Crypto
import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// A journal's copy (`JournalCache`) gives what reading the journal gives,
/// or nothing: never the events of bytes that are no longer there, never
/// one it did not sign, never in place of a line's message.
@Suite struct JournalCacheTests {
  let key = SymmetricKey(data: [UInt8](repeating: 9, count: 32))

  /// Events of every kind the copy keeps as records, and some it keeps as
  /// their lines (a list, a note, a move, the plan, an unusual time).
  static func events(_ n: Int, device: String = "lap-a") -> [Event] {
    (0..<n).map { k in
      let node = k % 7 == 0 ? "节点-\(k % 50)-较长的标识符" : "n\(k % 300)"
      let op: Domain.Operation
      switch k % 12 {
      case 0: op = .set(node: node, field: .status, value: .text("done"))
      case 1: op = .set(node: node, field: .note, value: .text("第\(k)次督查：门前三包落实情况良好，继续保持。"))
      case 2: op = .set(node: node, field: .due, value: .null)
      case 3: op = .addActivity(node: node, activity: Activity(id: "a\(k)", date: Day(year: 2025, month: 3, day: 1 + k % 28)!, count: 1 + k % 9))
      case 4: op = .addActivity(node: node, activity: Activity(id: "a\(k)", date: Day(year: 2025, month: 4, day: 2)!, count: 2, note: "志愿服务"))
      case 5: op = .removeActivity(node: node, activity: "a\(k - 2)")
      case 6: op = .addProblem(node: node, problem: Problem(id: "p\(k)", text: "占道经营", unit: k % 2 == 0 ? "城管局" : nil,
                                                             due: k % 3 == 0 ? Day(year: 2025, month: 5, day: 9) : nil, found: Day(year: 2025, month: 5, day: 1),
                                                             point: k % 4 == 0 ? "点位\(k)" : nil))
      case 7: op = .setProblem(node: node, problem: "p\(k - 1)", state: .fixed)
      case 8: op = .set(node: node, field: .support, value: .list(["文明办", "团市委"]))
      case 9: op = .moveNode(node: node, parent: "n1", after: nil)
      case 10: op = .setPlan(field: .title, value: .text("格尔木市创建全国文明城市"))
      default: op = .set(node: node, field: .title, value: .text("任务\(k)"))
      }
      let at = k % 29 == 0 ? "2025-06-01 上午" : "2025-06-01T08:\(String(format: "%02d", k / 60 % 60)):\(String(format: "%02d", k % 60))Z"
      return Event(device: device, seq: k + 1, clock: 10 + k, user: k % 5 == 0 ? "督查员乙" : "督查员甲", at: at, op: op)
    }
  }

  /// A journal of `events` in a workspace-like folder: its path, and the
  /// copies' use.
  func journal(_ t: TempFolder, _ events: [Event], signedBy signer: DeviceKey? = nil, keep: Bool = true) -> (String, JournalCache.Use) {
    let path = t.file("journal/lap-a.jsonl")
    try? FileManager.default.createDirectory(atPath: t.file("journal"), withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: path, contents: Data(Journal.chain(events, key: signer)))
    return (path, JournalCache.Use(folder: t.file(".cache"), key: key, keep: keep))
  }

  func read(_ path: String, copies: JournalCache.Use? = nil, base: Compaction.Mark? = nil, verify: Bool = false)
    throws -> (JournalFile, [Diagnostic])
  {
    var diagnostics: [Diagnostic] = []
    let file = try Journal.read(path: path, displayPath: path, device: "lap-a", base: base, verify: verify,
                                diagnostics: &diagnostics, copies: copies)
    return (file, diagnostics)
  }

  func expectSame(_ a: JournalFile, _ b: JournalFile, _ comment: Comment? = nil) {
    #expect(a.events == b.events, comment)
    #expect(a.lines == b.lines, comment)
    #expect(a.size == b.size && a.lastHash == b.lastHash && a.key == b.key && a.signedFrom == b.signedFrom, comment)
    #expect(a.repairAt == b.repairAt && a.missingNewline == b.missingNewline, comment)
  }

  @Test func aJournalComesBackAsItsLinesRead() throws {
    let t = TempFolder()
    let all = Self.events(4000)
    let (path, use) = journal(t, all, signedBy: DeviceKey.ephemeral())
    let (reference, none) = try read(path)
    #expect(none.isEmpty && reference.events.count == all.count)
    #expect(try #require(DiskState.facts(path)).size >= Int64(JournalCache.worthFrom))
    // The first read writes the copy; the next takes every event from it.
    _ = try read(path, copies: use)
    let kept = try #require(JournalCache.read(use, journal: path, device: "lap-a", base: nil))
    #expect(kept.size == reference.size && kept.lineCount == all.count)
    expectSame(kept.file, reference)
    let (again, said) = try read(path, copies: use)
    #expect(said.isEmpty)
    expectSame(again, reference)
    // Most events are records; those the records do not carry are read from their lines.
    let copy = try #require(FileManager.default.contents(atPath: use.path(device: "lap-a")))
    #expect(copy.count < reference.size / 2)
  }

  @Test func linesAppendedAfterTheCopyAreReadToo() throws {
    let t = TempFolder()
    let signer = DeviceKey.ephemeral()
    let all = Self.events(6000)
    let (path, use) = journal(t, Array(all[..<4000]), signedBy: signer)
    _ = try read(path, copies: use)
    let copied = try #require(DiskState.facts(use.path(device: "lap-a")))
    // The same lines and more after them, one of them not an event.
    var bytes = Journal.chain(all, key: signer)
    bytes += Array("{\"seq\": \"x\"}\n".utf8)
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let (reference, expected) = try read(path)
    let (withCopy, said) = try read(path, copies: JournalCache.Use(folder: use.folder, key: key, keep: false))
    #expect(reference.events.count == all.count && expected.count == 1)
    expectSame(withCopy, reference)
    #expect(said.map(\.line) == expected.map(\.line) && said.map(\.message) == expected.map(\.message))
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil)?.size ?? 0 < reference.size)
    // A read that gives a message writes no copy: the old one stays.
    _ = try read(path, copies: use)
    #expect(DiskState.facts(use.path(device: "lap-a")) == copied)
  }

  @Test func aCopyWellBehindItsJournalIsWrittenAgain() throws {
    let t = TempFolder()
    let all = Self.events(9000)
    let (path, use) = journal(t, Array(all[..<4000]))
    _ = try read(path, copies: use)
    FileManager.default.createFile(atPath: path, contents: Data(Journal.chain(all)))
    let (reference, _) = try read(path)
    _ = try read(path, copies: use)
    let kept = try #require(JournalCache.read(use, journal: path, device: "lap-a", base: nil))
    #expect(kept.size == reference.size)
    expectSame(kept.file, reference)
  }

  /// The copy is of bytes, not of a file's name, size or time: any edit
  /// under it, even one that keeps the size, makes the journal read again.
  @Test func aJournalChangedUnderItsCopyIsReadAgain() throws {
    let t = TempFolder()
    let (path, use) = journal(t, Self.events(4000))
    _ = try read(path, copies: use)
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil) != nil)
    var text = t.read("journal/lap-a.jsonl")
    let done = try #require(text.range(of: "\"value\": \"done\""))
    text.replaceSubrange(done, with: "\"value\": \"todo\"")
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil) == nil)
    let (edited, _) = try read(path, copies: JournalCache.Use(folder: use.folder, key: key, keep: false))
    expectSame(edited, try read(path).0)
    #expect(edited.events.contains { if case .set(_, .status, .text("todo")) = $0.op { true } else { false } })
    // Cut short: what the copy covers is no longer there.
    try Data(text.utf8.prefix(text.utf8.count / 2)).write(to: URL(fileURLWithPath: path))
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil) == nil)
  }

  @Test func aDamagedForeignOrOtherwiseMarkedCopyIsIgnored() throws {
    let t = TempFolder()
    let events = Self.events(4000)
    let (path, use) = journal(t, events)
    _ = try read(path, copies: use)
    let copyPath = use.path(device: "lap-a")
    let good = try #require(FileManager.default.contents(atPath: copyPath))
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil) != nil)
    // Another user's key, or none.
    let other = JournalCache.Use(folder: use.folder, key: SymmetricKey(data: [UInt8](repeating: 3, count: 32)), keep: false)
    #expect(JournalCache.read(other, journal: path, device: "lap-a", base: nil) == nil)
    #expect(JournalCache.read(JournalCache.Use(folder: use.folder, key: nil, keep: false), journal: path, device: "lap-a", base: nil) == nil)
    // Another build.
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil, program: 42) == nil)
    // Read against another compaction mark.
    let mark = Compaction.Mark(seq: 1, hash: Journal.hash(Journal.line(events[0], key: nil, first: true)))
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: mark) == nil)
    // Any byte changed, or the copy cut short.
    for at in stride(from: 0, to: good.count, by: max(1, good.count / 61)) + [good.count - 1] {
      var bad = good
      bad[at] ^= 0x20
      try bad.write(to: URL(fileURLWithPath: copyPath))
      #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil) == nil, "byte \(at)")
    }
    try good.prefix(good.count - 5).write(to: URL(fileURLWithPath: copyPath))
    #expect(JournalCache.read(use, journal: path, device: "lap-a", base: nil) == nil)
    // `verify` reads the journal itself, and writes nothing.
    try FileManager.default.removeItem(atPath: copyPath)
    _ = try read(path, copies: use, verify: true)
    #expect(!FileManager.default.fileExists(atPath: copyPath))
  }

  /// A workspace opens the same with its journals' copies, and a change
  /// made after them is in the state.
  @Test func aWorkspaceOpensTheSameFromItsJournalsCopies() throws {
    let t = TempFolder()
    try Workspace.create(at: t.path, campaign: Synthetic.campaign(nodes: 500, seed: 3))
    let ws = try Workspace.open(t.path)
    let ids = ws.campaign.nodes.map(\.id)
    var ops: [Domain.Operation] = []
    for k in 0..<5000 {
      ops.append(k % 3 == 0
        ? .addActivity(node: ids[k % ids.count], activity: Activity(id: "a\(k)", date: Day(year: 2025, month: 3, day: 1)!, count: 1))
        : .set(node: ids[k % ids.count], field: .note, value: .text("督查记录第\(k)条：问题已整改，材料已归档备查。")))
    }
    _ = try ws.append(ops, device: "lap-a", user: "督查员", at: "2025-06-01T08:00:00Z")
    let first = try Workspace.open(t.path)
    #expect(FileManager.default.fileExists(atPath: t.file(".cache/journal-lap-a")))
    let second = try Workspace.open(t.path)
    #expect(second.campaign == first.campaign && second.events == first.events)
    _ = try ws.append(.set(node: ids[0], field: .status, value: .text("done")), device: "lap-a", user: "督查员", at: "2025-06-02T08:00:00Z")
    let third = try Workspace.open(t.path)
    #expect(third.campaign == (try Workspace.open(t.path, verify: true)).campaign)
    #expect(third.campaign.nodes.first { $0.id == ids[0] }?.status == .done)
  }

  /// An open that leaves the copies for later (the dashboard's) writes
  /// no large one; they are written when asked, and a writing given up
  /// leaves nothing behind.
  @Test func copiesLeftForLaterAreWrittenWhenAsked() throws {
    let t = TempFolder()
    try Workspace.create(at: t.path, campaign: Synthetic.campaign(nodes: 200, seed: 4))
    let ws = try Workspace.open(t.path)
    let ids = ws.campaign.nodes.map(\.id)
    for (device, lines) in [("lap-b", 36000), ("lap-c", 2000)] {
      _ = try ws.append((0..<lines).map { k in
        .set(node: ids[k % ids.count], field: .note, value: .text("督查记录第\(k)条：问题已整改，材料已归档备查。"))
      }, device: device, user: "督查员", at: "2025-06-01T08:00:00Z")
    }
    #expect(try #require(DiskState.facts(t.file("journal/lap-b.jsonl"))).size >= Int64(JournalCache.laterFrom))
    let copy = t.file(".cache/journal-lap-b")
    let first = try Workspace.open(t.path, copiesLater: true)
    #expect(!FileManager.default.fileExists(atPath: copy))
    // A smaller journal's copy is written at once.
    #expect(FileManager.default.fileExists(atPath: t.file(".cache/journal-lap-c")))
    let given = first.takeJournalCopies()
    #expect(!given.isEmpty && first.takeJournalCopies().isEmpty)
    given.stop()
    given.write()
    #expect(!FileManager.default.fileExists(atPath: copy))
    // A reader of one journal has no one to leave the copy to: it writes it.
    var diagnostics: [Diagnostic] = []
    let later = JournalCache.Use(folder: t.file(".cache"), key: CampaignCache.signingKey(create: false), keep: true, later: true)
    _ = try Journal.read(path: t.file("journal/lap-b.jsonl"), displayPath: "lap-b.jsonl", device: "lap-b",
                         verify: false, diagnostics: &diagnostics, copies: later)
    #expect(diagnostics.isEmpty && FileManager.default.fileExists(atPath: copy))
    try FileManager.default.removeItem(atPath: copy)
    let second = try Workspace.open(t.path, copiesLater: true)
    second.takeJournalCopies().write()
    #expect(FileManager.default.fileExists(atPath: copy))
    // Now taken from the copy: nothing left to write.
    let third = try Workspace.open(t.path, copiesLater: true)
    #expect(third.takeJournalCopies().isEmpty)
    #expect(third.campaign == first.campaign)
  }

  /// A copy signed with this user's key but holding other bytes (a bug,
  /// or someone with the key): read without a crash, and whatever it
  /// gives is events of the journal's own size or nothing.
  @Test func aSignedCopyWithOtherBytesIsReadSafely() throws {
    let t = TempFolder()
    let (path, use) = journal(t, Self.events(3000))
    _ = try read(path, copies: use)
    let copyPath = use.path(device: "lap-a")
    let good = [UInt8](try #require(FileManager.default.contents(atPath: copyPath)))
    let size = JournalCache.Trailer.size
    let signed = Array(good[(good.count - size)..<(good.count - 32)])
    let nonce = Array(signed[32..<40])
    var random = SystemRandomNumberGenerator()
    for round in -1..<40 {
      var body = Array(good[..<(good.count - size)])
      for _ in 0..<(round < 0 ? 0 : 1 + round % 4) {
        let at = Int.random(in: 0..<body.count, using: &random)
        body[at] = round % 3 == 0 ? 0xFF : UInt8.random(in: 0...255, using: &random)
      }
      FileManager.default.createFile(atPath: copyPath, contents: Data(body))
      let fd = open(copyPath, O_RDONLY)
      let signature = try #require(Digest.of(fd: fd, count: body.count, key: key, nonce: nonce, .body, then: signed))
      close(fd)
      FileManager.default.createFile(atPath: copyPath, contents: Data(body + signed + signature))
      let kept = JournalCache.read(use, journal: path, device: "lap-a", base: nil)
      // Signed again unchanged, it is the copy it was.
      if round < 0 { #expect(kept?.file.events == (try read(path).0.events)) }
      if let kept { #expect(kept.file.events.count == kept.file.lines.count) }
    }
  }
}
