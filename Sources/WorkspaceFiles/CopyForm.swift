#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// What the open's copies (`CampaignCache`, `JournalCache`) share: the
/// keyed digest that ties a copy to the file it was made from and signs
/// it, and the copy's bytes written and read a piece at a time.

/// A keyed digest of a file's bytes, 256 KiB at a time: each piece's
/// AES-GMAC (its nonce the copy's, the piece's number and what is
/// digested), then the SHA-256 of those tags. AES and GHASH run in the
/// processor's own instructions: several times SHA-256's speed, which at
/// a million nodes was a third of the open (campaign.json is 223 MB).
/// Without the key, no other bytes can be made to give the same digest.
struct Digest {
  enum Of: UInt8 { case campaign = 1, body = 2, journal = 3 }
  static let piece = 1 << 18

  private let key: SymmetricKey
  private let nonce: [UInt8]
  private let of: Of
  private var tags = SHA256()
  private var pieces: UInt32 = 0

  init(key: SymmetricKey, nonce: [UInt8], _ of: Of) {
    self.key = key
    self.nonce = nonce
    self.of = of
  }

  /// The next piece: `Digest.piece` bytes, fewer only for the last.
  mutating func add(_ piece: UnsafeRawBufferPointer) -> Bool {
    let n = pieces
    let id = nonce + [of.rawValue, UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
                      UInt8(truncatingIfNeeded: n)]
    guard let nonce = try? AES.GCM.Nonce(data: id),
      let box = try? AES.GCM.seal([UInt8](), using: key, nonce: nonce, authenticating: piece)
    else { return false }
    tags.update(data: Array(box.tag))
    pieces += 1
    return pieces < 1 << 24
  }

  consuming func finish(then extra: [UInt8] = []) -> [UInt8] {
    tags.update(data: extra)
    return Array(tags.finalize())
  }

  /// The digest of the first `count` bytes at `fd`; nil when they cannot be read.
  static func of(fd: Int32, count: Int, key: SymmetricKey, nonce: [UInt8], _ of: Of, then extra: [UInt8] = []) -> [UInt8]? {
    var d = Digest(key: key, nonce: nonce, of)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: piece, alignment: 16)
    defer { buffer.deallocate() }
    var at = 0
    while at < count {
      let want = min(piece, count - at)
      guard FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: at) == want,
        d.add(UnsafeRawBufferPointer(rebasing: buffer[0..<want]))
      else { return nil }
      at += want
    }
    return d.finish(then: extra)
  }
}

/// Bytes gathered in a block of memory of its own: an append is one copy
/// (`[UInt8]`'s generic appends were most of the encoding's time).
/// Numbers little-endian, a text as its length and its UTF-8.
final class Gathered {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 4096) {
    self.capacity = max(16, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  @inline(__always) func append(_ p: UnsafeRawPointer, _ n: Int) {
    if count + n > capacity { grow(count + n) }
    UnsafeMutableRawPointer(base + count).copyMemory(from: p, byteCount: n)
    count += n
  }

  private func grow(_ least: Int) {
    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(least, 2 * capacity))
    larger.initialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity = max(least, 2 * capacity)
  }

  @inline(__always) func byte(_ v: UInt8) { withUnsafeBytes(of: v) { append($0.baseAddress!, 1) } }
  @inline(__always) func fixed<T: FixedWidthInteger>(_ v: T) {
    withUnsafeBytes(of: v.littleEndian) { append($0.baseAddress!, $0.count) }
  }
  func int(_ v: Int) { fixed(Int64(v)) }
  func string(_ s: String) {
    var s = s
    s.withUTF8 { b in
      int(b.count)
      if b.count > 0 { append(b.baseAddress!, b.count) }
    }
  }

  /// Forgets the first `n` bytes, the rest moved to the front.
  func removeFirst(_ n: Int) {
    (base).update(from: base + n, count: count - n)
    count -= n
  }

  func removeAll() { count = 0 }
}

/// Bytes to a copy, handed on a piece (`Digest.piece`) at a time and
/// digested as they go. A class: the encoder's every call on a struct
/// passed inout copied it first (half the encoding's time).
final class CacheOutput {
  private var digest: Digest
  private let put: (UnsafeBufferPointer<UInt8>) throws(WorkspaceError) -> Void
  private let buffer = Gathered(capacity: 2 * Digest.piece)
  private(set) var written = 0

  /// Where the next byte goes in the body.
  var position: Int { written + buffer.count }

  init(key: SymmetricKey, nonce: [UInt8], put: @escaping (UnsafeBufferPointer<UInt8>) throws(WorkspaceError) -> Void) {
    digest = Digest(key: key, nonce: nonce, .body)
    self.put = put
  }

  func byte(_ v: UInt8) { buffer.byte(v) }
  func fixed<T: FixedWidthInteger>(_ v: T) { buffer.fixed(v) }
  func int(_ v: Int) { buffer.int(v) }
  func count(_ n: Int) { buffer.int(n) }
  func string(_ s: String) { buffer.string(s) }

  func append(_ b: UnsafeBufferPointer<UInt8>) throws(WorkspaceError) {
    if b.count > 0 { buffer.append(b.baseAddress!, b.count) }
    try flushIfFull()
  }

  /// Numbers as laid out in memory (`CacheInput.array`).
  func append<T: FixedWidthInteger>(_ a: [T]) throws(WorkspaceError) {
    a.withUnsafeBytes { if $0.count > 0 { buffer.append($0.baseAddress!, $0.count) } }
    try flushIfFull()
  }

  /// Hands on the whole pieces gathered.
  func flushIfFull() throws(WorkspaceError) {
    if buffer.count >= Digest.piece { try flush(all: false) }
  }

  private func flush(all: Bool) throws(WorkspaceError) {
    let p = buffer.bytes
    var at = 0
    while p.count - at >= Digest.piece || (all && at < p.count) {
      let piece = UnsafeBufferPointer(rebasing: p[at..<min(p.count, at + Digest.piece)])
      guard digest.add(UnsafeRawBufferPointer(piece)) else { throw .io("", "cannot digest") }
      try put(piece)
      at += piece.count
    }
    buffer.removeFirst(at)
    written += at
  }

  /// The trailer after the body, signed with it: `signed` makes its
  /// bytes from the body's length.
  func finish(_ signed: (Int) -> [UInt8]) throws(WorkspaceError) {
    try flush(all: true)
    let trailer = signed(written)
    let all = trailer + digest.finish(then: trailer)
    try all.withUnsafeBufferPointer { (p) throws(WorkspaceError) in try put(p) }
  }
}

/// A copy's body read a piece at a time (`CacheInput.size`), checked as
/// it goes: nothing read past its end, every count within what is left.
/// Its signature is checked apart (`Digest`), so what is made from it is
/// kept only then.
struct CacheInput {
  /// The buffer's usual size. Each reader's buffer is fresh memory, its
  /// pages faulted in as it first fills: a megabyte's, on the plan's two
  /// readers and each journal's, cost an open of 100,000 nodes 410 more
  /// page faults (6,801 against 6,390).
  static let size = 1 << 18

  private let fd: Int32
  private var buffer: UnsafeMutableRawBufferPointer
  private var at = 0, filled = 0
  /// Bytes of the body not yet in the buffer.
  private var unread: Int
  private var offset = 0

  /// The body's bytes from `from` to `to`.
  init(fd: Int32, from: Int, to: Int) {
    self.fd = fd
    buffer = .allocate(byteCount: CacheInput.size, alignment: 16)
    offset = from
    unread = max(0, to - from)
  }

  /// Back to a buffer of the usual size after a large value.
  mutating func shrink() {
    guard buffer.count > CacheInput.size, filled - at <= CacheInput.size else { return }
    let smaller = UnsafeMutableRawBufferPointer.allocate(byteCount: CacheInput.size, alignment: 16)
    smaller.baseAddress!.copyMemory(from: buffer.baseAddress! + at, byteCount: filled - at)
    buffer.deallocate()
    buffer = smaller
    filled -= at
    at = 0
  }

  var isAtEnd: Bool { unread == 0 && at == filled }

  mutating func release() {
    buffer.deallocate()
    buffer = .init(start: nil, count: 0)
    at = 0
    filled = 0
  }

  /// At least `n` bytes in the buffer from `at` (more room made for a
  /// larger value).
  private mutating func need(_ n: Int) throws(CacheError) {
    if filled - at >= n { return }
    guard n - (filled - at) <= unread else { throw CacheError() }
    if n > buffer.count {
      let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: n, alignment: 16)
      larger.baseAddress!.copyMemory(from: buffer.baseAddress! + at, byteCount: filled - at)
      buffer.deallocate()
      buffer = larger
    } else if at > 0 {
      (buffer.baseAddress!).copyMemory(from: buffer.baseAddress! + at, byteCount: filled - at)
    }
    filled -= at
    at = 0
    while filled < n {
      let want = min(buffer.count - filled, unread)
      let got = readBody(into: buffer.baseAddress! + filled, want)
      guard got > 0 else { throw CacheError() }
      filled += got
    }
  }

  /// Reads up to `n` bytes of the body; 0 at an error or the file's end.
  private mutating func readBody(into p: UnsafeMutableRawPointer, _ n: Int) -> Int {
    guard let got = FileIO.read(fd, into: UnsafeMutableRawBufferPointer(start: p, count: n), at: offset), got > 0
    else { return 0 }
    offset += got
    unread -= got
    return got
  }

  /// Fills `count` bytes at `p` straight from the file (the texts).
  mutating func fill(_ p: UnsafeMutablePointer<UInt8>, count: Int) throws(CacheError) {
    let held = min(filled - at, count)
    if held > 0 { p.initialize(from: (buffer.baseAddress! + at).assumingMemoryBound(to: UInt8.self), count: held) }
    at += held
    var done = held
    guard count - done <= unread else { throw CacheError() }
    while done < count {
      let got = readBody(into: p + done, count - done)
      guard got > 0 else { throw CacheError() }
      done += got
    }
  }

  /// `count` numbers laid out as in memory (as written: the processors
  /// this runs on are all little-endian).
  mutating func array<T: FixedWidthInteger>(_: T.Type, count: Int) throws(CacheError) -> [T] {
    let bytes = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
    guard count >= 0, !bytes.overflow, bytes.partialValue <= unread + (filled - at) else { throw CacheError() }
    if count == 0 { return [] }
    var failed = false
    let a = [T](unsafeUninitializedCapacity: count) { b, n in
      do throws(CacheError) {
        try fill(UnsafeMutableRawPointer(b.baseAddress!).assumingMemoryBound(to: UInt8.self), count: bytes.partialValue)
        n = count
      } catch {
        failed = true
        n = 0
      }
    }
    if failed { throw CacheError() }
    return a
  }

  mutating func byte() throws(CacheError) -> UInt8 {
    try need(1)
    defer { at += 1 }
    return buffer[at]
  }

  private mutating func load<T: FixedWidthInteger>(_: T.Type) throws(CacheError) -> T {
    try need(MemoryLayout<T>.size)
    defer { at += MemoryLayout<T>.size }
    return T(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: T.self))
  }

  mutating func int() throws(CacheError) -> Int { Int(try load(Int64.self)) }

  /// A count or length: never more than the bytes left.
  mutating func count() throws(CacheError) -> Int {
    let n = try int()
    guard n >= 0, n <= unread + (filled - at) else { throw CacheError() }
    return n
  }

  /// The next `n` bytes, valid until the next read.
  mutating func take(_ n: Int) throws(CacheError) -> UnsafeBufferPointer<UInt8> {
    try need(n)
    defer { at += n }
    return UnsafeBufferPointer(start: (buffer.baseAddress! + at).assumingMemoryBound(to: UInt8.self), count: n)
  }

  mutating func string() throws(CacheError) -> String {
    String(decoding: try take(try count()), as: UTF8.self)
  }

  mutating func optionalString() throws(CacheError) -> String? {
    try byte() == 1 ? try string() : nil
  }
}


/// A copy that is not sound (damaged, cut short, of another form): it is
/// ignored.
struct CacheError: Error {}

/// The folder of a workspace's copies (`.cache`), made with a
/// `.gitignore` of `*` so git never carries it.
enum CopyFolder {
  static func make(_ folder: String) throws(WorkspaceError) {
    try FileIO.makeDirectory(folder)
    let ignore = Workspace.join(folder, ".gitignore")
    if !FileIO.exists(ignore) { try FileIO.writeAtomically(ignore, Array("*\n".utf8)) }
  }
}

/// The last bytes of a copy, its trailer: read whole, and taken only when
/// they begin with the copy's form (`magic`, then `version` as 8 bytes).
/// Its numbers are little-endian, 8 bytes each.
struct TrailerBytes {
  private let b: [UInt8]

  init?(fd: Int32, size: Int, count: Int, magic: [UInt8], version: UInt32) {
    var b = [UInt8](repeating: 0, count: count)
    guard size >= count, b.withUnsafeMutableBytes({ FileIO.read(fd, into: $0, at: size - count) }) == count
    else { return nil }
    self.b = b
    guard Array(b[0..<magic.count]) == magic, number(magic.count) == UInt64(version) else { return nil }
  }

  func number(_ at: Int) -> UInt64 {
    b.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
  }

  subscript(_ r: Range<Int>) -> [UInt8] { Array(b[r]) }

  /// A trailer's first bytes as written: the form.
  static func start(magic: [UInt8], version: UInt32) -> Gathered {
    let g = Gathered()
    g.append(magic, magic.count)
    g.fixed(UInt64(version))
    return g
  }
}
