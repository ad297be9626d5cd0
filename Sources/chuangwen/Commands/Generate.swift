import ArgumentParser
import Domain
import WorkspaceFiles

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Make a synthetic workspace of N nodes, for measuring speed (docs/performance.md).",
    discussion: "Shaped like a national plan: provinces → cities → areas → tasks → items, red bases, practice centres to stations with activities. The same seed gives the same files.")

  @Argument(help: "The folder to make (it must not hold a workspace yet).")
  var dir: String

  @Option(help: "How many nodes.")
  var nodes: Int

  @Option(help: "How many laptops' journals.")
  var devices: Int = 0

  @Option(help: "How many events in all, spread over the devices.")
  var events: Int = 0

  @Option(help: "The seed.")
  var seed: UInt64 = 1

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    guard nodes >= 1 && nodes <= 20_000_000 else { throw ValidationError("--nodes \(nodes): expected 1 to 20000000") }
    guard events >= 0, devices >= 0 else { throw ValidationError("--devices and --events: expected 0 or more") }
    if events > 0 && devices == 0 { throw ValidationError("--events needs --devices (how many laptops made them)") }
  }

  func run() throws {
    try reporting {
      let campaign = Synthetic.campaign(nodes: nodes, seed: seed)
      let journals = events > 0 ? Synthetic.events(on: campaign, devices: devices, count: events, seed: seed) : []
      try Workspace.create(at: dir, campaign: campaign, journals: journals, signed: true)
      System.say(global.language.pick("已生成 \(dir)：\(nodes) 个节点，\(events) 条变更（\(devices) 台设备）",
                                 "Made \(dir): \(nodes) nodes, \(events) events from \(devices) devices"))
    }
  }
}
