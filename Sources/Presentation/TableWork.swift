import Domain

/// A table made a step at a time: the dashboard's list views make their
/// rows between keys, a slice of nodes at a time, and `Table.make` takes
/// the same steps at once, so a report and a list view cannot differ.
///
/// The work keeps no copy of the campaign between steps (each step is
/// given it): a list view's rows made on a thread with a snapshot made a
/// change meanwhile copy the whole tree (65 ms at a million nodes, on the
/// key). The rows get what makes their cells (`Table.Source`, which holds
/// the campaign) only in the step that finishes the table.
public struct TableWork {
  public let kind: Table.Kind
  private let today: Day
  private let lang: Lang
  private var step = Step.scan
  /// Where the step under way reads next.
  private var at = 0
  /// What the rows make their cells from, given the campaign at the end.
  private let source: Table.Source
  /// The rows kept so far.
  private var rows: [Table.Row] = []
  /// The overdue table's sort: one integer a row, its deadline above its
  /// place (`rows`), sorted in runs that are then merged in pairs.
  private var order = MergeSort()
  /// The node tables: the nodes taken, and the walk in outline order.
  private var keep: [Bool] = []
  private var kept = 0
  private var walking: Campaign.OutlineWalk? = nil
  /// The units table's counts, and how many of the plan's units are listed.
  private var tally = UnitTally.Counter()
  private var listed = 0
  /// Of all the steps, how many nodes (rows) have been read, and of about
  /// how many, for the screen's "arranging…".
  public private(set) var done = 0
  private var total = 1

  private enum Step { case scan, sort, gather, walk, finish, finished }

  public init(_ kind: Table.Kind, _ c: Campaign, today: Day, lang: Lang) {
    self.kind = kind
    self.today = today
    self.lang = lang
    source = Table.Source(kind, today, lang)
    let n = c.nodes.count
    switch kind {
    case .overdue: total = 3 * n
    case .units: total = c.units.count + n
    case .bases, .coverage, .indicators: total = 2 * n
    case .orders, .teams, .points: total = 1
    }
  }

  /// How far the work has got, 0 to 1.
  public var fraction: Double { min(1, Double(done) / Double(max(1, total))) }

  /// Takes the next steps, reading at most about `budget` nodes or rows;
  /// the table once it is made, else nil (call again).
  public mutating func advance(_ c: Campaign, budget: Int) -> Table? {
    var left = max(1, budget)
    while left > 0 {
      switch step {
      case .scan: scan(c, &left)
      case .sort:
        left -= order.advance(budget: left)
        if order.sorted { step = .gather; at = 0 }
      case .gather: gather(&left)
      case .walk: walk(c, &left)
      case .finish: return finish(c)
      case .finished: return nil
      }
    }
    return nil
  }

  // MARK: Steps

  private mutating func scan(_ c: Campaign, _ left: inout Int) {
    let n = c.nodes.count
    let end = min(n, at + left)
    switch kind {
    case .overdue:
      // Room for a row a node, taken at once: an array that grows copies
      // what it holds into fresh pages, a long step at half a million
      // rows; room not written to takes no memory.
      if at == 0 {
        rows.reserveCapacity(n)
        order.keys.reserveCapacity(n)
      }
      // Fields read in place: copying a node retains all its strings.
      for i in at..<end {
        if Rollup.isOverdue(c.nodes[i].status, c.nodes[i].due, today: today) {
          add(Table.Row(node: i, emphasis: .late, facts: .lateNode, source: source), due: c.nodes[i].due)
        }
        guard !c.nodes[i].problems.isEmpty else { continue }
        for (k, p) in c.nodes[i].problems.enumerated() where p.state != .closed {
          add(Table.Row(node: i, emphasis: Rollup.isOverdue(p, today: today) ? .late : .rectify, facts: .problem(k),
                        source: source), due: p.due)
        }
      }
    case .units:
      // The plan's units first, in order, a slice of them at a time.
      if listed < c.units.count {
        let last = min(c.units.count, listed + left)
        tally.list(c.units[listed..<last])
        left -= last - listed + 1
        done += last - listed
        listed = last
        return
      }
      tally.count(c, at..<end, today: today)
    case .bases, .coverage, .indicators:
      if keep.isEmpty { keep = Array(repeating: false, count: n) }
      for i in at..<end where takes(c, i) {
        keep[i] = true
        kept += 1
      }
    case .orders, .teams, .points:
      step = .finish
      return
    }
    left -= end - at
    done += end - at
    at = end
    guard at == n else { return }
    switch kind {
    case .overdue:
      // Orders waiting past their limits, by the day the limit passed (few).
      let limits = c.orderLimits
      for (i, k) in Rollup.lateOrders(c, today: today) {
        add(Table.Row(node: i, emphasis: .late, facts: .order(k), source: source),
            due: today.adding(days: -(limits.lateness(c.orders[k], today: today) ?? 0)))
      }
      order.begin()
      step = .sort
    case .bases, .coverage, .indicators:
      walking = Campaign.OutlineWalk(c) { _ in kept > 0 }
      rows.reserveCapacity(kept)
      step = .walk
    default:
      step = .finish
    }
  }

  /// An overdue row, sorted by its deadline (no deadline last), then its
  /// place: one integer a row, not rows moved about (at a million nodes
  /// there can be half a million).
  private mutating func add(_ row: Table.Row, due: Day?) {
    // Days from 1970 and the row: both well inside 32 bits.
    let day = UInt64(due.map { max(0, $0.ordinal + (1 << 30)) } ?? Int(UInt32.max))
    order.keys.append(day << 32 | UInt64(rows.count))
    rows.append(row)
  }

  /// The overdue rows in the sort's order.
  private mutating func gather(_ left: inout Int) {
    let n = order.keys.count
    if at == 0 { sorted.reserveCapacity(n) }
    let end = min(n, at + left)
    for k in at..<end { sorted.append(rows[Int(order.keys[k] & 0xffff_ffff)]) }
    left -= end - at + 1
    done += end - at
    at = end
    guard at == n else { return }
    swap(&rows, &sorted)
    sorted = []
    order = MergeSort()
    step = .finish
  }
  private var sorted: [Table.Row] = []

  /// The node tables' rows in outline order, going through the whole tree.
  private mutating func walk(_ c: Campaign, _ left: inout Int) {
    var spent = 0
    while spent < left, let (i, children) = walking?.next(in: c) {
      if keep[i] {
        let binding = kind == .indicators && c.nodes[i].indicator?.attribute == .binding
        rows.append(Table.Row(node: i, emphasis: binding ? .binding : .none, facts: .node, source: source))
      }
      spent += 1 + children
    }
    left -= max(1, spent)
    done += spent
    if walking?.isDone ?? true {
      keep = []
      walking = nil
      step = .finish
    }
  }

  /// Whether a node table takes node `i`.
  private func takes(_ c: Campaign, _ i: Int) -> Bool {
    switch kind {
    case .bases: return c.nodes[i].kind == .base
    case .coverage: return TableWork.practice.contains(c.nodes[i].kind) && c.nodes[i].hasQuota
    case .indicators: return c.nodes[i].kind == .indicator && c.nodes[i].indicator != nil
    default: return false
    }
  }

  private static let practice: Set<NodeKind> = [.centre, .subcentre, .institute, .station, .team]

  /// The table, its rows given the campaign their cells are read from.
  private mutating func finish(_ c: Campaign) -> Table {
    step = .finished
    done = total
    var columns = Table.columns(kind, lang: lang)
    switch kind {
    case .orders: return Table.orders(c, today: today, lang: lang)
    case .teams: return Table.teams(c, today: today, lang: lang)
    case .points: return Table.points(c, lang: lang)
    case .units:
      let counted = tally.tallies
      tally = UnitTally.Counter()
      rows = counted.map { u in
        Table.Row(node: u.first, emphasis: u.overdue > 0 ? .late : .none,
                  facts: .unit(id: u.id, leads: u.leads, supports: u.supports, done: u.done, overdue: u.overdue), source: source)
      }
    case .coverage:
      // Which year's months: the plan's, not always the calendar's.
      columns[0].title += " " + lang.pick("\(c.gridYear(on: today))年", "\(c.gridYear(on: today))")
    default: break
    }
    source.read(from: c)
    defer { rows = [] }
    return Table(columns: columns, rows: rows)
  }
}

/// A sort of unique integers taken a budget at a time: runs sorted in
/// place, then merged in pairs of doubling width, back and forth between
/// two arrays.
struct MergeSort {
  var keys: [UInt64] = []
  private var other: [UInt64] = []
  /// Sorting runs of `run`, then merging runs of `width`; `at` is where
  /// the pass under way reads next.
  private var width = 0
  private var at = 0
  private(set) var sorted = false
  private static let run = 4096

  mutating func begin() {
    width = 0
    at = 0
    sorted = keys.count <= 1
  }

  /// Sorts or merges about `budget` keys; how many it read.
  mutating func advance(budget: Int) -> Int {
    let n = keys.count
    guard !sorted else { return 0 }
    var spent = 0
    if width == 0 {
      while spent < budget && at < n {
        let end = min(n, at + MergeSort.run)
        keys[at..<end].sort()
        spent += end - at
        at = end
      }
      if at == n {
        width = MergeSort.run
        at = 0
        other = Array(repeating: 0, count: n)
        sorted = width >= n
      }
      return spent
    }
    // One pair of runs at a time, whole: a pair is at most the array, and
    // a pass over pairs stops once the budget is spent.
    while spent < budget && at < n {
      let mid = min(n, at + width), end = min(n, at + 2 * width)
      keys.withUnsafeBufferPointer { src in
        other.withUnsafeMutableBufferPointer { dst in
          var i = at, j = mid, k = at
          while i < mid && j < end {
            if src[i] <= src[j] { dst[k] = src[i]; i += 1 } else { dst[k] = src[j]; j += 1 }
            k += 1
          }
          while i < mid { dst[k] = src[i]; i += 1; k += 1 }
          while j < end { dst[k] = src[j]; j += 1; k += 1 }
        }
      }
      spent += end - at
      at = end
    }
    if at == n {
      swap(&keys, &other)
      width *= 2
      at = 0
      if width >= n {
        sorted = true
        other = []
      }
    }
    return spent
  }
}
