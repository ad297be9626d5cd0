import Domain

/// A problem in a file's content: where (byte offset), and what was
/// expected. The workspace adds the file name, line and column.
public struct DataError: Error, Sendable {
  public var offset: Int
  public var message: String
}

/// Whole numbers in our files.
enum WholeNumbers {
  /// The largest whole number a file may hold, either sign: far more
  /// than any count, seq or clock reaches (2^48), and far enough from
  /// Int.max that counting on from it cannot overflow.
  static let largest = 1 << 48
}

/// Reads the members of one JSON object with messages that say what was
/// expected where; rejects unknown members so typos do not pass silently.
/// The members it allows, and their names, are `M`'s (`Members.swift`).
struct ObjectReader<M: JSONMembers> {
  let node: JSONNode
  let members: [JSONMember]
  /// What the object is, for messages: `node "gm-1"`, `the campaign`.
  let what: String

  init(_ node: JSONNode, what: String) throws(DataError) {
    let allowed = M.table.allowed
    guard case .object(let members) = node.value else {
      throw DataError(offset: node.offset, message: "expected \(what) as an object, found \(node.value.typeName)")
    }
    self.node = node
    self.members = members
    self.what = what
    // Objects have a dozen members at most: comparing pairs is cheaper
    // than hashing into a set, and this runs once per node.
    for (k, m) in members.enumerated() {
      guard allowed.contains(m.key) else {
        let list = allowed.sorted().joined(separator: ", ")
        throw DataError(offset: m.keyOffset, message: "unknown member \"\(m.key)\" in \(what): expected one of \(list)")
      }
      for earlier in members[..<k] where earlier.key == m.key {
        throw DataError(offset: m.keyOffset, message: "member \"\(m.key)\" appears twice in \(what)")
      }
    }
  }

  func member(_ m: M) -> JSONMember? {
    let key = m.rawValue
    return members.first { $0.key == key }
  }

  /// Offset of a member's value, or of the object when it is absent.
  func offset(of key: M) -> Int { member(key)?.value.offset ?? node.offset }

  func string(_ key: M) throws(DataError) -> String? {
    guard let m = member(key) else { return nil }
    switch m.value.value {
    case .string(let s): return s
    case .null: return nil
    default:
      throw DataError(offset: m.value.offset, message: "expected a string for \"\(key.rawValue)\" of \(what), found \(m.value.value.typeName)")
    }
  }

  func requiredString(_ key: M) throws(DataError) -> String {
    guard let s = try string(key) else {
      throw DataError(offset: offset(of: key), message: "\(what) needs a string \"\(key.rawValue)\"")
    }
    return s
  }

  func int(_ key: M) throws(DataError) -> Int? {
    guard let m = member(key) else { return nil }
    switch m.value.value {
    case .number(let n):
      guard let v = Int(n), (-WholeNumbers.largest...WholeNumbers.largest).contains(v) else {
        throw DataError(offset: m.value.offset, message: "expected a whole number of at most \(WholeNumbers.largest) for \"\(key.rawValue)\" of \(what), found \(n)")
      }
      return v
    case .null: return nil
    default:
      throw DataError(offset: m.value.offset, message: "expected a whole number for \"\(key.rawValue)\" of \(what), found \(m.value.value.typeName)")
    }
  }

  func day(_ key: M) throws(DataError) -> Day? {
    guard let s = try string(key) else { return nil }
    guard let d = Day(iso: s) else {
      throw DataError(offset: offset(of: key), message: "expected a date YYYY-MM-DD for \"\(key.rawValue)\" of \(what), found \"\(s)\"")
    }
    return d
  }

  func choice<T: RawRepresentable>(_ key: M, _ type: T.Type, all: [T]) throws(DataError) -> T?
  where T.RawValue == String {
    guard let s = try string(key) else { return nil }
    guard let v = T(rawValue: s) else {
      let list = all.map(\.rawValue).joined(separator: ", ")
      throw DataError(offset: offset(of: key), message: "unknown \(key.rawValue) \"\(s)\" in \(what): expected one of \(list)")
    }
    return v
  }

  func array(_ key: M) throws(DataError) -> [JSONNode]? {
    guard let m = member(key) else { return nil }
    switch m.value.value {
    case .array(let items): return items
    case .null: return nil
    default:
      throw DataError(offset: m.value.offset, message: "expected an array for \"\(key.rawValue)\" of \(what), found \(m.value.value.typeName)")
    }
  }

  func strings(_ key: M) throws(DataError) -> [String] {
    var out: [String] = []
    for item in try array(key) ?? [] {
      guard case .string(let s) = item.value else {
        throw DataError(offset: item.offset, message: "expected strings in \"\(key.rawValue)\" of \(what), found \(item.value.typeName)")
      }
      out.append(s)
    }
    return out
  }
}
