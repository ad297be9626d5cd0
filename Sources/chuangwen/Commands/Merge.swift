import ArgumentParser
import WorkspaceFiles

struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Take in the journals of other copies (laptops, USB sticks).",
    discussion: "Idempotent: merging the same copy twice adds nothing. Nothing is written when a copy is damaged or disagrees.")

  @Argument(help: "The workspace to merge into.")
  var dir: String

  @Argument(help: "Other copies of the same workspace.")
  var others: [String]

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if others.isEmpty { throw ValidationError("name at least one other copy to merge from") }
  }

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, verify: true, planCopy: true, lock: global.lock("merge"))
      printWarnings(ws)
      let lang = global.language
      for other in others {
        let report = try ws.merge(from: other)
        if let g = report.adoptedCompaction {
          System.say(lang.pick("\(other)：采用其压缩后的快照（第 \(g) 次压缩）", "\(other): took its compacted snapshot (compaction \(g))"))
        }
        if report.added.isEmpty {
          System.say(lang.pick("\(other)：没有新的变更", "\(other): nothing new"))
        }
        for (device, n) in report.added.sorted(by: { $0.key < $1.key }) {
          System.say(lang.pick("\(other)：设备 \(device) 新增 \(n) 条变更", "\(other): \(n) new changes from device \(device)"))
        }
        for (device, id) in report.forks.sorted(by: { $0.key < $1.key }) {
          System.say(lang.pick("\(other)：设备 \(device) 另有一段历史 \(id)（同一设备在两台电脑上使用？），两段都已保留；协调员用 chuangwen fork 选择其一",
                               "\(other): device \(device) has another history \(id) there (one device id on two laptops?): both are kept; a coordinator keeps one with chuangwen fork"))
        }
        for (id, n) in report.onDeleted.sorted(by: { $0.key < $1.key }) {
          System.say(lang.pick("\(other)：\(n) 条变更针对本副本已删除的节点 \(id)：已保存在记录中，但没有可修改的节点",
                               "\(other): \(n) changes are for node \(id), deleted in this copy: kept in the journals, with no node to change"))
        }
        if report.evidenceFiles > 0 {
          System.say(lang.pick("\(other)：复制佐证材料 \(report.evidenceFiles) 份（已核对哈希）", "\(other): \(report.evidenceFiles) evidence files copied (hashes checked)"))
        }
        RolesReport.refusals(report.refused, lang: lang)
      }
    }
  }
}
