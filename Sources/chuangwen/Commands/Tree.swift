import ArgumentParser
import Domain
import WorkspaceFiles

struct Tree: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tree",
    abstract: "Print the outline with codes, status and progress, aligned for Chinese.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "Show this many levels (1 = top level only).")
  var depth: Int?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if let depth, depth < 1 { throw ValidationError("--depth \(depth): expected 1 or more") }
  }

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir)
      printWarnings(ws)
      System.say(Outline.render(ws.campaign, today: global.day, depth: depth, lang: global.language),
                 terminator: "")
      System.finish(holding: ws)
    }
  }
}
