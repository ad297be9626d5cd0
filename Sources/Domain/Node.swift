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
///
/// 32 bytes, where 48 with the count an Int and the note a String: a
/// million nodes' stations log about 420,000 of them. The count is kept
/// in four bytes; a note, or a count too large for them, goes to a small
/// box of its own, which few activities have.
public struct Activity: Equatable, Sendable {
  public var id: String
  public var date: Day
  /// The count, or `Activity.inBox` when it is `extra`'s.
  private var smallCount: Int32
  private var extra: ActivityExtra?

  private static let inBox = Int32.min

  public var count: Int {
    get { smallCount != Activity.inBox ? Int(smallCount) : extra!.count }
    set { self = Activity(id: id, date: date, count: newValue, note: note) }
  }
  public var note: String {
    get { extra?.note ?? "" }
    set { self = Activity(id: id, date: date, count: count, note: newValue) }
  }

  public init(id: String, date: Day, count: Int = 1, note: String = "") {
    self.id = id
    self.date = date
    if let small = Int32(exactly: count), small != Activity.inBox {
      smallCount = small
      extra = note.isEmpty ? nil : ActivityExtra(note: note, count: count)
    } else {
      smallCount = Activity.inBox
      extra = ActivityExtra(note: note, count: count)
    }
  }

  public static func == (a: Activity, b: Activity) -> Bool {
    a.id == b.id && a.date == b.date && a.count == b.count && a.note == b.note
  }
}

/// An activity's note and count, when it has a note or a count past 32
/// bits. Never changed once made (a change makes another), so shared
/// freely.
private final class ActivityExtra: Sendable {
  let note: String
  let count: Int
  init(note: String, count: Int) {
    self.note = note
    self.count = count
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
  /// The name's UTF-8, in the reader's arena: a String of a Chinese name
  /// took a heap block of its own, 4 MB for a province's 73,000 units.
  public private(set) var nameText: CompactText
  public var name: String {
    get { nameText.string }
    set { nameText = CompactText(newValue) }
  }
  public init(id: String, name: String) {
    self.init(id: id, name: CompactText(name))
  }
  public init(id: String, name: CompactText) {
    self.id = id
    nameText = name
  }
}

/// One node of the campaign tree.
///
/// Laid out for a million of them (32 bytes each, texts apart): the
/// title, id, parent and lead sit side by side in a shared arena
/// (`NodeTexts`), and the fields most nodes
/// leave empty (note, supporting units, problems, quota, indicator, site,
/// standard, marks) are behind one word (`More`) that holds nothing while
/// they are empty, and for a node with one of the four common ones alone
/// (a note, supporting units, a quota, a site) that one only: no box of
/// all the rare fields around it. Setting any of them copies a box only
/// when another node shares it, so a node is still a value.
public struct Node: Equatable, Sendable {
  // Stored in the order declared: the rare fields' word, the texts' 17
  // bytes, the kind and status after them, the deadline in the last 4
  // (32 bytes a node; 136 once).
  private var more: More
  /// The title, id, parent's id and lead's id, in an arena.
  public private(set) var texts: NodeTexts
  public var kind: NodeKind
  public var status: Status
  /// The deadline's `Day.packed`, 0 for none (`Day?` would take a fifth
  /// byte, and the node 8 more).
  private var dueDay: Int32

  public var due: Day? {
    get { dueDay == 0 ? nil : Day(packed: dueDay) }
    set { dueDay = newValue?.packed ?? 0 }
  }

  /// Stable and unique across laptops; never reused.
  public var id: String {
    get { texts.id }
    set { texts = texts.with(id: newValue) }
  }
  /// The parent's id; nil for a top-level node.
  public var parent: String? {
    get { texts.parent }
    set { texts = texts.with(parent: .some(newValue)) }
  }
  /// The lead unit's id (牵头单位).
  public var lead: String? {
    get { texts.lead }
    set { texts = texts.with(lead: .some(newValue)) }
  }
  /// The title's UTF-8 in an arena: a String is made only when it is read.
  public var titleText: CompactText { texts.title }

  /// The rare fields in the smallest form that holds them: one reference,
  /// the case in its spare bits (8 bytes, `MemoryLayout` says). Always the
  /// first case that fits (`store`), so equal fields are equal cases.
  private enum More: Equatable, Sendable {
    case none
    /// A note alone, in a box nodes with the same note share (`NoteShare`).
    case note(Box<String>)
    /// Supporting units alone: the array itself.
    case support([String])
    /// A quota alone.
    case quota(Box<Quota>)
    /// A site alone.
    case site(Box<Site>)
    /// Anything else: two of the above, problems, an indicator, a
    /// standard, marks.
    case rare(Box<Rare>)
  }

  public var title: String {
    get { titleText.string }
    set { texts = texts.with(title: newValue) }
  }

  /// Supporting units' ids (配合单位).
  public var support: [String] {
    get {
      switch more {
      case .support(let s): return s
      case .rare(let b): return b.value.support
      default: return []
      }
    }
    set { change { $0.support = newValue } }
  }
  public var note: String {
    get {
      switch more {
      case .note(let b): return b.value
      case .rare(let b): return b.value.note
      default: return ""
      }
    }
    set { change { $0.note = newValue } }
  }
  public var problems: [Problem] {
    get {
      if case .rare(let b) = more { return b.value.problems }
      return []
    }
    set { change { $0.problems = newValue } }
    // Changed in place: fields only this node holds are moved out for the
    // change and back, so the list is not copied.
    _modify {
      var (r, box) = takeRare()
      defer { store(moving: &r, reusing: box) }
      yield &r.problems
    }
  }
  public var quota: Quota? {
    get {
      switch more {
      case .quota(let b): return b.value
      case .rare(let b): return b.value.quota
      default: return nil
      }
    }
    set { change { $0.quota = newValue } }
    // Logging an activity appends in place, without copying the list.
    _modify {
      var (r, box) = takeRare()
      defer { store(moving: &r, reusing: box) }
      yield &r.quota
    }
  }
  public var indicator: Indicator? {
    get {
      if case .rare(let b) = more { return b.value.indicator }
      return nil
    }
    set { change { $0.indicator = newValue } }
  }
  public var site: Site? {
    get {
      switch more {
      case .site(let b): return b.value
      case .rare(let b): return b.value.site
      default: return nil
      }
    }
    set { change { $0.site = newValue } }
  }
  /// A standard of the evaluation system: its points, methods, the point
  /// types it applies to (mock inspections score it).
  public var standard: StandardFacts? {
    get {
      if case .rare(let b) = more { return b.value.standard }
      return nil
    }
    set { change { $0.standard = newValue } }
  }
  /// Its marks, in `NodeFlag` order, each once.
  public var flags: [NodeFlag] {
    get {
      let bits = flagBits
      return bits == 0 ? [] : NodeFlag.allCases.filter { bits & $0.bit != 0 }
    }
    set {
      let bits = newValue.reduce(UInt8(0)) { $0 | $1.bit }
      change { $0.flags = bits }
    }
  }
  public func has(_ flag: NodeFlag) -> Bool { flagBits & flag.bit != 0 }
  private var flagBits: UInt8 {
    if case .rare(let b) = more { return b.value.flags }
    return 0
  }

  /// The rare fields together, for a node with more than one of them (or
  /// the rarer ones). The quota, indicator, site and standard (each larger
  /// than the rest together) have boxes of their own.
  private struct Rare: Equatable, Sendable {
    var note = ""
    var support: [String] = []
    var problems: [Problem] = []
    var quotaBox: Box<Quota>? = nil
    var indicatorBox: Box<Indicator>? = nil
    var siteBox: Box<Site>? = nil
    var standardBox: Box<StandardFacts>? = nil
    /// The marks, a bit each (`NodeFlag.bit`): no array.
    var flags: UInt8 = 0

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
  }

  /// Takes the rare fields out of the node (which then has none, until
  /// `store`), with the box of them when only this node held it, for
  /// `store` to use again: what only this node holds is moved, not copied.
  private mutating func takeRare() -> (Rare, Box<Rare>?) {
    // Moved out of the node first: switched on in place, the case's box
    // was held twice (the switch's copy and the binding), never unique,
    // and copied at every activity logged.
    var taken = More.none
    swap(&taken, &more)
    switch consume taken {
    case .none: return (Rare(), nil)
    case .note(let b): return (Rare(note: b.value), nil)
    case .support(let s): return (Rare(support: s), nil)
    case .quota(let b): return (Rare(quotaBox: b), nil)
    case .site(let b): return (Rare(siteBox: b), nil)
    case .rare(var b):
      guard isKnownUniquelyReferenced(&b) else { return (b.value, nil) }
      var r = Rare()
      swap(&r, &b.value)
      return (r, b)
    }
  }

  /// Puts the rare fields taken out (`takeRare`) back in the first form
  /// that holds them, moved, not copied: handed on as a value, they were
  /// copied into the box (every reference in them retained, then
  /// released) at every activity logged or field set. (`consume` of `r`
  /// itself, in the accessors' `defer`, compiled to a crash.)
  private mutating func store(moving r: inout Rare, reusing box: Box<Rare>?) {
    var moved = Rare()
    swap(&moved, &r)
    let others = !moved.problems.isEmpty || moved.flags != 0 || moved.indicatorBox != nil || moved.standardBox != nil
    if let alone = Node.alone(note: moved.note, support: moved.support, quota: moved.quotaBox, site: moved.siteBox, others: others) {
      more = alone
    } else if let box {
      box.value = consume moved
      more = .rare(box)
    } else {
      more = .rare(Box(consume moved))
    }
  }

  /// The form of a node's rare fields when it needs no box of them all:
  /// nothing, or one of the four common ones alone in its own case; nil
  /// for two of them or any of the `others` (then `rare`).
  private static func alone(note: String, support: [String], quota: Box<Quota>?, site: Box<Site>?, others: Bool) -> More? {
    let count = (note.isEmpty ? 0 : 1) + (support.isEmpty ? 0 : 1) + (quota == nil ? 0 : 1) + (site == nil ? 0 : 1)
    if others || count > 1 { return nil }
    if !note.isEmpty { return .note(Box(note)) }
    if !support.isEmpty { return .support(support) }
    if let quota { return .quota(quota) }
    if let site { return .site(site) }
    return More.none  // not `.none`: that is the optional's nil
  }

  private mutating func change(_ change: (inout Rare) -> Void) {
    var (r, box) = takeRare()
    change(&r)
    store(moving: &r, reusing: box)
  }

  // Read in place, without copying a field out: for the loops over a
  // million nodes (`Rollup`, `structuralIssues`). Inlined: a call on a
  // node read through a pointer copied the node first.

  /// Whether the node may have supporting units (the rare fields' box
  /// holds them when they are with others).
  @inline(__always) var hasSupport: Bool {
    switch more {
    case .support, .rare: return true
    default: return false
    }
  }
  /// Whether the node is a standard a point is scored on.
  @inline(__always) var hasStandard: Bool {
    if case .rare(let b) = more { return b.value.standard != nil }
    return false
  }
  /// Whether the node has a quota.
  @inline(__always) public var hasQuota: Bool {
    switch more {
    case .quota: return true
    case .rare(let b): return b.value.quotaBox != nil
    default: return false
    }
  }
  /// The quota's share reached; nil without a quota.
  @inline(__always) var quotaFraction: Double? {
    switch more {
    case .quota(let b): return b.value.fraction
    case .rare(let b): return b.value.quotaBox?.value.fraction
    default: return nil
    }
  }
  /// The indicator's share of the way to its target; nil without an
  /// indicator, or when its values are not numbers.
  @inline(__always) var indicatorFraction: Double? {
    if case .rare(let b) = more { return b.value.indicatorBox?.value.fraction }
    return nil
  }
  /// The quota's logged activities; none without a quota.
  @inline(__always) var activities: [Activity] {
    switch more {
    case .quota(let b): return b.value.activities
    case .rare(let b): return b.value.quotaBox?.value.activities ?? []
    default: return []
    }
  }
  /// Whether any problem is open, without copying the list.
  @inline(__always) var hasOpenProblem: Bool {
    if case .rare(let b) = more { return Node.hasOpen(b.value.problems) }
    return false
  }
  @inline(__always) var hasProblems: Bool {
    if case .rare(let b) = more { return !b.value.problems.isEmpty }
    return false
  }
  /// Whether any of the rare fields is set (most nodes have none).
  @inline(__always) var hasRare: Bool {
    if case .none = more { return false }
    return true
  }

  public init(
    id: String, parent: String? = nil, kind: NodeKind, title: String,
    lead: String? = nil, support: [String] = [], due: Day? = nil,
    status: Status = .todo, note: String = "", problems: [Problem] = [],
    quota: Quota? = nil, indicator: Indicator? = nil, site: Site? = nil
  ) {
    self.init(texts: NodeTexts(title: title, id: id, parent: parent, lead: lead), kind: kind, support: support,
              due: due, status: status, note: note, problems: problems, quota: quota, indicator: indicator, site: site)
  }

  /// With the texts already in an arena (the readers).
  public init(
    texts: NodeTexts, kind: NodeKind, support: [String] = [], due: Day? = nil,
    status: Status = .todo, note: String = "", problems: [Problem] = [],
    quota: Quota? = nil, indicator: Indicator? = nil, site: Site? = nil
  ) {
    // Straight into their form: the box of all the rare fields is made
    // only when they need it, not to be taken apart again (most nodes
    // with any have supporting units, a quota or a site alone).
    let quotaBox = quota.map(Box.init), siteBox = site.map(Box.init)
    let more = Node.alone(note: note, support: support, quota: quotaBox, site: siteBox,
                          others: !problems.isEmpty || indicator != nil)
      ?? .rare(Box(Rare(note: note, support: support, problems: problems, quotaBox: quotaBox,
                        indicatorBox: indicator.map(Box.init), siteBox: siteBox)))
    self.init(texts: texts, kind: kind, due: due, status: status, more: more)
  }

  /// The node most of a file's are: none of the rarer facets (the
  /// readers; those few are set after). Its own init: the full one's
  /// defaults were made and handed over for every node.
  public init(texts: NodeTexts, kind: NodeKind, support: [String], due: Day?, status: Status, quota: Quota?) {
    let quotaBox = quota.map(Box.init)
    let more = Node.alone(note: "", support: support, quota: quotaBox, site: nil, others: false)
      ?? .rare(Box(Rare(support: support, quotaBox: quotaBox)))
    self.init(texts: texts, kind: kind, due: due, status: status, more: more)
  }

  /// What both inits above come to, the rare fields in their form.
  private init(texts: NodeTexts, kind: NodeKind, due: Day?, status: Status, more: More) {
    self.texts = texts
    self.kind = kind
    dueDay = due?.packed ?? 0
    self.status = status
    self.more = more
  }

  /// The one facet a node has beyond its texts, kind, status and
  /// deadline, when it has at most one of the four common ones and
  /// nothing rarer; nil for any other node. The open's cache
  /// (`CampaignCache`) writes these nodes in its own form and the others
  /// as JSON: a facet added to `Rare` falls to the JSON on its own.
  package enum Facet {
    case none
    case note(String)
    case support([String])
    case quota(Quota)
    case site(Site)
  }

  package var facet: Facet? {
    switch more {
    case .none: return Facet.none
    case .note(let b): return .note(b.value)
    case .support(let s): return .support(s)
    case .quota(let b): return .quota(b.value)
    case .site(let b): return .site(b.value)
    case .rare: return nil
    }
  }

  /// A problem is open: the node shows as "to rectify" (整改中).
  public var needsRectification: Bool { hasOpenProblem }
  static func hasOpen(_ problems: [Problem]) -> Bool { problems.contains { $0.state == .open } }
  /// A problem was fixed and waits for re-check (待复查).
  public var awaitsRecheck: Bool {
    if case .rare(let b) = more { return b.value.problems.contains { $0.state == .fixed } }
    return false
  }

  /// Gives the node `note` through `share`.
  fileprivate mutating func setNote(_ note: String, _ share: inout NoteShare) {
    guard case .none = more, !note.isEmpty else {
      self.note = note
      return
    }
    if let last = share.last, last.value == note {
      more = .note(last)
    } else {
      let b = Box(note)
      share.last = b
      more = .note(b)
    }
  }
}

/// Gives nodes read one after another with the same note (boilerplate,
/// across items) one box of it, where each would have had its own (32
/// bytes and malloc's 16 a node). A reader keeps one.
public struct NoteShare {
  fileprivate var last: Box<String>? = nil
  public init() {}

  /// Sets `node`'s note (the same as `node.note = note`).
  public mutating func set(_ note: String, of node: inout Node) { node.setNote(note, &self) }
}

extension NodeFlag {
  /// Its bit in a node's marks.
  var bit: UInt8 {
    switch self {
    case .ongoing: return 1
    case .needsEvidence: return 2
    }
  }
}

/// A value on the heap, compared by value. Nodes change a box only when
/// no other node shares it (`isKnownUniquelyReferenced`), so they keep
/// value semantics; that is also why it may cross threads.
private final class Box<Value: Equatable & Sendable>: Equatable, @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
  static func == (a: Box, b: Box) -> Bool { a === b || a.value == b.value }
}
