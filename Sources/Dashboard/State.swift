import Domain
import TextScreen

/// The dashboard's views; number keys 1–6 choose them.
public enum ViewKind: Int, CaseIterable, Sendable {
  case tree = 1, overdue, units, bases, stations, indicators
}

/// What the keyboard is talking to.
enum Mode: Equatable {
  case normal
  case help
  /// Incremental search: the editor, and where to go back to on Esc.
  case search(LineEditor, origin: Int, expanded: Set<String>)
  case note(LineEditor, node: String)
  case problem(LineEditor, node: String)
}

/// Everything the dashboard shows, as plain data.
public struct State {
  public private(set) var campaign: Campaign
  public private(set) var rollup: Rollup
  /// Every event known, in replay order; this session's are appended.
  public private(set) var history: [Event]
  private var historyByNode: [String: [Int]] = [:]
  public let config: DashboardConfig

  public internal(set) var view: ViewKind = .tree
  /// Ids of unfolded nodes.
  var expanded: Set<String>
  /// Visible node indices of the tree view, rebuilt when folding changes.
  private(set) var treeRows: [Int] = []
  var cursors: [ViewKind: Int] = [:]
  var scrolls: [ViewKind: Int] = [:]
  var mode: Mode = .normal
  /// A line for the bottom of the screen until the next key.
  public internal(set) var message: String?
  /// Inverse operations of this session's changes, newest last.
  var undoStack: [Operation] = []
  var lastSearch = ""
  var counter = 0
  public internal(set) var width = 80
  public internal(set) var height = 24

  var words: Strings { Strings(lang: config.lang) }

  public init(campaign: Campaign, history: [Event], config: DashboardConfig) {
    self.campaign = campaign
    self.config = config
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
    var p = campaign.parentOf[i]
    while p >= 0 {
      expanded.insert(campaign.nodes[p].id)
      p = campaign.parentOf[p]
    }
    rebuildRows()
    if let row = treeRows.firstIndex(of: i) { cursors[.tree] = row }
  }

  // MARK: Selection

  var cursor: Int {
    get { cursors[view] ?? 0 }
    set { cursors[view] = newValue }
  }

  var rowCount: Int { view == .tree ? treeRows.count : listRows(view).count }

  mutating func clampCursor() {
    for v in ViewKind.allCases {
      let n = v == .tree ? treeRows.count : (cursors[v] == nil ? 0 : listRows(v).count)
      if let c = cursors[v] { cursors[v] = max(0, min(c, n - 1)) }
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
  mutating func change(_ op: Operation, undo inverse: Operation?) {
    campaign.apply(op)
    rollup = Rollup(campaign, today: config.today)
    if let inverse { undoStack.append(inverse) }
  }

  mutating func recorded(_ event: Event) {
    historyByNode[event.op.nodeID, default: []].append(history.count)
    history.append(event)
  }

  /// The latest events about a node, newest first.
  public func history(of id: String, limit: Int) -> [Event] {
    (historyByNode[id] ?? []).suffix(limit).reversed().map { history[$0] }
  }

  mutating func newID() -> String {
    counter += 1
    return "\(config.idPrefix)-\(counter)"
  }
}
