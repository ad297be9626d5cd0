#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Domain

/// What the process needs from its surroundings: standard output and
/// error, the environment and the clock, straight from the C library.
/// Not importing Foundation keeps it out of the process, which saves about
/// 6 MB of memory at start (its shared libraries and their relocations).
enum System {
  /// Writes all of `bytes` to a file descriptor, past short writes and
  /// interruptions. A closed pipe is not an error worth reporting.
  static func write(_ fd: Int32, _ bytes: some Collection<UInt8>) {
    let data = Array(bytes)
    data.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        #if canImport(Glibc)
        let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
        #else
        let n = Darwin.write(fd, raw.baseAddress! + done, raw.count - done)
        #endif
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        done += n
      }
    }
  }

  static func standardOutput(_ bytes: some Collection<UInt8>) { write(1, bytes) }
  static func standardOutput(_ text: String) { write(1, Array(text.utf8)) }

  /// Past a file-size limit a write then fails with EFBIG instead of
  /// killing the process.
  static func ignoreFileSizeSignal() { signal(SIGXFSZ, SIG_IGN) }

  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// The variables `Lang.choose` looks at.
  static var languageEnvironment: [String: String] {
    var env: [String: String] = [:]
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[key] = environment(key) }
    return env
  }

  /// Seconds and nanoseconds since 1970.
  static func now() -> (seconds: Int, nanoseconds: Int) {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return (Int(ts.tv_sec), Int(ts.tv_nsec))
  }

  /// Milliseconds since 1970, for ids made on this laptop.
  static var milliseconds: UInt64 {
    let t = now()
    return UInt64(t.seconds) * 1000 + UInt64(t.nanoseconds / 1_000_000)
  }

  /// Nanoseconds on a clock that only goes forward, for timing.
  static var uptimeNanoseconds: UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  /// Today in the local time zone.
  static var today: Day {
    var t = time_t(now().seconds)
    var parts = tm()
    localtime_r(&t, &parts)
    return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
  }

  /// Now in UTC as ISO 8601 ("2026-11-23T08:30:00Z"), for the journal.
  static var timestamp: String {
    var t = time_t(now().seconds)
    var parts = tm()
    gmtime_r(&t, &parts)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }
}
