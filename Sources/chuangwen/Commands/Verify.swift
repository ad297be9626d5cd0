import ArgumentParser
import WorkspaceFiles

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check every journal's hash chain: finds edited, removed or reordered lines.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, verify: true)
      printWarnings(ws)
      let lang = global.language
      for device in ws.devices {
        System.say(lang.pick("\(device)：\(ws.events(ofDevice: device).count) 条变更，链完整",
                        "\(device): \(ws.events(ofDevice: device).count) changes, chain intact"))
      }
      if ws.devices.isEmpty { System.say(lang.pick("没有变更记录", "no journals yet")) }
    }
  }
}
