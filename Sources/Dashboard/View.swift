import Domain
// Re-exported: the list views show Presentation's tables (`Table`), so
// whoever drives or tests the dashboard handles their rows and kinds; it
// also makes them visible in every file of this module.
@_exported import Presentation
import TextScreen

/// Draws the dashboard for a size. Walks only the rows on screen.
public func view(_ s: State, width: Int, height: Int) -> Screen {
  var screen = Screen(width: width, height: height)
  guard width > 0, height > 0 else { return screen }
  var s = s
  s.width = width
  s.height = height
  switch s.mode {
  case .help(let scroll):
    drawHelp(s, &screen, scroll: scroll)
    return screen
  case .roundScores(let scroll):
    drawPager(s, &screen, roundScoreLines(s), scroll: scroll)
    return screen
  case .card(let id, let scroll):
    drawCard(s, &screen, id, scroll, confirming: nil)
    return screen
  case .confirmProblem(let id, let problem, let scroll):
    drawCard(s, &screen, id, scroll, confirming: problem)
    return screen
  case .scoring(let point, let at):
    drawScoring(s, &screen, point, at)
    return screen
  default:
    break
  }
  let layout = s.layout
  if layout.header { drawHeader(s, &screen) }
  if s.view == .tree {
    drawTree(s, &screen, layout)
  } else if s.view == .progress {
    drawPace(s, &screen, layout)
  } else {
    drawList(s, &screen, layout)
  }
  if let d = layout.detail {
    if d.col > 0 {
      for r in d.row..<(d.row + d.height) { screen.put("│", row: r, col: d.col - 1, style: .dim) }
    } else {
      screen.put(String(repeating: "─", count: width), row: d.row - 1, col: 0, style: .dim)
    }
    if s.view == .units {
      drawUnitDetail(s, &screen, row: d.row, col: d.col, width: d.width, height: d.height)
    } else if let i = s.selected {
      drawDetail(s, i, &screen, row: d.row, col: d.col, width: d.width, height: d.height)
    }
  }
  if layout.footer { drawFooter(s, &screen) }
  if case .filterMenu(let highlighted) = s.mode { drawFilterMenu(s, &screen, highlighted) }
  if case .kindMenu(_, let highlighted) = s.mode { drawKindMenu(s, &screen, highlighted) }
  if case .orderMenu(let id, let highlighted) = s.mode { drawOrderMenu(s, &screen, id, highlighted) }
  return screen
}

/// The first row shown so that the cursor is on screen.
func scrollOffset(cursor: Int, height: Int) -> Int {
  guard height > 0 else { return 0 }
  return cursor < height ? 0 : cursor - height + 1
}

func percent(_ f: Double) -> String { Table.percent(f) }

private func drawHeader(_ s: State, _ screen: inout Screen) {
  let w = s.words
  let bar = Style(reverse: true)
  screen.clear(row: 0, style: bar)
  var right = "\(w.done) \(percent(s.rollup.overall)) \(DisplayColumns.bar(s.rollup.overall, width: 8))"
  let overdue = s.campaign.roots.reduce(0) { $0 + s.rollup.overdue[$1] }
  right += "  \(w.overdue) \(overdue)  \(s.config.user) · \(w.role(s.config.role))"
  if s.config.readOnly { right += "  [\(w.readOnly)]" }
  if let f = s.filter { right = "\(w.filtered)：\(w.filterLabel(f))  " + right }
  right += " "
  let rightWidth = DisplayWidth.of(right)
  let room = s.width - rightWidth - 1
  // The view's name first, so a narrow screen still says where you are.
  let title = " [\(w.viewName(s.view))] " + s.campaign.title
  if room >= 10 {
    screen.put(DisplayColumns.truncate(title, to: room), row: 0, col: 0, style: Style(bold: true, reverse: true), limit: room)
    screen.put(right, row: 0, col: s.width - rightWidth, style: bar)
  } else {
    screen.put(title, row: 0, col: 0, style: Style(bold: true, reverse: true), limit: s.width)
  }
}

private func drawFooter(_ s: State, _ screen: inout Screen) {
  let row = s.height - 1
  let w = s.words
  switch s.mode {
  case .search(let editor, _, _): return drawSearch(s, &screen, editor)
  case .prompt(let prompt, let editor): return drawPrompt(s, &screen, prompt, editor)
  case .confirmDelete(let id): return drawConfirmDelete(s, &screen, id)
  case .confirmStatus(let id, let to): return drawConfirmStatus(s, &screen, id, to)
  case .confirmNewUnits(_, _, let new): return drawConfirmNewUnits(s, &screen, new)
  case .confirmMergeUnit(let from, let into, let tasks): return drawConfirmMergeUnit(s, &screen, from, into, tasks: tasks)
  default: break
  }
  if let m = s.message {
    // Work under way first (it is short, and still going on: the rows
    // being made again after a change), then what the key did.
    var used = 0
    if let busy = s.busy { used = screen.put(busy + "  ", row: row, col: 0, style: Style(color: .yellow), limit: s.width) }
    screen.put(m, row: row, col: used, style: Style(color: .yellow, bold: true), limit: s.width - used)
    return
  }
  // Work off the key path is said where the hints go.
  if let busy = s.busy {
    screen.put(busy, row: row, col: 0, style: Style(color: .yellow), limit: s.width)
    return
  }
  // Help and quit always show; the other hints as many as fit before them.
  let always = w.footer.suffix(2).joined(separator: "  ")
  if s.config.readOnly {
    // Why nothing can be changed, from the first frame on, not after a key.
    let why = DisplayColumns.truncate(w.readOnlyFooter, to: max(0, s.width - DisplayWidth.of(always) - 2))
    screen.put(why, row: row, col: 0, style: Style(color: .yellow), limit: s.width)
    screen.put(always, row: row, col: DisplayWidth.of(why) + 2, style: .dim, limit: s.width)
    return
  }
  var line = ""
  for hint in w.footer.dropLast(2) {
    let next = line.isEmpty ? hint : line + "  " + hint
    if DisplayWidth.of(next + "  " + always) > s.width { break }
    line = next
  }
  line = line.isEmpty ? always : line + "  " + always
  screen.put(line, row: row, col: 0, style: .dim, limit: s.width)
}

extension Status {
  /// The status's one-column mark (`Glyph`), as Reports' `Status.mark`
  /// gives it for outlines and documents (the dashboard does not use
  /// Reports).
  var mark: Character {
    switch self {
    case .todo: return Glyph.todo
    case .doing: return Glyph.doing
    case .done: return Glyph.done
    }
  }
}

/// The mark of a node: its status, in red when overdue, with ⚑ when a
/// problem is open.
func mark(_ s: State, _ i: Int) -> (String, Style) {
  let node = s.campaign.nodes[i]
  let text = String(node.status.mark)
  // Until every problem is closed (re-checked), not only while one is open.
  if node.needsRectification || node.awaitsRecheck { return ("⚑", Style(color: .magenta, bold: true)) }
  if Rollup.isOverdue(node, today: s.config.today) { return (text, Style(color: .red, bold: true)) }
  switch node.status {
  case .done: return (text, Style(color: .green))
  case .doing: return (text, Style(color: .yellow))
  case .todo: return (text, .plain)
  }
}

private func drawTree(_ s: State, _ screen: inout Screen, _ layout: Layout) {
  let c = s.campaign
  let rows = s.treeRows
  let width = layout.listWidth
  guard layout.listHeight > 0, width > 0 else { return }
  if rows.isEmpty {
    // Said, not a blank tree.
    let text = s.filter != nil ? s.words.noFilterMatch : c.nodes.isEmpty ? s.words.emptyCampaign : ""
    screen.put(text, row: layout.listTop, col: 1, style: .dim, limit: width - 1)
    return
  }
  let top = scrollOffset(cursor: s.cursor, height: layout.listHeight)
  for k in 0..<layout.listHeight {
    let r = top + k
    guard r < rows.count else { break }
    let i = rows[r]
    let node = c.nodes[i]
    let row = layout.listTop + k
    let selected = r == s.cursor
    let base = selected ? Style(reverse: true) : Style.plain
    screen.clear(row: row, col: 0, count: width, style: base)
    // Right side: progress of a parent, count of a quota, or deadline trouble.
    var right = ""
    let kids = c.childrenOf[i]
    if !kids.isEmpty {
      right = DisplayColumns.fit(percent(s.rollup.fraction[i]), 4, align: .right)
      if width >= 50 { right += " " + DisplayColumns.bar(s.rollup.fraction[i], width: 10) }
    } else if let q = node.quota {
      right = NodeFacts.quota(q)
    } else if Rollup.isOverdue(node, today: s.config.today), let due = node.due {
      right = s.words.daysOver(s.config.today.days(since: due))
    }
    var rightWidth = min(DisplayWidth.of(right), max(0, width / 2))
    var col = 0
    let indent = String(repeating: "  ", count: c.depth(i))
    let fold = kids.isEmpty ? "  " : (s.expanded.contains(node.id) ? "▾ " : "▸ ")
    col += screen.put(indent + fold, row: row, col: col, style: base, limit: width)
    col += screen.put(c.code(i) + " ", row: row, col: col, style: Style(reverse: selected, dim: !selected), limit: width - col)
    let (m, ms) = mark(s, i)
    var markStyle = ms
    markStyle.reverse = selected
    col += screen.put(m + " ", row: row, col: col, style: markStyle, limit: width - col)
    // The title first: the facts on the right give way before it is cut
    // below a few characters; a cut title ends in "…".
    if width - col - rightWidth - 1 < min(DisplayWidth.of(node.title), 8) { rightWidth = 0 }
    let titleRoom = width - col - (rightWidth > 0 ? rightWidth + 1 : 0)
    screen.put(DisplayColumns.truncate(node.title, to: max(0, titleRoom)), row: row, col: col,
               style: Style(bold: !kids.isEmpty, reverse: selected), limit: max(0, titleRoom))
    if rightWidth > 0 && titleRoom >= 0 {
      screen.put(DisplayColumns.truncate(right, to: rightWidth), row: row, col: width - rightWidth, style: base)
    }
  }
}
