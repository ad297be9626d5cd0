import Domain
import TextScreen

// Incremental search: `/` opens the line, each key looks again from where
// the search began; `n` and `N` go on from the selection. A key reads at
// most `workPerKey` nodes; a search that needs more (a word no node has,
// at a million nodes) goes on in slices between keys while the footer
// counts (Slices.swift).

/// A key while the search line is open.
func searchKey(_ s: inout State, _ key: Key, _ editor: LineEditor, origin: Int, expanded: Set<String>) -> [Effect] {
  var editor = editor
  switch key {
  case .enter:
    // A search still under way goes on: its match shows when it comes.
    s.lastSearch = editor.text
    s.mode = .normal
  case .escape:
    s.waiting.search = nil
    s.expanded = expanded
    s.rebuildRows()
    s.cursors[.tree] = origin
    s.mode = .normal
  default:
    guard editor.handle(key) else { return [] }
    s.mode = .search(editor, origin: origin, expanded: expanded)
    s.expanded = expanded
    s.rebuildRows()
    s.cursors[.tree] = origin
    s.waiting.search = nil
    s.searchPlace = nil
    if !editor.text.isEmpty { return s.find(editor.text, forward: true, includeCurrent: true) }
  }
  return []
}

/// `/` opens the search line; `n` and `N` find the next and previous
/// match of the last search.
func searchFromNormal(_ s: inout State, _ key: Key) -> [Effect] {
  if key == .character("/") {
    // A new search: the one under way is no longer wanted.
    s.waiting.search = nil
    s.view = .tree
    s.mode = .search(LineEditor(), origin: s.cursors[.tree] ?? 0, expanded: s.expanded)
    return []
  }
  if s.lastSearch.isEmpty { return [] }
  s.view = .tree
  return s.find(s.lastSearch, forward: key == .character("n"), includeCurrent: false)
}

extension State {
  /// The nodes a search may find: under a filter whose rows are made,
  /// those it shows; else all (nil).
  var searchAmong: [Bool]? {
    filterShows.flatMap { $0.count == campaign.nodes.count ? $0 : nil }
  }

  /// Moves the tree selection to the next (or previous) match in outline
  /// order, wrapping, and unfolds what hides it. Steps from the selection,
  /// so that finding the next match costs the distance to it; past
  /// `workPerKey` nodes the rest of the tree is read in slices between
  /// keys, and a search under way before is no longer wanted.
  mutating func find(_ query: String, forward: Bool, includeCurrent: Bool) -> [Effect] {
    waiting.search = nil
    let c = campaign
    guard !c.nodes.isEmpty else {
      message = words.noMatch
      return []
    }
    let query = query.lowercased()
    var at = selected ?? c.roots[0]
    if !includeCurrent || !forward { at = forward ? c.next(inPreorder: at) : c.previous(inPreorder: at) }
    let start = selected
    let step = Search.seek(c, query, from: at, forward: forward, limit: min(c.nodes.count, workPerKey), among: searchAmong)
    if let match = step.match {
      reveal(match)
      searchPlace = place(of: match, query, from: start, forward: forward)
      if case .normal = mode, let p = searchPlace { message = words.searchHit(p.rank, p.total, wrapped: p.wrapped) }
      return []
    }
    let left = c.nodes.count - step.read
    guard left > 0 else {
      message = words.noMatch
      return []
    }
    waiting.search = SearchWork(generation: generation, query: query, at: step.next, forward: forward,
                                left: left, done: step.read, total: c.nodes.count)
    return []
  }
}

extension State {
  /// Which match of how many a node is, and whether the search went past
  /// the end to reach it (from `start`): read over the whole outline, so
  /// only where that fits in a key (`workPerKey`); a larger plan is told
  /// only that the search wrapped (see `Search.seek`).
  func place(of match: Int, _ query: String, from start: Int?, forward: Bool) -> SearchPlace? {
    let c = campaign
    guard c.nodes.count <= workPerKey else { return nil }
    var total = 0, rank = 0, startAt = -1, matchAt = -1
    let shown = searchAmong
    for (k, i) in c.preorder().enumerated() {
      if i == start { startAt = k }
      if i == match { matchAt = k }
      if shown?[i] ?? true, matches(c, i, query) {
        total += 1
        if i == match { rank = total }
      }
    }
    let wrapped = startAt >= 0 && (forward ? matchAt < startAt : matchAt > startAt)
    return SearchPlace(rank: rank, total: total, wrapped: wrapped)
  }
}

/// Which match the search stands on, of how many.
struct SearchPlace: Equatable {
  var rank: Int
  var total: Int
  var wrapped: Bool
}

/// The search line in the footer; after the text, what the search found
/// or how far it has got.
func drawSearch(_ s: State, _ screen: inout Screen, _ editor: LineEditor) {
  let row = s.height - 1
  let w = s.words
  let used = screen.put(w.searchPrompt, row: row, col: 0, style: .bold)
  editor.draw(on: &screen, row: row, col: used, width: s.width - used)
  let col = min(s.width, used + DisplayWidth.of(editor.text) + 1)
  if let m = s.message {
    screen.put("  " + m, row: row, col: col, style: Style(color: .red))
  } else if let p = s.searchPlace, !editor.text.isEmpty {
    screen.put("  " + w.searchHit(p.rank, p.total, wrapped: p.wrapped), row: row, col: col, style: .dim)
  } else if let busy = s.busy {
    screen.put("  " + busy, row: row, col: col, style: Style(color: .yellow))
  }
}
