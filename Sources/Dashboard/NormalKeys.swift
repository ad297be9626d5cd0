import Domain
import TextScreen

/// Keys with no prompt or menu open: moving, folding, switching views;
/// searching, filtering and changes are handed on.
func normalKey(_ s: inout State, _ key: Key) -> [Effect] {
  if s.view == .units, let effects = unitKey(&s, key) { return effects }
  if s.view == .orders, let effects = orderKey(&s, key) { return effects }
  if s.view == .points, let effects = pointKey(&s, key) { return effects }
  let page = max(1, s.listHeight - 1)
  switch key {
  case .character("q"), .control("c"): return [.quit]
  case .up, .character("k"): s.move(to: s.cursor - 1)
  case .down, .character("j"): s.move(to: s.cursor + 1)
  case .pageUp: s.move(to: s.cursor - page)
  case .pageDown: s.move(to: s.cursor + page)
  case .home, .character("g"): s.move(to: 0)
  case .end, .character("G"): s.move(to: s.rowCount - 1)
  case .character("?"): s.mode = .help(scroll: 0)
  case .character("v"), .tab:
    s.show(ViewKind(rawValue: s.view.rawValue % ViewKind.allCases.count + 1)!)
  case .backTab:
    s.show(ViewKind(rawValue: (s.view.rawValue + ViewKind.allCases.count - 2) % ViewKind.allCases.count + 1)!)
  case .character(let c) where ("1"..."9").contains(c):
    s.show(ViewKind(rawValue: Int(String(c))!)!)
  case .character("0"): s.show(.points)
  case .left, .character("h"): fold(&s, open: false)
  case .right, .character("l"): fold(&s, open: true)
  case .enter:
    // The node card, from the tree and from every list.
    s.openCard()
  case .character("t"):
    // From a list, the node in its place in the tree.
    if s.view != .tree, let i = s.selected {
      s.view = .tree
      s.reveal(i)
    }
  case .escape:
    s.cancelWork()
  case .character("/"), .character("n"), .character("N"):
    return searchFromNormal(&s, key)
  case .character("O"):
    return s.config.readOnly ? refuseReadOnly(&s) : placeOrder(&s)
  case .character("f"):
    if s.menuKinds == nil { s.menuKinds = s.kindsPresent() }
    s.mode = .filterMenu(0)
  case .character("F"):
    s.clearFilter()
  case .character(" "), .character("x"), .character("+"), .character("="), .character("-"),
    .character("e"), .character("r"), .character("u"), .character("i"), .character("S"):
    return s.config.readOnly ? refuseReadOnly(&s) : edit(&s, key)
  case .character("a"), .character("A"), .character("R"), .character("D"), .character("J"),
    .character("K"), .character("d"), .character("U"), .character("X"), .character("P"), .character("T"),
    .character("Q"), .character("C"), .character("B"):
    return s.config.readOnly ? refuseReadOnly(&s) : structure(&s, key)
  case .character(let c) where !c.isWhitespace:
    // A key that does nothing here says where the keys are.
    s.message = s.words.unknownKey(String(c))
  default:
    break
  }
  return []
}

extension State {
  /// Puts the selection on a row, in range; not while the view's rows
  /// are being made (there is nothing to stand on, and the place it had
  /// is kept for when they come).
  mutating func move(to row: Int) {
    guard !rowsPending(view) else { return }
    cursor = max(0, min(rowCount - 1, row))
  }

  mutating func show(_ v: ViewKind) {
    view = v
    clampCursor()
  }

  /// Esc: stops the search or the filter under way, or leaves a view
  /// whose rows are still being made for the tree.
  mutating func cancelWork() {
    if waiting.search != nil {
      waiting.search = nil
      message = words.cancelled
    } else if waiting.filter != nil {
      waiting.filter = nil
      // The rows of a filter made again after a change are out of date
      // (or gone): the whole tree instead. A filter just chosen leaves
      // the tree as it was.
      if filter != nil && filterGeneration != generation { clearFilter() }
      message = words.cancelled
    } else if view != .tree && rowsPending(view) {
      waiting.lists[view] = nil
      if view == .progress { waiting.pace = nil }
      view = .tree
      message = words.cancelled
    }
  }
}

/// Folds (false), unfolds (true) or toggles (nil) the selected node; on a
/// leaf or a folded node, ← goes to the parent.
private func fold(_ s: inout State, open: Bool?) {
  guard s.view == .tree, let i = s.selected else { return }
  let id = s.campaign.nodes[i].id
  let hasChildren = !s.campaign.childrenOf[i].isEmpty
  let isOpen = s.expanded.contains(id)
  let want = open ?? !isOpen
  if want && hasChildren {
    s.expanded.insert(id)
  } else if !want && hasChildren && isOpen {
    s.expanded.remove(id)
  } else if !want {
    if let p = s.campaign.parent(of: i) { s.reveal(p) }
    return
  }
  s.rebuildRows()
}
