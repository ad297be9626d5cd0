import Foundation

/// Runs the real `chuangwen` binary that `swift test` built beside the tests.
enum Binary {
  /// The built executable: next to the test bundle, in the build folder.
  static let path: String = {
    // Another build to run the same tests against (an older release, to
    // see a test fail before its fix).
    if let other = ProcessInfo.processInfo.environment["CHUANGWEN_TEST_BINARY"], !other.isEmpty { return other }
    return built("chuangwen")
  }()

  /// `chuangwen-harness` (bench, stress), built beside `chuangwen` because
  /// the tests depend on its target; always this build's, whatever
  /// CHUANGWEN_TEST_BINARY says.
  static let harness: String = built("chuangwen-harness")

  /// An executable of this package: next to the test bundle, in the build
  /// folder, else in .build/debug.
  static func built(_ name: String) -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent(name).path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/" + name).path
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// This process's environment with a private config and data folder
  /// under `home` and a UTF-8 locale.
  static func environment(home: String) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["XDG_CONFIG_HOME"] = home + "/config"
    env["XDG_DATA_HOME"] = home + "/data"
    env["LANG"] = "C.UTF-8"
    env.removeValue(forKey: "LC_ALL")
    return env
  }

  /// Runs with a private config and data folder, so tests never touch the
  /// user's own device id or demo.
  static func run(_ arguments: [String], home: String, environment: [String: String] = [:],
                  executable: String? = nil) throws -> Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable ?? path)
    p.arguments = arguments
    var env = Binary.environment(home: home)
    for (k, v) in environment { env[k] = v }
    p.environment = env
    p.currentDirectoryURL = URL(fileURLWithPath: home)
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                  stderr: String(decoding: e, as: UTF8.self))
  }
}

/// A fresh folder, removed at deinit.
final class Scratch {
  let path: String
  init() {
    path = NSTemporaryDirectory() + "chuangwen-e2e-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// chuangwen run in this folder as `device`, on `today` when given.
  func chuangwen(_ args: [String], device: String, today: String? = nil) throws -> Binary.Result {
    try Binary.run(args + ["--device", device], home: path, environment: today.map { ["CHUANGWEN_TODAY": $0] } ?? [:])
  }

  func read(_ name: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path + "/" + name) ?? Data(), as: UTF8.self)
  }
  func write(_ name: String, _ text: String) {
    try! Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
  }
  /// Every file's bytes, by path. Not the lock file: it belongs to
  /// whichever process holds the workspace (git ignores it too), and a
  /// writer takes it before reading anything, bad input or not.
  func files() -> [String: Data] {
    var out: [String: Data] = [:]
    let e = FileManager.default.enumerator(atPath: path)!
    while let name = e.nextObject() as? String {
      if name == ".lock" || name.hasSuffix("/.lock") { continue }
      if let d = FileManager.default.contents(atPath: path + "/" + name) { out[name] = d }
    }
    return out
  }
}
