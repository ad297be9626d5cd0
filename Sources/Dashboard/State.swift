import Domain
import TextScreen

/// The dashboard's views; number keys 1–9 choose them. A list view shows
/// the shared `Table` of the same name (`coverage`: the practice
/// stations' activities month by month).
public enum ViewKind: Int, CaseIterable, Sendable {
  case tree = 1, overdue, units, bases, coverage, indicators, progress, orders, teams
  /// Key 0: the inspection points, scored in the open round.
  case points

  /// The number key that shows it: 1–9, and 0 for the tenth.
  public var key: Character { self == .points ? "0" : Character(String(rawValue)) }
}

/// What the keyboard is talking to.
enum Mode: Equatable {
  case normal
  /// Every key, scrolled by so many lines (more than 24 rows hold).
  case help(scroll: Int)
  /// Incremental search: the editor, and where to go back to on Esc.
  case search(LineEditor, origin: Int, expanded: Set<String>)
  case prompt(Prompt, LineEditor)
  /// Delete this node and what is below it? y/n.
  case confirmDelete(String)
  /// The filter menu, with its highlighted entry.
  case filterMenu(Int)
  /// Make these units, named in a node's units prompt? Enter / other.
  case confirmNewUnits(String, text: String, new: [String])
  /// Mark this parent so, with work below it open? y/n.
  case confirmStatus(String, Status)
  /// The node card (a node's id), scrolled by so many lines.
  case card(String, scroll: Int)
  /// Move this problem of the card's node on? y/o/n.
  case confirmProblem(String, problem: String, scroll: Int)
  /// T: a node's kind, the highlighted entry.
  case kindMenu(String, Int)
  /// Merge this unit into that one? y/n.
  /// How many tasks `from` has, counted once when asked (not each frame).
  case confirmMergeUnit(String, into: String, tasks: Int)
  /// View 8: the steps the selected order may take, the highlighted one.
  case orderMenu(String, Int)
  /// View 10: a point (its id) being scored, the standard selected.
  case scoring(String, Int)
  /// View 10's s: the latest round's scores and rankings, scrolled by so
  /// many lines.
  case roundScores(scroll: Int)
}

/// Everything the dashboard shows, as plain data.
public struct State {
  public private(set) var campaign: Campaign
  public private(set) var rollup: Rollup
  /// Every event known, in replay order, those the workspace read where
  /// they lie; this session's are appended.
  public private(set) var history: History
  /// Stamps this session's changes (seq, clock), fed what is read.
  var stamper: Stamper
  /// Each node's events in `history`; nil until made (`indexHistory`).
  private var historyByNode: [String: [Int]]?
  public internal(set) var config: DashboardConfig

  public internal(set) var view: ViewKind = .tree
  /// Ids of unfolded nodes.
  var expanded: Set<String>
  /// Visible node indices of the tree view, rebuilt when folding changes;
  /// under a filter, made in slices on a large tree (Slices.swift).
  var treeRows: [Int] = []
  var cursors: [ViewKind: Int] = [:]
  var mode: Mode = .normal
  /// A line for the bottom of the screen until the next key.
  public internal(set) var message: String?
  /// The last prompt's answer was refused (`refuse`): the prompt stays.
  var refused = false
  /// Inverse operations of this session's changes, newest last; one step
  /// may take several (restoring a deleted subtree).
  var undoStack: [[Operation]] = []
  /// The rows of list views made since the last change (`prepareView`).
  var listCache: [ViewKind: [Table.Row]] = [:]
  /// The progress chart's weeks, made since the last change or record.
  var paceCache: Pace?
  /// The tree shows only matches and their ancestors when set.
  public internal(set) var filter: Filter?
  /// Which nodes the filter's rows show, by position, once they are made:
  /// a search under a filter finds only those (a match the filter hides
  /// was counted, and the selection stayed where it was).
  var filterShows: [Bool]?
  /// The campaign (`generation`) the filter's rows were made from: when
  /// it changes they are made again.
  var filterGeneration = -1
  /// The node kinds the campaign has, for the filter menu: found when the
  /// state is made, kept by additions, looked for again when the menu
  /// opens after a deletion or a reload (nil).
  var menuKinds: [NodeKind]?
  var lastSearch = ""
  /// The standards of the point being scored (view 10), found once when
  /// scoring begins, not on every key: the tree is read for them.
  var scoringStandards: [Int] = []
  /// A round's scores (view 10's s: the latest with scores first; [ and ]
  /// go to the one before and after), made when the screen opens or
  /// turns to another round, not on every key: every score and the tree
  /// are read for them.
  var roundScores: Table?
  var roundShown: String?
  /// Which match of how many the last search found (small plans only).
  var searchPlace: SearchPlace?
  /// A node cut (X) to be put under another (P).
  var cut: String?
  /// Ids made this session (`newID`).
  var counter = 0
  /// Bumped by every change to the campaign: work begun on an older one
  /// is dropped or begun again (Slices.swift, Arranging.swift).
  var generation = 0
  var waiting = Waiting()
  /// The node to select in a list view once its rows come (a reload
  /// keeps the selection by node).
  var keepSelection: [ViewKind: Int] = [:]
  /// Nodes a key (or a slice between keys) may read before the rest of
  /// the work waits for the next slice: at 0.2–0.4 µs a node (a search, a
  /// table's rows), at most a few milliseconds, well inside a frame (16
  /// ms). Tests lower it to drive the slices on small trees.
  public var workPerKey = 10_000
  public internal(set) var width = 80
  public internal(set) var height = 24

  var words: Strings { Strings(lang: config.lang) }

  /// `stamper`: the journal's clock and seqs as the workspace read them
  /// (by default, counted from `history`). `rollup`: the campaign's for
  /// `config.today`, when the caller made it (on threads: this module has
  /// none); by default made here.
  public init(campaign: Campaign, history: [Event], config: DashboardConfig, stamper: Stamper? = nil,
              rollup: Rollup? = nil) {
    self.init(campaign: campaign, history: History(made: history), config: config,
              stamper: stamper ?? history.reduce(into: Stamper()) { $0.saw($1) }, rollup: rollup)
    indexHistory()
  }

  /// The same with the events where the workspace read them
  /// (`Workspace.handOverEvents()`): they stay there, in `history`, and
  /// each node's are indexed in slices between keys once the first frame
  /// is out (`slice`; at 100,000 nodes and 10,000 events, 2.7 ms of a
  /// first frame of 75); until then the detail pane finds a node's events
  /// where they lie.
  public init(campaign: Campaign, events: EventsInOrder, config: DashboardConfig, stamper: Stamper,
              rollup: Rollup? = nil) {
    self.init(campaign: campaign, history: History(read: events), config: config, stamper: stamper, rollup: rollup)
  }

  private init(campaign: Campaign, history: History, config: DashboardConfig, stamper: Stamper, rollup: Rollup?) {
    self.campaign = campaign
    self.config = config
    self.stamper = stamper
    self.rollup = rollup ?? Rollup(campaign, today: config.today)
    self.history = history
    // Small trees open two levels deep (their top level unfolded), large
    // ones one: nothing else is read for it at start.
    expanded = campaign.nodes.count > 400 ? [] :
      Set(campaign.roots.filter { !campaign.childrenOf[$0].isEmpty }.map { campaign.nodes[$0].id })
    rebuildRows()
  }

  /// Puts the replay's waiting stamps in the campaign's table (`slice`):
  /// what is shown does not change.
  mutating func settleStamps() { campaign.settleStamps() }

  /// Whether each node's events are indexed (`indexHistory`).
  public var historyIndexed: Bool { historyByNode != nil }

  /// Indexes each node's events in `history`, at most `budget` more of
  /// them: between keys, a slice at a time (a million journal lines take
  /// about 200 ms, which the first key after the first frame waited
  /// for), or all at once. Room made first for as many nodes as can have
  /// one: grown as it filled, the table was rehashed time and again.
  public mutating func indexHistory(budget: Int = Int.max) {
    guard historyByNode == nil else { return }
    var (index, next) = indexing ?? ([:], 0)
    indexing = nil
    if next == 0 { index.reserveCapacity(min(history.count, campaign.nodes.count)) }
    let end = history.count - next > budget ? next + budget : history.count
    history.forEach(in: next..<end) { k, e in index[e.pointee.op.nodeID, default: []].append(k) }
    next = end
    if next == history.count { historyByNode = index } else { indexing = (index, next) }
  }
  /// The index being made, and the next event it takes.
  private var indexing: (index: [String: [Int]], next: Int)?

  // MARK: The tree's visible rows

  mutating func rebuildRows() {
    if let filter {
      // Matches and their ancestors, unfolded, so the context shows: the
      // same whatever is folded, made again only for another tree, and
      // then in slices when the tree is large.
      if filterGeneration != generation && waiting.filter == nil { startFilter(filter, fresh: false) }
      clampCursor()
      return
    }
    var rows: [Int] = []
    var stack = Array(campaign.roots.reversed())
    while let i = stack.popLast() {
      rows.append(i)
      if expanded.contains(campaign.nodes[i].id) {
        stack.append(contentsOf: campaign.childrenOf[i].reversed())
      }
    }
    treeRows = rows
    clampCursor()
  }

  /// Unfolds every ancestor of a node so it shows in the tree.
  mutating func reveal(_ i: Int) {
    for p in campaign.ancestors(of: i) { expanded.insert(campaign.nodes[p].id) }
    rebuildRows()
    if let row = treeRows.firstIndex(of: i) { cursors[.tree] = row }
    // Filtered rows under way: the node is selected when they come.
    if waiting.filter != nil { waiting.filter!.keepNode = i }
  }

  // MARK: Selection

  var cursor: Int {
    get { cursors[view] ?? 0 }
    set { cursors[view] = newValue }
  }

  public var rowCount: Int { view == .tree ? treeRows.count : listRows(view).count }

  /// Keeps the tree's and the current view's selection in range (another
  /// view's, and one whose rows are still being made, when they come).
  mutating func clampCursor() {
    for v in [ViewKind.tree, view] where !rowsPending(v) {
      // Filtered rows thrown away (positions moved) and being made
      // again: the selection keeps its row until they come.
      if v == .tree && treeRows.isEmpty && waiting.filter != nil { continue }
      guard let c = cursors[v] else { continue }
      let n = v == .tree ? treeRows.count : listRows(v).count
      cursors[v] = max(0, min(c, n - 1))
    }
  }

  /// The node the selection stands on, if any.
  public var selected: Int? {
    if view == .tree { return treeRows.indices.contains(cursor) ? treeRows[cursor] : nil }
    let rows = listRows(view)
    return rows.indices.contains(cursor) ? rows[cursor].node : nil
  }

  // MARK: Changes

  /// Stamps a change (Domain's rule: the next seq of this laptop, a clock
  /// past every one known), applies the stamped event here at once and
  /// remembers how to undo it; the effect asks the app to journal that
  /// very event. A change the domain refuses (a node too deep) is neither
  /// applied nor stamped nor journaled: no effect.
  mutating func change(_ op: Operation, undo inverse: [Operation]) -> [Effect] {
    let structural: Bool
    switch op {
    case .addNode, .removeNode, .moveNode: structural = true
    default: structural = false
    }
    // A unit's or the plan's own change: no node's progress moves. An
    // order's step moves only the overdue count where the order stops
    // or starts waiting past its limit.
    let ofPlan = op.nodeID.isEmpty
    var lateOrder: (id: String, at: Int?)? = nil
    if case .orderStep(let id, _, _) = op { lateOrder = (id, Rollup.lateNode(ofOrder: id, in: campaign, today: config.today)) }
    let i = structural || ofPlan ? nil : campaign.index[op.nodeID]
    let before = i.map { campaign.nodes[$0] }
    // Named as it was (a deleted node is gone after).
    let target = campaign.index[op.nodeID].map { campaign.code($0) + " " + campaign.nodes[$0].title }
    var next = stamper
    let event = next.stamp(op, device: config.device, user: config.user, at: "")
    // Before the change: rows made from the old tree hold it, and would
    // make this key copy the whole campaign.
    campaignChanged()
    guard campaign.apply(event) else { return [] }
    stamper = next
    if let i, let before {
      rollup.refresh(i, was: before, in: campaign)
    } else if structural {
      // Only the ancestors of what moved are counted again.
      rollup.restructure(campaign)
    } else if let lateOrder {
      rollup.orderStepped(lateAt: lateOrder.at, now: Rollup.lateNode(ofOrder: lateOrder.id, in: campaign, today: config.today),
                          in: campaign)
    } else if !ofPlan {
      rollup = Rollup(campaign, today: config.today)
    }
    if !inverse.isEmpty {
      undoStack.append(inverse)
      // What it did and how to take it back, unless something was said
      // already (a search stopped by it); a key with more to say says it
      // after (an activity's count, a merge).
      if message == nil { message = words.did((target.map { $0 + config.lang.pick("：", ": ") } ?? "") + op.summary(in: campaign, lang: config.lang)) }
    }
    structureChanged([op], structural: structural)
    return [.record(event)]
  }

  /// What changes leave for the tree's rows and the filter menu.
  private mutating func structureChanged(_ ops: some Sequence<Operation>, structural: Bool) {
    for op in ops {
      if case .addNode(let node, _) = op, let kinds = menuKinds, !kinds.contains(node.kind) {
        menuKinds = NodeKind.allCases.filter { kinds.contains($0) || $0 == node.kind }
      }
      if case .removeNode = op { menuKinds = nil }
    }
    // Positions moved: filtered rows name other nodes until made again.
    if structural && filter != nil { treeRows = [] }
    if structural || filter != nil { rebuildRows() }
  }

  /// Takes back the last change (its inverse, op by op, none undoable in
  /// turn): the nodes a deletion's undo puts back below the subtree's
  /// root, each the last child of its parent, are added together
  /// (`Campaign.applyAdditions`: the links and the rollup made once; one
  /// by one, each made them again, about 4 ms a node at a million).
  mutating func undo(_ inverse: [Operation]) -> [Effect] {
    guard let first = inverse.first else { return [] }
    var effects = change(first, undo: [])
    let rest = inverse.dropFirst()
    if rest.count > 1 {
      var next = stamper
      let events = rest.map { next.stamp($0, device: config.device, user: config.user, at: "") }
      // Before the change, as `change` does: nothing else holds the nodes.
      campaignChanged()
      if campaign.applyAdditions(events) {
        stamper = next
        rollup.restructure(campaign)
        structureChanged(rest, structural: true)
        return effects + events.map { .record($0) }
      }
    }
    for op in rest { effects += change(op, undo: []) }
    return effects
  }

  /// Takes the state the files hold now (another process changed them),
  /// keeping what the user was looking at: the view, the folds, and the
  /// selected node of each view where it still exists.
  mutating func replace(_ campaign: Campaign, history: [Event], stamper: Stamper, readOnly: Bool) {
    self.stamper = stamper
    var chosen: [ViewKind: String] = [:]
    let current = view
    for v in ViewKind.allCases where cursors[v] != nil {
      view = v
      if let i = selected { chosen[v] = self.campaign.nodes[i].id }
    }
    view = current
    for (v, i) in keepSelection { chosen[v] = self.campaign.nodes[i].id }
    campaignChanged()
    self.campaign = campaign
    self.history = History(made: history)
    // Indexed again between keys (`slice`).
    historyByNode = nil
    indexing = nil
    rollup = Rollup(campaign, today: config.today)
    config.readOnly = readOnly
    menuKinds = nil
    // Positions may have moved: the point's standards are found again.
    if case .scoring(let id, _) = mode, let point = campaign.points.first(where: { $0.id == id }) {
      scoringStandards = standards(for: point)
    }
    // Filtered rows name nodes of the old tree until made again.
    if filter != nil { treeRows = [] }
    rebuildRows()
    for (v, id) in chosen {
      guard let i = campaign.position(of: id) else { continue }
      if v == .tree {
        if let row = treeRows.firstIndex(of: i) { cursors[.tree] = row }
        if waiting.filter != nil { waiting.filter!.keepNode = i }
      } else {
        // Put back when the view's rows are made again.
        keepSelection[v] = i
      }
    }
    clampCursor()
  }

  mutating func recorded(_ event: Event) {
    // An index under way takes it with the rest when it gets there.
    historyByNode?[event.op.nodeID, default: []].append(history.count)
    history.append(event)
    paceCache = nil
  }

  /// The latest events about a node, newest first.
  public func history(of id: String, limit: Int) -> [Event] {
    guard let historyByNode else {
      // Not indexed yet: the events read from the end, where they lie.
      var found: [Event] = []
      let made = history.made
      for k in made.indices.reversed() where found.count < limit && made[k].op.nodeID == id { found.append(made[k]) }
      if let read = history.read, found.count < limit { found += read.latest(limit - found.count, about: id) }
      return found
    }
    return (historyByNode[id] ?? []).suffix(limit).reversed().map { history[$0] }
  }

  mutating func newID() -> String {
    counter += 1
    return "\(config.idPrefix)-\(counter)"
  }
}
