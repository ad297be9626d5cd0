import Testing
@testable import Domain
@testable import WorkspaceFiles

/// Issue 19: mock inspections scored by standards' points.
@Suite struct InspectionTests {
  static let day = Day(iso: "2023-06-10")!

  /// Three standards (4, 2 on the negative list, 3 points), two points.
  static func campaign() -> Campaign {
    var c = Campaign(id: "c", title: "测评", nodes: [
      Node(id: "s1", kind: .item, title: "地面无垃圾"), Node(id: "s2", kind: .item, title: "摊位规范"),
      Node(id: "s3", kind: .item, title: "站台整洁"),
    ])
    c.apply(.set(node: "s1", field: .standard, value: StandardFacts(points: 4, types: ["农贸市场"]).value))
    c.apply(.set(node: "s2", field: .standard, value: StandardFacts(points: 2, types: ["农贸市场"], negative: true).value))
    c.apply(.set(node: "s3", field: .standard, value: StandardFacts(points: 3, methods: [.site, .survey]).value))
    c.apply(.inspect(.addPoint(InspectionPoint(id: "m", name: "城东农贸市场", type: "农贸市场", area: "城东区"))))
    c.apply(.inspect(.addPoint(InspectionPoint(id: "b", name: "火车站公交站", type: "公交站点", area: "城西区"))))
    c.apply(.inspect(.startRound(Round(id: "r1", name: "第3次", date: day))))
    return c
  }

  @Test func pointsAreWeightedAndNotApplicableLeftOut() throws {
    var c = Self.campaign()
    for (point, standard, result, lost) in [("m", "s1", Score.Result.partial, 1.0), ("m", "s2", .fail, 0), ("m", "s3", .na, 0),
                                             ("b", "s3", .pass, 0)] {
      let took = c.take(.score(round: "r1", Score(point: point, standard: standard, result: result, lost: lost)))
      #expect(took, "\(point) \(standard)")
    }
    let market = try #require(c.score(of: "m", in: c.rounds[0]))
    #expect(market.kept == 3 && market.of == 6 && market.share == 0.5)
    #expect(market.negative == ["s2"])
    let stop = try #require(c.score(of: "b", in: c.rounds[0]))
    #expect(stop.share == 1 && stop.negative.isEmpty)
    // A later score of the same point and standard replaces the first.
    _ = c.take(.score(round: "r1", Score(point: "m", standard: "s2", result: .pass)))
    #expect(c.score(of: "m", in: c.rounds[0])?.kept == 5)
  }

  /// The three methods weighted 40 / 40 / 20 once both figures are in.
  @Test func theCitysScoreWeighsTheThreeMethods() {
    var c = Self.campaign()
    _ = c.take(.score(round: "r1", Score(point: "m", standard: "s1", result: .partial, lost: 1)))
    #expect(c.rounds[0].combined(site: 0.75) == nil)
    #expect(c.refusal(of: .figures(round: "r1", material: 120, survey: nil)) != nil)
    #expect(c.refusal(of: .figures(round: "r1", material: nil, survey: nil)) != nil)
    _ = c.take(.figures(round: "r1", material: 85, survey: nil))
    _ = c.take(.figures(round: "r1", material: nil, survey: 90))
    #expect(c.rounds[0].material == 85 && c.rounds[0].survey == 90)
    let combined = c.rounds[0].combined(site: 0.75)!
    #expect(abs(combined - (85 * 0.4 + 75 * 0.4 + 90 * 0.2)) < 1e-9)
  }

  @Test func badScoresAreRefused() {
    var c = Self.campaign()
    #expect(c.refusal(of: .score(round: "r1", Score(point: "m", standard: "s1", result: .partial, lost: 4))) != nil)
    #expect(c.refusal(of: .score(round: "r1", Score(point: "m", standard: "s1", result: .partial, lost: 0))) != nil)
    #expect(c.refusal(of: .score(round: "r9", Score(point: "m", standard: "s1", result: .pass))) != nil)
    #expect(c.refusal(of: .score(round: "r1", Score(point: "x", standard: "s1", result: .pass))) != nil)
    _ = c.take(.closeRound("r1"))
    #expect(c.refusal(of: .score(round: "r1", Score(point: "m", standard: "s1", result: .pass))) == "round 第3次 is closed")
    #expect(StandardFacts(.list(["4", "site,smell", "", ""])) == nil)
  }

  /// Two supervisors score different points on their own laptops: the
  /// merged round equals the same round scored on one.
  @Test func aRoundMergedFromTwoLaptopsEqualsOneScoredAlone() {
    let base = Self.campaign()
    let scores = [("m", "s1", Score.Result.pass), ("m", "s2", .fail), ("b", "s3", .partial)]
    func event(_ device: String, _ seq: Int, _ k: Int) -> Event {
      let (p, s, r) = scores[k]
      return Event(device: device, seq: seq, clock: 100 + k, user: device, at: "",
                   op: .inspect(.score(round: "r1", Score(point: p, standard: s, result: r, lost: r == .partial ? 1 : 0))))
    }
    var alone = base
    alone.replay([event("a", 1, 0), event("a", 2, 1), event("a", 3, 2)])
    var merged = base
    merged.replay([event("b", 1, 2), event("a", 2, 1), event("a", 1, 0)])
    #expect(alone.score(of: "m", in: alone.rounds[0])! == merged.score(of: "m", in: merged.rounds[0])!)
    #expect(alone.score(of: "b", in: alone.rounds[0])?.kept == merged.score(of: "b", in: merged.rounds[0])?.kept)
  }
}

/// The inspection records written and read back: journal lines of every
/// step, and campaign.json holding points, rounds and standards.
@Suite struct InspectionFileTests {
  @Test func everyStepAndTheSnapshotReadBackAsWritten() throws {
    let steps: [InspectionStep] = [
      .addType("农家乐"),
      .addPoint(InspectionPoint(id: "m", name: "城东“农贸”市场", type: "农贸市场", area: "城东区", unit: "u1")),
      .startRound(Round(id: "r1", name: "第3次", date: InspectionTests.day)),
      .score(round: "r1", Score(point: "m", standard: "s1", result: .partial, lost: 1.5, note: "有烟头")),
      .score(round: "r1", Score(point: "m", standard: "s2", result: .na)),
      .closeRound("r1"),
      .figures(round: "r1", material: 85.5, survey: nil),
    ]
    for (k, step) in steps.enumerated() {
      let e = Event(device: "lap", seq: k + 1, clock: k, user: "张三", at: "2023-06-10T08:00:00Z", op: .inspect(step))
      #expect(try WorkspaceFiles.CampaignReader.event(Array(WorkspaceFiles.EventCodec.encode(e).utf8)) == e, "\(step)")
    }
    var c = InspectionTests.campaign()
    _ = c.take(.score(round: "r1", Score(point: "m", standard: "s1", result: .partial, lost: 1.5, note: "有烟头")))
    _ = c.take(.closeRound("r1"))
    _ = c.take(.addType("农家乐"))
    #expect(try WorkspaceFiles.CampaignReader.decode(Array(WorkspaceFiles.CampaignCodec.encode(c).utf8)) == c)
  }

  /// The 26 common types are there; the coordinator adds the city's own,
  /// once each, and two laptops' additions both stay.
  @Test func pointTypesCommonAndTheCitysOwn() {
    var c = InspectionTests.campaign()
    #expect(InspectionPoint.commonTypes.count == 26 && Set(InspectionPoint.commonTypes).count == 26)
    #expect(c.unknownType("农贸市场") == nil)
    #expect(c.unknownType("农贸")?.contains("农贸市场") == true)
    #expect(c.unknownType("农家乐") != nil)
    var a = c, b = c
    let tookA = a.take(.addType("农家乐")), tookB = b.take(.addType("渔港码头"))
    #expect(tookA && tookB)
    #expect(a.refusal(of: .addType("农家乐")) != nil && a.refusal(of: .addType("")) != nil && a.refusal(of: .addType("社区")) != nil
            && a.refusal(of: .addType("码头、渡口")) != nil)
    // Merged: both, in the replay order, on every copy.
    for e in [InspectionStep.addType("农家乐"), .addType("渔港码头")] { _ = c.take(e) }
    #expect(c.pointTypes.suffix(2) == ["农家乐", "渔港码头"] && c.unknownType("渔港码头") == nil)
    // A point of a type not here is not refused on replay: another laptop
    // may hold the type's event.
    #expect(c.refusal(of: .addPoint(InspectionPoint(id: "x", name: "某处", type: "无此类型", area: ""))) == nil)
  }

  @Test func standardFactsAsOfficesWriteThem() {
    #expect(StandardFacts.Method.list("实地考察、网上申报材料审核") == [.site, .material])
    #expect(StandardFacts.Method.list("survey,site") == [.survey, .site])
    #expect(StandardFacts.Method.list("实地考察、看看") == nil)
    #expect(StandardFacts.points("2分") == 2 && StandardFacts.points(" 2.5 分") == 2.5 && StandardFacts.points("１０") == 10)
    #expect(StandardFacts.points("两分") == nil && StandardFacts.points("-1") == nil && StandardFacts.points("1001") == nil)
    #expect(StandardFacts.negative("是") == true && StandardFacts.negative("") == false && StandardFacts.negative("也许") == nil)
  }

  /// The evaluation items are the nodes one level below what all
  /// standards share; the worst standards lost most across points.
  @Test func itemsAndTheWorstStandards() {
    var c = Campaign(id: "c", title: "测评", nodes: [
      Node(id: "root", kind: .group, title: "测评体系"),
      Node(id: "i1", parent: "root", kind: .task, title: "公共环境"),
      Node(id: "s1", parent: "i1", kind: .item, title: "地面无垃圾"), Node(id: "s2", parent: "i1", kind: .item, title: "摊位规范"),
      Node(id: "i2", parent: "root", kind: .task, title: "公共秩序"),
      Node(id: "c2", parent: "i2", kind: .task, title: "交通秩序"),
      Node(id: "s3", parent: "c2", kind: .item, title: "站台整洁"),
    ])
    for (s, x) in [("s1", 4.0), ("s2", 2), ("s3", 3)] { c.apply(.set(node: s, field: .standard, value: StandardFacts(points: x).value)) }
    let items = c.evaluationItems()
    #expect(items == [c.position(of: "s1")!: c.position(of: "i1")!, c.position(of: "s2")!: c.position(of: "i1")!,
                      c.position(of: "s3")!: c.position(of: "i2")!])
    for p in ["a", "b"] { c.apply(.inspect(.addPoint(InspectionPoint(id: p, name: p, type: "社区", area: "城东区")))) }
    c.apply(.inspect(.startRound(Round(id: "r", name: "r", date: InspectionTests.day))))
    for (p, s, r, lost) in [("a", "s1", Score.Result.fail, 0.0), ("b", "s1", .partial, 1), ("a", "s3", .partial, 2), ("b", "s2", .pass, 0)] {
      let took = c.take(.score(round: "r", Score(point: p, standard: s, result: r, lost: lost)))
      #expect(took)
    }
    let worst = c.worstStandards(in: c.rounds[0])
    #expect(worst.map { c.nodes[$0.standard].id } == ["s1", "s3"] && worst[0].lost == 5 && worst[0].points == 2)
    // Item 公共环境: 4 + 4 + 2 applicable, 0 + 3 + 2 kept.
    let i1 = c.position(of: "i1")!
    let item = c.tally(c.rounds[0]) { (s: Score) -> Bool in items[c.position(of: s.standard)!] == i1 }
    #expect(item?.kept == 5 && item?.of == 10)
  }
}
