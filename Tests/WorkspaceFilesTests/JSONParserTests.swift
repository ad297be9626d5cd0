import Testing
@testable import WorkspaceFiles

@Suite struct JSONParserTests {
  func failure(_ text: String) -> (line: Int, column: Int, message: String)? {
    let bytes = Array(text.utf8)
    do {
      _ = try JSONParser.parse(bytes)
      return nil
    } catch {
      let (l, c) = SourceLocator(bytes).location(of: error.offset)
      return (l, c, error.message)
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

  @Test func parsesValuesAndEscapes() throws {
    let node = try JSONParser.parse(Array(#"{"a": [1, -2.5e3, true, false, null], "b": "创\u6587\n\ud83d\ude00"}"#.utf8))
    guard case .object(let m) = node.value else { Issue.record("not an object"); return }
    #expect(m.map(\.key) == ["a", "b"])
    guard case .string(let s) = m[1].value.value else { Issue.record("not a string"); return }
    #expect(s == "创文\n😀")
    guard case .array(let items) = m[0].value.value, case .number(let n) = items[1].value else {
      Issue.record("not an array"); return
    }
    #expect(n == "-2.5e3")
  }

  @Test func rejectsInvalidUTF8AndDeepNesting() {
    var bytes = Array("\"ab".utf8)
    bytes.append(0xFF)
    bytes.append(0x22)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
    let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(deep.utf8)) }
  }

  @Test func writerOutputParsesBack() throws {
    for text in ["plain", "引号\"与\\反斜杠", "tab\tnew\nline\u{1}", "\u{2028}", "😀 创文"] {
      var quoted = ""
      JSONWriter.quote(text, into: &quoted)
      let node = try JSONParser.parse(Array(quoted.utf8))
      guard case .string(let back) = node.value else { Issue.record("not a string"); continue }
      #expect(back == text)
    }
  }

  @Test func skipsByteOrderMark() throws {
    let node = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
    guard case .array(let items) = node.value else { Issue.record("not an array"); return }
    #expect(items.count == 1)
  }
}
