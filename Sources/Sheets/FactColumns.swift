import Domain

/// The columns that carry what a task table has no column for — a node's
/// kind, quota, activities, indicator values, site facts and problems —
/// so that an export reads back whole. Each is written and read here, in
/// one place: the text of a cell, then how it is read.
///
/// A cell holds one entry a line: "key：value" for a quota, indicator or
/// site (keys in either language); "2023-03-05 ×2 note" for an activity;
/// "state｜text｜unit｜fix by｜found" for a problem.
enum FactColumn {
  static let all: [SheetField] = [.kind, .quota, .activities, .values, .site, .problems, .method, .score, .pointTypes, .negative]

  /// The kind a node gets from its place when no kind is written: a top
  /// node with children is an area, other parents tasks, leaves items.
  static func shapeKind(top: Bool, leaf: Bool) -> NodeKind { leaf ? .item : top ? .group : .task }

  /// The fact columns a campaign needs: a kind column when some node's
  /// kind is not its shape's, the others when some node has that fact.
  static func needed(_ c: Campaign) -> [SheetField] {
    var needed = Set<SheetField>()
    for i in c.nodes.indices {
      let n = c.nodes[i]
      if n.kind != shapeKind(top: c.parent(of: i) == nil, leaf: c.childrenOf[i].isEmpty) { needed.insert(.kind) }
      if let q = n.quota {
        needed.insert(.quota)
        if !q.activities.isEmpty { needed.insert(.activities) }
      }
      if n.indicator != nil { needed.insert(.values) }
      if let s = n.site, !s.isEmpty { needed.insert(.site) }
      if !n.problems.isEmpty { needed.insert(.problems) }
      if let f = n.standard {
        needed.formUnion([.method, .score])
        if !f.types.isEmpty { needed.insert(.pointTypes) }
        if f.negative { needed.insert(.negative) }
      }
    }
    return all.filter(needed.contains)
  }

  // MARK: Writing

  static func text(_ field: SheetField, _ n: Node, _ c: Campaign, lang: Lang) -> String {
    func pairs(_ items: [(Key, String?)]) -> String {
      items.compactMap { key, value in value.map { key.name(lang) + "：" + oneLine($0) } }.joined(separator: "\n")
    }
    switch field {
    case .kind:
      return n.kind.label(lang)
    case .quota:
      guard let q = n.quota else { return "" }
      return pairs([(.target, String(q.target)), (.measure, q.measureWord), (.perMonth, q.perMonth.map(String.init))])
    case .activities:
      return (n.quota?.activities ?? []).map { a in
        a.date.description + (a.count == 1 ? "" : " ×\(a.count)") + (a.note.isEmpty ? "" : " " + oneLine(a.note))
      }.joined(separator: "\n")
    case .values:
      guard let v = n.indicator else { return "" }
      return pairs([
        (.unit, v.unit), (.baseline, v.baseline), (.baselineYear, String(v.baselineYear)), (.target, v.target),
        (.targetYear, String(v.targetYear)), (.current, v.current), (.attribute, v.attribute.label(lang)),
      ])
    case .site:
      guard let s = n.site else { return "" }
      return pairs([(.address, s.address), (.level, s.level), (.contact, s.contact), (.category, s.category)])
    case .problems:
      return n.problems.map { p in
        [p.state.label(lang), oneLine(p.text), p.unit.map(c.unitName) ?? "", p.due?.description ?? "",
         p.found?.description ?? ""].joined(separator: "｜")
      }.joined(separator: "\n")
    case .method:
      // "" when there is none: a standard written with no method reads back so.
      return n.standard.map { $0.methods.map { $0.label(lang) }.joined(separator: "、") } ?? ""
    case .score:
      return n.standard.map { Inspection.number($0.points) } ?? ""
    case .pointTypes:
      return n.standard?.types.joined(separator: "、") ?? ""
    case .negative:
      return n.standard?.negative == true ? lang.pick("是", "yes") : ""
    default:
      return ""
    }
  }

  /// The keys of "key：value" lines.
  enum Key: CaseIterable {
    case target, measure, perMonth, unit, baseline, baselineYear, targetYear, current, attribute
    case address, level, contact, category

    func name(_ lang: Lang) -> String {
      switch self {
      case .target: return lang.pick("目标", "target")
      case .measure: return lang.pick("量词", "measure")
      case .perMonth: return lang.pick("每月", "per month")
      case .unit: return lang.pick("计量单位", "unit")
      case .baseline: return lang.pick("基期值", "baseline")
      case .baselineYear: return lang.pick("基期年", "baseline year")
      case .targetYear: return lang.pick("目标年", "target year")
      case .current: return lang.pick("当前值", "current")
      case .attribute: return lang.pick("属性", "attribute")
      case .address: return lang.pick("地址", "address")
      case .level: return lang.pick("级别", "level")
      case .contact: return lang.pick("联系方式", "contact")
      case .category: return lang.pick("类别", "category")
      }
    }
  }

  // MARK: Reading

  /// "key：value" lines by key, either language's names; nil when a line
  /// is not one, or names no key.
  static func pairs(_ text: String) -> [Key: String]? {
    var out: [Key: String] = [:]
    for line in text.split(separator: "\n") {
      guard let colon = line.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
      let name = String(line[..<colon]).trimmingBlanks.lowercased()
      guard let key = Key.allCases.first(where: { $0.name(.zh) == name || $0.name(.en) == name }) else { return nil }
      out[key] = String(line[line.index(after: colon)...]).trimmingBlanks
    }
    return out
  }

  static func kind(_ text: String) -> NodeKind? {
    let t = text.trimmingBlanks.lowercased()
    return NodeKind.allCases.first { $0.rawValue == t || $0.label(.zh) == t || $0.label(.en) == t }
  }

  static func quota(_ text: String) -> Quota? {
    guard let p = pairs(text), let target = p[.target].flatMap({ Int($0) }), target >= 0 else { return nil }
    let perMonth = p[.perMonth].flatMap { Int($0) }
    if p[.perMonth] != nil && perMonth == nil { return nil }
    return Quota(target: target, perMonth: perMonth, measureWord: p[.measure] ?? "次")
  }

  /// Activities, numbered from `id`-1; nil when a line is not one.
  static func activities(_ text: String, id: String) -> [Activity]? {
    var out: [Activity] = []
    for line in text.split(separator: "\n") {
      var words = line.split(separator: " ", maxSplits: 2).map(String.init)
      guard let first = words.first, let date = Day(iso: first) else { return nil }
      words.removeFirst()
      var count = 1
      if let w = words.first, w.hasPrefix("×") || w.hasPrefix("x") {
        guard let n = Int(w.dropFirst()), n > 0 else { return nil }
        count = n
        words.removeFirst()
      }
      out.append(Activity(id: "\(id)-\(out.count + 1)", date: date, count: count, note: words.joined(separator: " ")))
    }
    return out
  }

  static func indicator(_ text: String) -> Indicator? {
    guard let p = pairs(text), let target = p[.target], let baseline = p[.baseline] else { return nil }
    let attribute = Indicator.Attribute.allCases.first {
      $0.rawValue == p[.attribute] || $0.label(.zh) == p[.attribute] || $0.label(.en) == p[.attribute]
    }
    guard let attribute, let from = Int(p[.baselineYear] ?? "2020"), let to = Int(p[.targetYear] ?? "2025") else {
      return nil
    }
    return Indicator(unit: p[.unit] ?? "", baseline: baseline, baselineYear: from, target: target, targetYear: to,
                     current: p[.current], attribute: attribute)
  }

  static func site(_ text: String) -> Site? {
    guard let p = pairs(text) else { return nil }
    return Site(address: p[.address], level: p[.level], contact: p[.contact], category: p[.category])
  }

  /// Problems, with their units' names for ids (the reader matches or
  /// makes the units); nil when a line is not one.
  static func problems(_ text: String, id: String) -> [Problem]? {
    var out: [Problem] = []
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "｜", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
      guard parts.count >= 5 else { return nil }
      let stateText = parts[0]
      guard let state = Problem.State.allCases.first(where: {
        $0.rawValue == stateText || $0.label(.zh) == stateText || $0.label(.en) == stateText
      }) else { return nil }
      let tail = parts.suffix(3)
      let text = parts[1..<(parts.count - 3)].joined(separator: "｜")
      let (unitName, due, found) = (tail[tail.startIndex], tail[tail.startIndex + 1], tail[tail.startIndex + 2])
      guard due.isEmpty || Day(iso: due) != nil, found.isEmpty || Day(iso: found) != nil, !text.isEmpty else {
        return nil
      }
      out.append(Problem(id: "\(id)-\(out.count + 1)", text: text, unit: unitName.isEmpty ? nil : unitName,
                         due: Day(iso: due), state: state, found: Day(iso: found)))
    }
    return out
  }
}
