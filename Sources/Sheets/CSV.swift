/// Reads CSV as RFC 4180 describes it, and as spreadsheets write it:
/// quoted cells may hold the delimiter, doubled quotes and line breaks;
/// records end in CRLF, LF or a lone CR. Lenient where Excel is: a quote
/// inside an unquoted cell, or text after a closing quote, is kept as is.
/// A line break inside a cell becomes "\n".
func readCSV(_ text: String, delimiter: Unicode.Scalar = ",") throws(SheetError) -> [SheetRow] {
  enum State { case fieldStart, unquoted, quoted, afterQuote }
  var records: [SheetRow] = []
  var cells: [String] = []
  var field = String.UnicodeScalarView()
  var state = State.fieldStart
  var line = 1
  var recordLine = 1
  var quoteLine = 1
  var pendingCR = false  // a CR was just seen: a following LF belongs to it

  func endField() {
    cells.append(String(field))
    field = String.UnicodeScalarView()
  }
  func endRecord() {
    endField()
    records.append(SheetRow(row: records.count + 1, line: recordLine, cells: cells))
    cells = []
  }

  for c in text.unicodeScalars {
    if pendingCR {
      pendingCR = false
      if c == "\n" { continue }
    }
    switch state {
    case .quoted:
      if c == "\"" {
        state = .afterQuote
      } else if c == "\r" || c == "\n" {
        line += 1
        pendingCR = c == "\r"
        field.append("\n")
      } else {
        field.append(c)
      }
    case .afterQuote where c == "\"":
      // A doubled quote inside a quoted cell.
      field.append("\"")
      state = .quoted
    case .fieldStart, .unquoted, .afterQuote:
      if c == delimiter {
        endField()
        state = .fieldStart
      } else if c == "\r" || c == "\n" {
        endRecord()
        line += 1
        recordLine = line
        pendingCR = c == "\r"
        state = .fieldStart
      } else if c == "\"" && state == .fieldStart {
        state = .quoted
        quoteLine = line
      } else {
        field.append(c)
        state = .unquoted
      }
    }
  }
  if state == .quoted {
    throw .unterminatedQuote(row: records.count + 1, column: cells.count + 1, line: quoteLine)
  }
  if state != .fieldStart || !cells.isEmpty {
    endRecord()
  }
  return records
}

/// Comma, or tab when a file has more tabs than commas (text copied from
/// a sheet).
func sniffDelimiter(_ text: String) -> Unicode.Scalar {
  var commas = 0
  var tabs = 0
  for c in text.unicodeScalars.prefix(8192) {
    if c == "," { commas += 1 } else if c == "\t" { tabs += 1 }
  }
  return tabs > commas ? "\t" : ","
}
