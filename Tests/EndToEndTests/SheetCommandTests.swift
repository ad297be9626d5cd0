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
    #expect(s.files() == before)
    // Broken rows are named with their row numbers; the good ones go in.
    r = try Binary.run(["import", ws, Self.fixtures + "/broken.csv", "--year", "2023"], home: s.path)
    #expect(r.status == 0)
    #expect(r.stderr.contains("第 5 行已跳过") && r.stderr.contains("第 9 行"), "\(r.stderr)")
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
