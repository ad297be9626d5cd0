#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read a window at a time, so that a reader going through a
/// 200 MB campaign.json or a journal of a million lines holds a few
/// megabytes of it, not all of it. The reader slides the window forward
/// at points where it keeps no earlier position.
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
  /// How far into the file the window may go: a file that grows past it
  /// while being read makes the window fail.
  private let limit: Int

  /// Where in the file the window's first byte is.
  private(set) var offset: Int
  /// The file's path, to open it again (an error's line and column).
  let path: String

  /// The file's first `size` bytes from `offset` (or all there are); nil
  /// when it cannot be opened, or is not a regular file of at most
  /// `limit` bytes (checked before anything is read, as `FileIO.read`
  /// does). `open` says why. With `firstRead`, only that many bytes are
  /// read now; the first `slide` reads the rest (on the thread that will
  /// use them).
  init?(path: String, size: Int, offset: Int = 0, limit: Int = FileLimits.workspaceFile,
        firstRead: Int? = nil) {
    guard let opened = (try? FileIO.openForReading(path, limit: limit)) ?? nil else { return nil }
    self.path = path
    fd = opened.fd
    fileSize = opened.size
    self.limit = limit
    storage = FileWindow.storage(size, filled: opened.size - offset >= size)
    self.offset = offset
    if offset > 0 && lseek(fd, off_t(offset), SEEK_SET) != off_t(offset) { failed = true }
    fill(upTo: firstRead ?? storage.count)
  }

  /// As `init?`, but nil only when nothing is at `path`; a link, a FIFO,
  /// a file too large or unreadable is the error `FileIO.read` gives.
  /// `spare`, a window done with, gives its memory when it is large
  /// enough: its pages are in place, where fresh ones are each faulted
  /// in and cleared. `fitted`: no larger than the file and a byte (the
  /// end then seen at once), for a file smaller than `size`.
  static func open(_ path: String, size: Int, offset: Int = 0, limit: Int = FileLimits.workspaceFile,
                   spare: FileWindow? = nil, fitted: Bool = false) throws(WorkspaceError) -> FileWindow? {
    guard let opened = try FileIO.openForReading(path, limit: limit) else { return nil }
    let size = fitted ? min(size, opened.size + 1) : size
    return FileWindow(path: path, fd: opened.fd, fileSize: opened.size, size: size, offset: offset, limit: limit,
                      storage: spare?.giveStorage(atLeast: size))
  }

  private init(path: String, fd: Int32, fileSize: Int, size: Int, offset: Int, limit: Int,
               storage: UnsafeMutableRawBufferPointer? = nil) {
    self.path = path
    self.fd = fd
    self.fileSize = fileSize
    self.limit = limit
    self.storage = storage ?? FileWindow.storage(size, filled: fileSize - offset >= size)
    self.offset = offset
    if offset > 0 && lseek(fd, off_t(offset), SEEK_SET) != off_t(offset) { failed = true }
    fill()
  }

  var capacity: Int { storage.count }

  /// The file's identity (its inode), to tell it from one put in its place.
  var inode: UInt64? { DiskState.facts(fd: fd)?.inode }

  /// Memory for a window of `size` bytes: in large pages (aligned to
  /// them) from 2 MB, when the file will fill it (`filled`), as a 4 MB
  /// window of campaign.json is filled by its first read: in 4 KB pages
  /// each took a page fault of its own, 2,048 of the 8,400 of a first
  /// frame at 100,000 nodes for the two readers' windows. A window the
  /// file does not fill keeps small pages: a large one would be taken
  /// whole for a small file's few kilobytes.
  private static func storage(_ size: Int, filled: Bool) -> UnsafeMutableRawBufferPointer {
    let large = 2 << 20
    guard filled && size >= large else { return .allocate(byteCount: max(size, 16), alignment: 16) }
    let s = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: large)
    FileIO.preferLargePages(from: s.baseAddress!, to: s.baseAddress! + size)
    return s
  }

  /// This window's memory, when it holds `count` bytes, for another to
  /// use; this one is left empty.
  private func giveStorage(atLeast count: Int) -> UnsafeMutableRawBufferPointer? {
    guard storage.count >= count else { return nil }
    let given = storage
    storage = .allocate(byteCount: 16, alignment: 16)
    self.count = 0
    return given
  }

  deinit {
    close(fd)
    storage.deallocate()
  }

  /// Gives back the window's memory now, when nothing will read it again
  /// (its `bytes` are then empty): a reader's windows outlived the read
  /// while the nodes were linked, 8 MB of the open's peak at a million.
  func release() {
    storage.deallocate()
    storage = .allocate(byteCount: 16, alignment: 16)
    count = 0
    atEnd = true
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

  /// Reads on until the window holds `upTo` bytes (all it can hold by
  /// default) or the file ends.
  private func fill(upTo: Int? = nil) {
    guard !atEnd, !failed else { return }
    let free = UnsafeMutableRawBufferPointer(rebasing: storage[count..<min(upTo ?? storage.count, storage.count)])
    guard let n = FileIO.read(fd, into: free) else {
      failed = true
      return
    }
    count += n
    if n < free.count { atEnd = true }
    if offset + count > limit { failed = true }
  }
}
