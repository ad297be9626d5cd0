import Domain
import TextScreen

/// The dashboard's views; number keys 1–7 choose them. A list view shows
/// the shared `Table` of the same name (`coverage`: the practice
/// stations' activities month by month).
public enum ViewKind: Int, CaseIterable, Sendable {
  case tree = 1, overdue, units, bases, coverage, indicators, progress
}

/// What a one-line prompt is asking for.
enum Prompt: Equatable {
  case note(String)
  case problem(String)
  /// The problem's responsible unit, after its description.
  case problemUnit(String, text: String)
  /// The problem's deadline, after its unit.
  case problemDue(String, text: String, unit: String?)
  case rename(String)
  case addChild(String)
  case addSibling(String)
  case due(String)
  case units(String)
  case unitFilter
}

/// Which nodes the tree shows: the matches and their ancestors.
public enum Filter: Equatable, Sendable {
  case overdue
  case rectify
  case status(Status)
  case kind(NodeKind)
  /// Lead or supporting unit whose name contains the text.
  case unit(String)
}

/// What the keyboard is talking to.
enum Mode: Equatable {
  case normal
  case help
  /// Incremental search: the editor, and where to go back to on Esc.
  case search(LineEditor, origin: Int, expanded: Set<String>)
  case prompt(Prompt, LineEditor)
  /// Delete this node and what is below it? y/n.
  case confirmDelete(String)
  /// The filter menu, with its highlighted entry.
  case filterMenu(Int)
}

/// Everything the dashboard shows, as plain data.
public struct State {
  public private(set) var campaign: Campaign
  public private(set) var rollup: Rollup
  /// Every event known, in replay order; this session's are appended.
  public private(set) var history: [Event]
  /// Stamps this session's changes (seq, clock), fed what is read.
  var stamper: Stamper
  private var historyByNode: [String: [Int]] = [:]
  public internal(set) var config: DashboardConfig

  public internal(set) var view: ViewKind = .tree
  /// Ids of unfolded nodes.
  var expanded: Set<String>
  /// Visible node indices of the tree view, rebuilt when folding changes.
  private(set) var treeRows: [Int] = []
  var cursors: [ViewKind: Int] = [:]
  var mode: Mode = .normal
  /// A line for the bottom of the screen until the next key.
  public internal(set) var message: String?
  /// Inverse operations of this session's changes, newest last; one step
  /// may take several (restoring a deleted subtree).
  var undoStack: [[Operation]] = []
  /// The rows of list views, as of the last change (see `listRows`).
  var listCache: [ViewKind: [ListRow]] = [:]
  /// The progress view's weeks, as of the last change (see `pace(width:)`).
  var paceCache: Pace?
  /// The tree shows only matches and their ancestors when set.
  public internal(set) var filter: Filter?
  var lastSearch = ""
  var counter = 0
  public internal(set) var width = 80
  public internal(set) var height = 24

  var words: Strings { Strings(lang: config.lang) }

  /// `stamper`: the journal's clock and seqs as the workspace read them
  /// (by default, counted from `history`).
  public init(campaign: Campaign, history: [Event], config: DashboardConfig, stamper: Stamper? = nil) {
    self.campaign = campaign
    self.config = config
    self.stamper = stamper ?? history.reduce(into: Stamper()) { $0.saw($1) }
    rollup = Rollup(campaign, today: config.today)
    self.history = history
    // Small trees open two levels deep, large ones one.
    let depth = campaign.nodes.count <= 400 ? 1 : 0
    expanded = Set(campaign.nodes.indices.filter { campaign.depth($0) < depth && !campaign.childrenOf[$0].isEmpty }
      .map { campaign.nodes[$0].id })
    for (k, e) in history.enumerated() { historyByNode[e.op.nodeID, default: []].append(k) }
    rebuildRows()
  }

  // MARK: The tree's visible rows

  mutating func rebuildRows() {
    var rows: [Int] = []
    if let filter {
      // Matches and their ancestors, unfolded, so the context shows.
      var keep = Set<Int>()
      for i in campaign.nodes.indices where passes(i, filter) {
        var j: Int? = i
        while let k = j, keep.insert(k).inserted { j = campaign.parent(of: k) }
      }
      rows = campaign.preorder().filter { keep.contains($0) }
    } else {
      var stack = Array(campaign.roots.reversed())
      while let i = stack.popLast() {
        rows.append(i)
        if expanded.contains(campaign.nodes[i].id) {
          stack.append(contentsOf: campaign.childrenOf[i].reversed())
        }
      }
    }
    treeRows = rows
    clampCursor()
  }

  func passes(_ i: Int, _ filter: Filter) -> Bool {
    let n = campaign.nodes[i]
    switch filter {
    case .overdue: return Rollup.isOverdue(n, today: config.today)
    case .rectify: return n.needsRectification || n.awaitsRecheck
    case .status(let st): return n.status == st && campaign.childrenOf[i].isEmpty
    case .kind(let k): return n.kind == k
    case .unit(let text):
      return ([n.lead].compactMap { $0 } + n.support).contains { campaign.unitName($0).contains(text) }
    }
  }

  /// Unfolds every ancestor of a node so it shows in the tree.
  mutating func reveal(_ i: Int) {
    for p in campaign.ancestors(of: i) { expanded.insert(campaign.nodes[p].id) }
    rebuildRows()
    if let row = treeRows.firstIndex(of: i) { cursors[.tree] = row }
  }

  // MARK: Selection

  var cursor: Int {
    get { cursors[view] ?? 0 }
    set { cursors[view] = newValue }
  }

  var rowCount: Int { view == .tree ? treeRows.count : listRows(view).count }

  /// Keeps the tree's and the current view's selection in range (another
  /// view's is kept in range when it is shown).
  mutating func clampCursor() {
    for v in [ViewKind.tree, view] {
      guard let c = cursors[v] else { continue }
      cacheList(v)
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

  /// Applies a change here at once and remembers how to undo it.
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
    let i = structural ? nil : campaign.index[op.nodeID]
    let before = i.map { campaign.nodes[$0] }
    var next = stamper
    let event = next.stamp(op, device: config.device, user: config.user, at: "")
    guard campaign.apply(event) else { return [] }
    stamper = next
    listCache = [:]
    paceCache = nil
    if let i, let before {
      rollup.refresh(i, was: before, in: campaign)
    } else {
      rollup = Rollup(campaign, today: config.today)
    }
    if !inverse.isEmpty { undoStack.append(inverse) }
    if structural || filter != nil { rebuildRows() }
    return [.record(event)]
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
    self.campaign = campaign
    self.history = history
    historyByNode = [:]
    for (k, e) in history.enumerated() { historyByNode[e.op.nodeID, default: []].append(k) }
    rollup = Rollup(campaign, today: config.today)
    config.readOnly = readOnly
    listCache = [:]
    paceCache = nil
    rebuildRows()
    for (v, id) in chosen {
      guard let i = campaign.position(of: id) else { continue }
      if v == .tree {
        if let row = treeRows.firstIndex(of: i) { cursors[.tree] = row }
      } else {
        cacheList(v)
        if let row = listRows(v).firstIndex(where: { $0.node == i }) { cursors[v] = row }
      }
    }
    clampCursor()
  }

  mutating func recorded(_ event: Event) {
    historyByNode[event.op.nodeID, default: []].append(history.count)
    history.append(event)
    paceCache = nil
  }

  /// The latest events about a node, newest first.
  public func history(of id: String, limit: Int) -> [Event] {
    (historyByNode[id] ?? []).suffix(limit).reversed().map { history[$0] }
  }

  /// The filter menu's entries; the last line of the menu is "by unit…".
  var filterEntries: [Filter] {
    [.overdue, .rectify] + Status.allCases.map { .status($0) }
      + NodeKind.allCases.filter { k in campaign.nodes.contains { $0.kind == k } }.map { .kind($0) }
  }

  /// Entries of the filter menu before "by unit…".
  public var filterEntryCount: Int { filterEntries.count }

  mutating func newID() -> String {
    counter += 1
    return "\(config.idPrefix)-\(counter)"
  }
}
