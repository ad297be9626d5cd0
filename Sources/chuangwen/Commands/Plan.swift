import ArgumentParser
import Domain
import Platform
import WorkspaceFiles

/// `chuangwen plan DIR [--title T] [--period 2021-2023]`: the plan's name
/// and its period (创建周期), which month grids and pace charts follow; a
/// coordinator's, as the dashboard's C. Without options: prints them.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show or set the plan's name and period (coordinator).",
    discussion: "--period takes 2021-2023, 2021年—2023年, 2021-03-01 至 2023-12-31, or none.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "The plan's name.")
  var title: String?

  @Option(help: "The period: 2021-2023, or 2021-03-01 至 2023-12-31, or none.")
  var period: String?

  @Option(help: "Days an order may wait to be dispatched before it is overdue (default 3).")
  var dispatchDays: Int?

  @Option(help: "Days a dispatched order may take to be done before it is overdue (default 7).")
  var finishDays: Int?

  @Option(help: "Megabytes one evidence file may have (default 20).")
  var evidenceMb: Int?

  var settings: [(PlanField, Int)] {
    [(.dispatchDays, dispatchDays), (.finishDays, finishDays), (.evidenceMB, evidenceMb)].compactMap { f, v in v.map { (f, $0) } }
  }

  @OptionGroup var global: GlobalOptions

  var periodValue: Period?? {
    guard let period else { return nil }
    if period.trimmingBlanks == "none" { return .some(nil) }
    return Period(typed: period).map { .some($0) }
  }

  func validate() throws {
    if let title, title.trimmingBlanks.isEmpty || title.hasTerminalControls || title.count > StructureIssue.maxTitle {
      throw ValidationError("--title: expected a name of 1 to \(StructureIssue.maxTitle) characters, without control characters")
    }
    for (field, n) in settings where !(field == .evidenceMB ? PlanSettings.megabytes : PlanSettings.days).contains(n) {
      let range = field == .evidenceMB ? PlanSettings.megabytes : PlanSettings.days
      throw ValidationError("\(n): expected \(range.lowerBound) to \(range.upperBound) for \(field.rawValue)")
    }
    if let period, periodValue == nil {
      throw ValidationError("--period \(period.withoutControls()): expected 2021-2023, 2021-03-01 至 2023-12-31, or none")
    }
  }

  func run() throws {
    try reporting {
      let lang = global.language
      func said(_ c: Campaign) -> String {
        lang.pick("订单 \(c.settings.dispatchDays) 天内派单、派单后 \(c.settings.finishDays) 天内完成；佐证文件最大 \(c.settings.evidenceMB) MB",
                  "orders dispatched within \(c.settings.dispatchDays) days, done within \(c.settings.finishDays) after; evidence files up to \(c.settings.evidenceMB) MB")
      }
      guard title != nil || period != nil || !settings.isEmpty else {
        let c = try Workspace.open(dir).campaign
        System.say(c.title)
        System.say(lang.pick("创建周期：", "Period: ") + (c.period?.typed ?? lang.pick("未设", "not set")))
        System.say(said(c))
        return
      }
      let ws = try Workspace.open(dir, lock: global.lock("plan"))
      printWarnings(ws)
      let me = try global.identity(in: dir, remember: false)
      try global.mayChangeStructure(ws, for: me)
      let c = ws.campaign
      var ops: [Domain.Operation] = []
      if let title = title?.trimmingBlanks, title != c.title { ops.append(.setPlan(field: .title, value: .text(title))) }
      if let chosen = periodValue, let p = chosen {
        if p.start != c.start { ops.append(.setPlan(field: .start, value: .text(p.start.description))) }
        if p.end != c.end { ops.append(.setPlan(field: .end, value: .text(p.end.description))) }
      } else if periodValue != nil {
        if c.start != nil { ops.append(.setPlan(field: .start, value: .null)) }
        if c.end != nil { ops.append(.setPlan(field: .end, value: .null)) }
      }
      for (field, n) in settings { ops.append(.setPlan(field: field, value: .text(String(n)))) }
      if !ops.isEmpty { try ws.append(ops, device: me.device, user: me.user, at: global.timestamp) }
      let after = ws.campaign
      if !settings.isEmpty { System.say(said(after)) }
      System.say(after.title + "  " + lang.pick("创建周期：", "period: ") + (after.period?.typed ?? lang.pick("未设", "not set"))
                 + (ops.isEmpty ? lang.pick("（无变化）", " (unchanged)") : ""))
    }
  }
}
