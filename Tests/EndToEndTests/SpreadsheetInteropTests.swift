import Foundation
import Testing

/// Our exports as independent readers see them: openpyxl (Python) reads
/// the .xlsx, LibreOffice opens the CSV and the .xlsx. Each test is
/// skipped, saying why, where its reader is not installed (`.ci/run`
/// installs openpyxl from PyPI).
@Suite struct SpreadsheetInteropTests {
  /// A program on PATH, or nil.
  static func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  static let python: String? = {
    guard let python = which("python3"), let r = try? Binary.run(["-c", "import openpyxl"], home: "/tmp", executable: python),
      r.status == 0
    else { return nil }
    return python
  }()

  static let soffice = which("soffice")

  /// The outline codes `tree` shows, in order.
  static func codes(_ ws: String, home: String) throws -> [String] {
    try Binary.run(["tree", ws], home: home).stdout.split(separator: "\n").dropFirst()
      .map { String($0.split(separator: " ", maxSplits: 1)[0]) }
  }

  @Test(.enabled(if: python != nil, "python3 with openpyxl is not installed: pip install openpyxl"))
  func openpyxlReadsTheXLSXExport() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "changzhou"], home: s.path).status == 0)
    let r = try Binary.run(["export", ws, "--format", "xlsx", "-o", s.path + "/cz.xlsx"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    let script = """
      import json, sys, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      ws = wb.worksheets[0]
      rows = list(ws.iter_rows(min_row=2))
      print(json.dumps({
        "sheets": wb.sheetnames,
        "frozen": ws.freeze_panes,
        "header": [c.value for c in ws[1]],
        "codes": [r[0].value for r in rows],
        "codeTypes": sorted({r[0].data_type for r in rows}),
        "titles": [r[2].value for r in rows],
        "dates": sorted({type(r[5].value).__name__ for r in rows if r[5].value is not None}),
        "widthC": ws.column_dimensions["C"].width,
        "boldGroups": [r[2].value for r in rows if r[2].font.b],
      }, ensure_ascii=False))
      """
    s.write("check.py", script)
    let out = try Binary.run([s.path + "/check.py", s.path + "/cz.xlsx"], home: s.path, executable: Self.python!)
    #expect(out.status == 0, "\(out.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["sheets"] as? [String] == ["任务分解", "红色教育基地", "实践站逐月", "指标", "问题整改", "单位名录"])
    #expect(json["frozen"] as? String == "A2")
    #expect((json["header"] as? [String])?.prefix(3) == ["序号", "测评项目", "测评内容"])
    // Codes are text, 2.2.10 among them, exactly as `tree` shows them.
    let codes = try #require(json["codes"] as? [String])
    #expect(codes == (try Self.codes(ws, home: s.path)) && codes.contains("2.2.10"))
    #expect(json["codeTypes"] as? [String] == ["s"])
    #expect((json["titles"] as? [String])?.contains("常州“三杰”纪念馆") == true)
    #expect(json["dates"] as? [String] == ["datetime"])
    #expect((json["widthC"] as? Double ?? 0) >= 30)
    #expect((json["boldGroups"] as? [String])?.count == 5)
  }

  @Test(.enabled(if: soffice != nil, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"))
  func libreOfficeKeepsCodesAsText() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    // Codes that read as numbers or dates: 1.10 (1.1), 1.2 (a date).
    s.write("plan.csv", "序号,工作任务\n1,公共文明\n" + (1...12).map { "1.\($0),第\($0)项\n" }.joined())
    #expect(try Binary.run(["import", ws, s.path + "/plan.csv"], home: s.path).status == 0)
    #expect(try Binary.run(["export", ws, "--format", "csv", "-o", s.path + "/out.csv"], home: s.path).status == 0)
    #expect(try Binary.run(["export", ws, "--format", "xlsx", "-o", s.path + "/out.xlsx"], home: s.path).status == 0)
    // LibreOffice opens each and saves it as CSV of what it read: a code
    // read as a number would come out as 1.1 for 1.10.
    for (input, output) in [("out.csv", "fromcsv"), ("out.xlsx", "fromxlsx")] {
      let r = try Binary.run(["--headless", "-env:UserInstallation=file://" + s.path + "/lo", "--convert-to",
                              "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", s.path + "/" + output,
                              s.path + "/" + input], home: s.path, executable: Self.soffice!)
      #expect(r.status == 0, "\(r.stderr)")
      let name = input.replacingOccurrences(of: ".xlsx", with: ".csv")
      let text = try String(contentsOfFile: s.path + "/\(output)/\(name)", encoding: .utf8)
      let codes = text.split(separator: "\n").dropFirst().map {
        String($0.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0])
          .trimmingCharacters(in: CharacterSet(charactersIn: "\"\t\r"))
      }
      #expect(codes == (try Self.codes(ws, home: s.path)), "\(input)")
    }
  }
}
