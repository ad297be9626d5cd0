/// What a node is. The raw values are the identifiers used in the JSON
/// files and in `stats --json`.
public enum NodeKind: String, CaseIterable, Sendable, Codable {
  /// An area or section of the plan.
  case group
  case task
  case item
  /// A red-education base (红色教育基地).
  case base
  /// The practice system (新时代文明实践): centre → sub-centre → institute → station.
  case centre, subcentre, institute, station
  /// A volunteer team (志愿服务队).
  case team
  /// An indicator with a baseline and a target (指标).
  case indicator
}

/// Progress of a node as people mark it.
public enum Status: String, CaseIterable, Sendable, Codable {
  case todo, doing, done

  /// The next status when cycling with the space key.
  public var next: Status {
    switch self {
    case .todo: return .doing
    case .doing: return .done
    case .done: return .todo
    }
  }
}

/// A problem found at inspection: open → fixed (by the unit) → closed
/// (after re-check, 回头看).
public struct Problem: Equatable, Sendable {
  public enum State: String, CaseIterable, Sendable {
    case open, fixed, closed
  }
  public var id: String
  public var text: String
  /// The unit that must fix it (a unit id), if named.
  public var unit: String?
  public var due: Day?
  public var state: State
  /// When it was found.
  public var found: Day?
  /// The inspection point it was found at (a mock inspection's), if any.
  public var point: String?

  public init(
    id: String, text: String, unit: String? = nil, due: Day? = nil,
    state: State = .open, found: Day? = nil, point: String? = nil
  ) {
    self.id = id
    self.text = text
    self.unit = unit
    self.due = due
    self.state = state
    self.found = found
    self.point = point
  }
}

/// One logged activity towards a quota (a class given, a service held).
public struct Activity: Equatable, Sendable {
  public var id: String
  public var date: Day
  public var count: Int
  public var note: String

  public init(id: String, date: Day, count: Int = 1, note: String = "") {
    self.id = id
    self.date = date
    self.count = count
    self.note = note
  }
}

/// A counted target: "at least 12 a year, at least 1 a month", or
/// "120 classes". Progress is the logged count over the target.
public struct Quota: Equatable, Sendable {
  /// How many to reach in the plan's period (a year's quota, or the total).
  public var target: Int
  /// The least each month, when the plan sets one.
  public var perMonth: Int?
  /// The measure word (量词): 次, 节, 场次, 所... Written as the quota's
  /// "unit" member in the files.
  public var measureWord: String
  public var activities: [Activity]

  public init(target: Int, perMonth: Int? = nil, measureWord: String = "次",
              activities: [Activity] = []) {
    self.target = target
    self.perMonth = perMonth
    self.measureWord = measureWord
    self.activities = activities
  }

  /// The sum of logged counts.
  public var count: Int { activities.reduce(0) { $0 + $1.count } }

  /// Count logged in one month.
  public func count(year: Int, month: Int) -> Int {
    activities.reduce(0) {
      $1.date.year == year && $1.date.month == month ? $0 + $1.count : $0
    }
  }

  /// Share of the target reached, 0...1.
  public var fraction: Double {
    guard target > 0 else { return count > 0 ? 1 : 0 }
    return min(1, Double(count) / Double(target))
  }
}

/// An indicator of a plan's table (指标): a baseline, a target, and the
/// value now. Values keep the document's text ("≥95", "100") and are read
/// as numbers where they are numbers.
public struct Indicator: Equatable, Sendable {
  /// 预期性 (expected) or 约束性 (binding).
  public enum Attribute: String, CaseIterable, Sendable {
    case expected, binding
  }
  /// The unit of measurement of the values (%, 个, 人), not a
  /// responsible unit.
  public var unit: String
  public var baseline: String
  public var baselineYear: Int
  public var target: String
  public var targetYear: Int
  public var current: String?
  public var attribute: Attribute

  public init(
    unit: String, baseline: String, baselineYear: Int = 2020,
    target: String, targetYear: Int = 2025, current: String? = nil,
    attribute: Attribute
  ) {
    self.unit = unit
    self.baseline = baseline
    self.baselineYear = baselineYear
    self.target = target
    self.targetYear = targetYear
    self.current = current
    self.attribute = attribute
  }

  /// The number in a value's text ("≥95.5" → 95.5), if any.
  public static func number(in text: String) -> Double? {
    var digits = ""
    var started = false
    for ch in text {
      if ch.isASCII && (ch.isNumber || ch == ".") {
        digits.append(ch)
        started = true
      } else if started {
        break
      }
    }
    return Double(digits)
  }

  /// How far `current` has moved from the baseline towards the target,
  /// 0...1, when all three are numbers; nil otherwise.
  public var fraction: Double? {
    guard let c = current.flatMap(Indicator.number(in:)),
      let b = Indicator.number(in: baseline),
      let t = Indicator.number(in: target)
    else { return nil }
    if t == b { return c >= t ? 1 : 0 }
    return max(0, min(1, (c - b) / (t - b)))
  }
}

/// Facts of a place: a base, a station, a centre.
public struct Site: Equatable, Sendable {
  public var address: String?
  /// national, provincial, city, county, or the document's own word.
  public var level: String?
  public var contact: String?
  /// Former site, memorial hall, martyrs' cemetery, monument...
  public var category: String?

  public init(address: String? = nil, level: String? = nil,
              contact: String? = nil, category: String? = nil) {
    self.address = address
    self.level = level
    self.contact = contact
    self.category = category
  }

  public var isEmpty: Bool {
    address == nil && level == nil && contact == nil && category == nil
  }
}

/// What a node is marked as, besides its fields.
public enum NodeFlag: String, CaseIterable, Sendable {
  /// Work with no end date (长期坚持, 常态化): never overdue.
  case ongoing
  /// Its completion must be proven by evidence (`chuangwen evidence --missing`).
  case needsEvidence
}

/// A responsible unit (责任单位): a bureau, a section, a school.
public struct Unit: Equatable, Sendable {
  public var id: String
  public var name: String
  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }
}

/// One node of the campaign tree.
///
/// Laid out for a million of them (about 80 bytes each, titles apart): the
/// title sits in a shared arena (`CompactText`), and the fields most nodes
/// leave empty (note, supporting units, problems, quota, indicator, site)
/// share one box that is not there at all while they are empty. Setting
/// any of them copies a box only when another node shares it, so a node is
/// still a value.
public struct Node: Equatable, Sendable {
  /// Stable and unique across laptops; never reused.
  public var id: String
  /// The parent's id; nil for a top-level node.
  public var parent: String?
  /// The lead unit's id (牵头单位).
  public var lead: String?
  /// The title's UTF-8 in an arena: a String is made only when it is read.
  public var titleText: CompactText
  private var more: Box<Rare>?
  // The small fields last: stored in the order declared, they then pack
  // into the last 8 bytes (80 a node, where 136 before).
  public var due: Day?
  public var kind: NodeKind
  public var status: Status

  public var title: String {
    get { titleText.string }
    set { titleText = CompactText(newValue) }
  }

  /// Supporting units' ids (配合单位).
  public var support: [String] {
    get { more?.value.support ?? [] }
    set { rare { $0.support = newValue } }
  }
  public var note: String {
    get { more?.value.note ?? "" }
    set { rare { $0.note = newValue } }
  }
  public var problems: [Problem] {
    get { more?.value.problems ?? [] }
    set { rare { $0.problems = newValue } }
    // Changed in place: an unshared box is changed without copying the list.
    _modify {
      uniqueRare()
      defer { dropEmptyRare() }
      yield &more!.value.problems
    }
  }
  public var quota: Quota? {
    get { more?.value.quota }
    set { rare { $0.quota = newValue } }
    // Logging an activity appends in place, without copying the list.
    _modify {
      uniqueRare()
      defer { dropEmptyRare() }
      yield &more!.value.quota
    }
  }
  public var indicator: Indicator? {
    get { more?.value.indicator }
    set { rare { $0.indicator = newValue } }
  }
  public var site: Site? {
    get { more?.value.site }
    set { rare { $0.site = newValue } }
  }
  /// A standard of the evaluation system: its points, methods, the point
  /// types it applies to (mock inspections score it).
  public var standard: StandardFacts? {
    get { more?.value.standard }
    set { rare { $0.standard = newValue } }
  }
  /// Its marks, in `NodeFlag` order, each once.
  public var flags: [NodeFlag] {
    get { more?.value.flags ?? [] }
    set { rare { r in r.flags = NodeFlag.allCases.filter(newValue.contains) } }
  }
  public func has(_ flag: NodeFlag) -> Bool { more?.value.flags.contains(flag) ?? false }

  /// The fields few nodes have. The facets rarer still (quota, indicator,
  /// site, each larger than the rest together) have boxes of their own,
  /// so a node with only a note costs a small box.
  private struct Rare: Equatable, Sendable {
    var note = ""
    var support: [String] = []
    var problems: [Problem] = []
    var flags: [NodeFlag] = []
    private var quotaBox: Box<Quota>?
    private var indicatorBox: Box<Indicator>?
    private var siteBox: Box<Site>?
    private var standardBox: Box<StandardFacts>?

    init(note: String, support: [String], problems: [Problem], quota: Quota?, indicator: Indicator?, site: Site?) {
      self.note = note
      self.support = support
      self.problems = problems
      quotaBox = quota.map(Box.init)
      indicatorBox = indicator.map(Box.init)
      siteBox = site.map(Box.init)
    }

    var quota: Quota? {
      get { quotaBox?.value }
      set { quotaBox = newValue.map(Box.init) }
      // Logging an activity appends in place: the quota is moved out of
      // an unshared box for the change, so its list is not copied.
      _modify {
        var value: Quota? = nil
        if quotaBox != nil {
          if !isKnownUniquelyReferenced(&quotaBox!) { quotaBox = Box(quotaBox!.value) }
          var moved = Quota(target: 0)
          swap(&moved, &quotaBox!.value)
          value = moved
        }
        defer {
          if let v = value {
            if quotaBox != nil { quotaBox!.value = v } else { quotaBox = Box(v) }
          } else {
            quotaBox = nil
          }
        }
        yield &value
      }
    }
    var indicator: Indicator? {
      get { indicatorBox?.value }
      set { indicatorBox = newValue.map(Box.init) }
    }
    var site: Site? {
      get { siteBox?.value }
      set { siteBox = newValue.map(Box.init) }
    }
    var standard: StandardFacts? {
      get { standardBox?.value }
      set { standardBox = newValue.map(Box.init) }
    }
    var hasQuota: Bool { quotaBox != nil }
    var quotaFraction: Double? { quotaBox?.value.fraction }
    var indicatorFraction: Double? { indicatorBox?.value.fraction }
    var activities: [Activity] { quotaBox?.value.activities ?? [] }

    var isEmpty: Bool {
      note.isEmpty && support.isEmpty && problems.isEmpty && flags.isEmpty && quotaBox == nil && indicatorBox == nil && siteBox == nil
        && standardBox == nil
    }
  }

  /// Makes the box this node's own (new, or a copy of a shared one).
  private mutating func uniqueRare() {
    if more == nil {
      more = Box(Rare(note: "", support: [], problems: [], quota: nil, indicator: nil, site: nil))
    } else if !isKnownUniquelyReferenced(&more!) {
      more = Box(more!.value)
    }
  }

  /// No box for a node whose rare fields are all empty.
  private mutating func dropEmptyRare() {
    if let m = more, m.value.isEmpty { more = nil }
  }

  private mutating func rare(_ change: (inout Rare) -> Void) {
    uniqueRare()
    change(&more!.value)
    dropEmptyRare()
  }

  // Read through the box, without copying a field out: for the loops
  // over a million nodes (`Rollup`, `structuralIssues`). Inlined: a call
  // on a node read through a pointer copied the node first.

  /// Whether the node has a quota.
  @inline(__always) public var hasQuota: Bool { more?.value.hasQuota ?? false }
  /// The quota's share reached; nil without a quota.
  @inline(__always) var quotaFraction: Double? { more?.value.quotaFraction }
  /// The indicator's share of the way to its target; nil without an
  /// indicator, or when its values are not numbers.
  @inline(__always) var indicatorFraction: Double? { more?.value.indicatorFraction }
  /// The quota's logged activities; none without a quota.
  @inline(__always) var activities: [Activity] { more?.value.activities ?? [] }
  /// Whether any problem is open, without copying the list.
  @inline(__always) var hasOpenProblem: Bool { more.map { Node.hasOpen($0.value.problems) } ?? false }
  @inline(__always) var hasProblems: Bool { !(more?.value.problems.isEmpty ?? true) }
  /// Whether any of the rare fields is set (most nodes have none).
  @inline(__always) var hasRare: Bool { more != nil }

  public init(
    id: String, parent: String? = nil, kind: NodeKind, title: String,
    lead: String? = nil, support: [String] = [], due: Day? = nil,
    status: Status = .todo, note: String = "", problems: [Problem] = [],
    quota: Quota? = nil, indicator: Indicator? = nil, site: Site? = nil
  ) {
    self.init(id: id, parent: parent, kind: kind, titleText: CompactText(title), lead: lead, support: support,
              due: due, status: status, note: note, problems: problems, quota: quota, indicator: indicator, site: site)
  }

  /// With the title already in an arena (the readers).
  public init(
    id: String, parent: String? = nil, kind: NodeKind, titleText: CompactText,
    lead: String? = nil, support: [String] = [], due: Day? = nil,
    status: Status = .todo, note: String = "", problems: [Problem] = [],
    quota: Quota? = nil, indicator: Indicator? = nil, site: Site? = nil
  ) {
    self.id = id
    self.parent = parent
    self.kind = kind
    self.titleText = titleText
    self.lead = lead
    self.due = due
    self.status = status
    let rare = Rare(note: note, support: support, problems: problems, quota: quota, indicator: indicator, site: site)
    more = rare.isEmpty ? nil : Box(rare)
  }

  /// A problem is open: the node shows as "to rectify" (整改中).
  public var needsRectification: Bool { hasOpenProblem }
  static func hasOpen(_ problems: [Problem]) -> Bool { problems.contains { $0.state == .open } }
  /// A problem was fixed and waits for re-check (待复查).
  public var awaitsRecheck: Bool { more?.value.problems.contains { $0.state == .fixed } ?? false }
}

/// A value on the heap, compared by value. Nodes change a box only when
/// no other node shares it (`isKnownUniquelyReferenced`), so they keep
/// value semantics; that is also why it may cross threads.
private final class Box<Value: Equatable & Sendable>: Equatable, @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
  static func == (a: Box, b: Box) -> Bool { a === b || a.value == b.value }
}
