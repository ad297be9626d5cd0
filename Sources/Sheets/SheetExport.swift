import Domain
import Presentation

/// The columns of an export, in order: the task table's, then the facts
/// (`FactColumn`) this campaign has.
func exportColumns(_ c: Campaign) -> [SheetField] {
  [.number, .project, .content, .lead, .support, .deadline, .status, .progress, .note] + FactColumn.needed(c)
}

/// The campaign as a task breakdown table (任务分解表) that Excel and WPS
/// open as they are: UTF-8 with a byte-order mark, CRLF line ends. One row
/// a node, in outline order: 序号 the outline code, 测评项目 the titles
/// above joined by " / ", 测评内容 the title, units by name (supporting
/// ones joined by 、), the deadline as YYYY-MM-DD, status, progress, note.
///
/// `importSheet` reads it back to the same titles, tree, units, deadlines,
/// statuses and notes, and, in the columns a campaign needs
/// (`FactColumn`), kinds, quotas and activities, indicator values, site
/// facts and problems. It finds the tree from the 测评项目 paths. The code is written after a tab, which spreadsheets keep as
/// text (5.10 stays 5.10, not the number 5.1) and the import trims.
public func exportCSV(_ campaign: Campaign, lang: Lang) -> [UInt8] {
  let english = lang == .en
  var rows: [[String]] = [exportColumns(campaign).map { $0.exportHeader(english: english) }]
  for row in taskRows(campaign, lang: lang) {
    rows.append(row.cells.enumerated().map { k, cell in
      switch cell {
      case .text(let s): return s
      case .date(let day): return day.description
      case .percent(let f): return Table.percent(f)
      case .number(let n): return String(n)
      }
    })
  }
  return csvDocument(rows, asText: [0])
}

/// The task table's rows, typed, in outline order (`exportColumns`), and
/// whether each is a top-level group's.
func taskRows(_ campaign: Campaign, lang: Lang) -> [(cells: [OutCell], group: Bool)] {
  let rollup = Rollup(campaign, today: Day(year: 2000, month: 1, day: 1)!)
  var keys = Array(repeating: "", count: campaign.nodes.count)
  var rows: [(cells: [OutCell], group: Bool)] = []
  rows.reserveCapacity(campaign.nodes.count)
  let facts = FactColumn.needed(campaign)
  for i in campaign.preorder() {
    let node = campaign.nodes[i]
    let path: String
    if let p = campaign.parent(of: i) {
      path = keys[p]
      keys[i] = path + pathSeparator + node.title
    } else {
      path = ""
      keys[i] = node.title
    }
    var note = node.note
    var deadline = node.due.map { OutCell.date($0) } ?? .text("")
    // What the import could not read as a date went to the note as
    // "时限：…": it goes back to its column, so a round trip keeps it there.
    if node.due == nil, let (text, rest) = deadlineLine(in: note) {
      deadline = .text(text)
      note = rest
    }
    let cells: [OutCell] = [
      .text(campaign.code(i)), .text(path), .text(node.title),
      .text(node.lead.map(campaign.unitName) ?? ""),
      .text(node.support.map(campaign.unitName).joined(separator: "、")),
      deadline,
      .text(node.status.label(lang)),
      .percent(rollup.fraction[i]),
      .text(note),
    ] + facts.map { .text(FactColumn.text($0, node, campaign, lang: lang)) }
    rows.append((cells, node.kind == .group && campaign.parent(of: i) == nil))
  }
  return rows
}

/// Rows as a CSV file that Excel and WPS open as they are: UTF-8 with a
/// byte-order mark, CRLF line ends, every cell escaped (`csvField`); the
/// cells of the `asText` columns (below the header) kept as text
/// (`csvTextField`).
public func csvDocument(_ rows: [[String]], asText: Set<Int> = []) -> [UInt8] {
  var text = "\u{FEFF}"
  for (r, row) in rows.enumerated() {
    text += row.enumerated().map { k, cell in
      r > 0 && asText.contains(k) ? csvTextField(cell) : csvField(cell)
    }.joined(separator: ",")
    text += "\r\n"
  }
  return Array(text.utf8)
}

/// A cell that spreadsheets must keep as text ("5.10", not the number
/// 5.1): after a tab, quoted, which Excel, WPS and LibreOffice take as
/// text and `cellText` trims. Not for a cell a spreadsheet would run as a
/// formula: that one gets `csvField`'s apostrophe instead.
func csvTextField(_ value: String) -> String {
  guard let first = value.unicodeScalars.first, !formulaStarts.contains(first), first != "'" else {
    return csvField(value)
  }
  return "\"\t" + value.replacing("\"", with: "\"\"") + "\""
}

/// The last "时限：…" line of a note, and the note without it.
func deadlineLine(in note: String) -> (String, String)? {
  var lines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  guard let i = lines.lastIndex(where: { $0.hasPrefix("时限：") }) else { return nil }
  let text = String(lines.remove(at: i).dropFirst(3))
  return (text, lines.joined(separator: "\n"))
}

/// One cell, quoted when it holds a comma, a quote, a line break or blanks
/// at its ends. A cell that Excel or WPS would run as a formula (= + - @,
/// a tab or CR first) gets a leading apostrophe (CSV injection); so does
/// one that starts with an apostrophe, so that reading strips exactly one.
func csvField(_ value: String) -> String {
  var v = value
  if let first = v.unicodeScalars.first, formulaStarts.contains(first) || first == "'" {
    v = "'" + v
  }
  let needsQuotes = v.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
    || v.first?.isWhitespace == true || v.last?.isWhitespace == true
  guard needsQuotes else { return v }
  return "\"" + v.replacing("\"", with: "\"\"") + "\""
}
