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

  public init(encoding: SheetEncoding? = nil, year: Int? = nil, parent: String? = nil,
              idPrefix: String = "imp", lang: Lang = .zh) {
    self.encoding = encoding
    self.year = year
    self.parent = parent
    self.idPrefix = idPrefix
    self.lang = lang
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
  public var encoding: SheetEncoding
  /// The record number of the header row.
  public var headerRow: Int

  /// The campaign with the new units and nodes added (under
  /// `ImportOptions.parent`, after its children, when given).
  public func applied(to campaign: Campaign) -> Campaign {
    Campaign(id: campaign.id, title: campaign.title, start: campaign.start, end: campaign.end,
             source: campaign.source, units: campaign.units + newUnits,
             nodes: campaign.nodes + nodes)
  }
}

/// Reads a task breakdown table (任务分解表, 责任清单) exported as CSV into
/// new nodes and units for `campaign`.
///
/// The header row is the first that names a title column (测评项目,
/// 测评内容…), so title lines above it are passed over. The tree comes
/// from, in this order of preference: the section paths `exportCSV` writes
/// (测评项目 holding "A / B", the titles above); a 序号 column of outline
/// codes (1, 1.1, 1.1.2); else merged 测评项目 cells (a blank one belongs
/// to the value above) with 测评内容 as items under them, and outline
/// numbering in the titles (一、（一）1.（1）). Top-level nodes are groups,
/// nodes with children tasks, the other leaves items.
public func importSheet(_ bytes: [UInt8], into campaign: Campaign,
                        options: ImportOptions = ImportOptions()) throws(SheetError) -> ImportResult
{
  if let parent = options.parent, campaign.index[parent] == nil { throw .unknownParent(parent) }
  let decoded = try decodeText(bytes, encoding: options.encoding)
  guard decoded.text.contains(where: { !$0.isWhitespace && $0 != "," && $0 != "\t" }) else {
    throw .empty
  }
  let records = try readCSV(decoded.text, delimiter: sniffDelimiter(decoded.text))
  let header = try HeaderRow(records)
  let rows = records[header.firstRow...].filter { !$0.isBlank }
  var reader = TableReader(campaign: campaign, options: options, columns: ColumnMap(headers: header.cells))
  reader.read(Array(rows))
  return reader.result(encoding: decoded.encoding, headerRow: header.row, rowsRead: rows.count)
}
