/// One row of a table, read from a CSV record or an .xlsx sheet's row.
struct SheetRow: Equatable, Sendable {
  /// 1-based row number as a user sees it in Excel: a CSV file's record
  /// number (not its line once a cell holds a line break), a sheet's row.
  var row: Int
  /// 1-based line where a CSV record starts; the row in a sheet.
  var line: Int
  var cells: [String]

  /// The cell at `column`, "" past the end of a short row.
  subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }

  var isBlank: Bool { cells.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
}

