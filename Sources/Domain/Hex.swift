/// Bytes as lowercase hexadecimal and back: hashes, keys and signatures
/// in the journals.
public enum Hex {
  private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

  public static func encode<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 {
    // By table: String(radix:) per byte costs more than the hash it shows.
    var out: [UInt8] = []
    // A digest does not say its length: room for a SHA-256 at least.
    out.reserveCapacity(max(64, bytes.underestimatedCount * 2))
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A lowercase hex digit's value; nil for any other byte.
  @inline(__always) public static func value(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    default: return nil
    }
  }

  /// Eight lowercase hex digits at `p` as their value; nil when any byte
  /// is not one. Eight at a time, with no branch a byte: a million
  /// journal lines carry 192 hex digits each (`prev` and `sig`).
  @inlinable public static func eight(_ p: UnsafeRawPointer) -> UInt32? {
    let x = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
    let high: UInt64 = 0x8080_8080_8080_8080
    // Each byte below 0x80, so adding less than 0x80 sets its top bit
    // without carrying into the next: whether it is at least a bound.
    func atLeast(_ bound: UInt64) -> UInt64 { (x &+ (0x80 - bound) &* 0x0101_0101_0101_0101) & high }
    let digit = atLeast(0x30) & ~atLeast(0x3A)
    let letter = atLeast(0x61) & ~atLeast(0x67)
    guard x & high == 0, digit | letter == high else { return nil }
    // Each byte's value (a letter's low four bits plus 9), first byte highest.
    var v = ((x & 0x0F0F_0F0F_0F0F_0F0F) &+ (letter >> 7) &* 9).byteSwapped
    v = (v | v >> 4) & 0x00FF_00FF_00FF_00FF
    v = (v | v >> 8) & 0x0000_FFFF_0000_FFFF
    return UInt32(truncatingIfNeeded: v | v >> 16)
  }

  /// nil unless every character is a lowercase hex digit and they pair up.
  public static func decode<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
    guard text.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(text.count / 2)
    var high: UInt8? = nil
    for c in text {
      guard let v = value(c) else { return nil }
      if let h = high {
        out.append(h << 4 | v)
        high = nil
      } else {
        high = v
      }
    }
    return out
  }

  public static func decode(_ text: String) -> [UInt8]? { decode(Array(text.utf8)) }

  public static func isHex(_ text: String, count: Int) -> Bool {
    text.utf8.count == count && decode(text) != nil
  }
}

/// The hash of a journal line as the next line's `prev` names it. Kept as
/// its 32 bytes when it is 64 lowercase hex digits, as every line written
/// names it: a journal of a million lines is held in memory at once, and
/// a String of 64 bytes is a heap block of its own. Anything else (a
/// damaged line) is kept as it was written, to be reported as it stands.
public enum LineHash: Equatable, Sendable {
  case digest(UInt64, UInt64, UInt64, UInt64)
  case text(String)

  public init(_ text: String) {
    var text = text
    self = text.withUTF8 { LineHash(hex: $0) } ?? .text(text)
  }

  /// Exactly 64 lowercase hex digits; nil otherwise.
  public init?(hex: UnsafeBufferPointer<UInt8>) {
    guard hex.count == 64, let base = hex.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    func word(_ at: Int) -> UInt64? {
      guard let high = Hex.eight(raw + at), let low = Hex.eight(raw + at + 8) else { return nil }
      return UInt64(high) << 32 | UInt64(low)
    }
    guard let a = word(0), let b = word(16), let c = word(32), let d = word(48) else { return nil }
    self = .digest(a, b, c, d)
  }

  /// As it is written in a line.
  public var text: String {
    switch self {
    case .text(let t): return t
    case .digest(let a, let b, let c, let d):
      var bytes: [UInt8] = []
      bytes.reserveCapacity(32)
      for word in [a, b, c, d] {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
      }
      return Hex.encode(bytes)
    }
  }
}
