import Testing
@testable import TextScreen

@Suite struct WidthTests {
  @Test func chineseTakesTwoColumns() {
    #expect(DisplayWidth.of("创文") == 4)
    #expect(DisplayWidth.of("a创") == 3)
    #expect(DisplayColumns.truncate("ＡＢＣＤＥＦＧＨ", to: 7) == "ＡＢＣ…")
    #expect(DisplayWidth.of(DisplayColumns.fit("格尔木", 9)) == 9)
  }
}

@Suite struct WidthShortcuts {
  /// The ranges that skip the category look-up give what it gives.
  @Test func fastRangesMatchTheCategories() {
    var differ: [String] = []
    for range in [0x2010...0x2027, 0x2190...0x2BFF, 0x3000...0x303E, 0x4E00...0x9FFF, 0xFF01...0xFF60] {
      for v in range {
        guard let scalar = Unicode.Scalar(v) else { continue }
        if DisplayWidth.categoryWidth(scalar) != DisplayWidth.of(scalar) { differ.append(String(v, radix: 16)) }
      }
    }
    #expect(differ.isEmpty, "\(differ.prefix(20))")
  }

  /// Adding scalars up gives what grapheme clusters give, emoji included.
  @Test func stringsAddUpAsClusters() {
    for text in ["创文 abc", "e\u{301}x", "👨‍👩‍👧 家", "🇨🇳中国", "👍🏽好", "⭐️星", "한국어", "（一）“五个到位”—完成✓○◐"] {
      #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text)")
    }
  }
}
