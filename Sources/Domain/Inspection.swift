/// Mock inspections (模拟测评): typed inspection points (点位) visited in
/// dated rounds (测评轮次), each applicable standard scored. A standard is
/// a node of the evaluation system with `StandardFacts` (分值, methods, the
/// point types it applies to, the negative list).
public struct StandardFacts: Equatable, Sendable {
  /// How a standard is checked.
  public enum Method: String, CaseIterable, Sendable {
    /// 材料审核: document review.
    case material
    /// 实地考察: site inspection.
    case site
    /// 问卷调查: survey.
    case survey
  }
  /// 分值.
  public var points: Double
  public var methods: [Method]
  /// The point types it applies to; none: every type.
  public var types: [String]
  /// On the negative list (负面清单): a failure is shown apart.
  public var negative: Bool

  public init(points: Double, methods: [Method] = [.site], types: [String] = [], negative: Bool = false) {
    self.points = points
    self.methods = methods
    self.types = types
    self.negative = negative
  }

  public func applies(to type: String) -> Bool { types.isEmpty || types.contains(type) }

  /// As a `standard` event's value: points, methods, types, "negative".
  public var value: FieldValue {
    .list([Inspection.number(points), methods.map(\.rawValue).joined(separator: ","), types.joined(separator: "、"),
           negative ? "negative" : ""])
  }

  public init?(_ value: FieldValue) {
    guard case .list(let l) = value, l.count == 4, let points = Double(l[0]), points >= 0, points <= 1000 else { return nil }
    var methods: [Method] = []
    for m in l[1].split(separator: ",") {
      guard let method = Method(rawValue: String(m)) else { return nil }
      methods.append(method)
    }
    guard l[3].isEmpty || l[3] == "negative" else { return nil }
    self.init(points: points, methods: methods, types: l[2].split(separator: "、").map(String.init), negative: l[3] == "negative")
  }
}

/// An inspection point (点位): a farmers' market, a bus stop, a school…
public struct InspectionPoint: Equatable, Sendable {
  public var id: String
  public var name: String
  /// Its type (农贸市场, 公交站点…): which standards apply.
  public var type: String
  /// District or street.
  public var area: String
  /// The responsible unit (an id), if named.
  public var unit: String?
  public init(id: String, name: String, type: String, area: String, unit: String? = nil) {
    self.id = id
    self.name = name
    self.type = type
    self.area = area
    self.unit = unit
  }
}

/// One standard scored at one point in a round.
public struct Score: Equatable, Sendable {
  public enum Result: String, CaseIterable, Sendable {
    case pass, partial, fail, na
  }
  public var point: String
  /// The standard's node id.
  public var standard: String
  public var result: Result
  /// Points lost, for `partial`.
  public var lost: Double
  public var note: String
  public init(point: String, standard: String, result: Result, lost: Double = 0, note: String = "") {
    self.point = point
    self.standard = standard
    self.result = result
    self.lost = lost
    self.note = note
  }
}

/// A round of mock inspection (2023年第3次模拟测评), dated.
public struct Round: Equatable, Sendable {
  public var id: String
  public var name: String
  public var date: Day
  public var closed = false
  /// The latest score of each (point, standard).
  public var scores: [Score] = []
  /// The material review's and the survey's scores out of 100, entered
  /// as their own figures (they are not scored at points).
  public var material: Double?
  public var survey: Double?

  /// The weights of the three methods in the city's score (domain.md).
  public static let weights = (material: 0.4, site: 0.4, survey: 0.2)

  /// The city's score out of 100: the site inspection's share (`site`,
  /// 0…1) weighted with the material review and the survey; nil until
  /// both figures are entered.
  public func combined(site: Double) -> Double? {
    guard let material, let survey else { return nil }
    return material * Round.weights.material + site * 100 * Round.weights.site + survey * Round.weights.survey
  }
  public init(id: String, name: String, date: Day, closed: Bool = false, scores: [Score] = []) {
    self.id = id
    self.name = name
    self.date = date
    self.closed = closed
    self.scores = scores
  }
}

/// A step of inspection work, as an event carries it.
public enum InspectionStep: Equatable, Sendable {
  case addPoint(InspectionPoint)
  case startRound(Round)
  /// A later score of the same point and standard replaces the earlier
  /// (the events' replay order decides, alike on every copy).
  case score(round: String, Score)
  case closeRound(String)
  /// The material review's and the survey's figures of a round.
  case figures(round: String, material: Double?, survey: Double?)

  public var name: String {
    switch self {
    case .addPoint: return "point"
    case .startRound: return "start"
    case .score: return "score"
    case .closeRound: return "close"
    case .figures: return "figures"
    }
  }
}

public enum Inspection {
  /// "4", "2.5": a number of points as people write it.
  public static func number(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String((x * 100).rounded() / 100)
  }
}

extension Campaign {
  /// Why the step cannot be taken here; nil when it can.
  public func refusal(of step: InspectionStep) -> String? {
    switch step {
    case .addPoint(let p):
      if points.contains(where: { $0.id == p.id }) { return "point \(p.id) exists already" }
      if p.name.isEmpty || p.type.isEmpty { return "a point needs a name and a type" }
      return nil
    case .startRound(let r):
      return rounds.contains(where: { $0.id == r.id }) ? "round \(r.id) exists already" : nil
    case .score(let id, let s):
      guard let r = rounds.first(where: { $0.id == id }) else { return "no round \(id)" }
      if r.closed { return "round \(r.name) is closed" }
      guard points.contains(where: { $0.id == s.point }) else { return "no point \(s.point)" }
      guard let i = position(of: s.standard), let facts = nodes[i].standard else { return "\(s.standard): not a standard with points" }
      if s.result == .partial && !(s.lost > 0 && s.lost < facts.points) {
        return "partly kept: the points lost are more than 0 and less than \(Inspection.number(facts.points))"
      }
      return nil
    case .closeRound(let id):
      guard let r = rounds.first(where: { $0.id == id }) else { return "no round \(id)" }
      return r.closed ? "round \(r.name) is closed already" : nil
    case .figures(let id, let material, let survey):
      guard rounds.contains(where: { $0.id == id }) else { return "no round \(id)" }
      for x in [material, survey].compactMap({ $0 }) where !(0...100).contains(x) { return "\(Inspection.number(x)): a figure is 0 to 100" }
      return material == nil && survey == nil ? "give the material review's or the survey's figure" : nil
    }
  }

  /// Takes the step; false (nothing changed) when `refusal` says why not.
  @discardableResult
  public mutating func take(_ step: InspectionStep) -> Bool {
    guard refusal(of: step) == nil else { return false }
    switch step {
    case .addPoint(let p): points.append(p)
    case .startRound(let r): rounds.append(r)
    case .score(let id, let s):
      let k = rounds.firstIndex { $0.id == id }!
      rounds[k].scores.removeAll { $0.point == s.point && $0.standard == s.standard }
      rounds[k].scores.append(s)
    case .closeRound(let id):
      let k = rounds.firstIndex { $0.id == id }!
      rounds[k].closed = true
    case .figures(let id, let material, let survey):
      let k = rounds.firstIndex { $0.id == id }!
      if let material { rounds[k].material = material }
      if let survey { rounds[k].survey = survey }
    }
    return true
  }

  /// A point's score in a round: the share of the applicable points kept,
  /// over the standards scored there (not applicable ones left out); nil
  /// when none was scored. With the negative-list standards it failed.
  public func score(of point: String, in round: Round) -> (share: Double, kept: Double, of: Double, negative: [String])? {
    var kept = 0.0, total = 0.0
    var negative: [String] = []
    for s in round.scores where s.point == point && s.result != .na {
      guard let i = position(of: s.standard), let facts = nodes[i].standard else { continue }
      total += facts.points
      switch s.result {
      case .pass: kept += facts.points
      case .partial: kept += max(0, facts.points - s.lost)
      case .fail: if facts.negative { negative.append(s.standard) }
      case .na: break
      }
    }
    guard total > 0 else { return nil }
    return (kept / total, kept, total, negative)
  }
}
