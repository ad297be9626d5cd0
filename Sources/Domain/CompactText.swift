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
  /// How much of `chunk` is written, and its size: kept here, as the
  /// chunk's own header is a class's property, checked for exclusive
  /// access at each use.
  private var used = 0, room = 0
  private let chunkSize: Int

  public init(chunkSize: Int = 1 << 20) {
    self.chunkSize = max(1, chunkSize)
  }

  public mutating func text(_ s: String) -> CompactText {
    var s = s
    return s.withUTF8 { text(validUTF8: $0) }
  }

  public static func isWellFormed(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = p.count
    // Ids, parents, leads: a few ASCII bytes.
    if n <= 16 {
      var high: UInt8 = 0
      for c in p { high |= c }
      if high < 0x80 { return true }
    }
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
  package mutating func text(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> CompactText {
    let n = bytes.count
    guard n > 0 else { return .empty }
    let (c, at) = room(n)
    (c.base + at).initialize(from: bytes.baseAddress!, count: n)
    return CompactText(chunk: c, start: UInt32(at), count: UInt32(n))
  }

  /// A chunk with `n` bytes free for the caller to write, and where
  /// they start; they count as used.
  fileprivate mutating func room(_ n: Int) -> (TextChunk, Int) {
    precondition(n < Int(UInt32.max), "a text is shorter than 4 GiB")
    if chunk == nil || room - used < n {
      // A text longer than a chunk gets a block of its own.
      room = max(n, chunkSize)
      chunk = TextChunk.make(capacity: room)
      used = 0
    }
    let at = used
    used += n
    return (chunk!, at)
  }
}

/// A block of bytes texts point into, in one allocation (a text of its
/// own costs one, like a String). Bytes are only ever added past those
/// its arena has written, never changed, so texts already handed out may
/// be read from any thread while their arena goes on filling the rest.
final class TextChunk: ManagedBuffer<Void, UInt8>, @unchecked Sendable {
  static func make(capacity: Int) -> TextChunk {
    unsafeDowncast(TextChunk.create(minimumCapacity: capacity) { _ in () }, to: TextChunk.self)
  }

  /// Stable for the chunk's life: its bytes sit inside it.
  var base: UnsafeMutablePointer<UInt8> { withUnsafeMutablePointerToElements { $0 } }
}

/// A node's four texts — its title, its id, its parent's id and its lead
/// unit's id — side by side in one arena: 17 bytes a node, where a
/// `CompactText` and three Strings took 64 (a million nodes: 47 MB).
/// Strings are made only when a text is read.
///
/// The bytes are `[title][id][parent][lead]` from `start`. The title's
/// length fits in 16 bits and each id's in 8 unless a title is 65,535
/// bytes or more or an id 255 (rare; a hostile file): then `titleCount`
/// is `NodeTexts.long` and the four lengths are written as 32-bit
/// numbers in the 16 bytes before the title.
public struct NodeTexts: @unchecked Sendable, Equatable {
  private let chunk: TextChunk?
  private let start: UInt32
  private let titleCount: UInt16
  private let idCount: UInt8
  /// `NodeTexts.none` when the node has no parent (lead).
  private let parentCount: UInt8
  private let leadCount: UInt8

  fileprivate static let long: UInt16 = 0xFFFF
  fileprivate static let none: UInt8 = 0xFF
  fileprivate static let noneLong: UInt32 = 0xFFFF_FFFF

  /// Texts of their own (an edit, a template, a test): one block.
  public init(title: String, id: String, parent: String?, lead: String?) {
    let n = title.utf8.count + id.utf8.count + (parent?.utf8.count ?? 0) + (lead?.utf8.count ?? 0)
    var arena = TextArena(chunkSize: n + 16)
    self = arena.nodeTexts(title: title, id: id, parent: parent, lead: lead)
  }

  fileprivate init(chunk: TextChunk?, start: UInt32, counts: (UInt16, UInt8, UInt8, UInt8)) {
    self.chunk = chunk
    self.start = start
    (titleCount, idCount, parentCount, leadCount) = counts
  }

  /// Writes `bytes` at `p`; where they end.
  @inline(__always)
  fileprivate static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to p: UnsafeMutablePointer<UInt8>)
    -> UnsafeMutablePointer<UInt8>
  {
    if bytes.count > 0 { p.initialize(from: bytes.baseAddress!, count: bytes.count) }
    return p + bytes.count
  }

  fileprivate static func withOptionalUTF8<R>(_ s: inout String?, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
    guard s != nil else { return body(nil) }
    return s!.withUTF8 { body($0) }
  }

  fileprivate static func isLong(_ title: Int, _ id: Int, _ parent: Int?, _ lead: Int?) -> Bool {
    // Not the variadic `max`, which makes an array a call.
    title >= Int(long) || max(id, max(parent ?? 0, lead ?? 0)) >= Int(none)
  }

  /// Where each text starts (from `start`) and its length, nil for a
  /// parent or lead the node has not.
  @inline(__always)
  private func layout() -> (title: Int, id: Int, parent: Int?, lead: Int?, first: Int) {
    if titleCount != NodeTexts.long {
      return (Int(titleCount), Int(idCount), parentCount == NodeTexts.none ? nil : Int(parentCount),
              leadCount == NodeTexts.none ? nil : Int(leadCount), 0)
    }
    let p = UnsafeRawPointer(base + Int(start))
    func count(_ k: Int) -> Int? {
      let n = p.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)
      return n == NodeTexts.noneLong ? nil : Int(n)
    }
    return (count(0)!, count(1)!, count(2), count(3), 16)
  }

  @inline(__always)
  private func bytes<R>(from: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard chunk != nil else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try body(UnsafeBufferPointer(start: base + Int(start) + from, count: count))
  }

  /// The chunk's bytes, without retaining it: `self`, which holds it, is
  /// held by the caller for the call (a retain and release for each text
  /// read was a tenth of the rule checks' time).
  @inline(__always)
  private var base: UnsafeMutablePointer<UInt8> {
    Unmanaged.passUnretained(chunk.unsafelyUnwrapped)._withUnsafeGuaranteedRef { $0.base }
  }

  private func string(from: Int, count: Int) -> String {
    bytes(from: from, count: count) { String(decoding: $0, as: UTF8.self) }
  }

  /// The title's length in UTF-8 bytes (without taking the arena).
  public var titleUTF8Count: Int { layout().title }

  /// Whether two runs of bytes are the same: a word at a time (ids are
  /// short; the generic `elementsEqual` went a byte at a time).
  @inline(__always)
  public static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = a.count
    guard n == b.count else { return false }
    guard n > 0 else { return true }
    let x = UnsafeRawPointer(a.baseAddress!), y = UnsafeRawPointer(b.baseAddress!)
    var k = 0
    while k + 8 <= n {
      if x.loadUnaligned(fromByteOffset: k, as: UInt64.self) != y.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
        return false
      }
      k += 8
    }
    while k < n {
      if a[k] != b[k] { return false }
      k += 1
    }
    return true
  }

  public var title: CompactText {
    let l = layout()
    return CompactText(chunk: l.title == 0 ? nil : chunk, start: start + UInt32(l.first), count: UInt32(l.title))
  }

  public var id: String {
    let l = layout()
    return string(from: l.first + l.title, count: l.id)
  }

  /// The title's UTF-8 bytes, valid for the call: read without the
  /// retain of its block that `title` takes (a writer's two threads
  /// retaining one block, a node at a time, fought over its count).
  @inline(__always)
  public func withTitle<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let l = layout()
    return try bytes(from: l.first, count: l.title, body)
  }

  /// The id's UTF-8 bytes, valid for the call.
  @inline(__always)
  public func withID<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let l = layout()
    return try bytes(from: l.first + l.title, count: l.id, body)
  }

  public var parent: String? {
    let l = layout()
    guard let n = l.parent else { return nil }
    return string(from: l.first + l.title + l.id, count: n)
  }

  public var lead: String? {
    let l = layout()
    guard let n = l.lead else { return nil }
    return string(from: l.first + l.title + l.id + (l.parent ?? 0), count: n)
  }

  /// The parent's id's UTF-8 bytes (nil: none), valid for the call.
  @inline(__always)
  public func withParent<R>(_ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
    let l = layout()
    guard let n = l.parent else { return try body(nil) }
    return try bytes(from: l.first + l.title + l.id, count: n) { try body($0) }
  }

  /// The lead's id's UTF-8 bytes (nil: none), valid for the call.
  @inline(__always)
  public func withLead<R>(_ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
    let l = layout()
    guard let n = l.lead else { return try body(nil) }
    return try bytes(from: l.first + l.title + l.id + (l.parent ?? 0), count: n) { try body($0) }
  }

  /// Whether the id and the parent are those of `other`.
  public func sameIDAndParent(as other: NodeTexts) -> Bool {
    // A change that left the texts alone: no bytes read.
    if sameStorage(as: other) { return true }
    return other.withID { hasID(utf8: $0) }
      && withParent { a in
        other.withParent { b in
          guard let a, let b else { return a == nil && b == nil }
          return NodeTexts.same(a, b)
        }
      }
  }

  /// Whether the id is `id`, without making a String.
  @inline(__always)
  public func hasID(_ id: String) -> Bool {
    var id = id
    return id.withUTF8 { hasID(utf8: $0) }
  }

  /// Whether the id's bytes are `id`.
  @inline(__always)
  public func hasID(utf8 id: UnsafeBufferPointer<UInt8>) -> Bool {
    withID { NodeTexts.same($0, id) }
  }

  /// Whether both are the same bytes of the same arena (then equal
  /// without reading them).
  @inline(__always)
  private func sameStorage(as other: NodeTexts) -> Bool {
    chunk === other.chunk && start == other.start && titleCount == other.titleCount && idCount == other.idCount
      && parentCount == other.parentCount && leadCount == other.leadCount
  }

  /// The same texts with one of them changed.
  public func with(title: String? = nil, id: String? = nil, parent: String?? = .none,
                   lead: String?? = .none) -> NodeTexts {
    NodeTexts(title: title ?? self.title.string, id: id ?? self.id, parent: parent ?? self.parent,
              lead: lead ?? self.lead)
  }

  public static func == (a: NodeTexts, b: NodeTexts) -> Bool {
    if a.sameStorage(as: b) { return true }
    let x = a.layout(), y = b.layout()
    guard x.title == y.title && x.id == y.id && x.parent == y.parent && x.lead == y.lead else { return false }
    let n = x.title + x.id + (x.parent ?? 0) + (x.lead ?? 0)
    return a.bytes(from: x.first, count: n) { p in b.bytes(from: y.first, count: n) { q in NodeTexts.same(p, q) } }
  }
}

/// Texts read back whole (the open's cache, `CampaignCache`): a block
/// the caller fills, then nodes' texts laid out in it as a `TextArena`
/// lays them out.
package struct TextBlock: @unchecked Sendable {
  private let chunk: TextChunk
  package let count: Int
  /// Where the block's first byte stands among all the texts laid out (a
  /// record names its texts' place among all): the nodes read on each
  /// thread take their texts from a block of their own, whose count only
  /// that thread changes. Both threads retaining one block's count, a
  /// node at a time, took 5 ms of 100,000 nodes' open.
  package let offset: Int

  package init(count: Int, offset: Int = 0) {
    self.count = count
    self.offset = offset
    chunk = TextChunk.make(capacity: max(1, count))
  }

  /// The block's bytes, to be filled before any text is taken from it.
  package var base: UnsafeMutablePointer<UInt8> { chunk.base }

  /// The node texts laid out at `start` with these counts (as
  /// `NodeTexts.laidOut` gave them), or nil when they do not fit in the
  /// block. The bytes must be well-formed UTF-8.
  package func nodeTexts(at place: Int, counts: (UInt16, UInt8, UInt8, UInt8)) -> NodeTexts? {
    let start = place - offset
    guard start >= 0, start < Int(UInt32.max) else { return nil }
    var n: Int
    if counts.0 == NodeTexts.long {
      guard start + 16 <= count else { return nil }
      n = 16
      for k in 0..<4 {
        let c = UnsafeRawPointer(chunk.base + start).loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)
        if c != NodeTexts.noneLong { n += Int(c) }
      }
    } else {
      func short(_ c: UInt8) -> Int { c == NodeTexts.none ? 0 : Int(c) }
      n = Int(counts.0) + Int(counts.1) + short(counts.2) + short(counts.3)
    }
    guard start + n <= count else { return nil }
    return NodeTexts(chunk: n == 0 ? nil : chunk, start: UInt32(start), counts: counts)
  }
}

extension NodeTexts {
  /// The texts' bytes as laid out (with the lengths before them when one
  /// is long) and the counts that read them: what `TextBlock.nodeTexts`
  /// takes back.
  package func laidOut<R, E: Error>(
    _ body: (UnsafeBufferPointer<UInt8>, (UInt16, UInt8, UInt8, UInt8)) throws(E) -> R
  ) throws(E) -> R {
    let counts = (titleCount, idCount, parentCount, leadCount)
    guard chunk != nil else { return try body(UnsafeBufferPointer(start: nil, count: 0), counts) }
    let l = layout()
    let n = l.first + l.title + l.id + (l.parent ?? 0) + (l.lead ?? 0)
    defer { withExtendedLifetime(chunk) {} }
    return try body(UnsafeBufferPointer(start: base + Int(start), count: n), counts)
  }
}

extension TextArena {
  /// A node's texts, written side by side. The bytes must be well-formed
  /// UTF-8 (from Strings, or checked); a nil parent or lead is none.
  public mutating func nodeTexts(title: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>,
                                 parent: UnsafeBufferPointer<UInt8>?, lead: UnsafeBufferPointer<UInt8>?) -> NodeTexts {
    let long = NodeTexts.isLong(title.count, id.count, parent?.count, lead?.count)
    func short(_ k: Int?) -> UInt8 { k.map(UInt8.init) ?? NodeTexts.none }
    let counts = long ? (NodeTexts.long, 0, 0, 0)
      : (UInt16(title.count), UInt8(id.count), short(parent?.count), short(lead?.count))
    let n = title.count + id.count + (parent?.count ?? 0) + (lead?.count ?? 0) + (long ? 16 : 0)
    guard n > 0 else { return NodeTexts(chunk: nil, start: 0, counts: counts) }
    let (c, at) = room(n)
    var p = c.base + at
    if long {
      for (k, count) in [title.count, id.count, parent?.count, lead?.count].enumerated() {
        UnsafeMutableRawPointer(p).storeBytes(of: count.map(UInt32.init) ?? NodeTexts.noneLong, toByteOffset: 4 * k,
                                              as: UInt32.self)
      }
      p += 16
    }
    p = NodeTexts.copy(title, to: p)
    p = NodeTexts.copy(id, to: p)
    if let parent { p = NodeTexts.copy(parent, to: p) }
    if let lead { p = NodeTexts.copy(lead, to: p) }
    return NodeTexts(chunk: c, start: UInt32(at), counts: counts)
  }

  /// The same from Strings (an edit, a template, a test).
  public mutating func nodeTexts(title: String, id: String, parent: String?, lead: String?) -> NodeTexts {
    var (title, id, parent, lead) = (title, id, parent, lead)
    return title.withUTF8 { t in
      id.withUTF8 { i in
        NodeTexts.withOptionalUTF8(&parent) { p in
          NodeTexts.withOptionalUTF8(&lead) { l in nodeTexts(title: t, id: i, parent: p, lead: l) }
        }
      }
    }
  }
}
