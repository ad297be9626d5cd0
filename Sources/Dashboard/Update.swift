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
  case .saveFailed(let why, let next):
    state.message = state.words.saveFailed(why)
    state.stamper = next
    return []
  case .reloaded(let campaign, let history, let stamper, let readOnly):
    let wasReadOnly = state.config.readOnly
    state.replace(campaign, history: history, stamper: stamper, readOnly: readOnly)
    if wasReadOnly && !readOnly { state.message = state.words.nowWritable }
    return []
  case .key(let key):
    state.message = nil
    let effects = handle(&state, key)
    state.cacheList(state.view)
    return effects
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
  case .prompt(let prompt, var editor):
    switch key {
    case .enter:
      s.mode = .normal
      return answer(&s, prompt, editor.text)
    case .escape:
      s.mode = .normal
    default:
      if editor.handle(key) { s.mode = .prompt(prompt, editor) }
    }
    return []
  case .confirmDelete(let id):
    s.mode = .normal
    guard key == .character("y") || key == .character("Y") else { return [] }
    return delete(&s, id)
  case .filterMenu(let highlighted):
    let entries = s.filterEntries
    switch key {
    case .up, .character("k"): s.mode = .filterMenu(max(0, highlighted - 1))
    case .down, .character("j"): s.mode = .filterMenu(min(entries.count, highlighted + 1))
    case .escape: s.mode = .normal
    case .character("c"), .character("0"):
      s.mode = .normal
      s.filter = nil
      s.rebuildRows()
    case .enter:
      s.mode = .normal
      if highlighted < entries.count {
        s.view = .tree
        s.filter = entries[highlighted]
        s.cursors[.tree] = 0
        s.rebuildRows()
      } else {
        s.mode = .prompt(.unitFilter, LineEditor())
      }
    default:
      break
    }
    return []
  case .normal:
    return normal(&s, key)
  }
}

/// What a prompt's answer does.
private func answer(_ s: inout State, _ prompt: Prompt, _ raw: String) -> [Effect] {
  let text = raw.trimmingBlanks
  var isTitle = false
  switch prompt {
  case .rename, .addChild, .addSibling: isTitle = true
  default: break
  }
  if isTitle && text.count > StructureIssue.maxTitle {
    // The files refuse such a title: refuse it here, before it is journaled.
    s.message = s.words.tooLong
    s.mode = .prompt(prompt, LineEditor(raw))
    return []
  }
  switch prompt {
  case .note(let id):
    return set(&s, id, .note, .text(raw))
  case .rename(let id):
    guard !text.isEmpty else { return [] }
    return set(&s, id, .title, .text(text))
  case .problem(let id):
    // A problem is asked for in three steps: what, which unit, by when.
    guard !text.isEmpty, let i = s.campaign.index[id] else { return [] }
    let lead = s.campaign.nodes[i].lead.map(s.campaign.unitName) ?? ""
    s.mode = .prompt(.problemUnit(id, text: text), LineEditor(lead))
    return []
  case .problemUnit(let id, let problemText):
    var unit: String? = nil
    if !text.isEmpty {
      guard let found = s.unit(named: text) else {
        s.message = s.words.unknownUnit(text)
        s.mode = .prompt(.problemUnit(id, text: problemText), LineEditor(text))
        return []
      }
      unit = found
    }
    s.mode = .prompt(.problemDue(id, text: problemText, unit: unit), LineEditor())
    return []
  case .problemDue(let id, let problemText, let unit):
    var due: Day? = nil
    if !text.isEmpty {
      guard let day = s.day(from: text) else {
        s.message = s.words.badDate(text)
        s.mode = .prompt(.problemDue(id, text: problemText, unit: unit), LineEditor(text))
        return []
      }
      due = day
    }
    let problem = Problem(id: s.newID(), text: problemText, unit: unit, due: due, found: s.config.today)
    let op = Operation.addProblem(node: id, problem: problem)
    return s.change(op, undo: [.setProblem(node: id, problem: problem.id, state: .closed)])
  case .addChild(let parent), .addSibling(let parent):
    guard !text.isEmpty else { return [] }
    let isChild: Bool
    if case .addChild = prompt { isChild = true } else { isChild = false }
    let node: Node
    var after: String? = nil
    if let p = s.campaign.index[parent] {
      let under = isChild ? s.campaign.nodes[p].id : s.campaign.nodes[p].parent
      let kind: NodeKind = isChild ? (s.campaign.nodes[p].kind == .group ? .task : .item) : s.campaign.nodes[p].kind
      node = Node(id: s.newID(), parent: under, kind: kind, title: text)
      after = isChild ? nil : parent
    } else {
      // The first node of an empty campaign.
      node = Node(id: s.newID(), kind: .group, title: text)
    }
    let op = Operation.addNode(node: node, after: after)
    // Journaled only if it took (the domain refuses a node too deep).
    let effects = s.change(op, undo: [.removeNode(node: node.id)])
    guard let i = s.campaign.index[node.id] else {
      s.message = s.words.tooDeep
      return []
    }
    s.reveal(i)
    return effects
  case .due(let id):
    if text.isEmpty { return set(&s, id, .due, .null) }
    guard let day = s.day(from: text) else {
      s.message = s.words.badDate(text)
      return []
    }
    return set(&s, id, .due, .text(day.description))
  case .units(let id):
    let names = text.split(whereSeparator: { "、，,;； ".contains($0) }).map(String.init)
    var ids: [String] = []
    for name in names {
      guard let unit = s.unit(named: name) else {
        s.message = s.words.unknownUnit(name)
        return []
      }
      ids.append(unit)
    }
    return set(&s, id, .lead, ids.first.map { .text($0) } ?? .null)
      + set(&s, id, .support, .list(Array(ids.dropFirst())))
  case .unitFilter:
    guard !text.isEmpty else { return [] }
    s.view = .tree
    s.filter = .unit(text)
    s.cursors[.tree] = 0
    s.rebuildRows()
    return []
  }
}

/// Deletes a subtree; undo adds it back, node by node, in its place.
private func delete(_ s: inout State, _ id: String) -> [Effect] {
  guard let i = s.campaign.index[id] else { return [] }
  let c = s.campaign
  var restore: [Operation] = []
  let siblings = c.siblings(of: i)
  let place = siblings.firstIndex(of: i)!
  let after = place > 0 ? c.nodes[siblings[place - 1]].id : nil
  restore.append(.addNode(node: c.nodes[i], after: after))
  var stack = Array(c.childrenOf[i].reversed())
  while let j = stack.popLast() {
    restore.append(.addNode(node: c.nodes[j], after: nil))
    stack.append(contentsOf: c.childrenOf[j].reversed())
  }
  let op = Operation.removeNode(node: id)
  return s.change(op, undo: restore)
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
  case .character(let c) where ("1"..."7").contains(c):
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
  case .character("f"):
    s.mode = .filterMenu(0)
  case .character("F"):
    s.filter = nil
    s.rebuildRows()
  case .character(" "), .character("x"), .character("+"), .character("="), .character("-"),
    .character("e"), .character("r"), .character("u"):
    return s.config.readOnly ? refuseReadOnly(&s) : edit(&s, key)
  case .character("a"), .character("A"), .character("R"), .character("D"), .character("J"),
    .character("K"), .character("d"), .character("U"):
    return s.config.readOnly ? refuseReadOnly(&s) : structure(&s, key)
  default:
    break
  }
  return []
}

/// Read-only (another chuangwen has the workspace, or the folder cannot
/// be written): every change is refused, saying why.
private func refuseReadOnly(_ s: inout State) -> [Effect] {
  s.message = s.words.readOnlyRefusal
  return []
}

/// Changes, each one recorded at once.
private func edit(_ s: inout State, _ key: Key) -> [Effect] {
  if key == .character("u") {
    guard let inverse = s.undoStack.popLast() else {
      s.message = s.words.nothingToUndo
      return []
    }
    s.message = s.words.undone
    return inverse.flatMap { s.change($0, undo: []) }
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
    return s.change(op, undo: [.removeActivity(node: node.id, activity: activity.id)])
  case .character("-"):
    guard let last = node.quota?.activities.last else {
      s.message = s.words.noActivity
      return []
    }
    let op = Operation.removeActivity(node: node.id, activity: last.id)
    return s.change(op, undo: [.addActivity(node: node.id, activity: last)])
  case .character("e"):
    s.mode = .prompt(.note(node.id), LineEditor(node.note))
  case .character("r"):
    // On a node with a problem in hand, advance it: open → fixed → closed.
    if let p = node.problems.first(where: { $0.state != .closed }) {
      let next: Problem.State = p.state == .open ? .fixed : .closed
      let op = Operation.setProblem(node: node.id, problem: p.id, state: next)
      return s.change(op, undo: [.setProblem(node: node.id, problem: p.id, state: p.state)])
    }
    s.mode = .prompt(.problem(node.id), LineEditor())
  default:
    break
  }
  return []
}

/// Structural edits: coordinators only.
private func structure(_ s: inout State, _ key: Key) -> [Effect] {
  guard s.config.role == .coordinator else {
    s.message = s.words.supervisorRefusal
    return []
  }
  guard let i = s.selected else {
    if key == .character("a") || key == .character("A") {
      // An empty campaign: the first node goes at the top level.
      s.mode = .prompt(.addSibling(""), LineEditor())
    }
    return []
  }
  let c = s.campaign
  let node = c.nodes[i]
  switch key {
  case .character("a"):
    // Said before a title is typed, not after.
    guard c.depth(i) + 1 < Campaign.maxDepth else {
      s.message = s.words.tooDeep
      return []
    }
    s.mode = .prompt(.addChild(node.id), LineEditor())
  case .character("A"): s.mode = .prompt(.addSibling(node.id), LineEditor())
  case .character("R"): s.mode = .prompt(.rename(node.id), LineEditor(node.title))
  case .character("D"): s.mode = .confirmDelete(node.id)
  case .character("d"): s.mode = .prompt(.due(node.id), LineEditor(node.due?.description ?? ""))
  case .character("U"):
    let names = ([node.lead].compactMap { $0 } + node.support).map(c.unitName)
    s.mode = .prompt(.units(node.id), LineEditor(names.joined(separator: "、")))
  case .character("K"), .character("J"):
    let siblings = c.siblings(of: i)
    let k = siblings.firstIndex(of: i)!
    let up = key == .character("K")
    guard up ? k > 0 : k + 1 < siblings.count else { return [] }
    let before = k > 0 ? c.nodes[siblings[k - 1]].id : nil
    let after: String? = up ? (k >= 2 ? c.nodes[siblings[k - 2]].id : nil) : c.nodes[siblings[k + 1]].id
    let op = Operation.moveNode(node: node.id, parent: node.parent, after: after)
    if up && k < 2 {
      // To the front: move the first sibling behind us instead.
      let first = c.nodes[siblings[0]].id
      let swap = Operation.moveNode(node: first, parent: node.parent, after: node.id)
      let effects = s.change(swap, undo: [.moveNode(node: node.id, parent: node.parent, after: first)])
      s.reveal(s.campaign.index[node.id]!)
      return effects
    }
    // Undo puts it back: after its old predecessor, or, from the front,
    // by moving the sibling it jumped over behind it again.
    let undo: Operation = before.map { .moveNode(node: node.id, parent: node.parent, after: $0) }
      ?? .moveNode(node: c.nodes[siblings[k + 1]].id, parent: node.parent, after: node.id)
    let effects = s.change(op, undo: [undo])
    s.reveal(s.campaign.index[node.id]!)
    return effects
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
  return s.change(op, undo: [.set(node: id, field: field, value: old)])
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

/// Whether a node matches a search (`query` lowercased): its title, its
/// units' names, its note.
func matches(_ c: Campaign, _ i: Int, _ query: String) -> Bool {
  if Search.contains(c.nodes[i].title, query) || Search.contains(c.nodes[i].note, query) { return true }
  if let lead = c.nodes[i].lead, Search.contains(c.unitName(lead), query) { return true }
  return c.nodes[i].support.contains { Search.contains(c.unitName($0), query) }
}

/// Moves the tree selection to the next (or previous) match in outline
/// order, wrapping, and unfolds what hides it.
@discardableResult
private func find(_ s: inout State, _ query: String, forward: Bool, includeCurrent: Bool) -> Bool {
  let c = s.campaign
  guard !c.nodes.isEmpty else { return false }
  // Step from the selection, so that finding the next match costs the
  // distance to it, not a walk of the whole tree.
  let query = query.lowercased()
  let start = s.selected ?? c.roots[0]
  var at = start
  if !includeCurrent || !forward { at = forward ? c.next(inPreorder: at) : c.previous(inPreorder: at) }
  for _ in 0..<c.nodes.count {
    if matches(c, at, query) {
      s.reveal(at)
      return true
    }
    at = forward ? c.next(inPreorder: at) : c.previous(inPreorder: at)
  }
  return false
}

extension State {
  /// The unit a typed name means: the one so named, or the only one whose
  /// name contains it (so "教育" finds 市教育局).
  func unit(named name: String) -> String? {
    if let exact = campaign.units.first(where: { $0.name == name }) { return exact.id }
    let partial = campaign.units.filter { $0.name.contains(name) }
    return partial.count == 1 ? partial[0].id : nil
  }

  /// A typed date: YYYY-MM-DD, or +N for N days from today.
  func day(from text: String) -> Day? {
    if text.hasPrefix("+"), let n = Int(text.dropFirst()), n >= 0, n < 100_000 {
      return config.today.adding(days: n)
    }
    return Day(iso: text)
  }
}
