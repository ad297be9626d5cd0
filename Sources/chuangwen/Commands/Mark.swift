import ArgumentParser
import Domain
import Platform
import Presentation
import WorkspaceFiles

struct Mark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mark",
    abstract: "Set a node's status or note; the change goes to this laptop's journal.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "A node id, or an outline code like 3.1.2.")
  var node: String

  @Option(help: "todo | doing | done")
  var status: Status?

  @Option(help: "A note to keep with the node (replaces the note).")
  var note: String?

  @Option(help: "An indicator's current value (as the table writes it: 92, ≥95…).")
  var value: String?

  @Option(parsing: .unconditional, help: "Log N activities (+N), or take back the last N logged (-N).")
  var activity: String?

  @Option(help: "The day the activities took place (YYYY-MM-DD, 6月3日…; default today).")
  var date: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if status == nil && note == nil && value == nil && activity == nil {
      throw ValidationError("give --status todo|doing|done, --note TEXT, --value V or --activity +N|-N")
    }
    if let activity, !(activity.hasPrefix("+") || activity.hasPrefix("-")) || Int(activity.dropFirst()).map({ $0 >= 1 && $0 <= 10_000 }) != true {
      throw ValidationError("--activity \(activity): expected +N or -N, N from 1 to 10000")
    }
    if date != nil && activity == nil { throw ValidationError("--date goes with --activity") }
    if let note, note.hasTerminalControls { throw ValidationError("--note: expected text without control characters") }
    if let value, value.hasTerminalControls || value.trimmingBlanks.isEmpty { throw ValidationError("--value: expected a value, without control characters") }
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
      if let value {
        guard before.indicator != nil else { throw WorkspaceError.usage("--value: \(node) is not an indicator") }
        try ws.append(.set(node: id, field: .current, value: .text(value.trimmingBlanks)),
                      device: me.device, user: me.user, at: global.timestamp)
      }
      if let activity {
        guard let quota = ws.campaign.nodes[i].quota else { throw WorkspaceError.usage("--activity: \(node) has no quota to count towards") }
        let n = Int(activity.dropFirst())!
        var ops: [Domain.Operation] = []
        if activity.hasPrefix("+") {
          var day = global.day
          if let date {
            guard let d = Day.typed(date, today: global.day) else {
              throw WorkspaceError.usage("--date \(date): expected a date (2023-06-30, 6月3日…)")
            }
            day = d
          }
          ops.append(.addActivity(node: id, activity: Activity(id: me.device + "-a" + String(Clock.milliseconds, radix: 36), date: day, count: n)))
          // The quota's status follows its count (docs/guide.md).
          if status == nil, let to = Quota.status(after: quota.count + n, target: quota.target, from: ws.campaign.nodes[i].status) {
            ops.append(.set(node: id, field: .status, value: .text(to.rawValue)))
          }
        } else {
          guard quota.activities.count >= n else {
            throw WorkspaceError.usage("--activity \(activity): \(node) has \(quota.activities.count) logged")
          }
          ops = quota.activities.suffix(n).reversed().map { .removeActivity(node: id, activity: $0.id) }
        }
        try ws.append(ops, device: me.device, user: me.user, at: global.timestamp)
      }
      let after = ws.campaign.nodes[i]
      var line = "\(ws.campaign.code(i)) \(after.title)"
      if let status {
        line += lang.pick("：", ": ") + before.status.label(lang) + " → " + status.label(lang)
        // Done by hand with the quota short of its target: said, not refused
        // (the dashboard asks first).
        if status == .done, let q = after.quota, q.target > 0, q.count < q.target {
          line += lang.pick("（配额只完成了 \(NodeFacts.quota(q))）", " (its quota has only \(NodeFacts.quota(q)))")
        }
      }
      if note != nil { line += lang.pick("（已记备注）", " (note kept)") }
      if value != nil, let ind = after.indicator {
        line += lang.pick("：当前值 ", ": now ") + (ind.current ?? "—") + " " + ind.unit
      }
      if activity != nil, let q = after.quota {
        line += lang.pick("：", ": ") + NodeFacts.quota(q) + "，" + after.status.label(lang)
      }
      System.say(line)
    }
  }
}

extension Status: ExpressibleByArgument {}
