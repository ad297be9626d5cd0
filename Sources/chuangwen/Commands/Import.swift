import ArgumentParser
import Domain
import Platform
import Sheets
import WorkspaceFiles

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Add a task breakdown table (任务分解表, .xlsx or CSV from Excel or WPS) to a workspace.",
    discussion: """
      Columns are found by the headers offices write (序号, 工作任务, 测评项目, 指标, 测评内容, 牵头单位, \
      负责部门, 配合单位, 完成时限, 时间进度, 备注…; see docs/import.md), or named with --map. \
      An .xlsx is read directly (merged cells, dates, several sheets); an old .xls is refused. \
      For CSV, UTF-8 with or without BOM and GB18030/GBK are detected. The new nodes and units \
      are journaled like any change; nothing is written when the file cannot be read.
      """)

  @Argument(help: "The workspace folder (make one with `chuangwen init DIR --template blank`).")
  var dir: String

  @Argument(help: "The .xlsx or CSV file.")
  var file: String

  @Option(help: "The sheet of an .xlsx to read, by name or number (default: the first with a header).")
  var sheet: String?

  @Option(help: "Columns' roles by hand: 'COLUMN=ROLE,…' (a header, a letter or a number; lead, deadline…).")
  var map: String?

  @Option(help: "utf8 or gb18030 (default: detected).")
  var encoding: SheetEncoding?

  @Option(help: "The year of deadlines written without one (6月底, 上半年).")
  var year: Int?

  @Option(help: "Add under this node (an id or an outline code); default: at the top level.")
  var under: String?

  @Flag(help: "Read and report, but write nothing.")
  var dryRun = false

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let lang = global.language
      var columns = ColumnOverrides()
      if let map {
        do throws(SheetError) { columns = try ColumnOverrides(map) } catch { throw WorkspaceError.usage(error.message(lang)) }
      }
      let bytes = try OtherFiles.read(file)
      func read(_ ws: Workspace, prefix: String) throws(WorkspaceError) -> ImportResult {
        var parent: String? = nil
        if let under {
          parent = ws.campaign.nodes[try resolveNode(under, in: ws, what: "--under ")].id
        }
        do throws(SheetError) {
          return try importSheet(bytes, into: ws.campaign, options: ImportOptions(
            encoding: encoding, year: year, parent: parent, idPrefix: prefix, lang: lang, sheet: sheet,
            map: columns))
        } catch {
          throw WorkspaceError.invalid([Diagnostic(file: file, message: error.message(lang))])
        }
      }
      // Checked against the workspace as it is before anything is touched
      // (not even this laptop's identity file or the lock)…
      var result: ImportResult
      do {
        let view = try Workspace.open(dir)
        printWarnings(view)
        result = try read(view, prefix: "check")
      }
      if !dryRun {
        // …then, locked, read again and made with ids of this laptop's own:
        // what it adds to is what the files hold now.
        let me = try global.identity(in: dir, remember: false)
        let ws = try Workspace.open(dir, lock: global.lock("import"))
        try global.mayChangeStructure(ws, for: me)
        result = try read(ws, prefix: me.device + "-i" + String(Clock.milliseconds / 1000, radix: 36))
        var ops: [Domain.Operation] = result.newUnits.map { .addUnit(unit: $0) }
        ops += result.nodes.map { .addNode(node: $0, after: nil) }
        // A plan still under the blank template's name takes the table's
        // title, else the file's name (issue 17: it kept 新建创建工作方案).
        if ws.campaign.title == Templates.blank().title {
          let stem = String(file.split(separator: "/").last ?? "").split(separator: ".").dropLast().joined(separator: ".")
          if let title = result.title ?? (stem.isEmpty ? nil : stem) { ops.append(.setPlan(field: .title, value: .text(title))) }
        }
        try ws.append(ops, device: me.device, user: me.user, at: global.timestamp)
      }
      for issue in result.skipped {
        printError(lang.pick("\(file)：第 \(issue.row) 行已跳过：", "\(file): row \(issue.row) skipped: ") + issue.message)
      }
      for issue in result.warnings {
        printError(lang.pick("\(file)：第 \(issue.row) 行：", "\(file): row \(issue.row): ") + issue.message)
      }
      // Where the rows came from: an .xlsx's sheet, or a CSV's encoding.
      let source = result.sheet.map { lang.pick("工作表“\($0)”", "sheet “\($0)”") } ?? result.encoding?.rawValue ?? ""
      System.say(lang.pick(
        "\(file)（\(source)）：读取 \(result.rowsRead) 行，新建 \(result.nodes.count) 个节点、\(result.newUnits.count) 个单位，长期工作 \(result.ongoing.count) 项，跳过 \(result.skipped.count) 行，提示 \(result.warnings.count) 条" + (dryRun ? "（试运行，未写入）" : ""),
        "\(file) (\(source)): \(result.rowsRead) rows read, \(result.nodes.count) nodes and \(result.newUnits.count) units made, \(result.ongoing.count) ongoing, \(result.skipped.count) rows skipped, \(result.warnings.count) warnings" + (dryRun ? " (dry run: nothing written)" : "")))
    }
  }
}

extension SheetEncoding: ExpressibleByArgument {}
