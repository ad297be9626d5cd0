import Domain
import Testing
@testable import Sheets

/// Export writes a table Excel and WPS open safely; importing it gives the
/// same tree back.
@Suite struct ExportTests {
  /// Each node as one line: code, title, units by name, deadline, status,
  /// note.
  static func lines(_ c: Campaign) -> [String] {
    c.preorder().map { i in
      let n = c.nodes[i]
      let units = ((n.lead.map { [$0] } ?? []) + n.support).map(c.unitName).joined(separator: "+")
      return "\(c.code(i)) \(n.title) | \(units) | \(n.due?.description ?? "-") | \(n.status) | \(n.note.debugDescription)"
    }
  }

  static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.dropFirst(3), as: UTF8.self)
  }

  /// A template with some statuses set, so that they travel too.
  static func sample(_ name: String) throws -> Campaign {
    var c = try #require(Templates.build(name))
    for (k, i) in c.preorder().enumerated() where k % 3 != 0 {
      c.update(i) { $0.status = k % 3 == 1 ? .doing : .done }
    }
    return c
  }

  static func reimport(_ bytes: [UInt8], like c: Campaign) throws -> (ImportResult, Campaign) {
    let empty = Campaign(id: c.id, title: c.title)
    let r = try importSheet(bytes, into: empty)
    return (r, r.applied(to: empty))
  }

  @Test(arguments: Templates.names, [Lang.zh, .en])
  func templatesRoundTrip(_ name: String, _ lang: Lang) throws {
    let c = try Self.sample(name)
    let bytes = exportCSV(c, lang: lang)
    let (r, back) = try Self.reimport(bytes, like: c)
    // Only what the office should know of its own plan: names that
    // stand for many units, work without an end date.
    #expect(r.skipped.isEmpty && r.warnings.allSatisfy { [.collectiveUnit, .deadlineOngoing].contains($0.kind) })
    #expect(r.rowsRead == c.nodes.count)
    #expect(Self.lines(back) == Self.lines(c))
    #expect(back.structuralIssues().isEmpty)
    // Kinds come back: written where they are not the shape's (a top
    // node with children a group, other parents tasks, leaves items).
    #expect(back.preorder().map { back.nodes[$0].kind } == c.preorder().map { c.nodes[$0].kind })
    // Every unit a node names comes back once, by name.
    let used = Set(c.nodes.flatMap { ($0.lead.map { [$0] } ?? []) + $0.support }.map(c.unitName))
    #expect(Set(back.units.map(\.name)) == used && back.units.count == used.count)
    // A second round changes nothing.
    #expect(exportCSV(try Self.reimport(exportCSV(back, lang: lang), like: c).1, lang: lang)
            == exportCSV(back, lang: lang))
  }

  /// The same table as an .xlsx reads back the same, every template.
  @Test(arguments: Templates.names)
  func templatesRoundTripAsXLSX(_ name: String) throws {
    let c = try Self.sample(name)
    let bytes = exportXLSX(c, today: Day(year: 2022, month: 6, day: 15)!, lang: .zh)
    let (r, back) = try Self.reimport(bytes, like: c)
    #expect(r.sheet == "任务分解" && r.skipped.isEmpty && r.rowsRead == c.nodes.count)
    #expect(Self.lines(back) == Self.lines(c))
    // As the CSV does.
    let (_, viaCSV) = try Self.reimport(exportCSV(c, lang: .zh), like: c)
    #expect(back == viaCSV)
    // The same campaign, the same bytes.
    #expect(exportXLSX(c, today: Day(year: 2022, month: 6, day: 15)!, lang: .zh) == bytes)
  }

  @Test func xlsxTextIsEscapedAndBounded() {
    #expect(escapeXML("a<b>&\"c\"\u{1}\u{1B}d\r\n") == "a&lt;b&gt;&amp;&quot;c&quot;d&#13;\n")
    #expect(sheetName("任务[分解]/2023:年度*?") == "任务分解2023年度")
    #expect(sheetName(String(repeating: "表", count: 40)).count == 31)
  }

  @Test func theTreeSurvivesExcelRenumbering() throws {
    // Excel reads 序号 "1.10" as the number 1.1: the tree comes from the
    // section paths, so even a column of 1s changes nothing.
    let c = try Self.sample("golmud")
    var records = try readCSV(Self.text(exportCSV(c, lang: .zh)))
    for k in records.indices.dropFirst() { records[k].cells[0] = "1" }
    let mangled = records.map { $0.cells.map(csvField).joined(separator: ",") }.joined(separator: "\r\n")
    let (_, back) = try Self.reimport(Array(mangled.utf8), like: c)
    #expect(Self.lines(back) == Self.lines(c))
  }

  @Test func bomCRLFHeadersAndQuoting() throws {
    var c = Campaign(id: "t", title: "t")
    let u = c.ensureUnit(named: "市文明办")
    let v = c.ensureUnit(named: "团市委")
    c.insert(Node(id: "g", kind: .group, title: "志愿服务"))
    c.insert(Node(id: "i", parent: "g", kind: .item, title: "开展\"学雷锋\"活动, 每月一次", lead: u,
                  support: [v], due: Day(iso: "2023-03-31"), status: .done, note: "第一行\n第二行"))
    let bytes = exportCSV(c, lang: .zh)
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(Self.text(bytes) == """
      序号,测评项目,测评内容,牵头单位,配合单位,完成时限,状态,进度,备注\r
      "\t1",,志愿服务,,,,未开始,100%,\r
      "\t1.1",志愿服务,"开展""学雷锋""活动, 每月一次",市文明办,团市委,2023-03-31,已完成,100%,"第一行
      第二行"\r

      """)
    let english = Self.text(exportCSV(c, lang: .en))
    #expect(english.hasPrefix("No.,Section,Title,Lead unit,Supporting units,Deadline,Status,Progress,Note\r\n"))
    #expect(english.contains(",done,100%,"))
  }

  @Test func formulasAreDefused() throws {
    let risky = ["=1+1", "+86 0979", "-5", "@SUM(A1)", "'已核实", "\t制表符", "\r回车"]
    var c = Campaign(id: "t", title: "t")
    c.insert(Node(id: "g", kind: .group, title: "=HYPERLINK(\"http://x\")"))
    for (k, text) in risky.enumerated() {
      c.insert(Node(id: "n\(k)", parent: "g", kind: .item, title: text, lead: c.ensureUnit(named: "-单位"),
                    note: text))
    }
    let bytes = exportCSV(c, lang: .zh)
    let records = try readCSV(Self.text(bytes))
    for record in records.dropFirst() {
      // The code after a tab, to stay text: digits and dots, no formula.
      #expect(record.cells[0].first == "\t" && record.cells[0].dropFirst().allSatisfy { $0.isNumber || $0 == "." })
      for cell in record.cells.dropFirst() {
        #expect(!(cell.unicodeScalars.first.map(formulaStarts.contains) ?? false), "\(cell)")
      }
    }
    #expect(csvTextField("=1+1") == "'=1+1" && csvTextField("5.10") == "\"\t5.10\"")
    #expect(records[1].cells[2] == "'=HYPERLINK(\"http://x\")")
    #expect(records.dropFirst(2).map { $0.cells[2] } == ["'=1+1", "'+86 0979", "'-5", "'@SUM(A1)", "''已核实", "'\t制表符", "'\n回车"])
    #expect(records[2].cells[3] == "'-单位")
    // Reading strips exactly the apostrophe that was added.
    let (_, back) = try Self.reimport(bytes, like: c)
    #expect(back.nodes.map(\.title) == ["=HYPERLINK(\"http://x\")", "=1+1", "+86 0979", "-5", "@SUM(A1)", "'已核实", "制表符", "回车"])
    #expect(back.nodes[1].lead.map(back.unitName) == "-单位")
  }

  @Test func deadlinesThatAreNotDatesGoBackToTheirColumn() throws {
    // What the import kept as "时限：…" in the note is written back as the
    // deadline, so it reads the same again.
    let (first, c) = try ImportTests.load("merged.csv")
    let csv = Self.text(exportCSV(c, lang: .zh))
    #expect(csv.contains(",健全志愿服务站点,市文明办,团市委、各县（市、区）政府,长期坚持,未开始,0%,\r\n"))
    #expect(csv.contains(",上半年,未开始,0%,每年3月集中开展\r\n"))
    let r = try importSheet(exportCSV(c, lang: .zh), into: ImportTests.city)
    let back = r.applied(to: ImportTests.city)
    #expect(Self.lines(back) == Self.lines(c))
    #expect(r.ongoing.count == 1 && first.ongoing.count == 1)
    #expect(back.node(r.ongoing.first!)?.title == "健全志愿服务站点")
    #expect(r.warnings.map(\.kind) == [.collectiveUnit, .collectiveUnit, .deadlineOngoing, .deadlineNeedsYear])
    // Units the campaign has are matched, as on the first import.
    #expect(r.newUnits.map(\.name) == first.newUnits.map(\.name))
  }
}
