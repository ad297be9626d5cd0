import ArgumentParser
import Domain
import Platform
import Reports
import WorkspaceFiles

/// `chuangwen bulletin DIR [--from D] [--to D] [--issue N] [--office NAME]
/// [--unit UNIT] [--format text|md|html] [-o FILE]`: a period's 督查通报,
/// or one unit's 督办单, from the journals as they stood on those days.
struct BulletinCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bulletin",
    abstract: "A period's progress bulletin (督查通报), or with --unit a unit's notice (督办单), as the journals stood then.",
    discussion: """
      The period is --from to --to (default: the seven days to today). It is worked out from what was true \
      on those days (the plan replayed from the journals up to each), so a bulletin for a past period does \
      not change with later work. 第N期 is the period's place in its year unless --issue gives it.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, html }

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "The period's first day (2022-06-09, 6月9日…; default: six days before --to).")
  var from: String?

  @Option(help: "The period's last day (default: today).")
  var to: String?

  @Option(help: "The issue number (第N期).")
  var issue: Int?

  @Option(help: "The issuing office.")
  var office: String?

  @Option(help: "A notice (督办单) for this responsible unit (its name, or part of it).")
  var unit: String?

  @Option(help: "text | md | html")
  var format: Format = .text

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if let issue, issue < 1 || issue > 10_000 { throw ValidationError("--issue \(issue): expected a number from 1") }
    for (name, text) in [("office", office), ("unit", unit)] {
      if let text, text.trimmingBlanks.isEmpty || text.hasTerminalControls {
        throw ValidationError("--\(name): expected text without control characters")
      }
    }
  }

  func run() throws {
    try reporting {
      let today = global.day
      func day(_ text: String?, _ option: String) throws(WorkspaceError) -> Day? {
        guard let text else { return nil }
        guard let d = Day.typed(text, today: today) else {
          throw .usage("--\(option) \(text.withoutControls()): expected a date (2022-06-15, 6月15日, +7…)")
        }
        return d
      }
      let to = try day(to, "to") ?? today
      let from = try day(from, "from") ?? to.adding(days: -6)
      guard from <= to else { throw WorkspaceError.usage("--from \(from) comes after --to \(to)") }
      let ws = try Workspace.open(dir)
      printWarnings(ws)
      var unitID: String? = nil
      if let unit {
        let found = ws.campaign.units(named: unit.trimmingBlanks)
        guard found.count == 1 else {
          throw WorkspaceError.usage("--unit \(unit): " + (found.isEmpty ? "no unit of that name here (see chuangwen unit \(dir) list)"
                                                                          : "\(found.count) units have it in their names: give more of it"))
        }
        unitID = found[0].id
      }
      // Each event's local day, as people date their work; one with no
      // readable time counts as made before the period.
      func dayOf(_ e: Event) -> Day? { Day(iso: String(Clock.local(e.at).prefix(10))) }
      let history = ws.events.compactMap { e in dayOf(e).map { (event: e, day: $0) } }.filter { $0.day <= to }
      let ends = try ws.campaigns(before: [from, to.adding(days: 1)], day: dayOf)
      let (before, after) = (ends[0], ends[1])
      let compacted = ws.snapshot.compaction.flatMap { Day(iso: String(Clock.local($0.at).prefix(10))) }.flatMap { $0 > from ? $0 : nil }
      let lang = global.language
      let bulletin = Bulletin(Bulletin.Input(
        before: before, after: after, history: history, from: from, to: to,
        office: office?.trimmingBlanks ?? lang.pick("创建全国文明城市工作指挥部办公室", "Civilised City campaign office"),
        issue: issue, unit: unitID, compacted: compacted, lang: lang))
      let text: String
      switch format {
      case .text: text = bulletin.text()
      case .md: text = bulletin.markdown()
      case .html: text = bulletin.html()
      }
      if let output {
        try OtherFiles.write(output, Array(text.utf8))
      } else {
        System.say(text.hasSuffix("\n") ? String(text.dropLast()) : text)
      }
    }
  }
}
