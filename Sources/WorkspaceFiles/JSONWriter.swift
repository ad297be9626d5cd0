/// Writes JSON text deterministically: members in the order given, no
/// trailing spaces, Chinese left as UTF-8 so files stay readable.
public enum JSONWriter {
  /// One value on one line: `{"id": "a", "n": 1}`.
  public static func line(_ value: JSONValue) -> String {
    var out = JSONOutput()
    out.value(value)
    return out.text
  }

  /// An object with one member a line, two spaces in, for people reading
  /// a command's JSON (`stats --json`); each value as `line` writes it.
  public static func lines(_ object: ObjectBuilder) -> String {
    guard !object.members.isEmpty else { return "{}" }
    var out = JSONOutput()
    out.raw("{\n")
    var started = false
    for m in object.members {
      if started { out.raw(",\n") } else { started = true }
      out.raw("  ")
      out.string(m.key)
      out.raw(": ")
      out.value(m.value.value)
    }
    out.raw("\n}")
    return out.text
  }

  /// A JSON string literal; escapes what JSON requires and the line
  /// separators that break some readers (`JSONOutput.string`).
  public static func quote(_ s: String, into out: inout String) {
    var o = JSONOutput()
    o.string(s)
    out += o.text
  }
}

/// Building JSON values tersely, members in order, absent ones left out.
/// Public so that what the command line prints as JSON is written by the
/// same writer as the files.
public struct ObjectBuilder {
  public private(set) var members: [JSONMember] = []

  public init() {}

  public mutating func add(_ key: String, _ value: JSONValue?) {
    guard let value else { return }
    members.append(JSONMember(key: key, keyOffset: 0, value: JSONNode(value)))
  }
  public mutating func add(_ key: String, _ s: String?) { add(key, s.map { JSONValue.string($0) }) }
  public mutating func add(_ key: String, _ n: Int?) { add(key, n.map { JSONValue.number(String($0)) }) }
  public mutating func add(_ key: String, strings: [String]) {
    add(key, JSONValue.array(strings.map { JSONNode(.string($0)) }))
  }

  public var value: JSONValue { .object(members) }
}
