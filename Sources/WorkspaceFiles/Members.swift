/// The members of each object in campaign.json and in a journal line,
/// declared once: each case is a member, its raw value the JSON name, and
/// the cases come in the order chuangwen writes them. The writer
/// (`CampaignCodec.write`, `EventCodec.encode`), the general reader
/// (`ObjectReader`'s allowed members and its messages) and the fast reader
/// (`Reader.member`) all take the names from here, so a new member of a
/// node is a new case here, a line that writes it and the lines that read
/// it.
protocol JSONMembers: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
  /// The names, made once (see `MemberTable`).
  static var table: MemberTable<Self> { get }
}

/// What the readers need of a member list, made once per list: the cases
/// in order, their names as bytes (the fast reader compares bytes), and
/// the names as a set (the general reader's allowed members).
struct MemberTable<M: JSONMembers>: Sendable {
  let cases: [M]
  let names: [[UInt8]]
  let allowed: Set<String>

  init() {
    cases = Array(M.allCases)
    names = cases.map { Array($0.rawValue.utf8) }
    allowed = Set(cases.map(\.rawValue))
    precondition(cases.count <= 32, "a member list fits the readers' 32-bit sets of seen members")
    // `ordinal` reads the case's tag: a list of 2 to 256 cases without
    // payloads is one byte holding 0, 1, 2… in the order declared.
    precondition(MemoryLayout<M>.size == 1 && cases.indices.allSatisfy { cases[$0].ordinal == $0 },
                 "\(M.self): the cases of a member list number 2 to 256 and carry no payload")
  }
}

extension JSONMembers {
  /// Its place in the list (the index of the fast event reader's table,
  /// the bit of a set of seen members), without a search: the enum's tag,
  /// checked once against `allCases` when the table is made.
  @inline(__always) var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
  @inline(__always) var bit: UInt32 { 1 << UInt32(ordinal) }
}

/// The campaign object, the top of campaign.json.
enum CampaignKey: String, JSONMembers {
  case schema, id, title, start, end, source, units, nodes, compaction
  static let table = MemberTable<Self>()
}

/// A responsible unit, `{"id", "name"}`.
enum UnitKey: String, JSONMembers {
  case id, name
  static let table = MemberTable<Self>()
}

/// A node of the tree.
enum NodeKey: String, JSONMembers {
  case id, parent, kind, title, lead, support, due, status, note, quota, indicator, site, problems
  static let table = MemberTable<Self>()
}

/// A node's quota.
enum QuotaKey: String, JSONMembers {
  case target, perMonth, unit, activities
  static let table = MemberTable<Self>()
}

/// An activity logged towards a quota.
enum ActivityKey: String, JSONMembers {
  case id, date, count, note
  static let table = MemberTable<Self>()
}

/// A node's indicator.
enum IndicatorKey: String, JSONMembers {
  case unit, baseline, baselineYear, target, targetYear, current, attribute
  static let table = MemberTable<Self>()
}

/// A node's site.
enum SiteKey: String, JSONMembers {
  case address, level, contact, category
  static let table = MemberTable<Self>()
}

/// A problem found at inspection.
enum ProblemKey: String, JSONMembers {
  case id, text, unit, due, state, found
  static let table = MemberTable<Self>()
}

/// The compaction record.
enum CompactionKey: String, JSONMembers {
  case generation, clock, at, by, devices, stamps
  static let table = MemberTable<Self>()
}

/// How far one device's journal was folded.
enum MarkKey: String, JSONMembers {
  case seq, hash
  static let table = MemberTable<Self>()
}

/// A journal line: the event's own members, then the op's.
enum EventKey: String, JSONMembers {
  case device, seq, clock, user, at, prev, op, node, field, value, activity, problem, state, parent, after, unit
  static let table = MemberTable<Self>()
}
