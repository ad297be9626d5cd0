import Domain
import Presentation
import TextScreen

// View 3 (按单位) is also where units are managed: every unit of the plan,
// those with no task too, with what it leads and supports. A coordinator
// adds (a), renames (R) and merges (M) units here; Enter shows a unit's
// tasks in the tree.

extension State {
  /// The unit the selection stands on in view 3.
  public var selectedUnit: String? {
    guard view == .units else { return nil }
    let rows = listRows(.units)
    guard rows.indices.contains(cursor) else { return nil }
    let row = rows[cursor]
    return Table.unit(of: row)
  }
}

/// Keys of view 3 that act on units; nil for the keys it leaves to the
/// rest of the dashboard.
func unitKey(_ s: inout State, _ key: Key) -> [Effect]? {
  switch key {
  case .enter:
    // The unit's tasks: the tree, filtered by it.
    guard let id = s.selectedUnit else { return [] }
    s.apply(.unit(s.campaign.unitName(id)))
    return []
  case .character("a"), .character("A"), .character("R"), .character("M"):
    if s.config.readOnly { return refuseReadOnly(&s) }
    guard s.config.role == .coordinator else {
      s.message = s.words.supervisorRefusal
      return []
    }
    if key == .character("a") || key == .character("A") {
      s.mode = .prompt(.newUnit, LineEditor())
      return []
    }
    guard let id = s.selectedUnit else { return [] }
    if key == .character("R") {
      s.mode = .prompt(.renameUnit(id), LineEditor(s.campaign.unitName(id), selected: true))
    } else {
      s.mode = .prompt(.mergeUnit(id), LineEditor())
    }
    return []
  default:
    return nil
  }
}

/// The answers of the unit prompts.
func answerUnitEdit(_ s: inout State, _ prompt: Prompt, _ text: String) -> [Effect] {
  guard !text.isEmpty else {
    s.refuse(s.words.needsText)
    return []
  }
  let c = s.campaign
  switch prompt {
  case .newUnit:
    guard !c.units.contains(where: { $0.name == text }) else {
      s.refuse(s.words.unitExists(text))
      return []
    }
    let effects = s.change(.addUnit(unit: Domain.Unit(id: s.newID(), name: text)), undo: [])
    s.message = s.words.unitAdded(text)
    // The plan's units come first in view 3, in their order: the new one
    // is the last of them.
    s.cursors[.units] = s.campaign.units.count - 1
    return effects
  case .renameUnit(let id):
    let was = c.unitName(id)
    guard text != was else { return [] }
    guard !c.units.contains(where: { $0.name == text && $0.id != id }) else {
      s.refuse(s.words.unitNameTaken(text))
      return []
    }
    let effects = s.change(.renameUnit(unit: Domain.Unit(id: id, name: text)), undo: [.renameUnit(unit: Domain.Unit(id: id, name: was))])
    s.message = s.words.unitRenamed(was, text)
    return effects
  case .mergeUnit(let id):
    let found = c.units(named: text)
    guard found.count == 1 else {
      s.refuse(found.isEmpty ? s.words.unknownUnit(text) : s.words.ambiguousUnit(text, found.map(\.name)))
      return []
    }
    guard found[0].id != id else {
      s.refuse(s.words.mergeIntoItself)
      return []
    }
    s.mode = .confirmMergeUnit(id, into: found[0].id, tasks: c.tasks(of: id))
    return []
  default:
    return []
  }
}

/// Merge? y merges (one undo takes it back), anything else leaves it.
func confirmMergeUnitKey(_ s: inout State, _ key: Key, _ from: String, _ into: String, tasks: Int) -> [Effect] {
  s.mode = .normal
  guard key == .character("y") || key == .character("Y") else { return [] }
  // All read before the first change, in a scope of its own: a copy of
  // the campaign still held then would make that change copy every node
  // (40 ms at a million).
  let ops: [Operation], undo: [Operation], message: String
  do {
    let c = s.campaign
    ops = c.merging(unit: from, into: into)
    // What each node had, put back by one undo.
    undo = ops.map { op in
      guard case .set(let node, let field, _) = op, let i = c.index[node] else { return op }
      return .set(node: node, field: field, value: c.nodes[i].value(of: field))
    }
    message = s.words.unitsMerged(c.unitName(from), c.unitName(into), tasks)
  }
  var effects: [Effect] = []
  for (k, op) in ops.enumerated() { effects += s.change(op, undo: k == 0 ? undo : []) }
  s.message = message
  return effects
}

func drawConfirmMergeUnit(_ s: State, _ screen: inout Screen, _ from: String, _ into: String, tasks: Int) {
  let c = s.campaign
  screen.put(s.words.confirmMerge(c.unitName(from), c.unitName(into), tasks), row: s.height - 1, col: 0,
             style: Style(color: .yellow, bold: true), limit: s.width)
}

/// View 3's pane: the selected unit and its counts (from its row), and
/// what the keys do with it; a unit's tasks are Enter away.
func drawUnitDetail(_ s: State, _ screen: inout Screen, row: Int, col: Int, width: Int, height: Int) {
  let rows = s.listRows(.units)
  guard rows.indices.contains(s.cursor), let id = s.selectedUnit else { return }
  let cells = rows[s.cursor].cells
  guard cells.count >= 6 else { return }
  let lines = [(" " + s.campaign.unitName(id), Style.bold),
               (" " + s.words.unitCounts(leads: cells[1], supports: cells[2], done: cells[3], overdue: cells[4]), Style.plain),
               (" " + s.words.unitKeys(coordinator: s.config.role == .coordinator), Style.dim)]
  for (k, (text, style)) in lines.enumerated() where k < height {
    screen.put(text, row: row + k, col: col, style: style, limit: width)
  }
}
