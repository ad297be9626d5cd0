import Domain
import Foundation
import GoldenFiles
import Presentation
import Reports
import Sheets
import Testing
import TextScreen

/// The office's tables and documents, as golden files, and what they do
/// with hostile text.
@Suite struct ReportsTests {
  let today = Day(iso: "2022-06-15")!

  /// Golmud with some work done, a problem and an activity.
  func golmud() -> Campaign {
    var c = Templates.golmud()
    c.apply(.set(node: "gm-1-1", field: .status, value: .text("done")))
    c.apply(.addProblem(node: "gm-2-1", problem: Problem(id: "p1", text: "讲解员不足", due: Day(iso: "2022-06-01"))))
    c.apply(.addActivity(node: "gm-1-6", activity: Activity(id: "a1", date: Day(iso: "2022-03-01")!, count: 9)))
    return c
  }

  /// A campaign whose texts try to be formulas and markup.
  func hostile() -> Campaign {
    Campaign(id: "h", title: "<script>alert(1)</script> & 创文", units: [Unit(id: "u1", name: "=cmd|' /C calc'!A0")], nodes: [
      Node(id: "g", kind: .group, title: "<b>领域</b> | *粗*"),
      Node(id: "t", parent: "g", kind: .item, title: "@SUM(A1) \"引号\" 'x'", lead: "u1", due: Day(iso: "2022-01-01"),
           problems: [Problem(id: "p", text: "<img src=x onerror=alert(1)>")]),
    ])
  }

  @Test(arguments: [(Table.Kind.units, "units"), (.overdue, "overdue"), (.bases, "bases"), (.coverage, "coverage")])
  func golmudTables(kind: Table.Kind, name: String) {
    let table = Table.make(kind, golmud(), today: today, lang: .zh)
    for format in TableFormat.allCases where format != .csv {
      assertGolden(String(decoding: table.rendered(format), as: UTF8.self), "golmud-\(name).\(format.rawValue)", folder: "Golden")
    }
  }

  @Test func wuhaiIndicatorsInEnglish() {
    var c = Templates.wuhai()
    let first = c.nodes.first { $0.kind == .indicator }!.id
    c.apply(.set(node: first, field: .current, value: .text("1.7")))
    let table = Table.make(.indicators, c, today: today, lang: .en)
    assertGolden(String(decoding: table.rendered(.text), as: UTF8.self), "wuhai-indicators.en.text", folder: "Golden")
  }

  @Test func textTablesAlignByDisplayWidth() {
    let text = String(decoding: Table.make(.units, golmud(), today: today, lang: .zh).rendered(.text), as: UTF8.self)
    let lines = text.split(separator: "\n").map(String.init)
    // The right-aligned rate column ends at the same display column on every line.
    let ends = Set(lines.filter { $0.hasSuffix("%") || $0.hasSuffix("完成率") }.map { DisplayWidth.of($0) })
    #expect(ends.count == 1 && lines.count > 3)
  }

  @Test func markdownOutline() {
    assertGolden(Documents.markdown(golmud(), today: today, lang: .zh), "golmud-outline.md", folder: "Golden")
  }

  @Test func htmlIsOneEscapedDocument() {
    let html = Documents.html(golmud(), today: today, lang: .zh)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
    #expect(html.contains("@page { size: A4"))
    // Issue 17: the whole report, the overdue groups and every unit (a
    // supporting one too), the stations over the plan's own years.
    for section in ["各领域进度", "任务清单", "按单位（牵头、配合）", "逾期与整改", "问题整改情况", "红色教育基地",
                    "文明实践站逐月活动（2021年）", "文明实践站逐月活动（2022年）"] {
      #expect(html.contains("<h2>\(section)</h2>"), "\(section)")
    }
    #expect(!html.contains("（2023年）"), "a year still to come")
    #expect(html.contains("序时进度：创建周期 2021-2023 已过 48%，实际完成 0%，落后 48 个百分点"), "pace against the period")
    #expect(html.contains("9/63 所"), "quotas with their counts")
    #expect(html.contains("<td class=\"n\">1.2</td>"), "an overdue item at any level")
    #expect(html.contains("<svg") && !html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
    #expect(html.contains("青藏公路建设指挥部及将军楼旧址"))  // to rectify
    // Balanced tables and rows.
    #expect(html.components(separatedBy: "<table>").count == html.components(separatedBy: "</table>").count)
    #expect(html.components(separatedBy: "<tr").count == html.components(separatedBy: "</tr>").count)

    // Photos among the evidence: small, linked to their files.
    var withPhoto = golmud()
    let hash = String(repeating: "cd", count: 32)
    withPhoto.apply(.addEvidence(Evidence(hash: hash, node: "gm-2-1", name: "讲解员.jpg", size: 9, caption: "<到岗>", added: today)))
    let photo = Documents.html(withPhoto, today: today, lang: .zh)
    #expect(photo.contains("<a href=\"evidence/\(hash)\"><img src=\"evidence/\(hash)\"") && photo.contains("&lt;到岗&gt;"))
    #expect(photo.contains("<h2>佐证材料</h2>") && photo.contains("讲解员.jpg"))

    let bad = Documents.html(hostile(), today: today, lang: .zh)
    #expect(!bad.contains("<script>") && !bad.contains("<img") && !bad.contains("<b>领域"))
    #expect(bad.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 创文"))
    #expect(bad.contains("@SUM(A1) &quot;引号&quot; &#39;x&#39;"))
  }

  @Test func csvAndMarkdownDefuseWhatTheyCarry() {
    let c = hostile()
    let csv = String(decoding: Table.make(.overdue, c, today: today, lang: .zh).rendered(.csv), as: UTF8.self)
    #expect(csv.hasPrefix("\u{FEFF}") && csv.contains("\r\n"))
    #expect(csv.contains("\"'=cmd|' /C calc'!A0\"") || csv.contains("'=cmd|' /C calc'!A0"))
    #expect(!csv.contains(",=cmd"))
    let export = String(decoding: Sheets.exportCSV(c, lang: .zh), as: UTF8.self)
    #expect(export.contains("'@SUM(A1)") && !export.contains(",@SUM"))
    let md = Documents.markdown(c, today: today, lang: .zh)
    #expect(md.contains("\\<b\\>领域\\</b\\> \\| \\*粗\\*") && !md.contains("<b>"))
  }
}

/// Issue 19: the bulletin holds the period's round of mock inspection.
@Suite struct BulletinInspectionTests {
  @Test func theRoundsScoresAreInTheBulletin() {
    var c = Campaign(id: "c", title: "测评", nodes: [Node(id: "s1", kind: .item, title: "地面无垃圾"), Node(id: "s2", kind: .item, title: "站台整洁")])
    c.apply(.set(node: "s1", field: .standard, value: StandardFacts(points: 4).value))
    c.apply(.set(node: "s2", field: .standard, value: StandardFacts(points: 2).value))
    let day = Day(iso: "2023-06-10")!
    c.apply(.inspect(.addPoint(InspectionPoint(id: "m", name: "城东农贸市场", type: "农贸市场", area: "城东区"))))
    c.apply(.inspect(.addPoint(InspectionPoint(id: "b", name: "火车站公交站", type: "公交站点", area: "城西区"))))
    c.apply(.inspect(.startRound(Round(id: "r1", name: "第3次模拟测评", date: day))))
    c.apply(.inspect(.score(round: "r1", Score(point: "m", standard: "s1", result: .partial, lost: 2))))
    c.apply(.inspect(.score(round: "r1", Score(point: "b", standard: "s2", result: .pass))))
    // A round started the same day and not yet scored hides nothing.
    c.apply(.inspect(.startRound(Round(id: "r2", name: "第4次模拟测评", date: day))))
    let b = Bulletin(Bulletin.Input(before: c, after: c, history: [], from: day.adding(days: -6), to: day, office: "创文办", lang: .zh))
    let md = b.markdown()
    #expect(md.contains("## 七、模拟测评") && md.contains("第3次模拟测评（2023-06-10）"), "\(md)")
    #expect(md.contains("点位红榜：火车站公交站（100%）；黑榜：城东农贸市场（50%）"), "\(md)")
    #expect(md.contains("| 全市 | 66% | 4 | 6 |"), "\(md)")
    // The districts ranked, the standard that lost most.
    #expect(md.contains("区域排名：城西区（100%）、城东区（50%）"), "\(md)")
    #expect(md.contains("失分最多的标准：1 地面无垃圾（1 处扣 2 分）"), "\(md)")
  }

  /// The round's problems, grouped by district: found from the round's
  /// day on, with their point, unit, state; a closed one says so.
  @Test func theRoundsProblemsByDistrict() {
    var c = Campaign(id: "c", title: "测评", units: [Domain.Unit(id: "u1", name: "市场监管局"), Domain.Unit(id: "u2", name: "交通局")],
                     nodes: [Node(id: "s1", kind: .item, title: "地面无垃圾")])
    c.apply(.set(node: "s1", field: .standard, value: StandardFacts(points: 4).value))
    let day = Day(iso: "2023-06-10")!
    c.apply(.inspect(.addPoint(InspectionPoint(id: "m", name: "城东农贸市场", type: "农贸市场", area: "城东区", unit: "u1"))))
    c.apply(.inspect(.addPoint(InspectionPoint(id: "b", name: "火车站公交站", type: "公交站点", area: "城西区", unit: "u2"))))
    c.apply(.inspect(.startRound(Round(id: "r1", name: "第3次模拟测评", date: day))))
    for (id, point, unit, due) in [("p1", "m", "u1", "2023-06-12"), ("p2", "b", "u2", "2023-06-30"), ("p3", "m", "u1", "2023-06-30")] {
      c.apply(.addProblem(node: "s1", problem: Problem(id: id, text: "问题\(id)", unit: unit, due: Day(iso: due), found: day, point: point)))
    }
    // Found before the round: not its problem.
    c.apply(.addProblem(node: "s1", problem: Problem(id: "old", text: "旧问题", unit: "u1", found: day.adding(days: -30), point: "m")))
    c.apply(.setProblem(node: "s1", problem: "p3", state: .closed))
    let b = Bulletin(Bulletin.Input(before: c, after: c, history: [], from: day, to: day.adding(days: 6), office: "创文办", lang: .zh))
    let md = b.markdown()
    #expect(md.contains("## 八、测评发现问题（按区域）"), "\(md)")
    #expect(md.contains("城东区：2 个问题，已销号 1 个，超期 1 个。") && md.contains("城西区：1 个问题，已销号 0 个。"), "\(md)")
    let rows = md.split(separator: "\n").filter { $0.hasPrefix("| 城") }
    #expect(rows.count == 3 && rows[0].contains("城东区 | 城东农贸市场") && rows[2].contains("城西区 | 火车站公交站 | 问题p2 | 交通局"), "\(rows)")
    let eighth = md.components(separatedBy: "## 八、").last ?? ""
    #expect(md.contains("旧问题") && !eighth.contains("旧问题"), "found before the round: in 二 only")
  }
}
