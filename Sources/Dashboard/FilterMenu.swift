import Domain
import TextScreen

/// Which nodes the tree shows: the matches and their ancestors.
public enum Filter: Equatable, Sendable {
  case overdue
  case rectify
  case status(Status)
  case kind(NodeKind)
  /// Lead or supporting unit whose name contains the text.
  case unit(String)
}

extension State {
  /// Whether a node is a filter's match (Slices.swift reads the common
  /// filters' fields straight from the nodes instead: the same test).
  func passes(_ i: Int, _ filter: Filter) -> Bool {
    let n = campaign.nodes[i]
    switch filter {
    case .overdue:
      let limits = campaign.orderLimits
      return Rollup.overdueCount(n, today: config.today) > 0
        || campaign.orders.contains { $0.at == n.id && limits.lateness($0, today: config.today) != nil }
    case .rectify: return n.needsRectification || n.awaitsRecheck
    case .status(let st): return n.status == st && campaign.childrenOf[i].isEmpty
    case .kind(let k): return n.kind == k
    case .unit(let text):
      return ([n.lead].compactMap { $0 } + n.support).contains { campaign.unitName($0).contains(text) }
    }
  }

  /// The filter menu's entries; the last line of the menu is "by unit…".
  var filterEntries: [Filter] {
    [.overdue, .rectify] + Status.allCases.map { .status($0) } + (menuKinds ?? kindsPresent()).map { .kind($0) }
  }

  /// The node kinds the campaign has, in `NodeKind` order: one pass at
  /// most (`menuKinds` keeps it: not for every key and frame while the
  /// menu is open, nor after a mark), stopping once every kind is seen.
  /// The kinds seen are bits of one word (`bit`): a set, hashed wherever
  /// the kind changed from one node to the next, took 11 ms of the key at
  /// a million nodes.
  func kindsPresent() -> [NodeKind] {
    let all = NodeKind.allCases.reduce(UInt32(0)) { $0 | $1.bit }
    var seen: UInt32 = 0
    campaign.nodes.withUnsafeBufferPointer { nodes in
      for k in nodes.indices {
        seen |= nodes[k].kind.bit
        // Every kind seen: the rest can add none (a test now and then).
        if k & 4095 == 0 && seen == all { break }
      }
    }
    return NodeKind.allCases.filter { seen & $0.bit != 0 }
  }

  /// Entries of the filter menu before "by unit…".
  public var filterEntryCount: Int { filterEntries.count }

  /// Shows the tree with only a filter's matches and their ancestors: at
  /// once on a small tree, else when its rows are made (Slices.swift);
  /// until then the tree stays as it was and the footer says 筛选中….
  mutating func apply(_ f: Filter) {
    view = .tree
    startFilter(f, fresh: true)
  }
}

/// A key while the filter menu is open.
func filterMenuKey(_ s: inout State, _ key: Key, _ highlighted: Int) {
  let entries = s.filterEntries
  switch key {
  case .up, .character("k"): s.mode = .filterMenu(max(0, highlighted - 1))
  case .down, .character("j"): s.mode = .filterMenu(min(entries.count, highlighted + 1))
  case .escape: s.mode = .normal
  case .character("c"), .character("0"):
    s.mode = .normal
    s.clearFilter()
  case .enter:
    s.mode = .normal
    if highlighted < entries.count {
      s.apply(entries[highlighted])
    } else {
      s.mode = .prompt(.unitFilter, LineEditor())
    }
  default:
    break
  }
}

/// The filter menu, drawn over the list.
func drawFilterMenu(_ s: State, _ screen: inout Screen, _ highlighted: Int) {
  let w = s.words
  drawMenu(s, &screen, title: w.filterTitle, labels: s.filterEntries.map(w.filterLabel) + [w.filterByUnit],
           highlighted: highlighted)
}

/// A menu over the top of the screen (the filter, a node's kind): its
/// rows are its own across the whole width, with a rule under them, so
/// no tree row shows beside or through it.
func drawMenu(_ s: State, _ screen: inout Screen, title: String, labels: [String], highlighted: Int) {
  let width = min(s.width, max(DisplayWidth.of(title), labels.map(DisplayWidth.of).max() ?? 0) + 4)
  let top = s.height >= 2 ? 1 : 0
  let rows = min(labels.count + 1, max(0, s.height - top - 1))
  guard rows > 0 else { return }
  for r in top..<(top + rows) { screen.clear(row: r, col: 0, count: s.width, style: .plain) }
  if top + rows < s.height - 1 {
    screen.put(String(repeating: "─", count: s.width), row: top + rows, col: 0, style: .dim, limit: s.width)
  }
  screen.clear(row: top, col: 0, count: width, style: Style(reverse: true))
  screen.put(" " + title, row: top, col: 0, style: Style(bold: true, reverse: true), limit: width)
  let first = max(0, highlighted - (rows - 2))
  for k in 0..<(rows - 1) {
    let e = first + k
    guard e < labels.count else { break }
    let style = e == highlighted ? Style(reverse: true) : Style.plain
    screen.clear(row: top + 1 + k, col: 0, count: width, style: style)
    screen.put("  " + labels[e], row: top + 1 + k, col: 0, style: style, limit: width)
  }
}

extension NodeKind {
  /// One bit a kind, in `allCases` order (a test holds it there).
  var bit: UInt32 {
    switch self {
    case .group: return 1 << 0
    case .task: return 1 << 1
    case .item: return 1 << 2
    case .base: return 1 << 3
    case .centre: return 1 << 4
    case .subcentre: return 1 << 5
    case .institute: return 1 << 6
    case .station: return 1 << 7
    case .team: return 1 << 8
    case .indicator: return 1 << 9
    }
  }
}
