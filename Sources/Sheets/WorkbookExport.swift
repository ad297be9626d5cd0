import Domain
import Presentation

/// The campaign as an .xlsx workbook: the task table (the columns of
/// `exportCSV`, which `importSheet` reads back the same way: codes as
/// text, deadlines as dates, progress as a percent, top-level groups in
/// bold), then the office's tables as sheets of their own: the red bases,
/// the stations month by month, the indicators, and every problem found.
public func exportXLSX(_ campaign: Campaign, today: Day, lang: Lang) -> [UInt8] {
  var tasks = OutSheet(name: lang.pick("任务分解", "Tasks"),
                       header: exportColumns(campaign).map { $0.exportHeader(english: lang == .en) })
  for (k, row) in taskRows(campaign, lang: lang).enumerated() {
    tasks.rows.append(row.cells)
    if row.group { tasks.bold.insert(k) }
  }
  var sheets = [tasks]
  let tables: [(Table.Kind, String, String)] = [
    (.bases, "红色教育基地", "Red bases"), (.coverage, "实践站逐月", "Stations by month"),
    (.indicators, "指标", "Indicators"),
  ]
  for (kind, zh, en) in tables {
    let table = Table.make(kind, campaign, today: today, lang: lang)
    sheets.append(OutSheet(name: lang.pick(zh, en), header: table.columns.map(\.title),
                           rows: table.rows.map { $0.cells.map { .text($0) } }))
  }
  sheets.append(problemSheet(campaign, lang: lang))
  // Every unit, those no task names too: the task table cannot carry
  // them, and `importSheet` reads them from here.
  sheets.append(OutSheet(name: unitSheetName(lang), header: [lang.pick("单位", "Unit")],
                         rows: campaign.units.map { [.text($0.name)] }))
  return writeWorkbook(sheets)
}

/// The sheet of every unit an export writes.
func unitSheetName(_ lang: Lang) -> String { lang.pick("单位名录", "Units") }

/// Every problem found at inspection, open or closed, with its node.
func problemSheet(_ c: Campaign, lang: Lang) -> OutSheet {
  var sheet = OutSheet(name: lang.pick("问题整改", "Problems"), header: [
    lang.pick("序号", "No."), lang.pick("事项", "Item"), lang.pick("问题", "Problem"),
    lang.pick("整改单位", "Unit"), lang.pick("整改时限", "Fix by"), lang.pick("状态", "State"),
    lang.pick("发现日期", "Found"),
  ])
  for i in c.preorder() where !c.nodes[i].problems.isEmpty {
    for p in c.nodes[i].problems {
      sheet.rows.append([
        .text(c.code(i)), .text(c.nodes[i].title), .text(p.text), .text(p.unit.map(c.unitName) ?? ""),
        p.due.map { .date($0) } ?? .text(""), .text(p.state.label(lang)), p.found.map { .date($0) } ?? .text(""),
      ])
    }
  }
  return sheet
}
