import ArgumentParser
import Domain
import Platform
import Presentation
import Reports
import WorkspaceFiles

/// `chuangwen order DIR add|report|dispatch|accept|done|rate|decline|list`:
/// the practice system's service orders (点单 → 报单 → 派单 → 接单 → 评单),
/// each step journaled, a step the order's state does not allow refused
/// with nothing written.
struct OrderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "order",
    abstract: "Service orders: add one, take a step (report, dispatch, accept, done, rate, decline), or list them.",
    discussion: """
      order DIR add --at NODE --what TEXT [--by DATE] [--from NAME] | order DIR report|accept ID | \
      order DIR dispatch ID --team NODE | order DIR done ID [--note TEXT] | order DIR rate ID --stars N \
      [--rater requester|centre] [--note TEXT] | order DIR decline ID --note REASON | order DIR list [--state S] \
      [--team NODE] [--format text|csv|md]. ID is the order's id as `list` shows it, or its first characters.
      """)

  enum Action: String, ExpressibleByArgument, CaseIterable {
    case add, report, dispatch, accept, done, rate, decline, list
  }

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "add | report | dispatch | accept | done | rate | decline | list")
  var action: Action

  @Argument(help: "The order's id (or its first characters).")
  var id: String?

  @Option(help: "add: the station, institute, sub-centre or centre (a node id or outline code).")
  var at: String?

  @Option(help: "add: what is asked.")
  var what: String?

  @Option(help: "add: wanted by (2022-06-30, 6月底, +7…).")
  var by: String?

  @Option(help: "add: who asked (optional; no personal data needed).")
  var from: String?

  @Option(help: "dispatch: the volunteer team (a team node); list: only this team's.")
  var team: String?

  @Option(help: "rate: 1 to 5.")
  var stars: Int?

  @Option(help: "rate: requester (the default) or centre.")
  var rater: Order.Rater = .requester

  @Option(help: "done: what was done; rate: a comment; decline: the reason.")
  var note: String?

  @Option(help: "list: only orders in this state (ordered, reported, dispatched, accepted, done, declined).")
  var state: Order.State?

  @Option(help: "list: text | csv | md")
  var format: TableFormat = .text

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    switch action {
    case .add:
      guard at != nil, let what, !what.trimmingBlanks.isEmpty else { throw ValidationError("order add: give --at NODE and --what TEXT") }
    case .list: break
    default:
      guard id != nil else { throw ValidationError("order \(action.rawValue) ID: give the order's id (see chuangwen order DIR list)") }
      if action == .dispatch && team == nil { throw ValidationError("order dispatch ID --team NODE: give the team") }
      if action == .rate, stars.map({ !(1...5).contains($0) }) ?? true { throw ValidationError("order rate ID --stars N: N is 1 to 5") }
      if action == .decline, note?.trimmingBlanks.isEmpty ?? true { throw ValidationError("order decline ID --note REASON: give the reason") }
    }
    for text in [what, from, note].compactMap({ $0 }) where text.hasTerminalControls {
      throw ValidationError("\(text.withoutControls()): expected text without control characters")
    }
  }

  func run() throws {
    try reporting {
      let lang = global.language
      if action == .list {
        let ws = try Workspace.open(dir)
        printWarnings(ws)
        var teamID: String? = nil
        if let team { teamID = ws.campaign.nodes[try resolveNode(team, in: ws, what: "--team ")].id }
        let table = Table.orders(ws.campaign, today: global.day, lang: lang) { o in
          (state.map { o.state == $0 } ?? true) && (teamID.map { o.team == $0 } ?? true)
        }
        System.emit(table.rendered(format))
        return
      }
      let ws = try Workspace.open(dir, lock: global.lock("order"))
      printWarnings(ws)
      let me = try global.identity(in: dir, remember: false)
      let c = ws.campaign
      let today = global.day
      let orderID: String
      let step: OrderStep
      switch action {
      case .add:
        let i = try resolveNode(at!, in: ws, what: "--at ")
        var wanted: Day? = nil
        if let by {
          guard let d = Day.typed(by, today: today) else { throw WorkspaceError.usage("--by \(by.withoutControls()): expected a date (2022-06-30, 6月底, +7…)") }
          wanted = d
        }
        orderID = "o" + String(Clock.milliseconds, radix: 36) + "-" + me.device
        step = .place(Order(id: orderID, at: c.nodes[i].id, what: what!.trimmingBlanks, from: from?.trimmingBlanks ?? "",
                            placed: today, by: wanted))
      default:
        let typed = id!.trimmingBlanks
        let found = c.orders.filter { $0.id == typed || $0.id.hasPrefix(typed) }
        guard found.count == 1 || found.contains(where: { $0.id == typed }) else {
          throw WorkspaceError.usage(found.isEmpty ? "\(typed): no such order (see chuangwen order \(dir) list)"
                                                   : "\(typed): \(found.count) orders begin so: give more of the id")
        }
        orderID = found.first { $0.id == typed }?.id ?? found[0].id
        let text = note?.trimmingBlanks ?? ""
        switch action {
        case .report: step = .report
        case .dispatch: step = .dispatch(team: c.nodes[try resolveNode(team!, in: ws, what: "--team ")].id)
        case .accept: step = .accept
        case .done: step = .finish(note: text)
        case .rate: step = .rate(rater, stars: stars!, comment: text)
        case .decline: step = .decline(reason: text)
        case .add, .list: return
        }
      }
      // The domain's rule, before anything is written.
      if let why = c.refusal(of: step, order: orderID) { throw WorkspaceError.usage(why) }
      try ws.append(.orderStep(order: orderID, step: step, on: today), device: me.device, user: me.user, at: global.timestamp)
      let o = ws.campaign.orders.first { $0.id == orderID }!
      System.say("\(o.id)  " + step.label(lang, in: ws.campaign) + "  → " + o.state.label(lang))
    }
  }
}

extension Order.Rater: ExpressibleByArgument {}
extension Order.State: ExpressibleByArgument {}
