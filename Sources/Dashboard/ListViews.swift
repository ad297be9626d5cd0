import Domain
import TextScreen

/// One row of a list view: the node it stands for, and its cells.
struct ListRow {
  var node: Int?
  var cells: [String]
  var style: Style = .plain
}

/// A column: a heading and a width (nil: takes what is left).
struct Column {
  var title: String
  var width: Int?
  var align: Columns.Alignment = .left
}

extension State {
  /// The columns of a list view.
  func columns(_ v: ViewKind) -> [Column] {
    let w = words
    let lang = config.lang
    switch v {
    case .tree: return []
    case .overdue:
      return [Column(title: "", width: 8), Column(title: lang.pick("事项", "Item"), width: nil),
              Column(title: w.due, width: 10), Column(title: w.status, width: 12), Column(title: w.lead, width: 14)]
    case .units:
      return [Column(title: w.unitColumn, width: nil), Column(title: w.itemsColumn, width: 6, align: .right),
              Column(title: w.done, width: 6, align: .right), Column(title: w.overdue, width: 6, align: .right),
              Column(title: w.rateColumn, width: 7, align: .right)]
    case .bases:
      return [Column(title: "", width: 8), Column(title: lang.pick("基地", "Base"), width: nil),
              Column(title: w.levelColumn, width: 8), Column(title: w.categoryColumn, width: 10),
              Column(title: w.status, width: 8)]
    case .stations:
      return [Column(title: lang.pick("站点 / 队伍", "Site / team"), width: nil)]
        + (1...12).map { Column(title: "\($0)", width: 2, align: .right) }
        + [Column(title: w.progress, width: 11, align: .right)]
    case .indicators:
      return [Column(title: w.indicator, width: nil), Column(title: "", width: 5),
              Column(title: w.baselineColumn, width: 8, align: .right), Column(title: w.currentColumn, width: 8, align: .right),
              Column(title: w.targetColumn, width: 8, align: .right), Column(title: "", width: 8),
              Column(title: w.progress, width: 8, align: .right)]
    }
  }

  /// The rows of a list view: kept from the last change, so keys that
  /// only move the selection do not walk the whole campaign again.
  func listRows(_ v: ViewKind) -> [ListRow] { listCache[v] ?? computeListRows(v) }

  mutating func cacheList(_ v: ViewKind) {
    if v != .tree && listCache[v] == nil { listCache[v] = computeListRows(v) }
  }

  /// The rows of a list view, computed from the campaign.
  func computeListRows(_ v: ViewKind) -> [ListRow] {
    let c = campaign
    let lang = config.lang
    let today = config.today
    switch v {
    case .tree:
      return treeRows.map { ListRow(node: $0, cells: []) }
    case .overdue:
      var rows: [(Day?, ListRow)] = []
      for (i, n) in c.nodes.enumerated() {
        let late = Rollup.isOverdue(n, today: today) && c.childrenOf[i].isEmpty
        let open = n.problems.filter { $0.state != .closed }
        guard late || !open.isEmpty else { continue }
        var state = late ? words.daysOver(today.days(since: n.due!)) : ""
        if let p = open.first { state = state.isEmpty ? p.state.label(lang) : state + "·" + p.state.label(lang) }
        let due = open.compactMap(\.due).min() ?? n.due
        rows.append((due, ListRow(node: i, cells: [c.code(i), n.title, due?.description ?? "—", state, (open.first?.unit ?? n.lead).map(c.unitName) ?? ""],
                                  style: late ? Style(color: .red) : Style(color: .magenta))))
      }
      return rows.sorted { ($0.0?.ordinal ?? Int.max, $0.1.node!) < ($1.0?.ordinal ?? Int.max, $1.1.node!) }.map(\.1)
    case .units:
      var byUnit: [String: (items: Int, done: Int, overdue: Int, first: Int)] = [:]
      var order: [String] = []
      for (i, n) in c.nodes.enumerated() {
        let key = n.lead ?? ""
        guard n.lead != nil else { continue }
        if byUnit[key] == nil { order.append(key); byUnit[key] = (0, 0, 0, i) }
        byUnit[key]!.items += 1
        if n.status == .done { byUnit[key]!.done += 1 }
        if Rollup.isOverdue(n, today: today) { byUnit[key]!.overdue += 1 }
      }
      return order.map { key in
        let u = byUnit[key]!
        let rate = u.items > 0 ? Double(u.done) / Double(u.items) : 0
        return ListRow(node: u.first, cells: [c.unitName(key), "\(u.items)", "\(u.done)", "\(u.overdue)", percent(rate)],
                       style: u.overdue > 0 ? Style(color: .red) : .plain)
      }
    case .bases:
      return c.preorder().filter { c.nodes[$0].kind == .base }.map { i in
        let n = c.nodes[i]
        return ListRow(node: i, cells: [c.code(i), n.title, n.site?.level ?? "", n.site?.category ?? "", n.status.label(lang)])
      }
    case .stations:
      let practice: Set<NodeKind> = [.centre, .subcentre, .institute, .station, .team]
      return c.preorder().filter { practice.contains(c.nodes[$0].kind) && c.nodes[$0].quota != nil }.map { i in
        let n = c.nodes[i]
        let q = n.quota!
        var cells = [String(repeating: " ", count: max(0, c.depth(i) - 1)) + n.title]
        for m in 1...12 {
          let count = q.count(year: today.year, month: m)
          if m > today.month || (m == today.month && count == 0) {
            cells.append("·")
          } else if count < (q.perMonth ?? 1) {
            cells.append("")  // the month's quota was missed
          } else {
            cells.append("\(count)")
          }
        }
        cells.append("\(q.count)/\(q.target)\(q.unit)")
        return ListRow(node: i, cells: cells)
      }
    case .indicators:
      return c.preorder().filter { c.nodes[$0].kind == .indicator && c.nodes[$0].indicator != nil }.map { i in
        let n = c.nodes[i]
        let ind = n.indicator!
        return ListRow(node: i, cells: [n.title, ind.unit, ind.baseline, ind.current ?? "—", ind.target,
                                        ind.attribute.label(lang), ind.fraction.map(percent) ?? "—"],
                       style: ind.attribute == .binding ? .bold : .plain)
      }
    }
  }
}

/// Draws a list view: a heading row, then the rows on screen, columns
/// aligned by display width.
func drawList(_ s: State, _ screen: inout Screen, _ layout: Layout) {
  let columns = s.columns(s.view)
  let rows = s.listRows(s.view)
  let width = layout.listWidth
  guard layout.listHeight > 0, width > 0 else { return }
  let fixed = columns.compactMap(\.width).reduce(0, +) + columns.count - 1
  let flex = max(4, width - fixed)
  let widths = columns.map { $0.width ?? flex }
  func line(_ cells: [String]) -> String {
    zip(cells, zip(widths, columns)).map { cell, wc in Columns.fit(cell, wc.0, align: wc.1.align) }
      .joined(separator: " ")
  }
  screen.put(line(columns.map(\.title)), row: layout.listTop, col: 0, style: Style(bold: true, underline: true), limit: width)
  let height = layout.listHeight - 1
  guard height > 0 else { return }
  if rows.isEmpty {
    screen.put(s.words.emptyList, row: layout.listTop + 1, col: 1, style: .dim, limit: width - 1)
    return
  }
  let top = scrollOffset(cursor: s.cursor, height: height)
  for k in 0..<height {
    let r = top + k
    guard r < rows.count else { break }
    var style = rows[r].style
    style.reverse = r == s.cursor
    screen.clear(row: layout.listTop + 1 + k, col: 0, count: width, style: style)
    screen.put(line(rows[r].cells), row: layout.listTop + 1 + k, col: 0, style: style, limit: width)
  }
}
