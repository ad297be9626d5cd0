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

extension InspectionPoint {
  /// The common types of inspection point (常见点位类型), built in: the
  /// kinds of place city manuals score at (one 2021 manual lists 26; the
  /// names differ a little from city to city). A coordinator adds the
  /// city's own (`InspectionStep.addType`); standards apply by type, so a
  /// point's type is chosen from the list, not typed freely.
  public static let commonTypes: [String] = [
    "社区", "居民小区", "城中村", "主次干道", "商业大街", "背街小巷", "交通路口", "公交站点",
    "客运场站", "农贸市场", "商场超市", "宾馆饭店", "餐饮店", "窗口服务单位", "政务服务大厅", "医院",
    "中小学校", "校园周边", "公园", "广场", "公共文化场馆", "爱国主义教育基地", "新时代文明实践站所",
    "青少年活动场所", "建筑工地", "公共厕所",
  ]
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

  /// A standard's score at a point in this round, if it is scored.
  public func score(at point: String, of standard: String) -> Score? {
    scores.first { $0.point == point && $0.standard == standard }
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
  /// A type of point of the city's own, beside the common ones: added
  /// once, never lost to another laptop's addition.
  case addType(String)
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
    case .addType: return "type"
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
  /// The round a person names by its name or id (the latest of a name).
  public func round(named name: String) -> Round? {
    let name = name.trimmingBlanks
    return rounds.last { $0.name == name || $0.id == name }
  }

  /// Why the step cannot be taken here; nil when it can.
  public func refusal(of step: InspectionStep) -> String? {
    switch step {
    case .addType(let t):
      if t.isEmpty { return "a point type needs a name" }
      // A standard lists its types in one cell, split at these.
      if t.contains(where: { "、，,；;/\n".contains($0) }) { return "\(t): a point type's name has no 、，,；;/" }
      return pointTypes.contains(t) ? "\(t): a point type here already" : nil
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

  /// Why a person should not take the step by hand, though a journal
  /// holding it replays (two laptops may each add the same point, or a
  /// standard's types change after it was scored): a type not on the
  /// list, a point of that name, type and area here already, a round of
  /// that name, a standard that does not apply to the point's type. The
  /// command line and the dashboard ask it after `refusal`.
  public func objection(to step: InspectionStep) -> String? {
    switch step {
    case .addPoint(let p):
      if let why = unknownType(p.type) { return why }
      if points.contains(where: { $0.name == p.name && $0.type == p.type && $0.area == p.area }) {
        return "\(p.name) (\(p.type), \(p.area.isEmpty ? "no area" : p.area)): that point is here already"
      }
      return nil
    case .startRound(let r):
      return rounds.contains(where: { $0.name == r.name }) ? "a round named \(r.name) is here already" : nil
    case .score(_, let s):
      guard let point = points.first(where: { $0.id == s.point }), let i = position(of: s.standard),
            let facts = nodes[i].standard, !facts.applies(to: point.type) else { return nil }
      return "\(code(i)) \(nodes[i].title) applies to \(facts.types.joined(separator: "、")), not to \(point.name) (\(point.type))"
    case .addType, .closeRound, .figures:
      return nil
    }
  }

  /// The standards that apply to points of `type`, in outline order: the
  /// nodes read in place here (a loop in another module copied each node
  /// for the call that asked it), then ordered by their places, not by
  /// walking the tree (`outlineOrder`).
  public func standards(for type: String) -> [Int] {
    let found = nodes.withUnsafeBufferPointer { nodes in
      nodes.indices.filter { nodes[$0].hasStandard && nodes[$0].standard!.applies(to: type) }
    }
    return outlineOrder(found)
  }

  /// Takes the step; false (nothing changed) when `refusal` says why not.
  @discardableResult
  public mutating func take(_ step: InspectionStep) -> Bool {
    guard refusal(of: step) == nil else { return false }
    switch step {
    case .addType(let t): settings.pointTypes.append(t)
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

  /// nil when `type` is a point type here; else the types whose names
  /// are near it (none, when no name is).
  public func typesNear(_ type: String) -> [String]? {
    let all = pointTypes
    guard !all.contains(type) else { return nil }
    return all.filter { t in t.contains(type) || type.contains(t) || Set(t).intersection(type).count >= 2 }
  }

  /// The round a report shows when none is named: the latest that has
  /// scores (one just started has none yet), else the latest; of those
  /// dated in `days`, when given (a bulletin's period).
  public func latestScoredRound(in days: ClosedRange<Day>? = nil) -> Round? {
    let dated = rounds.filter { days?.contains($0.date) ?? true }
    return dated.last { !$0.scores.isEmpty } ?? dated.last
  }

  /// The types a point may have: the common ones, then the city's own.
  public var pointTypes: [String] { InspectionPoint.commonTypes + settings.pointTypes }

  /// Why `type` is not one of them (nil when it is): the names nearest
  /// it, or the whole list, and how to add a type of the city's own.
  /// A point added in a journal is never refused for its type (another
  /// laptop may have added the type); the command line and the
  /// dashboard ask this before they write one.
  public func unknownType(_ type: String) -> String? {
    guard let near = typesNear(type) else { return nil }
    let all = pointTypes
    return "\(type): not a point type here; "
      + (near.isEmpty ? "the types: " + all.joined(separator: "、") : "did you mean " + near.joined(separator: "、") + "?")
      + " (a type of the city's own: chuangwen point DIR type NAME)"
  }

  /// A point's score in a round: the share of the applicable points kept,
  /// over the standards scored there (not applicable ones left out); nil
  /// when none was scored. With the negative-list standards it failed.
  public func score(of point: String, in round: Round) -> Tally? {
    tally(round) { $0.point == point }
  }

  /// A round's points kept, points applicable, their share and the
  /// negative-list standards failed.
  public typealias Tally = (share: Double, kept: Double, of: Double, negative: [String])

  /// The tally of the round's scores that `keep` takes (a point's, an
  /// area's, a standard's, an evaluation item's); nil when none applied.
  public func tally(_ round: Round, _ keep: (Score) -> Bool) -> Tally? {
    tallies(round) { keep($0) ? true : nil }[true]
  }

  /// The tallies of the round's scores by `key` (each point's, each
  /// area's…), in one pass over the scores: a report of hundreds of
  /// points does not read the round once a row.
  public func tallies<K: Hashable>(_ round: Round, by key: (Score) -> K?) -> [K: Tally] {
    var sums: [K: (kept: Double, of: Double, negative: [String])] = [:]
    for s in round.scores where s.result != .na {
      guard let k = key(s), let i = position(of: s.standard), let facts = nodes[i].standard else { continue }
      var t = sums[k] ?? (0, 0, [])
      t.of += facts.points
      switch s.result {
      case .pass: t.kept += facts.points
      case .partial: t.kept += max(0, facts.points - s.lost)
      case .fail: if facts.negative { t.negative.append(s.standard) }
      case .na: break
      }
      sums[k] = t
    }
    return sums.compactMapValues { $0.of > 0 ? ($0.kept / $0.of, $0.kept, $0.of, $0.negative) : nil }
  }
}

extension StandardFacts.Method {
  /// The methods a cell or an argument names, as offices write them
  /// ("实地考察、材料审核", "网上申报材料审核", "site,material"); nil when a
  /// part names none of the three.
  public static func list(_ text: String) -> [Self]? {
    var out: [Self] = []
    for part in StandardFacts.parts(text) {
      let p = part.lowercased()
      let m: Self?
      if p.contains("材料") || p.contains("material") || p.contains("审核") { m = .material }
      else if p.contains("实地") || p.contains("site") || p.contains("考察") || p.contains("暗访") { m = .site }
      else if p.contains("问卷") || p.contains("survey") || p.contains("调查") { m = .survey }
      else { m = nil }
      guard let m else { return nil }
      if !out.contains(m) { out.append(m) }
    }
    return out
  }
}

extension StandardFacts {
  /// A cell's or an argument's entries: split at 、，,；;/ and line breaks.
  public static func parts(_ text: String) -> [String] {
    text.split(whereSeparator: { "、，,；;/\n".contains($0) }).map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
  }

  /// 分值 as offices write it: "2", "2分", "2.5 分", "１０"; nil otherwise.
  public static func points(_ text: String) -> Double? {
    var t = String(text.trimmingBlanks.map { c -> Character in
      // Full-width digits and point, as some sheets type them.
      if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(v) || v == 0xFF0E {
        return Character(UnicodeScalar(v - 0xFEE0)!)
      }
      return c
    })
    if t.hasSuffix("分") { t = String(t.dropLast()).trimmingBlanks }
    guard let x = Double(t), x >= 0, x <= 1000, x.isFinite else { return nil }
    return x
  }

  /// Whether a 负面清单 cell marks the standard: 是/√/✓/yes…; nil when
  /// it says neither yes nor no.
  public static func negative(_ text: String) -> Bool? {
    switch text.trimmingBlanks.lowercased() {
    case "是", "√", "✓", "✔", "负面清单", "yes", "y", "true", "1", "negative": return true
    case "", "否", "×", "no", "n", "false", "0": return false
    default: return nil
    }
  }
}

extension Campaign {
  /// The standards that lost most across the round's points (a failure
  /// loses the standard's points, a partial what was taken off), the
  /// worst first, with how many points lost them; none lost, none listed.
  public func worstStandards(in round: Round, limit: Int = 5) -> [(standard: Int, lost: Double, points: Int)] {
    var lost: [Int: (Double, Int)] = [:]
    for s in round.scores {
      guard let i = position(of: s.standard), let facts = nodes[i].standard else { continue }
      let x: Double
      switch s.result {
      case .fail: x = facts.points
      case .partial: x = min(s.lost, facts.points)
      case .pass, .na: continue
      }
      let was = lost[i] ?? (0, 0)
      lost[i] = (was.0 + x, was.1 + 1)
    }
    return lost.map { (standard: $0.key, lost: $0.value.0, points: $0.value.1) }
      .sorted { ($0.lost, $1.standard) > ($1.lost, $0.standard) }.prefix(limit).map { $0 }
  }

  /// The evaluation items (测评项目) the standards fall under: the nodes
  /// one level below the deepest node above every standard with points
  /// (the evaluation system's root, when it has one; else the top-level
  /// nodes). Each standard's item, by its position; none for a standard
  /// that is itself at that level.
  public func evaluationItems() -> [Int: Int] {
    let standards = nodes.indices.filter { nodes[$0].standard != nil }
    guard !standards.isEmpty else { return [:] }
    // The path from the top to each standard; their common start.
    func path(_ i: Int) -> [Int] { Array(ancestors(of: i)).reversed() + [i] }
    var common = path(standards[0])
    for s in standards.dropFirst() {
      let p = path(s)
      var k = 0
      while k < common.count && k < p.count && common[k] == p[k] { k += 1 }
      common.removeLast(common.count - k)
    }
    // A lone standard: its parent is its item.
    if standards.count == 1 { common = Array(common.dropLast(2)) }
    var out: [Int: Int] = [:]
    for s in standards {
      let p = path(s)
      if p.count > common.count + 1 { out[s] = p[common.count] }
    }
    return out
  }
}
