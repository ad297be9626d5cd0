#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the workspace needs, with errors that name the
/// path. Files are created readable by their owner only: they hold the
/// names of people.
enum FileIO {
  static func errorText() -> String { String(cString: strerror(errno)) }

  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// The whole file, or nil when it does not exist.
  static func read(_ path: String) throws(WorkspaceError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw .io(path, "cannot read: \(errorText())")
    }
    defer { close(fd) }
    var out: [UInt8] = []
    var st = stat()
    if fstat(fd, &st) == 0, st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path, "cannot read: \(errorText())")
      }
      if n == 0 { break }
      out.append(contentsOf: buffer[0..<n])
    }
    return out
  }

  /// Reads as much as fits in `into`, past interruptions and short
  /// reads: fewer bytes than asked only at the file's end.
  static func read(_ fd: Int32, into: UnsafeMutableRawBufferPointer) -> Int? {
    var done = 0
    while done < into.count {
      let n = Glibc.read(fd, into.baseAddress! + done, into.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Hands the whole pages between two addresses back to the system
  /// (their contents are gone; the addresses stay usable, reading zeros).
  static func releasePages(from: UnsafeMutableRawPointer, to: UnsafeMutableRawPointer) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (Int(bitPattern: from) + page - 1) / page * page
    let end = Int(bitPattern: to) / page * page
    guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(p, end - start, MADV_DONTNEED)
  }

  static func makeDirectory(_ path: String) throws(WorkspaceError) {
    if isDirectory(path) { return }
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      prefix += part + "/"
      if isDirectory(prefix) { continue }
      if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
        throw .cannotCreate(path, errorText())
      }
    }
  }

  static func listDirectory(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws(WorkspaceError) {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path, "cannot write: \(errorText())")
      }
      done += n
    }
  }

  static func syncDirectory(of path: String) {
    let dir = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    let fd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }

  /// Replaces a file atomically: a temporary file beside it, fsync,
  /// rename over the old one, fsync of the folder. A power cut leaves the
  /// old file or the new one, never half of either.
  static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(WorkspaceError) {
    let tmp = path + ".tmp-\(getpid())"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    if fd < 0 { throw .cannotCreate(tmp, errorText()) }
    do throws(WorkspaceError) {
      try writeAll(fd, bytes, tmp)
      if fsync(fd) != 0 { throw WorkspaceError.io(tmp, "cannot sync: \(errorText())") }
    } catch {
      close(fd)
      unlink(tmp)
      throw error
    }
    close(fd)
    if rename(tmp, path) != 0 {
      let why = errorText()
      unlink(tmp)
      throw .io(path, "cannot replace: \(why)")
    }
    syncDirectory(of: path)
  }

  /// Appends bytes and flushes them to the disk before returning. When
  /// `truncateTo` is given, the file is first cut there (a half-written
  /// last line from a power cut is dropped before the new line goes on).
  ///
  /// When the write fails (a full disk, a file-size limit), what it wrote
  /// is cut off again, so the file is as it was and the next append does
  /// not land after half a line.
  static func append(_ path: String, _ bytes: [UInt8], truncateTo: Int? = nil) throws(WorkspaceError) {
    let created = !exists(path)
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    if fd < 0 { throw .cannotCreate(path, errorText()) }
    defer { close(fd) }
    var st = stat()
    let before = fstat(fd, &st) == 0 ? off_t(st.st_size) : -1
    if let truncateTo, ftruncate(fd, off_t(truncateTo)) != 0 {
      throw .io(path, "cannot repair the half-written last line: \(errorText())")
    }
    do throws(WorkspaceError) {
      try writeAll(fd, bytes, path)
      if fsync(fd) != 0 { throw WorkspaceError.io(path, "cannot sync: \(errorText())") }
    } catch {
      if created {
        unlink(path)
      } else if before >= 0 {
        _ = ftruncate(fd, before)
        _ = fsync(fd)
      }
      throw error
    }
    if created { syncDirectory(of: path) }
  }

  /// Takes an exclusive advisory lock on a file, held until the process
  /// ends; a killed process's lock is released by the kernel, so a stale
  /// lock never blocks the next start. Returns false when another process
  /// holds it.
  static func lock(_ path: String) throws(WorkspaceError) -> Int32? {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    if fd < 0 { throw .cannotCreate(path, errorText()) }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      close(fd)
      return nil
    }
    return fd
  }

  static func unlock(_ fd: Int32) {
    flock(fd, LOCK_UN)
    close(fd)
  }

  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  static func hostName() -> String {
    var buf = [CChar](repeating: 0, count: 256)
    gethostname(&buf, 255)
    return String(cString: buf)
  }
}

/// Files a command reads or writes beside a workspace (a spreadsheet to
/// import, a report to export): through here, so this module stays the
/// only one that touches files.
public enum OtherFiles {
  /// The file's bytes; `.notFound` when it is not there.
  public static func read(_ path: String) throws(WorkspaceError) -> [UInt8] {
    guard let bytes = try FileIO.read(path) else { throw .noSuchFile(path) }
    return bytes
  }

  /// Writes the whole file at once (a temporary file renamed over it), so
  /// a report is never left half-written.
  public static func write(_ path: String, _ bytes: [UInt8]) throws(WorkspaceError) {
    try FileIO.writeAtomically(path, bytes)
  }
}

/// A file read a window at a time, so that a reader going through a
/// 200 MB campaign.json holds a few megabytes of it, not all of it. The
/// reader slides the window forward at points where it keeps no earlier
/// position.
final class FileWindow {
  private let fd: Int32
  private var storage: UnsafeMutableRawBufferPointer
  /// How many bytes of `storage` hold the file.
  private(set) var count = 0
  /// Whether the window reaches the file's end.
  private(set) var atEnd = false
  private(set) var failed = false
  /// The file's size when opened (a hint: it may change).
  let fileSize: Int

  /// Where in the file the window's first byte is.
  private(set) var offset: Int

  /// The file's first `size` bytes from `offset` (or all there are); nil
  /// when it cannot be opened.
  init?(path: String, size: Int, offset: Int = 0) {
    fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return nil }
    var st = stat()
    fileSize = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    storage = .allocate(byteCount: max(size, 16), alignment: 16)
    self.offset = offset
    if offset > 0 && lseek(fd, off_t(offset), SEEK_SET) != off_t(offset) { failed = true }
    fill()
  }

  var capacity: Int { storage.count }

  deinit {
    close(fd)
    storage.deallocate()
  }

  var bytes: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
  }

  /// Drops the bytes before `from`, moves the rest to the front and reads
  /// on until the window is full (growing it to hold `want` bytes at
  /// least) or the file ends. False when reading failed.
  func slide(from: Int, want: Int) -> Bool {
    let kept = count - from
    if want > storage.count {
      let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: want, alignment: 16)
      bigger.baseAddress!.copyMemory(from: storage.baseAddress! + from, byteCount: kept)
      storage.deallocate()
      storage = bigger
    } else if from > 0 {
      storage.baseAddress!.copyMemory(from: storage.baseAddress! + from, byteCount: kept)
    }
    count = kept
    offset += from
    fill()
    return !failed
  }

  private func fill() {
    guard !atEnd, !failed else { return }
    let free = UnsafeMutableRawBufferPointer(rebasing: storage[count...])
    guard let n = FileIO.read(fd, into: free) else {
      failed = true
      return
    }
    count += n
    if n < free.count { atEnd = true }
  }
}
