import Crypto
import Domain

/// A laptop's signing key for one device id (Ed25519, swift-crypto). The
/// private half lives in the user's config folder, `keys/<device>.key`,
/// mode 0600, never in a workspace; the public half goes on the first
/// journal line the device signs.
public struct DeviceKey {
  let privateKey: Curve25519.Signing.PrivateKey
  /// The public key as the journals carry it: 64 hex digits.
  public let publicHex: String

  init(_ key: Curve25519.Signing.PrivateKey) {
    privateKey = key
    publicHex = Hex.encode(key.publicKey.rawRepresentation)
  }

  /// A key that is not saved anywhere (generated demo journals, tests).
  public static func ephemeral() -> DeviceKey { DeviceKey(Curve25519.Signing.PrivateKey()) }

  /// What people compare: the first 16 bytes of the public key's SHA-256,
  /// in groups of four hex digits.
  public var fingerprint: String { DeviceKey.fingerprint(ofPublicKey: publicHex) }

  public static func fingerprint(ofPublicKey hex: String) -> String {
    let digest = Hex.encode(SHA256.hash(data: Hex.decode(hex) ?? Array(hex.utf8)).prefix(16))
    var groups: [Substring] = []
    var rest = Substring(digest)
    while !rest.isEmpty {
      groups.append(rest.prefix(4))
      rest = rest.dropFirst(4)
    }
    return groups.joined(separator: ":")
  }

  /// The signature of `message`, as 128 hex digits.
  func sign(_ message: [UInt8]) -> String {
    // Only fails when the platform's random source does; then nothing can
    // be signed and no change may be written unsigned in its place.
    guard let signature = try? privateKey.signature(for: message) else {
      fatalError("Ed25519 signing failed: the system's random source is unavailable")
    }
    return Hex.encode(signature)
  }

  // MARK: On this laptop

  static func path(device: String) -> String {
    Workspace.join(Workspace.join(Identity.configFolder(), "keys"), device + ".key")
  }

  /// This laptop's key for `device`, made and saved the first time it is
  /// needed (`create`). nil when there is none and `create` is false.
  /// Two processes making it at once keep the one saved first.
  public static func onThisLaptop(device: String, create: Bool = true) throws(WorkspaceError) -> DeviceKey? {
    let path = path(device: device)
    if let key = try load(path) { return key }
    guard create else { return nil }
    let made = DeviceKey(Curve25519.Signing.PrivateKey())
    try FileIO.makeDirectory(Identity.configFolder(), links: .follow)
    try FileIO.makeDirectory(Workspace.join(Identity.configFolder(), "keys"), links: .follow)
    if try FileIO.createExclusively(path, Array((Hex.encode(made.privateKey.rawRepresentation) + "\n").utf8)) {
      return made
    }
    guard let saved = try load(path) else { throw .io(path, "cannot read the key just saved") }
    return saved
  }

  private static func load(_ path: String) throws(WorkspaceError) -> DeviceKey? {
    guard let bytes = try FileIO.read(path, limit: 4096, links: .follow) else { return nil }
    if let mode = FileIO.permissions(path), mode & 0o077 != 0 {
      throw .notPermitted("\(path): the private key may be read by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)")
    }
    let text = bytes.filter { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }
    guard text.count == 64, let raw = Hex.decode(text),
      let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
      throw .invalid([Diagnostic(file: path, message: "expected a private key of 64 hex digits (made by chuangwen); move the file away to make a new key")])
    }
    return DeviceKey(key)
  }
}

/// Where a journal line's signature is, and whether it holds. A signed
/// line ends with its signature member, written exactly so:
///
///     {"device": …, "prev": …, "op": …, …, "sig": "<128 hex digits>"}
///
/// and the signature is over the line without it: the same bytes with
/// `, "sig": "…"` taken out. The line holds `prev`, the hash of the line
/// before, so a signature vouches for the whole journal up to its line.
enum LineSignature {
  static let head: [UInt8] = Array(", \"sig\": \"".utf8)
  /// `, "sig": "`, 128 hex digits, `"}`.
  static let tailCount = head.count + 128 + 2

  /// The signature's hex digits when the line ends as a signed line does.
  static func signature(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
    guard line.count > tailCount + 1 else { return nil }
    let start = line.count - tailCount
    guard line[line.count - 1] == UInt8(ascii: "}"), line[line.count - 2] == 0x22,
      head.indices.allSatisfy({ line[start + $0] == head[$0] }) else { return nil }
    return UnsafeBufferPointer(rebasing: line[(start + head.count)..<(line.count - 2)])
  }

  /// Whether the line ends with a signature (not whether it holds).
  static func isSigned(_ line: UnsafeBufferPointer<UInt8>) -> Bool { signature(line) != nil }

  static func isSigned(_ line: ArraySlice<UInt8>) -> Bool { line.withUnsafeBufferPointer { isSigned($0) } }

  /// The bytes the signature is over.
  static func message(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    Array(line[..<(line.count - tailCount)]) + [UInt8(ascii: "}")]
  }

  /// Signs an unsigned line (as EventCodec writes it, ending in `}`).
  static func signed(_ line: [UInt8], by key: DeviceKey) -> [UInt8] {
    let signature = key.sign(line)
    return Array(line.dropLast()) + head + Array(signature.utf8) + [0x22, UInt8(ascii: "}")]
  }

  /// Whether the line's signature is `publicKey`'s over its bytes.
  static func holds(_ line: UnsafeBufferPointer<UInt8>, publicKey: String) -> Bool {
    guard let sig = signature(line), let raw = Hex.decode(sig), let keyBytes = Hex.decode(publicKey),
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes) else { return false }
    return key.isValidSignature(raw, for: message(line))
  }

  static func holds<C: Collection>(_ line: C, publicKey: String) -> Bool where C.Element == UInt8 {
    Array(line).withUnsafeBufferPointer { holds($0, publicKey: publicKey) }
  }
}
