import Testing
@testable import WorkspaceFiles

/// Each kind of bad workspace gives an error naming file, line and column,
/// says what was expected, maps to EX_DATAERR, and changes no file.
@Suite struct ValidationTests {
  static let head = """
    {
      "schema": 1,
      "id": "t",
      "title": "测试",
      "units": [
        {"id": "u1", "name": "市教育局"}
      ],
      "nodes": [

    """

  /// (nodes text, expected line, expected column, words of the message)
  static let cases: [(String, Int, Int, String)] = [
    ("{\"id\": \"a\", \"kind\": \"group\", \"title\": \"甲\"},\n    {\"id\": \"a\", \"kind\": \"task\", \"title\": \"乙\"}", 10, 12, "duplicate node id \"a\""),
    ("{\"id\": \"a\", \"parent\": \"zz\", \"kind\": \"task\", \"title\": \"甲\"}", 9, 27, "parent \"zz\" names no node"),
    ("{\"id\": \"a\", \"parent\": \"b\", \"kind\": \"task\", \"title\": \"甲\"},\n    {\"id\": \"b\", \"parent\": \"a\", \"kind\": \"task\", \"title\": \"乙\"}", 9, 27, "cycle"),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\", \"lead\": \"u9\"}", 9, 55, "unit \"u9\" is not in the units list"),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\", \"support\": [\"u1\", \"u7\"]}", 9, 65, "unit \"u7\""),
    ("{\"id\": \"a\", \"kind\": \"tsak\", \"title\": \"甲\"}", 9, 25, "unknown kind \"tsak\""),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": 12}", 9, 42, "expected a string for \"title\""),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\", \"due\": \"2022-13-01\"}", 9, 54, "expected a date YYYY-MM-DD"),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\", \"staus\": \"done\"}", 9, 47, "unknown member \"staus\""),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\", \"status\": \"finished\"}", 9, 57, "expected one of todo, doing, done"),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\", \"quota\": {\"target\": -1}}", 9, 67, "\"target\""),
    ("{\"id\": \"a\", \"kind\": \"task\"}", 9, 5, "needs a string \"title\""),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\"", 10, 3, "expected ',' or '}'"),
    ("{\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\", \"problems\": [{\"id\": \"p\", \"text\": \"问题\", \"unit\": \"u5\"}]}", 9, 60, "unit \"u5\""),
  ]

  @Test(arguments: 0..<cases.count)
  func badWorkspaceIsPositioned(_ k: Int) throws {
    let (nodes, line, column, words) = Self.cases[k]
    let dir = TempFolder()
    dir.write("campaign.json", Self.head + "    " + nodes + "\n  ]\n}\n")
    let before = dir.snapshot()
    do {
      _ = try Workspace.open(dir.path, verify: true)
      Issue.record("case \(k) was accepted")
    } catch {
      #expect(error.exitCode == 65)
      guard case .invalid(let diagnostics) = error, let d = diagnostics.first else {
        Issue.record("case \(k): \(error)"); return
      }
      #expect(d.file.hasSuffix("campaign.json"))
      #expect(d.line == line, "case \(k): \(d)")
      #expect(d.column == column, "case \(k): \(d)")
      #expect(d.message.contains(words), "case \(k): \(d)")
    }
    #expect(dir.snapshot() == before)
  }

  @Test func newerSchemaIsRefusedClearly() throws {
    let dir = TempFolder()
    dir.write("campaign.json", "{\"schema\": 99, \"title\": \"x\", \"future\": true}")
    do {
      _ = try Workspace.open(dir.path)
      Issue.record("accepted")
    } catch {
      guard case .invalid(let d) = error else { Issue.record("\(error)"); return }
      #expect(d[0].message.contains("newer"))
      #expect(d[0].line == 1 && d[0].column == 12)
    }
  }

  @Test func badJournalLineNamesFileAndLine() throws {
    let dir = TempFolder()
    dir.write("campaign.json", Self.head + "    {\"id\": \"a\", \"kind\": \"task\", \"title\": \"甲\"}\n  ]\n}\n")
    dir.write("journal/d1.jsonl", "{\"device\": \"d1\", \"seq\": 1, \"clock\": 1, \"op\": \"set\", \"node\": \"a\", \"field\": \"colour\", \"value\": \"x\"}\n")
    let before = dir.snapshot()
    do {
      _ = try Workspace.open(dir.path)
      Issue.record("accepted")
    } catch {
      guard case .invalid(let d) = error else { Issue.record("\(error)"); return }
      #expect(d[0].file.hasSuffix("journal/d1.jsonl"))
      #expect(d[0].line == 1)
      #expect(d[0].column == 75)
      #expect(d[0].message.contains("unknown field \"colour\""))
    }
    #expect(dir.snapshot() == before)
  }
}
