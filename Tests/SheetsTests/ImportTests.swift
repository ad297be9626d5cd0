import Domain
import Testing
@testable import Sheets

/// The tree, units, deadlines and notes read from the sample tables.
@Suite struct ImportTests {
  /// A campaign that already has two of the units the tables name.
  static let city = Campaign(
    id: "city", title: "2023年创建全国文明城市",
    units: [Unit(id: "u1", name: "市公安局"), Unit(id: "u2", name: "市文明办")])

  static func load(_ name: String, _ options: ImportOptions = ImportOptions()) throws
    -> (ImportResult, Campaign)
  {
    let r = try importSheet(Fixture.bytes(name), into: city, options: options)
    return (r, r.applied(to: city))
  }

  /// The outline as "code kind title" lines.
  static func outline(_ c: Campaign) -> [String] {
    c.preorder().map { "\(c.code($0)) \(c.nodes[$0].kind.rawValue) \(c.nodes[$0].title)" }
  }

  static func node(_ c: Campaign, _ title: String) throws -> Node {
    try #require(c.nodes.first { $0.title == title }, "no node \(title)")
  }

  static func units(_ c: Campaign, _ n: Node) -> [String] {
    (n.lead.map { [$0] } ?? []).map(c.unitName) + n.support.map(c.unitName)
  }

  /// A hostile sheet's control characters (a terminal's title set, the
  /// screen cleared, text reversed) are not kept in titles or unit names.
  @Test func controlCharactersInCellsAreNotKept() throws {
    let csv = "序号,工作任务,牵头单位\n1,\u{1B}]2;pwned\u{07}整治\u{202E}背街小巷,市\u{1B}[2J城管局\u{9B}\n"
    let r = try importSheet(Array(csv.utf8), into: Self.city)
    let c = r.applied(to: Self.city)
    let n = try Self.node(c, "]2;pwned整治背街小巷")
    #expect(Self.units(c, n) == ["市[2J城管局"])
    #expect(!c.nodes.contains { $0.title.hasTerminalControls } && !c.units.contains { $0.name.hasTerminalControls })
  }

  /// Rows nested past Campaign.maxDepth are skipped with a reason, not
  /// journaled and then silently refused on replay.
  @Test func rowsTooDeepAreSkipped() throws {
    var csv = "序号,工作任务\n", code = "1"
    for k in 1...66 { csv += "\(code),第\(k)层\n"; code += ".1" }
    let r = try importSheet(Array(csv.utf8), into: Self.city)
    #expect(r.nodes.count == 64)
    #expect(r.skipped.map(\.row) == [66, 67] && r.skipped.allSatisfy { $0.kind == .tooDeep })
  }

  @Test func mergedProjectCellsFillDown() throws {
    let (r, c) = try Self.load("merged.csv")
    #expect(Self.outline(c) == [
      "1 group 公共文明行为",
      "1.1 item 开展文明交通志愿服务", "1.2 item 整治占道经营和流动摊贩", "1.3 item 推进文明餐桌行动",
      "2 group 公共环境卫生",
      "2.1 item 农贸市场环境整治", "2.2 item 背街小巷环境整治", "2.3 item 公共厕所改造提升",
      "3 group 志愿服务",
      "3.1 item 健全志愿服务站点", "3.2 item 开展学雷锋志愿服务月活动",
    ])
    #expect(r.headerRow == 2 && r.rowsRead == 8 && r.encoding == .utf8)
    #expect(r.skipped.isEmpty)
    // Nodes come parents first, with parent ids set and fresh ids.
    #expect(r.nodes.map(\.id) == (1...11).map { "imp-\($0)" })
    #expect(r.nodes[1].parent == "imp-1" && r.nodes[0].parent == nil)
    #expect(c.structuralIssues().isEmpty)
  }

  @Test func unitsAreSplitMatchedAndMade() throws {
    let (r, c) = try Self.load("merged.csv")
    let traffic = try Self.node(c, "开展文明交通志愿服务")
    // 牵头单位 "市公安局、市交通运输局": the first leads, the rest support.
    #expect(traffic.lead == "u1")
    #expect(Self.units(c, traffic) == ["市公安局", "市交通运输局", "各区政府"])
    #expect(Self.units(c, try Self.node(c, "整治占道经营和流动摊贩")) == ["市城管局", "市市场监管局", "各区政府"])
    let table = try Self.node(c, "推进文明餐桌行动")
    #expect(table.support.first == "u2")  // 市文明办, by its exact name
    #expect(Self.units(c, table) == ["市商务局", "市文明办", "市市场监管局"])
    #expect(Self.units(c, try Self.node(c, "农贸市场环境整治")) == ["市市场监管局", "市城管局", "市卫健委"])
    #expect(Self.units(c, try Self.node(c, "背街小巷环境整治")) == ["各区政府", "市城管局", "市住建局"])
    // A comma inside brackets does not split a name.
    #expect(Self.units(c, try Self.node(c, "健全志愿服务站点")) == ["市文明办", "团市委", "各县（市、区）政府"])
    // Each new name once, numbered with the import's prefix.
    #expect(r.newUnits.map(\.name) == ["市交通运输局", "各区政府", "市城管局", "市市场监管局", "市商务局",
                                       "市卫健委", "市住建局", "团市委", "各县（市、区）政府"])
    #expect(r.newUnits.map(\.id) == (1...9).map { "u-imp-\($0)" })
  }

  @Test func deadlinesNotesAndOngoingWork() throws {
    let (r, c) = try Self.load("merged.csv")
    let due = c.preorder().compactMap { c.nodes[$0].due?.description }
    #expect(due == ["2023-06-30", "2023-09-30", "2023-10-31", "2023-08-15", "2023-12-31", "2023-12-31"])
    #expect(try Self.node(c, "开展文明交通志愿服务").note == "责任人：张伟")
    #expect(try Self.node(c, "整治占道经营和流动摊贩").note == "重点路段每日巡查")
    let stations = try Self.node(c, "健全志愿服务站点")
    #expect(r.ongoing == [stations.id])
    #expect(stations.due == nil && stations.note == "时限：长期坚持")
    // Marked on the node itself: kept in the files, shown beside it.
    #expect(stations.flags == [.ongoing])
    // 上半年 has no year: kept in the note, with a warning on its row.
    let month = try Self.node(c, "开展学雷锋志愿服务月活动")
    #expect(month.due == nil && month.note == "每年3月集中开展\n时限：上半年")
    // Every deadline not read as a date is said, by row, as are units
    // that stand for many.
    #expect(r.warnings.map { "\($0.row) \($0.kind)" } == [
      "3 collectiveUnit", "9 collectiveUnit", "9 deadlineOngoing", "10 deadlineNeedsYear",
    ])
    // Given the year, it is the end of June.
    let (r2, c2) = try Self.load("merged.csv", ImportOptions(year: 2023))
    #expect(!r2.warnings.contains { $0.kind == .deadlineNeedsYear })
    let month2 = try Self.node(c2, "开展学雷锋志愿服务月活动")
    #expect(month2.due == Day(iso: "2023-06-30") && month2.note == "每年3月集中开展")
  }

  @Test func bomCRLFAndATwoRowHeader() throws {
    let (r, c) = try Self.load("bom-crlf.csv")
    #expect(Self.outline(c) == [
      "1 group 网络文明建设", "1.1 item 开展“清朗”系列专项行动", "1.2 item 培育网络正能量",
      "2 group 诚信建设", "2.1 item 推进“诚信商户”评选",
    ])
    #expect(r.headerRow == 1 && r.rowsRead == 3)
    #expect(Self.units(c, try Self.node(c, "开展“清朗”系列专项行动")) == ["市委网信办", "市公安局", "市文旅局"])
    #expect(try Self.node(c, "培育网络正能量").due == Day(iso: "2023-12-31"))
    #expect(try Self.node(c, "推进“诚信商户”评选").due == Day(iso: "2023-11-30"))
  }

  @Test func gb18030ReadsLikeItsUTF8Source() throws {
    let (r, c) = try Self.load("gb18030.csv")
    let (r8, c8) = try Self.load("gb18030.utf8.csv")
    #expect(r.encoding == .gb18030 && r8.encoding == .utf8)
    #expect(c == c8)
    #expect(try Self.node(c, "开展文明交通志愿服务").note == "责任人：王䶮")
  }

  @Test func outlineNumberingNests() throws {
    let (r, c) = try Self.load("outline.csv")
    #expect(Self.outline(c) == [
      "1 group 加强思想道德建设",
      "1.1 task 深化习近平新时代中国特色社会主义思想学习教育",
      "1.1.1 task 组织理论宣讲进基层",
      "1.1.1.1 item 开展百姓宣讲",
      "1.1.1.2 item 制作宣讲微视频",
      "1.1.2 item 建立学习台账，每月通报",
      "1.2 task 培育和践行社会主义核心价值观",
      // Unnumbered: under the last numbered heading; "1.5万" is no number.
      "1.2.1 item 全年新增注册志愿者1.5万名",
      "1.2.2 item 评选“最美格尔木人”",
      "2 group 优化城市环境",
      "2.1 item 开展城乡环境综合整治",
    ])
    #expect(r.skipped.isEmpty && r.warnings.map(\.kind) == [.collectiveUnit, .deadlineOngoing])
    #expect(try Self.node(c, "开展百姓宣讲").due == Day(iso: "2023-09-30"))
    #expect(try Self.node(c, "制作宣讲微视频").due == Day(iso: "2023-09-30"))  // 第三季度
    #expect(r.ongoing == [try Self.node(c, "建立学习台账，每月通报").id])
  }

  @Test func outlineCodesInTheNumberColumn() throws {
    let (_, c) = try Self.load("codes.csv")
    #expect(Self.outline(c) == [
      "1 group 健全创建工作机制", "1.1 item 召开创建工作推进会", "1.2 item 建立周调度月通报制度",
      "2 group 提升市民文明素质", "2.1 task 开展文明礼仪进社区", "2.1.1 item 编印市民文明手册",
      // 2.10 is the tenth under 2, not 2.1 again.
      "2.2 item 推广“文明餐桌”公益广告",
    ])
  }

  @Test func everyDeadlineForm() throws {
    let (r, c) = try Self.load("dates.csv")
    func due(_ title: String) throws -> String? { try Self.node(c, title).due?.description }
    for title in ["横线日期", "斜线日期", "点号日期", "中文日期", "月底", "带时间", "全角数字", "Excel序列号"] {
      #expect(try due(title) == "2023-06-30", "\(title)")
    }
    #expect(try due("年底") == "2023-12-31")
    #expect(try due("下半年") == "2023-12-31")
    #expect(try due("截止前") == "2023-09-30")
    #expect(try due("季度") == "2023-09-30")
    let ongoing = try ["长期坚持", "持续推进", "常态化", "长期"].map { try Self.node(c, $0) }
    #expect(r.ongoing == Set(ongoing.map(\.id)))
    #expect(ongoing.map(\.note) == ["时限：长期坚持", "时限：持续推进", "时限：常态化开展", "时限：长期"])
    // Record numbers: the header is row 1.
    #expect(r.warnings.map { "\($0.row) \($0.kind) \($0.text)" } == [
      "1 noUnitColumn ", "8 deadlineNeedsYear 6月底", "9 deadlineNeedsYear 上半年",
      "11 deadlineOngoing 长期坚持", "12 deadlineOngoing 持续推进", "13 deadlineOngoing 常态化开展", "14 deadlineOngoing 长期",
      "20 badDeadline 尽快", "21 badDeadline 2023-02-30",
    ])
    #expect(try Self.node(c, "无法识别").note == "时限：尽快")

    let (r2, c2) = try Self.load("dates.csv", ImportOptions(year: 2024))
    #expect(try Self.node(c2, "无年份月底").due == Day(iso: "2024-06-30"))
    #expect(try Self.node(c2, "上半年").due == Day(iso: "2024-06-30"))
    #expect(r2.warnings.filter { $0.kind == .badDeadline || $0.kind == .deadlineNeedsYear }.count == 2)
  }

  @Test func quotedCellsAndExtraColumns() throws {
    let (r, c) = try Self.load("quoted.csv")
    #expect(Self.outline(c) == [
      "1 group 未成年人思想道德建设",
      "1.1 item 开展\"扣好人生第一粒扣子\"主题教育",
      "1.2 item 建设家长学校, 留守儿童之家",
      // A line break inside a title is dropped between Chinese characters.
      "1.3 item 组织“我们的节日”主题活动",
    ])
    let first = try Self.node(c, "开展\"扣好人生第一粒扣子\"主题教育")
    #expect(Self.units(c, first) == ["市教育局", "团市委", "市妇联"])
    #expect(first.note == "覆盖全市63所中小学校\n每学期不少于2次\n督导组：第一督导组\n联系电话：0979-8421234")
    #expect(Self.units(c, try Self.node(c, "建设家长学校, 留守儿童之家")) == ["市教育局", "市妇联", "市民政局"])
    #expect(try Self.node(c, "组织“我们的节日”主题活动").note == "春节、清明、端午、七夕、中秋、重阳")
    // The row without a title is record 4, though it is on line 6.
    #expect(r.skipped.map(\.row) == [4])
    #expect(r.skipped.map(\.kind) == [.noTitle])
  }

  @Test func brokenRowsAreSkippedOrWarnedByRow() throws {
    let (r, c) = try Self.load("broken.csv", ImportOptions(lang: .en))
    #expect(Self.outline(c) == [
      "1 group 市容市貌", "1.1 item 主次干道立面整治", "1.2 item 户外广告清理",
      "1.3 item 夜市规范管理", "1.4 item 窗口单位文明服务",
    ])
    #expect(r.headerRow == 3 && r.rowsRead == 7)
    // Row 5 has units but no title; 10 repeats the project alone; 11 is
    // the footer. The blank row 6 is passed over silently.
    #expect(r.skipped.map(\.row) == [5, 10, 11])
    #expect(r.skipped[0].message == "no title (测评项目 and 测评内容 are blank)")
    #expect(r.skipped[1].message.contains("市容市貌"))
    #expect(r.warnings.map { "\($0.row) \($0.kind) \($0.text)" } == [
      "7 badDeadline 下个月", "8 deadlineNeedsYear 9月底", "9 badStatus 待定", "9 badDeadline 2023-13-01",
    ])
    #expect(r.warnings[0].message == "unreadable deadline “下个月” (kept in the note)")
    let service = try Self.node(c, "窗口单位文明服务")
    #expect(service.status == .todo && service.due == nil)
    #expect(service.note == "状态：待定\n时限：2023-13-01")
    #expect(try Self.node(c, "主次干道立面整治").status == .doing)
    #expect(try Self.node(c, "夜市规范管理").status == .done)
  }

  @Test func repeatedAndNumberedProjects() throws {
    // Project cells repeated on every row (not merged), once out of order
    // after a sort; numbering in both columns; a second lead column.
    let csv = """
      测评项目,测评内容,牵头单位,责任单位
      一、公共文明行为,1.文明交通,市公安局,市交通运输局
      一、公共文明行为,（1）斑马线礼让行人,市公安局,
      一、公共文明行为,2.文明旅游,市文旅局,
      二、公共环境卫生,农贸市场整治,市市场监管局,
      一、公共文明行为,3.文明餐桌,市商务局,
      """
    let r = try importSheet(Array(csv.utf8), into: Self.city)
    let c = r.applied(to: Self.city)
    #expect(Self.outline(c) == [
      "1 group 公共文明行为",
      "1.1 task 文明交通", "1.1.1 item 斑马线礼让行人", "1.2 item 文明旅游", "1.3 item 文明餐桌",
      "2 group 公共环境卫生", "2.1 item 农贸市场整治",
    ])
    #expect(Self.units(c, try Self.node(c, "文明交通")) == ["市公安局", "市交通运输局"])
    #expect(r.skipped.isEmpty)
  }

  @Test func tabSeparatedText() throws {
    let tsv = "序号\t工作任务\t责任单位\t完成时限\n1\t开展文明交通志愿服务\t市公安局、团市委\t2023年6月底\n"
    let r = try importSheet(Array(tsv.utf8), into: Self.city)
    #expect(r.nodes.map(\.title) == ["开展文明交通志愿服务"])
    #expect(r.nodes[0].lead == "u1" && r.nodes[0].due == Day(iso: "2023-06-30"))
  }

  @Test func underAnExistingNodeWithFreshIDs() throws {
    var gm = Templates.golmud()
    gm.insert(Node(id: "imp-1", kind: .group, title: "已有"))
    _ = gm.ensureUnit(named: "已有单位", id: "u-imp-1")
    let r = try importSheet(Fixture.bytes("merged.csv"), into: gm,
                            options: ImportOptions(parent: "gm-1"))
    #expect(r.nodes.first?.id == "imp-2" && r.newUnits.first?.id == "u-imp-2")
    #expect(Set(r.nodes.map(\.id)).isDisjoint(with: gm.nodes.map(\.id)))
    let c = r.applied(to: gm)
    #expect(c.structuralIssues().isEmpty)
    let project = try Self.node(c, "公共文明行为")
    #expect(project.parent == "gm-1" && project.kind == .task)
    #expect(try Self.node(c, "开展文明交通志愿服务").kind == .item)
    // Added after the group's own children.
    #expect(c.childrenOf[c.index["gm-1"]!].suffix(3).map { c.nodes[$0].title } == ["公共文明行为", "公共环境卫生", "志愿服务"])
    // Units the template has are matched, not made again.
    let gmUnits = Set(gm.units.map(\.name))
    #expect(r.newUnits.allSatisfy { !gmUnits.contains($0.name) })
  }

  @Test func filesThatCannotBeRead() throws {
    #expect(throws: SheetError.empty) { try importSheet([], into: Self.city) }
    #expect(throws: SheetError.empty) { try importSheet([0xEF, 0xBB, 0xBF, 0x2C, 0x0D, 0x0A], into: Self.city) }
    let noHeader = try Fixture.bytes("no-header.csv")
    let error = #expect(throws: SheetError.self) { try importSheet(noHeader, into: Self.city) }
    guard case .noHeader(let names) = error else {
      Issue.record("not a missing header: \(String(describing: error))")
      return
    }
    #expect(names.contains("测评内容") && names.contains("工作任务"))
    #expect(error?.message(.zh).hasPrefix("找不到表头") == true)
    #expect(throws: SheetError.unknownParent("nope")) {
      try importSheet(Fixture.bytes("merged.csv"), into: Self.city, options: ImportOptions(parent: "nope"))
    }
    #expect(throws: SheetError.unterminatedQuote(row: 3, column: 2, line: 3)) {
      try importSheet(Array("序号,测评内容\n1,开展\n2,\"宣传".utf8), into: Self.city)
    }
    #expect(throws: SheetError.invalidBytes(encoding: .utf8, offset: 4, line: 1)) {
      try importSheet(Fixture.bytes("gb18030.csv"), into: Self.city, options: ImportOptions(encoding: .utf8))
    }
  }
}
