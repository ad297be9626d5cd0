import ArgumentParser
import Domain
import TextScreen
import WorkspaceFiles

struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Counts by kind and status, overall progress, deadlines and problems.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Flag(help: "Print JSON for scripts.")
  var json = false

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir)
      printWarnings(ws)
      let today = global.day
      let s = CampaignStats(ws.campaign, today: today)
      if json {
        System.say(StatsReport.json(s, campaign: ws.campaign, today: today, events: ws.eventCount,
                                    devices: ws.devices.count))
      } else {
        System.say(StatsReport.table(s, campaign: ws.campaign, lang: global.language), terminator: "")
      }
      System.finish(holding: ws)
    }
  }
}
