import Domain
import TextScreen

/// Columns left of the bars, for the scale.
let paceGutter = 5

extension State {
  /// The weeks the progress chart shows at this width.
  var paceWeeks: Int { max(1, (layout.listWidth - paceGutter) / 3) }
}

/// The progress view: items done week by week from the journals, as bars,
/// with the deadline's week marked, and what the recent pace means for it.
func drawPace(_ s: State, _ screen: inout Screen, _ layout: Layout) {
  let w = s.words
  let top = layout.listTop
  let height = layout.listHeight
  let width = layout.listWidth
  guard height > 0, width > 0 else { return }
  screen.put(w.paceTitle, row: top, col: 0, style: .bold, limit: width)
  let gutter = paceGutter
  let chartRows = height - 4
  // Counted from every event, between keys on a large plan (`prepareView`):
  // until it is done, the chart says so.
  guard let pace = s.paceCache, pace.weeks.count == s.paceWeeks else {
    screen.put(w.arranging, row: top + 1, col: 1, style: .dim, limit: width - 1)
    return
  }
  if chartRows >= 1 {
    let peak = max(1, pace.done.max() ?? 0)
    screen.put(DisplayColumns.fit("\(peak)", gutter - 1, align: .right), row: top + 1, col: 0, style: .dim)
    screen.put(DisplayColumns.fit("0", gutter - 1, align: .right), row: top + chartRows, col: 0, style: .dim)
    let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let deadlineWeek = pace.deadline.map(Pace.monday)
    for (k, count) in pace.done.enumerated() {
      let col = gutter + k * 3
      let eighths = count * chartRows * 8 / peak
      for r in 0..<chartRows {
        let row = top + chartRows - r
        let filled = min(8, max(0, eighths - r * 8))
        if filled > 0 {
          screen.put(String(repeating: blocks[filled], count: 2), row: row, col: col, style: Style(color: .green))
        }
        if pace.weeks[k] == deadlineWeek {
          screen.put("┆", row: row, col: col + 2, style: Style(color: .red, bold: true))
        }
      }
    }
    // Dates under every fourth week, counted back from this one.
    for k in stride(from: pace.weeks.count - 1, through: 0, by: -4) {
      let d = pace.weeks[k]
      let label = String(d.description.dropFirst(5))
      // The newest label ends under its bar when it would run off the edge.
      let col = min(gutter + k * 3, width - DisplayWidth.of(label))
      if col >= gutter { screen.put(label, row: top + chartRows + 1, col: col, style: .dim) }
    }
  }
  let empty = pace.done.allSatisfy { $0 == 0 }
  var summary = empty ? w.paceNothingYet : w.paceRate(pace.recentRate)
  summary += " · " + w.paceRemaining(pace.remaining)
  var late = false
  if let needed = pace.weeksNeeded, !empty { summary += " · " + w.paceNeeded(needed) }
  if let left = pace.weeksLeft, let deadline = pace.deadline {
    summary += " · " + w.paceDeadline(deadline, left)
    late = (pace.weeksNeeded ?? Int.max) > left && pace.remaining > 0
  }
  screen.put(summary, row: top + height - 1, col: 0, style: late ? Style(color: .red) : .plain, limit: width)
}
