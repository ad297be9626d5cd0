import Foundation
import Domain
import Testing
@testable import Sheets

/// Tables as city offices send them (issue 16): headers of their own,
/// headings in the 序号 cell, units and deadlines written once for a
/// heading, the evaluation system's four levels, every deadline form,
/// and unit cells with 等 and collective names.
@Suite struct OfficeTableTests {
  static let city = ImportTests.city

  static func load(_ name: String, _ options: ImportOptions = ImportOptions()) throws -> (ImportResult, Campaign) {
    let r = try importSheet(Fixture.bytes(name), into: city, options: options)
    return (r, r.applied(to: city))
  }

  /// "code kind title | units | due" for each node.
  static func rows(_ c: Campaign) -> [String] {
    c.preorder().map {
      let n = c.nodes[$0]
      return "\(c.code($0)) \(n.kind.rawValue) \(n.title) | \(ImportTests.units(c, n).joined(separator: "、")) | \(n.due?.description ?? "")"
    }
  }

  static func issues(_ r: ImportResult) -> [String] { r.warnings.map { "\($0.row) \($0.kind) \($0.text)" } }

  @Test func headersOfficesWriteFindUnitsAndDeadlines() throws {
    // 负责部门 and 时间进度 were notes: 0 of 13 units, 0 deadlines.
    let (r, c) = try Self.load("departments.csv", ImportOptions(year: 2021))
    #expect(Self.rows(c) == [
      "1 item 完善创建工作机制，制定年度任务分解表 | 市文明办 | 2021-03-31",
      "2 item 开展“文明交通”专项行动 | 市公安局、市交通运输局 | ",
      "3 item 整治背街小巷环境卫生 | 市城管局、各区政府 | 2017-12-31",
      "4 item 推进农贸市场标准化改造 | 市市场监管局、市商务局 | 2021-09-20",
      "5 item 加强网络公益广告宣传 | 市委网信办、各大商业网站 | ",
      "6 item 开展志愿服务进社区 | 团市委、市民政局 | 2021-06-30",
      "7 item 整改测评发现的问题 | 市文明办、市直各部门 | ",
      "8 item 规范户外广告设置 | 市城管局 | 2021-06-30",
      "9 item 提升窗口单位服务水平 | 市政务服务中心 | 2016-06-30",
      "10 item 开展文明校园创建 | 市教育局 | 2021-12-31",
      "11 item 落实创建工作经费 | 市财政局 | 2021-08-20",
    ])
    #expect(r.newUnits.count == 13 && c.nodes.allSatisfy { $0.note.isEmpty || $0.note.hasPrefix("时限：") })
    // Every deadline not read as a date is listed with its row; the
    // collective units are flagged where they first appear.
    #expect(Self.issues(r) == [
      "3 deadlineOngoing 常态工作", "4 collectiveUnit 各区政府", "6 collectiveUnit 各大商业网站",
      "6 deadlineOngoing 持续推进", "8 collectiveUnit 市直各部门", "8 deadlineOngoing 三个工作日内",
    ])
    #expect(r.ongoing.count == 3)
    #expect(try ImportTests.node(c, "开展“文明交通”专项行动").note == "时限：常态工作")
    // Without a year, the three without one are said so, by row.
    let (r2, _) = try Self.load("departments.csv")
    #expect(r2.warnings.filter { $0.kind == .deadlineNeedsYear }.map(\.row) == [5, 9, 12])
  }

  @Test func headingsInTheNumberCellAndUnitsCarriedDown() throws {
    let (r, c) = try Self.load("goals.csv")
    #expect(Self.rows(c) == [
      "1 group 重要目标任务及责任分工 |  | ",
      "1.1 task 巩固全国文明城市创建成果 | 县文明办 | 2021-12-31",
      "1.1.1 item 完善创建工作台账 | 县文明办 | 2021-12-31",
      "1.1.2 item 开展创建工作督查 | 县委督查室 | 2021-12-31",
      "1.1.3 item 组织“回头看” | 县文明办 | 2021-10-31",
      "1.2 task 提升市民文明素质 | 县委宣传部、各乡镇 | ",
      "1.2.1 item 开展文明礼仪宣传 | 县委宣传部、各乡镇 | ",
      "2 group 迎检内容及职责分工 |  | ",
      "2.1 item 实地考察点位整改 | 各县（区）政府 | ",
    ])
    #expect(r.skipped.isEmpty)
    #expect(Self.issues(r) == [
      "8 collectiveUnit 各乡镇", "11 collectiveUnit 各县（区）政府", "11 deadlineOngoing 长期坚持",
    ])
  }

  /// Units and a deadline merged down beside a section's items (a CSV
  /// keeps them on the first row only): the items below take them.
  @Test func unitsMergedBesideASectionsItems() throws {
    let csv = """
      测评项目,测评内容,责任单位,完成时限
      公共文明,文明交通,市公安局,2023年6月底
      ,文明旅游,,
      ,文明餐桌,市商务局,
      公共环境,背街小巷,市城管局,2023年底
      ,农贸市场,,
      """
    let c = try importSheet(Array(csv.utf8), into: Self.city).applied(to: Self.city)
    #expect(Self.rows(c) == [
      "1 group 公共文明 |  | ",
      "1.1 item 文明交通 | 市公安局 | 2023-06-30", "1.2 item 文明旅游 | 市公安局 | 2023-06-30",
      "1.3 item 文明餐桌 | 市商务局 | 2023-06-30",
      "2 group 公共环境 |  | ", "2.1 item 背街小巷 | 市城管局 | 2023-12-31", "2.2 item 农贸市场 | 市城管局 | 2023-12-31",
    ])
  }

  @Test func theEvaluationSystemInFourLevels() throws {
    let (r, c) = try Self.load("evaluation.csv")
    #expect(ImportTests.outline(c) == [
      "1 group 公共文明",
      "1.1 task 文明交通",
      "1.1.1 task 机动车礼让斑马线", "1.1.1.1 item 礼让率达到90%以上", "1.1.1.2 item 路口有文明劝导员",
      "1.1.2 task 行人文明过马路", "1.1.2.1 item 闯红灯现象较少",
      "1.2 task 文明旅游", "1.2.1 task 景区文明引导", "1.2.1.1 item 有志愿者引导",
      "2 group 公共环境", "2.1 task 环境卫生", "2.1.1 task 背街小巷", "2.1.1.1 item 路面整洁",
    ])
    // 测评方法 and 分值 are the standard's facts, not note lines.
    let standard = try ImportTests.node(c, "礼让率达到90%以上")
    #expect(standard.note == "" && standard.standard == StandardFacts(points: 2, methods: [.site]))
    #expect(try ImportTests.node(c, "有志愿者引导").standard == StandardFacts(points: 1, methods: [.material]))
    // A table of standards has no units or deadlines: said, not silent.
    #expect(r.warnings.map(\.kind) == [.noUnitColumn, .noDeadlineColumn] && r.warnings.allSatisfy { $0.row == 1 })
  }

  @Test func headingsInTheNumberCellAboveSeveralTitleColumns() throws {
    let csv = """
      序号,测评项目,测评内容,牵头单位
      一、基础指标,,,
      1,公共文明,文明交通,市公安局
      2,,文明旅游,市文旅局
      二、重点指标,,,
      3,公共环境,背街小巷,市城管局
      """
    let c = try importSheet(Array(csv.utf8), into: Self.city).applied(to: Self.city)
    #expect(ImportTests.outline(c) == [
      "1 group 基础指标", "1.1 task 公共文明", "1.1.1 item 文明交通", "1.1.2 item 文明旅游",
      "2 group 重点指标", "2.1 task 公共环境", "2.1.1 item 背街小巷",
    ])
  }

  @Test func aMapNamesColumnsOfNoKnownHeader() throws {
    #expect(throws: SheetError.self) { try Self.load("unmapped.csv") }
    let map = try ColumnOverrides("事项=task, C=lead, 4=完成时限")
    let (r, c) = try Self.load("unmapped.csv", ImportOptions(map: map))
    #expect(Self.rows(c) == ["1 item 开展文明交通劝导 | 市公安局 | 2023-06-30", "2 item 整治占道经营 | 市城管局 | 2023-09-30"])
    #expect(r.warnings.isEmpty)
    // A header's role can be taken away, too.
    let (r2, c2) = try Self.load("unmapped.csv", ImportOptions(map: ColumnOverrides("事项=content,承办处室=skip,D=deadline")))
    #expect(c2.nodes.allSatisfy { $0.lead == nil } && r2.warnings.map(\.kind) == [.noUnitColumn])
    for bad in ["事项", "=lead", "C=boss"] {
      #expect(throws: SheetError.badMap(bad)) { try ColumnOverrides(bad) }
    }
  }

  /// docs/import.md lists every header the one table knows, and no other.
  @Test func theDocumentedSynonymsAreTheTable() throws {
    let url = Fixture.folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/import.md")
    let doc = try String(contentsOf: url, encoding: .utf8)
    var missing: [String] = []
    for field in SheetField.allCases {
      for header in field.headers where header.unicodeScalars.contains(where: { $0.value > 0x2E80 }) {
        if !doc.contains(header) { missing.append(header) }
      }
      if field != .skip && !doc.contains("`\(field.rawValue)`") { missing.append(field.rawValue) }
    }
    #expect(missing.isEmpty, "docs/import.md does not list \(missing)")
  }

  @Test func headersOnTwoRowsOrCutInTwo() throws {
    let csv = "序号,工作任务,完成,责任单位,\n,,时限,牵头单位,配合单位\n1,开展文明交通劝导,2023年6月底,市公安局,团市委\n"
    let c = try importSheet(Array(csv.utf8), into: Self.city).applied(to: Self.city)
    #expect(Self.rows(c) == ["1 item 开展文明交通劝导 | 市公安局、团市委 | 2023-06-30"])
    // 牵头 | 配合 under 责任单位.
    let short = "序号,工作任务,责任单位,\n,,牵头,配合\n1,开展文明交通劝导,市公安局,团市委\n"
    let c2 = try importSheet(Array(short.utf8), into: Self.city).applied(to: Self.city)
    #expect(Self.rows(c2) == ["1 item 开展文明交通劝导 | 市公安局、团市委 | "])
  }

  @Test func romanNumeralsAndCodesAreKeptOutOfTitles() {
    #expect(numbering("Ⅲ 公共文明") == Numbering(level: 1, rest: "公共文明"))
    #expect(numbering("Ⅲ—1 文明交通") == Numbering(level: 2, rest: "文明交通"))
    #expect(numbering("Ⅲ-1-2文明旅游") == Numbering(level: 3, rest: "文明旅游"))
    #expect(numbering("IV、志愿服务") == Numbering(level: 1, rest: "志愿服务"))
    #expect(numbering("Ⅳ公共环境") == Numbering(level: 1, rest: "公共环境"))
    for text in ["IVF体外受精", "XX市文明办", "I like it", "Ⅲ—"] { #expect(numbering(text) == nil, "\(text)") }
  }

  @Test func unitNamesWithoutTrailingDengAndMatchedLoosely() throws {
    #expect(unitNames("市文明办等市直各部门") == ["市文明办", "市直各部门"])
    #expect(unitNames("各大商业网站等") == ["各大商业网站"])
    #expect(unitNames("市教育局、市高等职业学校") == ["市教育局", "市高等职业学校"])
    #expect(unitNames("市公安局等单位") == ["市公安局"])
    #expect(unitNames("市文明办牵头，各成员单位配合") == ["市文明办", "各成员单位"])
    for name in ["各县区", "各县（区）政府", "市直各部门", "各乡镇", "相关部门"] { #expect(isCollectiveUnit(name), "\(name)") }
    for name in ["市文明办", "县委宣传部"] { #expect(!isCollectiveUnit(name), "\(name)") }
    // Names that differ only in blanks and full/half-width punctuation
    // are the campaign's units, not new ones.
    let city = Campaign(id: "c", title: "t", units: [Unit(id: "u1", name: "各县（区）政府"), Unit(id: "u2", name: "市 文明办")])
    let csv = "工作任务,牵头单位,配合单位\n开展文明交通劝导,各县(区)政府,市文明办\n"
    let r = try importSheet(Array(csv.utf8), into: city)
    #expect(r.newUnits.isEmpty && r.nodes[0].lead == "u1" && r.nodes[0].support == ["u2"])
  }

  /// An office's own evaluation sheet: 分值 as "2分", several methods in
  /// one cell, the point types each standard applies to, the negative
  /// list; what cannot be read is said and kept in the note, and a type
  /// not here is said once.
  @Test func standardsFactsFromTheSheet() throws {
    let csv = """
      测评项目,测评内容,测评标准,测评方法,分值,适用点位,负面清单
      公共环境,农贸市场,地面无垃圾,实地考察,2分,农贸市场、集贸市场,
      ,,无活禽宰杀,实地考察、材料审核,１.５,农贸市场,是
      ,,公示栏规范,看现场,两分,,也许
      """
    let r = try importSheet(Array(csv.utf8), into: Self.city)
    let c = try r.applied(to: Self.city)
    #expect(try ImportTests.node(c, "地面无垃圾").standard == StandardFacts(points: 2, methods: [.site], types: ["农贸市场", "集贸市场"]))
    #expect(try ImportTests.node(c, "无活禽宰杀").standard
      == StandardFacts(points: 1.5, methods: [.site, .material], types: ["农贸市场"], negative: true))
    let unread = try ImportTests.node(c, "公示栏规范")
    #expect(unread.note == "测评方法：看现场\n分值：两分\n负面清单：也许")
    #expect(r.warnings.filter { $0.kind == .badFact }.map(\.row) == [4, 4, 4])
    #expect(r.warnings.filter { $0.kind == .unknownPointType }.map(\.text) == ["集贸市场"])
  }
}
