import Domain
import Presentation
import TextScreen

/// Lines of text cut to fit `width` columns, by display width.
func wrap(_ text: String, width: Int) -> [String] {
  guard width > 0 else { return [] }
  var lines: [String] = []
  var line = ""
  var used = 0
  for ch in text {
    if ch == "\n" {
      lines.append(line)
      line = ""
      used = 0
      continue
    }
    let w = DisplayWidth.of(ch)
    if used + w > width {
      lines.append(line)
      line = ""
      used = 0
    }
    line.append(ch)
    used += w
  }
  if !line.isEmpty || lines.isEmpty { lines.append(line) }
  return lines
}

/// The selected node in full: what a supervisor needs at a site.
func drawDetail(_ s: State, _ i: Int, _ screen: inout Screen, row: Int, col: Int, width: Int, height: Int) {
  guard width > 2, height > 0 else { return }
  let c = s.campaign
  let node = c.nodes[i]
  let w = s.words
  let lang = s.config.lang
  let inner = width - 1
  var lines: [(String, Style)] = []
  func add(_ label: String, _ value: String, _ style: Style = .plain) {
    let head = DisplayColumns.fit(label, lang == .zh ? 6 : 9) + " "
    let body = wrap(value, width: max(1, inner - DisplayWidth.of(head)))
    for (k, part) in body.enumerated() {
      lines.append(((k == 0 ? head : String(repeating: " ", count: DisplayWidth.of(head))) + part, style))
    }
  }
  for part in wrap(c.code(i) + " " + node.title, width: inner) { lines.append((part, .bold)) }
  var status = node.status.label(lang)
  if node.needsRectification { status += " · " + w.rectify }
  if node.awaitsRecheck { status += " · " + w.recheck }
  add(w.kind, node.kind.label(lang))
  add(w.status, status, node.needsRectification ? Style(color: .magenta) : .plain)
  if let lead = node.lead { add(w.lead, c.unitName(lead)) }
  if !node.support.isEmpty { add(w.support, node.support.map(c.unitName).joined(separator: "、")) }
  let facts = NodeFacts(c, i, rollup: s.rollup, today: s.config.today, lang: lang)
  if let due = node.due {
    let days = due.days(since: s.config.today)
    let when = facts.overdue ?? (node.status == .done ? node.status.label(lang) : w.daysLeft(max(0, days)))
    add(w.due, "\(due)（" + when + "）", facts.overdue != nil ? Style(color: .red) : .plain)
  }
  add(w.progress, facts.percent + " " + DisplayColumns.bar(s.rollup.fraction[i], width: 10))
  if let q = node.quota {
    var text = NodeFacts.quota(q)
    if let per = q.perMonth { text += lang.pick("（每月至少\(per)）", " (≥\(per) a month)") }
    add("", text)
    let year = s.config.today.year
    let months = (1...12).map { m -> String in
      m > s.config.today.month ? "·" : String(q.count(year: year, month: m))
    }.joined(separator: " ")
    add("", w.months(year) + " " + months)
  }
  if let ind = node.indicator {
    add(w.indicator, "\(ind.baseline) → \(ind.current ?? "—") → \(ind.target) \(ind.unit)（\(ind.attribute.label(lang))）")
  }
  if let site = node.site, !site.isEmpty {
    add(w.site, [site.level, site.category, site.address, site.contact].compactMap { $0 }.joined(separator: " · "))
  }
  if !node.note.isEmpty { add(w.note, node.note) }
  for p in node.problems where p.state != .closed {
    var text = "\(p.text)［\(p.state.label(lang))］"
    if let unit = p.unit { text += " \(c.unitName(unit))" }
    if let due = p.due { text += " \(due)" }
    add(w.problems, text, p.state == .open ? Style(color: .magenta) : .plain)
  }
  let events = s.history(of: node.id, limit: 3)
  for e in events {
    add(w.history, "\(e.at.prefix(10)) \(e.user) \(e.device) \(e.op.summary(in: c, lang: lang))", .dim)
  }
  for (k, (text, style)) in lines.prefix(height).enumerated() {
    screen.put(text, row: row + k, col: col + 1, style: style, limit: inner)
  }
}
