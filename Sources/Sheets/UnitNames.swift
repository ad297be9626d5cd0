import Domain

// Made once: made at each cell, the three sets were a tenth of a
// 50,000-row import.
private let separators: Set<Character> = ["、", "，", ",", ";", "；", "/", "／", "\n", "\r\n", "\r", "\t", " ", "\u{3000}"]
private let opening: Set<Character> = ["（", "(", "【", "[", "《", "〔", "“", "‘", "<"]
private let closing: Set<Character> = ["）", ")", "】", "]", "》", "〕", "”", "’", ">"]

/// Splits a units cell into names: offices separate them with 、，,;；/
/// spaces or line breaks. Separators inside brackets stay, so
/// "各县（市、区）政府" is one unit.
func splitUnitNames(_ cell: String) -> [String] {
  var names: [String] = []
  var current = ""
  var depth = 0
  func flush() {
    let name = current.trimmingBlanks
    if !name.isEmpty && !names.contains(name) { names.append(name) }
    current = ""
  }
  for c in cell {
    if opening.contains(c) {
      depth += 1
    } else if closing.contains(c) {
      depth = max(0, depth - 1)
    } else if depth == 0 && (separators.contains(c) || c.isWhitespace) {
      flush()
      continue
    }
    current.append(c)
  }
  flush()
  return names
}

/// A units cell's names without the 等 that ends a list ("各大商业网站等")
/// or joins a unit to the many it stands among ("市文明办等市直各部门": two
/// names), and without the word that says its part ("市文明办牵头，各成员
/// 单位配合"). 等 inside a name (高等院校, 中等职业学校) stays.
func unitNames(_ cell: String) -> [String] {
  var names: [String] = []
  func add(_ chars: ArraySlice<Character>) {
    var name = String(chars).trimmingBlanks
    for part in ["牵头", "负责", "配合", "协助", "参与"] where name.hasSuffix(part) && name.count > part.count + 1 {
      name = String(name.dropLast(part.count))
    }
    if !name.isEmpty && !names.contains(name) { names.append(name) }
  }
  for name in splitUnitNames(cell) {
    let chars = Array(name)
    var start = 0
    for k in chars.indices where chars[k] == "等" && k > start && !"高中初平同对相均".contains(chars[k - 1]) {
      let after = String(chars[(k + 1)...])
      if after.isEmpty || after == "单位" || after == "部门" {
        add(chars[start..<k])
        start = chars.count
        break
      }
      if isCollectiveUnit(after) {
        add(chars[start..<k])
        start = k + 1
      }
    }
    if start < chars.count { add(chars[start...]) }
  }
  return names
}

/// Whether a unit's name stands for many (各县区, 各乡镇（街道）, 市直各部门,
/// 相关单位): kept as a unit, but the office should split it.
func isCollectiveUnit(_ name: String) -> Bool {
  if name.hasPrefix("各") { return true }
  let words = ["各部门", "各单位", "各县", "各区", "各乡镇", "各街道", "各成员单位", "成员单位", "相关部门", "相关单位",
               "有关部门", "有关单位", "其他部门", "其他单位"]
  return words.contains { name.contains($0) }
}

/// A unit's name as compared: no blanks, full-width letters, digits and
/// punctuation as their ASCII forms, Chinese brackets as ASCII ones; so
/// "市 文明办" and "各县（区）" match "市文明办" and "各县(区)".
func unitKey(_ name: String) -> String {
  var out = String.UnicodeScalarView()
  for c in name.unicodeScalars where !c.properties.isWhitespace {
    switch c.value {
    case 0xFF01...0xFF5E: out.append(Unicode.Scalar(c.value - 0xFEE0)!)
    case 0x3010, 0x3014: out.append("[")  // 【 〔
    case 0x3011, 0x3015: out.append("]")
    case 0x3001: out.append(",")  // 、
    default: out.append(c)
    }
  }
  return String(out)
}

/// The units a sheet names, found as `unitKey` compares names (an exact
/// name first), and made once, with ids "u-PREFIX-1"…, for a name no
/// unit has: what both the task and the points imports do.
public struct UnitMatcher {
  /// The units made, in the order first named.
  public private(set) var made: [Unit] = []
  private let prefix: String
  private var used: Set<String>
  /// Units by `unitKey` of their names (and by their exact names): the
  /// campaign's, then the new ones.
  private var byKey: [String: String] = [:]

  public init(_ units: [Unit], idPrefix: String) {
    prefix = idPrefix
    used = Set(units.map(\.id))
    for u in units.reversed() { byKey[unitKey(u.name)] = u.id }
    // An exact name wins over one that differs only in punctuation.
    for u in units.reversed() { byKey[u.name] = u.id }
  }

  /// The id of the unit so named, if there is one.
  public func find(_ name: String) -> String? { byKey[name] ?? byKey[unitKey(name)] }

  /// The id of the unit so named, made when there is none.
  public mutating func unit(named name: String) -> String {
    if let id = find(name) { return id }
    var n = made.count + 1
    while used.contains("u-\(prefix)-\(n)") { n += 1 }
    let id = "u-\(prefix)-\(n)"
    used.insert(id)
    made.append(Unit(id: id, name: name))
    byKey[name] = id
    byKey[unitKey(name)] = id
    return id
  }
}
