import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The real binary in a real terminal: a private tmux server, keys sent
/// as a person types them, the pane read back as text.
final class TmuxSession {
  let socket: String
  let name = "cw"
  private(set) var ok = true

  static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
      || (try? run(["which", "tmux"]).0 == 0) == true
  }

  /// Runs a command through posix_spawn and waitpid, output to a file.
  /// (Foundation's Process never reaps a tmux client whose server
  /// daemonizes, so the tests drive tmux with the plain system calls.)
  @discardableResult
  static func run(_ args: [String], detached: Bool = false) throws -> (Int32, String) {
    let outPath = NSTemporaryDirectory() + "cw-tmux-\(UUID().uuidString)"
    defer { unlink(outPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, detached ? "/dev/null" : outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = (["/usr/bin/env"] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // The test runs on a thread that blocks signals; the tmux server (and
    // the app under it) must start with none blocked.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    guard posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, environ) == 0 else { return (127, "") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    return ((status >> 8) & 0xFF, out)
  }

  /// Starts `command` in a detached session of the given size.
  init(command: String, width: Int = 100, height: Int = 30, environment: [String: String]) throws {
    socket = "cw-test-\(UUID().uuidString.prefix(8))"
    let env = environment.merging(["LANG": "C.UTF-8", "TERM": "xterm-256color"]) { a, _ in a }
      .sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
    let (status, out) = try Self.run([
      "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
      "-s", name, "env \(env) \(command); sleep 30",
    ], detached: true)
    #expect(status == 0, "tmux: \(out)")
  }

  deinit { _ = try? Self.run(["tmux", "-L", socket, "kill-server"]) }

  /// Keys by tmux name ("Down", "Enter", "Space", "C-c") or literal text.
  func send(_ keys: String..., literal: Bool = false) {
    _ = try? Self.run(["tmux", "-L", socket, "send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    Thread.sleep(forTimeInterval: 0.15)
  }

  func type(_ text: String) { send(text, literal: true) }

  /// Raw bytes, as a broken serial line or a confused paste would send them.
  func sendBytes(_ bytes: [UInt8]) {
    for chunk in stride(from: 0, to: bytes.count, by: 64) {
      let hex = bytes[chunk..<min(bytes.count, chunk + 64)].map { String(format: "%02x", $0) }
      _ = try? Self.run(["tmux", "-L", socket, "send-keys", "-t", name, "-H"] + hex)
    }
    Thread.sleep(forTimeInterval: 0.15)
  }

  func capture() -> [String] {
    let out = (try? Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", name]).1) ?? ""
    return out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  func screen() -> String { capture().joined(separator: "\n") }

  /// Waits until the pane shows `text`; records the screen if it never does.
  @discardableResult
  func waitFor(_ text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if screen().contains(text) { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    Issue.record("never saw \"\(text)\"; the screen was:\n\(screen())", sourceLocation: sourceLocation)
    ok = false
    return false
  }

  func resize(width: Int, height: Int) {
    _ = try? Self.run(["tmux", "-L", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    Thread.sleep(forTimeInterval: 0.3)
  }
}
