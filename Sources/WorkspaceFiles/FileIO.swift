import Domain
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Platform

/// How large a file may be before chuangwen refuses it, by kind: checked
/// from the file's size before a byte of it is read, and again while
/// reading (a file that grows meanwhile stops at the limit). A link to
/// /dev/zero, or a sparse file of gigabytes, is then a message, not a
/// process that runs out of memory.
enum FileLimits {
  /// campaign.json, and each journal: a million nodes make 224 MB of
  /// campaign.json, a million journal lines 258 MB (docs/performance.md),
  /// so this leaves room for four times the largest campaign measured,
  /// and fits in a laptop's memory.
  static let workspaceFile = 1 << 30
  /// A spreadsheet to import (`OtherFiles.read`): a task breakdown table
  /// is kilobytes; 100,000 rows are about 20 MB.
  static let sheet = 256 << 20
}

/// What a path is, by `lstat` (a link is a link, not what it points to)
/// or by `fstat` of an open file.
enum FileKind: Equatable {
  case regular, directory, symbolicLink, fifo, device, socket, other

  init(mode: mode_t) {
    switch mode & S_IFMT {
    case S_IFREG: self = .regular
    case S_IFDIR: self = .directory
    case S_IFLNK: self = .symbolicLink
    case S_IFIFO: self = .fifo
    case S_IFCHR, S_IFBLK: self = .device
    case S_IFSOCK: self = .socket
    default: self = .other
    }
  }

  /// "is a FIFO", as a message says it.
  var phrase: String {
    switch self {
    case .regular: return "is a regular file"
    case .directory: return "is a folder"
    case .symbolicLink: return "is a symbolic link"
    case .fifo: return "is a FIFO (a named pipe)"
    case .device: return "is a device"
    case .socket: return "is a socket"
    case .other: return "is not a regular file"
    }
  }
}

/// The few system calls the workspace needs, with errors that name the
/// path. Files are created readable by their owner only: they hold the
/// names of people.
///
/// Inside a workspace only regular files are read or written: a symbolic
/// link (dangling or not), a FIFO, a device or a folder where a file should
/// be is refused with a message naming it, so that nothing reads forever,
/// blocks, or writes outside the workspace. Links are refused at the last
/// component of a path; the folders above it are the user's to arrange.
enum FileIO {
  static func errorText() -> String { String(cString: strerror(errno)) }

  /// Whether anything is at `path`, even a link that leads nowhere (so a
  /// dangling link at campaign.json is a workspace that fails to open
  /// saying why, not "no workspace here").
  static func exists(_ path: String) -> Bool { kind(path) != nil }

  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// What is at `path` itself, not following a link there; nil when
  /// nothing is (`lstat` fails).
  static func kind(_ path: String) -> FileKind? {
    var st = stat()
    return lstat(path, &st) == 0 ? FileKind(mode: st.st_mode) : nil
  }

  /// A folder, and not a link to one.
  static func isRealDirectory(_ path: String) -> Bool { kind(withoutTrailingSlash(path)) == .directory }

  /// "a/b/" is "a/b": `lstat` of a path ending in "/" follows a link.
  private static func withoutTrailingSlash(_ path: String) -> String {
    var p = Substring(path)
    while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
    return String(p)
  }

  /// Whether a link at the last component is followed: never inside a
  /// workspace; a file the user names on the command line may be one.
  enum Links { case refuse, follow }

  /// The error for something that is not a regular file where one should
  /// be: names the path and what it is.
  static func notRegular(_ path: String, _ kind: FileKind, expected: String = "a regular file") -> WorkspaceError {
    var message = kind.phrase
    if kind == .symbolicLink {
      if let target = linkTarget(path) { message += " (to \(target))" }
      message += ", expected \(expected): links are not followed inside a workspace"
    } else {
      message += ", expected \(expected)"
    }
    return .invalid([Diagnostic(file: path, message: message)])
  }

  static func tooLarge(_ path: String, size: Int, limit: Int) -> WorkspaceError {
    .invalid([Diagnostic(file: path, message: "is too large: \(sizeText(size)); at most \(sizeText(limit)) (nothing was read)")])
  }

  /// What a link points to, printable (control characters escaped), for a
  /// message; nil when it cannot be read.
  static func linkTarget(_ path: String) -> String? {
    var buf = [UInt8](repeating: 0, count: 4096)
    let n = buf.withUnsafeMutableBufferPointer { b in
      b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink(path, $0, b.count) }
    }
    guard n >= 0 else { return nil }
    var out = ""
    for scalar in String(decoding: buf[0..<n], as: UTF8.self).unicodeScalars.prefix(300) {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A size for people: "5.0 GiB", "256 MiB", "812 bytes".
  static func sizeText(_ bytes: Int) -> String { ByteCount.text(bytes) }

  /// Opens a file to read, when it is a regular file of at most `limit`
  /// bytes; nil when nothing is there. A FIFO or a device is found by
  /// `lstat` (or `stat`, following a link) and never opened; the open
  /// itself cannot follow a link (O_NOFOLLOW) nor block (O_NONBLOCK), and
  /// `fstat` of what was opened decides, so a file swapped in between is
  /// caught too. Returns the descriptor, blocking again, and the size.
  static func openForReading(_ path: String, limit: Int, links: Links = .refuse) throws(WorkspaceError) -> (fd: Int32, size: Int)? {
    var st = stat()
    if (links == .refuse ? lstat(path, &st) : stat(path, &st)) == 0 {
      let found = FileKind(mode: st.st_mode)
      if found != .regular { throw notRegular(path, found) }
      if Int(st.st_size) > limit { throw tooLarge(path, size: Int(st.st_size), limit: limit) }
    } else if errno == ENOENT {
      return nil
    }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (links == .refuse ? O_NOFOLLOW : 0))
    if fd < 0 {
      let code = errno
      if code == ENOENT { return nil }
      if code == ELOOP, links == .refuse, kind(path) == .symbolicLink { throw notRegular(path, .symbolicLink) }
      if code == ENXIO, let found = kind(path), found != .regular { throw notRegular(path, found) }
      throw .io(path, "cannot read: \(String(cString: strerror(code)))")
    }
    var ok = false
    defer { if !ok { close(fd) } }
    guard fstat(fd, &st) == 0 else { throw .io(path, "cannot read: \(errorText())") }
    let found = FileKind(mode: st.st_mode)
    if found != .regular { throw notRegular(path, found) }
    let size = Int(st.st_size)
    if size > limit { throw tooLarge(path, size: size, limit: limit) }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    ok = true
    return (fd, size)
  }

  /// The whole file, or nil when it does not exist. It must be a regular
  /// file (not a link, a FIFO, a device or a folder: see
  /// `openForReading`) of at most `limit` bytes; a file that grows past
  /// the limit while being read is refused too.
  static func read(_ path: String, limit: Int = FileLimits.workspaceFile,
                   links: Links = .refuse) throws(WorkspaceError) -> [UInt8]? {
    guard let (fd, size) = try openForReading(path, limit: limit, links: links) else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    if size > 0 { out.reserveCapacity(size) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      // One byte past the limit at most: enough to know it was passed.
      let want = min(buffer.count, limit + 1 - out.count)
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path, "cannot read: \(errorText())")
      }
      if n == 0 { break }
      out.append(contentsOf: buffer[0..<n])
      if out.count > limit {
        throw .invalid([Diagnostic(file: path, message: "grew past \(sizeText(limit)) while being read; at most \(sizeText(limit))")])
      }
    }
    return out
  }

  /// Reads as much as fits in `into`, past interruptions and short
  /// reads: fewer bytes than asked only at the file's end. `at`: from
  /// that offset, leaving the descriptor's own where it was (threads
  /// reading one file at once).
  static func read(_ fd: Int32, into: UnsafeMutableRawBufferPointer, at offset: Int? = nil) -> Int? {
    var done = 0
    while done < into.count {
      let n = offset.map { pread(fd, into.baseAddress! + done, into.count - done, off_t($0 + done)) }
        ?? Glibc.read(fd, into.baseAddress! + done, into.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Asks for the whole pages between two addresses to be backed by large
  /// pages (2 MB on x86-64) where the system gives them on request
  /// (Linux's transparent huge pages in `madvise` mode): a few faults
  /// instead of one each 4 KB, and fewer TLB misses in what reads the
  /// memory at random. Elsewhere nothing happens. Only for memory used
  /// again and again (a read window): on this VM a fresh large page
  /// costs up to four times its 512 small ones when the host must back
  /// it anew, which made the nodes and texts of a million slower to
  /// open cold (performance.md, "Large pages only where reused").
  static func preferLargePages(from: UnsafeMutableRawPointer, to: UnsafeMutableRawPointer) {
    #if os(Linux)
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (Int(bitPattern: from) + page - 1) / page * page
    let end = Int(bitPattern: to) / page * page
    guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(p, end - start, MADV_HUGEPAGE)
    #endif
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

  /// Makes a folder and the folders above it. What is already at `path`
  /// must be a folder, not a link to one (`links: .refuse`): a link where
  /// the journal folder should be would send every change outside the
  /// workspace. The folders above it may be links.
  static func makeDirectory(_ path: String, links: Links = .refuse) throws(WorkspaceError) {
    let path = withoutTrailingSlash(path)
    if path.isEmpty { return }
    func check() throws(WorkspaceError) -> Bool {
      guard let found = kind(path) else { return false }
      if found == .directory || (links == .follow && isDirectory(path)) { return true }
      if found == .symbolicLink && links == .refuse {
        var why = "is a symbolic link"
        if let target = linkTarget(path) { why += " (to \(target))" }
        throw .cannotCreate(path, why + ", expected a folder: links are not followed inside a workspace")
      }
      throw .cannotCreate(path, (links == .follow && found == .symbolicLink ? "is a symbolic link to no folder" : found.phrase) + ", expected a folder")
    }
    if try check() { return }
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      prefix += part + "/"
      if isDirectory(prefix) { continue }
      if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
        throw .cannotCreate(path, errorText())
      }
    }
    // Made, or made meanwhile by another: it must be a folder now.
    if try !check() { throw .cannotCreate(path, "the folder vanished as it was made") }
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
    try bytes.withUnsafeBufferPointer { (b) throws(WorkspaceError) in try writeAll(fd, b, path) }
  }

  private static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ path: String) throws(WorkspaceError) {
    var done = 0
    while done < bytes.count {
      let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
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
    try writeAtomically(path) { (put) throws(WorkspaceError) in
      try bytes.withUnsafeBufferPointer { (b) throws(WorkspaceError) in try put(b) }
    }
  }

  /// Appends bytes and flushes them to the disk before returning. When
  /// `truncateTo` is given, the file is first cut there (a half-written
  /// last line from a power cut is dropped before the new line goes on).
  ///
  /// When the write fails (a full disk, a file-size limit), what it wrote
  /// is cut off again, so the file is as it was and the next append does
  /// not land after half a line.
  static func append(_ path: String, _ bytes: [UInt8], truncateTo: Int? = nil) throws(WorkspaceError) {
    // Only ever a regular file: a link here (dangling or not) would put
    // the journal outside the workspace, a FIFO would block.
    let found = kind(path)
    if let found, found != .regular { throw notRegular(path, found) }
    let created = found == nil
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
    if fd < 0 {
      let code = errno
      if (code == ELOOP || code == ENXIO), let found = kind(path), found != .regular { throw notRegular(path, found) }
      throw .cannotCreate(path, String(cString: strerror(code)))
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw .io(path, "cannot write: \(errorText())") }
    let opened = FileKind(mode: st.st_mode)
    if opened != .regular { throw notRegular(path, opened) }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    let before = off_t(st.st_size)
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

  /// Removes a file (not what a link points to), and flushes the folder.
  static func remove(_ path: String) throws(WorkspaceError) {
    if unlink(path) != 0 && errno != ENOENT { throw .io(path, "cannot remove: \(errorText())") }
    syncDirectory(of: path)
  }

  /// The absolute path of a folder, links resolved; the path as given
  /// when it cannot be resolved.
  static func absolutePath(_ path: String) -> String {
    guard let p = realpath(path, nil) else { return path }
    defer { free(p) }
    return String(cString: p)
  }

  /// The permission bits of a file (links followed), nil when absent.
  static func permissions(_ path: String) -> mode_t? {
    var st = stat()
    return stat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
  }

  /// Writes a new file (mode 600, flushed) only if none is there: false
  /// when one is, which is then left as it was. Made beside it and linked
  /// into place, so no reader ever sees it half-written.
  static func createExclusively(_ path: String, _ bytes: [UInt8]) throws(WorkspaceError) -> Bool {
    if exists(path) { return false }
    let tmp = path + ".tmp-\(getpid())"
    unlink(tmp)
    let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd < 0 { throw .cannotCreate(path, errorText()) }
    defer { unlink(tmp) }
    do throws(WorkspaceError) {
      try writeAll(fd, bytes, tmp)
      if fsync(fd) != 0 { throw WorkspaceError.io(tmp, "cannot sync: \(errorText())") }
    } catch {
      close(fd)
      throw error
    }
    close(fd)
    if link(tmp, path) != 0 {
      if errno == EEXIST { return false }
      throw .cannotCreate(path, errorText())
    }
    syncDirectory(of: path)
    return true
  }

  /// The process's one reader of the environment is `Platform`'s.
  static func environment(_ name: String) -> String? { Environment.value(name) }

  static func hostName() -> String {
    var buf = [CChar](repeating: 0, count: 256)
    gethostname(&buf, 255)
    return String(cString: buf)
  }

  /// Replaces a file atomically, as `writeAtomically` does (a temporary
  /// file beside it made with O_EXCL and O_NOFOLLOW, mode 600, fsync,
  /// rename over the old one, fsync of the folder), with the bytes written
  /// as `produce` makes them: it is handed `put`, which writes a chunk to
  /// the temporary file. A file of hundreds of megabytes is then never
  /// held whole in memory. When `produce` or a write throws, the
  /// temporary file is removed and the old file stays.
  /// `sync: false` leaves out both fsyncs: for a file that is only ever a
  /// saving (the open's cache), where a power cut may lose it.
  static func writeAtomically(
    _ path: String, sync: Bool = true,
    producing produce: (_ put: (UnsafeBufferPointer<UInt8>) throws(WorkspaceError) -> Void) throws(WorkspaceError) -> Void
  ) throws(WorkspaceError) {
    let tmp = path + ".tmp-\(getpid())"
    // A temporary file of the same name is left from an earlier process
    // of this pid (a crash): removed, a link as a link (unlink does not
    // follow one), and made anew, never through a link (O_EXCL).
    unlink(tmp)
    let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    // Named by the file asked for: the temporary one is ours.
    if fd < 0 { throw .cannotCreate(path, errorText()) }
    do throws(WorkspaceError) {
      try produce { (chunk: UnsafeBufferPointer<UInt8>) throws(WorkspaceError) in try writeAll(fd, chunk, tmp) }
      if sync && fsync(fd) != 0 { throw WorkspaceError.io(tmp, "cannot sync: \(errorText())") }
    } catch {
      close(fd)
      unlink(tmp)
      throw error
    }
    close(fd)
    // rename replaces a link at `path` itself, never what it points to.
    if rename(tmp, path) != 0 {
      let why = errorText()
      unlink(tmp)
      throw .io(path, "cannot replace: \(why)")
    }
    if sync { syncDirectory(of: path) }
  }

  /// Writes into the pipe or character device at `path` (links
  /// followed) as `produce` makes the bytes: nothing to replace, nothing
  /// to sync.
  static func writeInto(
    _ path: String,
    producing produce: (_ put: (UnsafeBufferPointer<UInt8>) throws(WorkspaceError) -> Void) throws(WorkspaceError) -> Void
  ) throws(WorkspaceError) {
    let fd = open(path, O_WRONLY | O_CLOEXEC)
    if fd < 0 { throw .cannotCreate(path, errorText()) }
    defer { close(fd) }
    // What was opened, not what was looked at before: it may have changed.
    var st = stat()
    guard fstat(fd, &st) == 0, OtherFiles.writtenInto(st.st_mode) else {
      throw .io(path, "cannot write: it changed while it was opened")
    }
    try produce { (chunk: UnsafeBufferPointer<UInt8>) throws(WorkspaceError) in try writeAll(fd, chunk, path) }
  }
}

/// Files a command reads or writes beside a workspace (a spreadsheet to
/// import, a report to export): through here, so this module stays the
/// only one that touches files.
public enum OtherFiles {
  /// The file's bytes; `.notFound` when it is not there.
  ///
  /// The user names it, so a link to it is followed; but what it leads to
  /// must be a regular file (not a FIFO, a device or a folder) of at most
  /// `FileLimits.sheet` bytes, checked before anything is read.
  public static func read(_ path: String) throws(WorkspaceError) -> [UInt8] {
    guard let bytes = try FileIO.read(path, limit: FileLimits.sheet, links: .follow) else { throw .noSuchFile(path) }
    return bytes
  }

  /// Writes the whole file at once (`write(_:producing:)`).
  public static func write(_ path: String, _ bytes: [UInt8]) throws(WorkspaceError) {
    try write(path) { (put) throws(WorkspaceError) in try bytes.withUnsafeBufferPointer { (b) throws(WorkspaceError) in try put(b) } }
  }

  /// Writes a file the user named (a report, an export) as `produce`
  /// makes the bytes. A new or regular file is replaced whole, a
  /// temporary file renamed over it, so a report is never left
  /// half-written. Where the path leads to a pipe or a character device
  /// (a FIFO, /dev/null, /dev/stdout, a terminal), the bytes go into it:
  /// a file renamed over it took its place (`export -o /dev/null` put a
  /// regular file there). A folder, a socket or a block device is refused.
  public static func write(
    _ path: String,
    producing produce: (_ put: (UnsafeBufferPointer<UInt8>) throws(WorkspaceError) -> Void) throws(WorkspaceError) -> Void
  ) throws(WorkspaceError) {
    guard !path.isEmpty else { throw .usage("-o: expected a file's name, found an empty one") }
    if let ws = workspace(owning: path) {
      throw .refused(path, .ownFile(of: ws))
    }
    var st = stat()
    // Links followed: /dev/stdout is one.
    guard stat(path, &st) == 0, FileKind(mode: st.st_mode) != .regular else {
      return try FileIO.writeAtomically(path, producing: produce)
    }
    guard writtenInto(st.st_mode) else {
      let kind = FileKind(mode: st.st_mode)
      if kind == .directory { throw .refused(path, .folder) }
      throw .cannotCreate(path, kind.phrase + ", expected a file, a pipe or a terminal to write to")
    }
    try FileIO.writeInto(path, producing: produce)
  }

  /// The workspace folder (one with a campaign.json) whose own file
  /// `path` names, by whatever path: its campaign.json, .gitignore or
  /// lock, or anything in its folders (the journals, the open's copy, the
  /// evidence), there or still to be made. nil for any other path, a
  /// report beside the plan among them. The folders on the way are
  /// resolved (links, ".."); the name itself is not, as a file renamed
  /// over a link replaces the link.
  static func workspace(owning path: String) -> String? {
    var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard let name = parts.popLast() else { return nil }
    // The folders that are there resolved, those still to be made added
    // to them as written ("a/../b" taken as "b").
    var base = path.hasPrefix("/") ? "/" : "."
    var made: [String] = []
    for (k, part) in parts.enumerated() {
      let next = Workspace.join(base, part)
      if FileIO.kind(next) == nil {
        made = Array(parts[k...])
        break
      }
      base = next
    }
    let resolved = FileIO.absolutePath(base)
    // A link that leads nowhere: whatever is made through it fails.
    guard resolved.hasPrefix("/") else { return nil }
    var dir = resolved.split(separator: "/").map(String.init)
    for part in made where part != "." {
      if part == ".." { _ = dir.popLast() } else { dir.append(part) }
    }
    func isWorkspace(_ d: [String]) -> Bool {
      FileIO.exists("/" + (d + [Workspace.campaignFileName]).joined(separator: "/"))
    }
    if isWorkspace(dir) && ownNames.contains(name) { return "/" + dir.joined(separator: "/") }
    // A folder of a workspace, or one within it.
    while let child = dir.popLast() {
      if isWorkspace(dir) && ownNames.contains(child) { return "/" + dir.joined(separator: "/") }
    }
    return nil
  }

  /// The names a workspace keeps in its folder for itself.
  private static let ownNames: Set<String> = [
    Workspace.campaignFileName, Workspace.journalFolderName, Workspace.lockFileName, ".gitignore",
    CampaignCache.folderName, Workspace.evidenceFolderName,
  ]

  /// A pipe or a character device (not a block one: a disk).
  static func writtenInto(_ mode: mode_t) -> Bool {
    mode & S_IFMT == S_IFIFO || mode & S_IFMT == S_IFCHR
  }
}
