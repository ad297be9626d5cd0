import ArgumentParser
import Domain
import Platform
import Presentation
import Reports
import Sheets
import WorkspaceFiles

/// `chuangwen point DIR add NAME --type T --area A [--unit U]`,
/// `chuangwen point DIR list [--type T] [--area A] [--format …]`,
/// `point DIR import SHEET`, `point DIR types` and `point DIR type NAME`:
/// the inspection points (点位) mock inspections visit, and their types.
struct PointCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "point", abstract: "Add or list inspection points (点位: markets, bus stops, schools…) and their types.",
    discussion: "A point's type is one of the 26 common types or one the coordinator added (point DIR types lists them).")

  enum Action: String, ExpressibleByArgument, CaseIterable { case add, list, `import`, types, type }

  @Argument(help: "The workspace folder.")
  var dir: String
  @Argument(help: "add | list | import | types | type")
  var action: Action
  @Argument(help: "add: the point's name; import: the sheet (.xlsx or CSV: 点位名称, 点位类型, 区域, 责任单位); type: the new type's name.")
  var name: String?
  @Option(help: "Its type (农贸市场, 公交站点…): which standards apply.")
  var type: String?
  @Option(help: "Its district or street.")
  var area: String?
  @Option(help: "add: the responsible unit (its name, or part of it).")
  var unit: String?
  @Option(help: "list: text | csv | md")
  var format: TableFormat = .text
  @Flag(help: "import: add the sheet's types that are not here yet as the city's own.")
  var addTypes = false
  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if action == .import && name == nil { throw ValidationError("point import FILE: give the sheet") }
    if action == .type && (name?.trimmingBlanks.isEmpty ?? true) { throw ValidationError("point type NAME: give the new type's name") }
    if action == .add && (name?.trimmingBlanks.isEmpty ?? true || type?.trimmingBlanks.isEmpty ?? true) {
      throw ValidationError("point add NAME --type TYPE [--area AREA]: give the name and the type")
    }
    for text in [name, type, area, unit].compactMap({ $0 }) where text.hasTerminalControls {
      throw ValidationError("\(text.withoutControls()): expected text without control characters")
    }
  }

  func run() throws {
    try reporting {
      let lang = global.language
      if action == .list {
        let ws = try Workspace.open(dir)
        let table = Table.points(ws.campaign, lang: lang) { p in
          (type.map { p.type == $0 } ?? true) && (area.map { p.area == $0 } ?? true)
        }
        System.emit(table.rendered(format))
        return
      }
      if action == .types {
        let ws = try Workspace.open(dir)
        let table = Table.pointTypes(ws.campaign, lang: lang)
        System.emit(table.rendered(format))
        return
      }
      let ws = try Workspace.open(dir, lock: global.lock("point"))
      printWarnings(ws)
      let me = try global.identity(in: dir, remember: false)
      try global.mayChangeStructure(ws, for: me)
      if action == .type {
        let step = InspectionStep.addType(name!.trimmingBlanks)
        if let why = ws.campaign.refusal(of: step) { throw WorkspaceError.usage(why) }
        try ws.append(.inspect(step), device: me.device, user: me.user, at: global.timestamp)
        System.say(Operation.inspect(step).summary(in: ws.campaign, lang: lang))
        return
      }
      if action == .import {
        // Read whole and checked before anything is written.
        let file = name!
        let bytes = try OtherFiles.read(file)
        let read: (points: [PointRow], skipped: [Int])
        do throws(SheetError) { read = try readPoints(bytes) } catch {
          throw WorkspaceError.invalid([Diagnostic(file: file, message: error.message(lang))])
        }
        var ops: [Domain.Operation] = []
        // Standards apply by type: a type not here is a typo or the city's
        // own, which the coordinator says with --add-types.
        var newTypes: [String] = []
        for p in read.points where ws.campaign.unknownType(p.type) != nil && !newTypes.contains(p.type) { newTypes.append(p.type) }
        if !newTypes.isEmpty {
          guard addTypes else {
            throw WorkspaceError.usage(newTypes.map { ws.campaign.unknownType($0)! }.joined(separator: "\n")
              + "\n" + lang.pick("全部作为本市的点位类型导入：加 --add-types", "to import them all as the city's own types: --add-types"))
          }
          ops += newTypes.map { .inspect(.addType($0)) }
        }
        var known = Set(ws.campaign.points.map { $0.name + "\u{1}" + $0.type })
        let stamp = String(Clock.milliseconds, radix: 36)
        // Units as a task sheet's are found and made (`UnitMatcher`); a
        // part of a name only one unit has finds it too, as --unit does.
        var units = UnitMatcher(ws.campaign.units, idPrefix: me.device + "-" + stamp)
        for (k, p) in read.points.enumerated() where known.insert(p.name + "\u{1}" + p.type).inserted {
          var unit: String? = p.unit.isEmpty ? nil : units.find(p.unit)
          if unit == nil && !p.unit.isEmpty {
            let found = ws.campaign.units(named: p.unit)
            if found.count == 1 {
              unit = found[0].id
            } else if found.isEmpty {
              unit = units.unit(named: p.unit)
            } else {
              printError(lang.pick("\(file)：第 \(p.row) 行：“\(p.unit)”可指多个单位（\(found.prefix(4).map(\.name).joined(separator: "、"))），该点位未设责任单位",
                                   "\(file): row \(p.row): \"\(p.unit)\" could be several units (\(found.prefix(4).map(\.name).joined(separator: ", "))): the point has none"))
            }
          }
          ops.append(.inspect(.addPoint(InspectionPoint(id: "p\(stamp)-\(k)-" + me.device, name: p.name, type: p.type, area: p.area,
                                                        unit: unit))))
        }
        let newUnits = units.made
        ops.insert(contentsOf: newUnits.map { .addUnit(unit: $0) }, at: 0)
        for row in read.skipped { printError(lang.pick("\(file)：第 \(row) 行没有点位名称或类型：已跳过", "\(file): row \(row) has no name or type: skipped")) }
        if !ops.isEmpty { try ws.append(ops, device: me.device, user: me.user, at: global.timestamp) }
        if !newTypes.isEmpty {
          System.say(lang.pick("新增点位类型：", "point types added: ") + newTypes.joined(separator: "、"))
        }
        if !newUnits.isEmpty {
          System.say(lang.pick("新增单位：", "units added: ") + newUnits.map(\.name).joined(separator: "、"))
        }
        let added = ops.count - newTypes.count - newUnits.count
        System.say(lang.pick("导入点位 \(added) 个（已有的不重复）", "\(added) points imported (those already here left out)"))
        return
      }
      var unitID: String? = nil
      if let unit {
        let found = ws.campaign.units(named: unit)
        guard found.count == 1 else { throw WorkspaceError.usage("--unit \(unit): no unit of that name here (or more than one contains it)") }
        unitID = found[0].id
      }
      let point = InspectionPoint(id: "p" + String(Clock.milliseconds, radix: 36) + "-" + me.device, name: name!.trimmingBlanks,
                                  type: type!.trimmingBlanks, area: area?.trimmingBlanks ?? "", unit: unitID)
      if let why = ws.campaign.refusal(of: .addPoint(point)) ?? ws.campaign.objection(to: .addPoint(point)) {
        throw WorkspaceError.usage(why)
      }
      try ws.append(.inspect(.addPoint(point)), device: me.device, user: me.user, at: global.timestamp)
      System.say(lang.pick("新增点位 \(point.name)（\(point.type)）", "point added: \(point.name) (\(point.type))"))
    }
  }
}

/// `chuangwen round DIR start NAME [--date D]`, `round DIR score POINT
/// STANDARD pass|partial|fail|na [--lost X] [--note T]`, `round DIR close`,
/// `round DIR figures`, `round DIR list`: rounds of mock inspection (the
/// latest open one is scored and closed unless `--round` names another).
struct RoundCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "round", abstract: "Start a round of mock inspection, score a standard at a point, or close the round.",
    discussion: "POINT by its name (AREA/NAME where two areas have one of that name, or a part of the name only it has) or id, STANDARD by its outline code or id. The round scored or closed is the latest one still open, and figures go to the latest round, unless --round names another.")

  enum Action: String, ExpressibleByArgument, CaseIterable { case start, score, close, figures, list }

  @Argument(help: "The workspace folder.")
  var dir: String
  @Argument(help: "start | score | close | figures | list")
  var action: Action
  @Argument(help: "start: the round's name; score: the point, the standard and the result.")
  var words: [String] = []
  @Option(help: "start: the day of the round (default today).")
  var date: String?
  @Option(help: "score partial: the points lost.")
  var lost: Double?
  @Option(help: "figures: the material review's score out of 100 (weighted 40%).")
  var material: Double?
  @Option(help: "figures: the survey's score out of 100 (weighted 20%).")
  var survey: Double?
  @Option(help: "score: what was seen.")
  var note: String?
  @Flag(help: "score fail or partial: also record a problem to rectify at the standard, for the point's unit.")
  var problem = false
  @Option(help: "--problem: fix by (2023-06-30, 6月底, +7…; default: a week from today).")
  var by: String?
  @Option(help: "score, close, figures: the round, by its name or id (default: the latest open one; figures: the latest).")
  var round: String?
  @Option(help: "list: text | csv | md")
  var format: TableFormat?
  @OptionGroup var global: GlobalOptions

  /// The round `--round` names, or why there is none: the rounds there are.
  static func named(_ name: String, in c: Campaign) throws(WorkspaceError) -> Round {
    if let r = c.round(named: name) { return r }
    let names = c.rounds.map(\.name)
    throw .usage("--round \(name): no such round" + (names.isEmpty ? " (none yet)" : "; the rounds: " + names.joined(separator: "、")))
  }

  func validate() throws {
    switch action {
    case .start: if words.count != 1 { throw ValidationError("round start NAME [--date D]") }
    case .score: if words.count != 3 { throw ValidationError("round score POINT STANDARD pass|partial|fail|na [--lost X]") }
    case .close: if !words.isEmpty { throw ValidationError("round close takes no other argument") }
    case .figures: if material == nil && survey == nil { throw ValidationError("round figures [--material N] [--survey N]") }
    case .list: if !words.isEmpty { throw ValidationError("round list takes no other argument") }
    }
    if format != nil && action != .list { throw ValidationError("--format goes with round list") }
    for text in [note, round].compactMap({ $0 }) + words where text.hasTerminalControls {
      throw ValidationError("\(text.withoutControls()): expected text without control characters")
    }
    if round != nil && (action == .start || action == .list) { throw ValidationError("--round goes with score, close or figures: a new round is named by start NAME") }
    if problem && (action != .score || words.count == 3 && !["fail", "partial"].contains(words[2])) {
      throw ValidationError("--problem goes with round score … fail or partial")
    }
  }

  func run() throws {
    try reporting {
      let lang = global.language
      if action == .list {
        let ws = try Workspace.open(dir)
        printWarnings(ws)
        let table = Table.rounds(ws.campaign, lang: lang)
        if table.rows.isEmpty {
          System.say(lang.pick("还没有测评轮次（chuangwen round \(dir) start 名称）", "no round yet (chuangwen round \(dir) start NAME)"))
        } else {
          System.emit(table.rendered(format ?? .text))
        }
        return
      }
      let ws = try Workspace.open(dir, lock: global.lock("round"))
      printWarnings(ws)
      let me = try global.identity(in: dir, remember: false)
      let c = ws.campaign
      let named = try round.map { name throws(WorkspaceError) in try RoundCommand.named(name, in: c) }
      let chosen = named ?? c.rounds.last { !$0.closed }
      let step: InspectionStep
      switch action {
      case .start:
        var day = global.day
        if let date {
          guard let d = Day.typed(date, today: global.day) else { throw WorkspaceError.usage("--date \(date): expected a date") }
          day = d
        }
        step = .startRound(Round(id: "r" + String(Clock.milliseconds, radix: 36) + "-" + me.device, name: words[0].trimmingBlanks, date: day))
      case .score:
        guard let chosen else { throw WorkspaceError.usage("no round is open: chuangwen round \(dir) start NAME") }
        // By id, AREA/NAME or name; else by a part of the name only one point has.
        var points = c.points.filter { $0.id == words[0] || $0.name == words[0] || $0.area + "/" + $0.name == words[0] }
        if points.isEmpty { points = c.points.filter { $0.name.contains(words[0]) } }
        guard points.count == 1 else {
          let which = points.count > 1 ? "more than one point: " + points.prefix(5).map { $0.area + "/" + $0.name }.joined(separator: "、") : "no such point"
          throw WorkspaceError.usage("\(words[0]): \(which) (see chuangwen point \(dir) list)")
        }
        let i = try resolveNode(words[1], in: ws)
        guard let result = Score.Result(rawValue: words[2]) else { throw WorkspaceError.usage("\(words[2]): expected pass, partial, fail or na") }
        step = .score(round: chosen.id, Score(point: points[0].id, standard: c.nodes[i].id, result: result, lost: lost ?? 0,
                                            note: note?.trimmingBlanks ?? ""))
      case .close:
        guard let chosen else { throw WorkspaceError.usage("no round is open") }
        step = .closeRound(chosen.id)
      case .figures:
        // The latest round, open or closed: figures often come after.
        guard let last = named ?? c.rounds.last else { throw WorkspaceError.usage("no round yet: chuangwen round \(dir) start NAME") }
        step = .figures(round: last.id, material: material, survey: survey)
      case .list:
        return  // answered above, without the lock
      }
      if let why = c.refusal(of: step) ?? c.objection(to: step) { throw WorkspaceError.usage(why) }
      if Operation.inspect(step).isStructural { try global.mayChangeStructure(ws, for: me) }
      var ops: [Domain.Operation] = [.inspect(step)]
      // A failed standard as a problem to rectify, in the same breath: at
      // the standard, for the point's unit, its rectification loop as any.
      if problem, case .score(_, let s) = step, let point = c.points.first(where: { $0.id == s.point }) {
        var due = global.day.adding(days: 7)
        if let by {
          guard let d = Day.typed(by, today: global.day) else { throw WorkspaceError.usage("--by \(by): expected a date") }
          due = d
        }
        let standard = c.nodes[c.index[s.standard]!].title
        let text = point.name + lang.pick("：", ": ") + (s.note.isEmpty ? standard : s.note)
        ops.append(.addProblem(node: s.standard, problem: Problem(id: me.device + "-p" + String(Clock.milliseconds, radix: 36), text: text,
                                                                  unit: point.unit, due: due, found: global.day, point: point.id)))
      }
      try ws.append(ops, device: me.device, user: me.user, at: global.timestamp)
      for op in ops { System.say(op.summary(in: ws.campaign, lang: lang)) }
      // Another round still open: what the latest-open default now means for it.
      if action == .start, let earlier = chosen {
        System.sayError(lang.pick(
          "注意：\(earlier.name) 尚未结束；此后打分和结束默认作用于新一轮，补录 \(earlier.name) 时加 --round \(earlier.name)",
          "note: \(earlier.name) is still open; scores and close now go to the new round by default: add --round \(earlier.name) for \(earlier.name)"))
      }
    }
  }
}
