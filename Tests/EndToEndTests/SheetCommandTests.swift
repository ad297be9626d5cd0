import Foundation
import Testing

/// `import` and `export` as an office uses them: a spreadsheet in, the
/// workspace journaled, tables out.
@Suite struct SheetCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/import").path

  @Test func importsAGB18030SheetUnderANodeAsJournaledChanges() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia", "--device", "office"], home: s.path).status == 0)
    // A dry run reads and reports, and writes nothing.
    let before = s.files()
    var r = try Binary.run(["import", ws, Self.fixtures + "/gb18030.csv", "--under", "2", "--dry-run"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("gb18030") && r.stdout.contains("试运行"))
    #expect(s.files() == before)
    r = try Binary.run(["import", ws, Self.fixtures + "/gb18030.csv", "--under", "2", "--device", "office"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    let tree = try Binary.run(["tree", ws], home: s.path).stdout
    #expect(tree.contains("2.1 ") && tree.contains("开展文明交通志愿服务"), "\(tree)")
    let log = try Binary.run(["log", ws], home: s.path).stdout
    // A group added with what is below it is one line of the log.
    #expect(log.contains("新增单位 市公安局") && log.contains("个节点）"), "\(log)")
    #expect(try Binary.run(["validate", ws], home: s.path).status == 0)
  }

  @Test func anUnreadableSheetChangesNothing() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    let before = s.files()
    var r = try Binary.run(["import", ws, Self.fixtures + "/no-header.csv"], home: s.path)
    #expect(r.status == 65 && r.stderr.contains("no-header.csv") && r.stderr.contains("表头"))
    r = try Binary.run(["import", ws, s.path + "/missing.csv"], home: s.path)
    #expect(r.status == 66 && r.stderr.contains("没有这个文件"))
    r = try Binary.run(["import", ws, Self.fixtures + "/merged.csv", "--under", "9.9"], home: s.path)
    #expect(r.status == 64)
    // Workbooks refused: an old .xls, a zip bomb, a broken cell, no such
    // sheet; a --map that is no map.
    r = try Binary.run(["import", ws, Self.fixtures + "/offices.xls"], home: s.path)
    #expect(r.status == 65 && r.stderr.contains("offices.xls") && r.stderr.contains("另存为 .xlsx 或 CSV"), "\(r.stderr)")
    r = try Binary.run(["import", ws, Self.fixtures + "/offices.xls", "--lang", "en"], home: s.path)
    #expect(r.status == 65 && r.stderr.contains("save as .xlsx or CSV"), "\(r.stderr)")
    r = try Binary.run(["import", ws, Self.fixtures + "/bomb.xlsx"], home: s.path)
    #expect(r.status == 65 && r.stderr.contains("bomb.xlsx") && r.stderr.contains("10 MB"), "\(r.stderr)")
    // A part that never finishes inflating: refused after a deadline.
    r = try Binary.run(["import", ws, Self.fixtures + "/endless.xlsx"], home: s.path)
    #expect(r.status == 65 && r.stderr.contains("xl/sharedStrings.xml 已损坏"), "\(r.stderr)")
    r = try Binary.run(["import", ws, Self.fixtures + "/bad-cell.xlsx"], home: s.path)
    #expect(r.status == 65 && r.stderr.contains("工作表“任务分解”单元格 B8"), "\(r.stderr)")
    r = try Binary.run(["import", ws, Self.fixtures + "/offices.xlsx", "--sheet", "汇总"], home: s.path)
    #expect(r.status == 65 && r.stderr.contains("“填表说明”、“任务分解”、“测评体系”"), "\(r.stderr)")
    r = try Binary.run(["import", ws, Self.fixtures + "/unmapped.csv", "--map", "事项"], home: s.path)
    #expect(r.status == 64 && r.stderr.contains("--map"), "\(r.stderr)")
    #expect(s.files() == before)
    // Named by hand, the same table goes in.
    r = try Binary.run(["import", ws, Self.fixtures + "/unmapped.csv", "--map", "事项=task,承办处室=lead,D=deadline"], home: s.path)
    #expect(r.status == 0 && r.stdout.contains("新建 2 个节点、2 个单位") && r.stderr.isEmpty, "\(r.stdout) \(r.stderr)")
    // Broken rows are named with their row numbers; the good ones go in.
    r = try Binary.run(["import", ws, Self.fixtures + "/broken.csv", "--year", "2023"], home: s.path)
    #expect(r.status == 0)
    #expect(r.stderr.contains("第 5 行已跳过") && r.stderr.contains("第 9 行"), "\(r.stderr)")
  }

  @Test func anXLSXFromAnotherWriterWithItsSheetsAndWarnings() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    // Without --sheet: the first sheet with a header, named in the summary.
    var r = try Binary.run(["import", ws, Self.fixtures + "/offices.xlsx"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("工作表“任务分解”") && r.stdout.contains("新建 10 个节点"), "\(r.stdout)")
    #expect(r.stderr.contains("第 10 行：“各县区”泛指多个单位"), "\(r.stderr)")
    let tree = try Binary.run(["tree", ws, "--today", "2023-01-01"], home: s.path).stdout
    #expect(tree.contains("1.1.2 ") && tree.contains("整治占道经营") && tree.contains("2.1 "), "\(tree)")
    // A sheet by number, in English: a table without units or deadlines says so.
    r = try Binary.run(["import", ws, Self.fixtures + "/offices.xlsx", "--sheet", "3", "--lang", "en"], home: s.path)
    #expect(r.status == 0 && r.stdout.contains("sheet “测评体系”"), "\(r.stdout)")
    #expect(r.stderr.contains("row 1: no column of units") && r.stderr.contains("row 1: no deadline column"), "\(r.stderr)")
    #expect(try Binary.run(["validate", ws], home: s.path).status == 0)
  }

  /// Export → import into a blank workspace: the same `stats --json` (but
  /// for the campaign's own name, title, events and devices) and `tree`,
  /// for every template and a generated workspace with activities and
  /// problems; CSV lacks only units no task names.
  @Test(arguments: ["golmud", "linxia", "changzhou", "wuhai", "generated"], ["csv", "xlsx"])
  func exportThenImportGivesTheSameStatsAndTree(_ source: String, _ format: String) throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    if source == "generated" {
      let r = try Binary.run(["generate", ws, "--nodes", "600", "--devices", "2", "--events", "300", "--seed", "5"],
                             home: s.path)
      #expect(r.status == 0, "\(r.stderr)")
    } else {
      #expect(try Binary.run(["init", ws, "--template", source], home: s.path).status == 0)
    }
    let file = s.path + "/out." + format
    #expect(try Binary.run(["export", ws, "--format", format, "-o", file], home: s.path).status == 0)
    let back = s.path + "/back"
    #expect(try Binary.run(["init", back, "--template", "blank"], home: s.path).status == 0)
    let r = try Binary.run(["import", back, file], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    func stats(_ dir: String) throws -> [String] {
      try Binary.run(["stats", dir, "--json", "--today", "2023-06-30"], home: s.path).stdout.split(separator: "\n")
        .filter { line in !["\"campaign\"", "\"title\"", "\"events\"", "\"devices\""].contains { line.contains($0) } }
        .filter { format == "xlsx" || !$0.contains("\"units\"") }.map(String.init)
    }
    func tree(_ dir: String) throws -> [String] {
      Array(try Binary.run(["tree", dir, "--today", "2023-06-30"], home: s.path).stdout.split(separator: "\n").dropFirst())
        .map(String.init)
    }
    #expect(try stats(back) == stats(ws))
    #expect(try tree(back) == tree(ws))
  }

  @Test func exportAndReportWriteWhatOfficesUse() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud"], home: s.path).status == 0)
    // CSV out, then into a blank workspace: the same outline comes back.
    var r = try Binary.run(["export", ws, "--format", "csv", "-o", s.path + "/gm.csv"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    let back = s.path + "/back"
    #expect(try Binary.run(["init", back, "--template", "blank"], home: s.path).status == 0)
    r = try Binary.run(["import", back, s.path + "/gm.csv"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    func titles(_ dir: String) throws -> [String] {
      try Binary.run(["tree", dir, "--today", "2022-06-15"], home: s.path).stdout.split(separator: "\n").dropFirst()
        .map { String($0.split(separator: " ", maxSplits: 1)[0]) }
    }
    #expect(try titles(ws) == titles(back))
    for format in ["md", "html", "json"] {
      r = try Binary.run(["export", ws, "--format", format], home: s.path)
      #expect(r.status == 0 && r.stdout.contains("格尔木"), "\(format): \(r.stderr)")
    }
    r = try Binary.run(["report", ws, "--by", "unit", "--today", "2022-06-15"], home: s.path)
    #expect(r.stdout.contains("市委宣传部") && r.stdout.contains("完成率"))
    r = try Binary.run(["report", ws, "--by", "coverage", "--format", "md"], home: s.path)
    // The plan's months (2021–2023), not the calendar year's (issue 17).
    #expect(r.stdout.hasPrefix("| 站点 / 队伍 2023年 |"), "\(r.stdout.prefix(80))")
    r = try Binary.run(["report", ws, "--by", "nothing"], home: s.path)
    #expect(r.status == 64)
  }
}

/// Issue 17: an imported workspace kept the blank template's title.
@Suite struct ImportTitleTests {
  @Test func aBlankPlanTakesTheTablesTitleOrItsFilesName() throws {
    let s = Scratch()
    for (name, text, title) in [
      ("表一.csv", "2023年创建全国文明城市任务分解表\n序号,工作任务,责任单位\n1,背街小巷整治,市城管局\n", "2023年创建全国文明城市任务分解表"),
      ("城区任务.csv", "序号,工作任务,责任单位\n1,背街小巷整治,市城管局\n", "城区任务"),
    ] {
      let ws = s.path + "/" + name + ".ws"
      #expect(try Binary.run(["init", ws, "--template", "blank", "--device", "office"], home: s.path).status == 0)
      s.write(name, text)
      let r = try Binary.run(["import", ws, s.path + "/" + name, "--device", "office"], home: s.path)
      #expect(r.status == 0, "\(r.stderr)")
      #expect(try Binary.run(["plan", ws], home: s.path).stdout.hasPrefix(title + "\n"))
    }
    // A plan with a name of its own keeps it.
    let gm = s.path + "/gm"
    #expect(try Binary.run(["init", gm, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    #expect(try Binary.run(["import", gm, s.path + "/表一.csv", "--device", "office"], home: s.path).status == 0)
    #expect(try Binary.run(["plan", gm], home: s.path).stdout.hasPrefix("格尔木市创建全国文明城市"))
  }
}
