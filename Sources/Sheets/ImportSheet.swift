import Domain

public struct ImportOptions: Equatable, Sendable {
  /// Read the bytes as this encoding instead of detecting it.
  public var encoding: SheetEncoding?
  /// The year of deadlines written without one (6月底, 上半年).
  public var year: Int?
  /// An existing node to add the table under; nil: at the top level.
  public var parent: String?
  /// New node ids are "<idPrefix>-1", "<idPrefix>-2"…, and new unit ids
  /// "u-<idPrefix>-1"…: give each import its own prefix.
  public var idPrefix: String
  /// The language of warnings and reasons.
  public var lang: Lang
  /// The sheet of an .xlsx to read, by name or 1-based number; nil: the
  /// first that has a header.
  public var sheet: String?
  /// Columns given a role by hand (`--map`).
  public var map: ColumnOverrides

  public init(encoding: SheetEncoding? = nil, year: Int? = nil, parent: String? = nil,
              idPrefix: String = "imp", lang: Lang = .zh, sheet: String? = nil,
              map: ColumnOverrides = ColumnOverrides()) {
    self.encoding = encoding
    self.year = year
    self.parent = parent
    self.idPrefix = idPrefix
    self.lang = lang
    self.sheet = sheet
    self.map = map
  }
}

public struct ImportResult: Equatable, Sendable {
  /// New nodes in pre-order, parents before children, parent ids set.
  public var nodes: [Node]
  /// Units named in the table that the campaign did not have.
  public var newUnits: [Unit]
  /// Nodes whose deadline reads as ongoing (长期坚持, 常态化…).
  public var ongoing: Set<String>
  /// Rows after the header that are not blank.
  public var rowsRead: Int
  public var skipped: [RowIssue]
  public var warnings: [RowIssue]
  /// The text encoding of a CSV file; nil for an .xlsx.
  public var encoding: SheetEncoding?
  /// The sheet of an .xlsx that was read; nil for a CSV file.
  public var sheet: String?
  /// The row number of the header row.
  public var headerRow: Int
  /// The table's own title, from the line above its header
  /// ("2023年创建全国文明城市任务分解表"), if it has one.
  public var title: String?

  /// The campaign with the new units and nodes added (under
  /// `ImportOptions.parent`, after its children, when given).
  public func applied(to campaign: Campaign) -> Campaign {
    Campaign(id: campaign.id, title: campaign.title, start: campaign.start, end: campaign.end,
             source: campaign.source, units: campaign.units + newUnits,
             nodes: campaign.nodes + nodes)
  }
}

/// Reads a task breakdown table (任务分解表, 责任清单), an .xlsx workbook or
/// CSV text, into new nodes and units for `campaign`.
///
/// The header row is the first that names a title column (测评项目,
/// 工作任务…), so title lines above it are passed over. The tree comes
/// from, in this order of preference: the section paths `exportCSV` writes
/// (测评项目 holding "A / B", the titles above); a 序号 column of outline
/// codes (1, 1.1, 1.1.2); else several title columns (测评项目 → 指标 →
/// 测评内容 → 测评标准), a cell merged over the rows below or repeated on
/// each being one node, and outline numbering in the titles (一、（一）1.
/// （1）Ⅲ Ⅲ—1) or in 序号. Top-level nodes with rows below are groups,
/// nodes with children tasks, the other leaves items.
public func importSheet(_ bytes: [UInt8], into campaign: Campaign,
                        options: ImportOptions = ImportOptions()) throws(SheetError) -> ImportResult
{
  if let parent = options.parent, campaign.index[parent] == nil { throw .unknownParent(parent) }
  // An OLE compound file: the old binary .xls (or WPS .et).
  if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .oldExcel }
  if Workbook.isXLSX(bytes) { return try importWorkbook(Workbook(bytes), into: campaign, options: options) }
  let decoded = try decodeText(bytes, encoding: options.encoding)
  guard decoded.text.contains(where: { !$0.isWhitespace && $0 != "," && $0 != "\t" }) else {
    throw .empty
  }
  let records = try readCSV(decoded.text, delimiter: sniffDelimiter(decoded.text))
  var result = try importRows(records, into: campaign, options: options)
  result.encoding = decoded.encoding
  return result
}

/// The sheet `options.sheet` names, else the first with a header.
func importWorkbook(_ book: Workbook, into campaign: Campaign, options: ImportOptions) throws(SheetError)
  -> ImportResult
{
  let names = book.sheets.map(\.name)
  if let wanted = options.sheet {
    let k = names.firstIndex(of: wanted) ?? Int(wanted).flatMap { names.indices.contains($0 - 1) ? $0 - 1 : nil }
    guard let k else { throw .noSheet(wanted, sheets: names) }
    var result = try importRows(book.rows(of: k), into: campaign, options: options,
                                units: listedUnits(book, besides: k))
    result.sheet = names[k]
    return result
  }
  var firstError: SheetError?
  for k in names.indices {
    let rows = try book.rows(of: k)
    if rows.isEmpty { continue }
    do throws(SheetError) {
      var result = try importRows(rows, into: campaign, options: options, units: listedUnits(book, besides: k))
      result.sheet = names[k]
      return result
    } catch {
      firstError = firstError ?? error
    }
  }
  throw firstError ?? .empty
}

/// The names on the 单位名录 sheet an export writes (units no task names
/// among them), unless that is the sheet read. A sheet of that name that
/// an office made itself (a header other than ours) is not read.
func listedUnits(_ book: Workbook, besides sheet: Int) throws(SheetError) -> [String] {
  guard let k = book.sheets.firstIndex(where: { [unitSheetName(.zh), unitSheetName(.en)].contains($0.name) }),
    k != sheet
  else { return [] }
  let rows = try book.rows(of: k)
  guard let header = rows.first, header.row == 1, header.cells == ["单位"] || header.cells == ["Unit"] else { return [] }
  return rows.dropFirst().map { cellText($0[0]) }.filter { !$0.isEmpty }
}

/// The rows of a CSV file or a sheet as nodes and units; `units` are
/// names listed apart from the table, made after its own when new.
func importRows(_ records: [SheetRow], into campaign: Campaign, options: ImportOptions, units: [String] = [])
  throws(SheetError) -> ImportResult
{
  guard records.contains(where: { !$0.isBlank }) else { throw .empty }
  let header = try HeaderRow(records, overrides: options.map)
  let rows = records[header.firstRow...].filter { !$0.isBlank }
  let columns = ColumnMap(headers: header.cells, overrides: options.map)
  var reader = TableReader(campaign: campaign, options: options, columns: columns)
  reader.checkColumns(headerRow: header.row)
  reader.read(Array(rows))
  for name in units { reader.listUnit(name) }
  var result = reader.result(headerRow: header.row, rowsRead: rows.count)
  // The first line above the header that holds one text: the title.
  if let line = records.first(where: { $0.row < header.row && !$0.isBlank }) {
    let texts = line.cells.map { cellText($0) }.filter { !$0.isEmpty }
    if texts.count == 1, texts[0].count <= StructureIssue.maxTitle, !texts[0].hasTerminalControls { result.title = texts[0] }
  }
  return result
}
