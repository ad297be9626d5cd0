import ArgumentParser
import Domain
import WorkspaceFiles

/// `chuangwen enroll DIR DEVICE --role coordinator|supervisor`: a
/// coordinator grants a device a role, as a journaled, signed change.
struct Enroll: ParsableCommand {
  static let configuration = CommandConfiguration(
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
    try reporting {
      let grant = global.role!
      let ws = try Workspace.open(dir, lock: global.lock("enroll"))
      printWarnings(ws)
      let me = try global.identity()
      try RoleChange.check(target: target, in: ws, by: me.device)
      var after = ws.roles
      after.apply(.setRole(device: target, role: grant), by: me.device, clock: 0)
      guard after.granted.values.contains(.coordinator) else {
        throw WorkspaceError.usage("\(target): the plan would have no coordinator left (enroll another coordinator first)")
      }
      try ws.append(.setRole(device: target, role: grant), device: me.device, user: me.user, at: global.timestamp)
      let lang = global.language
      System.say(lang.pick("设备 \(target)：\(grant.label(lang))", "device \(target): \(grant.label(lang))"))
    }
  }
}

/// `chuangwen revoke DIR DEVICE`: a lost or compromised laptop's key is
/// revoked; its changes after this one are void on every copy.
struct Revoke: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Revoke a device's key (coordinator only): its changes made after this are void everywhere.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "The device whose key is revoked.")
  var target: String

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, lock: global.lock("revoke"))
      printWarnings(ws)
      let me = try global.identity()
      try global.mayChangeStructure(ws, device: me.device)
      try RoleChange.check(target: target, in: ws, by: me.device)
      guard target != me.device else { throw WorkspaceError.usage("\(target): this laptop's own device cannot revoke itself") }
      try ws.append(.revoke(device: target), device: me.device, user: me.user, at: global.timestamp)
      let lang = global.language
      System.say(lang.pick("已吊销设备 \(target) 的密钥：其此后的变更在各副本上均无效",
                           "device \(target)'s key is revoked: its later changes are void on every copy"))
    }
  }
}

enum RoleChange {
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
