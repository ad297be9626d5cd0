import Domain
import Reports
import TextScreen

/// The outline `tree` prints: code, status mark, indented title, progress,
/// and what needs attention, in columns aligned by display width.
enum Outline {
  static let maxTitleWidth = 56

  static func render(_ c: Campaign, today: Day, depth: Int?, lang: Lang) -> String {
    let rollup = Rollup(c, today: today)
    let rows = c.preorder().filter { depth == nil || c.depth($0) < depth! }
    let codes = rows.map { c.code($0) }
    let codeWidth = codes.map(DisplayWidth.of).max() ?? 1
    let titles = rows.map { i in
      String(repeating: "  ", count: c.depth(i)) + String(c.nodes[i].status.mark) + " " + c.nodes[i].title
    }
    let titleWidth = min(maxTitleWidth, titles.map(DisplayWidth.of).max() ?? 0)
    var out = c.title + "  " + Table.percent(rollup.overall) + "\n"
    for (k, i) in rows.enumerated() {
      let node = c.nodes[i]
      var line = Columns.fit(codes[k], codeWidth) + "  " + Columns.fit(titles[k], titleWidth)
      line += " " + Columns.fit(Table.percent(rollup.fraction[i]), 4, align: .right)
      var notes: [String] = []
      if !c.childrenOf[i].isEmpty {
        line += " " + Columns.bar(rollup.fraction[i], width: 10)
      } else if let q = node.quota {
        notes.append("\(q.count)/\(q.target) \(q.unit)")
      }
      if Rollup.isOverdue(node, today: today), let due = node.due {
        notes.append(lang.daysOverdue(today.days(since: due)))
      }
      if node.needsRectification { notes.append(Problem.State.open.label(lang)) }
      if !notes.isEmpty { line += "  " + notes.joined(separator: "  ") }
      while line.last == " " { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}
