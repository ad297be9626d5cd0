import ArgumentParser
import Domain
import Platform
import WorkspaceFiles

struct Log: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "The history of changes: who, when, from which device, what.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "Only this node (an id or an outline code).")
  var node: String?

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir)
      printWarnings(ws)
      let c = ws.campaign
      var only: String?
      if let node {
        only = c.nodes[try resolveNode(node, in: ws)].id
      }
      let lang = global.language
      if let k = ws.snapshot.compaction {
        // What came before is folded into the snapshot: say so, not nothing.
        System.say(lang.pick("\(Clock.local(k.at))  \(k.by)  第 \(k.generation) 次压缩：此前的变更已并入 campaign.json",
                        "\(Clock.local(k.at))  \(k.by)  compaction \(k.generation): earlier changes are folded into campaign.json"))
      }
      var history = History(c, lang: lang)
      for line in history.lines(ws.events, only: only) { System.say(line) }
    }
  }
}
