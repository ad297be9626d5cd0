/// Progress and deadlines derived from the tree for one day.
///
/// A leaf's progress is 1 when done; otherwise its quota's share, or its
/// indicator's share of the way from baseline to target, or 0. A parent's
/// progress is the mean over the leaves below it, so "62%" reads as "62%
/// of the work items", as offices count completion rates. A parent with a
/// quota of its own (50 projects, with sub-tasks beside them) counts that
/// quota as one more item beside its leaves: `countsItself`.
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
    self.init(campaign, today: today) { parts in parts.map { $0() } }
  }

  /// The same, each node's own share counted in parts that `run` may run
  /// on threads of its own (Domain has none), giving back their answers
  /// in order. Reading a million nodes for their shares is most of the
  /// 45 ms a rollup takes there; adding them up the tree reads integers.
  public init(_ campaign: Campaign, today: Day, running run: ([@Sendable () -> [Int]]) -> [[Int]]) {
    self.init(campaign, today: today, halvesFrom: 50_000, running: run)
  }

  /// Counted in halves from `halvesFrom` nodes (a thread pays for itself
  /// there), else in one part; nil: by `count` alone, the reference the
  /// tests hold the parts to.
  init(_ campaign: Campaign, today: Day, halvesFrom: Int?, running run: ([@Sendable () -> [Int]]) -> [[Int]]) {
    self.today = today
    let n = campaign.nodes.count
    var leaves = [Int32](repeating: 0, count: n)
    var overdue = [Int32](repeating: 0, count: n)
    var rectifying = [Int32](repeating: 0, count: n)
    var sums = [Double](repeating: 0, count: n)
    leaves.withUnsafeMutableBufferPointer { leaves in
      overdue.withUnsafeMutableBufferPointer { overdue in
        rectifying.withUnsafeMutableBufferPointer { rectifying in
          sums.withUnsafeMutableBufferPointer { sums in
            let columns = Columns(leaves: leaves, overdue: overdue, rectifying: rectifying, sums: sums)
            let parentsFirst = campaign.parentOf.raw.withUnsafeBufferPointer { parents in
              (0..<n).allSatisfy { parents[$0] < Int32($0) }
            }
            if parentsFirst, let halvesFrom {
              Rollup.countInParts(campaign, today, columns, halves: n >= halvesFrom, run)
            } else {
              Rollup.count(campaign, today, columns)
            }
          }
        }
      }
    }
    // Orders waiting past their limits count at their nodes and above.
    for (i, _) in Rollup.lateOrders(campaign, today: today) {
      var j = i
      while j >= 0 {
        overdue[j] += 1
        j = campaign.parentOf[j]
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

  /// Counts every node once everything below it is counted, then adds it
  /// to its parent. Through pointers: arrays captured by the loop's
  /// function were checked for exclusive access at every element; and
  /// fields are read one by one, as handing a whole node to a function
  /// copies it, retaining and releasing all its strings.
  private static func count(_ campaign: Campaign, _ today: Day, _ columns: Columns) {
    let (leaves, overdue, rectifying, sums) = (columns.leaves, columns.overdue, columns.rectifying, columns.sums)
    let n = campaign.nodes.count
    campaign.nodes.withUnsafeBufferPointer { nodes in
      campaign.parentOf.raw.withUnsafeBufferPointer { parents in
        campaign.childrenOf.start.withUnsafeBufferPointer { start in
          func count(_ i: Int) {
            let status = nodes[i].status
            if start[i] == start[i + 1] || nodes[i].hasQuota {
              // Its children (counted already) are in the sums.
              leaves[i] += 1
              sums[i] += Rollup.leafFraction(status, nodes[i].quotaFraction, nodes[i].indicatorFraction)
            }
            if Rollup.isOverdue(status, nodes[i].due, today: today) { overdue[i] += 1 }
            if nodes[i].hasProblems { overdue[i] += Rollup.lateProblems(nodes[i].problems, today: today) }
            if nodes[i].hasOpenProblem { rectifying[i] += 1 }
            columns.add(i, to: Int(parents[i]))
          }
          // When every parent comes before its children (a file written in
          // outline order), backwards through the file reads memory in
          // order; otherwise backwards through the pre-order. Both count a
          // node's children last to first, so the sums come out the same
          // to the bit.
          if (0..<n).allSatisfy({ parents[$0] < Int32($0) }) {
            for i in (0..<n).reversed() { count(i) }
          } else {
            for i in campaign.preorder().reversed() { count(i) }
          }
        }
      }
    }
  }

  /// The rollup's columns, written by parts on threads at once, each in
  /// its own range of positions (pointers are not Sendable).
  private struct Columns: @unchecked Sendable {
    let leaves: UnsafeMutableBufferPointer<Int32>, overdue: UnsafeMutableBufferPointer<Int32>
    let rectifying: UnsafeMutableBufferPointer<Int32>, sums: UnsafeMutableBufferPointer<Double>

    /// Adds node `i`'s totals to its parent `p`'s (none when -1).
    @inline(__always) func add(_ i: Int, to p: Int) {
      guard p >= 0 else { return }
      leaves[p] += leaves[i]
      sums[p] += sums[i]
      overdue[p] += overdue[i]
      rectifying[p] += rectifying[i]
    }
  }

  /// `count`, for a tree whose parents come before their children: each
  /// node's own share first, in two halves that `run` may run at once;
  /// then backwards through the file, each node's totals added to its
  /// parent's. A parent with a quota of its own adds its share after its
  /// children's, as `count` does, so the sums are the same to the bit.
  private static func countInParts(_ campaign: Campaign, _ today: Day, _ columns: Columns, halves: Bool,
                                   _ run: ([@Sendable () -> [Int]]) -> [[Int]]) {
    let n = campaign.nodes.count
    let middle = halves ? n / 2 : n
    // Each part gives back the parents that count themselves.
    let parts = run([0..<middle, middle..<n].filter { !$0.isEmpty }.map { range in
      { Rollup.countOwn(campaign, today, columns, range) }
    })
    let selfCounting = parts.flatMap { $0 }
    campaign.nodes.withUnsafeBufferPointer { nodes in
      campaign.parentOf.raw.withUnsafeBufferPointer { parentOf in
        var next = selfCounting.count - 1
        for i in (0..<n).reversed() {
          if next >= 0 && selfCounting[next] == i {
            columns.sums[i] += Rollup.leafFraction(nodes[i].status, nodes[i].quotaFraction, nodes[i].indicatorFraction)
            next -= 1
          }
          columns.add(i, to: Int(parentOf[i]))
        }
      }
    }
  }

  /// The own shares of the nodes in `range` (`count`'s, before anything
  /// is added to a parent); the parents among them that count themselves
  /// (a quota of their own), ascending, whose share is added later.
  private static func countOwn(_ campaign: Campaign, _ today: Day, _ columns: Columns, _ range: Range<Int>) -> [Int] {
    var selfCounting: [Int] = []
    campaign.nodes.withUnsafeBufferPointer { nodes in
      campaign.childrenOf.start.withUnsafeBufferPointer { start in
        for i in range {
          let status = nodes[i].status
          let leaf = start[i] == start[i + 1]
          if leaf || nodes[i].hasQuota {
            columns.leaves[i] = 1
            if leaf {
              columns.sums[i] = Rollup.leafFraction(status, nodes[i].quotaFraction, nodes[i].indicatorFraction)
            } else {
              selfCounting.append(i)
            }
          }
          var late: Int32 = Rollup.isOverdue(status, nodes[i].due, today: today) ? 1 : 0
          if nodes[i].hasProblems { late += Rollup.lateProblems(nodes[i].problems, today: today) }
          columns.overdue[i] = late
          columns.rectifying[i] = nodes[i].hasOpenProblem ? 1 : 0
        }
      }
    }
    return selfCounting
  }

  /// Progress of the whole campaign.
  public var overall: Double { totalLeaves > 0 ? totalSum / Double(totalLeaves) : 0 }

  /// Takes in a change to one node that left the tree's shape as it was
  /// (status, a quota's activities, a problem, a deadline): only the node
  /// and its ancestors change, so a keystroke costs the tree's depth, not
  /// its size.
  public mutating func refresh(_ i: Int, was before: Node, in campaign: Campaign) {
    let node = campaign.nodes[i]
    let isLeaf = campaign.childrenOf[i].isEmpty
    let now = Rollup.countsItself(node, isLeaf: isLeaf), was = Rollup.countsItself(before, isLeaf: isLeaf)
    let dLeaves = Int32((now ? 1 : 0) - (was ? 1 : 0))
    let dSum = (now ? Rollup.leafFraction(node) : 0) - (was ? Rollup.leafFraction(before) : 0)
    let dOverdue = Rollup.overdueCount(node, today: today) - Rollup.overdueCount(before, today: today)
    let dRectify = (node.needsRectification ? 1 : 0) - (before.needsRectification ? 1 : 0)
    if dSum == 0 && dLeaves == 0 && dOverdue == 0 && dRectify == 0 { return }
    var j = i
    while j >= 0 {
      sums[j] += dSum
      leaves.raw[j] += dLeaves
      overdue.raw[j] += Int32(dOverdue)
      rectifying.raw[j] += Int32(dRectify)
      j = campaign.parentOf[j]
    }
    totalSum += dSum
    totalLeaves += Int(dLeaves)
  }

  /// Whether a node's own progress counts as an item: a leaf's does, and
  /// a parent's quota (its own target, beside its children's).
  public static func countsItself(_ node: Node, isLeaf: Bool) -> Bool { isLeaf || node.hasQuota }

  /// Takes in the campaign's last structural change (an add, a removal,
  /// a move): the positions shift as the nodes did, and only the
  /// ancestors of the places the change left and reached are counted
  /// again. Anything else (a change it was not made for, a rebuilt tree)
  /// is counted from scratch.
  public mutating func restructure(_ campaign: Campaign) {
    let n = campaign.nodes.count
    switch campaign.lastEdit {
    case .unchanged? where leaves.count == n:
      return
    case .inserted(let at)? where leaves.count == n - 1:
      let node = campaign.nodes[at]
      leaves.raw.insert(1, at: at)
      sums.insert(Rollup.leafFraction(node), at: at)
      overdue.raw.insert(Rollup.overdueCount(node, today: today), at: at)
      rectifying.raw.insert(node.needsRectification ? 1 : 0, at: at)
      attach(at, under: campaign.parentOf[at], in: campaign)
    case .removed(let root, let parent, let removed)? where leaves.count == n + removed.count:
      let gone = Share(self, root)
      leaves.raw.removeSorted(removed)
      sums.removeSorted(removed)
      overdue.raw.removeSorted(removed)
      rectifying.raw.removeSorted(removed)
      // The parent moved back by the removed nodes before it.
      var before = 0, after = removed.count
      while before < after {
        let mid = (before + after) / 2
        if removed[mid] < parent { before = mid + 1 } else { after = mid }
      }
      let p = parent < 0 ? -1 : parent - before
      detach(gone, from: p, in: campaign)
    case .moved(let from, let to, let parent)? where leaves.count == n:
      leaves.raw.moveElement(from: from, to: to)
      overdue.raw.moveElement(from: from, to: to)
      rectifying.raw.moveElement(from: from, to: to)
      sums.moveElement(from: from, to: to)
      let old = parent < 0 ? -1 : StructuralEdit.movedPosition(parent, from: from, to: to)
      let new = campaign.parentOf[to]
      if old == new { return }
      detach(Share(self, to), from: old, in: campaign)
      attach(to, under: new, in: campaign)
    default:
      self = Rollup(campaign, today: today)
    }
  }

  /// What one subtree adds to the nodes above it.
  private struct Share {
    var leaves: Int32, sum: Double, overdue: Int32, rectifying: Int32
    init(leaves: Int32, sum: Double, overdue: Int32, rectifying: Int32) {
      self.leaves = leaves
      self.sum = sum
      self.overdue = overdue
      self.rectifying = rectifying
    }
    init(_ r: Rollup, _ i: Int) {
      leaves = r.leaves.raw[i]
      sum = r.sums[i]
      overdue = r.overdue.raw[i]
      rectifying = r.rectifying.raw[i]
    }
  }

  /// Adds `share` to `p` and the nodes above it, and to the totals.
  private mutating func add(_ share: Share, from p: Int, in campaign: Campaign) {
    var j = p
    while j >= 0 {
      leaves.raw[j] += share.leaves
      sums[j] += share.sum
      overdue.raw[j] += share.overdue
      rectifying.raw[j] += share.rectifying
      j = campaign.parentOf[j]
    }
    totalSum += share.sum
    totalLeaves += Int(share.leaves)
  }

  /// The subtree at `i` (counted already) has come under `p`: a parent
  /// that was a leaf stops counting itself, unless it has a quota.
  private mutating func attach(_ i: Int, under p: Int, in campaign: Campaign) {
    var share = Share(self, i)
    let wasLeaf = p >= 0 && campaign.childrenOf[p].count == 1 && !campaign.nodes[p].hasQuota
    if wasLeaf {
      share.leaves -= 1
      share.sum -= Rollup.leafFraction(campaign.nodes[p])
    }
    add(share, from: p, in: campaign)
    if wasLeaf { sums[p] = sums[i] }
  }

  /// A subtree that counted `gone` has left `p`: a parent left with no
  /// children counts as a leaf again.
  private mutating func detach(_ gone: Share, from p: Int, in campaign: Campaign) {
    var share = Share(leaves: -gone.leaves, sum: -gone.sum, overdue: -gone.overdue, rectifying: -gone.rectifying)
    let leaf = p >= 0 && campaign.childrenOf[p].isEmpty
    if leaf && !campaign.nodes[p].hasQuota {
      share.leaves += 1
      share.sum += Rollup.leafFraction(campaign.nodes[p])
    }
    add(share, from: p, in: campaign)
    if leaf { sums[p] = Rollup.leafFraction(campaign.nodes[p]) }
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
    // Counted in arrays by case, the nodes' fields read in place: a
    // dictionary's hashing and a copy of each node were a tenth of `stats`.
    let kinds = NodeKind.allCases, statuses = Status.allCases, states = Problem.State.allCases
    var kindCounts = [Int](repeating: 0, count: kinds.count), statusCounts = [Int](repeating: 0, count: statuses.count)
    var stateCounts = [Int](repeating: 0, count: states.count)
    var (activities, overdue, rectifying) = (0, 0, 0)
    campaign.nodes.withUnsafeBufferPointer { nodes in
      for i in nodes.indices {
        kindCounts[kinds.firstIndex(of: nodes[i].kind)!] += 1
        statusCounts[statuses.firstIndex(of: nodes[i].status)!] += 1
        overdue += Int(Rollup.overdueCount(nodes[i], today: today))
        guard nodes[i].hasRare else { continue }
        if nodes[i].hasQuota { activities += nodes[i].activities.count }
        guard nodes[i].hasProblems else { continue }
        // By index: `for p in` would copy each problem (its strings retained).
        let listed = nodes[i].problems
        for k in listed.indices { stateCounts[states.firstIndex(of: listed[k].state)!] += 1 }
        if nodes[i].hasOpenProblem { rectifying += 1 }
      }
    }
    byKind = Dictionary(uniqueKeysWithValues: zip(kinds, kindCounts))
    byStatus = Dictionary(uniqueKeysWithValues: zip(statuses, statusCounts))
    problems = Dictionary(uniqueKeysWithValues: zip(states, stateCounts))
    self.activities = activities
    self.rectifying = rectifying
    self.overdue = overdue + Rollup.lateOrders(campaign, today: today).count
    leaves = campaign.roots.reduce(0) { $0 + rollup.leaves[$1] }
    progress = rollup.overall
    units = campaign.units.count
  }
}
