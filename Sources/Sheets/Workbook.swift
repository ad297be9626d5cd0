import Domain
import Foundation
import Platform
import SWXMLHash
import ZIPFoundation

/// An .xlsx file (Office Open XML): a zip of XML parts, read with
/// ZIPFoundation and SWXMLHash. What a table needs and no more: the sheets'
/// names, the shared strings, which cell styles are dates, and each
/// sheet's cells and merged ranges as rows.
///
/// The bytes may be hostile: every part is read with a cap on what it
/// inflates to (a zip bomb stops at the cap, whatever its header claims)
/// and a deadline, its checksum checked; a part that declares a DOCTYPE
/// (entities, the only way XML grows by itself) or is not UTF-8 is
/// refused before a parser sees it; a sheet makes a bounded number of
/// cells. What was found by mutating the fixtures is in docs/import.md.
struct Workbook {
  struct Sheet {
    var name: String
    /// Its part in the zip, "xl/worksheets/sheet1.xml".
    var part: String
  }

  /// What one part may inflate to: 10,000,000 bytes, the most the XML
  /// parser under SWXMLHash (Foundation's, on libxml2) takes in one piece;
  /// one byte more fails as "not XML". About 25,000 rows of a task table
  /// (20,000 read in about 2 s and 175 MB here, docs/import.md); a larger
  /// sheet is refused as too large, and goes in as CSV.
  static let maxPartBytes = 10_000_000
  /// Columns past this are not read: no task table is so wide, and a
  /// merged range or a stray cell at XFD must not make every row that long.
  static let maxColumns = 256
  /// Cells a sheet may make, merged ranges filled and rows padded to their
  /// last cell: ranges over a million rows must not multiply.
  static let maxCells = 4_000_000

  var sheets: [Sheet] = []
  private let archive: Archive
  /// The bytes the archive reads, as a file in memory (`MemoryFile` says
  /// why), kept while it reads.
  private let file: MemoryFile?
  private var shared: [String] = []
  /// The cell styles (indexes of cellXfs) whose number format is a date.
  private var dateStyles: Set<Int> = []
  /// Serials count from 1904-01-01 (old Mac Excel) rather than 1900.
  private var date1904 = false

  static func isXLSX(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

  init(_ bytes: [UInt8]) throws(SheetError) {
    do {
      file = MemoryFile(bytes)
      if let file {
        archive = try Archive(url: URL(fileURLWithPath: file.path), accessMode: .read)
      } else {
        archive = try Archive(data: Data(bytes), accessMode: .read)
      }
    } catch {
      throw .badWorkbook(zh: "不是有效的 zip 文件", en: "not a valid zip file")
    }
    guard let book = try xml("xl/workbook.xml") else {
      // A zip of something else: an .ods, a .docx, a folder zipped.
      throw .badWorkbook(zh: "没有 xl/workbook.xml，不是 Excel 工作簿（.ods 等请另存为 .xlsx 或 CSV）",
                         en: "no xl/workbook.xml, so not an Excel workbook (save an .ods or the like as .xlsx or CSV)")
    }
    let (targets, byType) = try relationships("xl/_rels/workbook.xml.rels")
    date1904 = Self.children(book, "workbookPr").first?.attribute(by: "date1904").map {
      $0.text == "1" || $0.text == "true"
    } ?? false
    for sheet in Self.children(book, "sheets").flatMap({ Self.children($0, "sheet") }) {
      let name = sheet.attribute(by: "name")?.text ?? ""
      let id = sheet.allAttributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value.text
      guard let id, let target = targets[id] else { continue }
      sheets.append(Sheet(name: name, part: Self.resolve(target)))
    }
    guard !sheets.isEmpty else { throw .badWorkbook(zh: "没有工作表", en: "no worksheets") }
    // Where the workbook's relationships put them; where Excel does else.
    if let sst = try xml(byType["sharedStrings"].map(Self.resolve) ?? "xl/sharedStrings.xml") {
      shared = Self.children(sst, "si").map(Self.runText)
    }
    if let styles = try xml(byType["styles"].map(Self.resolve) ?? "xl/styles.xml") {
      dateStyles = Self.dateStyles(styles)
    }
  }

  /// The rows of sheet `k` that hold a value, a merged range's value in
  /// each row of its first column.
  func rows(of k: Int) throws(SheetError) -> [SheetRow] {
    let sheet = sheets[k]
    guard let root = try xml(sheet.part) else {
      throw .badWorkbook(zh: "缺少工作表“\(sheet.name)”（\(sheet.part)）",
                         en: "sheet “\(sheet.name)” is missing (\(sheet.part))")
    }
    var cells: [Int: [Int: String]] = [:]
    var lastRow = 0
    for data in Self.children(root, "sheetData") {
      for row in Self.children(data, "row") {
        let r = row.attribute(by: "r").flatMap { Int($0.text) } ?? lastRow + 1
        guard r >= 1, r <= 1_048_576 else {
          throw .badCell(sheet: sheet.name, cell: "\(r)", zh: "行号超出 1–1048576", en: "row number out of 1–1048576")
        }
        lastRow = r
        var column = -1
        for c in Self.children(row, "c") {
          let ref = c.attribute(by: "r")?.text
          if let ref {
            guard let at = Self.cellReference(ref) else {
              throw .badCell(sheet: sheet.name, cell: ref, zh: "不是单元格地址", en: "not a cell reference")
            }
            column = at.column
          } else {
            column += 1
          }
          guard column < Self.maxColumns else { continue }
          let value = try self.value(c, sheet: sheet.name, ref: ref ?? Self.name(row: r, column: column))
          if !value.isEmpty { cells[r, default: [:]][column] = value }
        }
      }
    }
    var filled = cells.values.reduce(0) { $0 + ($1.keys.max() ?? 0) + 1 }
    guard filled <= Self.maxCells else { throw .tooManyCells(sheet: sheet.name, limit: Self.maxCells) }
    // Merged ranges: the value of the top-left cell, down the rows of the
    // range's first column. Across columns it stays in the first: a
    // heading merged over the whole table is not also a unit or a date.
    for merges in Self.children(root, "mergeCells") {
      for merge in Self.children(merges, "mergeCell") {
        guard let ref = merge.attribute(by: "ref")?.text else { continue }
        let ends = ref.split(separator: ":").map(String.init)
        guard ends.count == 2, let a = Self.cellReference(ends[0]), let b = Self.cellReference(ends[1]),
          a.row <= b.row, a.column < Self.maxColumns, let value = cells[a.row]?[a.column]
        else { continue }
        let end = min(b.row, lastRow)
        guard end > a.row else { continue }
        filled += end - a.row
        guard filled <= Self.maxCells else { throw .tooManyCells(sheet: sheet.name, limit: Self.maxCells) }
        for r in (a.row + 1)...end { cells[r, default: [:]][a.column] = value }
      }
    }
    let width = cells.values.reduce(0) { $0 + ($1.keys.max() ?? 0) + 1 }
    guard width <= Self.maxCells else { throw .tooManyCells(sheet: sheet.name, limit: Self.maxCells) }
    return cells.keys.sorted().map { r in
      let row = cells[r]!
      var values = Array(repeating: "", count: (row.keys.max() ?? -1) + 1)
      for (column, value) in row { values[column] = value }
      return SheetRow(row: r, line: r, cells: values)
    }
  }

  // MARK: Cells

  /// A cell's value as text: a date-styled number as YYYY-MM-DD, a shared
  /// or inline string as written, a number as Excel stores it.
  private func value(_ c: XMLHashXMLElement, sheet: String, ref: String) throws(SheetError) -> String {
    let type = c.attribute(by: "t")?.text ?? "n"
    let v = Self.children(c, "v").first?.text ?? ""
    switch type {
    case "s":
      guard let k = Int(v.trimmingBlanks), shared.indices.contains(k) else {
        throw .badCell(sheet: sheet, cell: ref, zh: "共享字符串“\(v)”不存在（共 \(shared.count) 个）",
                       en: "shared string “\(v)” does not exist (there are \(shared.count))")
      }
      return shared[k]
    case "inlineStr":
      return Self.children(c, "is").first.map(Self.runText) ?? ""
    case "b":
      return v == "1" ? "TRUE" : v == "0" ? "FALSE" : v
    case "d":
      return String(v.prefix(10))
    case "n":
      let style = c.attribute(by: "s").flatMap { Int($0.text) }
      if let style, dateStyles.contains(style), let serial = Double(v), serial >= 1, serial < 2_958_466 {
        // Day 25569 is 1970-01-01 (serials past 60 skip 1900-02-29, a
        // day Excel counts that never was); 1904 serials start 1462 later.
        let day = Int(serial.rounded(.down)) + (date1904 ? 1462 : 0)
        return Day(ordinal: day - 25569).description
      }
      return v
    default:  // str (a formula's text), e (#N/A…)
      return v
    }
  }

  /// The text of a string item (<si>, <is>): its <t>, or its runs' <t>s;
  /// phonetic guides (<rPh>) are not part of the text.
  static func runText(_ e: XMLHashXMLElement) -> String {
    var text = ""
    for child in e.children {
      guard let child = child as? XMLHashXMLElement else { continue }
      if child.name == "t" {
        text += child.text
      } else if child.name == "r" {
        text += children(child, "t").map(\.text).joined()
      }
    }
    return text
  }

  /// Column (from 0) and row (from 1) of "AB12".
  static func cellReference(_ ref: String) -> (column: Int, row: Int)? {
    var column = 0
    var letters = 0
    var row = 0
    var digits = 0
    for c in ref.unicodeScalars {
      if digits == 0, c.value >= 65, c.value <= 90, letters < 3 {
        column = column * 26 + Int(c.value - 64)
        letters += 1
      } else if letters > 0, c.value >= 48, c.value <= 57, digits < 7 {
        row = row * 10 + Int(c.value - 48)
        digits += 1
      } else {
        return nil
      }
    }
    guard letters > 0, digits > 0, row >= 1 else { return nil }
    return (column - 1, row)
  }

  /// "AB12" from column (from 0) and row.
  static func name(row: Int, column: Int) -> String {
    var letters = ""
    var n = column + 1
    while n > 0 {
      letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
      n = (n - 1) / 26
    }
    return letters + String(row)
  }

  /// The cell styles whose number format shows a date: the built-in date
  /// formats (14–22; 27–36 and 50–58 in Chinese Excel) and custom ones
  /// with a year or a day in their code.
  static func dateStyles(_ styles: XMLHashXMLElement) -> Set<Int> {
    var dateFormats = Set(Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
    for formats in children(styles, "numFmts") {
      for f in children(formats, "numFmt") {
        guard let id = f.attribute(by: "numFmtId").flatMap({ Int($0.text) }) else { continue }
        let code = f.attribute(by: "formatCode")?.text ?? ""
        if isDateFormat(code) { dateFormats.insert(id) } else { dateFormats.remove(id) }
      }
    }
    var dates: Set<Int> = []
    for xfs in children(styles, "cellXfs") {
      for (k, xf) in children(xfs, "xf").enumerated() {
        if let id = xf.attribute(by: "numFmtId").flatMap({ Int($0.text) }), dateFormats.contains(id) {
          dates.insert(k)
        }
      }
    }
    return dates
  }

  /// A format code with y or d outside its quoted text, [colours] and
  /// escaped characters: yyyy"年"m"月"d"日", yyyy-mm-dd.
  static func isDateFormat(_ code: String) -> Bool {
    var quoted = false
    var bracket = false
    var escaped = false
    for c in code.lowercased() {
      if escaped {
        escaped = false
      } else if c == "\"" {
        quoted.toggle()
      } else if quoted {
        continue
      } else if c == "[" {
        bracket = true
      } else if c == "]" {
        bracket = false
      } else if c == "\\" {
        escaped = true
      } else if !bracket, c == "y" || c == "d" || c == "年" || c == "日" {
        return true
      }
    }
    return false
  }

  // MARK: Parts

  /// A part's XML root, nil when the zip has no such part.
  private func xml(_ path: String) throws(SheetError) -> XMLHashXMLElement? {
    guard let data = try part(path) else { return nil }
    if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
      throw .doctype(part: path)
    }
    // Foundation's XML parser traps on a name that is not UTF-8, which a
    // part of an .xlsx always is.
    guard String(validating: data, as: UTF8.self) != nil else {
      throw .badWorkbook(zh: "\(path) 不是 UTF-8 文本", en: "\(path) is not UTF-8 text")
    }
    let parsed = XMLHash.config {
      $0.detectParsingErrors = true
      $0.shouldProcessNamespaces = true
    }.parse(data)
    switch parsed {
    case .parsingError(let e):
      throw .badXML(part: path, line: e.line, column: e.column)
    default:
      guard let root = parsed.children.first?.element else { throw .badXML(part: path, line: 1, column: 1) }
      return root
    }
  }

  /// A part's bytes, read up to `maxPartBytes` of what it inflates to.
  ///
  /// XXX ZIPFoundation 0.9.20 inflates until the deflate stream ends,
  /// reading on past the entry; when a damaged stream never ends, its loop
  /// (`Data.decode`) reads nothing at the end of the archive forever (seen
  /// with a few changed bytes). So the extraction runs on a thread of its
  /// own, and past a deadline far beyond any real part's the part is
  /// called damaged; that thread is left spinning until the process ends,
  /// which for the command is at once.
  private func part(_ path: String) throws(SheetError) -> Data? {
    guard let entry = archive[path] ?? archive.first(where: { $0.path.lowercased() == path.lowercased() }) else {
      return nil
    }
    let cap = Self.maxPartBytes
    if entry.uncompressedSize > UInt64(cap) { throw .tooLarge(part: path, limit: cap) }
    let job = Extraction(archive: archive, entry: entry, cap: cap)
    guard let worker = WorkerThread.start({ job.run() }) else {
      throw .badWorkbook(zh: "无法读取 \(path)（不能启动线程）", en: "\(path) cannot be read (no thread)")
    }
    worker.detach()
    // 10 MB inflates in well under a second.
    let seconds = 3 + Double(entry.compressedSize) / 1_000_000
    guard job.done.wait(timeout: .now() + seconds) == .success else {
      throw .badWorkbook(zh: "\(path) 已损坏（解压无法结束）", en: "\(path) is damaged (it never ends)")
    }
    switch job.outcome {
    case .read(let data): return data
    case .tooLarge: throw .tooLarge(part: path, limit: cap)
    case .damaged, nil: throw .badWorkbook(zh: "\(path) 已损坏", en: "\(path) is damaged")
    }
  }

  /// Relationship ids to their targets, and the targets by the last word
  /// of their type ("sharedStrings", "styles").
  private func relationships(_ path: String) throws(SheetError) -> ([String: String], [String: String]) {
    guard let rels = try xml(path) else { return ([:], [:]) }
    var targets: [String: String] = [:]
    var byType: [String: String] = [:]
    for r in Self.children(rels, "Relationship") {
      guard let target = r.attribute(by: "Target")?.text else { continue }
      if let id = r.attribute(by: "Id")?.text { targets[id] = target }
      if let type = r.attribute(by: "Type")?.text.split(separator: "/").last { byType[String(type)] = target }
    }
    return (targets, byType)
  }

  /// A workbook relationship's target as a path in the zip: relative to
  /// xl/, or absolute from the zip's root.
  static func resolve(_ target: String) -> String {
    if target.hasPrefix("/") { return String(target.dropFirst()) }
    var parts = ["xl"]
    for p in target.split(separator: "/") {
      if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(String(p)) }
    }
    return parts.joined(separator: "/")
  }

  static func children(_ e: XMLHashXMLElement, _ name: String) -> [XMLHashXMLElement] {
    e.children.compactMap { ($0 as? XMLHashXMLElement).flatMap { $0.name == name ? $0 : nil } }
  }
}

/// One part's extraction, run on a thread of its own (`Workbook.part`
/// says why); what it found, once `done` is signalled.
private final class Extraction: @unchecked Sendable {
  enum Outcome {
    case read(Data)
    case tooLarge
    case damaged
  }
  // Read by the waiting thread only after `done`, or never.
  private let archive: Archive
  private let entry: Entry
  private let cap: Int
  var outcome: Outcome?
  let done = DispatchSemaphore(value: 0)

  init(archive: Archive, entry: Entry, cap: Int) {
    self.archive = archive
    self.entry = entry
    self.cap = cap
  }

  func run() {
    var data = Data()
    var over = false
    do {
      let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
        // The header's size may lie: count what really comes out.
        guard data.count + chunk.count <= self.cap else {
          over = true
          throw CocoaError(.fileReadTooLarge)
        }
        data.append(chunk)
      }
      // This form of extract leaves the checksum to its caller.
      outcome = checksum == entry.checksum ? .read(data) : .damaged
    } catch {
      outcome = over ? .tooLarge : .damaged
    }
    done.signal()
  }
}
