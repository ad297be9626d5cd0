import Domain
import Presentation
import TextScreen
import WorkspaceFiles

/// `stats` as JSON for scripts, or as an aligned table for people.
enum StatsReport {
  /// One member a line, written by the workspace's own JSON writer (the
  /// escapes of campaign.json).
  static func json(_ s: CampaignStats, campaign: Campaign, today: Day, events: Int, devices: Int) -> String {
    func counts(_ pairs: [(String, Int)]) -> JSONValue {
      var o = ObjectBuilder()
      for (key, n) in pairs { o.add(key, n) }
      return o.value
    }
    let progress = (s.progress * 10000).rounded() / 10000
    var o = ObjectBuilder()
    o.add("campaign", campaign.id)
    o.add("title", campaign.title)
    o.add("today", today.description)
    o.add("nodes", s.nodes)
    o.add("leaves", s.leaves)
    o.add("kinds", counts(NodeKind.allCases.map { ($0.rawValue, s.byKind[$0] ?? 0) }))
    o.add("status", counts(Status.allCases.map { ($0.rawValue, s.byStatus[$0] ?? 0) }))
    o.add("progress", JSONValue.number("\(progress)"))
    o.add("overdue", s.overdue)
    o.add("rectifying", s.rectifying)
    o.add("problems", counts(Problem.State.allCases.map { ($0.rawValue, s.problems[$0] ?? 0) }))
    o.add("activities", s.activities)
    o.add("units", s.units)
    o.add("events", events)
    o.add("devices", devices)
    return JSONWriter.lines(o)
  }

  static func table(_ s: CampaignStats, campaign: Campaign, lang: Lang) -> String {
    var rows: [(String, String)] = []
    rows.append((lang.pick("节点", "nodes"), "\(s.nodes)"))
    for kind in NodeKind.allCases where (s.byKind[kind] ?? 0) > 0 {
      rows.append(("  " + kind.label(lang), "\(s.byKind[kind]!)"))
    }
    for status in Status.allCases {
      rows.append((status.label(lang), "\(s.byStatus[status] ?? 0)"))
    }
    rows.append((lang.pick("完成率", "progress"), Table.percent(s.progress)))
    rows.append((lang.pick("逾期", "overdue"), "\(s.overdue)"))
    rows.append((lang.pick("整改中", "to rectify"), "\(s.rectifying)"))
    rows.append((lang.pick("活动记录", "activities logged"), "\(s.activities)"))
    rows.append((lang.pick("责任单位", "units"), "\(s.units)"))
    let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
    var out = campaign.title + "\n"
    for (label, value) in rows {
      out += DisplayColumns.fit(label, width) + "  " + DisplayColumns.fit(value, 6, align: .right) + "\n"
    }
    return out
  }
}
