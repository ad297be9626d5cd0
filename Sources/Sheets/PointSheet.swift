import Domain

/// A sheet of inspection points (点位表), as offices list them: a header
/// naming the point, its type, its area and its responsible unit, in any
/// order and with the usual synonyms; one point a row. CSV or .xlsx (its
/// first sheet with such a header).
public struct PointRow: Equatable, Sendable {
  public var row: Int
  public var name: String
  public var type: String
  public var area: String
  /// The unit's name as written ("" when none).
  public var unit: String
}

/// The header words of each column, first match wins.
var pointHeaders: [(role: WritableKeyPath<PointRow, String>, words: [String])] {
  [
  (\.name, ["点位名称", "点位", "测评点位", "名称"]),
  (\.type, ["点位类型", "类型", "类别"]),
  (\.area, ["所在区域", "区域", "辖区", "所属街道", "街道", "区县", "县区"]),
  (\.unit, ["责任单位", "牵头单位", "主管单位", "管理单位"]),
  ]
}

/// The points a sheet lists; rows without a name or a type are left out
/// (the caller says which). Refused: no header with 点位名称 and 类型.
public func readPoints(_ bytes: [UInt8]) throws(SheetError) -> (points: [PointRow], skipped: [Int]) {
  if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .oldExcel }
  var sheets: [[SheetRow]] = []
  if Workbook.isXLSX(bytes) {
    let book = try Workbook(bytes)
    for k in book.sheets.indices { sheets.append(try book.rows(of: k)) }
  } else {
    let text = try decodeText(bytes).text
    sheets.append(try readCSV(text, delimiter: sniffDelimiter(text)))
  }
  for rows in sheets {
    // The header: the first row naming both a point and a type.
    guard let h = rows.firstIndex(where: { row in
      let cells = row.cells.map(cellText)
      return pointHeaders[0].words.contains(where: cells.contains) && pointHeaders[1].words.contains(where: cells.contains)
    }) else { continue }
    let header = rows[h].cells.map(cellText)
    let columns = pointHeaders.map { role in (role.role, header.firstIndex(where: role.words.contains)) }
    var points: [PointRow] = [], skipped: [Int] = []
    for row in rows[(h + 1)...] where !row.isBlank {
      var p = PointRow(row: row.row, name: "", type: "", area: "", unit: "")
      for (role, column) in columns {
        if let column, column < row.cells.count { p[keyPath: role] = cellText(row.cells[column]).withoutControls() }
      }
      if p.name.isEmpty || p.type.isEmpty { skipped.append(row.row) } else { points.append(p) }
    }
    return (points, skipped)
  }
  throw .noHeader(lookedFor: ["点位名称", "点位类型"])
}
