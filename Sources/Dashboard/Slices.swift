import Domain

// Work done in slices on the loop's thread, between keys: a search that
// reads past `workPerKey` nodes, a filter over a large tree (chosen, or
// made again after a change), a list view's rows and the progress chart
// (Arranging.swift). Such work holds no snapshot of the campaign: it
// reads `campaign` where it stands, a slice at a time, and keeps only its
// own arrays (where it is, what it kept). Work on a thread would hold a
// snapshot sharing the campaign's storage, so a change made meanwhile
// would copy the whole tree (at a million nodes, 65–70 ms on the key);
// with slices nothing shares it, and a change costs what it costs alone.
// The price: a key that comes during a slice waits for it, so a slice
// reads at most `sliceNodes` (a few milliseconds).
//
// The app loop sends `.slice` whenever no key waits and `hasSlices`;
// the screen says 搜索中…/筛选中… with how far it has got, Esc stops it,
// and work begun on another tree than the one shown starts again (a
// filter) or stops, saying so (a search).

/// A search under way: the text, where it reads next, how many nodes are
/// left to read, and how many were read of all.
struct SearchWork: Equatable {
  var generation: Int
  var query: String
  var at: Int
  var forward: Bool
  var left: Int
  var done: Int
  var total: Int
}

/// A filter under way: first every node is read for a match (`keep`
/// marks the matches and their ancestors), then the kept nodes are
/// walked in outline order (`rows`).
struct FilterWork {
  var filter: Filter
  var generation: Int
  /// A filter just chosen: the selection goes to its first row, unless a
  /// node is asked for (`keepNode`).
  var fresh: Bool
  /// The node to select once the rows are made.
  var keepNode: Int?
  var keep: [Bool] = []
  var scanned = 0
  var kept = 0
  /// The kept nodes walked in outline order, once all are read.
  var walk: Campaign.OutlineWalk? = nil
  var rows: [Int] = []

  init(filter: Filter, generation: Int, fresh: Bool, keepNode: Int?) {
    self.filter = filter
    self.generation = generation
    self.fresh = fresh
    self.keepNode = keepNode
  }

  var fraction: Double {
    if walk != nil { return 0.8 + 0.2 * Double(rows.count) / Double(max(1, kept)) }
    return 0.8 * Double(scanned) / Double(max(1, keep.count))
  }
}

extension State {
  /// Whether work waits for `.slice` (the app loop sends it between keys).
  public var hasSlices: Bool { waiting.search != nil || waiting.filter != nil || arrangingLeft }

  /// Nodes a slice reads: a key's budget, a few milliseconds (at a
  /// million nodes a search's slice takes 3–5 ms, a filter's under 1).
  var sliceNodes: Int { max(1, workPerKey) }

  /// What the open left for after the first frame: the replay's stamps
  /// settled, each node's events indexed.
  public var openingLeft: Bool { campaign.hasUnsettledStamps || !historyIndexed }

  /// One slice of the work under way: the search first, then the filter,
  /// then rows, then the replay's stamps settled (`Campaign.stamps`), then
  /// each node's events indexed (for the detail pane, which reads them
  /// where they lie until then; `historyIndexed`).
  mutating func slice() {
    if waiting.search != nil {
      searchSlice()
    } else if waiting.filter != nil {
      filterSlice(budget: sliceNodes)
    } else if arrangingLeft {
      arrangeSlice()
    } else if campaign.hasUnsettledStamps {
      // At once: 10,000 events' in about 2 ms. A change settles them too.
      settleStamps()
    } else {
      // About 0.2 µs an event: a few milliseconds.
      indexHistory(budget: 2 * sliceNodes)
    }
  }

  // MARK: Search

  mutating func searchSlice() {
    guard var w = waiting.search else { return }
    guard w.generation == generation, !campaign.nodes.isEmpty else {
      // `campaignChanged` stops a search; this is only a safeguard.
      waiting.search = nil
      return
    }
    let step = Search.seek(campaign, w.query, from: w.at, forward: w.forward, limit: min(w.left, sliceNodes), among: searchAmong)
    w.done += step.read
    w.left -= step.read
    w.at = step.next
    if let match = step.match {
      waiting.search = nil
      reveal(match)
    } else if w.left <= 0 {
      waiting.search = nil
      message = words.noMatch
    } else {
      waiting.search = w
    }
  }

  // MARK: Filter

  /// The tree's selected node, whatever view is shown.
  var treeSelection: Int? {
    let c = cursors[.tree] ?? 0
    return treeRows.indices.contains(c) ? treeRows[c] : nil
  }

  /// Makes the tree's rows for a filter: at once on a tree within a key's
  /// budget, else in slices while the rows shown stay (the footer says
  /// 筛选中…). `fresh`: a filter just chosen, whose rows start at the top.
  mutating func startFilter(_ f: Filter, fresh: Bool) {
    // Until the rows are made, a search reads every node.
    filterShows = nil
    waiting.filter = FilterWork(filter: f, generation: generation, fresh: fresh, keepNode: fresh ? nil : treeSelection)
    if campaign.nodes.count <= workPerKey {
      while waiting.filter != nil { filterSlice(budget: max(1, campaign.nodes.count)) }
    }
  }

  /// Reads up to `budget` nodes of the filter's work.
  mutating func filterSlice(budget: Int) {
    guard var w = waiting.filter else { return }
    // Taken out while it grows, so that its arrays are never shared
    // (a copy of `keep` a slice would cost as much as the slice).
    waiting.filter = nil
    let c = campaign
    let n = c.nodes.count
    if w.generation != generation || w.keep.count != n {
      // Just begun, or begun on another tree: start (again) on this one.
      w = FilterWork(filter: w.filter, generation: generation, fresh: w.fresh, keepNode: w.keepNode)
      w.keep = Array(repeating: false, count: n)
    }
    var spent = 0
    if w.walk == nil {
      let start = w.scanned
      let end = min(n, start + budget)
      let f = w.filter
      var kept = w.kept
      let today = config.today
      w.keep.withUnsafeMutableBufferPointer { keep in
        c.nodes.withUnsafeBufferPointer { nodes in
          // The match and its ancestors, up to one kept already.
          func mark(_ i: Int) {
            var j = i
            while j >= 0 && !keep[j] {
              keep[j] = true
              kept += 1
              j = c.parent(of: j) ?? -1
            }
          }
          // The common filters read their fields straight from the nodes
          // (no copy of a node, no count of its box): as `passes`.
          switch f {
          case .overdue:
            for i in start..<end where Rollup.isOverdue(nodes[i].status, nodes[i].due, today: today)
              || (!nodes[i].problems.isEmpty && Rollup.lateProblems(nodes[i].problems, today: today) > 0) { mark(i) }
            // Orders waiting past their limits, at their stations (few).
            for (i, _) in Rollup.lateOrders(c, today: today) where (start..<end).contains(i) { mark(i) }
          case .kind(let k):
            for i in start..<end where nodes[i].kind == k { mark(i) }
          case .status(let st):
            for i in start..<end where nodes[i].status == st && c.childrenOf[i].isEmpty { mark(i) }
          default:
            for i in start..<end where passes(i, f) { mark(i) }
          }
        }
      }
      w.kept = kept
      spent = end - start
      w.scanned = end
      if end == n {
        let keep = w.keep
        w.walk = Campaign.OutlineWalk(c) { keep[$0] }
        w.rows.reserveCapacity(w.kept)
      }
    }
    if var walk = w.walk {
      // Outline order, going only into kept subtrees; taken out while it
      // goes, so that its stack is not shared.
      w.walk = nil
      let keep = w.keep
      while spent < budget, let (i, children) = walk.next(in: c, entering: { keep[$0] }) {
        w.rows.append(i)
        spent += 1 + children
      }
      if walk.isDone {
        finishFilter(w)
        return
      }
      w.walk = walk
    }
    waiting.filter = w
  }

  /// The filter's rows are made: shown, with the selection on the node
  /// asked for, at the top for a filter just chosen, else where it was.
  mutating func finishFilter(_ w: FilterWork) {
    filter = w.filter
    filterGeneration = generation
    treeRows = w.rows
    filterShows = w.keep
    if let k = w.keepNode, let row = w.rows.firstIndex(of: k) {
      cursors[.tree] = row
    } else if w.fresh {
      cursors[.tree] = 0
    }
    clampCursor()
  }

  /// No filter: the whole tree, folded as it was.
  mutating func clearFilter() {
    waiting.filter = nil
    filter = nil
    filterShows = nil
    rebuildRows()
  }
}
