import Testing
@testable import WorkspaceFiles

/// The one reader's byte-level pieces (`Reader`): syntax errors name their
/// position and what was expected, as the general parser's did.
@Suite struct JSONReaderTests {
  /// Reads one whole document, checking it, as device.json is read.
  func check(_ bytes: [UInt8]) throws(DataError) {
    try bytes.withUnsafeBufferPointer { (b) throws(DataError) in
      var r = Reader(b: b)
      try r.start()
      try r.skipValue()
      try r.end()
    }
  }

  func failure(_ text: String) -> (line: Int, column: Int, message: String)? {
    let bytes = Array(text.utf8)
    do {
      try check(bytes)
      return nil
    } catch {
      let (l, c) = SourceLocator(bytes).location(of: error.offset)
      return (l, c, error.message)
    }
  }

  /// The string at the start of `bytes`.
  func string(_ bytes: [UInt8]) throws(DataError) -> String {
    try bytes.withUnsafeBufferPointer { (b) throws(DataError) in
      var r = Reader(b: b)
      try r.start()
      return try r.text()
    }
  }

  @Test(arguments: [
    ("", 1, 1, "found the end of the file"),
    ("{", 1, 2, "expected a member name"),
    ("{\"a\": 1,}", 1, 9, "expected a member name"),
    ("{\"a\" 1}", 1, 6, "expected ':'"),
    ("[1 2]", 1, 4, "expected ',' or ']'"),
    ("{\n  \"标题\": tru\n}", 2, 9, "expected 'true'"),
    ("{\n  \"标题\": \"创文\" \"x\"\n}", 2, 14, "expected ',' or '}'"),
    ("\"line\nbreak\"", 1, 6, "control byte"),
    ("[01]", 1, 3, "expected ',' or ']'"),
    ("[1.]", 1, 4, "digit after the decimal point"),
    ("\"\\x\"", 1, 3, "expected one of"),
    ("\"\\ud800\"", 1, 8, "low surrogate"),
    ("{} {}", 1, 4, "end of the file after the value"),
  ])
  func errorsNamePosition(text: String, line: Int, column: Int, message: String) {
    let f = failure(text)
    #expect(f != nil)
    #expect(f?.line == line)
    #expect(f?.column == column)
    #expect(f?.message.contains(message) == true, "\(f?.message ?? "")")
  }

  @Test func readsValuesAndEscapes() throws {
    try check(Array(#"{"a": [1, -2.5e3, true, false, null], "b": "创\u6587\n\ud83d\ude00"}"#.utf8))
    #expect(try string(Array(#""创\u6587\n\ud83d\ude00""#.utf8)) == "创文\n😀")
  }

  @Test func rejectsInvalidUTF8AndDeepNesting() {
    var bytes = Array("\"ab".utf8)
    bytes.append(0xFF)
    bytes.append(0x22)
    #expect(throws: DataError.self) { try check(bytes) }
    #expect(throws: DataError.self) { _ = try string(bytes) }
    let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
    #expect(failure(deep)?.message == "nesting deeper than 200 levels")
    let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
    #expect(failure(fine) == nil)
  }

  @Test func writerOutputReadsBack() throws {
    for text in ["plain", "引号\"与\\反斜杠", "tab\tnew\nline\u{1}", "\u{2028}", "😀 创文"] {
      var quoted = ""
      JSONWriter.quote(text, into: &quoted)
      #expect(try string(Array(quoted.utf8)) == text)
    }
  }

  @Test func skipsByteOrderMark() throws {
    try check([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{x".utf8)
    #expect(throws: DataError.self) { try check(bytes) }
    #expect(SourceLocator(bytes).location(of: 4) == (1, 2))
  }

  /// Positions counted a window at a time, as for a large campaign.json,
  /// are the ones counted over the whole file.
  @Test func locatesThroughTheFile() throws {
    let folder = TempFolder()
    let text = String(repeating: "第一行 line\n", count: 300_000) + "末"
    folder.write("f.json", text)
    let bytes = Array(text.utf8)
    let offsets = [0, 5, bytes.count - 1, 1 << 20, (1 << 20) + 3, 3 << 20, 17]
    let found = try #require(SourceLocator.locations(inFile: folder.file("f.json"), of: offsets))
    for (k, offset) in offsets.enumerated() {
      #expect(found[k] == SourceLocator(bytes).location(of: offset), "offset \(offset)")
    }
  }
}
