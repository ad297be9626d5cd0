import ArgumentParser
import Domain
import Platform
import WorkspaceFiles

/// `chuangwen problem DIR NODE add TEXT [--unit U] [--by DATE]` and
/// `chuangwen problem DIR NODE fix|recheck|close|reopen [N]`: what the
/// dashboard's `r` and node card do, for scripts and offices that prefer
/// the command line.
struct ProblemCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "problem",
    abstract: "Record a problem found at inspection, or move one on: fix, recheck (re-check passed), close, reopen.",
    discussion: "N is the problem's number on the node (1, 2…, as the node card lists them); default: the first not closed.")

  enum Action: String, ExpressibleByArgument, CaseIterable {
    case add, fix, recheck, close, reopen
  }

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "A node id, or an outline code like 2.1.")
  var node: String

  @Argument(help: "add | fix | recheck | close | reopen")
  var action: Action

  @Argument(help: "add: what was found. Otherwise: the problem's number (default: the first not closed).")
  var text: String?

  @Option(help: "add: the unit that must fix it (its name, or part of it).")
  var unit: String?

  @Option(help: "add: fix by (2023-06-30, 6月底, 年底, +7…).")
  var by: String?

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, lock: global.lock("problem"))
      printWarnings(ws)
      let i = try resolveNode(node, in: ws)
      let me = try global.identity(in: dir)
      let c = ws.campaign
      let n = c.nodes[i]
      let lang = global.language
      let op: Domain.Operation
      switch action {
      case .add:
        guard let text = text?.trimmingBlanks, !text.isEmpty, !text.hasTerminalControls else {
          throw WorkspaceError.usage("problem add: expected what was found, as text without control characters")
        }
        var unitID: String? = nil
        if let unit {
          let found = c.units(named: unit)
          guard found.count == 1 else {
            throw WorkspaceError.usage("--unit \(unit): no unit of that name here (or more than one contains it)")
          }
          unitID = found[0].id
        }
        var due: Day? = nil
        if let by {
          due = try day(by)
        }
        let id = me.device + "-p" + String(Clock.milliseconds, radix: 36)
        op = .addProblem(node: n.id, problem: Problem(id: id, text: text, unit: unitID, due: due, found: global.day))
      default:
        let problems = n.problems
        let k: Int
        if let text {
          guard let number = Int(text), number >= 1, number <= problems.count else {
            throw WorkspaceError.usage("\(text): expected a problem's number, 1 to \(problems.count) on \(c.code(i))")
          }
          k = number - 1
        } else {
          guard let first = problems.firstIndex(where: { $0.state != .closed }) else {
            throw WorkspaceError.usage("\(c.code(i)) has no problem open (give its number to reopen one)")
          }
          k = first
        }
        let p = problems[k]
        let to: Problem.State
        switch action {
        case .fix:
          guard p.state == .open else {
            throw WorkspaceError.usage(lang.pick("第 \(k + 1) 个问题是“\(p.state.label(lang))”，不是整改中：无可整改", "problem \(k + 1) is \(p.state.label(lang)), not open: nothing to fix"))
          }
          to = .fixed
        case .recheck:
          guard p.state == .fixed else {
            throw WorkspaceError.usage(lang.pick("第 \(k + 1) 个问题是“\(p.state.label(lang))”：只有待复查的问题才能复查", "problem \(k + 1) is \(p.state.label(lang)): only a fixed problem is re-checked"))
          }
          to = .closed
        case .close: to = .closed
        case .reopen: to = .open
        case .add: fatalError("handled above")
        }
        op = .setProblem(node: n.id, problem: p.id, state: to)
      }
      try ws.append(op, device: me.device, user: me.user, at: global.timestamp)
      let after = ws.campaign.nodes[i].problems
      for (k, p) in after.enumerated() {
        System.say("\(c.code(i)) \(k + 1). \(p.text)［\(p.state.label(lang))］" + (p.due.map { " \($0)" } ?? ""))
      }
    }
  }

  func day(_ text: String) throws(WorkspaceError) -> Day {
    guard let day = Day.typed(text, today: global.day) else {
      throw .usage("--by \(text): expected a date (2023-06-30, 2023年6月底, 6月底, 年底, +7)")
    }
    return day
  }
}
