/// A JSON value built to be written (`ObjectBuilder`, `JSONWriter.line`):
/// what the command line prints as JSON and device.json. Files are read
/// by `Reader` and `CampaignReader`, which build no such values.
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

