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
    #expect(try WorkspaceFiles.CampaignReader.decode(Array(WorkspaceFiles.CampaignCodec.encode(c).utf8)) == c)
  }
}
