#if canImport(Glibc)
import Glibc
#endif
import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// Files that are not files (issue 12, defect 6): links, FIFOs, devices,
/// folders and huge sparse files where a workspace expects its regular
/// files are refused at once with a message naming the path, and nothing
/// is written through a link.
@Suite struct FileKindTests {
  // MARK: Helpers

  /// A workspace of the sample campaign with one journal (lap-a), and a
  /// folder beside it standing for "outside the workspace".
  final class Setup {
    let root = TempFolder()
    var ws: String { root.file("ws") }
    var outside: String { root.file("outside") }
    var journal: String { ws + "/journal/lap-a.jsonl" }
    var campaign: String { ws + "/campaign.json" }

    init() throws {
      let events = [Event(device: "lap-a", seq: 1, clock: 1, user: "张三", at: "t",
                          op: .set(node: "t1", field: .status, value: .text("done")))]
      try Workspace.create(at: ws, campaign: Sample.campaign(), journals: [events])
      try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    }

    /// Puts a symbolic link to `target` where `path` is.
    func link(_ path: String, to target: String) {
      unlink(path)
      #expect(symlink(target, path) == 0, "symlink \(path): \(String(cString: strerror(errno)))")
    }
  }

  final class Box<T>: @unchecked Sendable { var value: T? }

  /// Runs `body` on its own thread; nil when it has not finished within
  /// `seconds` (a regression that blocks fails instead of hanging the
  /// tests: `unblock` is then called to let the thread go).
  static func promptly<T>(_ seconds: Double = 20, unblock: () -> Void = {},
                          _ body: @escaping @Sendable () -> T) -> T? {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      box.value = body()
      done.signal()
    }
    if done.wait(timeout: .now() + seconds) == .timedOut {
      unblock()
      _ = done.wait(timeout: .now() + 5)
      return nil
    }
    return box.value
  }

  /// Workspace.open's error, or nil when it opened; within 20 seconds.
  static func openError(_ dir: String, verify: Bool = true, unblock: () -> Void = {}) -> WorkspaceError?? {
    promptly(unblock: unblock) { () -> WorkspaceError? in
      do throws(WorkspaceError) {
        _ = try Workspace.open(dir, verify: verify)
        return nil
      } catch {
        return error
      }
    }
  }

  /// Bytes this thread has read through read(2) so far (/proc/thread-self/io),
  /// to prove a file was not read; nil where the kernel does not say.
  static func bytesReadByThisThread() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/thread-self/io", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("rchar:") {
      return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
    }
    return nil
  }

  /// Expects a refusal naming `path` and saying `what`, with exit 65.
  static func expectRefused(_ result: WorkspaceError??, _ path: String, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
    guard let result else {
      Issue.record("did not return within the time limit", sourceLocation: sourceLocation)
      return
    }
    guard let error = result else {
      Issue.record("opened; expected a refusal of \(path)", sourceLocation: sourceLocation)
      return
    }
    #expect(error.exitCode == 65, "\(error)", sourceLocation: sourceLocation)
    #expect(error.description.contains(path), "does not name \(path): \(error)", sourceLocation: sourceLocation)
    #expect(error.description.contains(what), "does not say \(what): \(error)", sourceLocation: sourceLocation)
  }

  // MARK: Workspaces

  @Test func aRegularWorkspaceStillOpens() throws {
    let s = try Setup()
    let result = Self.openError(s.ws)
    #expect(result != nil)
    #expect(result! == nil, "\(String(describing: result!))")
    let ws = try Workspace.open(s.ws, verify: true)
    #expect(ws.campaign.node("t1")?.status == .done)
    // An absent journal, and an absent file, are still just absent.
    #expect(try FileIO.read(s.ws + "/journal/nobody.jsonl") == nil)
  }

  @Test func aJournalLinkedToDevZeroIsRefused() throws {
    let s = try Setup()
    s.link(s.journal, to: "/dev/zero")
    Self.expectRefused(Self.openError(s.ws), s.journal, "is a symbolic link (to /dev/zero), expected a regular file")
    Self.expectRefused(Self.openError(s.ws, verify: false), s.journal, "is a symbolic link")
  }

  @Test func aCampaignLinkedToDevUrandomIsRefused() throws {
    let s = try Setup()
    s.link(s.campaign, to: "/dev/urandom")
    Self.expectRefused(Self.openError(s.ws), s.campaign, "is a symbolic link (to /dev/urandom), expected a regular file")
    // The fast reader's window refuses it too (the fallback then says why).
    #expect(FileWindow(path: s.campaign, size: 1 << 16) == nil)
  }

  @Test func aJournalThatIsAFIFOIsRefusedWithoutBlocking() throws {
    let s = try Setup()
    unlink(s.journal)
    #expect(mkfifo(s.journal, 0o600) == 0)
    let fifo = s.journal
    let result = Self.openError(s.ws, unblock: {
      // A reader blocked opening the FIFO is let go by a writer.
      let fd = open(fifo, O_WRONLY | O_NONBLOCK)
      if fd >= 0 { close(fd) }
    })
    Self.expectRefused(result, s.journal, "is a FIFO (a named pipe), expected a regular file")
    // Nor does writing to it block.
    let write = Self.promptly { () -> WorkspaceError? in
      do throws(WorkspaceError) {
        try FileIO.append(fifo, Array("x\n".utf8))
        return nil
      } catch {
        return error
      }
    }
    Self.expectRefused(write, s.journal, "is a FIFO")
  }

  @Test func aSparseFiveGigabyteCampaignIsRefusedUnread() throws {
    let s = try Setup()
    let fd = open(s.campaign, O_WRONLY | O_TRUNC)
    #expect(fd >= 0)
    #expect(ftruncate(fd, off_t(5) << 30) == 0)
    close(fd)
    let before = Self.bytesReadByThisThread()
    let started = Date()
    var refusal: WorkspaceError?
    do throws(WorkspaceError) {
      _ = try Workspace.open(s.ws)
    } catch {
      refusal = error
    }
    let after = Self.bytesReadByThisThread()
    Self.expectRefused(.some(refusal), s.campaign, "is too large: 5 GiB; at most 1 GiB")
    #expect(Date().timeIntervalSince(started) < 5)
    if let before, let after {
      // The journal and campaign.json of a refusal: nothing of the 5 GiB.
      #expect(after - before < 64 << 10, "read \(after - before) bytes")
    }
    #expect(FileWindow(path: s.campaign, size: 1 << 16) == nil)
    #expect(throws: WorkspaceError.self) { _ = try FileIO.read(s.campaign) }
  }

  @Test func aDanglingJournalLinkIsRefusedAndNothingIsWrittenOutside() throws {
    let s = try Setup()
    let target = s.outside + "/stolen.jsonl"
    let link = s.ws + "/journal/lap-z.jsonl"
    s.link(link, to: target)
    // Not absent: an error, in open and in verify.
    Self.expectRefused(Self.openError(s.ws, verify: true), link, "is a symbolic link (to \(target))")
    Self.expectRefused(Self.openError(s.ws, verify: false), link, "is a symbolic link")
    #expect(FileIO.kind(target) == nil)

    // A link planted after the workspace was read: the append refuses it.
    unlink(link)
    let ws = try Workspace.open(s.ws)
    s.link(link, to: target)
    #expect(throws: WorkspaceError.self) {
      try ws.append(.set(node: "t1", field: .note, value: .text("外")), device: "lap-z", user: "张三", at: "t")
    }
    #expect(FileIO.kind(target) == nil, "a write went through the link")
    // And FileIO.append itself, dangling or not.
    let refusal = Self.promptly { () -> WorkspaceError? in
      do throws(WorkspaceError) {
        try FileIO.append(link, Array("x\n".utf8))
        return nil
      } catch {
        return error
      }
    }
    Self.expectRefused(refusal, link, "is a symbolic link")
    #expect(FileIO.kind(target) == nil)
    #expect(FileIO.kind(link) == .symbolicLink)
  }

  @Test func aJournalLinkedToARealFileOutsideIsRefused() throws {
    let s = try Setup()
    let target = s.outside + "/lap-a.jsonl"
    try FileManager.default.moveItem(atPath: s.journal, toPath: target)
    s.link(s.journal, to: target)
    let before = try Data(contentsOf: URL(fileURLWithPath: target))
    Self.expectRefused(Self.openError(s.ws), s.journal, "is a symbolic link (to \(target))")
    #expect(throws: WorkspaceError.self) { try FileIO.append(s.journal, Array("x\n".utf8)) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
  }

  @Test func aDanglingCampaignLinkIsAnErrorNotAMissingWorkspace() throws {
    let s = try Setup()
    s.link(s.campaign, to: s.outside + "/nothing.json")
    #expect(Workspace.exists(at: s.ws))
    Self.expectRefused(Self.openError(s.ws), s.campaign, "is a symbolic link")
  }

  @Test func aFolderWhereAFileShouldBeIsRefused() throws {
    let s = try Setup()
    unlink(s.journal)
    try FileManager.default.createDirectory(atPath: s.journal, withIntermediateDirectories: false)
    Self.expectRefused(Self.openError(s.ws), s.journal, "is a folder, expected a regular file")
  }

  // MARK: The file calls themselves

  @Test func theSizeLimitIsCheckedFirstAndWhileReading() throws {
    let dir = TempFolder()
    dir.write("a.txt", String(repeating: "x", count: 3000))
    #expect(try FileIO.read(dir.file("a.txt"), limit: 3000)?.count == 3000)
    do throws(WorkspaceError) {
      _ = try FileIO.read(dir.file("a.txt"), limit: 2048)
      Issue.record("read past the limit")
    } catch {
      #expect(error.exitCode == 65)
      #expect(error.description.contains("is too large: 2.9 KiB; at most 2 KiB"), "\(error)")
    }
    // A file whose size says 0 but that has more (as one growing while
    // read would): the loop stops at the limit.
    if FileIO.kind("/proc/self/status") == .regular {
      do throws(WorkspaceError) {
        _ = try FileIO.read("/proc/self/status", limit: 100)
        Issue.record("read past the limit")
      } catch {
        #expect(error.description.contains("grew past 100 bytes while being read"), "\(error)")
      }
    }
    #expect(FileIO.sizeText(5 << 30) == "5 GiB")
    #expect(FileIO.sizeText(1 << 30) == "1 GiB")
    #expect(FileIO.sizeText(256 << 20) == "256 MiB")
    #expect(FileIO.sizeText(1_610_612_736) == "1.5 GiB")
    #expect(FileIO.sizeText(812) == "812 bytes")
  }

  @Test func anAtomicWriteDoesNotFollowAStaleTemporaryLink() throws {
    let dir = TempFolder()
    let outside = TempFolder()
    let path = dir.file("campaign.json")
    let target = outside.file("stolen")
    #expect(symlink(target, path + ".tmp-\(getpid())") == 0)
    try FileIO.writeAtomically(path, Array("{}".utf8))
    #expect(FileIO.kind(target) == nil)
    #expect(FileIO.kind(path) == .regular)
    #expect(dir.read("campaign.json") == "{}")
    #expect(FileIO.kind(path + ".tmp-\(getpid())") == nil)
  }

  @Test func aLinkWhereAFolderShouldBeIsRefused() throws {
    let s = try Setup()
    let journals = s.ws + "/journal"
    try FileManager.default.moveItem(atPath: journals, toPath: s.outside + "/journal")
    s.link(journals, to: s.outside + "/journal")
    #expect(!FileIO.isRealDirectory(journals))
    #expect(FileIO.isDirectory(journals))
    #expect(FileIO.isRealDirectory(s.ws))
    #expect(FileIO.isRealDirectory(s.ws + "/"))
    do throws(WorkspaceError) {
      try FileIO.makeDirectory(journals)
      Issue.record("accepted a link as the journal folder")
    } catch {
      #expect(error.description.contains(journals), "\(error)")
      #expect(error.description.contains("is a symbolic link"), "\(error)")
    }
    // Where the user says so, a link to a folder will do.
    try FileIO.makeDirectory(journals, links: .follow)
    // A change through the workspace is refused, and nothing is written
    // in the linked folder.
    // (The workspace does not even open: a linked journal folder is named.)
    let before = FileIO.listDirectory(s.outside + "/journal")
    #expect(throws: WorkspaceError.self) {
      try Workspace.open(s.ws).append(.set(node: "t1", field: .note, value: .text("外")), device: "lap-z", user: "张三", at: "t")
    }
    #expect(FileIO.listDirectory(s.outside + "/journal") == before)
    // A new folder is still made, with the folders above it.
    try FileIO.makeDirectory(s.root.file("new/deeper/"))
    #expect(FileIO.isRealDirectory(s.root.file("new/deeper")))
  }

  @Test func aSheetMayBeALinkButOnlyToARegularFileOfSensibleSize() throws {
    let dir = TempFolder()
    dir.write("sheet.csv", "层级,任务\n1,签订责任书\n")
    #expect(symlink(dir.file("sheet.csv"), dir.file("link.csv")) == 0)
    #expect(try OtherFiles.read(dir.file("link.csv")) == Array(dir.read("sheet.csv").utf8))
    #expect(symlink("/dev/zero", dir.file("zero.csv")) == 0)
    let zero = dir.file("zero.csv")
    let refusedZero = Self.promptly { () -> WorkspaceError? in
      do throws(WorkspaceError) { _ = try OtherFiles.read(zero); return nil } catch { return error }
    }
    Self.expectRefused(refusedZero, zero, "is a device, expected a regular file")
    let fifo = dir.file("fifo.csv")
    #expect(mkfifo(fifo, 0o600) == 0)
    let refusedFIFO = Self.promptly(unblock: {
      let fd = open(fifo, O_WRONLY | O_NONBLOCK)
      if fd >= 0 { close(fd) }
    }) { () -> WorkspaceError? in
      do throws(WorkspaceError) { _ = try OtherFiles.read(fifo); return nil } catch { return error }
    }
    Self.expectRefused(refusedFIFO, fifo, "is a FIFO")
    let big = dir.file("big.csv")
    let fd = open(big, O_WRONLY | O_CREAT, 0o600)
    #expect(ftruncate(fd, off_t(300) << 20) == 0)
    close(fd)
    do throws(WorkspaceError) {
      _ = try OtherFiles.read(big)
      Issue.record("read a 300 MiB sheet")
    } catch {
      #expect(error.description.contains("is too large: 300 MiB; at most 256 MiB"), "\(error)")
    }
    #expect(throws: WorkspaceError.self) { _ = try OtherFiles.read(dir.file("absent.csv")) }
    do throws(WorkspaceError) {
      _ = try OtherFiles.read(dir.file("absent.csv"))
    } catch {
      #expect(error.exitCode == 66)
    }
  }
}
