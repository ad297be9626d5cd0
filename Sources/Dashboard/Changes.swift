import Domain
import Presentation
import TextScreen

// Keys that change the campaign: each change is stamped, applied and
// handed to the app loop to journal (`State.change`).

/// Read-only (another chuangwen has the workspace, or the folder cannot
/// be written): every change is refused, saying why.
func refuseReadOnly(_ s: inout State) -> [Effect] {
  s.message = s.words.readOnlyRefusal
  return []
}

/// Changes, each one recorded at once.
func edit(_ s: inout State, _ key: Key) -> [Effect] {
  if key == .character("u") {
    guard let inverse = s.undoStack.popLast() else {
      s.message = s.words.nothingToUndo
      return []
    }
    s.message = s.words.undone
    return s.undo(inverse)
  }
  guard let i = s.selected else { return [] }
  let node = s.campaign.nodes[i]
  switch key {
  case .character(" "), .character("x"):
    let to = key == .character("x") ? Status.done : node.status.next
    // A parent marked done while work below it is open, or a quota not
    // reached (0/12 would show ✓ and 100%): asked first.
    let quotaShort = node.quota.map { $0.target > 0 && $0.count < $0.target } ?? false
    if to == .done, quotaShort || !s.campaign.childrenOf[i].isEmpty && s.rollup.fraction[i] < 1 {
      s.mode = .confirmStatus(node.id, to)
      return []
    }
    return set(&s, node.id, .status, .text(to.rawValue))
  case .character("+"), .character("="):
    guard let quota = node.quota else {
      s.message = s.words.noQuota
      return []
    }
    let activity = Activity(id: s.newID(), date: s.config.today)
    // A quota's status follows its count: the first activity starts it,
    // reaching the target completes it (a status set by hand stays).
    let to = Quota.status(after: quota.count + activity.count, target: quota.target, from: node.status)
    // One undo takes back both.
    var undo: [Operation] = [.removeActivity(node: node.id, activity: activity.id)]
    if to != nil { undo.insert(.set(node: node.id, field: .status, value: .text(node.status.rawValue)), at: 0) }
    var effects = s.change(.addActivity(node: node.id, activity: activity), undo: undo)
    if let to { effects += s.change(.set(node: node.id, field: .status, value: .text(to.rawValue)), undo: []) }
    s.message = s.words.activityLogged(NodeFacts.quota(s.campaign.nodes[i].quota ?? quota))
    return effects
  case .character("-"):
    guard let last = node.quota?.activities.last else {
      s.message = s.words.noActivity
      return []
    }
    let op = Operation.removeActivity(node: node.id, activity: last.id)
    return s.change(op, undo: [.addActivity(node: node.id, activity: last)])
  case .character("e"):
    s.mode = .prompt(.note(node.id), LineEditor(node.note, selected: true))
  case .character("i"):
    guard let ind = node.indicator else {
      s.message = s.words.notIndicator
      return []
    }
    s.mode = .prompt(.current(node.id), LineEditor(ind.current ?? "", selected: true))
  case .character("S"):
    // A site's facts, one prompt each: who visits it may correct them.
    s.askSite(node.id, siteFields[0])
  case .character("r"):
    // Another problem, as many as an inspection finds; each is moved on
    // from the node card (Enter), with a confirmation.
    s.mode = .prompt(.problem(node.id), LineEditor())
  default:
    break
  }
  return []
}

/// Structural edits: coordinators only.
func structure(_ s: inout State, _ key: Key) -> [Effect] {
  guard s.config.role == .coordinator else {
    s.message = s.words.supervisorRefusal
    return []
  }
  if key == .character("C") {
    // The plan itself, whatever is selected.
    s.askPlanTitle()
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
  case .character("R"): s.mode = .prompt(.rename(node.id), LineEditor(node.title, selected: true))
  case .character("T"): s.chooseKind(i)
  case .character("Q"): s.askQuota(i)
  case .character("B"): s.askStandard(node.id, node.standard ?? StandardFacts(points: 0), .points)
  case .character("D"): s.mode = .confirmDelete(node.id)
  case .character("d"): s.mode = .prompt(.due(node.id), LineEditor(node.due?.description ?? "", selected: true))
  case .character("U"):
    let names = ([node.lead].compactMap { $0 } + node.support).map(c.unitName)
    s.mode = .prompt(.units(node.id), LineEditor(names.joined(separator: "、"), selected: true))
  case .character("X"):
    // Cut: the node, with what is below it, goes where P puts it.
    s.cut = node.id
    s.message = s.words.cutNode(c.code(i), node.title)
  case .character("P"):
    // Paste: the cut node becomes the last child of the selected one.
    guard let cut = s.cut, let from = c.index[cut] else {
      s.message = s.words.nothingCut
      return []
    }
    guard from != i, !c.isAncestor(from, of: i) else {
      s.message = s.words.cannotPasteUnderItself
      return []
    }
    let siblings = c.siblings(of: from)
    let k = siblings.firstIndex(of: from)!
    let back: Operation = .moveNode(node: cut, parent: c.nodes[from].parent, after: k > 0 ? c.nodes[siblings[k - 1]].id : nil)
    // Back to the front of its siblings: it goes last, then they do, in order.
    var undo = [back]
    if k == 0, siblings.count > 1 {
      undo += siblings.dropFirst().map { .moveNode(node: c.nodes[$0].id, parent: c.nodes[from].parent, after: nil) }
    }
    let effects = s.change(.moveNode(node: cut, parent: node.id, after: nil), undo: undo)
    if let moved = s.campaign.index[cut] {
      s.cut = nil
      s.reveal(moved)
      s.message = s.words.pasted(s.campaign.code(moved))
    } else {
      s.message = s.words.tooDeep
    }
    return effects
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
func set(_ s: inout State, _ id: String, _ field: Field, _ value: FieldValue) -> [Effect] {
  guard let i = s.campaign.index[id] else { return [] }
  let old = s.campaign.nodes[i].value(of: field)
  if old == value { return [] }
  let op = Operation.set(node: id, field: field, value: value)
  return s.change(op, undo: [.set(node: id, field: field, value: old)])
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
  // The rest in outline order: each parent back before its children.
  restore += c.subtree(of: i).dropFirst().map { .addNode(node: c.nodes[$0], after: nil) }
  let op = Operation.removeNode(node: id)
  return s.change(op, undo: restore)
}

/// Done, with work below open? y/n.
func confirmStatusKey(_ s: inout State, _ key: Key, _ id: String, _ to: Status) -> [Effect] {
  s.mode = .normal
  guard key == .character("y") || key == .character("Y") else { return [] }
  return set(&s, id, .status, .text(to.rawValue))
}

func drawConfirmStatus(_ s: State, _ screen: inout Screen, _ id: String, _ to: Status) {
  guard let i = s.campaign.index[id] else { return }
  let question: String
  if s.campaign.childrenOf[i].isEmpty, let q = s.campaign.nodes[i].quota {
    question = s.words.confirmDoneShort(s.campaign.code(i), NodeFacts.quota(q), to.label(s.config.lang))
  } else {
    let open = Int((Double(s.rollup.leaves[i]) * (1 - s.rollup.fraction[i])).rounded(.up))
    question = s.words.confirmDone(s.campaign.code(i), open, to.label(s.config.lang))
  }
  screen.put(question, row: s.height - 1, col: 0, style: Style(color: .yellow, bold: true), limit: s.width)
}

/// Delete? y/n: only y (or Y) deletes.
func confirmDeleteKey(_ s: inout State, _ key: Key, _ id: String) -> [Effect] {
  s.mode = .normal
  guard key == .character("y") || key == .character("Y") else { return [] }
  return delete(&s, id)
}

/// The question, in the footer, with how many nodes go with the node.
func drawConfirmDelete(_ s: State, _ screen: inout Screen, _ id: String) {
  guard let i = s.campaign.index[id] else { return }
  let below = s.campaign.subtree(of: i).count - 1
  screen.put(s.words.confirmDelete(s.campaign.nodes[i].title, below), row: s.height - 1, col: 0,
             style: Style(color: .red, bold: true))
}
