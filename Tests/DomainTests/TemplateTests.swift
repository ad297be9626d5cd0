import Testing
@testable import Domain

/// The templates carry the source documents' facts: counts, numbers,
/// named units and dates.
@Suite struct TemplateTests {
  func count(_ c: Campaign, _ kind: NodeKind) -> Int { c.nodes.filter { $0.kind == kind }.count }
  func node(_ c: Campaign, titled title: String) -> Node? { c.nodes.first { $0.title == title } }

  @Test(arguments: Templates.names)
  func everyTemplateIsWholeAndStable(_ name: String) throws {
    let c = try #require(Templates.build(name))
    #expect(c.structuralIssues().isEmpty)
    #expect(Set(c.nodes.map(\.id)).count == c.nodes.count)
    #expect(c == Templates.build(name))
  }

  @Test func golmudHasTheFourLevelPracticeSystem() {
    let c = Templates.golmud()
    #expect(count(c, .centre) == 1)
    #expect(count(c, .subcentre) == 3)
    #expect(count(c, .institute) == 9)
    #expect(count(c, .station) == 47)
    #expect(count(c, .base) == 7)
    // The centre sits above the sub-centres, institutes and stations.
    let centre = c.index[c.nodes.first { $0.kind == .centre }!.id]!
    for (i, n) in c.nodes.enumerated() where [.subcentre, .institute, .station].contains(n.kind) {
      #expect(c.isAncestor(centre, of: i))
    }
    // The design's example code 3.1.2 is the second sub-centre.
    #expect(c.nodes[c.resolve("3.1.2")!].title == "新时代文明实践分中心 2")
    #expect(c.start == Day(iso: "2021-01-01") && c.end == Day(iso: "2023-12-31"))
  }

  @Test func golmudNamesItsBasesAndTeams() {
    let c = Templates.golmud()
    let bases = c.nodes.filter { $0.kind == .base }.map(\.title)
    #expect(bases.contains("青藏公路建设指挥部及将军楼旧址"))
    #expect(bases.contains("“两路”精神主题教育展览馆"))
    #expect(bases.contains("烈士陵园"))
    let teams = c.nodes.filter { $0.kind == .team }.map(\.title)
    // 1 general team, 6 specialised, 5 featured, and the 60 brigades as one counted node.
    #expect(teams.count == 13)
    for name in ["政策理论宣讲", "教育帮扶", "法律普及", "文化体育", "卫生健康", "科技普及"] {
      #expect(teams.contains(name + "志愿服务队"))
    }
    #expect(node(c, titled: "大队、分队、小队")?.quota?.target == 60)
    #expect(c.nodes.contains { $0.title.contains("群众点单、基层报单、中心派单、队伍接单、群众和中心评单") })
    let projects = c.nodes.first { $0.title == "民生实事工程（10大类50项）" }!
    #expect(c.childrenOf[c.index[projects.id]!].count == 10)
    #expect(projects.quota?.target == 50)
  }

  @Test func golmudReportsItsActivityCountsAsQuotas() {
    let c = Templates.golmud()
    let expected: [(String, Int, String)] = [
      ("“思政课堂进校园”：党员干部进班讲思政课", 120, "节"),
      ("“实景课堂”实践教育活动", 53, "节"),
      ("学雷锋志愿服务活动", 156, "场次"),
      ("建立家长学校", 27, "所"),
      ("与各校（园）签订《未成年人思想道德建设责任书》", 63, "所"),
      ("“四个一批”重点任务", 1500, "件"),
    ]
    for (title, target, measureWord) in expected {
      let q = node(c, titled: title)?.quota
      #expect(q?.target == target, "\(title)")
      #expect(q?.measureWord == measureWord, "\(title)")
    }
    let five = c.nodes.first { $0.title.hasPrefix("“五个到位”") }!
    #expect(c.childrenOf[c.index[five.id]!].map { c.nodes[$0].title } == [
      "坚持思想认识到位", "坚持组织领导到位", "坚持学习教育到位", "坚持宣传到位", "坚持督导考核到位",
    ])
    let merge = c.nodes.first { $0.title.hasPrefix("“五个融入”") }!
    #expect(c.childrenOf[c.index[merge.id]!].count == 5)
  }

  @Test func linxiaHasFiveTasksWithTheirSectionsAndTheQuota() {
    let c = Templates.linxia()
    let tasks = c.roots.prefix(5).map { c.nodes[$0] }
    #expect(tasks.allSatisfy { $0.kind == .task })
    #expect(tasks[0].title == "开展教育宣讲活动，厚植爱党爱国情怀")
    #expect(c.unitName(tasks[0].lead!) == "教育党工委办公室")
    #expect(tasks[0].support.map(c.unitName) == ["基础教育科"])
    #expect(c.unitName(tasks[1].lead!) == "办公室")
    #expect(tasks[1].support.map(c.unitName) == ["职教成教科", "教师发展科", "教育科学研究所", "教育党工委办公室", "学前教育发展中心"])
    #expect(c.unitName(tasks[2].lead!) == "体育卫生与艺术教育科")
    #expect(c.unitName(tasks[4].lead!) == "安全办")
    #expect(tasks[4].support.map(c.unitName).contains("学生资助管理中心"))
    let quota = c.nodes.compactMap(\.quota).first { $0.perMonth != nil }
    #expect(quota?.target == 12)
    #expect(quota?.perMonth == 1)
    #expect(c.source.contains("临州教基函〔2022〕143号"))
  }

  @Test func changzhouHasFiveSectionsRedResourcesAndMemorialDays() {
    let c = Templates.changzhou()
    #expect(c.roots.count == 5)
    #expect(c.nodes[c.roots[1]].title.hasPrefix("着力打造“立德树人”四张名片"))
    let bases = c.nodes.filter { $0.kind == .base }.map(\.title)
    #expect(bases == ["常州“三杰”纪念馆", "烈士陵园", "革命英雄纪念碑"])
    let dated = Dictionary(uniqueKeysWithValues: c.nodes.filter { $0.title.hasSuffix("教育活动") }
      .map { ($0.title, $0.due!.description) })
    #expect(dated["清明节纪念教育活动"] == "2022-04-05")
    #expect(dated["“五四”青年节教育活动"] == "2022-05-04")
    #expect(dated["“七一”建党节教育活动"] == "2022-07-01")
    #expect(dated["“八一”建军节教育活动"] == "2022-08-01")
    #expect(dated["“十一”国庆节教育活动"] == "2022-10-01")
  }

  @Test func wuhaiHasTable2AndEighteenBoxes() {
    let c = Templates.wuhai()
    let indicators = c.nodes.filter { $0.kind == .indicator }
    #expect(indicators.count == 15)
    let rate = indicators.first { $0.title == "九年义务教育巩固率" }!.indicator!
    #expect(rate.baseline == "95" && rate.target == "96" && rate.attribute == .binding && rate.unit == "%")
    #expect(indicators.filter { $0.indicator!.attribute == .binding }.count == 1)
    let dual = indicators.first { $0.title.hasPrefix("高职院校“双师型”") }!.indicator!
    #expect(dual.baseline == "47.8" && dual.target == "66.8")
    #expect(indicators.first { $0.title == "劳动年龄人口平均受教育年限" }!.indicator!.target == "12左右")
    let boxes = c.nodes.filter { $0.title.hasPrefix("专栏") }
    #expect(boxes.count == 18)
    #expect(boxes[0].title == "专栏1 学校“铸魂育人培根”项目")
    #expect(boxes[17].title == "专栏18 实施教育经费投入提升项目")
    let milestone = c.nodes.first { $0.title.hasPrefix("海勃湾区和海南区") }!
    #expect(milestone.due == Day(iso: "2024-12-31"))
    let twenty = c.nodes.first { $0.title.contains("20个以上思政名师工作室") }!
    #expect(twenty.due == Day(iso: "2025-12-31"))
  }

  @Test func blankIsEmpty() {
    #expect(Templates.blank().nodes.isEmpty)
  }

  /// Issue 19: the evaluation system's frame states only what is public —
  /// seven 测评项目 under 100 base points, 20 feature points, the three
  /// methods and weights — and marks every other part 待补充.
  @Test func theEvaluationFrameInventsNoStandard() {
    let c = Templates.ceping()
    let top = c.roots.map { c.nodes[$0].title }
    #expect(top == ["基本指标（100分）", "特色指标（20分）"])
    #expect(c.childrenOf[c.roots[0]].count == 7)
    #expect(c.nodes[c.roots[0]].note.contains("网上申报材料审核 40%、实地考察 40%、问卷调查 20%"))
    let leaves = c.nodes.indices.filter { c.childrenOf[$0].isEmpty }
    #expect(leaves.allSatisfy { c.nodes[$0].title.contains("待补充") })
    #expect(c.nodes.allSatisfy { $0.standard == nil }, "no points made up")
  }
}

