#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The encodings offices' CSV files come in: UTF-8 ("CSV UTF-8", WPS) and
/// GB18030, a superset of GBK (what Chinese Excel writes as plain "CSV").
public enum SheetEncoding: String, CaseIterable, Sendable {
  case utf8, gb18030
}

/// Text decoded from a file's bytes.
public struct DecodedText: Equatable, Sendable {
  public var text: String
  public var encoding: SheetEncoding
  /// The file began with a UTF-8 byte-order mark (now removed).
  public var hadBOM: Bool
}

/// Decodes a file's bytes. Without `forced`, valid UTF-8 is UTF-8 and
/// anything else GB18030; a byte-order mark says UTF-8 and is dropped.
public func decodeText(_ bytes: [UInt8], encoding forced: SheetEncoding? = nil) throws(SheetError)
  -> DecodedText
{
  let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
  if forced == nil && (bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])) {
    throw .utf16
  }
  let start = bom ? 3 : 0
  let check = firstInvalidUTF8(bytes, from: start)
  var encoding: SheetEncoding
  if let forced {
    encoding = forced
  } else if check.invalidAt == nil || bom || check.multibyte >= 16 {
    // A run of valid multi-byte sequences is UTF-8 with a damaged byte:
    // GBK text almost never forms 16 of them before failing.
    encoding = .utf8
  } else {
    encoding = .gb18030
  }
  switch encoding {
  case .utf8:
    if let bad = check.invalidAt {
      throw .invalidBytes(encoding: .utf8, offset: bad, line: line(at: bad, in: bytes))
    }
    return DecodedText(text: String(decoding: bytes[start...], as: UTF8.self), encoding: .utf8, hadBOM: bom)
  case .gb18030:
    var text = try decodeGB18030(bytes)
    // GB18030 has its own encoding of U+FEFF.
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    return DecodedText(text: text, encoding: .gb18030, hadBOM: false)
  }
}

/// The 1-based line of a byte offset. 0x0A is never inside a UTF-8 or
/// GB18030 multi-byte sequence, so counting it is exact for both.
func line(at offset: Int, in bytes: [UInt8]) -> Int {
  var n = 1
  for b in bytes[..<min(offset, bytes.count)] where b == 0x0A { n += 1 }
  return n
}

/// The offset of the first byte that breaks UTF-8 (overlong forms,
/// surrogates and values past U+10FFFF included), and how many valid
/// multi-byte sequences came before it.
func firstInvalidUTF8(_ b: [UInt8], from start: Int) -> (invalidAt: Int?, multibyte: Int) {
  var i = start
  var multibyte = 0
  let n = b.count
  while i < n {
    let c = b[i]
    if c < 0x80 {
      i += 1
      continue
    }
    var need = 0
    var lo: UInt8 = 0x80
    var hi: UInt8 = 0xBF
    switch c {
    case 0xC2...0xDF: need = 1
    case 0xE0: need = 2; lo = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: need = 2
    case 0xED: need = 2; hi = 0x9F
    case 0xF0: need = 3; lo = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4: need = 3; hi = 0x8F
    default: return (i, multibyte)
    }
    guard i + need < n, (lo...hi).contains(b[i + 1]) else { return (i, multibyte) }
    var k = 2
    while k <= need {
      guard (0x80...0xBF).contains(b[i + k]) else { return (i, multibyte) }
      k += 1
    }
    multibyte += 1
    i += need + 1
  }
  return (nil, multibyte)
}

/// GB18030 to a String through the C library's iconv.
func decodeGB18030(_ bytes: [UInt8]) throws(SheetError) -> String {
  guard let cd = iconv_open("UTF-8", "GB18030"), Int(bitPattern: cd) != -1 else {
    throw .encodingUnavailable(.gb18030)
  }
  defer { iconv_close(cd) }
  var input = bytes.map { CChar(bitPattern: $0) }
  // Two UTF-8 bytes per GB18030 byte is the most it can grow (a 2-byte
  // character becomes 3 bytes); E2BIG is handled anyway.
  var output = [UInt8]()
  output.reserveCapacity(bytes.count * 2 + 16)
  var chunk = [CChar](repeating: 0, count: max(64, bytes.count * 2 + 16))
  let count = input.count
  let failure: Int? = input.withUnsafeMutableBufferPointer { inBuf -> Int? in
    var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
    var inLeft = count
    while inLeft > 0 {
      let (result, code, written) = chunk.withUnsafeMutableBufferPointer { outBuf in
        var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
        var outLeft = outBuf.count
        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        return (r, errno, outBuf.count - outLeft)
      }
      output.append(contentsOf: chunk[..<written].map { UInt8(bitPattern: $0) })
      if result == -1 && code != E2BIG { return count - inLeft }
    }
    return nil
  }
  if let offset = failure {
    throw .invalidBytes(encoding: .gb18030, offset: offset, line: line(at: offset, in: bytes))
  }
  return String(decoding: output, as: UTF8.self)
}
