import Domain
import TextScreen

/// Applies an action to the state; returns what the app loop must do.
public func update(_ state: inout State, _ action: Action) -> [Effect] {
  switch action {
  case .resize(let w, let h):
    state.width = max(0, w)
    state.height = max(0, h)
    return []
  case .recorded(let event):
    state.recorded(event)
    return []
  case .saveFailed(let why):
    state.message = state.words.saveFailed(why)
    return []
  case .key(let key):
    state.message = nil
    return handle(&state, key)
  }
}

private func handle(_ s: inout State, _ key: Key) -> [Effect] {
  switch s.mode {
  case .help:
    s.mode = .normal
    return []
  case .search(var editor, let origin, let expanded):
    switch key {
    case .enter:
      s.lastSearch = editor.text
      s.mode = .normal
    case .escape:
      s.expanded = expanded
      s.rebuildRows()
      s.cursors[.tree] = origin
      s.mode = .normal
    default:
      if editor.handle(key) {
        s.mode = .search(editor, origin: origin, expanded: expanded)
        s.expanded = expanded
        s.rebuildRows()
        s.cursors[.tree] = origin
        if !editor.text.isEmpty && !find(&s, editor.text, forward: true, includeCurrent: true) {
          s.message = s.words.noMatch
        }
      }
    }
    return []
  case .note(var editor, let id):
    switch key {
    case .enter:
      s.mode = .normal
      return set(&s, id, .note, .text(editor.text))
    case .escape:
      s.mode = .normal
    default:
      if editor.handle(key) { s.mode = .note(editor, node: id) }
    }
    return []
  case .problem(var editor, let id):
    switch key {
    case .enter:
      s.mode = .normal
      let text = trimmed(editor.text)
      guard !text.isEmpty else { return [] }
      let problem = Problem(id: s.newID(), text: text, found: s.config.today)
      let op = Operation.addProblem(node: id, problem: problem)
      s.change(op, undo: .setProblem(node: id, problem: problem.id, state: .closed))
      return [.record(op)]
    case .escape:
      s.mode = .normal
    default:
      if editor.handle(key) { s.mode = .problem(editor, node: id) }
    }
    return []
  case .normal:
    return normal(&s, key)
  }
}

private func normal(_ s: inout State, _ key: Key) -> [Effect] {
  let page = max(1, s.listHeight - 1)
  switch key {
  case .character("q"), .control("c"): return [.quit]
  case .up, .character("k"): s.cursor = max(0, s.cursor - 1)
  case .down, .character("j"): s.cursor = max(0, min(s.rowCount - 1, s.cursor + 1))
  case .pageUp: s.cursor = max(0, s.cursor - page)
  case .pageDown: s.cursor = max(0, min(s.rowCount - 1, s.cursor + page))
  case .home, .character("g"): s.cursor = 0
  case .end, .character("G"): s.cursor = max(0, s.rowCount - 1)
  case .character("?"): s.mode = .help
  case .character("v"), .tab:
    let next = s.view.rawValue % ViewKind.allCases.count + 1
    s.view = ViewKind(rawValue: next)!
    s.clampCursor()
  case .backTab:
    let prev = (s.view.rawValue + ViewKind.allCases.count - 2) % ViewKind.allCases.count + 1
    s.view = ViewKind(rawValue: prev)!
    s.clampCursor()
  case .character(let c) where ("1"..."6").contains(c):
    s.view = ViewKind(rawValue: Int(String(c))!)!
    s.clampCursor()
  case .left, .character("h"): fold(&s, open: false)
  case .right, .character("l"): fold(&s, open: true)
  case .enter:
    if s.view == .tree {
      fold(&s, open: nil)
    } else if let i = s.selected {
      s.view = .tree
      s.reveal(i)
    }
  case .character("/"):
    s.view = .tree
    s.mode = .search(LineEditor(), origin: s.cursors[.tree] ?? 0, expanded: s.expanded)
  case .character("n"), .character("N"):
    if s.lastSearch.isEmpty { break }
    s.view = .tree
    if !find(&s, s.lastSearch, forward: key == .character("n"), includeCurrent: false) {
      s.message = s.words.noMatch
    }
  case .character(" "), .character("x"), .character("+"), .character("="), .character("-"),
    .character("e"), .character("r"), .character("u"):
    return edit(&s, key)
  default:
    break
  }
  return []
}

/// Changes: refused in read-only mode, each one recorded at once.
private func edit(_ s: inout State, _ key: Key) -> [Effect] {
  if s.config.readOnly {
    s.message = s.words.readOnlyRefusal
    return []
  }
  if key == .character("u") {
    guard let inverse = s.undoStack.popLast() else {
      s.message = s.words.nothingToUndo
      return []
    }
    s.change(inverse, undo: nil)
    s.message = s.words.undone
    return [.record(inverse)]
  }
  guard let i = s.selected else { return [] }
  let node = s.campaign.nodes[i]
  switch key {
  case .character(" "):
    return set(&s, node.id, .status, .text(node.status.next.rawValue))
  case .character("x"):
    return set(&s, node.id, .status, .text(Status.done.rawValue))
  case .character("+"), .character("="):
    guard node.quota != nil else {
      s.message = s.words.noQuota
      return []
    }
    let activity = Activity(id: s.newID(), date: s.config.today)
    let op = Operation.addActivity(node: node.id, activity: activity)
    s.change(op, undo: .removeActivity(node: node.id, activity: activity.id))
    return [.record(op)]
  case .character("-"):
    guard let last = node.quota?.activities.last else {
      s.message = s.words.noActivity
      return []
    }
    let op = Operation.removeActivity(node: node.id, activity: last.id)
    s.change(op, undo: .addActivity(node: node.id, activity: last))
    return [.record(op)]
  case .character("e"):
    s.mode = .note(LineEditor(node.note), node: node.id)
  case .character("r"):
    // On a node with a problem in hand, advance it: open → fixed → closed.
    if let p = node.problems.first(where: { $0.state != .closed }) {
      let next: Problem.State = p.state == .open ? .fixed : .closed
      let op = Operation.setProblem(node: node.id, problem: p.id, state: next)
      s.change(op, undo: .setProblem(node: node.id, problem: p.id, state: p.state))
      return [.record(op)]
    }
    s.mode = .problem(LineEditor(), node: node.id)
  default:
    break
  }
  return []
}

/// Sets a field, remembering the old value for undo.
private func set(_ s: inout State, _ id: String, _ field: Field, _ value: FieldValue) -> [Effect] {
  guard let i = s.campaign.index[id] else { return [] }
  let old = s.campaign.nodes[i].value(of: field)
  if old == value { return [] }
  let op = Operation.set(node: id, field: field, value: value)
  s.change(op, undo: .set(node: id, field: field, value: old))
  return [.record(op)]
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
    let p = s.campaign.parentOf[i]
    if p >= 0 { s.reveal(p) }
    return
  }
  s.rebuildRows()
}

/// Whether a node matches a search: its title, its units' names, its note.
func matches(_ c: Campaign, _ i: Int, _ query: String) -> Bool {
  let n = c.nodes[i]
  let q = query.lowercased()
  if n.title.lowercased().contains(q) || n.note.lowercased().contains(q) { return true }
  if let lead = n.lead, c.unitName(lead).lowercased().contains(q) { return true }
  return n.support.contains { c.unitName($0).lowercased().contains(q) }
}

/// Moves the tree selection to the next (or previous) match in outline
/// order, wrapping, and unfolds what hides it.
@discardableResult
private func find(_ s: inout State, _ query: String, forward: Bool, includeCurrent: Bool) -> Bool {
  let order = s.campaign.preorder()
  guard !order.isEmpty else { return false }
  let current = s.selected.flatMap { sel in order.firstIndex(of: sel) } ?? 0
  for step in 0..<order.count {
    let k = forward ? step + (includeCurrent ? 0 : 1) : -(step + 1)
    let at = ((current + k) % order.count + order.count) % order.count
    if matches(s.campaign, order[at], query) {
      s.reveal(order[at])
      return true
    }
  }
  return false
}

/// Text without leading or trailing spaces.
func trimmed(_ text: String) -> String {
  var t = Substring(text)
  while t.first?.isWhitespace == true { t = t.dropFirst() }
  while t.last?.isWhitespace == true { t = t.dropLast() }
  return String(t)
}
