import Domain
import TextScreen

/// The tables an office reads: by unit, overdue and to rectify, red bases,
/// station coverage month by month, indicators. One definition serves the
/// dashboard's list views, `chuangwen report` and the exported reports.
public struct Table: Sendable {
  /// A column's heading, whether it is the long one, and which side its
  /// cells keep to; how wide it is drawn is up to the presenter.
  public struct Column: Sendable {
    public var title: String
    /// Free text of any length (a title, a unit's name), where the others
    /// hold short values: the column a screen or a page gives the room
    /// that is left, and cuts. A table has one.
    public var long: Bool
    public var align: Alignment
    public init(_ title: String, long: Bool = false, align: Alignment = .left) {
      self.title = title
      self.long = long
      self.align = align
    }
  }

  /// What a row stands out for: the dashboard colours it, a report marks it.
  public enum Emphasis: Sendable { case none, late, rectify, binding }

  /// A row: the node it stands for, and its cells, made when read (a
  /// million-node plan can have hundreds of thousands of overdue rows,
  /// and the dashboard shows forty of them).
  public struct Row: Sendable {
    /// The node the row stands for (a unit's row: its first item; nil
    /// for a unit with none).
    public var node: Int?
    public var emphasis: Emphasis
    let facts: Facts
    let source: Source?
    public var cells: [String] {
      if case .cells(let cells) = facts { return cells }
      if case .keyed(_, let cells) = facts { return cells }
      return source?.cells(node, facts) ?? []
    }
  }

  /// A table of cells made already (a document's own: a bulletin's
  /// rankings, its problems by unit), written out as the others are.
  public init(columns: [Column], cells rows: [(cells: [String], emphasis: Emphasis)]) {
    self.columns = columns
    self.rows = rows.map { Row(node: nil, emphasis: $0.emphasis, facts: .cells($0.cells), source: nil) }
  }

  init(columns: [Column], rows: [Row]) {
    self.columns = columns
    self.rows = rows
  }

  /// What a row needs besides its node to make its cells.
  enum Facts: Sendable {
    case node
    /// A node past its deadline.
    case lateNode
    /// A node's problem not closed (its index among the node's problems).
    case problem(Int)
    /// A unit's tasks: those it leads, those it supports, and of all of
    /// them how many are done and overdue.
    case unit(id: String, leads: Int, supports: Int, done: Int, overdue: Int)
    /// Cells given as they are (`init(columns:cells:)`).
    case cells([String])
    /// Cells, and the id of what the row stands for where no column
    /// shows it (a point).
    case keyed(id: String, cells: [String])
    /// A service order waiting past its limit (its index in the orders).
    case order(Int)
  }

  /// What every row of a table reads its cells from. The campaign is
  /// given by the step that finishes the table (`TableWork`), before any
  /// row is read and never after: until then the work holds no reference
  /// to it (a change made meanwhile would copy the whole tree).
  final class Source: @unchecked Sendable {
    let kind: Kind
    private(set) var campaign: Campaign? = nil
    let today: Day
    let lang: Lang
    init(_ kind: Kind, _ today: Day, _ lang: Lang) {
      self.kind = kind
      self.today = today
      self.lang = lang
    }

    /// Once, by the step that finishes the table.
    func read(from c: Campaign) { campaign = c }

    func cells(_ node: Int?, _ facts: Facts) -> [String] {
      guard let c = campaign else { return [] }
      if case .unit(let id, let leads, let supports, let done, let overdue) = facts {
        let items = leads + supports
        let rate = items > 0 ? Double(done) / Double(items) : 0
        return [c.unitName(id), "\(leads)", "\(supports)", "\(done)", "\(overdue)", items > 0 ? percent(rate) : "—"]
      }
      guard let i = node else { return [] }
      switch (kind, facts) {
      case (.overdue, .lateNode):
        let n = c.nodes[i]
        return [c.code(i), n.title, n.due?.description ?? "—", lang.daysOverdue(today.days(since: n.due!)),
                n.lead.map(c.unitName) ?? ""]
      case (.overdue, .order(let k)):
        let o = c.orders[k]
        let waited = c.orderLimits.lateness(o, today: today) ?? 0
        return [c.code(i), lang.pick("订单：", "Order: ") + o.what + lang.pick("（", " (") + c.nodes[i].title + lang.pick("）", ")"),
                o.by?.description ?? "—", lang.daysOverdue(waited) + "·" + o.state.label(lang),
                o.team.flatMap { c.index[$0] }.map { c.nodes[$0].title } ?? ""]
      case (.overdue, .problem(let k)):
        // The problem's own words, then the node it was found at.
        let n = c.nodes[i]
        let p = n.problems[k]
        var state = p.state.label(lang)
        if Rollup.isOverdue(p, today: today), let due = p.due { state = lang.daysOverdue(today.days(since: due)) + "·" + state }
        return [c.code(i), "⚑ " + p.text + lang.pick("（", " (") + n.title + lang.pick("）", ")"),
                p.due?.description ?? "—", state, (p.unit ?? n.lead).map(c.unitName) ?? ""]
      case (.bases, _):
        let n = c.nodes[i]
        return [c.code(i), n.title, n.site?.level ?? "", n.site?.category ?? "", n.status.label(lang)]
      case (.coverage, _):
        let n = c.nodes[i]
        let q = n.quota!
        var cells = [String(repeating: " ", count: max(0, c.depth(i) - 1)) + n.title]
        // The plan's months: a 2021–2023 campaign read in 2026 shows 2023.
        let year = c.gridYear(on: today)
        for m in 1...12 {
          let count = q.count(year: year, month: m)
          if (year, m) > (today.year, today.month) || ((year, m) == (today.year, today.month) && count == 0) {
            cells.append("·")
          } else if count < (q.perMonth ?? 1) {
            cells.append("")
          } else {
            cells.append("\(count)")
          }
        }
        // Without the space of `NodeFacts.quota`: a narrow column (and
        // the dashboard's `coverage` view) shows it this way.
        cells.append("\(q.count)/\(q.target)\(q.measureWord)")
        return cells
      case (.indicators, _):
        let n = c.nodes[i]
        let ind = n.indicator!
        return [n.title, ind.unit, ind.baseline, ind.current ?? "—", ind.target,
                ind.attribute.label(lang), ind.fraction.map(percent) ?? "—"]
      default:
        return []
      }
    }
  }

  public var columns: [Column]
  public var rows: [Row]

  /// "62%", rounded down so 99.6% never shows as done: the one way a
  /// fraction is shown, in tables, outlines, documents, the dashboard and
  /// the CSV export.
  public static func percent(_ f: Double) -> String { "\(Int((f * 100).rounded(.down)))%" }

  public enum Kind: String, CaseIterable, Sendable {
    /// What is overdue by the one definition (`Rollup.overdueCount`):
    /// every node past its deadline, whatever its kind, every problem not
    /// closed, in its own words (red once past its fix-by date), and every
    /// order waiting past its limit; soonest deadline first.
    case overdue
    /// Every unit, with the tasks it leads and those it supports (a
    /// supporting section counts as much as a lead: offices rank both), of
    /// all of them how many are done and overdue, and its rate; a unit with
    /// no task too (the dashboard's unit manager renames and merges from
    /// here). `UnitTally` counts them.
    case units
    /// The red-education bases, in outline order.
    case bases
    /// The practice system's quotas month by month this year: a count where
    /// the month's quota was met, empty where it was missed, "·" for months
    /// to come (and this month while it has none yet).
    case coverage
    /// Indicators: baseline → current → target; binding ones stand out.
    case indicators
    case orders, teams, points
  }

  /// The table at once: `TableWork`'s steps, with no budget.
  public static func make(_ kind: Kind, _ c: Campaign, today: Day, lang: Lang) -> Table {
    var work = TableWork(kind, c, today: today, lang: lang)
    while true {
      if let table = work.advance(c, budget: Int.max / 2) { return table }
    }
  }

  /// A table's columns: headings, the long one, alignment. How wide each
  /// is drawn is up to the presenter (the dashboard's `terminalWidths`).
  public static func columns(_ kind: Kind, lang: Lang) -> [Column] {
    switch kind {
    case .overdue:
      return [Column(""), Column(lang.pick("事项", "Item"), long: true), Column(lang.pick("时限", "Due")),
        Column(lang.pick("状态", "Status")), Column(lang.pick("牵头", "Lead"))]
    case .units:
      return [Column(lang.pick("单位", "Unit"), long: true), Column(lang.pick("牵头", "Leads"), align: .right),
        Column(lang.pick("配合", "Supports"), align: .right),
        Column(lang.pick("完成", "done"), align: .right),
        Column(lang.pick("逾期", "overdue"), align: .right),
        Column(lang.pick("完成率", "Rate"), align: .right)]
    case .bases:
      return [Column(""), Column(lang.pick("基地", "Base"), long: true), Column(lang.pick("级别", "Level")),
        Column(lang.pick("类别", "Category")), Column(lang.pick("状态", "Status"))]
    case .coverage:
      return [Column(lang.pick("站点 / 队伍", "Site / team"), long: true)]
        + (1...12).map { Column("\($0)", align: .right) }
        + [Column(lang.pick("进度", "Progress"), align: .right)]
    case .points:
      return [Column(lang.pick("点位", "Point"), long: true), Column(lang.pick("类型", "Type")),
              Column(lang.pick("区域", "Area")), Column(lang.pick("责任单位", "Unit")),
              Column(lang.pick("最近得分", "Last score"), align: .right), Column(lang.pick("待整改", "To fix"), align: .right)]
    case .teams:
      return [Column(lang.pick("队伍", "Team"), long: true), Column(lang.pick("接到", "Received"), align: .right),
              Column(lang.pick("完成", "Done"), align: .right), Column(lang.pick("本月完成", "This month"), align: .right),
              Column(lang.pick("在办", "Open"), align: .right), Column(lang.pick("完成用时中位数", "Median days"), align: .right),
              Column(lang.pick("平均评分", "Avg stars"), align: .right)]
    case .orders:
      return [Column(lang.pick("编号", "Id")), Column(lang.pick("地点", "Where")), Column(lang.pick("内容", "What"), long: true),
              Column(lang.pick("状态", "State")), Column(lang.pick("队伍", "Team")),
              Column(lang.pick("等待", "Waited"), align: .right), Column(lang.pick("评分", "Rating"))]
    case .indicators:
      return [Column(lang.pick("指标", "Indicator"), long: true), Column(""),
        Column(lang.pick("基期", "Baseline"), align: .right),
        Column(lang.pick("当前", "Current"), align: .right),
        Column(lang.pick("目标", "Target"), align: .right), Column(""),
        Column(lang.pick("进度", "Progress"), align: .right)]
    }
  }

  /// The unit a row of the units table stands for.
  public static func unit(of row: Row) -> String? {
    if case .unit(let id, _, _, _, _) = row.facts { return id }
    return nil
  }
}

/// A unit's share of the plan on a day: the nodes it leads and those it
/// supports (once each: a unit that leads a node is not also counted as
/// supporting it), and of all of them how many are done and overdue. The
/// one count behind view 3, `report --by unit`, the documents and the
/// bulletin's rankings.
public struct UnitTally: Sendable {
  public var id: String
  public var leads = 0
  public var supports = 0
  public var done = 0
  public var overdue = 0
  /// Its first node in the file, if any.
  public var first: Int?
  public var items: Int { leads + supports }

  /// Every unit of the plan in its order, a unit with no node too, then
  /// any unit a node names that the plan does not list.
  public static func all(_ c: Campaign, today: Day) -> [UnitTally] {
    var counter = Counter()
    counter.list(c.units[...])
    counter.count(c, c.nodes.indices, today: today)
    return counter.tallies
  }

  /// The counts made a range at a time (`TableWork`): the plan's units
  /// listed, then the nodes counted.
  struct Counter {
    private var slot: [String: Int] = [:]
    private(set) var tallies: [UnitTally] = []
    /// Neighbours often share their lead.
    private var last: (id: String, slot: Int)? = nil

    mutating func list(_ units: ArraySlice<Unit>) {
      for u in units where slot[u.id] == nil {
        slot[u.id] = tallies.count
        tallies.append(UnitTally(id: u.id))
      }
    }

    mutating func count(_ c: Campaign, _ range: Range<Int>, today: Day) {
      // Fields read in place: copying a node retains all its strings.
      for i in range {
        let lead = c.nodes[i].lead
        guard lead != nil || !c.nodes[i].support.isEmpty else { continue }
        let done = c.nodes[i].status == .done, late = Rollup.isOverdue(c.nodes[i].status, c.nodes[i].due, today: today)
        if let lead { count(lead, i, lead: true, done: done, late: late) }
        for u in c.nodes[i].support where u != lead { count(u, i, lead: false, done: done, late: late) }
      }
    }

    private mutating func count(_ key: String, _ i: Int, lead: Bool, done: Bool, late: Bool) {
      let k: Int
      if let last, last.id == key {
        k = last.slot
      } else if let known = slot[key] {
        k = known
      } else {
        k = tallies.count
        slot[key] = k
        tallies.append(UnitTally(id: key))
      }
      if lead { last = (key, k) }
      if lead { tallies[k].leads += 1 } else { tallies[k].supports += 1 }
      if done { tallies[k].done += 1 }
      if late { tallies[k].overdue += 1 }
      if tallies[k].first == nil { tallies[k].first = i }
    }
  }
}

extension Table {
  /// Service orders, oldest first: id, where, what, state, team, days
  /// waited (red past its limit), the ratings.
  public static func orders(_ c: Campaign, today: Day, lang: Lang, where keep: (Order) -> Bool = { _ in true }) -> Table {
    let limits = c.orderLimits
    let rows = c.orders.filter(keep).sorted { ($0.placed, $0.id) < ($1.placed, $1.id) }.map { o -> Row in
      let place = c.index[o.at].map { c.code($0) + " " + c.nodes[$0].title } ?? o.at
      let team = o.team.flatMap { c.index[$0] }.map { c.nodes[$0].title } ?? ""
      let end = o.finished ?? today
      let waited = o.state == .declined ? "" : lang.pick("\(end.days(since: o.placed))天", "\(end.days(since: o.placed))d")
      let stars = [Order.Rater.requester, .centre].compactMap { r in o.stars(by: r).map { String(repeating: "★", count: $0) } }
        .joined(separator: " / ")
      let late = limits.lateness(o, today: today) != nil
      // The row stands for the station the order was placed at.
      return Row(node: c.position(of: o.at), emphasis: late ? .late : .none,
                 facts: .cells([o.id, place, o.what, o.state.label(lang), team, waited, stars]), source: nil)
    }
    return Table(columns: columns(.orders, lang: lang), rows: rows)
  }

  /// The order a row of the orders table stands for.
  public static func order(of row: Row) -> String? {
    if case .cells(let cells) = row.facts, !cells.isEmpty { return cells[0] }
    return nil
  }
}

extension Table {
  /// Each volunteer team that received orders: received, done (and this
  /// month), orders still with it (its load), median days from dispatch
  /// to done, average stars (requester and centre alike).
  public static func teams(_ c: Campaign, today: Day, lang: Lang) -> Table {
    var byTeam: [String: [Order]] = [:]
    var order: [String] = []
    for o in c.orders {
      guard let t = o.team else { continue }
      if byTeam[t] == nil { order.append(t) }
      byTeam[t, default: []].append(o)
    }
    let rows = order.map { t -> Row in
      let list = byTeam[t]!
      let done = list.filter { $0.state == .done }
      let days = done.compactMap { o in o.finished.map { $0.days(since: o.dispatched ?? o.placed) } }.sorted()
      let median = days.isEmpty ? "—" : String(days.count % 2 == 1 ? Double(days[days.count / 2]) : Double(days[days.count / 2 - 1] + days[days.count / 2]) / 2)
      let stars = list.flatMap { $0.ratings.map(\.stars) }
      let mean = stars.isEmpty ? "—" : String((Double(stars.reduce(0, +)) / Double(stars.count) * 10).rounded() / 10)
      let open = list.filter { $0.state == .dispatched || $0.state == .accepted }.count
      let name = c.index[t].map { c.code($0) + " " + c.nodes[$0].title } ?? t
      let month = done.filter { $0.finished.map { $0.year == today.year && $0.month == today.month } ?? false }.count
      return Row(node: c.position(of: t), emphasis: .none,
                 facts: .cells([name, "\(list.count)", "\(done.count)", "\(month)", "\(open)", median.replacingSuffix(".0"), mean]), source: nil)
    }
    return Table(columns: columns(.teams, lang: lang), rows: rows)
  }

  /// Orders placed at each station (or institute, sub-centre, centre)
  /// month by month in `year`, and in all.
  public static func ordersByMonth(_ c: Campaign, year: Int, lang: Lang) -> Table {
    var counts: [String: [Int]] = [:]
    var order: [String] = []
    for o in c.orders where o.placed.year == year {
      if counts[o.at] == nil { order.append(o.at); counts[o.at] = Array(repeating: 0, count: 12) }
      counts[o.at]![o.placed.month - 1] += 1
    }
    let columns = [Column(lang.pick("站点 \(year)年", "Site \(year)"), long: true)] + (1...12).map { Column("\($0)", align: .right) }
      + [Column(lang.pick("合计", "Total"), align: .right)]
    let rows = order.map { at -> (cells: [String], emphasis: Emphasis) in
      let name = c.index[at].map { c.code($0) + " " + c.nodes[$0].title } ?? at
      let months = counts[at]!
      return ([name] + months.map { $0 == 0 ? "" : "\($0)" } + ["\(months.reduce(0, +))"], .none)
    }
    return Table(columns: columns, cells: rows)
  }
}

private extension String {
  func replacingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

extension Table {
  /// The inspection points: name, type, area, unit, and their score in
  /// the latest round that scored them.
  public static func points(_ c: Campaign, lang: Lang, where keep: (InspectionPoint) -> Bool = { _ in true }) -> Table {
    // Problems found at each point and not yet closed.
    var open: [String: Int] = [:]
    if !c.points.isEmpty {
      for n in c.nodes where !n.problems.isEmpty {
        for p in n.problems where p.state != .closed { if let at = p.point { open[at, default: 0] += 1 } }
      }
    }
    // Each point's score in the latest round that scored it: each round
    // read once, the latest first.
    var last: [String: Campaign.Tally] = [:]
    for round in c.rounds.reversed() where last.count < c.points.count {
      for (id, t) in c.tallies(round, by: { $0.point }) where last[id] == nil { last[id] = t }
    }
    // By area, then type, as an office walks them.
    let rows = c.points.filter(keep).sorted { ($0.area, $0.type) < ($1.area, $1.type) }.map { p -> Row in
      let last = last[p.id]
      return Row(node: nil, emphasis: (last?.negative.isEmpty ?? true) ? .none : .late,
                 facts: .keyed(id: p.id, cells: [p.name, p.type, p.area, p.unit.map(c.unitName) ?? "", last.map { percent($0.share) } ?? "—",
                                                 open[p.id].map(String.init) ?? ""]),
                 source: nil)
    }
    return Table(columns: columns(.points, lang: lang), rows: rows)
  }

  /// The types a point may have: the common ones, then the city's own,
  /// with how many points each has.
  public static func pointTypes(_ c: Campaign, lang: Lang) -> Table {
    let own = Set(c.settings.pointTypes)
    var used: [String: Int] = [:]
    for p in c.points { used[p.type, default: 0] += 1 }
    let common = lang.pick("常见类型", "common"), added = lang.pick("本市添加", "added here")
    var rows: [(cells: [String], emphasis: Emphasis)] = []
    for t in c.pointTypes {
      let source = own.contains(t) ? added : common
      rows.append(([t, source, String(used[t] ?? 0)], .none))
    }
    return Table(columns: [Column(lang.pick("点位类型", "Point type"), long: true), Column(lang.pick("来源", "Source")),
                           Column(lang.pick("点位数", "Points"), align: .right)], cells: rows)
  }

  /// The rounds of mock inspection, in the order started: the day, open
  /// or closed, the points and standards scored, the site score and the
  /// figures (the names `--round` takes).
  public static func rounds(_ c: Campaign, lang: Lang) -> Table {
    let columns = [Column(lang.pick("轮次", "Round"), long: true), Column(lang.pick("日期", "Date")),
                   Column(lang.pick("状态", "State")), Column(lang.pick("已打分点位", "Points scored"), align: .right),
                   Column(lang.pick("打分条数", "Scores"), align: .right), Column(lang.pick("实地得分率", "Site"), align: .right),
                   Column(lang.pick("材料审核", "Material"), align: .right), Column(lang.pick("问卷调查", "Survey"), align: .right),
                   Column(lang.pick("综合", "Combined"), align: .right)]
    let rows: [(cells: [String], emphasis: Emphasis)] = c.rounds.map { r in
      let site = c.tally(r) { _ in true }
      return ([r.name, r.date.description, r.closed ? lang.pick("已结束", "closed") : lang.pick("进行中", "open"),
               String(Set(r.scores.map(\.point)).count), String(r.scores.count), site.map { percent($0.share) } ?? "—",
               r.material.map(Inspection.number) ?? "—", r.survey.map(Inspection.number) ?? "—",
               site.flatMap { combined(r, site: $0) } ?? "—"],
              r.closed ? .none : .binding)
    }
    return Table(columns: columns, cells: rows)
  }

  /// A round's combined score out of 100, to a tenth, once both figures
  /// are in (`Round.combined`).
  private static func combined(_ r: Round, site: Campaign.Tally) -> String? {
    r.combined(site: site.share).map { Inspection.number(($0 * 10).rounded() / 10) }
  }

  /// The point a row of the points table stands for.
  public static func point(of row: Row) -> String? {
    if case .keyed(let id, _) = row.facts { return id }
    return nil
  }

  /// A round's scores: each point, then each area and unit (points kept
  /// over points applicable, summed), the change from the round before,
  /// a negative-list failure shown apart. The latest round without `name`.
  public static func scores(_ c: Campaign, round name: String?, lang: Lang) -> Table {
    let columns = [Column(lang.pick("对象", "Scored"), long: true), Column(lang.pick("得分率", "Score"), align: .right),
                   Column(lang.pick("得分", "Kept"), align: .right), Column(lang.pick("应得", "Of"), align: .right),
                   Column(lang.pick("较上轮", "Change"), align: .right), Column(lang.pick("负面清单", "Negative list"))]
    let latest = c.latestScoredRound()?.id
    guard let id = name.map({ c.round(named: $0)?.id }) ?? latest, let k = c.rounds.lastIndex(where: { $0.id == id })
    else { return Table(columns: columns, cells: []) }
    let round = c.rounds[k], before = k > 0 ? c.rounds[k - 1] : nil
    var rows: [(cells: [String], emphasis: Emphasis)] = []
    func add(_ label: String, _ now: Campaign.Tally?, _ then: Campaign.Tally?) {
      guard let now else { return }
      var change = "—"
      if let then {
        let points = Int(((now.share - then.share) * 100).rounded())
        change = (points > 0 ? "+" : "") + String(points) + lang.pick("个百分点", " pts")
      }
      let negative = now.negative.map { c.index[$0].map { c.code($0) } ?? $0 }.joined(separator: "、")
      rows.append(([label, percent(now.share), Inspection.number(now.kept), Inspection.number(now.of), change, negative],
                   negative.isEmpty ? .none : .late))
    }
    /// Each group's tally in this round and the one before, by `key`.
    func both<K: Hashable>(_ key: (Score) -> K?) -> (now: [K: Campaign.Tally], then: [K: Campaign.Tally]) {
      (c.tallies(round, by: key), before.map { c.tallies($0, by: key) } ?? [:])
    }
    let point = Dictionary(c.points.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let city = both { _ in true }
    // The city's score with the material review and the survey, once both
    // figures are in: weighted 40 / 40 / 20.
    if let site = city.now[true], let total = combined(round, site: site) {
      rows.append(([lang.pick("综合（材料40%＋实地40%＋问卷20%）", "Combined (material 40%, site 40%, survey 20%)"),
                    total, "", "100", "", ""], .binding))
    }
    add(lang.pick("全市", "The city"), city.now[true], city.then[true])
    let areas = both { s in point[s.point].map(\.area).flatMap { $0.isEmpty ? nil : $0 } }
    for area in areas.now.keys.sorted() { add(lang.pick("区域 ", "Area ") + area, areas.now[area], areas.then[area]) }
    let units = both { s in point[s.point]?.unit }
    for unit in units.now.keys.sorted() { add(lang.pick("单位 ", "Unit ") + c.unitName(unit), units.now[unit], units.then[unit]) }
    // Each evaluation item (测评项目), over the standards below it.
    var itemOf: [String: Int] = [:]
    for (s, item) in c.evaluationItems() { itemOf[c.nodes[s].id] = item }
    let items = both { s in itemOf[s.standard] }
    for item in items.now.keys.sorted() {
      let label: String = lang.pick("项目 ", "Item ") + c.code(item) + " " + c.nodes[item].title
      add(label, items.now[item], items.then[item])
    }
    let points = both { s in s.point }
    for p in c.points { add(p.name + "（\(p.type)）", points.now[p.id], points.then[p.id]) }
    // The standards that lost most, across the points.
    let standards = both { s in s.standard }
    for w in c.worstStandards(in: round) {
      let id = c.nodes[w.standard].id
      let lost = Inspection.number(w.lost)
      let head: String = lang.pick("失分 ", "Lost ") + c.code(w.standard) + " " + c.nodes[w.standard].title
      let tail: String = lang.pick("（\(w.points) 处共扣 \(lost) 分）", " (−\(lost) at \(w.points))")
      add(head + tail, standards.now[id], standards.then[id])
    }
    return Table(columns: columns, cells: rows)
  }
}

