import Testing
@testable import Domain
@testable import WorkspaceFiles

/// Issue 18: service orders, every step valid and not, and rival steps
/// from two laptops giving one result on every copy.
@Suite struct OrderTests {
  /// Every step written as a journal line and read back as it was.
  @Test func everyStepIsReadBackAsWritten() throws {
    let o = Order(id: "o1", at: Self.station, what: "上门\"理发\"", from: "王大爷", placed: Self.day, by: Self.day.adding(days: 3))
    let steps: [OrderStep] = [.place(o), .report, .dispatch(team: Self.team), .accept, .finish(note: "理发3人"),
                              .rate(.requester, stars: 5, comment: "很好"), .rate(.centre, stars: 3, comment: ""), .decline(reason: "人手不足")]
    for (k, step) in steps.enumerated() {
      let e = Event(device: "lap-a", seq: k + 1, clock: k, user: "张三", at: "2022-06-10T08:00:00Z", op: .orderStep(order: "o1", step: step, on: Self.day))
      #expect(try CampaignReader.event(Array(EventCodec.encode(e).utf8)) == e, "\(step)")
    }
    // A snapshot holding orders reads back the same.
    var c = Self.placed()
    for step in [OrderStep.report, .dispatch(team: Self.team), .accept, .finish(note: "好"), .rate(.centre, stars: 4, comment: "及时")] {
      _ = c.take(step, order: "o1", on: Self.day)
    }
    #expect(try CampaignReader.decode(Array(CampaignCodec.encode(c).utf8)) == c)
  }

  static let day = Day(iso: "2022-06-10")!
  static let station = "gm-3-1-1-1-1"
  static let team = "gm-3-2-1"

  static func placed() -> Campaign {
    var c = Templates.golmud()
    let o = Order(id: "o1", at: station, what: "上门理发", placed: day)
    let placed = c.take(.place(o), order: "o1", on: day)
    #expect(placed)
    return c
  }

  @Test func anOrderGoesFromPlacedToRated() {
    var c = Self.placed()
    let steps: [(OrderStep, Order.State)] = [
      (.report, .reported), (.dispatch(team: Self.team), .dispatched), (.accept, .accepted),
      (.finish(note: "理发3人"), .done), (.rate(.requester, stars: 5, comment: "好"), .done), (.rate(.centre, stars: 4, comment: ""), .done),
      (.rate(.requester, stars: 3, comment: "再评"), .done),
    ]
    for (step, state) in steps {
      #expect(c.refusal(of: step, order: "o1") == nil, "\(step)")
      let took = c.take(step, order: "o1", on: Self.day.adding(days: 1))
      #expect(took)
      #expect(c.orders[0].state == state, "\(step)")
    }
    let o = c.orders[0]
    #expect(o.team == Self.team && o.dispatched == Self.day.adding(days: 1) && o.note == "理发3人")
    #expect(o.stars(by: .requester) == 3 && o.stars(by: .centre) == 4 && o.ratings.count == 2)
  }

  @Test func stepsOutOfTurnAreRefusedAndChangeNothing() {
    let c = Self.placed()
    let refused: [OrderStep] = [
      .accept, .finish(note: ""), .rate(.requester, stars: 5, comment: ""), .decline(reason: ""),
      .dispatch(team: "gm-3-1"),  // not a team
      .place(Order(id: "o1", at: Self.station, what: "又一个", placed: Self.day)),  // id taken
    ]
    for step in refused {
      var copy = c
      #expect(copy.refusal(of: step, order: "o1") != nil, "\(step)")
      let took = copy.take(step, order: "o1", on: Self.day)
      #expect(!took)
      #expect(copy.orders == c.orders)
    }
    var d = c
    for bad in [Order(id: "o2", at: "gm-1", what: "在领域下", placed: Self.day), Order(id: "o3", at: "nope", what: "x", placed: Self.day),
                Order(id: "o4", at: Self.station, what: "", placed: Self.day)] {
      #expect(d.refusal(of: .place(bad), order: bad.id) != nil)
    }
    #expect(d.refusal(of: .report, order: "o9") == "no order o9")
    // Rating 7, and after done: declining.
    for step in [OrderStep.report, .dispatch(team: Self.team), .accept, .finish(note: "")] {
      let took = d.take(step, order: "o1", on: Self.day)
      #expect(took, "\(step)")
    }
    #expect(d.refusal(of: .rate(.centre, stars: 7, comment: ""), order: "o1") != nil)
    #expect(d.refusal(of: .decline(reason: "太远"), order: "o1") != nil)
  }

  @Test func aDeclinedOrderIsSentToAnotherTeam() {
    var c = Self.placed()
    for step in [OrderStep.dispatch(team: Self.team), .decline(reason: "人手不足")] {
      let took = c.take(step, order: "o1", on: Self.day)
      #expect(took)
    }
    #expect(c.orders[0].state == .declined && c.orders[0].note == "人手不足")
    let again = c.take(.dispatch(team: "gm-3-2-2-1"), order: "o1", on: Self.day)
    #expect(again)
    #expect(c.orders[0].state == .dispatched && c.orders[0].team == "gm-3-2-2-1")
  }

  /// Two laptops accept one order for two teams (each after its own
  /// dispatch): whichever order the journals are read in, every copy
  /// keeps the same one and lists the other.
  @Test func rivalStepsGiveOneResultAndListTheLoser() {
    var office = Self.placed()
    let dispatchA = Event(device: "lap-a", seq: 1, clock: 10, user: "甲", at: "", op: .orderStep(order: "o1", step: .dispatch(team: Self.team), on: Self.day))
    let acceptA = Event(device: "lap-a", seq: 2, clock: 11, user: "甲", at: "", op: .orderStep(order: "o1", step: .accept, on: Self.day))
    let dispatchB = Event(device: "lap-b", seq: 1, clock: 10, user: "乙", at: "", op: .orderStep(order: "o1", step: .dispatch(team: "gm-3-2-2-1"), on: Self.day))
    let acceptB = Event(device: "lap-b", seq: 2, clock: 11, user: "乙", at: "", op: .orderStep(order: "o1", step: .accept, on: Self.day))
    office.apply(.orderStep(order: "o1", step: .report, on: Self.day))
    var one = office, two = office
    one.replay([dispatchA, acceptA, dispatchB, acceptB])
    two.replay([acceptB, dispatchB, acceptA, dispatchA])
    #expect(one.orders == two.orders)
    // In replay order: A's dispatch, B's re-dispatch, A's accept (of B's
    // team), B's accept refused: listed, not dropped.
    #expect(one.orders[0].state == .accepted && one.orders[0].team == "gm-3-2-2-1")
    #expect(one.refused.count == 1 && one.refused == two.refused && one.refused[0].device == "lap-b")
  }
}

/// Issue 18: an order waiting past its limit (3 days to dispatch, 7 to
/// finish) is overdue by the one definition: in the counts and the list.
@Suite struct LateOrderTests {
  @Test func aLateOrderCountsWhereItWasPlaced() {
    var c = OrderTests.placed()
    let i = c.index[OrderTests.station]!
    let placed = OrderTests.day
    #expect(Rollup(c, today: placed.adding(days: 3)).overdue[i] == 0)
    let late = Rollup(c, today: placed.adding(days: 4))
    #expect(late.overdue[i] == 1 && late.overdue[c.roots[2]] >= 1)
    #expect(CampaignStats(c, today: placed.adding(days: 4)).overdue == CampaignStats(c, today: placed).overdue + 1)
    _ = c.take(.dispatch(team: OrderTests.team), order: "o1", on: placed.adding(days: 2))
    #expect(Rollup(c, today: placed.adding(days: 9)).overdue[i] == 0)
    #expect(Rollup(c, today: placed.adding(days: 10)).overdue[i] == 1)
    _ = c.take(.accept, order: "o1", on: placed.adding(days: 2))
    _ = c.take(.finish(note: ""), order: "o1", on: placed.adding(days: 3))
    #expect(Rollup(c, today: placed.adding(days: 30)).overdue[i] == 0)
  }

  /// A step moves only the overdue counts of its order's node and those
  /// above, where the order stops or starts waiting past its limit
  /// (`orderStepped`): the counts are those of a rollup made again, step
  /// after step, orders at several places, placed early and late, some
  /// sent on, done or declined.
  @Test func aStepMovesTheCountsAsARollupMadeAgain() {
    var c = Templates.golmud()
    let places = c.nodes.indices.filter { OrderStep.places.contains(c.nodes[$0].kind) }
    #expect(places.count >= 3)
    let today = OrderTests.day.adding(days: 20)
    var r = Rollup(c, today: today)
    var moved = 0
    func take(_ step: OrderStep, _ id: String, on day: Day) {
      let before = Rollup.lateNode(ofOrder: id, in: c, today: today)
      let taken = c.take(step, order: id, on: day)
      #expect(taken, "\(id) \(step)")
      let after = Rollup.lateNode(ofOrder: id, in: c, today: today)
      if before != after { moved += 1 }
      r.orderStepped(lateAt: before, now: after, in: c)
      let again = Rollup(c, today: today)
      #expect(r.overdue == again.overdue && r.overall == again.overall && r.leaves == again.leaves, "\(id) \(step)")
    }
    for k in 0..<9 {
      let id = "o\(k)", at = c.nodes[places[k % places.count]].id
      // Placed 19 days ago down to 1: the first are late to be sent.
      take(.place(Order(id: id, at: at, what: "上门服务\(k)", placed: today.adding(days: k * 2 - 19))), id,
           on: today.adding(days: k * 2 - 19))
    }
    for k in 0..<9 where k % 3 != 2 {
      take(.dispatch(team: OrderTests.team), "o\(k)", on: today.adding(days: k % 2 == 0 ? -9 : -1))
    }
    for k in 0..<9 where k % 3 == 0 {
      take(.accept, "o\(k)", on: today.adding(days: -1))
      take(.finish(note: "好"), "o\(k)", on: today)
    }
    take(.decline(reason: "人手不足"), "o2", on: today)
    take(.dispatch(team: OrderTests.team), "o2", on: today)
    #expect(moved >= 4)
  }
}
