#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Domain
import Platform

/// Who holds a workspace: written into the lock file by the process that
/// took it, so one that has to wait can say whom it waits for.
public struct LockHolder: Equatable, Sendable, CustomStringConvertible {
  public var pid: Int
  /// The command that holds it: "mark", "dashboard"…
  public var command: String
  /// When it was taken, ISO 8601 in UTC.
  public var since: String

  public init(pid: Int, command: String, since: String) {
    self.pid = pid
    self.command = command
    self.since = since
  }

  /// One line of the lock file: `pid<TAB>command<TAB>since`.
  var line: String { "\(pid)\t\(command)\t\(since)\n" }

  init?(line bytes: [UInt8]) {
    let fields = bytes.split(separator: 0x0A).first?.split(separator: 0x09, omittingEmptySubsequences: false) ?? []
    guard fields.count == 3, let pid = Int(String(decoding: fields[0], as: UTF8.self)) else { return nil }
    // The text came from a file: keep it printable and short.
    func clean(_ s: ArraySlice<UInt8>) -> String {
      String(String(decoding: s, as: UTF8.self).withoutControls().prefix(40))
    }
    self.init(pid: pid, command: clean(fields[1]), since: clean(fields[2]))
  }

  public var description: String { "\(command) (pid \(pid), since \(since))" }
}

/// How long a writer waits for a workspace another process holds.
public struct LockRequest: Sendable {
  /// What the lock file says holds it ("mark", "dashboard").
  public var command: String
  /// Seconds to wait; 0 tries once; `.infinity` waits as long as it takes.
  public var wait: Double
  /// When the lock was asked for, for the holder line ("2026-11-30T10:20:00Z").
  public var at: String

  public init(command: String, wait: Double, at: String) {
    self.command = command
    self.wait = wait
    self.at = at
  }

  /// What a command waits when not told: long enough for another command
  /// to finish, short enough that a dashboard left open is reported soon.
  public static let defaultWait = 10.0
}

/// The workspace's lock: an exclusive `flock` on `DIR/.lock`, held from
/// before a writer reads the files until it exits, so its view is never
/// older than the files it replaces. The kernel drops it with the
/// process, so a killed writer never leaves it behind.
enum WorkspaceLock {
  /// Takes the lock, waiting up to `request.wait` seconds; the open file
  /// descriptor that holds it, or `.busy` naming the holder.
  static func take(_ path: String, _ request: LockRequest, directory: String) throws(WorkspaceError) -> Int32 {
    // O_NOFOLLOW: a link planted at .lock must not make us create or
    // write a file elsewhere.
    let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd < 0 {
      if errno == ELOOP { throw .invalid([Diagnostic(file: path, message: "is a symbolic link: expected a regular file (remove it)")]) }
      throw .cannotCreate(path, FileIO.errorText())
    }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw .invalid([Diagnostic(file: path, message: "is not a regular file: expected the workspace's lock file (remove it)")])
    }
    let start = Clock.nanoseconds
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let waited = Double(Clock.nanoseconds - start) / 1e9
      if errno != EWOULDBLOCK && errno != EINTR {
        let why = FileIO.errorText()
        close(fd)
        throw .io(path, "cannot lock: \(why)")
      }
      if waited >= request.wait {
        let holder = self.holder(fd)
        close(fd)
        throw .busy(directory, holder: holder, waited: request.wait)
      }
      // Polled, not blocking: a blocking flock cannot be given a deadline.
      usleep(10_000)
    }
    // Say who holds it, for whoever comes next. Best effort: a lock that
    // cannot say so still locks.
    let line = Array(LockHolder(pid: Int(getpid()), command: request.command, since: request.at).line.utf8)
    if ftruncate(fd, 0) == 0 {
      _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
    return fd
  }

  /// Tries once, without waiting: nil when another process holds it.
  static func tryTake(_ path: String, command: String, at: String, directory: String) throws(WorkspaceError) -> Int32? {
    do throws(WorkspaceError) {
      return try take(path, LockRequest(command: command, wait: 0, at: at), directory: directory)
    } catch {
      if case .busy = error { return nil }
      throw error
    }
  }

  /// What the holder wrote into the lock file (at most a few hundred bytes).
  private static func holder(_ fd: Int32) -> LockHolder? {
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0 else { return nil }
    return LockHolder(line: Array(buffer[0..<n]))
  }

  static func release(_ fd: Int32) {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
