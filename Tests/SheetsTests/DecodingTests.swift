import Testing
@testable import Sheets

/// Encodings are detected (valid UTF-8 is UTF-8, anything else GB18030)
/// or forced, and bytes that fit neither are an error naming where.
@Suite struct DecodingTests {
  @Test func plainUTF8IsDetected() throws {
    let d = try decodeText(Fixture.bytes("merged.csv"))
    #expect(d.encoding == .utf8 && !d.hadBOM)
    #expect(d.text.hasPrefix("2023年创建全国文明城市"))
  }

  @Test func byteOrderMarkIsDropped() throws {
    let d = try decodeText(Fixture.bytes("bom-crlf.csv"))
    #expect(d.encoding == .utf8 && d.hadBOM)
    #expect(d.text.unicodeScalars.first == "序")
    // Forcing UTF-8 drops it too.
    #expect(try decodeText(Fixture.bytes("bom-crlf.csv"), encoding: .utf8).text == d.text)
  }

  @Test func gb18030IsDetectedAndMatchesItsSource() throws {
    let gb = try Fixture.bytes("gb18030.csv")
    let d = try decodeText(gb)
    #expect(d.encoding == .gb18030)
    #expect(d.text == (try decodeText(Fixture.bytes("gb18030.utf8.csv")).text))
    // 䶮 is one of the characters GB18030 writes in four bytes.
    #expect(d.text.contains("王䶮"))
    #expect(try decodeText(gb, encoding: .gb18030) == d)
  }

  @Test func forcedUTF8OnGB18030NamesTheFirstBadByte() throws {
    // "2023" then 年 in GB18030 (C4 EA): byte 4 of line 1.
    #expect(throws: SheetError.invalidBytes(encoding: .utf8, offset: 4, line: 1)) {
      try decodeText(Fixture.bytes("gb18030.csv"), encoding: .utf8)
    }
  }

  @Test func invalidGB18030NamesOffsetAndLine() {
    // 0x81 must be followed by 0x30…0x39 or 0x40…0xFE.
    let data: [UInt8] = Array("a,b\n".utf8) + [0xC4, 0xEA, 0x81, 0x0A]
    #expect(throws: SheetError.invalidBytes(encoding: .gb18030, offset: 6, line: 2)) {
      try decodeText(data)
    }
    // A lead byte cut off at the end of the file.
    #expect(throws: SheetError.invalidBytes(encoding: .gb18030, offset: 2, line: 1)) {
      try decodeText([0x41, 0x42, 0x81], encoding: .gb18030)
    }
  }

  @Test func damagedUTF8IsReportedAsUTF8() {
    // With a byte-order mark, or after a long run of valid UTF-8, a bad
    // byte is damage, not a sign of GB18030.
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("序号\n".utf8) + [0xFF]
    #expect(throws: SheetError.invalidBytes(encoding: .utf8, offset: 10, line: 2)) {
      try decodeText(bom)
    }
    let long = Array("测评项目,测评内容,牵头单位,配合单位,完成时限\n".utf8)
    #expect(throws: SheetError.invalidBytes(encoding: .utf8, offset: long.count, line: 2)) {
      try decodeText(long + [0xC0, 0x80])
    }
  }

  @Test func overlongAndSurrogateFormsAreNotUTF8() {
    #expect(firstInvalidUTF8([0x41, 0xC0, 0xAF], from: 0).invalidAt == 1)
    #expect(firstInvalidUTF8([0xED, 0xA0, 0x80], from: 0).invalidAt == 0)
    #expect(firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80], from: 0).invalidAt == 0)
    #expect(firstInvalidUTF8(Array("文明".utf8), from: 0) == (nil, 2))
  }

  @Test func utf16IsRefusedWithAHint() {
    #expect(throws: SheetError.utf16) { try decodeText([0xFF, 0xFE, 0x8F, 0x5E]) }
    #expect(SheetError.utf16.message(.zh).contains("CSV"))
  }
}
