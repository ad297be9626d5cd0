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
  public var fraction: Fractions { Fractions(counts: counts) }
  /// Leaves at or below each node.
  public var leaves: Column { Column(counts: counts, part: \.leaves) }
  /// Overdue nodes at or below each node (the node itself included).
  public var overdue: Column { Column(counts: counts, part: \.overdue) }
  /// Nodes with an open problem at or below each node.
  public var rectifying: Column { Column(counts: counts, part: \.rectifying) }
  public let today: Day
  /// Each node's counts (most in two bits: `RollupCounts`).
  private var counts: RollupCounts

  /// Progress of each node: the sum over its leaves' count, worked out
  /// when read.
  public struct Fractions: RandomAccessCollection {
    let counts: RollupCounts
    public var startIndex: Int { 0 }
    public var endIndex: Int { counts.count }
    public subscript(i: Int) -> Double {
      let s = counts[i]
      return s.leaves > 0 ? s.sum / Double(s.leaves) : 0
    }
  }

  /// One of the counts of each node; equal when every node's is.
  public struct Column: RandomAccessCollection, Equatable {
    let counts: RollupCounts
    let part: KeyPath<Share, Int32>
    public var startIndex: Int { 0 }
    public var endIndex: Int { counts.count }
    public subscript(i: Int) -> Int { Int(counts[i][keyPath: part]) }
    public static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
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
    let parentsFirst = campaign.parentOf.raw.withUnsafeBufferPointer { parents in
      (0..<n).allSatisfy { parents[$0] < Int32($0) }
    }
    let inParts = parentsFirst && halvesFrom != nil
    let ranges = inParts && n >= halvesFrom! ? [0..<n / 2, n / 2..<n] : [0..<n]
    // Which nodes need a row: the codes first, then the rows made for them.
    let late = Rollup.lateOrders(campaign, today: today)
    var codes = [UInt8](repeating: 0, count: n)
    codes.withUnsafeMutableBufferPointer { codes in
      let out = CodesOut(codes: codes)
      _ = run(ranges.filter { !$0.isEmpty }.map { range in
        { Rollup.code(campaign, today, out, range) }
      })
    }
    // Orders waiting past their limits count at their nodes and above.
    for (i, _) in late { codes[i] = RollupCounts.row }
    var counts = RollupCounts(codes: codes)
    codes = []
    counts.withColumns { columns in
      if inParts {
        Rollup.countInParts(campaign, today, columns, ranges, run)
      } else {
        Rollup.count(campaign, today, columns)
      }
    }
    for (i, _) in late {
      var j = i
      while j >= 0 {
        counts.add(Share(leaves: 0, sum: 0, overdue: 1, rectifying: 0), to: j)
        j = campaign.parentOf[j]
      }
    }
    for r in campaign.roots {
      let s = counts[r]
      totalSum += s.sum
      totalLeaves += Int(s.leaves)
    }
    self.counts = counts
  }

  private var totalSum = 0.0
  private var totalLeaves = 0
  /// How many nodes keep a row (the rest are leaves in two bits).
  var rowCount: Int { counts.rowCount }

  /// The codes of the nodes in `range`, written by parts on threads at
  /// once (pointers are not Sendable).
  private struct CodesOut: @unchecked Sendable {
    let codes: UnsafeMutableBufferPointer<UInt8>
  }

  /// Node `i`'s own counts (`count`'s, before anything below it is
  /// added): a parent's own share (a quota of its own) only with
  /// `withOwnShare`, as the parts add it after its children's. Fields are
  /// read one by one: handing a whole node to a function copies it,
  /// retaining and releasing all its strings.
  @inline(__always)
  private static func own(_ nodes: UnsafeBufferPointer<Node>, _ i: Int, leaf: Bool, _ today: Day,
                          withOwnShare: Bool) -> Share {
    let status = nodes[i].status
    var s = Share.zero
    if leaf || nodes[i].hasQuota {
      s.leaves = 1
      if leaf || withOwnShare {
        s.sum = Rollup.leafFraction(status, nodes[i].quotaFraction, nodes[i].indicatorFraction)
      }
    }
    if Rollup.isOverdue(status, nodes[i].due, today: today) { s.overdue = 1 }
    if nodes[i].hasProblems { s.overdue += Rollup.lateProblems(nodes[i].problems, today: today) }
    if nodes[i].hasOpenProblem { s.rectifying = 1 }
    return s
  }

  /// The codes of the nodes in `range`: a leaf's two bits when they say
  /// its counts, else a row.
  private static func code(_ campaign: Campaign, _ today: Day, _ out: CodesOut, _ range: Range<Int>) -> [Int] {
    campaign.nodes.withUnsafeBufferPointer { nodes in
      campaign.childrenOf.start.withUnsafeBufferPointer { start in
        for i in range {
          out.codes[i] = start[i] == start[i + 1]
            ? RollupCounts.code(own(nodes, i, leaf: true, today, withOwnShare: true)) : RollupCounts.row
        }
      }
    }
    return []
  }

  /// Counts every node once everything below it is counted, then adds it
  /// to its parent. Through pointers: arrays captured by the loop's
  /// function were checked for exclusive access at every element.
  private static func count(_ campaign: Campaign, _ today: Day, _ columns: RollupColumns) {
    let n = campaign.nodes.count
    campaign.nodes.withUnsafeBufferPointer { nodes in
      campaign.parentOf.raw.withUnsafeBufferPointer { parents in
        campaign.childrenOf.start.withUnsafeBufferPointer { start in
          func count(_ i: Int) {
            let share: Share
            if let r = columns.rowIndex(i) {
              // Its children (counted already) are in the row.
              columns.add(own(nodes, i, leaf: start[i] == start[i + 1], today, withOwnShare: true), toRow: r)
              share = columns.row(r)
            } else {
              share = RollupCounts.plain(columns.codes[i])
            }
            let p = Int(parents[i])
            if p >= 0 { columns.add(share, toRow: columns.rowIndex(p)!) }
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

  /// `count`, for a tree whose parents come before their children: the
  /// rows' own counts first, in parts that `run` may run at once; then
  /// backwards through the file, each node's counts added to its
  /// parent's. A parent with a quota of its own adds its share after its
  /// children's, as `count` does, so the sums are the same to the bit.
  private static func countInParts(_ campaign: Campaign, _ today: Day, _ columns: RollupColumns,
                                   _ ranges: [Range<Int>], _ run: ([@Sendable () -> [Int]]) -> [[Int]]) {
    let n = campaign.nodes.count
    // Each part gives back the parents that count themselves.
    let parts = run(ranges.filter { !$0.isEmpty }.map { range in
      { Rollup.countOwn(campaign, today, columns, range) }
    })
    let selfCounting = parts.flatMap { $0 }
    campaign.nodes.withUnsafeBufferPointer { nodes in
      campaign.parentOf.raw.withUnsafeBufferPointer { parentOf in
        var next = selfCounting.count - 1
        var r = columns.leaves.count
        for i in (0..<n).reversed() {
          let share: Share
          if columns.codes[i] == RollupCounts.row {
            r -= 1
            if next >= 0 && selfCounting[next] == i {
              columns.sums[r] += Rollup.leafFraction(nodes[i].status, nodes[i].quotaFraction, nodes[i].indicatorFraction)
              next -= 1
            }
            share = columns.row(r)
          } else {
            share = RollupCounts.plain(columns.codes[i])
          }
          let p = Int(parentOf[i])
          if p >= 0 { columns.add(share, toRow: columns.rowIndex(p)!) }
        }
      }
    }
  }

  /// The own counts of the nodes in `range` that have rows, written into
  /// them; the parents among them that count themselves (a quota of
  /// their own), ascending, whose share is added later.
  private static func countOwn(_ campaign: Campaign, _ today: Day, _ columns: RollupColumns, _ range: Range<Int>) -> [Int] {
    var selfCounting: [Int] = []
    campaign.nodes.withUnsafeBufferPointer { nodes in
      campaign.childrenOf.start.withUnsafeBufferPointer { start in
        var r = columns.rank(range.lowerBound)
        for i in range where columns.codes[i] == RollupCounts.row {
          let leaf = start[i] == start[i + 1]
          let s = own(nodes, i, leaf: leaf, today, withOwnShare: false)
          if !leaf && s.leaves == 1 { selfCounting.append(i) }
          columns.add(s, toRow: r)
          r += 1
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
    let dRectify = Int32((node.needsRectification ? 1 : 0) - (before.needsRectification ? 1 : 0))
    if dSum == 0 && dLeaves == 0 && dOverdue == 0 && dRectify == 0 { return }
    let change = Share(leaves: dLeaves, sum: dSum, overdue: dOverdue, rectifying: dRectify)
    // A leaf in two bits stays in them when they still say its counts.
    if counts.rowIndex(i) == nil {
      counts.set(i, counts[i] + change)
    } else {
      counts.add(change, to: i)
    }
    var j = campaign.parentOf[i]
    while j >= 0 {
      counts.add(change, to: j)
      j = campaign.parentOf[j]
    }
    totalSum += dSum
    totalLeaves += Int(dLeaves)
  }

  /// Takes in a step of one order (placed, dispatched, done…), which
  /// changes nothing but the orders: where it stopped waiting past its
  /// limit its node and those above count one overdue less, where it
  /// began to, one more (`Rollup.lateNode(ofOrder:in:today:)` before and
  /// after). A key costs the tree's depth, where counting the whole
  /// rollup again took 27 ms at a million nodes.
  public mutating func orderStepped(lateAt before: Int?, now after: Int?, in campaign: Campaign) {
    guard before != after else { return }
    for (node, change) in [(before, Int32(-1)), (after, Int32(1))] {
      var j = node ?? -1
      while j >= 0 {
        counts.add(Share(leaves: 0, sum: 0, overdue: change, rectifying: 0), to: j)
        j = campaign.parentOf[j]
      }
    }
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
    case .unchanged? where counts.count == n:
      return
    case .inserted(let at)? where counts.count == n - 1:
      counts.insert(leafShare(campaign.nodes[at]), at: at)
      attach(at, under: campaign.parentOf[at], in: campaign)
    case .removed(let root, let parent, let removed)? where counts.count == n + removed.count:
      let gone = counts[root]
      counts.remove(removed)
      // The parent moved back by the removed nodes before it.
      var before = 0, after = removed.count
      while before < after {
        let mid = (before + after) / 2
        if removed[mid] < parent { before = mid + 1 } else { after = mid }
      }
      let p = parent < 0 ? -1 : parent - before
      detach(gone, from: p, in: campaign)
    case .appended(let from)? where counts.count == from:
      // Each in turn, as if added one by one: a parent was a leaf until
      // its first child came (children are listed in position order, and
      // these come after every older one).
      for i in from..<n {
        counts.insert(leafShare(campaign.nodes[i]), at: i)
        let p = campaign.parentOf[i]
        attach(i, under: p, wasLeaf: p >= 0 && campaign.childrenOf[p].first == i && !campaign.nodes[p].hasQuota, in: campaign)
      }
    case .moved(let from, let to, let parent)? where counts.count == n:
      counts.move(from: from, to: to)
      let old = parent < 0 ? -1 : StructuralEdit.movedPosition(parent, from: from, to: to)
      let new = campaign.parentOf[to]
      if old == new { return }
      detach(counts[to], from: old, in: campaign)
      attach(to, under: new, in: campaign)
    default:
      self = Rollup(campaign, today: today)
    }
  }

  /// Adds `share` to `p` and the nodes above it, and to the totals.
  private mutating func add(_ share: Share, from p: Int, in campaign: Campaign) {
    var j = p
    while j >= 0 {
      counts.add(share, to: j)
      j = campaign.parentOf[j]
    }
    totalSum += share.sum
    totalLeaves += Int(share.leaves)
  }

  /// What a node just added counts, a leaf as yet.
  private func leafShare(_ node: Node) -> Share {
    Share(leaves: 1, sum: Rollup.leafFraction(node), overdue: Rollup.overdueCount(node, today: today),
          rectifying: node.needsRectification ? 1 : 0)
  }

  /// The subtree at `i` (counted already) has come under `p`: a parent
  /// that was a leaf stops counting itself, unless it has a quota.
  private mutating func attach(_ i: Int, under p: Int, in campaign: Campaign) {
    attach(i, under: p, wasLeaf: p >= 0 && campaign.childrenOf[p].count == 1 && !campaign.nodes[p].hasQuota, in: campaign)
  }

  /// The same, told whether `p` counted as a leaf before `i` came.
  private mutating func attach(_ i: Int, under p: Int, wasLeaf: Bool, in campaign: Campaign) {
    let moved = counts[i]
    var share = moved
    if wasLeaf {
      share.leaves -= 1
      share.sum -= Rollup.leafFraction(campaign.nodes[p])
    }
    add(share, from: p, in: campaign)
    if wasLeaf { counts.setSum(p, moved.sum) }
  }

  /// A subtree that counted `gone` has left `p`: a parent left with no
  /// children counts as a leaf again.
  private mutating func detach(_ gone: Share, from p: Int, in campaign: Campaign) {
    var share = -gone
    let leaf = p >= 0 && campaign.childrenOf[p].isEmpty
    if leaf && !campaign.nodes[p].hasQuota {
      share.leaves += 1
      share.sum += Rollup.leafFraction(campaign.nodes[p])
    }
    add(share, from: p, in: campaign)
    if leaf { counts.setSum(p, Rollup.leafFraction(campaign.nodes[p])) }
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
        let listed = nodes[i].hasProblems ? nodes[i].problems : []
        // Of the fields, not `overdueCount(nodes[i])`, which copied the
        // node it was handed (everything it holds retained and released).
        overdue += Int(Rollup.overdueCount(nodes[i].status, nodes[i].due, listed, today: today))
        guard nodes[i].hasRare else { continue }
        if nodes[i].hasQuota { activities += nodes[i].activities.count }
        guard nodes[i].hasProblems else { continue }
        // By index: `for p in` would copy each problem (its strings retained).
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
