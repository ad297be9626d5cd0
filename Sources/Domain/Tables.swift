/// The tables an office reads: by unit, overdue and to rectify, red bases,
/// station coverage month by month, indicators. One definition serves the
/// dashboard's list views, `chuangwen report` and the exported reports.
public struct Table: Sendable {
  public enum Align: Sendable { case left, right }

  public struct Column: Sendable {
    public var title: String
    /// Columns the cells need on a terminal; nil: whatever is left.
    public var width: Int?
    public var align: Align
    public init(_ title: String, width: Int? = nil, align: Align = .left) {
      self.title = title
      self.width = width
      self.align = align
    }
  }

  /// What a row stands out for: the dashboard colours it, a report marks it.
  public enum Emphasis: Sendable { case none, late, rectify, binding }

  public struct Row: Sendable {
    /// The node the row stands for (a unit's row: its first item).
    public var node: Int
    public var cells: [String]
    public var emphasis: Emphasis
    public init(node: Int, cells: [String], emphasis: Emphasis = .none) {
      self.node = node
      self.cells = cells
      self.emphasis = emphasis
    }
  }

  public var columns: [Column]
  public var rows: [Row]

  /// "62%", rounded down so 99.6% never shows as done.
  public static func percent(_ f: Double) -> String { "\(Int((f * 100).rounded(.down)))%" }

  public enum Kind: String, CaseIterable, Sendable {
    case overdue, units, bases, coverage, indicators
  }

  public static func make(_ kind: Kind, _ c: Campaign, today: Day, lang: Lang) -> Table {
    switch kind {
    case .overdue: return overdue(c, today: today, lang: lang)
    case .units: return units(c, today: today, lang: lang)
    case .bases: return bases(c, lang: lang)
    case .coverage: return coverage(c, today: today, lang: lang)
    case .indicators: return indicators(c, lang: lang)
    }
  }

  /// A table's columns: its headings, and the widths a terminal gives them.
  public static func columns(_ kind: Kind, lang: Lang) -> [Column] {
    switch kind {
    case .overdue:
      return [Column("", width: 8), Column(lang.pick("事项", "Item")), Column(lang.pick("时限", "Due"), width: 10),
        Column(lang.pick("状态", "Status"), width: 12), Column(lang.pick("牵头", "Lead"), width: 14)]
    case .units:
      return [Column(lang.pick("单位", "Unit")), Column(lang.pick("事项", "Items"), width: 6, align: .right),
        Column(lang.pick("完成", "done"), width: 6, align: .right),
        Column(lang.pick("逾期", "overdue"), width: 6, align: .right),
        Column(lang.pick("完成率", "Rate"), width: 7, align: .right)]
    case .bases:
      return [Column("", width: 8), Column(lang.pick("基地", "Base")), Column(lang.pick("级别", "Level"), width: 8),
        Column(lang.pick("类别", "Category"), width: 10), Column(lang.pick("状态", "Status"), width: 8)]
    case .coverage:
      return [Column(lang.pick("站点 / 队伍", "Site / team"))]
        + (1...12).map { Column("\($0)", width: 2, align: .right) }
        + [Column(lang.pick("进度", "Progress"), width: 11, align: .right)]
    case .indicators:
      return [Column(lang.pick("指标", "Indicator")), Column("", width: 5),
        Column(lang.pick("基期", "Baseline"), width: 8, align: .right),
        Column(lang.pick("当前", "Current"), width: 8, align: .right),
        Column(lang.pick("目标", "Target"), width: 8, align: .right), Column("", width: 8),
        Column(lang.pick("进度", "Progress"), width: 8, align: .right)]
    }
  }

  /// Leaves past their deadline, and nodes with a problem not closed,
  /// soonest deadline first.
  public static func overdue(_ c: Campaign, today: Day, lang: Lang) -> Table {
    var rows: [(Day?, Row)] = []
    for i in c.nodes.indices {
      let n = c.nodes[i]
      let late = Rollup.isOverdue(n, today: today) && c.childrenOf[i].isEmpty
      let open = n.problems.filter { $0.state != .closed }
      guard late || !open.isEmpty else { continue }
      var state = late ? lang.daysOverdue(today.days(since: n.due!)) : ""
      if let p = open.first { state = state.isEmpty ? p.state.label(lang) : state + "·" + p.state.label(lang) }
      let due = open.compactMap(\.due).min() ?? n.due
      let unit = (open.first?.unit ?? n.lead).map(c.unitName) ?? ""
      rows.append((due, Row(node: i, cells: [c.code(i), n.title, due?.description ?? "—", state, unit],
                            emphasis: late ? .late : .rectify)))
    }
    rows.sort { ($0.0?.ordinal ?? Int.max, $0.1.node) < ($1.0?.ordinal ?? Int.max, $1.1.node) }
    return Table(columns: columns(.overdue, lang: lang), rows: rows.map(\.1))
  }

  /// Each lead unit's items, how many are done and overdue, and its rate.
  public static func units(_ c: Campaign, today: Day, lang: Lang) -> Table {
    var byUnit: [String: (items: Int, done: Int, overdue: Int, first: Int)] = [:]
    var order: [String] = []
    for i in c.nodes.indices {
      guard let key = c.nodes[i].lead else { continue }
      if byUnit[key] == nil { order.append(key); byUnit[key] = (0, 0, 0, i) }
      byUnit[key]!.items += 1
      if c.nodes[i].status == .done { byUnit[key]!.done += 1 }
      if Rollup.isOverdue(c.nodes[i], today: today) { byUnit[key]!.overdue += 1 }
    }
    let rows = order.map { key in
      let u = byUnit[key]!
      let rate = u.items > 0 ? Double(u.done) / Double(u.items) : 0
      return Row(node: u.first, cells: [c.unitName(key), "\(u.items)", "\(u.done)", "\(u.overdue)", percent(rate)],
                 emphasis: u.overdue > 0 ? .late : .none)
    }
    return Table(columns: columns(.units, lang: lang), rows: rows)
  }

  /// The red-education bases.
  public static func bases(_ c: Campaign, lang: Lang) -> Table {
    let rows = c.preorder().filter { c.nodes[$0].kind == .base }.map { i in
      let n = c.nodes[i]
      return Row(node: i, cells: [c.code(i), n.title, n.site?.level ?? "", n.site?.category ?? "", n.status.label(lang)])
    }
    return Table(columns: columns(.bases, lang: lang), rows: rows)
  }

  /// The practice system's quotas month by month this year: a count where
  /// the month's quota was met, empty where it was missed, "·" for months
  /// to come (and this month while it has none yet).
  public static func coverage(_ c: Campaign, today: Day, lang: Lang) -> Table {
    let practice: Set<NodeKind> = [.centre, .subcentre, .institute, .station, .team]
    let rows = c.preorder().filter { practice.contains(c.nodes[$0].kind) && c.nodes[$0].quota != nil }.map { i in
      let n = c.nodes[i]
      let q = n.quota!
      var cells = [String(repeating: " ", count: max(0, c.depth(i) - 1)) + n.title]
      for m in 1...12 {
        let count = q.count(year: today.year, month: m)
        if m > today.month || (m == today.month && count == 0) {
          cells.append("·")
        } else if count < (q.perMonth ?? 1) {
          cells.append("")
        } else {
          cells.append("\(count)")
        }
      }
      cells.append("\(q.count)/\(q.target)\(q.unit)")
      return Row(node: i, cells: cells)
    }
    return Table(columns: columns(.coverage, lang: lang), rows: rows)
  }

  /// Indicators: baseline → current → target; binding ones stand out.
  public static func indicators(_ c: Campaign, lang: Lang) -> Table {
    let rows = c.preorder().filter { c.nodes[$0].kind == .indicator && c.nodes[$0].indicator != nil }.map { i in
      let n = c.nodes[i]
      let ind = n.indicator!
      return Row(node: i, cells: [n.title, ind.unit, ind.baseline, ind.current ?? "—", ind.target,
                                  ind.attribute.label(lang), ind.fraction.map(percent) ?? "—"],
                 emphasis: ind.attribute == .binding ? .binding : .none)
    }
    return Table(columns: columns(.indicators, lang: lang), rows: rows)
  }
}
