import ArgumentParser
import Domain
import WorkspaceFiles

struct Mark: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Set a node's status or note; the change goes to this laptop's journal.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "A node id, or an outline code like 3.1.2.")
  var node: String

  @Option(help: "todo | doing | done")
  var status: Status?

  @Option(help: "A note to keep with the node (replaces the note).")
  var note: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if status == nil && note == nil {
      throw ValidationError("give --status todo|doing|done, or --note TEXT, or both")
    }
  }

  func run() throws {
    try reporting {
      // Locked before reading: a change made meanwhile by another
      // process is in what this one carries on from.
      let ws = try Workspace.open(dir, lock: global.lock("mark"))
      printWarnings(ws)
      let i = try resolveNode(node, in: ws)
      let me = try global.identity(in: dir)
      let lang = global.language
      let before = ws.campaign.nodes[i]
      let id = before.id
      if let status {
        try ws.append(.set(node: id, field: .status, value: .text(status.rawValue)),
                      device: me.device, user: me.user, at: global.timestamp)
      }
      if let note {
        try ws.append(.set(node: id, field: .note, value: .text(note)),
                      device: me.device, user: me.user, at: global.timestamp)
      }
      let after = ws.campaign.nodes[i]
      var line = "\(ws.campaign.code(i)) \(after.title)"
      if let status {
        line += lang.pick("：", ": ") + before.status.label(lang) + " → " + status.label(lang)
      }
      if note != nil { line += lang.pick("（已记备注）", " (note kept)") }
      System.say(line)
    }
  }
}

extension Status: ExpressibleByArgument {}
