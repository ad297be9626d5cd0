#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Domain

// What a process needs from its surroundings, straight from the C library:
// the environment, the clock, writing to a file descriptor. One wrapper
// for chuangwen, chuangwen-harness and WorkspaceFiles, so that each is
// read one way.

/// The process's environment variables.
public enum Environment {
  /// The value of a variable, or nil when it is not set.
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// The variables `Lang.choose` looks at.
  public static var language: [String: String] {
    var env: [String: String] = [:]
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[key] = value(key) }
    return env
  }
}

/// Writing to an open file descriptor (standard output, standard error).
public enum Descriptor {
  /// Writes all of `bytes` to `fd`, past short writes and interruptions,
  /// unbuffered (a crash test reads what was said before the kill). A
  /// closed pipe is not an error worth reporting.
  public static func write(_ fd: Int32, _ bytes: some Collection<UInt8>) {
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
}

/// The clock: wall time for journals, ids and today, a monotonic one for
/// timing.
public enum Clock {
  /// Seconds and nanoseconds since 1970.
  public static func now() -> (seconds: Int, nanoseconds: Int) {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return (Int(ts.tv_sec), Int(ts.tv_nsec))
  }

  /// Milliseconds since 1970, for ids made on this laptop.
  public static var milliseconds: UInt64 {
    let t = now()
    return UInt64(t.seconds) * 1000 + UInt64(t.nanoseconds / 1_000_000)
  }

  /// Nanoseconds on a clock that only goes forward, for timing.
  public static var nanoseconds: UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  /// A journal's UTC timestamp ("2026-11-23T08:30:00Z") as the local
  /// time zone's "2026-11-23 16:30" (TZ=Asia/Shanghai); the text as it
  /// is when it is not one.
  public static func local(_ iso: String) -> String {
    let u = Array(iso.utf8)
    guard u.count >= 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u.last == 0x5A,
      let y = Int(iso.prefix(4)), let mo = Int(iso.dropFirst(5).prefix(2)), let d = Int(iso.dropFirst(8).prefix(2)),
      let h = Int(iso.dropFirst(11).prefix(2)), let mi = Int(iso.dropFirst(14).prefix(2)),
      let sec = Int(iso.dropFirst(17).prefix(2)) else { return iso }
    var parts = tm()
    parts.tm_year = Int32(y - 1900)
    parts.tm_mon = Int32(mo - 1)
    parts.tm_mday = Int32(d)
    parts.tm_hour = Int32(h)
    parts.tm_min = Int32(mi)
    parts.tm_sec = Int32(sec)
    var t = timegm(&parts)
    var local = tm()
    localtime_r(&t, &local)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(local.tm_year + 1900)-\(two(local.tm_mon + 1))-\(two(local.tm_mday)) \(two(local.tm_hour)):\(two(local.tm_min))"
  }

  /// Today in the local time zone.
  public static var today: Day {
    var t = time_t(now().seconds)
    var parts = tm()
    localtime_r(&t, &parts)
    return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
  }

  /// Now in UTC as ISO 8601 ("2026-11-23T08:30:00Z"), for the journal and
  /// the lock.
  public static var timestamp: String {
    var t = time_t(now().seconds)
    var parts = tm()
    gmtime_r(&t, &parts)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }

  /// The day deadlines are counted from: `option` (`--today`) when it is
  /// a date, else $CHUANGWEN_TODAY (for scripts and tests) when it is one,
  /// else today.
  public static func day(_ option: String?) -> Day {
    if let option, let d = Day(iso: option) { return d }
    if let env = Environment.value("CHUANGWEN_TODAY"), let d = Day(iso: env) { return d }
    return today
  }
}

/// Work on a thread of its own, from the C library's threads (the one way
/// this code starts one: the readers' second halves, the dashboard's jobs).
public struct WorkerThread {
  private let thread: pthread_t

  /// Starts `body` on a new thread; nil when none could be made (the
  /// caller then does the work itself).
  public static func start(_ body: @escaping () -> Void) -> WorkerThread? {
    final class Body: @unchecked Sendable {
      let run: () -> Void
      init(_ run: @escaping () -> Void) { self.run = run }
    }
    let box = Unmanaged.passRetained(Body(body)).toOpaque()
    var thread = pthread_t()
    guard pthread_create(&thread, nil, { raw in
      Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
      return nil
    }, box) == 0 else {
      Unmanaged<Body>.fromOpaque(box).release()
      return nil
    }
    return WorkerThread(thread: thread)
  }

  /// Runs the jobs at once, each but the last on a thread of its own and
  /// the last on this one (or here, when no thread can be made), and
  /// gives back their answers in order.
  public static func together<T>(_ jobs: [@Sendable () -> T]) -> [T] {
    let answers = jobs.map { _ in Answer<T>() }
    var threads: [WorkerThread?] = []
    for (job, answer) in zip(jobs, answers).dropLast() {
      threads.append(WorkerThread.start { answer.value = job() })
    }
    if let last = jobs.last { answers[answers.count - 1].value = last() }
    for (k, thread) in threads.enumerated() {
      if let thread { thread.join() } else { answers[k].value = jobs[k]() }
    }
    return answers.map { $0.value! }
  }

  /// Waits for it to end.
  public func join() { pthread_join(thread, nil) }
  /// Lets it end on its own.
  public func detach() { pthread_detach(thread) }
}

/// What a job on another thread gives back, read once it is joined.
public final class Answer<T>: @unchecked Sendable {
  public var value: T?
  public init() {}
}

/// Bytes as a file that lives in memory only (a POSIX shared-memory
/// object, unlinked as soon as it is made), for a library that reads its
/// input safely only through a path: ZIPFoundation's reader of bytes in
/// memory traps on an offset past the end, which a damaged zip can name,
/// where a read of a file just ends. Nothing lands on a disk.
public final class MemoryFile {
  /// A path that opens the bytes, while this object lives.
  public let path: String
  private let fd: Int32

  /// Nil where no shared memory can be had (the caller keeps the bytes),
  /// and on Darwin, whose shm_open Swift cannot call (it is variadic).
  public init?(_ bytes: [UInt8]) {
    #if canImport(Glibc)
    var made: Int32 = -1
    for _ in 0..<4 where made < 0 {
      let name = "/chuangwen-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      made = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0o600)
      if made >= 0 { shm_unlink(name) }
    }
    guard made >= 0 else { return nil }
    fd = made
    path = "/proc/self/fd/\(fd)"
    #else
    return nil
    #endif
    var done = 0
    let ok = bytes.withUnsafeBytes { raw in
      while done < raw.count {
        let n = write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        done += n
      }
      return true
    }
    if !ok { return nil }
  }

  deinit { close(fd) }
}
