import Domain
import TextScreen

/// `stats` as JSON for scripts, or as an aligned table for people.
enum StatsReport {
  static func json(_ s: CampaignStats, campaign: Campaign, today: Day, events: Int, devices: Int) -> String {
    func object(_ pairs: [(String, Int)]) -> String {
      "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
    let progress = (s.progress * 10000).rounded() / 10000
    var lines: [String] = []
    lines.append("  \"campaign\": \(quoted(campaign.id))")
    lines.append("  \"title\": \(quoted(campaign.title))")
    lines.append("  \"today\": \"\(today)\"")
    lines.append("  \"nodes\": \(s.nodes)")
    lines.append("  \"leaves\": \(s.leaves)")
    lines.append("  \"kinds\": " + object(NodeKind.allCases.map { ($0.rawValue, s.byKind[$0] ?? 0) }))
    lines.append("  \"status\": " + object(Status.allCases.map { ($0.rawValue, s.byStatus[$0] ?? 0) }))
    lines.append("  \"progress\": \(progress)")
    lines.append("  \"overdue\": \(s.overdue)")
    lines.append("  \"rectifying\": \(s.rectifying)")
    lines.append("  \"problems\": " + object(Problem.State.allCases.map { ($0.rawValue, s.problems[$0] ?? 0) }))
    lines.append("  \"activities\": \(s.activities)")
    lines.append("  \"units\": \(s.units)")
    lines.append("  \"events\": \(events)")
    lines.append("  \"devices\": \(devices)")
    return "{\n" + lines.joined(separator: ",\n") + "\n}"
  }

  static func quoted(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      default:
        if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
      }
    }
    return "\"" + out + "\""
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
      out += Columns.fit(label, width) + "  " + Columns.fit(value, 6, align: .right) + "\n"
    }
    return out
  }
}
