import Domain
import Presentation

/// The columns of an export, in order.
let exportColumns: [SheetField] = [.number, .project, .content, .lead, .support, .deadline, .status, .progress, .note]

/// The campaign as a task breakdown table (任务分解表) that Excel and WPS
/// open as they are: UTF-8 with a byte-order mark, CRLF line ends. One row
/// a node, in outline order: 序号 the outline code, 测评项目 the titles
/// above joined by " / ", 测评内容 the title, units by name (supporting
/// ones joined by 、), the deadline as YYYY-MM-DD, status, progress, note.
///
/// `importSheet` reads it back to the same titles, tree, units, deadlines,
/// statuses and notes (not kinds beyond group/task/item, quotas,
/// indicators, sites or problems). It finds the tree from the 测评项目
/// paths, which survive Excel turning 序号 "1.10" into the number 1.1.
public func exportCSV(_ campaign: Campaign, lang: Lang) -> [UInt8] {
  let english = lang == .en
  var rows: [[String]] = [exportColumns.map { $0.exportHeader(english: english) }]
  let rollup = Rollup(campaign, today: Day(year: 2000, month: 1, day: 1)!)
  var keys = Array(repeating: "", count: campaign.nodes.count)
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
    var deadline = node.due?.description ?? ""
    // What the import could not read as a date went to the note as
    // "时限：…": it goes back to its column, so a round trip keeps it there.
    if node.due == nil, let (text, rest) = deadlineLine(in: note) {
      deadline = text
      note = rest
    }
    rows.append([
      campaign.code(i), path, node.title,
      node.lead.map(campaign.unitName) ?? "",
      node.support.map(campaign.unitName).joined(separator: "、"),
      deadline,
      node.status.label(lang),
      Table.percent(rollup.fraction[i]),
      note,
    ])
  }
  return csvDocument(rows)
}

/// Rows as a CSV file that Excel and WPS open as they are: UTF-8 with a
/// byte-order mark, CRLF line ends, every cell escaped (`csvField`).
public func csvDocument(_ rows: [[String]]) -> [UInt8] {
  var text = "\u{FEFF}"
  for row in rows {
    text += row.map(csvField).joined(separator: ",")
    text += "\r\n"
  }
  return Array(text.utf8)
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
