import Domain
import TextScreen

/// A list view's row is the shared table's (`Table.Row`: the node it
/// stands for, its cells made when drawn), coloured by what it stands
/// out for.
extension Table.Row {
  var style: Style {
    switch emphasis {
    case .none: return .plain
    case .late: return Style(color: .red)
    case .rectify: return Style(color: .magenta)
    case .binding: return .bold
    }
  }
}

/// A list view's column on a terminal: the shared table's heading and
/// alignment (`Table.Column`) with the width it is drawn at (nil: the
/// long column, which takes what is left).
struct ListColumn {
  var title: String
  var width: Int?
  var align: Alignment = .left
}

extension State {
  /// The shared table a list view shows.
  static func tableKind(_ v: ViewKind) -> Table.Kind? {
    switch v {
    case .tree: return nil
    case .overdue: return .overdue
    case .units: return .units
    case .bases: return .bases
    case .coverage: return .coverage
    case .indicators: return .indicators
    case .progress: return nil
    case .orders: return .orders
    case .teams: return .teams
    case .points: return .points
    }
  }

  /// The columns each table's cells need on a terminal, in the table's
  /// order; nil for its long column, which takes what is left.
  static func terminalWidths(_ kind: Table.Kind) -> [Int?] {
    switch kind {
    case .overdue: return [8, nil, 10, 12, 14]
    case .units: return [nil, 5, 5, 5, 5, 7]
    case .bases: return [8, nil, 8, 10, 8]
    case .coverage: return [nil] + Array(repeating: 2, count: 12) + [11]
    case .indicators: return [nil, 5, 8, 8, 8, 8, 8]
    case .orders: return [6, 12, nil, 6, 8, 4, 5]
    case .teams: return [nil, 4, 4, 4, 4, 6, 4]
    case .points: return [nil, 8, 8, 10, 8, 6]
    }
  }

  /// The short columns a narrow screen leaves out, the least needed
  /// first, so that the long one keeps room to be read; none for the
  /// month grid, which is what its view is for.
  static func droppable(_ kind: Table.Kind) -> [Int] {
    switch kind {
    case .coverage: return []
    // The lead, then the outline code; the item, its deadline and how late stay.
    case .overdue: return [4, 0, 2]
    // The unit, the area, the type; the point, its score and its problems stay.
    case .points: return [3, 2, 1]
    default:
      let widths = terminalWidths(kind)
      return widths.indices.reversed().filter { widths[$0] != nil }
    }
  }

  /// The columns of a list view.
  func columns(_ v: ViewKind) -> [ListColumn] {
    guard let kind = State.tableKind(v) else { return [] }
    let widths = State.terminalWidths(kind)
    return Table.columns(kind, lang: config.lang).enumerated().map { k, c in
      ListColumn(title: c.title, width: widths[k], align: c.align)
    }
  }

  /// The rows of a list view, as made since the last change (none while
  /// they are being made: see `prepareView`), so keys that only move the
  /// selection never walk the whole campaign.
  func listRows(_ v: ViewKind) -> [Table.Row] { listCache[v] ?? [] }
}

/// Draws a list view: a heading row, then the rows on screen, columns
/// aligned by display width.
func drawList(_ s: State, _ screen: inout Screen, _ layout: Layout) {
  let all = s.columns(s.view)
  let rows = s.listRows(s.view)
  let width = layout.listWidth
  guard layout.listHeight > 0, width > 0 else { return }
  let height = layout.listHeight - 1
  let top = scrollOffset(cursor: s.cursor, height: max(1, height))
  let shown = rows.isEmpty || height <= 0 ? [] : Array(rows[top..<min(rows.count, top + height)])
  // Narrow: short columns go, the least needed first, while the long one
  // would have fewer than 12 columns (six Chinese characters).
  var kept = Array(all.indices)
  if let kind = State.tableKind(s.view) {
    for k in State.droppable(kind) {
      let fixed = kept.compactMap { all[$0].width }.reduce(0, +) + kept.count - 1
      guard width - fixed < 12 else { break }
      kept.removeAll { $0 == k }
    }
  }
  let columns = kept.map { all[$0] }
  let cells = shown.map { row in let c = row.cells; return kept.map { c.indices.contains($0) ? c[$0] : "" } }
  // A short column is as wide as what it shows (its heading, the rows on
  // screen), where the screen has room to spare for it; else its usual
  // width, and the long column takes the rest.
  let natural = columns.enumerated().map { k, c in
    c.width.map { w in max(w, ([c.title] + cells.map { $0.indices.contains(k) ? $0[k] : "" }).map(DisplayWidth.of).max() ?? w) }
  }
  var fixedWidths = columns.map(\.width)
  let roomy = natural.compactMap { $0 }.reduce(0, +) + columns.count - 1
  if width - roomy >= 24 { fixedWidths = natural }
  let fixed = fixedWidths.compactMap { $0 }.reduce(0, +) + columns.count - 1
  let flex = max(4, width - fixed)
  let widths = fixedWidths.map { $0 ?? flex }
  func line(_ cells: [String]) -> String {
    zip(cells, zip(widths, columns)).map { cell, wc in DisplayColumns.fit(cell, wc.0, align: wc.1.align) }
      .joined(separator: " ")
  }
  screen.put(line(columns.map(\.title)), row: layout.listTop, col: 0, style: Style(bold: true, underline: true), limit: width)
  guard height > 0 else { return }
  if rows.isEmpty {
    let text = s.rowsPending(s.view) ? s.words.arranging : s.words.emptyList
    screen.put(text, row: layout.listTop + 1, col: 1, style: .dim, limit: width - 1)
    return
  }
  for (k, row) in shown.enumerated() {
    var style = row.style
    style.reverse = top + k == s.cursor
    screen.clear(row: layout.listTop + 1 + k, col: 0, count: width, style: style)
    screen.put(line(cells[k]), row: layout.listTop + 1 + k, col: 0, style: style, limit: width)
  }
}
