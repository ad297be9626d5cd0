import Domain
import TextScreen

/// Draws the dashboard for a size. Walks only the rows on screen.
public func view(_ s: State, width: Int, height: Int) -> Screen {
  var screen = Screen(width: width, height: height)
  guard width > 0, height > 0 else { return screen }
  var s = s
  s.width = width
  s.height = height
  if case .help = s.mode {
    drawHelp(s, &screen)
    return screen
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
    if let i = s.selected { drawDetail(s, i, &screen, row: d.row, col: d.col, width: d.width, height: d.height) }
  }
  if layout.footer { drawFooter(s, &screen) }
  if case .filterMenu(let highlighted) = s.mode { drawFilterMenu(s, &screen, highlighted) }
  return screen
}

/// The filter menu, drawn over the list.
private func drawFilterMenu(_ s: State, _ screen: inout Screen, _ highlighted: Int) {
  let w = s.words
  let labels = s.filterEntries.map(w.filterLabel) + [w.filterByUnit]
  let width = min(s.width, max(DisplayWidth.of(w.filterTitle), labels.map(DisplayWidth.of).max() ?? 0) + 4)
  let top = s.height >= 2 ? 1 : 0
  let rows = min(labels.count + 1, max(0, s.height - top - 1))
  guard rows > 0 else { return }
  screen.clear(row: top, col: 0, count: width, style: Style(reverse: true))
  screen.put(" " + w.filterTitle, row: top, col: 0, style: Style(bold: true, reverse: true), limit: width)
  let first = max(0, highlighted - (rows - 2))
  for k in 0..<(rows - 1) {
    let e = first + k
    guard e < labels.count else { break }
    let style = e == highlighted ? Style(reverse: true) : Style.plain
    screen.clear(row: top + 1 + k, col: 0, count: width, style: style)
    screen.put("  " + labels[e], row: top + 1 + k, col: 0, style: style, limit: width)
  }
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
  var right = "\(w.done) \(percent(s.rollup.overall)) \(Columns.bar(s.rollup.overall, width: 8))"
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
    screen.put(title, row: 0, col: 0, style: Style(bold: true, reverse: true), limit: room)
    screen.put(right, row: 0, col: s.width - rightWidth, style: bar)
  } else {
    screen.put(title, row: 0, col: 0, style: Style(bold: true, reverse: true), limit: s.width)
  }
}

private func drawFooter(_ s: State, _ screen: inout Screen) {
  let row = s.height - 1
  let w = s.words
  switch s.mode {
  case .search(let editor, _, _):
    let used = screen.put(w.searchPrompt, row: row, col: 0, style: .bold)
    editor.draw(on: &screen, row: row, col: used, width: s.width - used)
    if let m = s.message { screen.put("  " + m, row: row, col: min(s.width, used + DisplayWidth.of(editor.text) + 1), style: Style(color: .red)) }
    return
  case .prompt(let prompt, let editor):
    let used = screen.put(w.prompt(prompt), row: row, col: 0, style: .bold, limit: s.width / 2)
    editor.draw(on: &screen, row: row, col: used, width: s.width - used)
    return
  case .confirmDelete(let id):
    if let i = s.campaign.index[id] {
      var below = 0
      var stack = Array(s.campaign.childrenOf[i])
      while let j = stack.popLast() {
        below += 1
        stack.append(contentsOf: s.campaign.childrenOf[j])
      }
      screen.put(w.confirmDelete(s.campaign.nodes[i].title, below), row: row, col: 0,
                 style: Style(color: .red, bold: true))
    }
    return
  default:
    break
  }
  if let m = s.message {
    screen.put(m, row: row, col: 0, style: Style(color: .yellow, bold: true))
    return
  }
  var line = ""
  for hint in w.footer {
    let next = line.isEmpty ? hint : line + "  " + hint
    if DisplayWidth.of(next) > s.width { break }
    line = next
  }
  screen.put(line, row: row, col: 0, style: .dim)
}

private func drawHelp(_ s: State, _ screen: inout Screen) {
  let words = s.words
  let keyWidth = words.helpKeys.map { DisplayWidth.of($0.keys) }.max()! + 2
  let lines = [words.helpTitle]
    + words.helpKeys.map { Columns.fit($0.keys, keyWidth) + $0.meaning }
    + [""] + words.helpFooter
  for (k, line) in lines.enumerated() where k < s.height {
    screen.put(line, row: k, col: 1, style: k == 0 ? .bold : .plain, limit: s.width - 1)
  }
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
  if node.needsRectification { return ("⚑", Style(color: .magenta, bold: true)) }
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
      right = Columns.fit(percent(s.rollup.fraction[i]), 4, align: .right)
      if width >= 50 { right += " " + Columns.bar(s.rollup.fraction[i], width: 10) }
    } else if let q = node.quota {
      right = "\(q.count)/\(q.target) \(q.unit)"
    } else if Rollup.isOverdue(node, today: s.config.today), let due = node.due {
      right = s.words.daysOver(s.config.today.days(since: due))
    }
    let rightWidth = min(DisplayWidth.of(right), max(0, width / 2))
    var col = 0
    let indent = String(repeating: "  ", count: c.depth(i))
    let fold = kids.isEmpty ? "  " : (s.expanded.contains(node.id) ? "▾ " : "▸ ")
    col += screen.put(indent + fold, row: row, col: col, style: base, limit: width)
    col += screen.put(c.code(i) + " ", row: row, col: col, style: Style(reverse: selected, dim: !selected), limit: width - col)
    let (m, ms) = mark(s, i)
    var markStyle = ms
    markStyle.reverse = selected
    col += screen.put(m + " ", row: row, col: col, style: markStyle, limit: width - col)
    let titleRoom = width - col - (rightWidth > 0 ? rightWidth + 1 : 0)
    screen.put(node.title, row: row, col: col, style: Style(bold: !kids.isEmpty, reverse: selected), limit: max(0, titleRoom))
    if rightWidth > 0 && titleRoom >= 0 {
      screen.put(Columns.truncate(right, to: rightWidth), row: row, col: width - rightWidth, style: base)
    }
  }
}
