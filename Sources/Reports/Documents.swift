import Domain
import Presentation

/// Whole-campaign documents: the progress report an office hands to its
/// leaders, as Markdown (the outline, to paste) and as one self-contained
/// HTML file to print on A4. Both hold the same parts (`parts`).
public enum Documents {
  /// The report in Markdown: the headline and pace, the outline (each
  /// node's code, status and title; a parent's progress, a leaf's status,
  /// deadline trouble and quota), then the report's tables.
  public static func markdown(_ c: Campaign, today: Day, lang: Lang) -> String {
    let r = Rollup(c, today: today)
    var out = "# " + Markdown.escape(c.title) + "\n\n"
    for line in headline(c, r, today: today, lang: lang) { out += Markdown.escape(line) + "\n\n" }
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
    // The outline is the task list here.
    for part in parts(c, r, today: today, lang: lang) where part.kind != .tasks {
      out += "\n## " + Markdown.escape(part.title) + "\n\n" + part.table.markdown()
    }
    return out
  }

  /// The report as one HTML file, printable on A4, with nothing to fetch:
  /// the headline, pace against the plan's period (序时进度), a bar per
  /// area (inline SVG), then every table. Every text from the plan is
  /// escaped.
  public static func html(_ c: Campaign, today: Day, lang: Lang) -> String {
    let r = Rollup(c, today: today)
    let e = HTML.escape
    var body = "<header class=\"masthead\">\n<h1>\(e(c.title))</h1>\n"
    body += "<p>" + e(lang.pick("工作进展情况报告 · 截至 \(today)", "Progress report · as of \(today)")) + "</p>\n</header>\n"
    for line in headline(c, r, today: today, lang: lang) { body += "<p class=\"lead\">\(e(line))</p>\n" }
    body += HTML.bar(r.overall, width: 600)
    body += "<section>\n<h2>" + e(lang.pick("各领域进度", "Progress by area")) + "</h2>\n"
    body += HTML.chart(c.roots.map { (c.code($0) + " " + c.nodes[$0].title, r.fraction[$0]) }) + "</section>\n"
    for part in parts(c, r, today: today, lang: lang) {
      // The long task table starts a page of its own.
      body += part.kind == .tasks ? "<section class=\"page\">\n" : "<section>\n"
      body += "<h2>\(e(part.title))</h2>\n" + HTML.table(part.table) + "</section>\n"
    }
    // The photos among the evidence, small, each linked to its file: they
    // show when the report is kept in the workspace's folder (the files
    // are `evidence/<hash>`), and are only named otherwise.
    let photos = c.evidence.filter(\.isImage)
    if !photos.isEmpty {
      body += "<section>\n<h2>" + e(lang.pick("现场照片", "Photos")) + "</h2>\n<div class=\"photos\">\n"
      for p in photos {
        let file = "evidence/" + p.hash
        let node = c.index[p.node].map { c.code($0) + " " + c.nodes[$0].title } ?? p.node
        body += "<figure><a href=\"\(file)\"><img src=\"\(file)\" alt=\"\(e(p.name))\" width=\"160\"></a>"
          + "<figcaption>\(e(node))<br>\(e(p.caption.isEmpty ? p.name : p.caption))</figcaption></figure>\n"
      }
      body += "</div>\n</section>\n"
    }
    return HTML.page(title: c.title, lang: lang, body: body)
  }

  /// Progress, pace against the plan's period, what is overdue and open.
  static func headline(_ c: Campaign, _ r: Rollup, today: Day, lang: Lang) -> [String] {
    let overdue = c.roots.reduce(0) { $0 + r.overdue[$1] }, rectifying = c.roots.reduce(0) { $0 + r.rectifying[$1] }
    var lines = [lang.pick("完成 \(Table.percent(r.overall))（截至 \(today)），逾期 \(overdue)，整改中 \(rectifying)",
                           "\(Table.percent(r.overall)) done (as of \(today)), \(overdue) overdue, \(rectifying) to rectify")]
    if let pace = Schedule(c, today: today) {
      let gap = Int((r.overall * 100).rounded(.down)) - Int((pace.planned * 100).rounded(.down))
      let said = gap >= 0 ? lang.pick("超前 \(gap) 个百分点", "\(gap) points ahead") : lang.pick("落后 \(-gap) 个百分点", "\(-gap) points behind")
      lines.append(lang.pick("序时进度：创建周期 \(pace.period.typed) 已过 \(Table.percent(pace.planned))，实际完成 \(Table.percent(r.overall))，\(said)。",
                             "Pace: \(Table.percent(pace.planned)) of the period \(pace.period.typed) has passed, \(Table.percent(r.overall)) is done: \(said)."))
    }
    return lines
  }

  /// A part of the report: its heading and its table.
  struct Part {
    enum Kind { case tasks, other }
    var kind: Kind = .other
    var title: String
    var table: Table
  }

  /// The report's tables, those with rows: the tasks, what is overdue and
  /// to rectify, every problem, by unit, the red bases, the stations month
  /// by month for each year of the plan so far, the indicators.
  static func parts(_ c: Campaign, _ r: Rollup, today: Day, lang: Lang) -> [Part] {
    func p(_ zh: String, _ en: String) -> String { lang.pick(zh, en) }
    var parts = [
      Part(kind: .tasks, title: p("任务清单", "Tasks"), table: tasks(c, r, today: today, lang: lang)),
      Part(title: p("逾期与整改", "Overdue and to rectify"), table: Table.make(.overdue, c, today: today, lang: lang)),
      Part(title: p("问题整改情况", "Problems and their rectification"), table: problems(c, today: today, lang: lang)),
      Part(title: p("按单位（牵头、配合）", "By unit (lead, supporting)"), table: Table.make(.units, c, today: today, lang: lang)),
      Part(title: p("红色教育基地", "Red-education bases"), table: bases(c, lang: lang)),
    ]
    // Each year of the plan's period up to this one (the calendar year
    // without a period).
    let years = c.period.map { $0.start.year...min($0.end.year, max($0.start.year, today.year)) } ?? today.year...today.year
    for year in years {
      let day = min(today, Day(year: year, month: 12, day: 31)!)
      parts.append(Part(title: p("文明实践站逐月活动（\(year)年）", "Stations month by month (\(year))"),
                        table: Table.make(.coverage, c, today: day, lang: lang)))
    }
    parts.append(Part(title: p("指标", "Indicators"), table: Table.make(.indicators, c, today: today, lang: lang)))
    // The service orders: by station month by month, by team.
    for year in years {
      parts.append(Part(title: p("服务订单逐月（\(year)年）", "Service orders by month (\(year))"), table: Table.ordersByMonth(c, year: year, lang: lang)))
    }
    parts.append(Part(title: p("志愿服务队接单情况", "Volunteer teams' orders"), table: Table.teams(c, today: today, lang: lang)))
    parts.append(Part(title: p("佐证材料", "Evidence"), table: evidence(c, lang: lang)))
    return parts.filter { !$0.table.rows.isEmpty }
  }

  /// Every node: code and title, lead and supporting units, deadline,
  /// status, progress (a quota's count beside it).
  static func tasks(_ c: Campaign, _ r: Rollup, today: Day, lang: Lang) -> Table {
    let columns = [Table.Column(lang.pick("编码", "Code")), Table.Column(lang.pick("事项", "Item"), long: true),
                   Table.Column(lang.pick("牵头", "Lead")), Table.Column(lang.pick("配合", "Supporting")),
                   Table.Column(lang.pick("时限", "Due")), Table.Column(lang.pick("状态", "Status")),
                   Table.Column(lang.pick("进度", "Progress"), align: .right)]
    let rows = c.preorder().map { i -> (cells: [String], emphasis: Table.Emphasis) in
      let n = c.nodes[i]
      let facts = NodeFacts(c, i, rollup: r, today: today, lang: lang)
      let progress = [facts.percent, facts.quota].compactMap { $0 }.joined(separator: " ")
      return ([c.code(i), String(repeating: "　", count: c.depth(i)) + n.title, n.lead.map(c.unitName) ?? "",
               n.support.map(c.unitName).joined(separator: "、"), n.due?.description ?? "", n.status.label(lang), progress],
              facts.overdue != nil ? .late : .none)
    }
    return Table(columns: columns, cells: rows)
  }

  /// Every problem, closed ones too: where, what, who fixes it by when,
  /// and its state (red past its fix-by date).
  static func problems(_ c: Campaign, today: Day, lang: Lang) -> Table {
    let columns = [Table.Column(lang.pick("事项", "Item"), long: true), Table.Column(lang.pick("问题", "Problem")),
                   Table.Column(lang.pick("责任单位", "Unit")), Table.Column(lang.pick("发现", "Found")),
                   Table.Column(lang.pick("整改时限", "Fix by")), Table.Column(lang.pick("状态", "State"))]
    var rows: [(cells: [String], emphasis: Table.Emphasis)] = []
    for i in c.preorder() {
      let n = c.nodes[i]
      for p in n.problems {
        let late = Rollup.isOverdue(p, today: today)
        rows.append(([c.code(i) + " " + n.title, p.text, (p.unit ?? n.lead).map(c.unitName) ?? "", p.found?.description ?? "",
                      p.due?.description ?? "", p.state.label(lang)], late ? .late : p.state == .closed ? .none : .rectify))
      }
    }
    return Table(columns: columns, cells: rows)
  }

  /// Every piece of evidence by item: the file (kept in the workspace's
  /// evidence/ folder by its hash), its caption, when, how large.
  static func evidence(_ c: Campaign, lang: Lang) -> Table {
    let columns = [Table.Column(lang.pick("事项", "Item"), long: true), Table.Column(lang.pick("文件", "File")),
                   Table.Column(lang.pick("说明", "Caption")), Table.Column(lang.pick("日期", "Added")),
                   Table.Column(lang.pick("存放", "Kept as"))]
    var byNode: [String: [Evidence]] = [:]
    for e in c.evidence { byNode[e.node, default: []].append(e) }
    var rows: [(cells: [String], emphasis: Table.Emphasis)] = []
    for i in c.preorder() {
      for e in byNode[c.nodes[i].id] ?? [] {
        rows.append(([c.code(i) + " " + c.nodes[i].title, e.name, e.caption, e.added.description, "evidence/" + e.hash.prefix(12) + "…"], .none))
      }
    }
    return Table(columns: columns, cells: rows)
  }

  /// The red bases with their facts and activity.
  static func bases(_ c: Campaign, lang: Lang) -> Table {
    let columns = [Table.Column(""), Table.Column(lang.pick("基地", "Base"), long: true), Table.Column(lang.pick("级别", "Level")),
                   Table.Column(lang.pick("类别", "Category")), Table.Column(lang.pick("地址", "Address")),
                   Table.Column(lang.pick("联系", "Contact")), Table.Column(lang.pick("活动", "Activities"), align: .right),
                   Table.Column(lang.pick("状态", "Status"))]
    let rows = c.preorder().filter { c.nodes[$0].kind == .base }.map { i -> (cells: [String], emphasis: Table.Emphasis) in
      let n = c.nodes[i]
      return ([c.code(i), n.title, n.site?.level ?? "", n.site?.category ?? "", n.site?.address ?? "", n.site?.contact ?? "",
               n.quota.map(NodeFacts.quota) ?? "", n.status.label(lang)], .none)
    }
    return Table(columns: columns, cells: rows)
  }
}

/// 序时进度: how much of the plan's period has passed on a day.
struct Schedule {
  let period: Period
  let planned: Double
  init?(_ c: Campaign, today: Day) {
    guard let period = c.period else { return nil }
    self.period = period
    let length = Double(period.end.days(since: period.start) + 1)
    planned = max(0, min(1, Double(today.days(since: period.start) + 1) / length))
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
      body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #222; max-width: 178mm; margin: auto; }
      h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin-top: 1.4em; break-after: avoid; }
      table { border-collapse: collapse; width: 100%; font-size: 9pt; }
      th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; }
      td.r, th.r { text-align: right; } td.n, th.n { white-space: nowrap; }
      tr { break-inside: avoid; }
      tr.late td { color: #b00020; } tr.rectify td { color: #8e24aa; } tr.binding td { font-weight: bold; }
      thead { display: table-header-group; }
      .masthead { text-align: center; color: #c00000; border-bottom: 2px solid #c00000; padding-bottom: 0.4em; }
      .masthead p { margin: 0.2em 0; }
      .photos figure { display: inline-block; width: 170px; margin: 4px; vertical-align: top; font-size: 8pt; break-inside: avoid; }
      section.page { break-before: page; } h2 { break-after: avoid; }
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
    let rows = t.rows.map(\.cells)
    // A column of short values (a date, a status, 9/63 所) is never
    // wrapped: broken over three lines on A4 it cannot be read.
    let short = t.columns.indices.map { k in
      !t.columns[k].long && rows.allSatisfy { k >= $0.count || $0[k].count <= 12 }
    }
    func cls(_ k: Int) -> String {
      let names = [k < t.columns.count && t.columns[k].align == .right ? "r" : nil, k < short.count && short[k] ? "n" : nil]
        .compactMap { $0 }
      return names.isEmpty ? "" : " class=\"\(names.joined(separator: " "))\""
    }
    var out = "<table>\n<thead><tr>"
    for (k, c) in t.columns.enumerated() { out += "<th\(cls(k))>" + escape(c.title) + "</th>" }
    out += "</tr></thead>\n<tbody>\n"
    for (row, cells) in zip(t.rows, rows) {
      switch row.emphasis {
      case .none: out += "<tr>"
      case .late: out += "<tr class=\"late\">"
      case .rectify: out += "<tr class=\"rectify\">"
      case .binding: out += "<tr class=\"binding\">"
      }
      for (k, cell) in cells.enumerated() {
        out += "<td\(cls(k))>" + escape(cell.trimmingBlanks) + "</td>"
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
