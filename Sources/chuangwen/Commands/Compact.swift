import ArgumentParser
import WorkspaceFiles

struct Compact: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compact",
    abstract: "Fold the journals into campaign.json (coordinator).",
    discussion: """
      Copies made before still merge, both ways: their folded lines are recognised and skipped. \
      By default the folded lines are cut from the journals; teams that sync with git keep them \
      (--keep-journals), since cutting another device's file would conflict with its next push.
      """)

  @Argument(help: "The workspace folder.")
  var dir: String

  @Flag(help: "Keep the folded lines in the journals (for git; they are skipped on load).")
  var keepJournals = false

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      // Locked before reading: what it folds and empties is all it read.
      // The journals' chains checked; the plan from its copy when it is
      // campaign.json's (checked when the copy was made).
      let ws = try Workspace.open(dir, verify: true, planCopy: true, lock: global.lock("compact"))
      printWarnings(ws)
      let me = try global.identity(in: dir, remember: false)
      try global.mayChangeStructure(ws, for: me)
      let report = try ws.compact(by: me.user, device: me.device, at: global.timestamp, trim: !keepJournals)
      let n = report.folded.values.reduce(0, +)
      let lang = global.language
      System.say(lang.pick(
        "第 \(report.generation) 次压缩：并入 \(n) 条变更（\(report.folded.count) 台设备），日志 \(report.journalBytesBefore) → \(report.journalBytesAfter) 字节",
        "compaction \(report.generation): folded \(n) changes from \(report.folded.count) devices; journals \(report.journalBytesBefore) → \(report.journalBytesAfter) bytes"))
    }
  }
}
