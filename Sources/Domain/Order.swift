/// A service order of the practice system (精准服务): a resident or a unit
/// asks (群众点单), the station reports it (基层报单), the centre sends a
/// team (中心派单), the team takes it (队伍接单), does it, and the asker and
/// the centre rate it (评单). Every step is an event (`OrderStep`); a step
/// that does not follow from the order's state is refused where it is
/// made, and, arriving by merge after a rival step (two laptops accepting
/// for two teams), refused in replay the same way on every copy and
/// listed (`Campaign.refusals`), never dropped from its journal.
public struct Order: Equatable, Sendable {
  public enum State: String, CaseIterable, Sendable {
    case ordered, reported, dispatched, accepted, done, declined
  }
  /// Who rates a done order.
  public enum Rater: String, CaseIterable, Sendable {
    case requester, centre
  }
  public struct Rating: Equatable, Sendable {
    public var by: Rater
    public var stars: Int
    public var comment: String
    public init(by: Rater, stars: Int, comment: String = "") {
      self.by = by
      self.stars = stars
      self.comment = comment
    }
  }

  public var id: String
  /// Where: a node of the practice tree (a station, an institute…).
  public var at: String
  /// What is asked.
  public var what: String
  /// Who asked (optional; no personal data is needed).
  public var from: String
  public var placed: Day
  /// Wanted by, if said.
  public var by: Day?
  public var state: State
  /// The team sent (a `team` node), once dispatched.
  public var team: String?
  public var dispatched: Day?
  public var finished: Day?
  /// What was done (at `finish`), or why it was declined.
  public var note: String
  public var ratings: [Rating]

  public init(id: String, at: String, what: String, from: String = "", placed: Day, by: Day? = nil,
              state: State = .ordered, team: String? = nil, dispatched: Day? = nil, finished: Day? = nil,
              note: String = "", ratings: [Rating] = []) {
    self.id = id
    self.at = at
    self.what = what
    self.from = from
    self.placed = placed
    self.by = by
    self.state = state
    self.team = team
    self.dispatched = dispatched
    self.finished = finished
    self.note = note
    self.ratings = ratings
  }

  /// Why the order's state does not allow `step` (its details apart,
  /// which `Campaign.refusal(of:order:)` checks); nil when it does. What
  /// the dashboard offers next is read from here.
  public func refusal(of step: OrderStep) -> String? {
    let s = state
    switch step {
    case .place: return "order \(id) exists already"
    case .report:
      return s == .ordered ? nil : "order \(id) is \(s.rawValue): only an order just placed is reported"
    case .dispatch:
      return s == .done ? "order \(id) is done: a done order is not sent again" : nil
    case .accept:
      return s == .dispatched ? nil : "order \(id) is \(s.rawValue): only a dispatched order is accepted"
    case .finish:
      return s == .accepted ? nil : "order \(id) is \(s.rawValue): only an accepted order is done"
    case .rate:
      return s == .done ? nil : "order \(id) is \(s.rawValue): only a done order is rated"
    case .decline:
      return s == .done || s == .declined ? "order \(id) is \(s.rawValue): it cannot be declined now" : nil
    }
  }

  /// The requester's and the centre's stars, where given.
  public func stars(by rater: Rater) -> Int? { ratings.first { $0.by == rater }?.stars }
}

/// One step of an order's life, as an event carries it.
public enum OrderStep: Equatable, Sendable {
  /// 点单: a new order (its state `ordered`).
  case place(Order)
  /// 报单: the station passes it on to the centre.
  case report
  /// 派单: the centre sends a team; again, to send another (reassign).
  case dispatch(team: String)
  /// 接单: the team takes it.
  case accept
  /// Done, with a short account.
  case finish(note: String)
  /// 评单: 1–5 stars by the requester or the centre, once each (a later
  /// rating by the same replaces it).
  case rate(Order.Rater, stars: Int, comment: String)
  /// Declined, with a reason: by the team or the centre, before done.
  case decline(reason: String)

  /// The step's name in the files and on the command line.
  public var name: String {
    switch self {
    case .place: return "place"
    case .report: return "report"
    case .dispatch: return "dispatch"
    case .accept: return "accept"
    case .finish: return "done"
    case .rate: return "rate"
    case .decline: return "decline"
    }
  }

  /// The node kinds an order may be placed at.
  public static let places: Set<NodeKind> = [.centre, .subcentre, .institute, .station]
}

extension Campaign {
  /// Why `step` cannot be taken on the order `id` (made on `day`) in
  /// this plan as it stands; nil when it can. One rule for the command
  /// line, the dashboard and replay.
  public func refusal(of step: OrderStep, order id: String) -> String? {
    let order = orders.first { $0.id == id }
    switch step {
    case .place(let o):
      if order != nil { return "order \(id) exists already" }
      guard let i = index[o.at] else { return "\(o.at): no such node" }
      guard OrderStep.places.contains(nodes[i].kind) else {
        return "\(code(i)) is a \(nodes[i].kind.rawValue): an order is placed at a station, an institute, a sub-centre or the centre"
      }
      if o.what.isEmpty { return "an order needs what is asked" }
      return nil
    default:
      break
    }
    guard let order else { return "no order \(id)" }
    // The step's own details, then whether the order's state allows it.
    switch step {
    case .dispatch(let team):
      guard let t = index[team], nodes[t].kind == .team else { return "\(team): not a volunteer team (a node of kind team)" }
    case .rate(_, let stars, _):
      guard (1...5).contains(stars) else { return "\(stars) stars: a rating is 1 to 5" }
    case .decline(let reason):
      if reason.isEmpty { return "declining needs a reason" }
    default:
      break
    }
    return order.refusal(of: step)
  }

  /// Takes a step on an order, dated `day`; false (nothing changed) when
  /// `refusal` says why not.
  @discardableResult
  public mutating func take(_ step: OrderStep, order id: String, on day: Day) -> Bool {
    guard refusal(of: step, order: id) == nil else { return false }
    if case .place(let o) = step {
      orders.append(o)
      return true
    }
    let k = orders.firstIndex { $0.id == id }!
    switch step {
    case .place: break
    case .report: orders[k].state = .reported
    case .dispatch(let team):
      orders[k].state = .dispatched
      orders[k].team = team
      orders[k].dispatched = day
    case .accept: orders[k].state = .accepted
    case .finish(let note):
      orders[k].state = .done
      orders[k].finished = day
      orders[k].note = note
    case .rate(let by, let stars, let comment):
      orders[k].ratings.removeAll { $0.by == by }
      orders[k].ratings.append(Order.Rating(by: by, stars: stars, comment: comment))
      orders[k].ratings.sort { $0.by.rawValue > $1.by.rawValue }
    case .decline(let reason):
      orders[k].state = .declined
      orders[k].note = reason
    }
    return true
  }
}

/// How long an order may wait before it counts as overdue: to be
/// dispatched after it was placed, and to be done after it was
/// dispatched (a coordinator's setting; 3 and 7 days by default).
public struct OrderLimits: Equatable, Sendable {
  public var dispatchDays = 3
  public var finishDays = 7
  public init(dispatchDays: Int = 3, finishDays: Int = 7) {
    self.dispatchDays = dispatchDays
    self.finishDays = finishDays
  }

  /// Days an order has waited past its limit on `today`; nil when it is
  /// not late (or done, or declined).
  public func lateness(_ o: Order, today: Day) -> Int? {
    let over: Int
    switch o.state {
    case .ordered, .reported: over = today.days(since: o.placed) - dispatchDays
    case .dispatched, .accepted: over = today.days(since: o.dispatched ?? o.placed) - finishDays
    case .done, .declined: return nil
    }
    return over > 0 ? over : nil
  }
}

/// A coordinator's settings of the plan: how long orders may wait, and
/// how large one evidence file may be (`plan --dispatch-days …`).
public struct PlanSettings: Equatable, Sendable {
  public var dispatchDays = 3
  public var finishDays = 7
  /// Megabytes.
  public var evidenceMB = 20
  /// Types of inspection point the coordinator added to the common ones
  /// (`Campaign.pointTypes`), in the order added.
  public var pointTypes: [String] = []
  public init(dispatchDays: Int = 3, finishDays: Int = 7, evidenceMB: Int = 20) {
    self.dispatchDays = dispatchDays
    self.finishDays = finishDays
    self.evidenceMB = evidenceMB
  }
  public var isDefault: Bool { self == PlanSettings() }
  /// The range each setting may take.
  public static let days = 1...365
  public static let megabytes = 1...200
}

extension Campaign {
  public var orderLimits: OrderLimits { OrderLimits(dispatchDays: settings.dispatchDays, finishDays: settings.finishDays) }
  public var evidenceLimit: Int { settings.evidenceMB << 20 }
}
