import ArgumentParser
import WorkspaceFiles

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a workspace: JSON syntax, types, ids, units, cycles, journals.",
    discussion: "Prints every problem as file:line:col and exits 65 when there is one; changes nothing.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, verify: true)
      printWarnings(ws)
      let c = ws.campaign
      System.say(global.language.pick(
        "\(dir)：有效（\(c.nodes.count) 个节点，\(ws.eventCount) 条变更，\(ws.devices.count) 台设备）",
        "\(dir): valid (\(c.nodes.count) nodes, \(ws.eventCount) changes, \(ws.devices.count) devices)"))
      System.finish(holding: ws)
    }
  }
}
