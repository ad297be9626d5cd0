import Domain
import Presentation
import TextScreen

/// Lines of text cut to fit `width` columns, by display width: Chinese
/// anywhere, a word of Latin letters at a space where the line has one.
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
      if ch.isASCII && !ch.isWhitespace, let space = line.lastIndex(of: " "), line[line.index(after: space)...].allSatisfy(\.isASCII) {
        // The word goes to the next line whole.
        let word = String(line[line.index(after: space)...])
        lines.append(String(line[..<space]))
        line = word
        used = DisplayWidth.of(word)
      } else {
        lines.append(line)
        line = ""
        used = 0
      }
    }
    line.append(ch)
    used += w
  }
  if !line.isEmpty || lines.isEmpty { lines.append(line) }
  return lines
}

/// The selected node beside the tree: what a supervisor needs at a site.
func drawDetail(_ s: State, _ i: Int, _ screen: inout Screen, row: Int, col: Int, width: Int, height: Int) {
  guard width > 2, height > 0 else { return }
  let inner = width - 1
  for (k, (text, style)) in nodeLines(s, i, width: inner, full: false).prefix(height).enumerated() {
    screen.put(text, row: row + k, col: col + 1, style: style, limit: inner)
  }
}

/// A node's facts as lines of `width` columns: the detail pane's (`full`
/// false: open problems, the last three changes) and the node card's
/// (every problem with its history, activities month by month over the
/// campaign's years, the node's whole log).
func nodeLines(_ s: State, _ i: Int, width inner: Int, full: Bool) -> [(String, Style)] {
  let c = s.campaign
  let node = c.nodes[i]
  let w = s.words
  let lang = s.config.lang
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
    let today = s.config.today
    // The card: every year of the campaign's period (to this one).
    // The pane: the year the plan's month grid shows (`gridYear`).
    let first = full ? min(c.start?.year ?? today.year, today.year) : c.gridYear(on: today)
    let last = full ? min(c.end?.year ?? today.year, today.year) : first
    for year in first...max(first, last) {
      let months = (1...12).map { m -> String in
        (year, m) > (today.year, today.month) ? "·" : String(q.count(year: year, month: m))
      }.joined(separator: " ")
      add("", w.months(year) + " " + months)
    }
  }
  if let ind = node.indicator {
    add(w.indicator, "\(ind.baseline) → \(ind.current ?? "—") → \(ind.target) \(ind.unit)（\(ind.attribute.label(lang))）")
  }
  if let f = node.standard { add(w.standardLabel, NodeFacts.standard(f, lang: lang)) }
  if let site = node.site, !site.isEmpty {
    add(w.site, [site.level, site.category, site.address, site.contact].compactMap { $0 }.joined(separator: " · "))
  }
  if !node.note.isEmpty { add(w.note, node.note) }
  let log = s.history(of: node.id, limit: full ? Int.max : 3)
  var said = false
  for (k, p) in node.problems.enumerated() where full || p.state != .closed {
    defer { said = true }
    var text = (full ? "\(k + 1). " : "") + "\(p.text)［\(p.state.label(lang))］"
    if let unit = p.unit { text += " \(c.unitName(unit))" }
    if let due = p.due { text += " \(due)" }
    if full, let found = p.found { text += lang.pick("，\(found) 发现", ", found \(found)") }
    let late = Rollup.isOverdue(p, today: s.config.today)
    add(said ? "" : w.problems, text, late ? Style(color: .red) : p.state == .open ? Style(color: .magenta) : .plain)
    guard full else { continue }
    // Its own history: who moved it on, when.
    for e in log.reversed() {
      guard case .setProblem(_, p.id, let state) = e.op else { continue }
      add("", "  " + when(e.at) + " \(e.user) → " + state.label(lang), .dim)
    }
  }
  // Evidence: how many beside the tree, each with its caption on the card.
  let evidence = c.evidence(of: node.id)
  if !evidence.isEmpty {
    add(w.evidence, lang.pick("\(evidence.count) 份", "\(evidence.count) files"))
    if full {
      for e in evidence {
        add("", "\(e.added) \(e.name)" + (e.caption.isEmpty ? "" : " · " + e.caption))
      }
    }
  }
  for (k, e) in log.enumerated() {
    add(k == 0 ? w.history : "", "\(full ? when(e.at) : String(e.at.prefix(10))) \(e.user) \(e.device) \(e.op.summary(in: c, lang: lang))", .dim)
  }
  return lines
}

/// A journal's time, to the minute ("2022-06-01 02:30", UTC as written).
private func when(_ at: String) -> String {
  at.count >= 16 ? String(at.prefix(10)) + " " + String(at.dropFirst(11).prefix(5)) : at
}
