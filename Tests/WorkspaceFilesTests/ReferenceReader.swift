import Domain
@testable import WorkspaceFiles

// The general reader chuangwen had beside its fast one (a parser that
// builds a tree of JSON values, then the codecs' decoding through
// `ObjectReader`), kept here as a reference only: the product's one reader
// (`CampaignReader`) must accept what it accepts, read the same campaign
// and event from it, and refuse what it refuses.

/// A syntax error: where, and what was expected.
struct JSONSyntaxError: Error, Sendable {
  var offset: Int
  var message: String
}

/// A JSON parser over UTF-8 bytes that keeps byte offsets.
///
/// Strict RFC 8259: no comments, no trailing commas; text must be valid
/// UTF-8. Depth is limited so that a hostile file cannot overflow the stack.
struct JSONParser {
  private let bytes: [UInt8]
  private var i = 0
  private var depth = 0
  static let maxDepth = 200

  private init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Parses one whole document.
  static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
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

/// Reads the members of one JSON object with messages that say what was
/// expected where; rejects unknown members so typos do not pass silently.
/// The members it allows, and their names, are `M`'s (`Members.swift`).
struct ObjectReader<M: JSONMembers> {
  let node: JSONNode
  let members: [JSONMember]
  /// What the object is, for messages: `node "gm-1"`, `the campaign`.
  let what: String

  init(_ node: JSONNode, what: String) throws(DataError) {
    let allowed = Set(M.allCases.map(\.rawValue))
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

/// Where each part of a campaign stood in `campaign.json`, so the rules
/// of the tree (duplicate ids, cycles, unknown units) can name a position.
struct CampaignSourceMap: Sendable {
  var nodes: [JSONNode] = []
  var units: [JSONNode] = []

  /// Offset of a node's (or unit's) field, or of the object itself.
  func offset(node: Int?, unit: Int?, field: String, position: Int?) -> Int {
    let object: JSONNode?
    if let node, node < nodes.count { object = nodes[node] } else if let unit, unit < units.count {
      object = units[unit]
    } else { object = nil }
    guard let object, case .object(let members) = object.value else { return object?.offset ?? 0 }
    var key = field
    if field == "activities" { key = "quota" }
    guard let m = members.first(where: { $0.key == key }) else { return object.offset }
    if field == "activities", case .object(let quota) = m.value.value,
      let acts = quota.first(where: { $0.key == "activities" }),
      case .array(let items) = acts.value.value, let position, position < items.count {
      return items[position].offset
    }
    if let position, case .array(let items) = m.value.value, position < items.count {
      return items[position].offset
    }
    return field == "id" || field == "parent" ? m.value.offset : m.value.offset
  }
}

/// The general decoding of campaign.json and journal lines.
enum Reference {
  // MARK: Reading

  /// Reads a parsed campaign.json. Throws the first error in file order.
  static func decode(_ root: JSONNode) throws(DataError) -> (Campaign, CampaignSourceMap) {
    // The schema first, so a newer file is refused before anything else.
    if case .object(let members) = root.value, let s = members.first(where: { $0.key == CampaignKey.schema.rawValue }) {
      if case .number(let n) = s.value.value, let v = Int(n), v > Campaign.schemaVersion {
        throw DataError(offset: s.value.offset, message: "schema \(v) is newer than this chuangwen reads (\(Campaign.schemaVersion)): update chuangwen to open this workspace")
      }
    }
    let r = try ObjectReader<CampaignKey>(root, what: "the campaign")
    guard let schema = try r.int(.schema) else {
      throw DataError(offset: root.offset, message: "the campaign needs \"\(CampaignKey.schema.rawValue)\": \(Campaign.schemaVersion)")
    }
    guard schema >= 1 else {
      throw DataError(offset: r.offset(of: .schema), message: "expected schema 1 to \(Campaign.schemaVersion), found \(schema)")
    }
    var map = CampaignSourceMap()
    var units: [Unit] = []
    for u in try r.array(.units) ?? [] {
      units.append(try unit(u))
      map.units.append(u)
    }
    var nodes: [Node] = []
    let nodeItems = try r.array(.nodes) ?? []
    nodes.reserveCapacity(nodeItems.count)
    map.nodes = nodeItems
    for item in nodeItems { nodes.append(try node(item)) }
    var campaign = Campaign(
      id: try r.string(.id) ?? "", title: try r.requiredString(.title),
      start: try r.day(.start), end: try r.day(.end), source: try r.string(.source) ?? "",
      units: units, nodes: nodes)
    if let k = r.member(.compaction) { try compaction(k.value, into: &campaign) }
    return (campaign, map)
  }

  static func unit(_ item: JSONNode) throws(DataError) -> Unit {
    let ur = try ObjectReader<UnitKey>(item, what: "a unit")
    return Unit(id: try ur.requiredString(.id), name: try ur.requiredString(.name))
  }

  static func compaction(_ item: JSONNode, into c: inout Campaign) throws(DataError) {
    let what = "the compaction record"
    let r = try ObjectReader<CompactionKey>(item, what: what)
    guard let generation = try r.int(.generation), generation >= 1, let clock = try r.int(.clock), clock >= 0 else {
      throw DataError(offset: item.offset, message: "\(what) needs \"\(CompactionKey.generation.rawValue)\" (1 or more) and \"\(CompactionKey.clock.rawValue)\" (0 or more)")
    }
    var devices: [String: Compaction.Mark] = [:]
    if let d = r.member(.devices) {
      guard case .object(let members) = d.value.value else {
        throw DataError(offset: d.value.offset, message: "expected \"\(CompactionKey.devices.rawValue)\" as an object of device → {\(MarkKey.table.cases.map(\.rawValue).joined(separator: ", "))}")
      }
      for m in members {
        let mr = try ObjectReader<MarkKey>(m.value, what: "the mark of device \"\(m.key)\"")
        guard let seq = try mr.int(.seq), seq >= 0 else {
          throw DataError(offset: m.value.offset, message: "the mark of device \"\(m.key)\" needs \"\(MarkKey.seq.rawValue)\": a whole number")
        }
        let key = try mr.string(.key)
        if let key, key.utf8.count != 64 || !key.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
          throw DataError(offset: m.value.offset, message: "expected \"key\" of the mark of device \"\(m.key)\" as 64 lowercase hex digits (an Ed25519 public key)")
        }
        devices[m.key] = Compaction.Mark(seq: seq, hash: try mr.requiredString(.hash), key: key)
      }
    }
    for row in try r.array(.stamps) ?? [] {
      guard case .array(let cells) = row.value, cells.count == 4,
        case .string(let node) = cells[0].value, case .string(let name) = cells[1].value,
        case .number(let n) = cells[2].value, let clock = Int(n), (0...WholeNumbers.largest).contains(clock),
        case .string(let device) = cells[3].value
      else {
        throw DataError(offset: row.offset, message: "expected a stamp as [node, field, clock, device], its clock a whole number from 0 to \(WholeNumbers.largest)")
      }
      c.stamps[Register(node: node, name: name)] = Stamp(clock: clock, device: device)
    }
    c.compaction = Compaction(generation: generation, clock: clock, at: try r.string(.at) ?? "",
                              by: try r.string(.by) ?? "", device: try r.string(.device), devices: devices)
  }

  static func node(_ item: JSONNode) throws(DataError) -> Node {
    var what = "a node"
    if case .object(let ms) = item.value, let idm = ms.first(where: { $0.key == NodeKey.id.rawValue }),
      case .string(let id) = idm.value.value {
      what = "node \"\(id)\""
    }
    let r = try ObjectReader<NodeKey>(item, what: what)
    let id = try r.requiredString(.id)
    guard let kind = try r.choice(.kind, NodeKind.self, all: NodeKind.allCases) else {
      throw DataError(offset: item.offset, message: "\(what) needs a \"\(NodeKey.kind.rawValue)\": one of \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var n = Node(id: id, parent: try r.string(.parent), kind: kind,
                 title: try r.requiredString(.title))
    n.lead = try r.string(.lead)
    n.support = try r.strings(.support)
    n.due = try r.day(.due)
    n.status = try r.choice(.status, Status.self, all: Status.allCases) ?? .todo
    n.note = try r.string(.note) ?? ""
    if let q = r.member(.quota), !isNull(q.value) { n.quota = try quota(q.value, what) }
    if let i = r.member(.indicator), !isNull(i.value) { n.indicator = try indicator(i.value, what) }
    if let s = r.member(.site), !isNull(s.value) { n.site = try site(s.value, what) }
    for p in try r.array(.problems) ?? [] { n.problems.append(try problem(p, what)) }
    return n
  }

  private static func isNull(_ n: JSONNode) -> Bool {
    if case .null = n.value { return true }
    return false
  }

  static func quota(_ item: JSONNode, _ owner: String) throws(DataError) -> Quota {
    let r = try ObjectReader<QuotaKey>(item, what: "the quota of \(owner)")
    guard let target = try r.int(.target), target >= 0 else {
      throw DataError(offset: r.offset(of: .target), message: "the quota of \(owner) needs a \"\(QuotaKey.target.rawValue)\": a whole number of 0 or more")
    }
    // Without a "unit", the measure word is Quota's default (次).
    var q = Quota(target: target, perMonth: try r.int(.perMonth))
    if let word = try r.string(.unit) { q.measureWord = word }
    for a in try r.array(.activities) ?? [] { q.activities.append(try activity(a, owner)) }
    return q
  }

  static func activity(_ item: JSONNode, _ owner: String) throws(DataError) -> Activity {
    let r = try ObjectReader<ActivityKey>(item, what: "an activity of \(owner)")
    guard let date = try r.day(.date) else {
      throw DataError(offset: item.offset, message: "an activity of \(owner) needs a \"\(ActivityKey.date.rawValue)\" YYYY-MM-DD")
    }
    return Activity(id: try r.requiredString(.id), date: date, count: try r.int(.count) ?? 1,
                    note: try r.string(.note) ?? "")
  }

  static func indicator(_ item: JSONNode, _ owner: String) throws(DataError) -> Indicator {
    let r = try ObjectReader<IndicatorKey>(item, what: "the indicator of \(owner)")
    return Indicator(
      unit: try r.string(.unit) ?? "", baseline: try r.string(.baseline) ?? "",
      baselineYear: try r.int(.baselineYear) ?? 2020, target: try r.string(.target) ?? "",
      targetYear: try r.int(.targetYear) ?? 2025, current: try r.string(.current),
      attribute: try r.choice(.attribute, Indicator.Attribute.self, all: Indicator.Attribute.allCases) ?? .expected)
  }

  static func site(_ item: JSONNode, _ owner: String) throws(DataError) -> Site {
    let r = try ObjectReader<SiteKey>(item, what: "the site of \(owner)")
    return Site(address: try r.string(.address), level: try r.string(.level),
                contact: try r.string(.contact), category: try r.string(.category))
  }

  static func problem(_ item: JSONNode, _ owner: String) throws(DataError) -> Problem {
    let r = try ObjectReader<ProblemKey>(item, what: "a problem of \(owner)")
    return Problem(
      id: try r.requiredString(.id), text: try r.requiredString(.text), unit: try r.string(.unit),
      due: try r.day(.due), state: try r.choice(.state, Problem.State.self, all: Problem.State.allCases) ?? .open,
      found: try r.day(.found))
  }

  static let ops = ["set", "activity.add", "activity.remove", "problem.add", "problem.set",
                    "node.add", "node.remove", "node.move", "unit.add", "unit.rename", "role.set", "device.revoke", "fork.keep"]

  /// Reads one parsed journal line.
  static func decodeEvent(_ root: JSONNode) throws(DataError) -> Event {
    let r = try ObjectReader<EventKey>(root, what: "the event")
    guard let seq = try r.int(.seq), seq >= 1 else {
      throw DataError(offset: r.offset(of: .seq), message: "the event needs \"\(EventKey.seq.rawValue)\": a whole number from 1")
    }
    guard let clock = try r.int(.clock), clock >= 0 else {
      throw DataError(offset: r.offset(of: .clock), message: "the event needs \"\(EventKey.clock.rawValue)\": a whole number of 0 or more")
    }
    let op = try r.requiredString(.op)
    let operation: Operation
    switch op {
    case "set":
      guard let field = try r.choice(.field, Field.self, all: Field.allCases) else {
        throw DataError(offset: root.offset, message: "a set event needs a \"\(EventKey.field.rawValue)\"")
      }
      let value: FieldValue
      switch r.member(.value)?.value.value {
      case .string(let s): value = .text(s)
      case .array: value = .list(try r.strings(.value))
      case .null, nil: value = .null
      case .some(let other):
        throw DataError(offset: r.offset(of: .value), message: "expected a string, an array of strings or null for \"\(EventKey.value.rawValue)\", found \(other.typeName)")
      }
      operation = .set(node: try r.requiredString(.node), field: field, value: value)
    case "activity.add":
      guard let a = r.member(.activity) else {
        throw DataError(offset: root.offset, message: "an activity.add event needs an \"\(EventKey.activity.rawValue)\" object")
      }
      operation = .addActivity(node: try r.requiredString(.node), activity: try Reference.activity(a.value, "the event"))
    case "activity.remove":
      operation = .removeActivity(node: try r.requiredString(.node), activity: try r.requiredString(.activity))
    case "problem.add":
      guard let p = r.member(.problem) else {
        throw DataError(offset: root.offset, message: "a problem.add event needs a \"\(EventKey.problem.rawValue)\" object")
      }
      operation = .addProblem(node: try r.requiredString(.node), problem: try Reference.problem(p.value, "the event"))
    case "problem.set":
      guard let state = try r.choice(.state, Problem.State.self, all: Problem.State.allCases) else {
        throw DataError(offset: root.offset, message: "a problem.set event needs a \"\(EventKey.state.rawValue)\"")
      }
      operation = .setProblem(node: try r.requiredString(.node), problem: try r.requiredString(.problem), state: state)
    case "node.add":
      guard let n = r.member(.node) else {
        throw DataError(offset: root.offset, message: "a node.add event needs a \"\(EventKey.node.rawValue)\" object")
      }
      operation = .addNode(node: try Reference.node(n.value), after: try r.string(.after))
    case "node.remove":
      operation = .removeNode(node: try r.requiredString(.node))
    case "node.move":
      operation = .moveNode(node: try r.requiredString(.node), parent: try r.string(.parent), after: try r.string(.after))
    case "unit.add", "unit.rename":
      guard let u = r.member(.unit) else {
        throw DataError(offset: root.offset, message: "a \(op) event needs a \"\(EventKey.unit.rawValue)\" object")
      }
      let unit = try Reference.unit(u.value)
      operation = op == "unit.add" ? .addUnit(unit: unit) : .renameUnit(unit: unit)
    case "role.set", "device.revoke", "fork.keep":
      guard let target = try r.string(.target), Workspace.isValidDevice(target) else {
        throw DataError(offset: root.offset, message: "a \(op) event needs a \"target\": a device id")
      }
      if op == "device.revoke" {
        operation = .revoke(device: target)
      } else if op == "fork.keep" {
        guard let branch = try r.string(.branch), branch.utf8.count == 12,
          branch.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
          throw DataError(offset: root.offset, message: "a fork.keep event needs a \"branch\": a history's id, 12 hex digits")
        }
        operation = .keepBranch(device: target, branch: branch)
      } else {
        guard let role = try r.choice(.role, Role.self, all: Role.allCases) else {
          throw DataError(offset: root.offset, message: "a role.set event needs a \"role\": coordinator or supervisor")
        }
        operation = .setRole(device: target, role: role)
      }
    default:
      throw DataError(offset: r.offset(of: .op), message: "unknown op \"\(op)\": expected one of \(ops.joined(separator: ", "))")
    }
    return Event(device: try r.requiredString(.device), seq: seq, clock: clock,
                 user: try r.string(.user) ?? "", at: try r.string(.at) ?? "",
                 prev: try r.string(.prev) ?? "", op: operation)
  }

  /// A whole campaign.json, or nil when it is refused.
  static func campaign(_ bytes: [UInt8]) -> Campaign? {
    guard let root = try? JSONParser.parse(bytes), let (c, _) = try? decode(root) else { return nil }
    return c
  }

  /// One journal line, or nil when it is refused.
  static func event(_ bytes: [UInt8]) -> Event? {
    guard let root = try? JSONParser.parse(bytes) else { return nil }
    return try? decodeEvent(root)
  }
}
