#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Domain
import WorkspaceFiles

/// Tools that drive the libraries from outside the product: `bench` for
/// Scripts/benchmark, `stress` for the crash tests. Both write into the
/// workspace they are given, so they are not shipped in `chuangwen`.
@main
struct Harness: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chuangwen-harness",
    abstract: "Measuring and crash-testing tools for chuangwen (not shipped).",
    subcommands: [Bench.self, Stress.self])
}

/// How long to wait for the workspace's lock: the harnesses write, so they
/// take it like every writer (`LockRequest`), and name themselves in it.
struct LockOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Seconds to wait while another process holds the workspace (0: not at all; inf: until it is free).",
    valueName: "seconds"))
  var wait: Double = LockRequest.defaultWait

  func validate() throws {
    guard wait >= 0 else { throw ValidationError("--wait \(wait): expected 0 or more seconds, or inf") }
  }

  func request(_ command: String) -> LockRequest {
    LockRequest(command: command, wait: wait, at: Clock.timestamp)
  }
}

/// Runs a command's body: a workspace error is printed as chuangwen prints
/// it and becomes the process's sysexits code.
func reporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as WorkspaceError {
    for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) {
      put(2, "chuangwen-harness: \(line)\n")
    }
    throw ExitCode(error.exitCode)
  }
}

/// Writes all of `text` to a file descriptor at once, unbuffered (a crash
/// test reads what was said before the kill).
func put(_ fd: Int32, _ text: String) {
  let bytes = Array(text.utf8)
  var done = 0
  while done < bytes.count {
    let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { return }
    done += n
  }
}

/// The clock, from the C library (no Foundation, as in chuangwen).
enum Clock {
  /// Nanoseconds on a clock that only goes forward, for timing.
  static var nanoseconds: UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  /// Now in UTC as ISO 8601 ("2026-11-23T08:30:00Z"), for the journal and the lock.
  static var timestamp: String {
    var t = time(nil)
    var p = tm()
    gmtime_r(&t, &p)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(p.tm_year + 1900)-\(two(p.tm_mon + 1))-\(two(p.tm_mday))T\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec))Z"
  }

  /// The day deadlines are counted from: `option`, else $CHUANGWEN_TODAY
  /// (as chuangwen reads it), else today in the local time zone.
  static func day(_ option: String?) -> Day {
    if let d = (option ?? getenv("CHUANGWEN_TODAY").map { String(cString: $0) }).flatMap(Day.init(iso:)) { return d }
    var t = time(nil)
    var p = tm()
    localtime_r(&t, &p)
    return Day(year: Int(p.tm_year) + 1900, month: Int(p.tm_mon) + 1, day: Int(p.tm_mday))!
  }
}
