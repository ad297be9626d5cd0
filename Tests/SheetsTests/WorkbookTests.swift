import Domain
import Testing
@testable import Sheets

/// .xlsx read directly (Fixtures/import/*.xlsx, written by openpyxl:
/// Scripts/make-import-fixtures): shared, rich and inline strings, date
/// serials with date formats, real merged ranges, several sheets; and
/// what is refused, with the sheet and cell named.
@Suite struct WorkbookTests {
  static let city = ImportTests.city

  @Test func theFirstSheetWithAHeaderWithMergedRangesAndDates() throws {
    let r = try importSheet(Fixture.bytes("offices.xlsx"), into: Self.city)
    let c = r.applied(to: Self.city)
    // The first sheet (说明) has no header: the second is read, and named.
    #expect(r.sheet == "任务分解" && r.encoding == nil && r.headerRow == 2)
    #expect(OfficeTableTests.rows(c) == [
      "1 group 重要目标任务及责任分工 |  | ",
      // 市文明办 and the date merged over C5:C8 and E5:E8.
      "1.1 task 巩固提升公共文明行为 | 市文明办 | 2023-06-30",
      "1.1.1 item 开展文明交通志愿服务 | 市文明办 | 2023-06-30",
      "1.1.2 item 整治占道经营 | 市文明办、市城管局、市市场监管局 | 2023-06-30",
      "1.1.3 item 推进文明餐桌行动 | 市文明办 | 2023-06-30",
      "1.2 task 优化城市环境 | 市城管局 | 2023-12-31",
      // A date serial in a built-in date format (14).
      "1.2.1 item 背街小巷整治 | 各县区 | 2023-09-30",
      // Blank, not merged: carried down from (二).
      "1.2.2 item 农贸市场改造 | 市城管局 | 2023-12-31",
      "2 group 迎检内容及职责分工 |  | ",
      // An inline string; a serial in a General cell.
      "2.1 item 实地考察点位整改 | 市住建局 | 2023-12-31",
    ])
    #expect(OfficeTableTests.issues(r) == ["10 collectiveUnit 各县区"])
  }

  /// The same workbook saved by LibreOffice (its own shared strings,
  /// styles, and a cell written for each merged one) reads the same.
  @Test func savedByLibreOffice() throws {
    let mine = try importSheet(Fixture.bytes("offices.xlsx"), into: Self.city)
    let theirs = try importSheet(Fixture.bytes("libreoffice.xlsx"), into: Self.city)
    #expect(theirs.sheet == "任务分解")
    #expect(OfficeTableTests.rows(theirs.applied(to: Self.city)) == OfficeTableTests.rows(mine.applied(to: Self.city)))
    let evaluation = try importSheet(Fixture.bytes("libreoffice.xlsx"), into: Self.city, options: ImportOptions(sheet: "3"))
    #expect(evaluation.nodes.count == 10)
  }

  @Test func aSheetByNameOrNumber() throws {
    for sheet in ["测评体系", "3"] {
      let r = try importSheet(Fixture.bytes("offices.xlsx"), into: Self.city, options: ImportOptions(sheet: sheet))
      let c = r.applied(to: Self.city)
      #expect(r.sheet == "测评体系")
      #expect(ImportTests.outline(c) == [
        "1 group 公共文明", "1.1 task 文明交通",
        "1.1.1 task 机动车礼让斑马线", "1.1.1.1 item 礼让率达到90%以上",
        "1.1.2 task 行人文明过马路", "1.1.2.1 item 闯红灯现象较少",
        "1.2 task 文明旅游", "1.2.1 task 景区文明引导", "1.2.1.1 item 有志愿者引导", "1.2.1.2 item 设置文明提示牌",
      ])
    }
    #expect(throws: SheetError.noSheet("汇总", sheets: ["填表说明", "任务分解", "测评体系"])) {
      try importSheet(Fixture.bytes("offices.xlsx"), into: Self.city, options: ImportOptions(sheet: "汇总"))
    }
    // The sheet without a header, asked for: no header.
    #expect(throws: SheetError.self) {
      try importSheet(Fixture.bytes("offices.xlsx"), into: Self.city, options: ImportOptions(sheet: "1"))
    }
  }

  @Test func whatIsRefusedAndWhy() throws {
    #expect(throws: SheetError.oldExcel) { try importSheet(Fixture.bytes("offices.xls"), into: Self.city) }
    #expect(SheetError.oldExcel.message(.zh).contains("另存为 .xlsx 或 CSV"))
    #expect(SheetError.oldExcel.message(.en).contains("save as .xlsx or CSV"))
    // A zip bomb stops at the cap, whatever the header says.
    #expect(throws: SheetError.tooLarge(part: "xl/worksheets/sheet1.xml", limit: Workbook.maxPartBytes)) {
      try importSheet(Fixture.bytes("bomb.xlsx"), into: Self.city)
    }
    // Merged ranges down a million rows are not filled in.
    #expect(throws: SheetError.tooManyCells(sheet: "任务分解", limit: Workbook.maxCells)) {
      try importSheet(Fixture.bytes("merge-bomb.xlsx"), into: Self.city)
    }
    #expect(throws: SheetError.doctype(part: "xl/sharedStrings.xml")) {
      try importSheet(Fixture.bytes("doctype.xlsx"), into: Self.city)
    }
    // Damage found before a parser sees it: a checksum that does not
    // match, a name that is not UTF-8 (Foundation's parser traps on it),
    // a header placed past the end of the file (ZIPFoundation's reader of
    // bytes in memory traps on it: the bytes are read as a file).
    let damaged = SheetError.badWorkbook(zh: "xl/sharedStrings.xml 已损坏", en: "xl/sharedStrings.xml is damaged")
    #expect(throws: damaged) { try importSheet(Fixture.bytes("bad-crc.xlsx"), into: Self.city) }
    #expect(throws: SheetError.badWorkbook(zh: "xl/workbook.xml 不是 UTF-8 文本", en: "xl/workbook.xml is not UTF-8 text")) {
      try importSheet(Fixture.bytes("not-utf8.xlsx"), into: Self.city)
    }
    #expect(throws: SheetError.self) { try importSheet(Fixture.bytes("past-end.xlsx"), into: Self.city) }
    let ods = #expect(throws: SheetError.self) { try importSheet(Fixture.bytes("opendocument.ods"), into: Self.city) }
    #expect(ods?.message(.zh).contains("另存为 .xlsx 或 CSV") == true)
    let bad = #expect(throws: SheetError.self) { try importSheet(Fixture.bytes("bad-cell.xlsx"), into: Self.city) }
    #expect(bad?.message(.en) == "sheet “任务分解”, cell B8: shared string “9999” does not exist (there are 46)")
    // Not a zip after its first bytes; XML that is not XML; a DOCTYPE.
    var truncated = try Fixture.bytes("offices.xlsx")
    truncated.removeLast(truncated.count / 2)
    #expect(throws: SheetError.self) { try importSheet(truncated, into: Self.city) }
  }

  @Test func cellReferencesAndDateFormats() {
    #expect(Workbook.cellReference("A1")! == (0, 1) && Workbook.cellReference("AB12")! == (27, 12))
    #expect(Workbook.cellReference("XFD1048576")! == (16383, 1_048_576))
    for bad in ["1A", "A0", "a1", "AAAA1", "A", ""] { #expect(Workbook.cellReference(bad) == nil, "\(bad)") }
    #expect(Workbook.name(row: 12, column: 27) == "AB12")
    for code in ["yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "[$-F800]dddd, mmmm dd, yyyy", "m/d/yy", "yyyy年m月"] {
      #expect(Workbook.isDateFormat(code), "\(code)")
    }
    for code in ["0.00", "\"day\"0", "[Red]0", "h:mm", "@"] { #expect(!Workbook.isDateFormat(code), "\(code)") }
  }
}
