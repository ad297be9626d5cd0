import ArgumentParser
import Domain
import WorkspaceFiles

/// `chuangwen enroll DIR DEVICE --role coordinator|supervisor`: a
/// coordinator grants a device a role, as a journaled, signed change.
struct Enroll: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enroll",
    abstract: "Grant a device a role in the plan (coordinator only; journaled and signed).",
    discussion: """
      The workspace's creator is its first coordinator; a device not enrolled is a supervisor. \
      Structural changes (add, delete, move, rename, units, deadlines, import, compact) from a \
      device without the coordinator role are refused where they are made, and void when they \
      arrive by merge. `chuangwen whoami` on the other laptop shows its device id.
      """)

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "The device to enroll (its id, as `chuangwen whoami` shows it).")
  var target: String

  // `--role` (of the options every command takes) is the role granted.
  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if global.role == nil { throw ValidationError("--role coordinator|supervisor: the role to grant") }
  }

  func run() throws {
    let grant = global.role!
    try RoleChange.apply(dir, target, global, command: "enroll") { (ws, me) throws(WorkspaceError) in
      var after = ws.roles
      after.apply(.setRole(device: target, role: grant), by: me.device, clock: 0)
      guard after.granted.values.contains(.coordinator) else {
        throw WorkspaceError.usage("\(target): the plan would have no coordinator left (enroll another coordinator first)")
      }
      let lang = global.language
      return (.setRole(device: target, role: grant), lang.pick("设备 \(target)：\(grant.label(lang))", "device \(target): \(grant.label(lang))"))
    }
  }
}

/// `chuangwen revoke DIR DEVICE`: a lost or compromised laptop's key is
/// revoked; its changes after this one are void on every copy.
struct Revoke: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke",
    abstract: "Revoke a device's key (coordinator only): its changes made after this are void everywhere.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "The device whose key is revoked.")
  var target: String

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try RoleChange.apply(dir, target, global, command: "revoke") { (ws, me) throws(WorkspaceError) in
      guard target != me.device else { throw WorkspaceError.usage("\(target): this laptop's own device cannot revoke itself") }
      let lang = global.language
      return (.revoke(device: target), lang.pick("已吊销设备 \(target) 的密钥：其此后的变更在各副本上均无效",
                                                 "device \(target)'s key is revoked: its later changes are void on every copy"))
    }
  }
}

enum RoleChange {
  /// What enroll, revoke and fork share: the workspace opened locked, the
  /// device checked (a coordinator) and the target (a device id), then the
  /// change `make` decides appended, and what it says said.
  static func apply(_ dir: String, _ target: String, _ global: GlobalOptions, command: String,
                    _ make: (Workspace, Identity) throws(WorkspaceError) -> (Domain.Operation, String)) throws {
    try reporting {
      let ws = try Workspace.open(dir, lock: global.lock(command))
      printWarnings(ws)
      let me = try global.identity()
      try check(target: target, in: ws, by: me.device)
      let (op, said) = try make(ws, me)
      try ws.append(op, device: me.device, user: me.user, at: global.timestamp)
      System.say(said)
    }
  }

  /// A role or a key is changed by a coordinator of the plan, for a
  /// device id (checked here as it is given).
  static func check(target: String, in ws: Workspace, by device: String) throws(WorkspaceError) {
    guard Workspace.isValidDevice(target) else {
      throw .usage("\(target): expected a device id (letters, digits, '.', '_', '-'), as `chuangwen whoami` shows it")
    }
    guard ws.roles.role(of: device) == .coordinator else {
      throw .notPermitted("only a coordinator of the plan grants roles and revokes keys, and device \(device) is a supervisor: nothing was written")
    }
  }
}

/// `chuangwen fork DIR DEVICE --keep ID`: of two histories of one device
/// (a laptop copied whole), a coordinator keeps one; the other's changes
/// from where they part are void on every copy.
struct ForkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fork",
    abstract: "Keep one of a device's two histories (coordinator only): the other's changes from where they part become void.",
    discussion: "`chuangwen verify DIR` lists each forked device's histories by id; A is this copy's own, B the other.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "The device with two histories.")
  var target: String

  @Option(help: "The history to keep: its id (or the start of it), or A (this copy's own) or B (the other).")
  var keep: String

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try RoleChange.apply(dir, target, global, command: "fork") { (ws, me) throws(WorkspaceError) in
      guard let fork = ws.forks.first(where: { $0.device == target }) else {
        throw WorkspaceError.usage("\(target): this device has one history here (nothing to decide)")
      }
      let chosen: [String]
      switch keep.uppercased() {
      case "A": chosen = [fork.histories[0]]
      case "B" where fork.histories.count == 2: chosen = [fork.histories[1]]
      default: chosen = keep.count >= 4 ? fork.histories.filter { $0.hasPrefix(keep.lowercased()) } : []
      }
      guard chosen.count == 1 else {
        throw WorkspaceError.usage("--keep \(keep): expected one of \(fork.histories.joined(separator: ", ")) (or A, B)")
      }
      let lang = global.language
      return (.keepBranch(device: target, branch: chosen[0]),
              lang.pick("设备 \(target)：保留历史 \(chosen[0])，另一段自第 \(fork.seq) 条起的变更作废",
                        "device \(target): history \(chosen[0]) kept; the other's changes from seq \(fork.seq) are void"))
    }
  }
}
