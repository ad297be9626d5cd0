import Domain

/// JSON text written straight as UTF-8 bytes into a buffer: the one
/// writer of campaign.json and of journal lines. Strings are escaped byte
/// by byte (no Swift string is made per value), numbers and dates are
/// written digit by digit. The caller hands the buffer on (`drain`) when
/// it is full, so a million nodes go to the file a megabyte at a time
/// instead of as one 200 MB string.
///
/// The text is what `JSONWriter` writes: members in the order given,
/// `", "` between members and elements, `": "` after a key, Chinese left
/// as UTF-8, and the escapes of `JSONWriter.quote`.
///
/// The bytes are kept in memory of its own (not an array, which checks
/// that it is not shared at every byte appended); pass it `inout`, never
/// copy it: a copy would write into the same memory.
struct JSONOutput {
  /// Owns the memory, and frees it when the output is done with.
  private final class Storage {
    var base: UnsafeMutablePointer<UInt8>
    init(_ capacity: Int) { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }
  }

  private let storage: Storage
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// How many bytes are written.
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = max(capacity, 16)
    storage = Storage(self.capacity)
    base = storage.base
  }

  /// The bytes written.
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  /// Forgets the bytes written (after they were handed on), keeping the memory.
  mutating func removeAll() { count = 0 }

  /// Drops the last byte written.
  mutating func removeLast() { count -= 1 }

  @inline(__always) private mutating func reserve(_ n: Int) {
    if count + n > capacity { grow(count + n) }
  }

  private mutating func grow(_ least: Int) {
    var bigger = capacity * 2
    while bigger < least { bigger *= 2 }
    let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
    memory.update(from: base, count: count)
    base.deallocate()
    storage.base = memory
    base = memory
    capacity = bigger
  }

  @inline(__always) mutating func byte(_ b: UInt8) {
    reserve(1)
    base[count] = b
    count += 1
  }

  @inline(__always) mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
    guard let from = p.baseAddress, p.count > 0 else { return }
    reserve(p.count)
    (base + count).update(from: from, count: p.count)
    count += p.count
  }

  /// Text that needs no escaping (keys, punctuation, names of kinds).
  mutating func raw(_ s: StaticString) {
    append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  mutating func raw(_ s: String) {
    if s.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
      var copy = s
      copy.withUTF8 { append($0) }
    }
  }

  // MARK: Objects

  /// `{`; the flag says whether a member was written yet.
  mutating func beginObject() -> Bool {
    byte(UInt8(ascii: "{"))
    return false
  }

  mutating func endObject() { byte(UInt8(ascii: "}")) }

  /// `"key": `, after `, ` when a member came before.
  mutating func key<M: JSONMembers>(_ m: M, _ started: inout Bool) {
    if started { raw(", ") } else { started = true }
    byte(0x22)
    raw(m.rawValue)
    raw("\": ")
  }

  /// A member holding a string, left out when there is none (or it is
  /// empty and `empty` is false: a default left unsaid).
  mutating func member<M: JSONMembers>(_ m: M, _ value: String?, _ started: inout Bool, empty: Bool = true) {
    guard let value, empty || !value.isEmpty else { return }
    key(m, &started)
    string(value)
  }

  /// A member holding a day, left out when there is none.
  mutating func member<M: JSONMembers>(_ m: M, _ value: Day?, _ started: inout Bool) {
    guard let value else { return }
    key(m, &started)
    day(value)
  }

  /// `"key": ` for a key that is data (a device's name): escaped.
  mutating func key(_ s: String, _ started: inout Bool) {
    if started { raw(", ") } else { started = true }
    string(s)
    raw(": ")
  }

  /// `, ` between elements of an array, none before the first.
  mutating func separator(_ started: inout Bool) {
    if started { raw(", ") } else { started = true }
  }

  // MARK: Values

  mutating func null() { raw("null") }

  mutating func int(_ n: Int) {
    if n < 0 { byte(UInt8(ascii: "-")) }
    var m = n.magnitude
    // At most 20 digits: written backwards into a small buffer.
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { d in
      var k = d.count
      repeat {
        k -= 1
        d[k] = UInt8(truncatingIfNeeded: m % 10) + 0x30
        m /= 10
      } while m > 0
      append(UnsafeRawBufferPointer(rebasing: d[k...]).assumingMemoryBound(to: UInt8.self))
    }
  }

  /// `"YYYY-MM-DD"`, as `Day.description` writes it.
  mutating func day(_ d: Day) {
    let y = d.year
    guard (0...9999).contains(y) else {
      string(d.description)
      return
    }
    byte(0x22)
    digits(y, 4)
    byte(UInt8(ascii: "-"))
    digits(d.month, 2)
    byte(UInt8(ascii: "-"))
    digits(d.day, 2)
    byte(0x22)
  }

  private mutating func digits(_ n: Int, _ width: Int) {
    var scale = 1
    for _ in 1..<width { scale *= 10 }
    var n = n
    while scale > 0 {
      byte(UInt8(n / scale) + 0x30)
      n %= scale
      scale /= 10
    }
  }

  /// A JSON string literal; escapes what JSON requires and the line
  /// separators that break some readers (U+2028, U+2029), as
  /// `JSONWriter.quote` does, working on the UTF-8 bytes.
  mutating func string(_ s: String) {
    if s.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) == nil {
      var copy = s
      copy.withUTF8 { string(utf8: $0) }
    }
  }

  /// A text from its arena, escaped straight from its bytes.
  mutating func string(_ t: CompactText) {
    t.withUTF8 { string(utf8: $0) }
  }

  /// The string literal of these UTF-8 bytes (valid text).
  mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
    byte(0x22)
    escaped(utf8)
    byte(0x22)
  }

  /// `[a, b, …]`, each element written by `element`.
  mutating func array<C: Collection>(_ items: C, _ element: (C.Element, inout JSONOutput) -> Void) {
    byte(UInt8(ascii: "["))
    var started = false
    for item in items {
      separator(&started)
      element(item, &self)
    }
    byte(UInt8(ascii: "]"))
  }

  mutating func strings(_ list: [String]) { array(list) { $1.string($0) } }

  /// The bytes of a string's text, escaped; runs that need no escape are
  /// copied whole.
  private mutating func escaped(_ u: UnsafeBufferPointer<UInt8>) {
    var run = 0
    var i = 0
    let n = u.count
    while i < n {
      let c = u[i]
      // Everything but controls, `"`, `\`, DEL and E2 (which starts
      // U+2028 and U+2029) goes through unchanged.
      if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0x7F && c != 0xE2 {
        i += 1
        continue
      }
      var skip = 1
      var escape: StaticString? = nil
      switch c {
      case 0x22: escape = "\\\""
      case 0x5C: escape = "\\\\"
      case 0x0A: escape = "\\n"
      case 0x0D: escape = "\\r"
      case 0x09: escape = "\\t"
      case 0xE2:
        if i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9) {
          escape = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
          skip = 3
        } else {
          i += 1
          continue
        }
      default: break
      }
      if i > run { append(UnsafeBufferPointer(rebasing: u[run..<i])) }
      if let escape {
        raw(escape)
      } else {
        // Another control character, or DEL: \u00XX in lowercase hex.
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        raw("\\u00")
        byte(hex[Int(c >> 4)])
        byte(hex[Int(c & 15)])
      }
      i += skip
      run = i
    }
    if n > run { append(UnsafeBufferPointer(rebasing: u[run..<n])) }
  }

  // MARK: Any value

  /// A parsed or built value, as `JSONWriter.line` writes it.
  mutating func value(_ v: JSONValue) {
    switch v {
    case .null: null()
    case .bool(let b): raw(b ? "true" : "false")
    case .number(let n): raw(n)
    case .string(let s): string(s)
    case .array(let items): array(items) { $1.value($0.value) }
    case .object(let members):
      var started = beginObject()
      for m in members {
        key(m.key, &started)
        value(m.value.value)
      }
      endObject()
    }
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }
  var array: [UInt8] { Array(bytes) }
}
