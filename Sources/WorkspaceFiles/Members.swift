import Domain

/// The members of each object in campaign.json and in a journal line,
/// declared once: each case is a member, its raw value the JSON name, and
/// the cases come in the order chuangwen writes them; with them, which
/// must be there (`required`, checked in this order, and what `needs`
/// says of each) and the defaults of those that may be left out. The
/// writer (`CampaignCodec.write`, `EventCodec.encode`) and the reader
/// (`CampaignReader`, its messages) take them from here, so a new member
/// of a node is a new case here, a line that writes it and a line that
/// reads it.
protocol JSONMembers: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
  /// The names, made once (see `MemberTable`).
  static var table: MemberTable<Self> { get }
  /// The members an object must have, in the order a missing one is
  /// reported.
  static var required: [Self] { get }
  /// What a required member must be, for "… needs a string \"id\"".
  static func needs(_ member: Self) -> String
}

extension JSONMembers {
  static var required: [Self] { [] }
  static func needs(_ member: Self) -> String { "a string \"\(member.rawValue)\"" }

  /// The first of `required` not in `seen` (a set of `bit`s).
  static func missing(_ seen: UInt32) -> Self? {
    required.first { seen & $0.bit == 0 }
  }

  /// The set of `bit`s of these members.
  static func bits(_ members: [Self]) -> UInt32 { members.reduce(0) { $0 | $1.bit } }
}

/// What the reader needs of a member list, made once per list: the cases
/// in order and their names as bytes (the reader compares bytes). The
/// bytes are kept outside any array, never freed: the reader looks up a
/// dozen names a node, and an array there is retained and released each
/// time.
struct MemberTable<M: JSONMembers>: @unchecked Sendable {
  /// Laid out as any list of names, and kept whole: what it allocated
  /// stays reachable (never freed, never a leak).
  private let table = NameTable<M>(after: ":")
  /// The names one after another; name `k` is `starts[k]..<starts[k + 1]`.
  var bytes: UnsafePointer<UInt8> { table.bytes }
  var starts: UnsafePointer<Int> { table.starts }
  var count: Int { table.count }
  /// Each name as written, `"name":` (`Reader.writtenMember`).
  var quoted: UnsafePointer<QuotedName> { table.quoted }
  /// For each byte, the members whose names begin with it (by `bit`).
  let byFirstByte: UnsafePointer<UInt32>

  init() {
    let cases = Array(M.allCases)
    precondition(cases.count <= 32, "a member list fits the reader's 32-bit sets of seen members")
    let first = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
    first.initialize(repeating: 0, count: 256)
    for (k, c) in cases.enumerated() {
      if let b = c.rawValue.utf8.first { first[Int(b)] |= 1 << UInt32(k) }
    }
    byFirstByte = UnsafePointer(first)
    // `ordinal` reads the case's tag: a list of 2 to 256 cases without
    // payloads is one byte holding 0, 1, 2… in the order declared.
    precondition(MemoryLayout<M>.size == 1 && cases.indices.allSatisfy { cases[$0].ordinal == $0 },
                 "\(M.self): the cases of a member list number 2 to 256 and carry no payload")
  }

  /// The cases in order (tests).
  var cases: [M] { Array(M.allCases) }

  /// The names as bytes (tests).
  var names: [[UInt8]] {
    (0..<count).map { Array(UnsafeBufferPointer(start: bytes + starts[$0], count: starts[$0 + 1] - starts[$0])) }
  }
}

extension JSONMembers {
  /// Its place in the list (the bit of a set of seen members, an index
  /// of `Locations`), without a search: the enum's tag,
  /// checked once against `allCases` when the table is made.
  @inline(__always) var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
  @inline(__always) var bit: UInt32 { 1 << UInt32(ordinal) }
  /// The case at `ordinal` (checked to be its tag by `MemberTable`).
  @inline(__always) static func at(_ ordinal: Int) -> Self { unsafeBitCast(UInt8(truncatingIfNeeded: ordinal), to: Self.self) }
}

/// The campaign object, the top of campaign.json.
enum CampaignKey: String, JSONMembers {
  case schema, id, title, start, end, source, settings, units, roles, revoked, orders, evidence, points, rounds, nodes, compaction
  static let table = MemberTable<Self>()
  static let required: [Self] = [.schema, .title]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String {
    member == .schema ? "\"schema\": \(Campaign.schemaVersion)" : "a string \"\(member.rawValue)\""
  }
}

/// A responsible unit, `{"id", "name"}`.
enum UnitKey: String, JSONMembers {
  case id, name
  static let table = MemberTable<Self>()
  static let required: [Self] = [.id, .name]
  static let requiredBits = bits(required)
}

/// A node of the tree.
enum NodeKey: String, JSONMembers {
  case id, parent, kind, title, lead, support, due, status, note, quota, indicator, site, problems, flags, standard
  static let table = MemberTable<Self>()
  static let required: [Self] = [.id, .kind, .title]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String {
    member == .kind ? "a \"kind\": one of \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))"
      : "a string \"\(member.rawValue)\""
  }
  /// Without a "status".
  static let defaultStatus = Status.todo
}

/// A node's quota. Its "unit" is the quota's measure word
/// (`Quota.measureWord`: 次, 节), not a responsible unit.
enum QuotaKey: String, JSONMembers {
  case target, perMonth, unit, activities
  static let table = MemberTable<Self>()
  static let required: [Self] = [.target]
  static func needs(_ member: Self) -> String { "a \"\(member.rawValue)\": a whole number of 0 or more" }
  /// The measure word without a "unit".
  static let defaultMeasureWord = "次"
}

/// An activity logged towards a quota.
enum ActivityKey: String, JSONMembers {
  case id, date, count, note
  static let table = MemberTable<Self>()
  static let required: [Self] = [.date, .id]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String {
    member == .date ? "a \"date\" YYYY-MM-DD" : "a string \"\(member.rawValue)\""
  }
  /// Without a "count".
  static let defaultCount = 1
}

/// A node's indicator.
enum IndicatorKey: String, JSONMembers {
  case unit, baseline, baselineYear, target, targetYear, current, attribute
  static let table = MemberTable<Self>()
  static let defaultBaselineYear = 2020
  static let defaultTargetYear = 2025
  static let defaultAttribute = Indicator.Attribute.expected
}

/// A node's site.
enum SiteKey: String, JSONMembers {
  case address, level, contact, category
  static let table = MemberTable<Self>()
}

/// A problem found at inspection.
enum ProblemKey: String, JSONMembers {
  case id, text, unit, due, state, found, point
  static let table = MemberTable<Self>()
  static let required: [Self] = [.id, .text]
  static let requiredBits = bits(required)
  static let defaultState = Problem.State.open
}

/// A service order (`Order`).
enum OrderKey: String, JSONMembers {
  case id, at, what, from, placed, by, state, team, dispatched, finished, note, ratings
  static let table = MemberTable<Self>()
  static let required: [Self] = [.id, .at, .what, .placed]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String {
    member == .placed ? "a \"placed\" YYYY-MM-DD" : "a string \"\(member.rawValue)\""
  }
  static let defaultState = Order.State.ordered
}

/// A piece of evidence (`Evidence`).
enum EvidenceKey: String, JSONMembers {
  case hash, node, name, size, caption, problem, order, added
  static let table = MemberTable<Self>()
  static let required: [Self] = [.hash, .node, .name, .size, .added]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String {
    switch member {
    case .hash: return "a \"hash\": the file's SHA-256 in hex"
    case .size: return "a \"size\": a whole number of bytes"
    case .added: return "an \"added\" YYYY-MM-DD"
    default: return "a string \"\(member.rawValue)\""
    }
  }
}

/// The coordinator's settings (`PlanSettings`), each with its default.
enum SettingsKey: String, JSONMembers {
  case dispatchDays, finishDays, evidenceMB, pointTypes
  static let table = MemberTable<Self>()
}

/// A standard's facts (`StandardFacts`).
enum StandardKey: String, JSONMembers {
  case points, methods, types, negative
  static let table = MemberTable<Self>()
  static let required: [Self] = [.points]
  static func needs(_ member: Self) -> String { "\"points\": a number from 0 to 1000" }
}

/// An inspection point.
enum PointKey: String, JSONMembers {
  case id, name, type, area, unit
  static let table = MemberTable<Self>()
  static let required: [Self] = [.id, .name, .type]
  static let requiredBits = bits(required)
}

/// A round of mock inspection, with its scores.
enum RoundKey: String, JSONMembers {
  case id, name, date, closed, material, survey, scores
  static let table = MemberTable<Self>()
  static let required: [Self] = [.id, .name, .date]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String { member == .date ? "a \"date\" YYYY-MM-DD" : "a string \"\(member.rawValue)\"" }
}

/// One standard scored at one point (in a round, or a `score` step's
/// detail, which names its round).
enum ScoreKey: String, JSONMembers {
  case round, point, standard, result, lost, note
  static let table = MemberTable<Self>()
  static let required: [Self] = [.point, .standard, .result]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String {
    member == .result ? "a \"result\": pass, partial, fail or na" : "a string \"\(member.rawValue)\""
  }
}

/// A rating of a done order.
enum RatingKey: String, JSONMembers {
  case by, stars, comment
  static let table = MemberTable<Self>()
  static let required: [Self] = [.by, .stars]
  static let requiredBits = bits(required)
  static func needs(_ member: Self) -> String {
    member == .stars ? "\"stars\": 1 to 5" : "a \"by\": requester or centre"
  }
}

/// The compaction record.
enum CompactionKey: String, JSONMembers {
  case generation, clock, at, by, device, devices, stamps
  static let table = MemberTable<Self>()
  static let required: [Self] = [.generation, .clock]
}

/// How far one device's journal was folded, and the key it signs with.
enum MarkKey: String, JSONMembers {
  case seq, hash, key
  static let table = MemberTable<Self>()
  static let required: [Self] = [.seq, .hash]
  static func needs(_ member: Self) -> String {
    member == .seq ? "\"seq\": a whole number" : "a string \"\(member.rawValue)\""
  }
}

/// A journal line: the event's own members, then the op's, then its
/// signature. `key` (the device's public key) is on the first line the
/// device signs; `sig` ends every signed line (`LineSignature`).
enum EventKey: String, JSONMembers {
  case device, seq, clock, user, at, prev, key, op, node, field, value, activity, problem, state, parent, after, unit
  case target, role, branch, order, step, on, team, stars, rater, detail, sig
  static let table = MemberTable<Self>()
  /// The event's own; each op needs its members besides (`EventOp`).
  static let required: [Self] = [.seq, .clock, .op, .device]
  static func needs(_ member: Self) -> String {
    switch member {
    case .seq: return "a \"seq\": a whole number from 1"
    case .clock: return "a \"clock\": a whole number of 0 or more"
    default: return "a string \"\(member.rawValue)\""
    }
  }
}

/// A journal line's "op": what happened.
enum EventOp: String, CaseIterable, Sendable {
  case set, addActivity = "activity.add", removeActivity = "activity.remove", addProblem = "problem.add"
  case setProblem = "problem.set", addNode = "node.add", removeNode = "node.remove", moveNode = "node.move"
  case addUnit = "unit.add", renameUnit = "unit.rename", setRole = "role.set", revoke = "device.revoke", keepBranch = "fork.keep"
  case setPlan = "plan.set", orderStep = "order.step", addEvidence = "evidence.add", inspect

  /// The op of an event, for the writer (`EventCodec`).
  init(_ op: Operation) {
    switch op {
    case .set: self = .set
    case .addActivity: self = .addActivity
    case .removeActivity: self = .removeActivity
    case .addProblem: self = .addProblem
    case .setProblem: self = .setProblem
    case .addNode: self = .addNode
    case .removeNode: self = .removeNode
    case .moveNode: self = .moveNode
    case .addUnit: self = .addUnit
    case .renameUnit: self = .renameUnit
    case .setRole: self = .setRole
    case .revoke: self = .revoke
    case .keepBranch: self = .keepBranch
    case .setPlan: self = .setPlan
    case .orderStep: self = .orderStep
    case .addEvidence: self = .addEvidence
    case .inspect: self = .inspect
    }
  }
}
