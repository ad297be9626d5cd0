import Domain
import Presentation

/// Whole-campaign documents: a Markdown outline to paste into a report, and
/// a self-contained HTML report to print for a meeting (督查通报).
public enum Documents {
  /// The outline: each node's code, status and title; a parent's progress,
  /// a leaf's status, deadline trouble and quota.
  public static func markdown(_ c: Campaign, today: Day, lang: Lang) -> String {
    let r = Rollup(c, today: today)
    var out = "# " + Markdown.escape(c.title) + "\n\n"
    out += lang.pick("完成 \(Table.percent(r.overall))（截至 \(today)），逾期 \(c.roots.reduce(0) { $0 + r.overdue[$1] })，整改中 \(c.roots.reduce(0) { $0 + r.rectifying[$1] })",
                     "\(Table.percent(r.overall)) done (as of \(today)), \(c.roots.reduce(0) { $0 + r.overdue[$1] }) overdue, \(c.roots.reduce(0) { $0 + r.rectifying[$1] }) to rectify") + "\n\n"
    for i in c.preorder() {
      let n = c.nodes[i]
      let indent = String(repeating: "  ", count: c.depth(i))
      var line = "\(indent)- \(c.code(i)) \(n.status.mark) "
      let title = Markdown.escape(n.title)
      let facts = NodeFacts(c, i, rollup: r, today: today, lang: lang)
      // A parent's progress, or a leaf's status, then what needs saying.
      line += facts.isLeaf ? title : "**\(title)**"
      let said = [facts.isLeaf ? n.status.label(lang) : facts.percent] + facts.notes
      out += line + " — " + said.joined(separator: lang.pick("，", ", ")) + "\n"
    }
    return out
  }

  /// One HTML file, printable on A4, with nothing to fetch: overall
  /// progress, a bar chart per area (inline SVG), the tables by unit, of
  /// what is overdue or to rectify, of indicators and of station coverage.
  /// Every piece of text from the campaign is escaped.
  public static func html(_ c: Campaign, today: Day, lang: Lang) -> String {
    let r = Rollup(c, today: today)
    let e = HTML.escape
    var body = "<h1>\(e(c.title))</h1>\n"
    body += "<p class=\"lead\">" + e(lang.pick("截至 \(today)：完成 \(Table.percent(r.overall))", "As of \(today): \(Table.percent(r.overall)) done")) + "</p>\n"
    body += HTML.bar(r.overall, width: 600)
    body += "<h2>" + e(lang.pick("各领域进度", "Progress by area")) + "</h2>\n"
    body += HTML.chart(c.roots.map { (c.code($0) + " " + c.nodes[$0].title, r.fraction[$0]) })
    let sections: [(Table.Kind, String, String)] = [
      (.units, "按单位", "By unit"), (.overdue, "逾期与整改", "Overdue and to rectify"),
      (.indicators, "指标", "Indicators"), (.coverage, "文明实践站逐月活动", "Stations month by month"),
    ]
    for (kind, zh, en) in sections {
      let table = Table.make(kind, c, today: today, lang: lang)
      guard !table.rows.isEmpty else { continue }
      body += "<h2>\(e(lang.pick(zh, en)))</h2>\n" + HTML.table(table)
    }
    return HTML.page(title: c.title, lang: lang, body: body)
  }
}

enum HTML {
  /// A whole page: A4 margins, the office's fonts, tables whose headers
  /// repeat on every printed page and whose rows do not split, a section a
  /// page break may come before.
  static func page(title: String, lang: Lang, body: String) -> String {
    let e = escape
    return """
      <!DOCTYPE html>
      <html lang="\(lang == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <title>\(e(title))</title>
      <style>
      @page { size: A4; margin: 15mm; }
      body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #222; max-width: 180mm; margin: auto; }
      h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin-top: 1.4em; break-after: avoid; }
      table { border-collapse: collapse; width: 100%; font-size: 9pt; }
      th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; }
      td.r, th.r { text-align: right; }
      tr { break-inside: avoid; }
      tr.late td { color: #b00020; } tr.rectify td { color: #8e24aa; } tr.binding td { font-weight: bold; }
      thead { display: table-header-group; }
      .masthead { text-align: center; color: #c00000; border-bottom: 2px solid #c00000; padding-bottom: 0.4em; }
      .masthead p { margin: 0.2em 0; }
      section { break-before: auto; } h2 { break-after: avoid; }
      svg { display: block; margin: 0.4em 0; }
      </style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  /// Text safe in HTML content and attribute values.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  static func table(_ t: Table) -> String {
    var out = "<table>\n<thead><tr>"
    for c in t.columns { out += c.align == .right ? "<th class=\"r\">" : "<th>"; out += escape(c.title) + "</th>" }
    out += "</tr></thead>\n<tbody>\n"
    for row in t.rows {
      switch row.emphasis {
      case .none: out += "<tr>"
      case .late: out += "<tr class=\"late\">"
      case .rectify: out += "<tr class=\"rectify\">"
      case .binding: out += "<tr class=\"binding\">"
      }
      for (k, cell) in row.cells.enumerated() {
        let right = k < t.columns.count && t.columns[k].align == .right
        out += (right ? "<td class=\"r\">" : "<td>") + escape(cell.trimmingBlanks) + "</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  /// A single progress bar.
  static func bar(_ fraction: Double, width: Int) -> String {
    let f = max(0, min(1, fraction))
    return "<svg width=\"\(width)\" height=\"14\" role=\"img\" aria-label=\"\(Table.percent(f))\"><rect width=\"\(width)\" height=\"14\" fill=\"#eee\"/><rect width=\"\(Int(Double(width) * f))\" height=\"14\" fill=\"#c62828\"/></svg>\n"
  }

  /// A horizontal bar chart: one labelled bar per area, with its percent.
  static func chart(_ bars: [(String, Double)]) -> String {
    let rowHeight = 20
    let labelWidth = 300
    let barWidth = 300
    let height = max(1, bars.count) * rowHeight
    var out = "<svg width=\"\(labelWidth + barWidth + 50)\" height=\"\(height)\" role=\"img\" font-size=\"11\">\n"
    for (k, (label, f)) in bars.enumerated() {
      let y = k * rowHeight
      let v = max(0, min(1, f))
      let shown = label.count > 24 ? String(label.prefix(23)) + "…" : label
      out += "<text x=\"0\" y=\"\(y + 14)\">\(escape(shown))</text>"
      out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(barWidth)\" height=\"14\" fill=\"#eee\"/>"
      out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(Int(Double(barWidth) * v))\" height=\"14\" fill=\"#c62828\"/>"
      out += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 14)\">\(Table.percent(v))</text>\n"
    }
    return out + "</svg>\n"
  }
}
