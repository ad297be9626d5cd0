import Domain
import TextScreen

/// Applies an action to the state; returns what the app loop must do.
/// Each mode's keys are in the file named for it: NormalKeys, Changes,
/// Prompts, Searching, FilterMenu; work too long for a key, in slices
/// between keys (Slices, Arranging).
public func update(_ state: inout State, _ action: Action) -> [Effect] {
  var effects: [Effect] = []
  switch action {
  case .resize(let w, let h):
    state.width = max(0, w)
    state.height = max(0, h)
  case .recorded(let event):
    state.recorded(event)
  case .saveFailed(let why, let next):
    state.message = state.words.saveFailed(why)
    state.stamper = next
  case .reloaded(let campaign, let history, let stamper, let readOnly):
    let wasReadOnly = state.config.readOnly
    state.replace(campaign, history: history, stamper: stamper, readOnly: readOnly)
    if wasReadOnly && !readOnly { state.message = state.words.nowWritable }
  case .slice:
    state.slice()
  case .kept(let node, let name, let caption, let hash, let size):
    let e = Evidence(hash: hash, node: node, name: name, size: size, caption: caption, added: state.config.today)
    effects = state.change(.addEvidence(e), undo: [])
    state.message = state.words.evidenceKept(name)
  case .notKept(let why):
    state.message = state.words.evidenceNotKept(why)
  case .key(let key):
    state.message = nil
    effects = handle(&state, key)
  }
  // Whatever happened, the view on screen gets its rows: made now, or
  // begun, to be made between keys while the screen says so.
  state.prepareView()
  return effects
}

/// A key goes to what the keyboard is talking to.
private func handle(_ s: inout State, _ key: Key) -> [Effect] {
  switch s.mode {
  case .help(let scroll):
    helpKey(&s, key, scroll)
    return []
  case .roundScores(let scroll):
    roundScoresKey(&s, key, scroll)
    return []
  case .search(let editor, let origin, let expanded):
    return searchKey(&s, key, editor, origin: origin, expanded: expanded)
  case .prompt(let prompt, let editor):
    return promptKey(&s, key, prompt, editor)
  case .confirmDelete(let id):
    return confirmDeleteKey(&s, key, id)
  case .filterMenu(let highlighted):
    filterMenuKey(&s, key, highlighted)
    return []
  case .confirmNewUnits(let id, let text, let new):
    return confirmNewUnitsKey(&s, key, id, text, new)
  case .confirmStatus(let id, let to):
    return confirmStatusKey(&s, key, id, to)
  case .card(let id, let scroll):
    return cardKey(&s, key, id, scroll)
  case .confirmProblem(let id, let problem, let scroll):
    return confirmProblemKey(&s, key, id, problem, scroll)
  case .kindMenu(let id, let highlighted):
    return kindMenuKey(&s, key, id, highlighted)
  case .confirmMergeUnit(let from, let into, let tasks):
    return confirmMergeUnitKey(&s, key, from, into, tasks: tasks)
  case .orderMenu(let id, let highlighted):
    return orderMenuKey(&s, key, id, highlighted)
  case .scoring(let point, let at):
    return scoringKey(&s, key, point, at)
  case .normal:
    return normalKey(&s, key)
  }
}
