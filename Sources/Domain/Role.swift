/// What a supervisor may do and what only a coordinator may. The plan
/// grants them (`Roles`); `--role` may only narrow what the plan grants.
public enum Role: String, CaseIterable, Sendable {
  /// Builds and maintains the tree.
  case coordinator
  /// Marks status, logs activities, records problems and notes.
  case supervisor
}

/// The roles the plan grants its devices, and the devices whose keys were
/// revoked. Changed only by journaled, signed events (`enroll`, `revoke`)
/// that a coordinator makes, so every copy that replays the same journals
/// grants the same rights.
///
/// A plan whose `granted` is empty (a workspace from before roles, or a
/// generated one) grants every device the coordinator's rights, as
/// chuangwen always did; its first grant makes its author the first
/// coordinator. `init` records the workspace's creator as that.
public struct Roles: Equatable, Sendable {
  public var granted: [String: Role]
  /// Device → the clock of its revocation: its events after it are void.
  public var revoked: [String: Int]

  public init(granted: [String: Role] = [:], revoked: [String: Int] = [:]) {
    self.granted = granted
    self.revoked = revoked
  }

  /// Whether the plan grants roles at all (see the type's comment).
  public var areKept: Bool { !granted.isEmpty }

  /// What `device` may do: its grant, else a supervisor's rights.
  public func role(of device: String) -> Role {
    areKept ? granted[device] ?? .supervisor : .coordinator
  }

  /// Why `event` is void (not applied, listed), nil when it stands.
  public func refusal(of event: Event) -> String? {
    refusal(device: event.device, clock: event.clock, structural: event.op.isStructural)
  }

  /// The same, of an event's parts (replay reads them where they lie).
  func refusal(device: String, clock: Int, structural: Bool) -> String? {
    if !revoked.isEmpty, let at = revoked[device], clock > at {
      return "device \(device)'s key was revoked (clock \(at)) before this change (clock \(clock))"
    }
    if structural && role(of: device) != .coordinator {
      return "only a coordinator may change the plan's structure, and device \(device) is a supervisor"
    }
    return nil
  }

  /// A grant or a revocation, made by `device` (checked by `refusal`).
  public mutating func apply(_ op: Operation, by device: String, clock: Int) {
    switch op {
    case .setRole(let target, let role):
      if !areKept { granted[device] = .coordinator }
      granted[target] = role
    case .revoke(let target):
      revoked[target] = min(revoked[target] ?? clock, clock)
    default:
      break
    }
  }
}

extension Campaign {
  /// Lists an event the workspace did not replay (a history of a forked
  /// device that was not kept).
  public mutating func void(_ event: Event, because reason: String) { refuse(event, reason) }
}

/// An event a copy read but did not apply, and why: it stays in its
/// journal (nothing is lost) and is listed by `verify` and `merge`.
public struct Refusal: Equatable, Sendable {
  public var device: String
  public var seq: Int
  public var reason: String
}

extension Operation {
  /// Changes to the plan itself, which only a coordinator makes: nodes
  /// added, removed, moved or renamed, units, who leads and deadlines,
  /// and the roles themselves.
  public var isStructural: Bool {
    switch self {
    case .addNode, .removeNode, .moveNode, .addUnit, .renameUnit, .setRole, .revoke, .keepBranch, .setPlan: return true
    case .set(_, let field, _):
      switch field {
      case .title, .lead, .support, .due, .kind, .quota, .flags, .standard: return true
      case .status, .note, .current, .level, .category, .address, .contact: return false
      }
    case .addActivity, .removeActivity, .addProblem, .setProblem, .orderStep, .addEvidence: return false
    case .inspect(let step):
      // Points and rounds are the coordinator's; scoring anyone's.
      if case .score = step { return false }
      return true
    }
  }
}
