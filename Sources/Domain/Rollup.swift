/// Progress and deadlines derived from the tree for one day.
///
/// A leaf's progress is 1 when done; otherwise its quota's share, or its
/// indicator's share of the way from baseline to target, or 0. A parent's
/// progress is the mean over the leaves below it, so "62%" reads as "62%
/// of the work items", as offices count completion rates.
public struct Rollup: Sendable {
  /// Progress of each node, 0...1.
  public var fraction: Fractions { Fractions(sums: sums, leaves: leaves.raw) }
  /// Leaves at or below each node.
  public private(set) var leaves: NodeNumbers
  /// Overdue nodes at or below each node (the node itself included).
  public private(set) var overdue: NodeNumbers
  /// Nodes with an open problem at or below each node.
  public private(set) var rectifying: NodeNumbers
  public let today: Day
  /// Sum of the leaves' progress at or below each node.
  private var sums: [Double]

  /// Progress of each node: the sum over its leaves' count, worked out
  /// when read (keeping it too would cost 8 bytes a node).
  public struct Fractions: RandomAccessCollection {
    let sums: [Double]
    let leaves: [Int32]
    public var startIndex: Int { 0 }
    public var endIndex: Int { sums.count }
    public subscript(i: Int) -> Double { leaves[i] > 0 ? sums[i] / Double(leaves[i]) : 0 }
  }

  public init(_ campaign: Campaign, today: Day) {
    self.today = today
    let n = campaign.nodes.count
    var leaves = [Int32](repeating: 0, count: n)
    var overdue = [Int32](repeating: 0, count: n)
    var rectifying = [Int32](repeating: 0, count: n)
    var sums = [Double](repeating: 0, count: n)
    // Children come after parents in pre-order: walk it backwards.
    // Fields are read one by one through a pointer: handing a whole node
    // to a function copies it, retaining and releasing all its strings.
    campaign.nodes.withUnsafeBufferPointer { nodes in
      for i in campaign.preorder().reversed() {
        let status = nodes[i].status
        if campaign.childrenOf[i].isEmpty {
          leaves[i] = 1
          sums[i] = Rollup.leafFraction(status, nodes[i].quotaFraction, nodes[i].indicatorFraction)
        }
        if Rollup.isOverdue(status, nodes[i].due, today: today) { overdue[i] += 1 }
        if nodes[i].hasOpenProblem { rectifying[i] += 1 }
        let p = campaign.parentOf[i]
        if p >= 0 {
          leaves[p] += leaves[i]
          sums[p] += sums[i]
          overdue[p] += overdue[i]
          rectifying[p] += rectifying[i]
        }
      }
    }
    for r in campaign.roots {
      totalSum += sums[r]
      totalLeaves += Int(leaves[r])
    }
    self.leaves = NodeNumbers(raw: leaves)
    self.overdue = NodeNumbers(raw: overdue)
    self.rectifying = NodeNumbers(raw: rectifying)
    self.sums = sums
  }

  private var totalSum = 0.0
  private var totalLeaves = 0

  /// Progress of the whole campaign.
  public var overall: Double { totalLeaves > 0 ? totalSum / Double(totalLeaves) : 0 }

  /// Takes in a change to one node that left the tree's shape as it was
  /// (status, a quota's activities, a problem, a deadline): only the node
  /// and its ancestors change, so a keystroke costs the tree's depth, not
  /// its size.
  public mutating func refresh(_ i: Int, was before: Node, in campaign: Campaign) {
    let node = campaign.nodes[i]
    let isLeaf = campaign.childrenOf[i].isEmpty
    let dSum = isLeaf ? Rollup.leafFraction(node) - Rollup.leafFraction(before) : 0
    let dOverdue = (Rollup.isOverdue(node, today: today) ? 1 : 0) - (Rollup.isOverdue(before, today: today) ? 1 : 0)
    let dRectify = (node.needsRectification ? 1 : 0) - (before.needsRectification ? 1 : 0)
    if dSum == 0 && dOverdue == 0 && dRectify == 0 { return }
    var j = i
    while j >= 0 {
      sums[j] += dSum
      overdue.raw[j] += Int32(dOverdue)
      rectifying.raw[j] += Int32(dRectify)
      j = campaign.parentOf[j]
    }
    totalSum += dSum
  }

  /// A leaf's own progress.
  public static func leafFraction(_ node: Node) -> Double {
    leafFraction(node.status, node.quotaFraction, node.indicatorFraction)
  }

  /// Done is 1, else the quota's share, else the indicator's, else 0. The
  /// shares are read only when needed.
  static func leafFraction(
    _ status: Status, _ quota: @autoclosure () -> Double?, _ indicator: @autoclosure () -> Double?
  ) -> Double {
    if status == .done { return 1 }
    return quota() ?? indicator() ?? 0
  }

  /// Not done and past its deadline.
  public static func isOverdue(_ node: Node, today: Day) -> Bool {
    isOverdue(node.status, node.due, today: today)
  }

  public static func isOverdue(_ status: Status, _ due: Day?, today: Day) -> Bool {
    guard status != .done, let due else { return false }
    return due < today
  }

  /// A problem past its deadline and not yet fixed.
  public static func isOverdue(_ problem: Problem, today: Day) -> Bool {
    guard problem.state == .open, let due = problem.due else { return false }
    return due < today
  }
}

/// Counts for `stats`: by kind, by status, progress, deadlines, problems.
public struct CampaignStats: Equatable, Sendable {
  public var nodes: Int
  public var byKind: [NodeKind: Int]
  public var byStatus: [Status: Int]
  public var leaves: Int
  public var progress: Double
  public var overdue: Int
  public var rectifying: Int
  public var problems: [Problem.State: Int]
  public var activities: Int
  public var units: Int

  public init(_ campaign: Campaign, today: Day) {
    let rollup = Rollup(campaign, today: today)
    nodes = campaign.nodes.count
    byKind = Dictionary(uniqueKeysWithValues: NodeKind.allCases.map { ($0, 0) })
    byStatus = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, 0) })
    problems = Dictionary(uniqueKeysWithValues: Problem.State.allCases.map { ($0, 0) })
    activities = 0
    overdue = 0
    rectifying = 0
    for node in campaign.nodes {
      byKind[node.kind, default: 0] += 1
      byStatus[node.status, default: 0] += 1
      for p in node.problems { problems[p.state, default: 0] += 1 }
      activities += node.quota?.activities.count ?? 0
      if Rollup.isOverdue(node, today: today) { overdue += 1 }
      if node.needsRectification { rectifying += 1 }
    }
    leaves = campaign.roots.reduce(0) { $0 + rollup.leaves[$1] }
    progress = rollup.overall
    units = campaign.units.count
  }
}
