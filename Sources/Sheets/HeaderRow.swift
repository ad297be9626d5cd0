import Domain

/// The header of a table: the first row that names a title column
/// (测评项目, 工作任务, 测评内容…), so title lines above it are passed over,
/// with a second row of sub-headers merged in.
struct HeaderRow {
  /// The headers, one a column.
  var cells: [String]
  /// Its row number, for `ImportResult.headerRow`.
  var row: Int
  /// Where the rows of the table begin, in the rows.
  var firstRow: Int

  init(_ records: [SheetRow], overrides: ColumnOverrides = ColumnOverrides()) throws(SheetError) {
    var found = records.firstIndex { ColumnMap(headers: $0.cells).hasTitle }
    if !overrides.isEmpty {
      // A title column named by hand: by its header, or by its letter on
      // the first row of more than one cell (the header, or no header).
      let byHand = records.firstIndex {
        let map = ColumnMap(headers: $0.cells, overrides: overrides)
        return map.hasTitle && $0.cells.filter { !$0.trimmingBlanks.isEmpty }.count > 1
      }
      if let byHand, found.map({ byHand < $0 }) ?? true { found = byHand }
    }
    guard let h = found else { throw .noHeader(lookedFor: SheetField.titleHeaders) }
    var headers = records[h].cells
    var first = h + 1
    // A header over two rows: 责任单位 above 牵头单位 | 配合单位, a merged
    // 序号 repeated below, or a header cut in two ("完成" above "时限").
    if first < records.count, !records[first].isBlank {
      var merged = headers
      var allHeaders = true
      for (column, sub) in records[first].cells.enumerated() where !sub.trimmingBlanks.isEmpty {
        while merged.count <= column { merged.append("") }
        if SheetField.of(header: sub) != nil {
          merged[column] = sub
        } else if SheetField.of(header: merged[column] + sub) != nil {
          merged[column] += sub
        } else {
          allHeaders = false
          break
        }
      }
      if allHeaders {
        headers = merged
        first += 1
      }
    }
    cells = headers
    row = records[h].row
    firstRow = first
  }
}
