import Domain
import Foundation
import TextScreen
import ZIPFoundation

/// A cell of a sheet to write, typed as Excel should keep it.
enum OutCell: Equatable {
  /// Text, kept as text however it looks ("5.10" stays "5.10").
  case text(String)
  case date(Day)
  /// A share, shown as a percent (0.62 → 62%).
  case percent(Double)
  case number(Int)

  /// What the cell shows, for the column's width.
  var shown: String {
    switch self {
    case .text(let s): return s
    case .date: return "2023-06-30"
    case .percent: return "100%"
    case .number(let n): return String(n)
    }
  }
}

/// One sheet of a workbook to write: a frozen header row, then rows; a
/// bold row is a group's.
struct OutSheet {
  var name: String
  var header: [String]
  var rows: [[OutCell]] = []
  var bold: Set<Int> = []
}

/// Writes sheets as an .xlsx (Office Open XML) that Excel, WPS and
/// LibreOffice open as they are: strings in one shared table as Excel
/// writes them (a path repeated on every sibling's row is stored once, so
/// a sheet stays within what `Workbook` reads back), text cells in the
/// text format so that codes stay text,
/// dates as date serials in a date format, the header frozen and bold,
/// columns as wide as their widest cell (a Chinese character counts two).
/// The zip is made by ZIPFoundation; entries are dated 1980 so that the
/// same campaign gives the same bytes.
func writeWorkbook(_ sheets: [OutSheet]) -> [UInt8] {
  var strings = SharedStrings()
  let sheetParts = sheets.enumerated().map { k, sheet in
    ("xl/worksheets/sheet\(k + 1).xml", sheetXML(sheet, &strings))
  }
  var parts: [(String, String)] = [
    ("[Content_Types].xml", contentTypes(sheets.count)),
    ("_rels/.rels", """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
      </Relationships>
      """),
    ("xl/workbook.xml", workbookXML(sheets)),
    ("xl/_rels/workbook.xml.rels", workbookRels(sheets.count)),
    ("xl/styles.xml", stylesXML),
  ] + sheetParts
  parts.append(("xl/sharedStrings.xml", strings.xml))
  do {
    let archive = try Archive(accessMode: .create)
    let dated = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01
    for (path, text) in parts {
      let data = Data(text.utf8)
      try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: dated,
                           compressionMethod: .deflate) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return [UInt8](archive.data ?? Data())
  } catch {
    // An archive in memory fails only when memory does.
    preconditionFailure("writing an .xlsx in memory: \(error)")
  }
}

/// Cell styles, by their index in cellXfs.
private enum Style: Int {
  case plain, bold, date, boldDate, percent, boldPercent, text, boldText, header
}

private let stylesXML = """
  <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
  <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
  <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
  <fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>\
  <font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>\
  <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
  <fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
  <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
  <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
  <cellXfs count="9">\
  <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
  <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
  <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
  <xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
  <xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
  <xf numFmtId="9" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
  <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
  <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
  <xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>\
  </cellXfs>\
  <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
  </styleSheet>
  """

/// The shared strings table: each text once, by its place.
private struct SharedStrings {
  private var index: [String: Int] = [:]
  private var texts: [String] = []

  mutating func id(_ text: String) -> Int {
    if let k = index[text] { return k }
    index[text] = texts.count
    texts.append(text)
    return texts.count - 1
  }

  var xml: String {
    var xml = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="\(texts.count)">
      """
    for text in texts { xml += "<si><t xml:space=\"preserve\">\(escapeXML(text))</t></si>" }
    return xml + "</sst>"
  }
}

private func sheetXML(_ sheet: OutSheet, _ strings: inout SharedStrings) -> String {
  var widths = sheet.header.map { DisplayWidth.of($0) }
  for row in sheet.rows {
    for (k, cell) in row.enumerated() where k < widths.count {
      // The longest line of a cell: notes hold line breaks.
      let widest = cell.shown.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
      widths[k] = max(widths[k], widest)
    }
  }
  var xml = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <sheetViews><sheetView workbookViewId="0">\
    <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
    <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
    <sheetFormatPr defaultRowHeight="15"/><cols>
    """
  for (k, w) in widths.enumerated() {
    // Excel's width is in characters of the default font; a wide (CJK)
    // character is about two. Kept between 6 and 60, wrapping past that.
    xml += "<col min=\"\(k + 1)\" max=\"\(k + 1)\" width=\"\(min(60, max(6, w + 2)))\" customWidth=\"1\"/>"
  }
  xml += "</cols><sheetData>"
  xml += row(1, sheet.header.map { .text($0) }, header: true, bold: true, &strings)
  for (k, cells) in sheet.rows.enumerated() {
    xml += row(k + 2, cells, header: false, bold: sheet.bold.contains(k), &strings)
  }
  xml += "</sheetData>"
  if !sheet.rows.isEmpty {
    xml += "<autoFilter ref=\"A1:\(Workbook.name(row: sheet.rows.count + 1, column: max(0, sheet.header.count - 1)))\"/>"
  }
  xml += "</worksheet>"
  return xml
}

private func row(_ r: Int, _ cells: [OutCell], header: Bool, bold: Bool, _ strings: inout SharedStrings) -> String {
  var xml = "<row r=\"\(r)\">"
  for (k, cell) in cells.enumerated() {
    let ref = Workbook.name(row: r, column: k)
    switch cell {
    case .text(let s):
      let style: Style = header ? .header : bold ? .boldText : .text
      // An empty cell is left out: a sheet's XML is read whole, up to
      // `Workbook.maxPartBytes`, and most rows have empty columns.
      guard !s.isEmpty else { continue }
      xml += "<c r=\"\(ref)\" s=\"\(style.rawValue)\" t=\"s\"><v>\(strings.id(s))</v></c>"
    case .date(let day):
      let style: Style = bold ? .boldDate : .date
      xml += "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(day.ordinal + 25569)</v></c>"
    case .percent(let f):
      let style: Style = bold ? .boldPercent : .percent
      xml += "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(f)</v></c>"
    case .number(let n):
      xml += "<c r=\"\(ref)\" s=\"\((bold ? Style.bold : .plain).rawValue)\"><v>\(n)</v></c>"
    }
  }
  return xml + "</row>"
}

/// Text as XML character data: the five escapes, and no control
/// character XML 1.0 cannot hold (line breaks and tabs stay).
func escapeXML(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.utf8.count)
  for c in s.unicodeScalars {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "\n", "\t": out.unicodeScalars.append(c)
    case "\r": out += "&#13;"
    default:
      if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF { continue }
      out.unicodeScalars.append(c)
    }
  }
  return out
}

private func contentTypes(_ n: Int) -> String {
  var xml = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
    """
  for k in 1...max(1, n) {
    xml += "<Override PartName=\"/xl/worksheets/sheet\(k).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
  }
  return xml + "</Types>"
}

private func workbookXML(_ sheets: [OutSheet]) -> String {
  var xml = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
    """
  for (k, sheet) in sheets.enumerated() {
    xml += "<sheet name=\"\(escapeXML(sheetName(sheet.name)))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
  }
  return xml + "</sheets></workbook>"
}

/// A sheet's name as Excel allows it: at most 31 characters, none of : \ / ? * [ ].
func sheetName(_ name: String) -> String {
  String(name.filter { !":\\/?*[]".contains($0) }.prefix(31))
}

private func workbookRels(_ n: Int) -> String {
  var xml = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
    """
  for k in 1...max(1, n) {
    xml += "<Relationship Id=\"rId\(k)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(k).xml\"/>"
  }
  xml += "<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  xml += "<Relationship Id=\"rId\(n + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  return xml + "</Relationships>"
}
