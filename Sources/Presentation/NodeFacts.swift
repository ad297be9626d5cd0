import Domain

extension Lang {
  /// "逾期166天": said the same in the dashboard, the outline and reports.
  public func daysOverdue(_ n: Int) -> String { pick("逾期\(n)天", "\(n) days overdue") }
}

/// A node's progress, quota, lateness and rectification in words ("62%",
/// "5/63 所", "逾期166天", "整改中"): the one rendering of them that the
/// `tree` outline, the Markdown document and the dashboard's detail pane
/// each arrange in their own way.
public struct NodeFacts: Sendable {
  /// The rolled-up progress: "62%".
  public var percent: String
  /// The quota's count of its target: "5/63 所"; nil without a quota.
  public var quota: String?
  /// How many days past its deadline: "逾期166天"; nil unless overdue.
  public var overdue: String?
  /// "整改中" while a problem waits to be rectified; nil otherwise.
  public var rectifying: String?
  /// "长期工作" for work with no end date; nil otherwise.
  public var ongoing: String?
  /// "佐证2": evidence attached; nil without.
  public var evidence: String?
  /// Whether the node has no children.
  public var isLeaf: Bool

  public init(_ c: Campaign, _ i: Int, rollup: Rollup, today: Day, lang: Lang) {
    let node = c.nodes[i]
    percent = Table.percent(rollup.fraction[i])
    quota = node.quota.map(NodeFacts.quota)
    overdue = nil
    if Rollup.isOverdue(node, today: today), let due = node.due {
      overdue = lang.daysOverdue(today.days(since: due))
    }
    rectifying = node.needsRectification ? Problem.State.open.label(lang) : nil
    isLeaf = c.childrenOf[i].isEmpty
    ongoing = node.has(.ongoing) ? NodeFlag.ongoing.label(lang) : nil
    let files = c.evidenceCount(of: node.id)
    evidence = files > 0 ? lang.pick("佐证\(files)", "\(files) files") : nil
  }

  /// A standard's facts in one line: "2 分 · 实地考察、材料审核 · 适用：农贸市场 · 负面清单".
  public static func standard(_ f: StandardFacts, lang: Lang) -> String {
    var parts = [lang.pick("\(Inspection.number(f.points)) 分", "\(Inspection.number(f.points)) points")]
    if !f.methods.isEmpty { parts.append(f.methods.map { $0.label(lang) }.joined(separator: lang.pick("、", ", "))) }
    parts.append(lang.pick("适用：", "applies to: ") + (f.types.isEmpty ? lang.pick("所有点位", "every point") : f.types.joined(separator: "、")))
    if f.negative { parts.append(lang.pick("负面清单", "negative list")) }
    return parts.joined(separator: " · ")
  }

  /// "5/63 所": count, target and measure word.
  public static func quota(_ q: Quota) -> String { "\(q.count)/\(q.target) \(q.measureWord)" }

  /// What needs saying beside a title, in this order: the quota (a
  /// parent's own counts in its progress too), how late it is,
  /// rectification.
  public var notes: [String] {
    [quota, ongoing, overdue, rectifying, evidence].compactMap { $0 }
  }
}
