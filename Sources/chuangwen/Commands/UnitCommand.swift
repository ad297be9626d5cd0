import ArgumentParser
import Domain
import Platform
import WorkspaceFiles

/// `chuangwen unit DIR list|add|rename|merge`: the responsible units
/// (责任单位) without a text editor. A coordinator's work (structure).
struct UnitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unit",
    abstract: "List, add, rename or merge responsible units (coordinator).",
    discussion: """
      unit DIR list | unit DIR add NAME | unit DIR rename NAME NEW | unit DIR merge NAME INTO \
      (every task led or supported by NAME is then INTO's). A unit is named by its name, or by \
      a part of it that only one unit's name has.
      """)

  enum Action: String, ExpressibleByArgument, CaseIterable {
    case list, add, rename, merge
  }

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "list | add | rename | merge")
  var action: Action

  @Argument(help: "add: the new unit's name; rename, merge: the unit.")
  var name: String?

  @Argument(help: "rename: its new name; merge: the unit it becomes.")
  var other: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    switch action {
    case .list: break
    case .add: if name == nil { throw ValidationError("unit add NAME: give the new unit's name") }
    case .rename, .merge: if name == nil || other == nil { throw ValidationError("unit \(action.rawValue) NAME \(action == .rename ? "NEW" : "INTO")") }
    }
    for text in [name, other].compactMap({ $0 }) where text.hasTerminalControls || text.trimmingBlanks.isEmpty {
      throw ValidationError("\(text.withoutControls()): expected a unit's name, without control characters")
    }
  }

  func run() throws {
    try reporting {
      let lang = global.language
      if action == .list {
        let ws = try Workspace.open(dir)
        printWarnings(ws)
        let c = ws.campaign
        var leads: [String: Int] = [:], supports: [String: Int] = [:]
        for n in c.nodes {
          if let l = n.lead { leads[l, default: 0] += 1 }
          for u in n.support { supports[u, default: 0] += 1 }
        }
        for u in c.units {
          System.say(lang.pick("\(u.name)  牵头 \(leads[u.id] ?? 0) 项，配合 \(supports[u.id] ?? 0) 项",
                               "\(u.name)  leads \(leads[u.id] ?? 0), supports \(supports[u.id] ?? 0)"))
        }
        return
      }
      let ws = try Workspace.open(dir, lock: global.lock("unit"))
      printWarnings(ws)
      let me = try global.identity(in: dir, remember: false)
      try global.mayChangeStructure(ws, for: me)
      let c = ws.campaign
      func unit(_ text: String) throws(WorkspaceError) -> Domain.Unit {
        let partial = c.units(named: text)
        guard partial.count == 1 else {
          throw .usage(partial.isEmpty ? "\(text): no unit of that name here (see chuangwen unit \(dir) list)"
                       : "\(text): \(partial.count) units have it in their names (\(partial.map(\.name).joined(separator: "、"))): give more of it")
        }
        return partial[0]
      }
      var ops: [Domain.Operation] = []
      let said: String
      switch action {
      case .list: return
      case .add:
        let new = name!.trimmingBlanks
        guard !c.units.contains(where: { $0.name == new }) else { throw WorkspaceError.usage("\(new): a unit of that name is here already") }
        ops = [.addUnit(unit: Domain.Unit(id: me.device + "-u" + String(Clock.milliseconds, radix: 36), name: new))]
        said = lang.pick("新增单位 \(new)", "unit added: \(new)")
      case .rename:
        var u = try unit(name!)
        let new = other!.trimmingBlanks
        guard !c.units.contains(where: { $0.name == new && $0.id != u.id }) else {
          throw WorkspaceError.usage("\(new): another unit has that name (merge them instead)")
        }
        let was = u.name
        u.name = new
        ops = [.renameUnit(unit: u)]
        said = lang.pick("单位改名：\(was) → \(new)", "unit renamed: \(was) → \(new)")
      case .merge:
        let from = try unit(name!), into = try unit(other!)
        guard from.id != into.id else { throw WorkspaceError.usage("\(name!) and \(other!) are one unit") }
        let moved = c.tasks(of: from.id)
        ops = c.merging(unit: from.id, into: into.id)
        said = lang.pick("\(from.name) 并入 \(into.name)：\(moved) 项任务改由后者负责", "\(from.name) merged into \(into.name): \(moved) tasks now theirs")
      }
      if !ops.isEmpty { try ws.append(ops, device: me.device, user: me.user, at: global.timestamp) }
      System.say(said)
    }
  }
}
