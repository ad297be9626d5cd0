import Domain
import Presentation
import TextScreen

/// The node card: one node in full on the whole screen, scrolling — at
/// 80×24 the detail pane beside the tree stops at the note. Enter opens
/// it; its problems are moved on from here, each with a confirmation.
extension State {
  mutating func openCard() {
    guard let i = selected else { return }
    mode = .card(campaign.nodes[i].id, scroll: 0)
  }
}

/// What a problem's next step is: fixed (待复查), then closed after the
/// re-check; a closed one is reopened.
func nextState(_ p: Problem) -> Problem.State {
  switch p.state {
  case .open: return .fixed
  case .fixed: return .closed
  case .closed: return .open
  }
}

/// A key while the card is open.
func cardKey(_ s: inout State, _ key: Key, _ id: String, _ scroll: Int) -> [Effect] {
  guard let i = s.campaign.index[id] else {
    s.mode = .normal
    return []
  }
  let page = max(1, s.height - 3)
  let count = nodeLines(s, i, width: max(1, s.width - 2), full: true).count
  let most = max(0, count - page)
  switch key {
  case .escape, .enter, .left, .character("q"), .character("h"):
    s.mode = .normal
  case .down, .character("j"): s.mode = .card(id, scroll: min(most, scroll + 1))
  case .up, .character("k"): s.mode = .card(id, scroll: max(0, scroll - 1))
  case .pageDown, .character(" "): s.mode = .card(id, scroll: min(most, scroll + page))
  case .pageUp: s.mode = .card(id, scroll: max(0, scroll - page))
  case .home, .character("g"): s.mode = .card(id, scroll: 0)
  case .end, .character("G"): s.mode = .card(id, scroll: most)
  case .character("E"):
    // A file as evidence: its path, then a caption.
    guard !s.config.readOnly else {
      s.message = s.words.readOnlyRefusal
      break
    }
    s.mode = .prompt(.evidencePath(id), LineEditor())
  case .character("r"):
    // Another problem: as many as the inspection finds.
    guard !s.config.readOnly else {
      s.message = s.words.readOnlyRefusal
      break
    }
    s.mode = .prompt(.problem(id), LineEditor())
  case .character(let c) where ("1"..."9").contains(c):
    let k = Int(String(c))! - 1
    let problems = s.campaign.nodes[i].problems
    guard k < problems.count else { break }
    s.mode = .confirmProblem(id, problem: problems[k].id, scroll: scroll)
  default:
    break
  }
  return []
}

/// y moves the problem on, o reopens it, n or Esc leaves it.
func confirmProblemKey(_ s: inout State, _ key: Key, _ id: String, _ problem: String, _ scroll: Int) -> [Effect] {
  s.mode = .card(id, scroll: scroll)
  guard let i = s.campaign.index[id], let p = s.campaign.nodes[i].problems.first(where: { $0.id == problem }) else { return [] }
  let to: Problem.State
  switch key {
  case .character("y"), .character("Y"): to = nextState(p)
  case .character("o") where p.state != .open: to = .open
  default: return []
  }
  guard !s.config.readOnly else {
    s.message = s.words.readOnlyRefusal
    return []
  }
  let effects = s.change(.setProblem(node: id, problem: problem, state: to), undo: [.setProblem(node: id, problem: problem, state: p.state)])
  s.mode = .card(id, scroll: scroll)
  s.message = s.words.problemMoved(p.text, to.label(s.config.lang))
  return effects
}

/// The card on the whole screen, its keys on the last line (or the
/// question of a confirmation, or what a key did).
func drawCard(_ s: State, _ screen: inout Screen, _ id: String, _ scroll: Int, confirming problem: String?) {
  guard let i = s.campaign.index[id], s.height >= 2 else { return }
  let lines = nodeLines(s, i, width: max(1, s.width - 2), full: true)
  let page = max(1, s.height - 2)
  screen.put(" " + s.words.cardTitle(s.campaign.code(i)), row: 0, col: 0, style: Style(bold: true, reverse: true), limit: s.width)
  screen.paint(row: 0, col: 0, count: s.width, style: Style(bold: true, reverse: true))
  for (k, (text, style)) in lines.dropFirst(scroll).prefix(page).enumerated() {
    screen.put(text, row: 1 + k, col: 1, style: style, limit: s.width - 1)
  }
  let row = s.height - 1
  let lang = s.config.lang
  if let problem, let p = s.campaign.nodes[i].problems.first(where: { $0.id == problem }) {
    screen.put(s.words.confirmProblem(p.text, from: p.state.label(lang), to: nextState(p).label(lang), reopen: p.state != .open),
               row: row, col: 0, style: Style(color: .yellow, bold: true), limit: s.width)
  } else if let m = s.message {
    screen.put(m, row: row, col: 0, style: Style(color: .yellow, bold: true), limit: s.width)
  } else {
    let more = lines.count > scroll + page ? " ↓" : ""
    // As many keys as fit, and always how to leave.
    let keys = s.words.cardKeys
    let last = keys.last! + more
    var line = ""
    for key in keys.dropLast() where DisplayWidth.of(line + key + "  " + last) <= s.width { line += key + "  " }
    screen.put(line + last, row: row, col: 0, style: .dim, limit: s.width)
  }
}
