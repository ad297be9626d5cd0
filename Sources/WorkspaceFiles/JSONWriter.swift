/// Writes JSON text deterministically: members in the order given, no
/// trailing spaces, Chinese left as UTF-8 so files stay readable.
public enum JSONWriter {
  /// One value on one line: `{"id": "a", "n": 1}`.
  public static func line(_ value: JSONValue) -> String {
    var out = ""
    write(value, into: &out)
    return out
  }

  static func write(_ value: JSONValue, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): quote(s, into: &out)
    case .array(let items):
      out += "["
      for (k, item) in items.enumerated() {
        if k > 0 { out += ", " }
        write(item.value, into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (k, m) in members.enumerated() {
        if k > 0 { out += ", " }
        quote(m.key, into: &out)
        out += ": "
        write(m.value.value, into: &out)
      }
      out += "}"
    }
  }

  /// A JSON string literal; escapes what JSON requires and the line
  /// separators that break some readers.
  public static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

/// Building JSON values tersely, members in order, absent ones left out.
struct ObjectBuilder {
  private(set) var members: [JSONMember] = []

  mutating func add(_ key: String, _ value: JSONValue?) {
    guard let value else { return }
    members.append(JSONMember(key: key, keyOffset: 0, value: JSONNode(value)))
  }
  mutating func add(_ key: String, _ s: String?) { add(key, s.map { JSONValue.string($0) }) }
  mutating func add(_ key: String, _ n: Int?) { add(key, n.map { JSONValue.number(String($0)) }) }
  mutating func add(_ key: String, strings: [String]) {
    add(key, JSONValue.array(strings.map { JSONNode(.string($0)) }))
  }

  var value: JSONValue { .object(members) }
}
