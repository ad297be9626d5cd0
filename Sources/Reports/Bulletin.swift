import Domain
import Presentation

/// A period's 督查通报 (bulletin) as campaign offices issue it, or, for one
/// responsible unit, its 督办单 (notice). Worked out from the plan as it
/// stood at the period's start and end (replayed from the journals up to
/// those days, `Workspace.campaigns(before:day:)`), so a bulletin for a past
/// period says what was true then, whatever was changed since.
public struct Bulletin: Sendable {
  /// What a bulletin is made from.
  public struct Input: Sendable {
    /// The plan at the end of the day before `from`.
    public var before: Campaign
    /// The plan at the end of `to`.
    public var after: Campaign
    /// Every event made by the end of `to`, in replay order, with the
    /// local day it was made.
    public var history: [(event: Event, day: Day)]
    public var from: Day
    public var to: Day
    /// The issuing office.
    public var office: String
    /// 第N期; by default the period's place in its year (`defaultIssue`).
    public var issue: Int?
    /// A notice for this unit (an id) instead of the whole bulletin.
    public var unit: String?
    /// When compaction folded the journals into campaign.json after
    /// `from`: changes before then cannot be told apart, and it is said.
    public var compacted: Day?
    public var lang: Lang

    public init(before: Campaign, after: Campaign, history: [(event: Event, day: Day)], from: Day, to: Day,
                office: String, issue: Int? = nil, unit: String? = nil, compacted: Day? = nil, lang: Lang) {
      self.before = before
      self.after = after
      self.history = history
      self.from = from
      self.to = to
      self.office = office
      self.issue = issue
      self.unit = unit
      self.compacted = compacted
      self.lang = lang
    }
  }

  /// One part of the document: a heading, lines of text, a table.
  public struct Section: Sendable {
    public var title: String
    public var lines: [String]
    public var table: Table?
  }

  public var title: String
  /// Office, issue and date, and the period covered.
  public var header: [String]
  public var sections: [Section]
  public let lang: Lang

  /// 第N期 when not given: the period's place in its year, counted in
  /// periods of its length (a weekly bulletin to 15 June is the 24th).
  public static func defaultIssue(from: Day, to: Day) -> Int {
    let length = max(1, to.days(since: from) + 1)
    let dayOfYear = to.days(since: Day(year: to.year, month: 1, day: 1)!) + 1
    return (dayOfYear + length - 1) / length
  }

  public init(_ input: Input) {
    let m = Measures(input)
    lang = input.lang
    let l = input.lang
    let issue = input.issue ?? Bulletin.defaultIssue(from: input.from, to: input.to)
    let period = l.pick("统计时段：\(input.from) 至 \(input.to)", "Period: \(input.from) to \(input.to)")
    if let unit = input.unit {
      title = l.pick("督办单", "Notice") + l.pick("：", ": ") + input.after.unitName(unit)
      header = [input.office + " · " + l.pick("\(input.to.year)年第\(issue)期", "\(input.to.year) no. \(issue)") + " · \(input.to)", period]
      sections = m.notice(for: unit)
    } else {
      title = input.after.title + " " + l.pick("督查通报", "progress bulletin")
      header = [input.office + " · " + l.pick("\(input.to.year)年第\(issue)期", "\(input.to.year) no. \(issue)") + " · \(input.to)", period]
      sections = m.bulletin()
    }
    if let day = input.compacted {
      header.append(l.pick("注：各设备日志已于 \(day) 压缩，此前的修改已并入方案，无法逐日区分。",
                           "Note: the journals were compacted on \(day); changes before then are folded into the plan and cannot be told apart by day."))
    }
  }
}

/// What the bulletin counts, from the plan at both ends of the period and
/// the events between.
private struct Measures {
  let input: Bulletin.Input
  let c: Campaign
  let lang: Lang
  /// The day each node was last marked done (by the end of the period).
  let doneDay: [String: Day]
  let tallies: [UnitTally]
  /// Each unit's problems not closed, by unit id ("" for none named).
  let openProblems: [String: Int]
  /// Each unit's items due by the period's end, and of them done in time.
  let dueBy: [String: (due: Int, timely: Int)]

  init(_ input: Bulletin.Input) {
    self.input = input
    c = input.after
    lang = input.lang
    var doneDay: [String: Day] = [:]
    for (e, day) in input.history {
      guard case .set(let node, .status, let value) = e.op else { continue }
      if value == .text(Status.done.rawValue) { doneDay[node] = day } else { doneDay[node] = nil }
    }
    self.doneDay = doneDay
    let today = input.to
    tallies = UnitTally.all(c, today: today)
    var open: [String: Int] = [:]
    var dueBy: [String: (due: Int, timely: Int)] = [:]
    for i in c.nodes.indices {
      let n = c.nodes[i]
      for p in n.problems where p.state != .closed { open[p.unit ?? n.lead ?? "", default: 0] += 1 }
      guard let due = n.due, due <= today else { continue }
      // Done by its deadline: marked done on or before it (done in the
      // plan as first written counts as in time).
      let timely = n.status == .done && (doneDay[n.id].map { $0 <= due } ?? true)
      var units = n.support.filter { $0 != n.lead }
      if let lead = n.lead { units.insert(lead, at: 0) }
      for u in units {
        dueBy[u, default: (0, 0)].due += 1
        if timely { dueBy[u, default: (0, 0)].timely += 1 }
      }
    }
    openProblems = open
    self.dueBy = dueBy
  }

  func p(_ zh: String, _ en: String) -> String { lang.pick(zh, en) }
  func name(_ i: Int) -> String { c.code(i) + " " + c.nodes[i].title }
  func unitName(_ id: String?) -> String { id.map(c.unitName) ?? p("（未定）", "(none)") }
  var range: ClosedRange<Day> { input.from...input.to }
  var periodEvents: [(event: Event, day: Day)] { input.history.filter { range.contains($0.day) } }

  // MARK: The bulletin

  func bulletin() -> [Bulletin.Section] {
    [headline(), problemsByUnit(), rankings(), doneInPeriod(), visits(), dueNext(), inspection(), inspectionProblems()].compactMap { $0 }
  }

  /// Items done (in the period, in all), activities, problems.
  func headline() -> Bulletin.Section {
    let leaves = c.nodes.indices.filter { c.childrenOf[$0].isEmpty }
    let doneNow = leaves.filter { c.nodes[$0].status == .done }
    let doneInPeriod = completedInPeriod.count
    let rollup = Rollup(c, today: input.to)
    var activities = 0
    for n in c.nodes {
      guard let q = n.quota else { continue }
      for a in q.activities where range.contains(a.date) { activities += a.count }
    }
    var found = 0, open = 0, awaiting = 0, late = 0
    for n in c.nodes {
      for pr in n.problems {
        if let f = pr.found, range.contains(f) { found += 1 }
        if pr.state == .open { open += 1 }
        if pr.state == .fixed { awaiting += 1 }
        if Rollup.isOverdue(pr, today: input.to) { late += 1 }
      }
    }
    var fixed = Set<String>(), closed = Set<String>()
    for (e, _) in periodEvents {
      guard case .setProblem(let node, let id, let state) = e.op else { continue }
      if state == .fixed { fixed.insert(node + "/" + id) }
      if state == .closed { closed.insert(node + "/" + id) }
    }
    let overdue = c.roots.reduce(0) { $0 + rollup.overdue[$1] }
    let lines = [
      p("总体进度 \(Table.percent(rollup.overall))；本期完成 \(doneInPeriod) 项，累计完成 \(doneNow.count)/\(leaves.count) 项。",
        "Overall \(Table.percent(rollup.overall)); \(doneInPeriod) items done in the period, \(doneNow.count) of \(leaves.count) in all."),
      p("本期记录活动 \(activities) 次。", "\(activities) activities logged in the period."),
      p("本期发现问题 \(found) 个，整改完成待复查 \(fixed.count) 个，复查销号 \(closed.count) 个；目前仍在整改 \(open) 个，待复查 \(awaiting) 个，其中超过整改时限 \(late) 个。",
        "Problems: \(found) found in the period, \(fixed.count) fixed and \(closed.count) re-checked and closed; \(open) still being rectified and \(awaiting) awaiting re-check, \(late) of them past their fix-by date."),
      p("逾期事项（含整改逾期）共 \(overdue) 项。", "\(overdue) overdue (rectifications included)."),
    ] + orderLines()
    return Bulletin.Section(title: p("一、总体情况", "1. Overview"), lines: lines, table: nil)
  }

  /// The service orders of the period, when there are any.
  func orderLines() -> [String] {
    guard !c.orders.isEmpty else { return [] }
    let placed = c.orders.filter { range.contains($0.placed) }.count
    let finished = c.orders.filter { $0.finished.map(range.contains) ?? false }
    let stars = finished.flatMap { $0.ratings.map(\.stars) }
    let mean = stars.isEmpty ? "—" : String((Double(stars.reduce(0, +)) / Double(stars.count) * 10).rounded() / 10)
    let late = Rollup.lateOrders(c, today: input.to).count
    return [p("服务订单：本期点单 \(placed) 个，完成 \(finished.count) 个（平均评分 \(mean)），超时未派或未完成 \(late) 个。",
              "Service orders: \(placed) placed in the period, \(finished.count) done (average \(mean) stars), \(late) waiting past their limits.")]
  }

  /// Leaves done at the end and not at the start, in outline order.
  var completedInPeriod: [Int] {
    c.preorder().filter { i in
      c.childrenOf[i].isEmpty && c.nodes[i].status == .done && input.before.node(c.nodes[i].id)?.status != .done
    }
  }

  /// Problems not closed, by responsible unit; overdue ones first.
  func problemsByUnit(only unit: String? = nil) -> Bulletin.Section? {
    var rows: [(unit: String, late: Bool, due: Day?, cells: [String])] = []
    for i in c.nodes.indices {
      let n = c.nodes[i]
      for pr in n.problems where pr.state != .closed {
        let owner = pr.unit ?? n.lead
        if let unit, owner != unit { continue }
        let late = Rollup.isOverdue(pr, today: input.to)
        var state = pr.state.label(lang)
        if late, let due = pr.due { state = lang.daysOverdue(input.to.days(since: due)) + "·" + state }
        rows.append((unitName(owner), late, pr.due, [unitName(owner), name(i), pr.text, pr.due?.description ?? "—", state]))
      }
    }
    guard !rows.isEmpty else {
      return unit == nil ? Bulletin.Section(title: p("二、问题整改", "2. Problems"), lines: [p("没有未销号的问题。", "No problem is open.")], table: nil) : nil
    }
    rows.sort { a, b in
      if a.unit != b.unit { return a.unit < b.unit }
      if a.late != b.late { return a.late }
      return (a.due ?? Day(ordinal: Int(Int32.max))) < (b.due ?? Day(ordinal: Int(Int32.max)))
    }
    let table = Table(columns: [Table.Column(p("责任单位", "Unit")), Table.Column(p("事项", "Item"), long: true),
                                Table.Column(p("问题", "Problem")), Table.Column(p("整改时限", "Fix by")), Table.Column(p("状态", "State"))],
                      cells: rows.map { ($0.cells, $0.late ? .late : .rectify) })
    return Bulletin.Section(title: unit == nil ? p("二、问题整改（按责任单位，超期在前）", "2. Problems by responsible unit, overdue first")
                                               : p("未销号的问题", "Problems not closed"),
                            lines: [], table: table)
  }

  /// A unit's measures for the rankings.
  struct Standing {
    var id: String
    var items: Int, done: Int, overdue: Int, due: Int, timely: Int, problems: Int
    var rate: Double { items > 0 ? Double(done) / Double(items) : 0 }
    var timelyRate: Double? { due > 0 ? Double(timely) / Double(due) : nil }
  }

  var standings: [Standing] {
    tallies.filter { $0.items > 0 || (openProblems[$0.id] ?? 0) > 0 }.map { t in
      Standing(id: t.id, items: t.items, done: t.done, overdue: t.overdue, due: dueBy[t.id]?.due ?? 0,
               timely: dueBy[t.id]?.timely ?? 0, problems: openProblems[t.id] ?? 0)
    }
  }

  /// Units by completion rate, then by the rest; the best and the worst
  /// named for each measure (红黑榜).
  func rankings() -> Bulletin.Section? {
    let all = standings.sorted { ($0.rate, $0.done, -$0.overdue) > ($1.rate, $1.done, -$1.overdue) }
    guard !all.isEmpty else { return nil }
    let table = Table(columns: [Table.Column(p("名次", "Rank"), align: .right), Table.Column(p("单位", "Unit"), long: true),
                                Table.Column(p("事项", "Items"), align: .right), Table.Column(p("完成率", "Done"), align: .right),
                                Table.Column(p("按时完成", "On time"), align: .right), Table.Column(p("逾期", "Overdue"), align: .right),
                                Table.Column(p("未销号问题", "Open problems"), align: .right)],
                      cells: all.enumerated().map { k, s in
                        (["\(k + 1)", c.unitName(s.id), "\(s.items)", Table.percent(s.rate), s.timelyRate.map(Table.percent) ?? "—",
                          "\(s.overdue)", "\(s.problems)"], s.overdue > 0 || s.problems > 0 ? .late : .none)
                      })
    var lines: [String] = []
    func names(_ list: [Standing]) -> String { list.prefix(3).map { c.unitName($0.id) }.joined(separator: "、") }
    let rated = all.filter { $0.items > 0 }
    if rated.count >= 2, rated[0].rate > rated.last!.rate {
      let best = rated.filter { $0.rate == rated[0].rate }
      let worst = rated.reversed().filter { $0.rate == rated.last!.rate }
      lines.append(p("完成率：红榜 \(names(best))（\(Table.percent(rated[0].rate))）；黑榜 \(names(worst))（\(Table.percent(rated.last!.rate))）。",
                     "Completion: best \(names(best)) (\(Table.percent(rated[0].rate))); worst \(names(worst)) (\(Table.percent(rated.last!.rate)))."))
    }
    let onTime = all.filter { $0.timelyRate != nil }.sorted { $0.timelyRate! > $1.timelyRate! }
    if onTime.count >= 2, let top = onTime.first?.timelyRate, let bottom = onTime.last?.timelyRate, top > bottom {
      lines.append(p("按时完成：红榜 \(names(onTime.filter { $0.timelyRate == top }))（\(Table.percent(top))）；黑榜 \(names(onTime.reversed().filter { $0.timelyRate == bottom }))（\(Table.percent(bottom))）。",
                     "On time: best \(names(onTime.filter { $0.timelyRate == top })) (\(Table.percent(top))); worst \(names(onTime.reversed().filter { $0.timelyRate == bottom })) (\(Table.percent(bottom)))."))
    }
    let late = all.filter { $0.overdue > 0 }.sorted { $0.overdue > $1.overdue }
    if !late.isEmpty {
      lines.append(p("逾期最多：", "Most overdue: ") + late.prefix(3).map { c.unitName($0.id) + "（\($0.overdue)）" }.joined(separator: "、") + p("。", "."))
    }
    let unfixed = all.filter { $0.problems > 0 }.sorted { $0.problems > $1.problems }
    if !unfixed.isEmpty {
      lines.append(p("未销号问题最多：", "Most open problems: ") + unfixed.prefix(3).map { c.unitName($0.id) + "（\($0.problems)）" }.joined(separator: "、") + p("。", "."))
    }
    return Bulletin.Section(title: p("三、各单位排名（红黑榜）", "3. Units ranked"), lines: lines, table: table)
  }

  /// What was completed in the period.
  func doneInPeriod() -> Bulletin.Section {
    let done = completedInPeriod
    guard !done.isEmpty else {
      return Bulletin.Section(title: p("四、本期完成事项", "4. Done in the period"), lines: [p("本期没有新完成的事项。", "Nothing was completed in the period.")], table: nil)
    }
    let table = Table(columns: [Table.Column(p("事项", "Item"), long: true), Table.Column(p("牵头单位", "Lead")),
                                Table.Column(p("完成日期", "Done on"))],
                      cells: done.map { i in ([name(i), unitName(c.nodes[i].lead), doneDay[c.nodes[i].id]?.description ?? "—"], .none) })
    return Bulletin.Section(title: p("四、本期完成事项", "4. Done in the period"), lines: [], table: table)
  }

  /// Who recorded what where, day by day, from the journals: the visits.
  func visits() -> Bulletin.Section {
    var seen: [String: Int] = [:]
    var rows: [(key: String, cells: [String])] = []
    var what: [[String]] = []
    for (e, day) in periodEvents {
      guard let i = c.index[e.op.nodeID], !e.op.isStructural else { continue }
      let key = "\(day)\u{1}\(e.user)\u{1}\(e.device)\u{1}\(e.op.nodeID)"
      if let k = seen[key] {
        what[k].append(e.op.summary(in: c, lang: lang))
      } else {
        seen[key] = rows.count
        rows.append((key, ["\(day)", e.user, e.device, name(i)]))
        what.append([e.op.summary(in: c, lang: lang)])
      }
    }
    guard !rows.isEmpty else {
      return Bulletin.Section(title: p("五、督查走访记录", "5. Visits"), lines: [p("本期日志中没有督查记录。", "The journals hold no record in the period.")], table: nil)
    }
    let table = Table(columns: [Table.Column(p("日期", "Day")), Table.Column(p("督查人员", "By")), Table.Column(p("设备", "Laptop")),
                                Table.Column(p("地点 / 事项", "Site / item"), long: true), Table.Column(p("记录", "Recorded"))],
                      cells: rows.enumerated().map { k, r in (r.cells + [what[k].joined(separator: lang.pick("；", "; "))], .none) })
    return Bulletin.Section(title: p("五、督查走访记录", "5. Visits"), lines: [], table: table)
  }

  /// Items not done that fall due in the next period of the same length.
  func dueNext(only unit: String? = nil) -> Bulletin.Section? {
    let length = input.to.days(since: input.from) + 1
    let next = input.to.adding(days: 1)...input.to.adding(days: length)
    let items = c.preorder().filter { i in
      let n = c.nodes[i]
      guard n.status != .done, let due = n.due, next.contains(due) else { return false }
      return unit.map { n.lead == $0 || n.support.contains($0) } ?? true
    }
    let title = unit == nil ? p("六、下期到期事项（\(next.lowerBound) 至 \(next.upperBound)）", "6. Due next (\(next.lowerBound) to \(next.upperBound))")
                            : p("下期到期事项（\(next.lowerBound) 至 \(next.upperBound)）", "Due next (\(next.lowerBound) to \(next.upperBound))")
    guard !items.isEmpty else { return Bulletin.Section(title: title, lines: [p("下期没有到期事项。", "Nothing falls due.")], table: nil) }
    let table = Table(columns: [Table.Column(p("事项", "Item"), long: true), Table.Column(p("牵头单位", "Lead")),
                                Table.Column(p("时限", "Due")), Table.Column(p("状态", "Status"))],
                      cells: items.map { i in ([name(i), unitName(c.nodes[i].lead), c.nodes[i].due!.description, c.nodes[i].status.label(lang)], .none) })
    return Bulletin.Section(title: title, lines: [], table: table)
  }

  /// The period's round of mock inspection (its last dated in it): the
  /// city's, each area's, unit's and point's score, with the change
  /// from the round before, best and worst named.
  func inspection() -> Bulletin.Section? {
    guard let round = c.latestScoredRound(in: range) else { return nil }
    let table = Table.scores(c, round: round.id, lang: lang)
    guard !table.rows.isEmpty else { return nil }
    var lines = [p("\(round.name)（\(round.date)）", "\(round.name) (\(round.date))")]
    let byPoint = c.tallies(round) { $0.point }
    let ranked = c.points.compactMap { pt in byPoint[pt.id].map { (pt, $0.share) } }.sorted { $0.1 > $1.1 }
    if ranked.count >= 2, ranked[0].1 > ranked.last!.1 {
      lines.append(p("点位红榜：\(ranked[0].0.name)（\(Table.percent(ranked[0].1))）；黑榜：\(ranked.last!.0.name)（\(Table.percent(ranked.last!.1))）。",
                     "Best point: \(ranked[0].0.name) (\(Table.percent(ranked[0].1))); worst: \(ranked.last!.0.name) (\(Table.percent(ranked.last!.1)))."))
    }
    // The districts ranked (红黑榜), and the standards that lost most.
    let areaOf = Dictionary(c.points.map { ($0.id, $0.area) }, uniquingKeysWith: { a, _ in a })
    let areas = c.tallies(round) { s in areaOf[s.point].flatMap { $0.isEmpty ? nil : $0 } }.map { ($0.key, $0.value.share) }
      .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
    if areas.count >= 2 {
      let order = areas.map { "\($0.0)（\(Table.percent($0.1))）" }.joined(separator: p("、", ", "))
      lines.append(p("区域排名：", "Areas ranked: ") + order + p("。", "."))
    }
    let worst = c.worstStandards(in: round, limit: 3)
    if !worst.isEmpty {
      let list = worst.map { w -> String in
        let lost = Inspection.number(w.lost)
        return name(w.standard) + p("（\(w.points) 处扣 \(lost) 分）", " (−\(lost) at \(w.points))")
      }
      lines.append(p("失分最多的标准：", "Standards that lost most: ") + list.joined(separator: p("；", "; ")) + p("。", "."))
    }
    return Bulletin.Section(title: p("七、模拟测评", "7. Mock inspection"), lines: lines, table: table)
  }

  /// The problems the period's round found at its points, grouped by
  /// district (区域), each with its point, unit, fix-by day and state:
  /// found from the round's day up to the next round's or the period's end.
  func inspectionProblems() -> Bulletin.Section? {
    guard let id = c.latestScoredRound(in: range)?.id, let k = c.rounds.lastIndex(where: { $0.id == id }) else { return nil }
    let round = c.rounds[k]
    let next = c.rounds[(k + 1)...].map(\.date).filter { $0 > round.date }.min()
    let points = Dictionary(c.points.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var rows: [(area: String, point: String, late: Bool, state: Problem.State, cells: [String])] = []
    for i in c.nodes.indices {
      let n = c.nodes[i]
      for pr in n.problems {
        guard let at = pr.point, let point = points[at], let found = pr.found, found >= round.date,
              found <= input.to, next.map({ found < $0 }) ?? true else { continue }
        let late = Rollup.isOverdue(pr, today: input.to)
        var state = pr.state.label(lang)
        if late, let due = pr.due { state = lang.daysOverdue(input.to.days(since: due)) + "·" + state }
        let area = point.area.isEmpty ? p("（未定区域）", "(no area)") : point.area
        rows.append((area, point.name, late, pr.state,
                     [area, point.name, pr.text, unitName(pr.unit ?? n.lead), pr.due?.description ?? "—", state]))
      }
    }
    guard !rows.isEmpty else { return nil }
    rows.sort { ($0.area, $0.point) < ($1.area, $1.point) }
    var lines: [String] = []
    for area in rows.map(\.area).reduce(into: [String](), { if $0.last != $1 { $0.append($1) } }) {
      let mine = rows.filter { $0.area == area }
      let closed = mine.filter { $0.state == .closed }.count, late = mine.filter(\.late).count
      lines.append(area + p("：\(mine.count) 个问题，已销号 \(closed) 个", ": \(mine.count) problems, \(closed) closed")
                     + (late > 0 ? p("，超期 \(late) 个", ", \(late) overdue") : "") + p("。", "."))
    }
    let table = Table(columns: [Table.Column(p("区域", "Area")), Table.Column(p("点位", "Point")), Table.Column(p("问题", "Problem"), long: true),
                                Table.Column(p("责任单位", "Unit")), Table.Column(p("整改时限", "Fix by")), Table.Column(p("状态", "State"))],
                      cells: rows.map { ($0.cells, $0.late ? .late : $0.state == .closed ? .none : .rectify) })
    return Bulletin.Section(title: p("八、测评发现问题（按区域）", "8. Problems found at the points, by area"), lines: lines, table: table)
  }

  // MARK: The notice for one unit

  func notice(for unit: String) -> [Bulletin.Section] {
    var sections: [Bulletin.Section] = []
    let all = standings.sorted { ($0.rate, $0.done, -$0.overdue) > ($1.rate, $1.done, -$1.overdue) }
    if let k = all.firstIndex(where: { $0.id == unit }) {
      let s = all[k]
      var lines = [p("负责事项 \(s.items) 项（牵头 \(tallies.first { $0.id == unit }?.leads ?? 0)，配合 \(tallies.first { $0.id == unit }?.supports ?? 0)），完成 \(s.done) 项，完成率 \(Table.percent(s.rate))，在 \(all.count) 个单位中排第 \(k + 1) 名。",
                     "\(s.items) items (\(tallies.first { $0.id == unit }?.leads ?? 0) as lead, \(tallies.first { $0.id == unit }?.supports ?? 0) supporting), \(s.done) done, \(Table.percent(s.rate)): rank \(k + 1) of \(all.count).")]
      if let t = s.timelyRate { lines.append(p("到期事项 \(s.due) 项，按时完成 \(s.timely) 项（\(Table.percent(t))）。", "\(s.due) items due, \(s.timely) done on time (\(Table.percent(t))).")) }
      lines.append(p("逾期 \(s.overdue) 项；未销号问题 \(s.problems) 个。", "\(s.overdue) overdue; \(s.problems) problems open."))
      sections.append(Bulletin.Section(title: p("完成情况", "Where it stands"), lines: lines, table: nil))
    } else {
      sections.append(Bulletin.Section(title: p("完成情况", "Where it stands"), lines: [p("该单位目前没有负责的事项。", "The unit has no item.")], table: nil))
    }
    let late = c.preorder().filter { i in
      let n = c.nodes[i]
      return Rollup.isOverdue(n, today: input.to) && (n.lead == unit || n.support.contains(unit))
    }
    if !late.isEmpty {
      let table = Table(columns: [Table.Column(p("事项", "Item"), long: true), Table.Column(p("角色", "As")),
                                  Table.Column(p("时限", "Due")), Table.Column(p("逾期", "Late"))],
                        cells: late.map { i in
                          let n = c.nodes[i]
                          return ([name(i), n.lead == unit ? p("牵头", "lead") : p("配合", "support"), n.due!.description,
                                   lang.daysOverdue(input.to.days(since: n.due!))], .late)
                        })
      sections.append(Bulletin.Section(title: p("逾期事项", "Overdue"), lines: [], table: table))
    }
    if let due = dueNext(only: unit) { sections.append(due) }
    if let problems = problemsByUnit(only: unit) { sections.append(problems) }
    return sections
  }
}

// MARK: Writing it out

extension Bulletin {
  public func markdown() -> String {
    var out = "# " + Markdown.escape(title) + "\n\n"
    for line in header { out += Markdown.escape(line) + "  \n" }
    for s in sections {
      out += "\n## " + Markdown.escape(s.title) + "\n\n"
      for line in s.lines { out += "- " + Markdown.escape(line) + "\n" }
      if let t = s.table { out += (s.lines.isEmpty ? "" : "\n") + t.markdown() }
    }
    return out
  }

  /// For a terminal: tables aligned by display width.
  public func text() -> String {
    var out = title + "\n" + header.joined(separator: "\n") + "\n"
    for s in sections {
      out += "\n" + s.title + "\n"
      for line in s.lines { out += "  " + line + "\n" }
      if let t = s.table { out += t.text(titleWidth: 40) }
    }
    return out
  }

  /// One printable A4 page or more, nothing to fetch, every text escaped.
  public func html() -> String {
    let e = HTML.escape
    // The masthead in red over a red rule, as offices issue them (红头).
    var body = "<header class=\"masthead\">\n<h1>\(e(title))</h1>\n"
    for line in header { body += "<p>\(e(line))</p>\n" }
    body += "</header>\n"
    for s in sections {
      body += "<section>\n<h2>\(e(s.title))</h2>\n"
      for line in s.lines { body += "<p>\(e(line))</p>\n" }
      if let t = s.table { body += HTML.table(t) }
      body += "</section>\n"
    }
    return HTML.page(title: title, lang: lang, body: body)
  }
}
