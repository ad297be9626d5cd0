import ArgumentParser
import Domain
import TerminalUI
import WorkspaceFiles

struct Open: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open the dashboard (the default command).")

  @Argument(help: "The workspace folder. Default: the current folder if it holds one, else the bundled demo.")
  var dir: String?

  @OptionGroup var global: GlobalOptions

  /// `chuangwen` or `chuangwen DIR` as the parser reads them (DIR neither
  /// an option nor a command's name), made without it: its reflection of
  /// the commands took 3 ms of the dashboard's first frame. Nil for
  /// anything else, which the parser reads.
  static func bare(_ arguments: [String]) -> Open? {
    guard arguments.count <= 1 else { return nil }
    if let word = arguments.first, word.hasPrefix("-") || Chuangwen.commandNames.contains(word) { return nil }
    var open = Open()
    open.dir = arguments.first
    open.global = .none
    assert(everyOneGiven(open), "an option or argument of Open is not given in Open.bare")
    return open
  }

  func run() throws {
    try reporting {
      let path = try Demo.resolve(dir)
      // With no terminal (a pipe, a script), show the outline instead.
      guard Terminal.isInteractive else {
        let ws = try Workspace.open(path)
        printWarnings(ws)
        System.say(Outline.render(ws.campaign, today: global.day, depth: 2, lang: global.language),
                   terminator: "")
        return
      }
      do {
        try DashboardApp.run(path, global: global)
      } catch let error as TerminalError {
        printError("chuangwen: \(error)")
        throw ExitCode(69)
      }
    }
  }
}

/// The bundled demo: the Golmud template, made in the user's data folder
/// on first use so the template itself is never changed.
enum Demo {
  static func resolve(_ dir: String?) throws(WorkspaceError) -> String {
    if let dir { return dir }
    if Workspace.exists(at: ".") { return "." }
    let path = Identity.dataFolder() + "/demo"
    if !Workspace.exists(at: path) {
      try Workspace.create(at: path, campaign: Templates.golmud())
    }
    return path
  }
}
