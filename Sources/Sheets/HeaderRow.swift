import Domain

/// The header of a table: the first record that names a title column
/// (测评项目, 测评内容…), so title lines above it are passed over, with a
/// second row of sub-headers merged in.
struct HeaderRow {
  /// The headers, one a column.
  var cells: [String]
  /// Its record number, for `ImportResult.headerRow`.
  var row: Int
  /// Where the rows of the table begin, in the records.
  var firstRow: Int

  init(_ records: [CSVRecord]) throws(SheetError) {
    guard let h = records.firstIndex(where: { ColumnMap(headers: $0.cells).hasTitle }) else {
      throw .noHeader(lookedFor: SheetField.titleHeaders)
    }
    var headers = records[h].cells
    var first = h + 1
    // A two-row header: 责任单位 above 牵头单位 | 配合单位.
    if first < records.count, !records[first].isBlank,
      records[first].cells.allSatisfy({ $0.trimmingBlanks.isEmpty || SheetField.of(header: $0) != nil })
    {
      for (column, sub) in records[first].cells.enumerated() where !sub.trimmingBlanks.isEmpty {
        while headers.count <= column { headers.append("") }
        headers[column] = sub
      }
      first += 1
    }
    cells = headers
    row = records[h].row
    firstRow = first
  }
}
