import Domain

/// Who is working and on which laptop: kept once per laptop in the user's
/// config folder (`$XDG_CONFIG_HOME/chuangwen/device.json`), so every
/// journal line says who, and from where.
public struct Identity: Equatable, Sendable {
  public var device: String
  public var user: String
  /// The role this laptop chose to work in for the workspace, remembered
  /// from an earlier `--role` (it narrows what the plan grants).
  public var role: Role? = nil

  /// `$XDG_CONFIG_HOME/chuangwen`, else `$HOME/.config/chuangwen`.
  public static func configFolder() -> String {
    if let x = FileIO.environment("XDG_CONFIG_HOME"), !x.isEmpty { return Workspace.join(x, "chuangwen") }
    return Workspace.join(FileIO.environment("HOME") ?? ".", ".config/chuangwen")
  }

  /// `$XDG_DATA_HOME/chuangwen`, else `$HOME/.local/share/chuangwen`.
  public static func dataFolder() -> String {
    if let x = FileIO.environment("XDG_DATA_HOME"), !x.isEmpty { return Workspace.join(x, "chuangwen") }
    return Workspace.join(FileIO.environment("HOME") ?? ".", ".local/share/chuangwen")
  }

  /// This laptop's identity: options first, then the saved one; a device
  /// id is made and saved on first use.
  public static func resolve(device: String?, user: String?) throws(WorkspaceError) -> Identity {
    try resolve(device: device, user: user, workspace: nil, role: nil)
  }

  /// The same, for work in `workspace`: the user's name and role are
  /// remembered per workspace (`workspaces.json` in the config folder), so
  /// a laptop used for two campaigns, or by two people, does not mix them.
  /// A name or role given is saved for the workspace.
  /// `remember`: save what was given (the dashboard, `mark`); a command
  /// that may be refused only reads what was remembered.
  public static func resolve(device: String?, user: String?, workspace: String?, role: Role?,
                             remember: Bool = true) throws(WorkspaceError) -> Identity {
    guard let workspace else { return try resolve(device: device, user: user, global: true) }
    // Per workspace and device id: one laptop may work as several (tests,
    // a shared office machine).
    let key = FileIO.absolutePath(workspace) + " " + (device ?? "")
    let path = Workspace.join(configFolder(), "workspaces.json")
    var all = (try? FileIO.read(path, limit: 1 << 20, links: .follow)).flatMap { $0 }.map(workspaceSettings) ?? [:]
    var mine = all[key] ?? [:]
    let remembered = mine["user"].map { $0.withoutControls() }.flatMap { $0.trimmingBlanks.isEmpty ? nil : $0 }
    var me = try resolve(device: device, user: user ?? remembered, global: false)
    if let user { mine["user"] = user }
    if let role { mine["role"] = role.rawValue }
    me.role = mine["role"].flatMap(Role.init(rawValue:))
    if remember && all[key] != mine {
      all[key] = mine
      var o = ObjectBuilder()
      for k in all.keys.sorted() {
        var m = ObjectBuilder()
        for (field, value) in all[k]!.sorted(by: { $0.key < $1.key }) { m.add(field, value) }
        o.add(k, m.value)
      }
      // A convenience: a laptop that cannot save it (a full disk) still works.
      try? FileIO.makeDirectory(configFolder(), links: .follow)
      try? FileIO.writeAtomically(path, Array((JSONWriter.line(o.value) + "\n").utf8))
    }
    return me
  }

  /// workspaces.json: path → {user, role}. Read leniently (a file the
  /// user may have edited): what does not fit is left out.
  static func workspaceSettings(_ bytes: [UInt8]) -> [String: [String: String]] {
    bytes.withUnsafeBufferPointer { b in
      var r = Reader(b: b)
      var out: [String: [String: String]] = [:]
      do throws(DataError) {
        try r.start()
        try r.objectMembers { (r: inout Reader, key) throws(DataError) in
          var fields: [String: String] = [:]
          try r.objectMembers { (r: inout Reader, field) throws(DataError) in
            if r.i < r.b.count && r.b[r.i] == 0x22 { fields[field] = try r.text() } else { try r.skipValue() }
          }
          out[key] = fields
        }
      } catch {
        return out
      }
      return out
    }
  }

  private static func resolve(device: String?, user: String?, global: Bool) throws(WorkspaceError) -> Identity {
    if let user, user.hasTerminalControls || user.trimmingBlanks.isEmpty {
      throw .usage("--user: expected a name, without control characters (it is recorded with every change)")
    }
    if let device, !Journal.isValidDevice(device) {
      throw .usage("--device \(device): expected letters, digits, '.', '_' or '-' (it names the journal file)")
    }
    let path = Workspace.join(configFolder(), "device.json")
    var saved: (device: String?, user: String?) = (nil, nil)
    // The user's own settings: a link (dotfiles kept elsewhere) is fine.
    if let bytes = try FileIO.read(path, limit: 1 << 20, links: .follow) {
      do throws(DataError) {
        saved = try deviceFile(bytes)
      } catch {
        throw .invalid([Diagnostic(file: path, bytes: bytes, offset: error.offset, message: error.message)])
      }
    }
    var id = saved.device
    if id == nil || !Journal.isValidDevice(id!) { id = newDeviceID() }
    // Saved when first needed, and when a new name is given, so a supervisor
    // says who they are once per laptop (a name given for one workspace is
    // that workspace's, and the laptop's only while it has none). A
    // --device option is not saved: it is for tests and for working as
    // another laptop for a moment.
    let newName = user != nil && user != saved.user && (global || saved.user == nil)
    if (device == nil && id != saved.device) || newName {
      var o = ObjectBuilder()
      o.add(DeviceFileKey.device.rawValue, id)
      o.add(DeviceFileKey.user.rawValue, newName ? user : saved.user)
      try FileIO.makeDirectory(configFolder(), links: .follow)
      try FileIO.writeAtomically(path, Array((JSONWriter.line(o.value) + "\n").utf8))
    }
    // A name saved or set elsewhere is taken without its controls.
    let name = (user ?? saved.user ?? FileIO.environment("USER") ?? "unknown").withoutControls()
    return Identity(device: device ?? id!, user: name)
  }

  /// device.json's two strings. Its JSON must be well-formed; beyond
  /// that it is read leniently (a file the user may have edited): a
  /// member of another type is left out, and a file that is not an object
  /// of these members gives neither (a new device id is then made).
  static func deviceFile(_ bytes: [UInt8]) throws(DataError) -> (device: String?, user: String?) {
    try bytes.withUnsafeBufferPointer { (b) throws(DataError) -> (device: String?, user: String?) in
      var r = Reader(b: b)
      try r.start()
      let top = r.i
      try r.skipValue()
      try r.end()
      r.i = top
      var found: (device: String?, user: String?) = (nil, nil)
      do throws(DataError) {
        var seen: UInt32 = 0
        guard try r.beginObject("device.json") else { return found }
        repeat {
          let k: DeviceFileKey = try r.key(&seen, "device.json")
          let value = r.b[r.i] == 0x22 ? try r.text() : nil
          if value == nil { try r.skipValue() }
          switch k {
          case .device: found.device = value
          case .user: found.user = value
          }
        } while try r.nextMember(after: DeviceFileKey.user)
      } catch {
        return (nil, nil)
      }
      return found
    }
  }

  /// The host's name (filename-safe part) and random hex: readable in a
  /// journal folder, and unique across laptops.
  static func newDeviceID() -> String {
    let host = String(FileIO.hostName().unicodeScalars.filter {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
    }.prefix(20))
    var rng = SystemRandomNumberGenerator()
    let suffix = String(rng.next() & 0xFFFF_FFFF_FFFF, radix: 16)
    return (host.isEmpty ? "laptop" : host) + "-" + suffix
  }
}

/// device.json, this laptop's saved identity.
enum DeviceFileKey: String, JSONMembers {
  case device, user
  static let table = MemberTable<Self>()
}

