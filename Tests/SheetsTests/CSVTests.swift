import Testing
@testable import Sheets

/// RFC 4180 as spreadsheets write it, with record numbers as Excel shows
/// rows.
@Suite struct CSVTests {
  @Test func lineEndsAreAllTheSame() throws {
    let lf = try readCSV("a,b\n1,2\n")
    #expect(lf.map(\.cells) == [["a", "b"], ["1", "2"]])
    #expect(try readCSV("a,b\r\n1,2\r\n").map(\.cells) == lf.map(\.cells))
    #expect(try readCSV("a,b\r1,2").map(\.cells) == lf.map(\.cells))
  }

  @Test func quotedCellsHoldCommasQuotesAndLineBreaks() throws {
    let r = try readCSV("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\nnext,\"x\"\n")
    #expect(r.map(\.cells) == [["a,b", "say \"hi\"", "two\nlines", ""], ["next", "x"]])
    // The second record starts on line 3 but is row 2.
    #expect(r[1].row == 2 && r[1].line == 3)
  }

  @Test func emptyCellsAndRowsAreKept() throws {
    let r = try readCSV("a,,c\n\n,\n")
    #expect(r.map(\.cells) == [["a", "", "c"], [""], ["", ""]])
    #expect(r.map(\.row) == [1, 2, 3])
    #expect(r[1].isBlank && r[2].isBlank)
  }

  @Test func strayQuotesAreKeptAsText() throws {
    #expect(try readCSV("5\"屏,\"a\"b\n").map(\.cells) == [["5\"屏", "ab"]])
  }

  @Test func anUnclosedQuoteIsAnError() {
    #expect(throws: SheetError.unterminatedQuote(row: 2, column: 2, line: 2)) {
      try readCSV("序号,测评内容\n1,\"开展\n文明交通")
    }
  }

  @Test func tabsAreTheDelimiterWhenTheyOutnumberCommas() {
    #expect(sniffDelimiter("序号\t测评内容\t牵头单位\n1\t开展,宣传\t市文明办") == "\t")
    #expect(sniffDelimiter("序号,测评内容\n1,开展") == ",")
  }
}
