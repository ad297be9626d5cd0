import ArgumentParser
import WorkspaceFiles

/// For the crash tests (Tests/EndToEndTests/CrashTests.swift): writes notes
/// one change at a time and says "ok N" on standard output, unbuffered,
/// after each is on the disk, so a harness that kills it knows exactly
/// which changes were acknowledged.
struct Stress: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write numbered notes, acknowledging each (for crash tests).", shouldDisplay: false)

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "How many changes.")
  var count: Int = 1000

  @Option(help: "The first number.")
  var from: Int = 1

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, lock: global.lock("stress"))
      let me = try global.identity()
      let nodes = ws.campaign.nodes.map(\.id)
      guard !nodes.isEmpty else { throw WorkspaceError.usage("\(dir): no nodes to write notes on") }
      for k in from..<(from + count) {
        try ws.append(.set(node: nodes[k % nodes.count], field: .note, value: .text("第\(k)次")),
                      device: me.device, user: me.user, at: global.timestamp)
        System.standardOutput("ok \(k)\n")
      }
    }
  }
}
