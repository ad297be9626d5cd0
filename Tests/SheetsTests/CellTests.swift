import Domain
import Testing
@testable import Sheets

/// The small readers: outline numbers, unit lists, deadlines, statuses,
/// headers.
@Suite struct CellTests {
  @Test(arguments: [
    ("一、加强思想道德建设", 1, "加强思想道德建设"),
    ("十二、其他", 1, "其他"),
    ("（一）深化学习教育", 2, "深化学习教育"),
    ("(三) 文明交通", 2, "文明交通"),
    ("1.组织宣讲", 3, "组织宣讲"),
    ("12、评选", 3, "评选"),
    ("１．全角", 3, "全角"),
    ("（1）开展百姓宣讲", 4, "开展百姓宣讲"),
    ("②制作微视频", 5, "制作微视频"),
  ])
  func outlineNumbers(_ text: String, _ level: Int, _ rest: String) {
    #expect(numbering(text) == Numbering(level: level, rest: rest))
  }

  @Test(arguments: [
    "1.5万名志愿者", "2023年工作要点", "九年义务教育巩固率", "一级带一级", "一、",
    "1.建立台账；2.每月通报", "（一）宣传；（二）督查", "文明交通",
  ])
  func notOutlineNumbers(_ text: String) {
    #expect(numbering(text) == nil)
  }

  @Test func numberCells() {
    #expect(numberCellLevel("一") == 1)
    #expect(numberCellLevel("（二）") == 2)
    #expect(numberCellLevel("12") == 3)
    #expect(numberCellLevel("") == nil)
  }

  @Test func unitLists() {
    #expect(splitUnitNames("市公安局、市交通运输局") == ["市公安局", "市交通运输局"])
    #expect(splitUnitNames("市城管局，市住建局,市水务局;市林业局；市文明办") ==
            ["市城管局", "市住建局", "市水务局", "市林业局", "市文明办"])
    #expect(splitUnitNames("市文明办 市市场监管局\u{3000}团市委") == ["市文明办", "市市场监管局", "团市委"])
    #expect(splitUnitNames("市城管局/市住建局／市民政局\n市妇联") == ["市城管局", "市住建局", "市民政局", "市妇联"])
    #expect(splitUnitNames("各县（市、区）政府、市直各部门") == ["各县（市、区）政府", "市直各部门"])
    #expect(splitUnitNames("市教育局、市教育局、 ") == ["市教育局"])
    #expect(splitUnitNames("") == [])
  }

  @Test func deadlines() {
    func read(_ s: String, _ year: Int? = nil) -> DeadlineReading { readDeadline(s, year: year) }
    let june30 = DeadlineReading.date(Day(iso: "2023-06-30")!)
    // Written markers are text, not numbers (a fuzzer's find: "@" crashed).
    for odd in ["@", "#", "$", "@年", "#月底", "@-#-#", "2023-@-#"] { #expect(read(odd) == .unreadable, "\(odd)") }
    #expect(read("2023-06-30") == june30)
    #expect(read("2023/6/30") == june30)
    #expect(read("2023.6.30") == june30)
    #expect(read("2023年6月30日") == june30)
    #expect(read("2023年6月底") == june30)
    #expect(read("2023年六月底前") == june30)
    #expect(read("2023-06") == june30)
    #expect(read("2023年底") == .date(Day(iso: "2023-12-31")!))
    #expect(read("2023年") == .date(Day(iso: "2023-12-31")!))
    #expect(read("2024年2月底") == .date(Day(iso: "2024-02-29")!))
    #expect(read("2023年上半年") == june30)
    #expect(read("2023年一季度") == .date(Day(iso: "2023-03-31")!))
    #expect(read("6月底") == .needsYear)
    #expect(read("6月底", 2023) == june30)
    #expect(read("6月30日", 2023) == june30)
    #expect(read("6/30", 2023) == june30)
    #expect(read("上半年", 2023) == june30)
    #expect(read("年底", 2023) == .date(Day(iso: "2023-12-31")!))
    #expect(read("长期坚持") == .ongoing)
    #expect(read("常态化推进") == .ongoing)
    #expect(read("") == .none)
    #expect(read("2023-02-30") == .unreadable)
    #expect(read("2023年13月") == .unreadable)
    #expect(read("尽快") == .unreadable)
  }

  @Test func statuses() {
    #expect(readStatus("") == .todo)
    #expect(readStatus("未开始") == .todo && readStatus("进行中") == .doing && readStatus("已完成") == .done)
    #expect(readStatus("todo") == .todo && readStatus("Doing") == .doing && readStatus("DONE") == .done)
    #expect(readStatus("not started") == .todo && readStatus("in progress") == .doing)
    #expect(readStatus("待定") == nil)
  }

  @Test func headers() {
    #expect(SheetField.of(header: "测评项目") == .project)
    #expect(SheetField.of(header: "牵头\n单位") == .lead)
    #expect(SheetField.of(header: " 完成时限（年月日） ") == .deadline)
    #expect(SheetField.of(header: "*责任单位") == .lead)
    #expect(SheetField.of(header: "Supporting units") == .support)
    #expect(SheetField.of(header: "联系电话") == nil)
    #expect(SheetField.of(header: "2023年创建全国文明城市任务分解表") == nil)
  }
}
