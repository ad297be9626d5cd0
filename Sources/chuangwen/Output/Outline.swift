import Domain
import Presentation
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
      let facts = NodeFacts(c, i, rollup: rollup, today: today, lang: lang)
      var line = DisplayColumns.fit(codes[k], codeWidth) + "  " + DisplayColumns.fit(titles[k], titleWidth)
      line += " " + DisplayColumns.fit(facts.percent, 4, align: .right)
      if !facts.isLeaf { line += " " + DisplayColumns.bar(rollup.fraction[i], width: 10) }
      let notes = facts.notes
      if !notes.isEmpty { line += "  " + notes.joined(separator: "  ") }
      while line.last == " " { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}
