import Domain
import Testing
@testable import Sheets

/// Export → import into an empty campaign gives back every fact a task
/// table can hold in its columns: kinds, quotas and dated activities,
/// indicator values, site facts, problems, units no task names.
@Suite struct RoundTripTests {
  /// Everything of a node but its ids, units by name.
  static func facts(_ c: Campaign) -> [String] {
    c.preorder().map { i in
      let n = c.nodes[i]
      let q = n.quota.map { q in
        "\(q.target)\(q.measureWord)/\(q.perMonth.map(String.init) ?? "-")["
          + q.activities.map { "\($0.date)×\($0.count) \($0.note)" }.joined(separator: ",") + "]"
      } ?? ""
      let ind = n.indicator.map {
        "\($0.unit) \($0.baseline)@\($0.baselineYear)→\($0.target)@\($0.targetYear) now \($0.current ?? "-") \($0.attribute)"
      } ?? ""
      let site = n.site.map { "\($0.address ?? "-")|\($0.level ?? "-")|\($0.contact ?? "-")|\($0.category ?? "-")" } ?? ""
      let problems = n.problems.map {
        "\($0.state) \($0.text) \($0.unit.map(c.unitName) ?? "-") \($0.due?.description ?? "-") \($0.found?.description ?? "-")"
      }.joined(separator: ";")
      let standard = n.standard.map { "\($0.points) \($0.methods) \($0.types) \($0.negative)" } ?? ""
      return [c.code(i), n.kind.rawValue, n.title, q, ind, site, problems, standard].joined(separator: " | ")
    }
  }

  /// A generated campaign with a fact of every sort on some nodes.
  static func sample() -> Campaign {
    var c = Synthetic.campaign(nodes: 400, seed: 3)
    let unit = c.ensureUnit(named: "市城管局（执法支队）")
    _ = c.ensureUnit(named: "没有任务的单位")
    for (k, i) in c.preorder().enumerated() where c.childrenOf[i].isEmpty {
      c.update(i) { n in
        switch k % 5 {
        case 0:
          n.quota = Quota(target: 12, perMonth: 1, measureWord: "场次", activities: [
            Activity(id: "x1", date: Day(year: 2023, month: 3, day: 5)!, count: 2, note: "学雷锋 志愿服务"),
            Activity(id: "x2", date: Day(year: 2023, month: 4, day: 1)!),
          ])
        case 1:
          n.kind = .indicator
          n.indicator = Indicator(unit: "%", baseline: "≥95", baselineYear: 2020, target: "98", targetYear: 2025,
                                  current: k % 2 == 0 ? "96.5" : nil, attribute: k % 3 == 0 ? .binding : .expected)
        case 2:
          n.kind = .base
          n.site = Site(address: "昆仑路1号", level: "省级", contact: nil, category: "纪念馆")
        case 3:
          n.problems = [
            Problem(id: "p1", text: "占道经营｜反弹", unit: unit, due: Day(year: 2023, month: 7, day: 1), state: .fixed,
                    found: Day(year: 2023, month: 6, day: 20)),
            Problem(id: "p2", text: "垃圾未清运", state: .open),
          ]
        case 4 where k % 2 == 0:
          // A standard of the evaluation system, with its points.
          n.standard = StandardFacts(points: k % 4 == 0 ? 2.5 : 4, methods: k % 3 == 0 ? [.site, .material] : [.survey],
                                     types: k % 3 == 0 ? ["农贸市场", "公交站点"] : [], negative: k % 3 == 0)
        default:
          n.kind = .station
        }
      }
    }
    return c
  }

  static func back(_ bytes: [UInt8]) throws -> (ImportResult, Campaign) {
    let empty = Campaign(id: "e", title: "e")
    let r = try importSheet(bytes, into: empty)
    return (r, r.applied(to: empty))
  }

  @Test func csvAndXLSXCarryEveryFact() throws {
    let c = Self.sample()
    let today = Day(year: 2023, month: 6, day: 30)!
    let (r, viaCSV) = try Self.back(exportCSV(c, lang: .zh))
    #expect(!r.warnings.contains { $0.kind == .badFact })
    #expect(Self.facts(viaCSV) == Self.facts(c))
    #expect(ExportTests.lines(viaCSV) == ExportTests.lines(c))
    let (_, viaXLSX) = try Self.back(exportXLSX(c, today: today, lang: .en))
    #expect(Self.facts(viaXLSX) == Self.facts(c))
    // What `stats` counts; units no task names come back from the
    // workbook's 单位名录 only.
    #expect(CampaignStats(viaXLSX, today: today) == CampaignStats(c, today: today))
    var csvStats = CampaignStats(viaCSV, today: today)
    csvStats.units += 1
    #expect(csvStats == CampaignStats(c, today: today))
    #expect(Set(viaXLSX.units.map(\.name)) == Set(c.units.map(\.name)))
    #expect(!viaCSV.units.contains { $0.name == "没有任务的单位" })
  }

  @Test func factCellsOutOfTheirFormAreWarnedByRow() throws {
    let csv = """
      序号,工作任务,节点类型,活动配额,活动记录,指标数值,问题记录
      1,开展学雷锋活动,实践站,"目标：12\\n量词：次\\n每月：一",2023-13-01,基期值：1,整改中｜垃圾未清运
      2,建设基地,red-education base,目标：4,2023-03-05 ×2 集中开展,,已销号｜占道经营｜市城管局｜2023-07-01｜2023-06-20

      """.replacingOccurrences(of: "\\n", with: "\n")
    let r = try importSheet(Array(csv.utf8), into: Campaign(id: "e", title: "e"))
    #expect(r.warnings.filter { $0.kind == .badFact }.map { "\($0.row) \($0.text.prefix(4))" } == [
      "2 目标：1", "2 2023", "2 基期值：", "2 整改中｜",
    ])
    #expect(r.nodes.map(\.kind) == [.station, .base])
    #expect(r.nodes[1].quota?.target == 4 && r.nodes[1].quota?.count == 2)
    #expect(r.nodes[1].problems.map(\.state) == [.closed] && r.newUnits.map(\.name) == ["市城管局"])
  }
}
