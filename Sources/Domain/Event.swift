/// A field that a `set` event changes. Each is a last-writer-wins register
/// ordered by (Lamport clock, device id).
public enum Field: String, CaseIterable, Sendable {
  case title, status, note, due, lead, support
  /// An indicator's current value.
  case current
  /// What the node is (`NodeKind`'s raw value).
  case kind
  /// The quota's target, least per month ("" for none) and measure word,
  /// as a list of three; its logged activities stay.
  case quota
  /// A site's facts (`Site`), one register each: who visits a base may
  /// correct its contact while the coordinator corrects its level.
  case level, category, address, contact
  /// Its marks (`NodeFlag`), as a list of their names.
  case flags
  /// A standard's points, methods, point types and negative list
  /// (`StandardFacts.value`).
  case standard
}

/// A fact of the plan itself that a `setPlan` event changes: its name and
/// its period (the first and last day; month grids and pace charts show
/// its months).
public enum PlanField: String, CaseIterable, Sendable {
  case title, start, end
  /// `PlanSettings`: days an order may wait to be dispatched, and to be
  /// done; megabytes one evidence file may have.
  case dispatchDays, finishDays, evidenceMB
}

/// The value a `set` event writes.
public enum FieldValue: Equatable, Sendable {
  case text(String)
  case list([String])
  case null
}

/// What an event does to the tree.
public enum Operation: Equatable, Sendable {
  case set(node: String, field: Field, value: FieldValue)
  indirect case addActivity(node: String, activity: Activity)
  case removeActivity(node: String, activity: String)
  // The large payloads are indirect, so an event stays small: a journal
  // of a million of them is held in memory at once.
  indirect case addProblem(node: String, problem: Problem)
  case setProblem(node: String, problem: String, state: Problem.State)
  indirect case addNode(node: Node, after: String?)
  case removeNode(node: String)
  indirect case moveNode(node: String, parent: String?, after: String?)
  /// A new unit (牵头或配合单位), named once and then referred to by id.
  case addUnit(unit: Unit)
  /// A unit's new name (its id and what refers to it stay).
  case renameUnit(unit: Unit)
  /// A coordinator grants a device a role (`chuangwen enroll`).
  case setRole(device: String, role: Role)
  /// A coordinator revokes a device's key: its changes after this one
  /// are void (`chuangwen revoke`).
  case revoke(device: String)
  /// A coordinator decides between two histories of one device (a copied
  /// laptop): the history `branch` is kept, the others are void
  /// (`chuangwen fork`). Applied by the workspace, which holds the
  /// histories; to the tree it changes nothing.
  case keepBranch(device: String, branch: String)
  /// A coordinator renames the plan or sets its period.
  case setPlan(field: PlanField, value: FieldValue)
  /// A step of a service order, on the day it was taken.
  indirect case orderStep(order: String, step: OrderStep, on: Day)
  /// A file attached as evidence (kept in the workspace by its hash).
  indirect case addEvidence(Evidence)
  /// Inspection work: a point added, a round started, scored, closed.
  indirect case inspect(InspectionStep)

  /// The node the operation is about ("" for a unit). Inlined: asked of
  /// an event where it lies (a replay's), a call copied the op out first.
  @inline(__always)
  public var nodeID: String {
    switch self {
    case .addUnit, .renameUnit, .setRole, .revoke, .keepBranch, .setPlan, .orderStep: return ""
    // A score is about its standard (its node's log shows it); the rest
    // of inspection work is about no node.
    case .inspect(let step):
      if case .score(_, let s) = step { return s.standard }
      return ""
    case .set(let n, _, _), .addActivity(let n, _), .removeActivity(let n, _),
      .addProblem(let n, _), .setProblem(let n, _, _), .removeNode(let n),
      .moveNode(let n, _, _):
      return n
    case .addNode(let node, _): return node.id
    case .addEvidence(let e): return e.node
    }
  }
}

/// One change, as a device's journal records it.
///
/// Replay sorts events by `(clock, device, seq)`, so the state does not
/// depend on the order the journals were read in: merging is the union of
/// the journal files.
///
/// 128 bytes, where 160: opening holds a journal's million events in
/// memory and a replay reads each once, at random among the journals.
/// What the replay reads comes first (Swift lays a struct out in the
/// order declared), the device and user are one shared `Author`, the
/// moment its seconds (`Moment`), the largest operations boxed.
public struct Event: Equatable, Sendable {
  public var op: Operation
  /// Lamport clock: one more than the largest clock the device had seen.
  public var clock: Int
  public var author: Author
  /// 1, 2, 3... within the device's journal.
  public var seq: Int
  public var moment: Moment
  /// The same as `prev`, as it is kept (`LineHash`).
  public var prevHash: LineHash

  /// The device (laptop) that made the change.
  public var device: String {
    get { author.device }
    set { author = Author(device: newValue, user: user) }
  }
  public var user: String {
    get { author.user }
    set { author = Author(device: device, user: newValue) }
  }
  /// When, as an ISO 8601 timestamp (UTC).
  public var at: String {
    get { moment.text }
    set { moment = Moment(newValue) }
  }
  /// The device of an event read where it lies, its shared `Author` not
  /// retained to ask: the replay's two parts read the same devices'
  /// events at once, and an author's count changed from both cores took
  /// a fifth of their time.
  @inline(__always)
  static func device(of event: UnsafePointer<Event>) -> String {
    let author = UnsafeRawPointer(event.pointer(to: \.author)!).load(as: UnsafeRawPointer.self)
    return Unmanaged<Author>.fromOpaque(author)._withUnsafeGuaranteedRef { $0.device }
  }

  /// Hash of the device's previous journal line ("" for the first).
  public var prev: String {
    get { prevHash.text }
    set { prevHash = LineHash(newValue) }
  }

  public init(device: String, seq: Int, clock: Int, user: String, at: String,
              prev: String = "", op: Operation) {
    self.init(author: Author(device: device, user: user), seq: seq, clock: clock, moment: Moment(at),
              prevHash: LineHash(prev), op: op)
  }

  /// With its author and moment as they are kept (the readers share one
  /// author among a journal's events).
  public init(author: Author, seq: Int, clock: Int, moment: Moment, prevHash: LineHash = .text(""), op: Operation) {
    self.op = op
    self.clock = clock
    self.seq = seq
    self.author = author
    self.moment = moment
    self.prevHash = prevHash
  }

  /// The replay order.
  public static func precedes(_ a: Event, _ b: Event) -> Bool {
    if a.clock != b.clock { return a.clock < b.clock }
    if a.device != b.device { return a.device < b.device }
    return a.seq < b.seq
  }
}

/// When a register (a field of a node) was last written.
public struct Stamp: Comparable, Hashable, Sendable {
  public var clock: Int
  public var device: String
  public init(clock: Int, device: String) {
    self.clock = clock
    self.device = device
  }
  public static func < (a: Stamp, b: Stamp) -> Bool {
    (a.clock, a.device) < (b.clock, b.device)
  }
}

/// A last-writer-wins register: one field of one node, a node's place, or
/// a problem's state.
public struct Register: Hashable, Sendable {
  public var node: String
  /// A `Field`'s raw value, "place", or "problem:" and the problem's id.
  public var name: String
  public init(node: String, name: String) {
    self.node = node
    self.name = name
  }
}

extension Register {
  /// The register of a problem's state.
  static func problem(_ id: String, of node: String) -> Register { Register(node: node, name: "problem:" + id) }
}

extension Operation {
  /// The register an operation overwrites, if it is a last-writer-wins write.
  public var register: Register? {
    switch self {
    case .set(let node, let field, _): return Register(node: node, name: field.rawValue)
    case .moveNode(let node, _, _): return Register(node: node, name: "place")
    case .setProblem(let node, let problem, _): return .problem(problem, of: node)
    // Of no node: the plan's own.
    case .setRole(let device, _): return Register(node: "", name: "role:" + device)
    case .renameUnit(let unit): return Register(node: "", name: "unit:" + unit.id)
    case .setPlan(let field, _): return Register(node: "", name: "plan:" + field.rawValue)
    default: return nil
    }
  }
}

extension Campaign {
  /// Applies one event. A write older than the one its register holds is
  /// ignored: in replay order that never happens, but after compaction an
  /// old laptop's event may arrive later than a newer one that was folded
  /// into the snapshot, and must still lose to it.
  @discardableResult
  public mutating func apply(_ event: Event) -> Bool {
    var direct: FieldStamps? = nil
    return withUnsafePointer(to: event) { apply($0, written: &direct) }
  }

  /// Events that each add a node as the last child of its parent (what a
  /// deletion's undo puts back below the subtree's root), applied
  /// together as `apply(_:)` would one by one (`appendNodes`): all or none.
  /// False, with nothing changed, where one is not such an addition, is
  /// refused, or cannot be added.
  public mutating func applyAdditions(_ events: [Event]) -> Bool {
    var added: [Node] = []
    for e in events {
      guard case .addNode(let node, nil) = e.op,
        roles.refusal(device: e.device, clock: e.clock, structural: true) == nil else { return false }
      added.append(node)
    }
    return appendNodes(added)
  }

  /// `apply(_:)` of an event read where it lies: a bulk replay's, which
  /// keeps the fields' stamps in `written` (settled into `stamps` later).
  /// By pointer: an event passed by value was copied for each call, its
  /// strings retained and released, a million times on opening.
  @discardableResult
  mutating func apply(_ event: UnsafePointer<Event>, written: inout FieldStamps?) -> Bool {
    settleStamps()
    let device = Event.device(of: event)
    if let why = roles.refusal(device: device, clock: event.pointee.clock, structural: event.pointee.op.isStructural) {
      refuse(event.pointee, why)
      return false
    }
    let stamp = Stamp(clock: event.pointee.clock, device: device)
    switch event.pointee.op {
    case .keepBranch:
      return true
    case .orderStep(let id, let step, _):
      // A step the order's state does not allow (a rival laptop's step
      // came first): void on every copy alike, and listed.
      if let why = refusal(of: step, order: id) {
        refuse(event.pointee, why)
        return false
      }
      return apply(event.pointee.op)
    case .set(let id, let field, let value) where written != nil:
      // The register found by its node's position, not by hashing two
      // Strings; the dictionary is asked only for its first write here.
      guard let i = position(of: id) else { return false }
      if let held = written!.held(i, field) ?? stampTable[Register(node: id, name: field.rawValue)], stamp < held {
        return false
      }
      guard set(field, value, at: i) else { return false }
      written!.record(stamp, i, field, id: id)
      return true
    case .setRole, .revoke:
      if let register = event.pointee.op.register {
        if let held = stampTable[register], stamp < held { return false }
        stampTable[register] = stamp
      }
      roles.apply(event.pointee.op, by: event.pointee.device, clock: event.pointee.clock)
      return true
    default:
      break
    }
    guard let register = event.pointee.op.register else { return apply(event.pointee.op) }
    if let held = stampTable[register], stamp < held { return false }
    guard apply(event.pointee.op) else { return false }
    stampTable[register] = stamp
    return true
  }

  /// Applies one operation. An operation on a node that does not exist
  /// (deleted on another laptop) changes nothing and returns false; so
  /// does an add or a move that would put a node `Campaign.maxDepth`
  /// levels or more below the top (the depth of the moved node's deepest
  /// descendant counts).
  @discardableResult
  public mutating func apply(_ op: Operation) -> Bool {
    switch op {
    case .addUnit(let unit):
      guard !units.contains(where: { $0.id == unit.id }) else { return false }
      units.append(unit)
      return true
    case .renameUnit(let unit):
      guard let k = units.firstIndex(where: { $0.id == unit.id }) else { return false }
      units[k].name = unit.name
      return true
    case .orderStep(let id, let step, let day):
      return take(step, order: id, on: day)
    case .inspect(let step):
      return take(step)
    case .addEvidence(let e):
      // Of a node here; the same file on the same node once.
      guard position(of: e.node) != nil, !evidence.contains(where: { $0.hash == e.hash && $0.node == e.node }) else { return false }
      append(e)
      return true
    case .setPlan(let field, let value):
      switch (field, value) {
      case (.title, .text(let t)) where !t.isEmpty: title = t
      case (.start, .text(let t)):
        guard let d = Day(iso: t) else { return false }
        start = d
      case (.end, .text(let t)):
        guard let d = Day(iso: t) else { return false }
        end = d
      case (.start, .null): start = nil
      case (.end, .null): end = nil
      case (.dispatchDays, .text(let t)), (.finishDays, .text(let t)), (.evidenceMB, .text(let t)):
        guard let n = Int(t), (field == .evidenceMB ? PlanSettings.megabytes : PlanSettings.days).contains(n) else { return false }
        switch field {
        case .dispatchDays: settings.dispatchDays = n
        case .finishDays: settings.finishDays = n
        default: settings.evidenceMB = n
        }
      default: return false
      }
      return true
    case .addNode(let node, let after):
      guard position(of: node.id) == nil else { return false }
      if let p = node.parent {
        guard let at = position(of: p) else { return false }
        // Too deep: refused like a node that does not exist.
        guard depth(at) + 1 < Campaign.maxDepth else { return false }
      }
      insert(node, after: after)
      return true
    case .removeNode(let id):
      guard position(of: id) != nil else { return false }
      remove(id)
      return true
    case .moveNode(let id, let parent, let after):
      guard let i = position(of: id) else { return false }
      var depth = 0
      if let parent {
        guard let p = position(of: parent) else { return false }
        depth = self.depth(p) + 1
        // Under itself: `move` ignores it (and the place is still taken).
        if isAncestor(i, of: p) { depth = 0 }
      }
      // No node of the subtree may end deeper than the bound.
      guard depth + height(below: i) < Campaign.maxDepth else { return false }
      move(id, to: parent, after: after)
      return true
    default:
      break
    }
    guard let i = position(of: op.nodeID) else { return false }
    var applied = false
    update(i) { applied = $0.apply(op) }
    return applied
  }

  private mutating func set(_ field: Field, _ value: FieldValue, at i: Int) -> Bool {
    var applied = false
    update(i) { applied = $0.set(field, value) }
    return applied
  }
}

extension Node {
  /// Applies an operation that changes this node's own fields (a field,
  /// an activity, a problem) to it; false when it changes nothing, or is
  /// not of that kind.
  mutating func apply(_ op: Operation) -> Bool {
    switch op {
    case .set(_, let field, let value):
      return set(field, value)
    case .addActivity(_, let activity):
      return log(activity)
    case .removeActivity(_, let id):
      return unlog(id)
    case .addProblem(_, let problem):
      return record(problem)
    case .setProblem(_, let id, let state):
      return mark(id, state)
    case .addNode, .removeNode, .moveNode, .addUnit, .renameUnit, .setRole, .revoke, .keepBranch, .setPlan, .orderStep, .addEvidence,
      .inspect:
      return false
    }
  }

  /// Logs an activity towards the quota (made, of no target, if there is
  /// none), unless one with its id is logged already.
  mutating func log(_ activity: Activity) -> Bool {
    if !hasQuota { quota = Quota(target: 0) }
    // Read in place: `quota!` would copy the quota out first.
    guard !activities.contains(where: { $0.id == activity.id }) else { return false }
    logNew(activity)
    return true
  }

  /// `log` of an activity the caller knows none logged has the id of.
  mutating func logNew(_ activity: Activity) {
    if !hasQuota { quota = Quota(target: 0) }
    quota!.activities.append(activity)
  }

  /// Removes the activity with this id; false when there is none.
  mutating func unlog(_ id: String) -> Bool {
    let before = quota?.activities.count ?? 0
    quota?.activities.removeAll { $0.id == id }
    return (quota?.activities.count ?? 0) != before
  }

  /// Puts the problem with this id in `state`; false when there is none.
  mutating func mark(_ id: String, _ state: Problem.State) -> Bool {
    guard let k = problems.firstIndex(where: { $0.id == id }) else { return false }
    problems[k].state = state
    return true
  }

  /// Records a problem unless one with its id is recorded already.
  mutating func record(_ problem: Problem) -> Bool {
    guard !problems.contains(where: { $0.id == problem.id }) else { return false }
    recordNew(problem)
    return true
  }

  /// `record` of a problem the caller knows none recorded has the id of.
  mutating func recordNew(_ problem: Problem) { problems.append(problem) }

  /// Writes one field; false when the value does not fit the field.
  public mutating func set(_ field: Field, _ value: FieldValue) -> Bool {
    switch (field, value) {
    case (.title, .text(let t)): title = t
    case (.note, .text(let t)): note = t
    case (.note, .null): note = ""
    case (.status, .text(let t)):
      guard let s = Status(rawValue: t) else { return false }
      status = s
    case (.due, .text(let t)):
      guard let d = Day(iso: t) else { return false }
      due = d
    case (.due, .null): due = nil
    case (.lead, .text(let t)): lead = t
    case (.lead, .null): lead = nil
    case (.support, .list(let l)): support = l
    case (.current, .text(let t)): indicator?.current = t
    case (.current, .null): indicator?.current = nil
    case (.kind, .text(let t)):
      guard let k = NodeKind(rawValue: t) else { return false }
      kind = k
    case (.quota, .list):
      guard let terms = QuotaTerms(value) else { return false }
      quota = Quota(target: terms.target, perMonth: terms.perMonth, measureWord: terms.measureWord,
                    activities: quota?.activities ?? [])
    case (.quota, .null):
      // Logged activities are never dropped with their quota.
      guard quota?.activities.isEmpty ?? true else { return false }
      quota = nil
    case (.standard, .list):
      guard let facts = StandardFacts(value) else { return false }
      standard = facts
    case (.standard, .null): standard = nil
    case (.flags, .list(let l)):
      var marks: [NodeFlag] = []
      for name in l {
        guard let f = NodeFlag(rawValue: name) else { return false }
        marks.append(f)
      }
      flags = marks
    case (.level, _), (.category, _), (.address, _), (.contact, _):
      let text: String?
      switch value {
      case .text(let t): text = t.isEmpty ? nil : t
      case .null: text = nil
      case .list: return false
      }
      var facts = site ?? Site()
      switch field {
      case .level: facts.level = text
      case .category: facts.category = text
      case .address: facts.address = text
      default: facts.contact = text
      }
      site = facts.isEmpty ? nil : facts
    default: return false
    }
    return true
  }

  /// The value a field has now, to undo a change with a new event.
  public func value(of field: Field) -> FieldValue {
    switch field {
    case .title: return .text(title)
    case .note: return .text(note)
    case .status: return .text(status.rawValue)
    case .due: return due.map { .text($0.description) } ?? .null
    case .lead: return lead.map { .text($0) } ?? .null
    case .support: return .list(support)
    case .current: return indicator?.current.map { .text($0) } ?? .null
    case .kind: return .text(kind.rawValue)
    case .quota:
      return quota.map { QuotaTerms($0).value } ?? .null
    case .level: return site?.level.map { .text($0) } ?? .null
    case .category: return site?.category.map { .text($0) } ?? .null
    case .address: return site?.address.map { .text($0) } ?? .null
    case .contact: return site?.contact.map { .text($0) } ?? .null
    case .flags: return .list(flags.map(\.rawValue))
    case .standard: return standard?.value ?? .null
    }
  }
}

/// The journal's rule for a new change: the next seq of its device, and a
/// Lamport clock one more than the largest seen, so it sorts after every
/// event known here. Kept by whoever makes changes (the workspace for a
/// command, the dashboard's state for a session), fed every event it
/// learns of.
public struct Stamper: Equatable, Sendable {
  /// The largest clock a file may hold: far beyond any real count, far
  /// enough from Int.max that counting on cannot overflow.
  public static let largestClock = 1 << 48

  /// The largest clock seen.
  public private(set) var clock: Int
  /// Each device's last seq (folded into a compaction or not).
  public private(set) var lastSeq: [String: Int]

  public init(clock: Int = 0, lastSeq: [String: Int] = [:]) {
    self.clock = clock
    self.lastSeq = lastSeq
  }

  /// Whether `count` more changes still fit under `largestClock`.
  public func hasRoom(for count: Int) -> Bool { clock <= Stamper.largestClock - count }

  /// The next change of `device`, stamped (its `prev` is the journal's to
  /// fill in: the hash of the line before it).
  public mutating func stamp(_ op: Operation, device: String, user: String, at: String) -> Event {
    let seq = (lastSeq[device] ?? 0) + 1
    let event = Event(device: device, seq: seq, clock: clock + 1, user: user, at: at, op: op)
    saw(event)
    return event
  }

  /// Counts an event made elsewhere (read, merged) or here.
  public mutating func saw(_ event: Event) {
    clock = max(clock, event.clock)
    lastSeq[event.device] = max(lastSeq[event.device] ?? 0, event.seq)
  }
}
