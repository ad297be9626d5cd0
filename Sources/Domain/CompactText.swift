/// Text kept as UTF-8 in a shared arena: 16 bytes and no allocation of its
/// own, where a String holding a Chinese title costs 16 bytes plus a heap
/// block of its own (about twice the text). A million titles read from a
/// file go into a few hundred 1 MiB chunks (`TextArena`); a String is made
/// only for what is drawn or written.
///
/// The bytes are valid UTF-8: `TextArena` takes them from a String or
/// from a reader that checked them.
// Sendable: its chunk's bytes are never changed once handed out (`TextChunk`).
public struct CompactText: @unchecked Sendable, Hashable, CustomStringConvertible {
  private let chunk: TextChunk?
  private let start: UInt32
  /// The length in UTF-8 bytes.
  public let utf8Count: UInt32

  public static let empty = CompactText(chunk: nil, start: 0, count: 0)

  fileprivate init(chunk: TextChunk?, start: UInt32, count: UInt32) {
    self.chunk = chunk
    self.start = start
    utf8Count = count
  }

  /// A text of its own (an edit, a template): one block, like a String.
  public init(_ s: String) {
    var arena = TextArena(chunkSize: s.utf8.count)
    self = arena.text(s)
  }

  public var isEmpty: Bool { utf8Count == 0 }

  public var string: String {
    withUTF8 { String(decoding: $0, as: UTF8.self) }
  }

  public var description: String { string }

  /// The UTF-8 bytes, valid for the call.
  @inline(__always)
  public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard let chunk else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try withExtendedLifetime(chunk) {
      try body(UnsafeBufferPointer(start: chunk.base + Int(start), count: Int(utf8Count)))
    }
  }

  public static func == (a: CompactText, b: CompactText) -> Bool {
    guard a.utf8Count == b.utf8Count else { return false }
    if a.chunk === b.chunk && a.start == b.start { return true }
    return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
  }

  public func hash(into hasher: inout Hasher) {
    withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}

/// Hands out `CompactText`s from chunks it fills in turn. Each reader (a
/// thread) has its own; the texts keep their chunk alive.
public struct TextArena {
  private var chunk: TextChunk?
  private let chunkSize: Int
  /// Handed each new chunk's bytes before any is written (the reader of a
  /// large file asks for large pages there).
  private let prepare: ((UnsafeMutableRawPointer, Int) -> Void)?

  public init(chunkSize: Int = 1 << 20, prepare: ((UnsafeMutableRawPointer, Int) -> Void)? = nil) {
    self.chunkSize = max(1, chunkSize)
    self.prepare = prepare
  }

  public mutating func text(_ s: String) -> CompactText {
    var s = s
    return s.withUTF8 { text(validUTF8: $0) }
  }

  /// The bytes as a text when they are well-formed UTF-8 (RFC 3629), nil
  /// otherwise: checked here, in one pass, without making a String.
  public mutating func text(utf8 bytes: UnsafeBufferPointer<UInt8>) -> CompactText? {
    TextArena.isWellFormed(bytes) ? text(validUTF8: bytes) : nil
  }

  static func isWellFormed(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = p.count
    var i = 0
    @inline(__always) func follows(_ k: Int) -> Bool { p[k] & 0xC0 == 0x80 }
    while i < n {
      // Eight bytes at once: all ASCII, or two three-byte characters (most
      // of Chinese text) whose leads are neither E0 nor ED, the only ones
      // whose second byte has a narrower range. Anything else, one
      // character at a time below.
      if i + 8 <= n {
        let w = UInt64(littleEndian: UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self))
        if w & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
        if w & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0 {
          let a = w & 0x0F, b = (w >> 24) & 0x0F
          if a != 0 && a != 0x0D && b != 0 && b != 0x0D {
            i += 6
            continue
          }
        }
      }
      let c = p[i]
      if c < 0x80 {
        i += 1
      } else if c < 0xC2 {
        return false
      } else if c < 0xE0 {
        guard i + 1 < n, follows(i + 1) else { return false }
        i += 2
      } else if c < 0xF0 {
        // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
        guard i + 2 < n, follows(i + 2) else { return false }
        let low: UInt8 = c == 0xE0 ? 0xA0 : 0x80, high: UInt8 = c == 0xED ? 0x9F : 0xBF
        guard p[i + 1] >= low && p[i + 1] <= high else { return false }
        i += 3
      } else if c < 0xF5 {
        // Nothing overlong (F0 80–8F) or past U+10FFFF (F4 90–BF).
        guard i + 3 < n, follows(i + 2), follows(i + 3) else { return false }
        let low: UInt8 = c == 0xF0 ? 0x90 : 0x80, high: UInt8 = c == 0xF4 ? 0x8F : 0xBF
        guard p[i + 1] >= low && p[i + 1] <= high else { return false }
        i += 4
      } else {
        return false
      }
    }
    return true
  }

  /// `bytes` must be well-formed UTF-8 (from a String, or checked).
  mutating func text(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> CompactText {
    let n = bytes.count
    guard n > 0 else { return .empty }
    precondition(n < Int(UInt32.max), "a text is shorter than 4 GiB")
    if chunk == nil || chunk!.room - chunk!.used < n {
      // A text longer than a chunk gets a block of its own.
      chunk = TextChunk.make(capacity: max(n, chunkSize))
      prepare?(UnsafeMutableRawPointer(chunk!.base), chunk!.room)
    }
    let c = chunk!
    let at = c.used
    (c.base + at).initialize(from: bytes.baseAddress!, count: n)
    c.used += n
    return CompactText(chunk: c, start: UInt32(at), count: UInt32(n))
  }
}

/// A block of bytes texts point into, allocated with its header in one
/// block (a text of its own costs one allocation, like a String). Bytes
/// are only ever added past `used`, never changed, so texts already handed
/// out may be read from any thread while their arena goes on filling the
/// rest.
final class TextChunk: ManagedBuffer<TextChunk.Fill, UInt8>, @unchecked Sendable {
  struct Fill {
    var used: Int
    /// Kept here: `ManagedBuffer.capacity` asks the allocator each time.
    let room: Int
  }

  static func make(capacity: Int) -> TextChunk {
    unsafeDowncast(TextChunk.create(minimumCapacity: capacity) { _ in Fill(used: 0, room: capacity) },
                   to: TextChunk.self)
  }

  /// Stable for the chunk's life: its bytes sit inside it.
  var base: UnsafeMutablePointer<UInt8> { withUnsafeMutablePointerToElements { $0 } }

  var used: Int {
    get { header.used }
    set { header.used = newValue }
  }
  var room: Int { header.room }
}
