import Domain

/// Why a file cannot be read at all. Problems with single rows are not
/// errors: they come back as `ImportResult.skipped` and `.warnings`.
public enum SheetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No bytes, or nothing but blanks.
  case empty
  /// A byte that is not valid in the encoding; `offset` counts from 0,
  /// `line` from 1.
  case invalidBytes(encoding: SheetEncoding, offset: Int, line: Int)
  /// UTF-16 text (Excel's "Unicode text"): save as CSV instead.
  case utf16
  /// The system's iconv cannot convert from this encoding.
  case encodingUnavailable(SheetEncoding)
  /// A quoted cell is never closed; where it opens (1-based).
  case unterminatedQuote(row: Int, column: Int, line: Int)
  /// No row names a title column; the headers looked for.
  case noHeader(lookedFor: [String])
  /// `ImportOptions.parent` names no node of the campaign.
  case unknownParent(String)
  /// An old binary Excel or WPS file (an OLE compound file: .xls, .et, or
  /// a password-protected .xlsx).
  case oldExcel
  /// An .xlsx that is not a zip, or lacks a part it needs.
  case badWorkbook(zh: String, en: String)
  /// A part of an .xlsx inflates past `limit` bytes (a zip bomb).
  case tooLarge(part: String, limit: Int)
  /// A sheet would make more than `limit` cells (merged ranges filled).
  case tooManyCells(sheet: String, limit: Int)
  /// A part of an .xlsx is not well-formed XML.
  case badXML(part: String, line: Int, column: Int)
  /// A part of an .xlsx declares a DOCTYPE (entities: a way for XML to
  /// grow by itself), which no spreadsheet writes.
  case doctype(part: String)
  /// A cell of an .xlsx that cannot be read: its sheet and reference.
  case badCell(sheet: String, cell: String, zh: String, en: String)
  /// `ImportOptions.sheet` names no sheet of the workbook.
  case noSheet(String, sheets: [String])
  /// A `--map` entry that is not COLUMN=ROLE, or names no known role.
  case badMap(String)

  public var description: String { message(.en) }

  public func message(_ lang: Lang) -> String {
    switch self {
    case .empty:
      return lang.pick("文件是空的", "the file is empty")
    case .invalidBytes(let encoding, let offset, let line):
      let name = encoding == .utf8 ? "UTF-8" : "GB18030"
      return lang.pick("第\(line)行（字节\(offset)）不是有效的\(name)编码",
                       "invalid \(name) at byte \(offset) (line \(line))")
    case .utf16:
      return lang.pick("不支持 UTF-16 文本：请另存为“CSV UTF-8”或“CSV”",
                       "UTF-16 text is not supported: save as \"CSV UTF-8\" or \"CSV\"")
    case .encodingUnavailable(let encoding):
      return lang.pick("系统无法转换 \(encoding.rawValue) 编码",
                       "this system cannot convert from \(encoding.rawValue)")
    case .unterminatedQuote(let row, let column, let line):
      return lang.pick("第\(row)行第\(column)列（文件第\(line)行）的引号没有闭合",
                       "row \(row), column \(column) (line \(line)): a quote is never closed")
    case .noHeader(let names):
      return lang.pick("找不到表头：没有一行含有 " + names.joined(separator: "、"),
                       "no header row: no row names any of " + names.joined(separator: ", "))
    case .unknownParent(let id):
      return lang.pick("没有节点 \(id)", "no node \(id)")
    case .oldExcel:
      // Password-protected workbooks are compound files too.
      return lang.pick("这是旧版 Excel/WPS 二进制文件（.xls/.et）或加密的工作簿，无法读取：请另存为 .xlsx 或 CSV（不加密）",
                       "an old binary Excel/WPS file (.xls/.et) or an encrypted workbook cannot be read: save as .xlsx or CSV (unencrypted)")
    case .badWorkbook(let zh, let en):
      return lang.pick("不是可读取的 .xlsx 文件：" + zh, "not a readable .xlsx file: " + en)
    case .tooLarge(let part, let limit):
      return lang.pick(".xlsx 中的 \(part) 解压后超过 \(limit / 1_000_000) MB（约 2.5 万行），拒绝读取：请拆分工作表或另存为 CSV",
                       "\(part) in the .xlsx inflates past \(limit / 1_000_000) MB (some 25,000 rows): refused; split the sheet or save as CSV")
    case .tooManyCells(let sheet, let limit):
      return lang.pick("工作表“\(sheet)”超过 \(limit) 个单元格（含合并单元格展开），拒绝读取",
                       "sheet “\(sheet)” makes more than \(limit) cells (merged ranges filled): refused")
    case .badXML(let part, let line, let column):
      return lang.pick(".xlsx 中的 \(part) 第\(line)行第\(column)列不是有效的 XML",
                       "\(part) in the .xlsx is not valid XML (line \(line), column \(column))")
    case .doctype(let part):
      return lang.pick(".xlsx 中的 \(part) 声明了 DOCTYPE（电子表格不会这样写），拒绝读取",
                       "\(part) in the .xlsx declares a DOCTYPE (no spreadsheet writes one): refused")
    case .badCell(let sheet, let cell, let zh, let en):
      return lang.pick("工作表“\(sheet)”单元格 \(cell)：" + zh, "sheet “\(sheet)”, cell \(cell): " + en)
    case .noSheet(let name, let sheets):
      return lang.pick("没有工作表“\(name)”：有 " + sheets.map { "“\($0)”" }.joined(separator: "、"),
                       "no sheet “\(name)”: the sheets are " + sheets.map { "“\($0)”" }.joined(separator: ", "))
    case .badMap(let entry):
      return lang.pick("--map 的“\(entry)”应为 列=角色（列：表头文字、列字母或列号；角色：见 docs/import.md）",
                       "--map entry “\(entry)” should be COLUMN=ROLE (a header, a column letter or number; roles in docs/import.md)")
    }
  }
}
