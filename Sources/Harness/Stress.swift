import ArgumentParser
import WorkspaceFiles

/// For the crash tests (Tests/EndToEndTests/CrashTests.swift): writes notes
/// one change at a time and says "ok N" on standard output, unbuffered,
/// after each is on the disk, so a harness that kills it knows exactly
/// which changes were acknowledged.
struct Stress: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write numbered notes, acknowledging each with \"ok N\" (for crash tests).")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "How many changes.")
  var count: Int = 1000

  @Option(help: "The first number.")
  var from: Int = 1

  @Option(help: "The journal to write (a device id). Default: this laptop's, as chuangwen's.")
  var device: String?

  @Option(help: "Who is recorded with each change. Default: as chuangwen's.")
  var user: String?

  @OptionGroup var lock: LockOptions

  func validate() throws {
    guard count >= 0 else { throw ValidationError("--count \(count): expected 0 or more") }
  }

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, lock: lock.request("stress"))
      let me = try Identity.resolve(device: device, user: user)
      let nodes = ws.campaign.nodes.map(\.id)
      guard !nodes.isEmpty else { throw WorkspaceError.usage("\(dir): no nodes to write notes on") }
      for k in from..<(from + count) {
        try ws.append(.set(node: nodes[k % nodes.count], field: .note, value: .text("第\(k)次")),
                      device: me.device, user: me.user, at: Clock.timestamp)
        put(1, "ok \(k)\n")
      }
    }
  }
}
