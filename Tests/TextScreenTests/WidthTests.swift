import Testing
@testable import TextScreen

@Suite struct WidthTests {
  @Test func chineseTakesTwoColumns() {
    #expect(DisplayWidth.of("创文") == 4)
    #expect(DisplayWidth.of("a创") == 3)
    #expect(Columns.truncate("ＡＢＣＤＥＦＧＨ", to: 7) == "ＡＢＣ…")
    #expect(DisplayWidth.of(Columns.fit("格尔木", 9)) == 9)
  }
}
