import Domain

/// Who is working and on which laptop: kept once per laptop in the user's
/// config folder (`$XDG_CONFIG_HOME/chuangwen/device.json`), so every
/// journal line says who, and from where.
public struct Identity: Equatable, Sendable {
  public var device: String
  public var user: String

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
    // says who they are once per laptop. A --device option is not saved:
    // it is for tests and for working as another laptop for a moment.
    if (device == nil && id != saved.device) || (user != nil && user != saved.user) {
      var o = ObjectBuilder()
      o.add(DeviceFileKey.device.rawValue, id)
      o.add(DeviceFileKey.user.rawValue, user ?? saved.user)
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
