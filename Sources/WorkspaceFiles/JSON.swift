/// A parsed JSON value that remembers where it stood in its file, so that
/// every error can name the line and column.
public struct JSONNode: Sendable {
  public var value: JSONValue
  /// Byte offset of the value's first character.
  public var offset: Int

  public init(_ value: JSONValue, offset: Int = 0) {
    self.value = value
    self.offset = offset
  }
}

/// One member of an object, in file order.
public struct JSONMember: Sendable {
  public var key: String
  public var keyOffset: Int
  public var value: JSONNode
}

public indirect enum JSONValue: Sendable {
  case null
  case bool(Bool)
  /// The number's text as written, so that nothing is lost by reading it.
  case number(String)
  case string(String)
  case array([JSONNode])
  case object([JSONMember])

  /// The name of the value's type, for "expected X, found Y" messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// A syntax error: where, and what was expected.
public struct JSONSyntaxError: Error, Sendable {
  public var offset: Int
  public var message: String
}

/// A JSON parser over UTF-8 bytes that keeps byte offsets.
///
/// Strict RFC 8259: no comments, no trailing commas; text must be valid
/// UTF-8. Depth is limited so that a hostile file cannot overflow the stack.
public struct JSONParser {
  private let bytes: [UInt8]
  private var i = 0
  private var depth = 0
  static let maxDepth = 200

  private init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Parses one whole document.
  public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    var p = JSONParser(bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
    p.skipSpace()
    guard p.i < bytes.count else {
      throw JSONSyntaxError(offset: p.i, message: "expected a JSON value, found the end of the file")
    }
    let node = try p.value()
    p.skipSpace()
    if p.i < bytes.count {
      throw p.error("expected the end of the file after the value, found \(p.describeHere())")
    }
    return node
  }

  private func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(offset: i, message: message)
  }

  private func describeHere() -> String {
    guard i < bytes.count else { return "the end of the file" }
    let b = bytes[i]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    if b == 0x20 { return "a space" }
    if b < 0x20 || b == 0x7F { return "control byte 0x\(String(b, radix: 16))" }
    return "'\(String(decoding: bytes[i..<min(bytes.count, i + 4)], as: UTF8.self).prefix(1))'"
  }

  private mutating func skipSpace() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x0A, 0x0D, 0x09: i += 1
      default: return
      }
    }
  }

  private mutating func value() throws(JSONSyntaxError) -> JSONNode {
    let start = i
    guard i < bytes.count else {
      throw error("expected a value, found the end of the file")
    }
    switch bytes[i] {
    case UInt8(ascii: "{"): return JSONNode(try object(), offset: start)
    case UInt8(ascii: "["): return JSONNode(try array(), offset: start)
    case UInt8(ascii: "\""): return JSONNode(.string(try string()), offset: start)
    case UInt8(ascii: "t"): try literal("true"); return JSONNode(.bool(true), offset: start)
    case UInt8(ascii: "f"): try literal("false"); return JSONNode(.bool(false), offset: start)
    case UInt8(ascii: "n"): try literal("null"); return JSONNode(.null, offset: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(.number(try number()), offset: start)
    default:
      throw error("expected a value (object, array, string, number, true, false or null), found \(describeHere())")
    }
  }

  private mutating func literal(_ word: String) throws(JSONSyntaxError) {
    let start = i
    for b in word.utf8 {
      guard i < bytes.count, bytes[i] == b else {
        throw JSONSyntaxError(offset: start, message: "expected '\(word)', found '\(String(decoding: bytes[start..<min(bytes.count, start + word.utf8.count)], as: UTF8.self))'")
      }
      i += 1
    }
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maxDepth {
      throw error("nesting deeper than \(JSONParser.maxDepth) levels")
    }
  }

  private mutating func object() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    i += 1
    var members: [JSONMember] = []
    skipSpace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
      i += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
        throw error("expected a member name in double quotes, found \(describeHere())")
      }
      let keyOffset = i
      let key = try string()
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
        throw error("expected ':' after the member name \"\(key)\", found \(describeHere())")
      }
      i += 1
      skipSpace()
      let v = try value()
      members.append(JSONMember(key: key, keyOffset: keyOffset, value: v))
      skipSpace()
      guard i < bytes.count else {
        throw error("expected ',' or '}' in an object, found the end of the file")
      }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        depth -= 1
        return .object(members)
      }
      throw error("expected ',' or '}' after the value of \"\(key)\", found \(describeHere())")
    }
  }

  private mutating func array() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    i += 1
    var items: [JSONNode] = []
    skipSpace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
      i += 1
      depth -= 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try value())
      skipSpace()
      guard i < bytes.count else {
        throw error("expected ',' or ']' in an array, found the end of the file")
      }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "]") {
        i += 1
        depth -= 1
        return .array(items)
      }
      throw error("expected ',' or ']' after an array element, found \(describeHere())")
    }
  }

  private mutating func number() throws(JSONSyntaxError) -> String {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    func digits(_ p: inout JSONParser) -> Int {
      let s = p.i
      while p.i < p.bytes.count, p.bytes[p.i] >= 0x30, p.bytes[p.i] <= 0x39 { p.i += 1 }
      return p.i - s
    }
    guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else {
      throw error("expected a digit in a number, found \(describeHere())")
    }
    if bytes[i] == 0x30 { i += 1 } else { _ = digits(&self) }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits(&self) > 0 else { throw error("expected a digit after the decimal point, found \(describeHere())") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits(&self) > 0 else { throw error("expected a digit in the exponent, found \(describeHere())") }
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    i += 1
    var out = [UInt8]()
    var runStart = i
    while true {
      guard i < bytes.count else {
        throw JSONSyntaxError(offset: i, message: "expected '\"' to close the string, found the end of the file")
      }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        out.append(contentsOf: bytes[runStart..<i])
        i += 1
        break
      }
      if b < 0x20 {
        throw error("expected '\"' to close the string, found control byte 0x\(String(b, radix: 16)) (escape line breaks as \\n)")
      }
      if b == UInt8(ascii: "\\") {
        out.append(contentsOf: bytes[runStart..<i])
        try escape(into: &out)
        runStart = i
        continue
      }
      i += 1
    }
    guard let text = String(validating: out, as: UTF8.self) else {
      throw JSONSyntaxError(offset: runStart, message: "expected UTF-8 text in the string, found invalid bytes")
    }
    return text
  }

  private mutating func escape(into out: inout [UInt8]) throws(JSONSyntaxError) {
    i += 1
    guard i < bytes.count else { throw error("expected an escape after '\\', found the end of the file") }
    let c = bytes[i]
    i += 1
    switch c {
    case UInt8(ascii: "\""): out.append(0x22)
    case UInt8(ascii: "\\"): out.append(0x5C)
    case UInt8(ascii: "/"): out.append(0x2F)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hex4()
      if (0xD800...0xDBFF).contains(scalar) {
        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
          throw error("expected a low surrogate \\uDC00-\\uDFFF after a high surrogate")
        }
        i += 2
        let low = try hex4()
        guard (0xDC00...0xDFFF).contains(low) else { throw error("expected a low surrogate \\uDC00-\\uDFFF") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00...0xDFFF).contains(scalar) {
        throw error("a lone low surrogate \\u\(String(scalar, radix: 16)) is not text")
      }
      out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
    default:
      i -= 1
      throw error("expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after '\\', found \(describeHere())")
    }
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard i < bytes.count, let d = JSONParser.hexValue(bytes[i]) else {
        throw error("expected four hex digits after \\u, found \(describeHere())")
      }
      v = v * 16 + d
      i += 1
    }
    return v
  }

  private static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: return UInt32(b - 0x30)
    case 0x41...0x46: return UInt32(b - 0x41 + 10)
    case 0x61...0x66: return UInt32(b - 0x61 + 10)
    default: return nil
    }
  }
}

/// Turns byte offsets into 1-based line and column numbers (columns count
/// characters, as editors do).
public struct SourceLocator: Sendable {
  private let bytes: [UInt8]
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public func location(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var k = 0
    let end = min(offset, bytes.count)
    while k < end {
      let b = bytes[k]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 && !(k < 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF])) {
        column += 1
      }
      k += 1
    }
    return (line, column)
  }
}
