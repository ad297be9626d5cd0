import Domain

/// Reads one journal line straight into an `Event`, with the readers of a
/// node, an activity, a problem and a unit that campaign.json uses.
/// Opening a workspace and merging read a line per change ever made, so
/// this is where their time goes: one pass over the line, each member
/// read as its op needs (our lines give the op before the members it
/// decides about; a member that comes before it is read once it is known).
extension CampaignReader {
  /// One line's bytes (no line break); offsets in the error are from its
  /// start. `reader` is kept from line to line (its table of recent texts).
  static func event(_ line: UnsafeBufferPointer<UInt8>, reader: inout CampaignReader) throws(DataError) -> Event {
    reader.r.b = line
    reader.r.i = 0
    return try reader.event()
  }

  /// One line's event and the public key it carries, if any (the first
  /// line a device signs carries it).
  static func signedEvent(_ line: UnsafeBufferPointer<UInt8>, reader: inout CampaignReader) throws(DataError) -> (Event, key: String?) {
    reader.r.b = line
    reader.r.i = 0
    var key: String?
    let e = try reader.event(key: &key)
    return (e, key)
  }

  /// One line in memory (tests, the fuzzer).
  static func event(_ line: [UInt8]) throws(DataError) -> Event {
    try line.withUnsafeBufferPointer { (b) throws(DataError) in
      var c = CampaignReader(Reader(b: b))
      return try c.event()
    }
  }

  /// What a line's op-dependent members said.
  struct EventParts {
    var node: String?, nodeAt = -1, added: Node?
    var field: Field?, value: FieldValue = .null, planField: PlanField?
    var activity: Activity?, activityID: String?, activityAt = -1
    var problem: Problem?, problemID: String?, problemAt = -1
    var state: Problem.State?, parent: String?, after: String?, unit: Unit?
    var target: String?, role: Role?, branch: String?
    var order: String?, step: String?, on: Day?, team: String?, stars: Int?, rater: Order.Rater?, placed: Order?
    var evidence: Evidence?
    /// An inspect step's detail, read once its step is known.
    var inspectDetail = -1
  }

  static let roles = NameTable<Role>()
  static let raters = NameTable<Order.Rater>()

  /// For messages; used as it is in each (a local captured by their
  /// closures would be retained and released at every member).
  static let eventWhat = "the event"

  mutating func event() throws(DataError) -> Event {
    var key: String?
    return try event(key: &key)
  }

  mutating func event(key: inout String?) throws(DataError) -> Event {
    try r.start()
    let at = r.i
    var seen: UInt32 = 0
    var device: String?, deviceAt = at, seq: Int?, seqAt = at, clock: Int?, clockAt = at
    // `when` stays nil until "at" is read: as `Moment.empty` it was the
    // one shared object both threads' lines retained and released at
    // each member before it (a tenth of the parse's retains).
    var user = "", when: Moment? = nil, prev = LineHash.text("")
    var op: EventOp?, opAt = at
    var parts = EventParts()
    // Members met before the op: where their values are.
    var pending: [(key: EventKey, at: Int)] = []
    var more = try r.beginObject(CampaignReader.eventWhat)
    while more {
      let k: EventKey = try r.key(&seen, CampaignReader.eventWhat)
      switch k {
      case .device:
        deviceAt = r.i
        device = try r.null() ? nil : r.shared(k, CampaignReader.eventWhat)
      case .seq:
        seqAt = r.i
        seq = try r.int(k, CampaignReader.eventWhat)
      case .clock:
        clockAt = r.i
        clock = try r.int(k, CampaignReader.eventWhat)
      case .user: user = try r.null() ? "" : r.shared(k, CampaignReader.eventWhat)
      case .at: when = try r.null() ? nil : moment(k)
      case .prev: prev = try r.lineHash(k, CampaignReader.eventWhat)
      case .key: key = try r.publicKey(k, CampaignReader.eventWhat)
      case .sig:
        // Checked against the line's bytes by the journal (`LineSignature`);
        // here only its form, in place (a million lines carry one: no
        // String is made), and that nothing follows it.
        if let wrong = r.hexDigits(128) {
          throw r.error("expected \"sig\" as 128 lowercase hex digits (an Ed25519 signature)", at: wrong)
        }
        if try r.nextMember(after: k) {
          throw r.error("\"sig\" must be the last member of the line: the signature is over what comes before it")
        }
        more = false
        continue
      case .op:
        opAt = r.i
        if !r.null() {
          op = try r.name(CampaignReader.ops, k, CampaignReader.eventWhat)
          for (key, start) in pending {
            let here = r.i
            r.i = start
            try member(key, of: op!, into: &parts)
            r.i = here
          }
          pending = []
        }
      default:
        if let op {
          try member(k, of: op, into: &parts)
        } else {
          pending.append((k, r.i))
          try r.skipValue(depth: 2)
        }
      }
      more = try r.nextMember(after: k)
    }
    try r.end()
    func missing(_ k: EventKey, _ offset: Int) -> DataError {
      DataError(offset: offset, message: "\(CampaignReader.eventWhat) needs \(EventKey.needs(k))")
    }
    guard let seq, seq >= 1 else { throw missing(.seq, seq == nil && seen & EventKey.seq.bit == 0 ? at : seqAt) }
    guard let clock, clock >= 0 else { throw missing(.clock, clock == nil && seen & EventKey.clock.bit == 0 ? at : clockAt) }
    // A member met before the op, when there was none: only its syntax.
    guard let op else { throw missing(.op, seen & EventKey.op.bit == 0 ? at : opAt) }
    func node() throws(DataError) -> String {
      guard let n = parts.node else { throw missing(.node, parts.nodeAt >= 0 ? parts.nodeAt : at) }
      return n
    }
    let operation: Operation
    switch op {
    case .set:
      guard let field = parts.field else { throw DataError(offset: at, message: "a set event needs a \"\(EventKey.field.rawValue)\"") }
      operation = .set(node: try node(), field: field, value: parts.value)
    case .orderStep:
      operation = try orderStep(parts, at: at)
    case .inspect:
      operation = try inspectStep(parts, at: at)
    case .addEvidence:
      guard let e = parts.evidence else {
        throw DataError(offset: at, message: "an evidence.add event needs a \"\(EventKey.detail.rawValue)\": the evidence object")
      }
      operation = .addEvidence(e)
    case .setPlan:
      guard let field = parts.planField else {
        throw DataError(offset: at, message: "a plan.set event needs a \"\(EventKey.field.rawValue)\": title, start or end")
      }
      operation = .setPlan(field: field, value: parts.value)
    case .addActivity:
      guard let a = parts.activity else {
        throw DataError(offset: at, message: "an activity.add event needs an \"\(EventKey.activity.rawValue)\" object")
      }
      operation = .addActivity(node: try node(), activity: a)
    case .removeActivity:
      let n = try node()
      guard let a = parts.activityID else { throw missing(.activity, parts.activityAt >= 0 ? parts.activityAt : at) }
      operation = .removeActivity(node: n, activity: a)
    case .addProblem:
      guard let p = parts.problem else {
        throw DataError(offset: at, message: "a problem.add event needs a \"\(EventKey.problem.rawValue)\" object")
      }
      operation = .addProblem(node: try node(), problem: p)
    case .setProblem:
      guard let state = parts.state else { throw DataError(offset: at, message: "a problem.set event needs a \"\(EventKey.state.rawValue)\"") }
      let n = try node()
      guard let p = parts.problemID else { throw missing(.problem, parts.problemAt >= 0 ? parts.problemAt : at) }
      operation = .setProblem(node: n, problem: p, state: state)
    case .addNode:
      guard let n = parts.added else {
        throw DataError(offset: at, message: "a node.add event needs a \"\(EventKey.node.rawValue)\" object")
      }
      operation = .addNode(node: n, after: parts.after)
    case .removeNode:
      operation = .removeNode(node: try node())
    case .moveNode:
      operation = .moveNode(node: try node(), parent: parts.parent, after: parts.after)
    case .addUnit, .renameUnit:
      guard let u = parts.unit else {
        throw DataError(offset: at, message: "a \(op.rawValue) event needs a \"\(EventKey.unit.rawValue)\" object")
      }
      operation = op == .addUnit ? .addUnit(unit: u) : .renameUnit(unit: u)
    case .setRole, .revoke, .keepBranch:
      guard let target = parts.target, Journal.isValidDevice(target) else {
        throw DataError(offset: at, message: "a \(op.rawValue) event needs a \"\(EventKey.target.rawValue)\": a device id")
      }
      if op == .revoke {
        operation = .revoke(device: target)
      } else if op == .keepBranch {
        guard let branch = parts.branch, Branches.isID(branch) else {
          throw DataError(offset: at, message: "a fork.keep event needs a \"\(EventKey.branch.rawValue)\": a history's id, 12 hex digits")
        }
        operation = .keepBranch(device: target, branch: branch)
      } else {
        guard let role = parts.role else {
          throw DataError(offset: at, message: "a role.set event needs a \"\(EventKey.role.rawValue)\": coordinator or supervisor")
        }
        operation = .setRole(device: target, role: role)
      }
    }
    guard let device else { throw missing(.device, seen & EventKey.device.bit == 0 ? at : deviceAt) }
    // One author for the events of a journal, not one each.
    if author?.device != device || author?.user != user { author = Author(device: device, user: user) }
    return Event(author: author!, seq: seq, clock: clock, moment: when ?? .empty, prevHash: prev, op: operation)
  }

  /// An event's "at": its moment read in place when it is in the UTC
  /// form (no String made), else as the text it is.
  private mutating func moment(_ k: EventKey) throws(DataError) -> Moment {
    let b = r.b, i = r.i
    if i + 21 < b.count, b[i] == 0x22, b[i + 21] == 0x22,
      let m = Moment(utf8: UnsafeBufferPointer(rebasing: b[(i + 1)..<(i + 21)])) {
      r.i = i + 22
      return m
    }
    return Moment(try r.shared(k, CampaignReader.eventWhat))
  }

  /// An inspect line's step: its detail read as the step says.
  mutating func inspectStep(_ p: EventParts, at: Int) throws(DataError) -> Operation {
    if p.step == "type" {
      guard case .text(let t) = p.value, !t.isEmpty else {
        throw DataError(offset: at, message: "an inspect type event needs a \"value\": the type's name")
      }
      return .inspect(.addType(t))
    }
    guard p.inspectDetail >= 0 else { throw DataError(offset: at, message: "an inspect event needs a \"detail\" object") }
    let here = r.i
    defer { r.i = here }
    r.i = p.inspectDetail
    switch p.step {
    case "point": return .inspect(.addPoint(try point()))
    case "start": return .inspect(.startRound(try round()))
    case "close": return .inspect(.closeRound(try round().id))
    case "figures":
      let r = try round()
      return .inspect(.figures(round: r.id, material: r.material, survey: r.survey))
    case "score":
      let (round, score) = try score()
      guard let round else { throw DataError(offset: at, message: "an inspect score needs its \"round\"") }
      return .inspect(.score(round: round, score))
    default:
      throw DataError(offset: at, message: "an inspect event needs a \"step\": type, point, start, score, close or figures")
    }
  }

  /// An order.step line's step, from its members (`EventParts`).
  func orderStep(_ p: EventParts, at: Int) throws(DataError) -> Operation {
    func needs(_ what: String) -> DataError { DataError(offset: at, message: "an order.step event needs \(what)") }
    guard let id = p.order else { throw needs("an \"order\": the order's id") }
    guard let day = p.on else { throw needs("\"on\": the day, YYYY-MM-DD") }
    var text = ""
    if case .text(let t) = p.value { text = t }
    let step: OrderStep
    switch p.step {
    case "place":
      guard let o = p.placed, o.id == id else { throw needs("a \"detail\": the order placed, with the same id") }
      step = .place(o)
    case "report": step = .report
    case "dispatch":
      guard let team = p.team else { throw needs("a \"team\": the team's node id") }
      step = .dispatch(team: team)
    case "accept": step = .accept
    case "done": step = .finish(note: text)
    case "rate":
      guard let rater = p.rater, let stars = p.stars else { throw needs("a \"rater\" (requester or centre) and \"stars\"") }
      step = .rate(rater, stars: stars, comment: text)
    case "decline": step = .decline(reason: text)
    default: throw needs("a \"step\": place, report, dispatch, accept, done, rate or decline")
    }
    return .orderStep(order: id, step: step, on: day)
  }

  /// One of the members an op decides about, read as `op` needs it; one
  /// it does not use must still be well-formed.
  mutating func member(_ k: EventKey, of op: EventOp, into p: inout EventParts) throws(DataError) {
    let owner = Owner.event
    switch (k, op) {
    case (.node, .addNode):
      p.added = try node()
    case (.node, _):
      p.nodeAt = r.i
      p.node = try r.optionalString(k, CampaignReader.eventWhat)
    case (.field, .set):
      if !r.null() { p.field = try r.name(CampaignReader.fields, k, CampaignReader.eventWhat) }
    case (.order, .orderStep): p.order = try r.optionalString(k, CampaignReader.eventWhat)
    case (.step, .orderStep): p.step = try r.optionalString(k, CampaignReader.eventWhat)
    case (.on, .orderStep): p.on = try r.day(k, CampaignReader.eventWhat)
    case (.team, .orderStep): p.team = try r.optionalString(k, CampaignReader.eventWhat)
    case (.stars, .orderStep): p.stars = try r.int(k, CampaignReader.eventWhat)
    case (.rater, .orderStep): if !r.null() { p.rater = try r.name(CampaignReader.raters, k, CampaignReader.eventWhat) }
    case (.detail, .orderStep): p.placed = try order()
    case (.detail, .addEvidence): p.evidence = try evidence()
    case (.step, .inspect): p.step = try r.optionalString(k, CampaignReader.eventWhat)
    case (.detail, .inspect):
      // Its shape depends on the step, which may come after it.
      p.inspectDetail = r.i
      try r.skipValue(depth: 2)
    case (.value, .orderStep), (.value, .inspect): p.value = (try r.optionalString(k, CampaignReader.eventWhat)).map { .text($0) } ?? .null
    case (.field, .setPlan):
      if !r.null() { p.planField = try r.name(CampaignReader.planFields, k, CampaignReader.eventWhat) }
    case (.value, .set), (.value, .setPlan):
      if r.null() { p.value = .null; break }
      guard r.i < r.b.count else { throw r.error("expected a value, found the end of the file") }
      switch r.b[r.i] {
      case 0x22: p.value = .text(try r.text())
      case UInt8(ascii: "["):
        var list: [String] = []
        try r.strings(k, CampaignReader.eventWhat, into: &list)
        p.value = .list(list)
      default:
        throw r.wrongType { "expected a string, an array of strings or null for \"\(k.rawValue)\", found \($0)" }
      }
    case (.activity, .addActivity):
      p.activity = try activity(of: owner)
    case (.activity, .removeActivity):
      p.activityAt = r.i
      p.activityID = try r.optionalString(k, CampaignReader.eventWhat)
    case (.problem, .addProblem):
      p.problem = try problem(of: owner)
    case (.problem, .setProblem):
      p.problemAt = r.i
      p.problemID = try r.optionalString(k, CampaignReader.eventWhat)
    case (.state, .setProblem):
      if !r.null() { p.state = try r.name(CampaignReader.states, k, CampaignReader.eventWhat) }
    case (.parent, .moveNode):
      p.parent = try r.optionalString(k, CampaignReader.eventWhat)
    case (.after, .addNode), (.after, .moveNode):
      p.after = try r.optionalString(k, CampaignReader.eventWhat)
    case (.unit, .addUnit), (.unit, .renameUnit):
      p.unit = try unit()
    case (.branch, .keepBranch):
      p.branch = try r.optionalString(k, CampaignReader.eventWhat)
    case (.target, .setRole), (.target, .revoke), (.target, .keepBranch):
      p.target = try r.optionalString(k, CampaignReader.eventWhat)
    case (.role, .setRole):
      if !r.null() { p.role = try r.name(CampaignReader.roles, k, CampaignReader.eventWhat) }
    default:
      try r.skipValue(depth: 2)
    }
  }
}

extension Reader {
  /// A line's `prev`: its 64 hex digits read in place (no String made),
  /// anything else as `optionalString` reads it (null: "").
  mutating func lineHash<M: JSONMembers>(_ k: M, _ what: @autoclosure () -> String) throws(DataError) -> LineHash {
    if i + 65 < b.count && b[i] == 0x22 && b[i + 65] == 0x22,
      let hash = LineHash(hex: UnsafeBufferPointer(rebasing: b[(i + 1)..<(i + 65)])) {
      i += 66
      return hash
    }
    return LineHash(try optionalString(k, what()) ?? "")
  }

  /// A device's public key: 64 lowercase hex digits (Ed25519), or null.
  mutating func publicKey<M: JSONMembers>(_ k: M, _ what: @autoclosure () -> String) throws(DataError) -> String? {
    let at = i
    guard let key = try optionalString(k, what()) else { return nil }
    guard Hex.isHex(key, count: 64) else {
      throw error("expected \"\(k.rawValue)\" of \(what()) as 64 lowercase hex digits (an Ed25519 public key)", at: at)
    }
    return key
  }
}

extension CampaignReader {
  /// campaign.json's `roles`: device → coordinator or supervisor.
  mutating func roleGrants() throws(DataError) -> [String: Role] {
    var out: [String: Role] = [:]
    try r.deviceMap(CampaignKey.roles) { (r: inout Reader, device) throws(DataError) in
      out[device] = try r.name(CampaignReader.roles, CampaignKey.roles, "the role of device \"\(device)\"")
    }
    return out
  }

  /// campaign.json's `revoked`: device → the clock of its revocation.
  mutating func revocations() throws(DataError) -> [String: Int] {
    var out: [String: Int] = [:]
    try r.deviceMap(CampaignKey.revoked) { (r: inout Reader, device) throws(DataError) in
      let at = r.i
      guard let clock = try r.int(CampaignKey.revoked, "the revocation of device \"\(device)\""), clock >= 0 else {
        throw r.error("expected the clock of device \"\(device)\"'s revocation: a whole number of 0 or more", at: at)
      }
      out[device] = clock
    }
    return out
  }
}

extension Reader {
  /// A string of exactly `count` lowercase hex digits, read in place: nil
  /// when it is one, else where it goes wrong — the end of the bytes when
  /// they stop inside it (a line cut off by a power cut, which the journal
  /// then treats as half-written).
  mutating func hexDigits(_ count: Int) -> Int? {
    guard i < b.count else { return b.count }
    guard b[i] == 0x22 else { return i }
    var k = i + 1
    // Eight at a time while they are digits, then byte by byte.
    let end = min(b.count, i + 1 + count)
    while k + 8 <= end, Hex.eight(UnsafeRawPointer(b.baseAddress! + k)) != nil { k += 8 }
    while k < b.count && k <= i + count {
      guard Hex.value(b[k]) != nil else { return k }
      k += 1
    }
    guard k < b.count else { return b.count }
    guard b[k] == 0x22 else { return k }
    i = k + 1
    return nil
  }

  /// An object of device id → value (null: none), each value read by `value`.
  mutating func deviceMap<M: JSONMembers>(_ k: M, value: (inout Reader, String) throws(DataError) -> Void) throws(DataError) {
    if null() { return }
    guard i < b.count, b[i] == UInt8(ascii: "{") else {
      throw wrongType { "expected \"\(k.rawValue)\" as an object of device id → value, found \($0)" }
    }
    try objectMembers { (r: inout Reader, device) throws(DataError) in
      guard Journal.isValidDevice(device) else { throw r.error("expected a device id (letters, digits, '.', '_', '-'), found \"\(device)\"") }
      try value(&r, device)
    }
  }
  /// An object's members, any names, each value read by `value` (which
  /// must read or skip it whole).
  mutating func objectMembers(_ value: (inout Reader, String) throws(DataError) -> Void) throws(DataError) {
    space()
    guard i < b.count, b[i] == UInt8(ascii: "{") else { throw error("expected an object, found \(found())") }
    i += 1
    space()
    if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return }
    repeat {
      space()
      guard i < b.count, b[i] == 0x22 else { throw error("expected a member name in double quotes, found \(found())") }
      let key = try text()
      space()
      guard i < b.count, b[i] == UInt8(ascii: ":") else { throw error("expected ':' after \"\(key)\", found \(found())") }
      i += 1
      space()
      try value(&self, key)
      space()
      guard i < b.count, b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}") else { throw afterMember(key) }
      i += 1
    } while b[i - 1] == UInt8(ascii: ",")
  }
}
