#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Files that are not files (issue 12, defect 6), through the real binary:
/// a journal linked to /dev/zero, campaign.json linked to /dev/urandom, a
/// journal that is a FIFO, a sparse 5 GiB campaign.json, dangling links,
/// and a link to a real file outside. Each command exits with a sysexits
/// code and a message naming the file, at once; no file outside the
/// workspace is made, and every file in it stays byte for byte.
@Suite struct FileKindEndToEndTests {
  struct Run {
    var status: Int32
    var stderr: String
    var seconds: Double
    var timedOut: Bool
  }

  /// Runs the binary as `Binary.run` does, but killed after `limit`
  /// seconds, so a command that blocks (on a FIFO) fails the test instead
  /// of hanging it. Output goes to files beside the workspace.
  static func run(_ arguments: [String], home: String, limit: Double = 30) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Binary.path)
    p.arguments = arguments
    p.environment = Binary.environment(home: home)
    p.currentDirectoryURL = URL(fileURLWithPath: home)
    let logs = home + "/logs"
    try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
    let name = UUID().uuidString
    _ = FileManager.default.createFile(atPath: logs + "/\(name).out", contents: nil)
    _ = FileManager.default.createFile(atPath: logs + "/\(name).err", contents: nil)
    let out = FileHandle(forWritingAtPath: logs + "/\(name).out")!
    let err = FileHandle(forWritingAtPath: logs + "/\(name).err")!
    defer {
      try? out.close()
      try? err.close()
    }
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    let started = Date()
    try p.run()
    var timedOut = false
    while p.isRunning {
      if Date().timeIntervalSince(started) > limit {
        timedOut = true
        kill(p.processIdentifier, SIGKILL)
        break
      }
      usleep(10_000)
    }
    p.waitUntilExit()
    let seconds = Date().timeIntervalSince(started)
    let text = String(decoding: FileManager.default.contents(atPath: logs + "/\(name).err") ?? Data(), as: UTF8.self)
    return Run(status: p.terminationStatus, stderr: text, seconds: seconds, timedOut: timedOut)
  }

  /// What is at each path below `root`, never following a link nor
  /// opening anything but a regular file: a file's bytes (a large one's
  /// size and time of change: the sparse 5 GiB one is not read), a link's
  /// target, a FIFO, a folder.
  static func state(_ root: String) -> [String: String] {
    var out: [String: String] = [:]
    func walk(_ relative: String) {
      let path = relative.isEmpty ? root : root + "/" + relative
      var st = stat()
      guard lstat(path, &st) == 0 else { return }
      let key = relative.isEmpty ? "." : relative
      switch st.st_mode & S_IFMT {
      case S_IFDIR:
        out[key] = "folder"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names.sorted() { walk(relative.isEmpty ? name : relative + "/" + name) }
      case S_IFLNK:
        out[key] = "link to " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
      case S_IFREG where st.st_size <= 16 << 20:
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        out[key] = "file " + bytes.base64EncodedString()
      case S_IFREG:
        out[key] = "large file of \(st.st_size) bytes, changed \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
      case S_IFIFO:
        out[key] = "fifo"
      default:
        out[key] = "other \(st.st_mode)"
      }
    }
    walk("")
    return out
  }

  enum Damage: String, CaseIterable, CustomStringConvertible, Sendable {
    case journalLinkedToDevZero, campaignLinkedToDevUrandom, journalIsAFIFO, sparseFiveGigabyteCampaign,
         danglingJournalLinkOutside, journalLinkedToARealFileOutside

    var description: String { rawValue }
  }

  /// A workspace `ws` in the scratch folder (the Linxia template, with a
  /// journal of lap-a), and a folder `outside` beside it.
  static func workspace(_ s: Scratch) throws -> (ws: String, outside: String) {
    let ws = s.path + "/ws"
    let outside = s.path + "/outside"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    var r = try Binary.run(["init", ws, "--template", "linxia"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["mark", ws, "1", "--status", "doing", "--device", "lap-a"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    return (ws, outside)
  }

  /// Damages the workspace; the file the messages must name, what they say
  /// of it, and a path outside that must not come to be.
  static func damage(_ d: Damage, ws: String, outside: String) throws -> (named: String, says: String, mustNotExist: String?) {
    let journal = ws + "/journal/lap-a.jsonl"
    let campaign = ws + "/campaign.json"
    switch d {
    case .journalLinkedToDevZero:
      unlink(journal)
      #expect(symlink("/dev/zero", journal) == 0)
      return (journal, "is a symbolic link", nil)
    case .campaignLinkedToDevUrandom:
      unlink(campaign)
      #expect(symlink("/dev/urandom", campaign) == 0)
      return (campaign, "is a symbolic link", nil)
    case .journalIsAFIFO:
      unlink(journal)
      #expect(mkfifo(journal, 0o600) == 0)
      return (journal, "is a FIFO", nil)
    case .sparseFiveGigabyteCampaign:
      #expect(truncate(campaign, off_t(5) << 30) == 0)
      return (campaign, "is too large", nil)
    case .danglingJournalLinkOutside:
      // lap-z: the journal `mark` below writes to.
      let link = ws + "/journal/lap-z.jsonl"
      let target = outside + "/stolen.jsonl"
      #expect(symlink(target, link) == 0)
      return (link, "is a symbolic link", target)
    case .journalLinkedToARealFileOutside:
      let target = outside + "/lap-a.jsonl"
      try FileManager.default.moveItem(atPath: journal, toPath: target)
      #expect(symlink(target, journal) == 0)
      return (journal, "is a symbolic link", nil)
    }
  }

  /// Every command the tester ran; `mark` writes to lap-z.
  static func commands(_ ws: String) -> [[String]] {
    [["verify", ws], ["validate", ws], ["tree", ws],
     ["mark", ws, "1", "--status", "done", "--device", "lap-z", "--user", "测试"]]
  }

  /// The lock file is the lock's own (a writer takes it before reading,
  /// and writes who holds it): left out of "unchanged".
  static func withoutLock(_ state: [String: String]) -> [String: String] {
    state.filter { $0.key != ".lock" }
  }

  @Test(arguments: Damage.allCases)
  func refusedAtOnceNamingTheFileAndNothingChanges(_ d: Damage) throws {
    let s = Scratch()
    let (ws, outside) = try Self.workspace(s)
    let (named, says, mustNotExist) = try Self.damage(d, ws: ws, outside: outside)
    let before = Self.withoutLock(Self.state(ws))
    let outsideBefore = Self.state(outside)
    for args in Self.commands(ws) {
      let r = try Self.run(args, home: s.path)
      #expect(!r.timedOut, "\(args[0]) \(d): did not return")
      #expect(r.seconds < 10, "\(args[0]) \(d): took \(r.seconds) s")
      #expect(r.status == 65, "\(args[0]) \(d): exit \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(named), "\(args[0]) \(d) does not name \(named): \(r.stderr)")
      #expect(r.stderr.contains(says), "\(args[0]) \(d) does not say \(says): \(r.stderr)")
      #expect(r.stderr.count < 2000, "\(args[0]) \(d): the message should be short")
      if let mustNotExist {
        var st = stat()
        #expect(lstat(mustNotExist, &st) != 0, "\(args[0]) \(d): \(mustNotExist) was made")
      }
      #expect(Self.withoutLock(Self.state(ws)) == before, "\(args[0]) \(d): a file in the workspace changed")
      #expect(Self.state(outside) == outsideBefore, "\(args[0]) \(d): a file outside changed")
    }
  }

  @Test func aRegularWorkspaceStillWorks() throws {
    let s = Scratch()
    let (ws, _) = try Self.workspace(s)
    for args in Self.commands(ws) {
      let r = try Self.run(args, home: s.path)
      #expect(r.status == 0, "\(args[0]): \(r.stderr)")
    }
  }

  /// A link where the journal folder should be: reading goes through it
  /// (the folders above a file are not checked), but no change is written
  /// there.
  @Test func aLinkedJournalFolderTakesNoChange() throws {
    let s = Scratch()
    let (ws, outside) = try Self.workspace(s)
    try FileManager.default.moveItem(atPath: ws + "/journal", toPath: outside + "/journal")
    #expect(symlink(outside + "/journal", ws + "/journal") == 0)
    let outsideBefore = Self.state(outside)
    let r = try Self.run(Self.commands(ws)[3], home: s.path)
    #expect(!r.timedOut)
    #expect(r.status != 0, "\(r.stderr)")
    #expect(r.stderr.contains(ws + "/journal"), "\(r.stderr)")
    #expect(r.stderr.contains("is a symbolic link"), "\(r.stderr)")
    #expect(Self.state(outside) == outsideBefore, "a change was written through the link")
  }

  /// A sheet to import that is a link to /dev/zero, or a FIFO: refused at
  /// once (a link to a regular sheet would be read: the user named it).
  @Test func aSheetThatIsNotAFileIsRefusedAtOnce() throws {
    let s = Scratch()
    let (ws, _) = try Self.workspace(s)
    let zero = s.path + "/zero.csv"
    let fifo = s.path + "/fifo.csv"
    #expect(symlink("/dev/zero", zero) == 0)
    #expect(mkfifo(fifo, 0o600) == 0)
    let before = Self.withoutLock(Self.state(ws))
    for (sheet, says) in [(zero, "is a device"), (fifo, "is a FIFO")] {
      let r = try Self.run(["import", ws, sheet, "--device", "lap-z"], home: s.path)
      #expect(!r.timedOut, "\(sheet): did not return")
      #expect(r.status == 65, "\(sheet): exit \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(sheet) && r.stderr.contains(says), "\(r.stderr)")
    }
    #expect(Self.withoutLock(Self.state(ws)) == before)
  }

  /// A dangling link planted at `.lock`: a writer must fail and must not
  /// create the link's target outside the workspace.
  ///
  /// Depends on the new lock module (`WorkspaceLock`, which opens the lock
  /// file with O_NOFOLLOW): with the old `FileIO.lock` it creates the
  /// target and this test fails.
  @Test func aDanglingLockLinkMakesNoFileOutside() throws {
    let s = Scratch()
    let (ws, outside) = try Self.workspace(s)
    let target = outside + "/stolen.lock"
    unlink(ws + "/.lock")
    #expect(symlink(target, ws + "/.lock") == 0)
    let r = try Self.run(Self.commands(ws)[3], home: s.path)
    #expect(!r.timedOut)
    #expect(r.status != 0, "mark: \(r.stderr)")
    var st = stat()
    #expect(lstat(target, &st) != 0, "\(target) was made")
    // The commands that only read take no lock; they must not make it either.
    for args in Self.commands(ws).prefix(3) {
      let r = try Self.run(args, home: s.path)
      #expect(!r.timedOut)
      #expect(lstat(target, &st) != 0, "\(args[0]): \(target) was made")
    }
  }

  /// An export or a bulletin written to what is not a file: a pipe the
  /// user reads (a FIFO, a link to one), a device. The bytes go into it,
  /// and it stays what it was: `export -o /dev/null` put a regular file
  /// in /dev/null's place (found 2026-12-01), as the writer replaced
  /// whatever was at the path with a file renamed over it. A folder is
  /// refused, and left as it was.
  @Test func anOutputThatIsNotAFileIsWrittenInto() throws {
    let s = Scratch()
    let (ws, _) = try Self.workspace(s)
    let fifo = s.path + "/pipe", link = s.path + "/to-pipe"
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(symlink(fifo, link) == 0)
    let expected = try Binary.run(["export", ws, "--format", "json"], home: s.path).stdout
    let bulletin = try Binary.run(["bulletin", ws, "--from", "2020-01-01", "--to", "2030-12-31"], home: s.path).stdout
    #expect(expected.contains("临夏") && !bulletin.isEmpty)
    for (path, kind) in [(fifo, "fifo"), (link, "link to " + fifo)] {
      for (args, want) in [(["export", ws, "--format", "json"], expected),
                           (["bulletin", ws, "--from", "2020-01-01", "--to", "2030-12-31"], bulletin)] {
        // The other end of the pipe: `cat`, until the writer closes it
        // (killed if none ever opens it: a writer that replaced it).
        let cat = Process()
        cat.executableURL = URL(fileURLWithPath: "/bin/cat")
        cat.arguments = [fifo]
        let out = s.path + "/got"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let sink = FileHandle(forWritingAtPath: out)!
        cat.standardOutput = sink
        try cat.run()
        let r = try Self.run(args + ["-o", path], home: s.path)
        let started = Date()
        while cat.isRunning && Date().timeIntervalSince(started) < 5 { usleep(10_000) }
        if cat.isRunning { kill(cat.processIdentifier, SIGKILL) }
        cat.waitUntilExit()
        try sink.close()
        let got = FileManager.default.contents(atPath: out) ?? Data()
        #expect(!r.timedOut && r.status == 0, "\(args[0]) -o \(path): exit \(r.status) \(r.stderr)")
        #expect(String(decoding: got, as: UTF8.self).trimmingCharacters(in: .newlines)
                  == want.trimmingCharacters(in: .newlines), "\(args[0]) -o \(path)")
        #expect(Self.state(s.path)[String(path.dropFirst(s.path.count + 1))] == kind, "\(args[0]) -o \(path)")
      }
    }
    #if os(Linux)
    // A device: a node of /dev/null's own in the scratch folder, where
    // this user may make one (root); so a writer that replaced it harms
    // nothing else.
    let null = s.path + "/null"
    // makedev(1, 3) in Linux's numbering (a macro Swift does not see).
    if mknod(null, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
      let r = try Self.run(["export", ws, "--format", "json", "-o", null], home: s.path)
      #expect(r.status == 0, "\(r.stderr)")
      var st = stat()
      #expect(lstat(null, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR, "the device was replaced")
    }
    #endif
    // A folder: refused, named, and left as it was.
    let folder = s.path + "/out"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for args in [["export", ws, "--format", "csv"], ["bulletin", ws]] {
      let r = try Self.run(args + ["-o", folder], home: s.path)
      #expect(r.status == 73 && r.stderr.contains(folder) && r.stderr.contains("文件夹"), "\(args[0]): exit \(r.status) \(r.stderr)")
      #expect(Self.state(folder) == [".": "folder"])
    }
    // No name at all; a folder that is not there, named by the file asked
    // for (the message named the temporary file beside it).
    var r = try Self.run(["export", ws, "--format", "csv", "-o", ""], home: s.path)
    #expect(r.status == 64 && r.stderr.contains("-o"), "\(r.stderr)")
    let missing = s.path + "/no/such/folder/b.txt"
    r = try Self.run(["bulletin", ws, "-o", missing], home: s.path)
    #expect(r.status == 73 && r.stderr.contains(missing + "：无法创建") && !r.stderr.contains(".tmp-"), "\(r.stderr)")
  }

  /// An export or a bulletin named onto a workspace's own file (its
  /// campaign.json, a journal, the open's copy), this one's or another's,
  /// by any path to it: refused, and every file left as it was. `export
  /// ws --format csv -o ws/campaign.json` put the table in the plan's place
  /// (found 2026-12-01). A report beside the plan is still written.
  @Test func anOutputOntoAWorkspacesOwnFileIsRefused() throws {
    let s = Scratch()
    let (ws, _) = try Self.workspace(s)
    let other = s.path + "/other"
    #expect(try Binary.run(["init", other, "--template", "blank"], home: s.path).status == 0)
    let linked = s.path + "/linked"
    #expect(symlink(ws, linked) == 0)
    let before = Self.withoutLock(Self.state(ws)), otherBefore = Self.withoutLock(Self.state(other))
    let targets = [ws + "/campaign.json", ws + "/journal/lap-a.jsonl", ws + "/journal/new.jsonl", ws + "/.gitignore",
                   ws + "/journal/../campaign.json", linked + "/campaign.json", other + "/campaign.json"]
    for target in targets {
      for args in [["export", ws, "--format", "csv"], ["bulletin", ws]] {
        let r = try Self.run(args + ["-o", target], home: s.path)
        #expect(r.status == 73 && r.stderr.contains(target) && r.stderr.contains("工作区"),
                "\(args[0]) -o \(target): exit \(r.status) \(r.stderr)")
      }
    }
    #expect(Self.withoutLock(Self.state(ws)) == before)
    #expect(Self.withoutLock(Self.state(other)) == otherBefore)
    // Beside the plan, a file of its own: written, and the plan still opens.
    let r = try Self.run(["export", ws, "--format", "csv", "-o", ws + "/进度表.csv"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try Binary.run(["stats", ws], home: s.path).status == 0)
  }

  /// `init` or `generate` into a workspace's own folders (its journals,
  /// the open's copy, the evidence, or below them), by any path: refused
  /// before a folder is made. `init ws/journal` put a campaign.json among
  /// the journals (found 2026-12-01). A workspace in a folder of its own
  /// beside the plan is still made.
  @Test func aWorkspaceInAnotherOnesOwnFolderIsRefused() throws {
    let s = Scratch()
    let (ws, _) = try Self.workspace(s)
    let linked = s.path + "/linked"
    #expect(symlink(ws, linked) == 0)
    let before = Self.withoutLock(Self.state(ws))
    for target in [ws + "/journal", ws + "/journal/sub", linked + "/journal/a/b", ws + "/.cache", ws + "/evidence/x",
                   ws + "/x/../journal/y"] {
      for args in [["init", target, "--template", "blank"], ["generate", target, "--nodes", "5"]] {
        let r = try Self.run(args, home: s.path)
        #expect(r.status == 73 && r.stderr.contains(target) && r.stderr.contains("工作区"),
                "\(args[0]) \(target): exit \(r.status) \(r.stderr)")
      }
    }
    #expect(Self.withoutLock(Self.state(ws)) == before)
    let r = try Self.run(["init", ws + "/分区", "--template", "blank"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try Binary.run(["stats", ws], home: s.path).status == 0)
  }
}
