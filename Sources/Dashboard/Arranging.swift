import Domain
import Presentation

// A list view's rows and the progress chart, made between keys a slice at
// a time (`TableWork`, `Pace.Work`) when the campaign is larger than a
// key's budget, as a search and a filter are (Slices.swift says why: no
// snapshot of the campaign, so a change made meanwhile copies nothing).
// The screen says 整理中… with how far it has got; Esc leaves the view;
// a change or a reload starts the rows again when they are next shown.

/// What the state works on between keys: at most one search and one
/// filter, the rows of the list views asked for, and the progress chart.
struct Waiting {
  var search: SearchWork?
  var filter: FilterWork?
  /// The rows being made for each view asked for, with the campaign's
  /// generation they were begun on.
  var lists: [ViewKind: (work: TableWork, generation: Int)] = [:]
  /// The progress chart being counted, with the journal's length and the
  /// weeks it was begun for.
  var pace: (work: Pace.Work, generation: Int, events: Int, weeks: Int)?
}

extension State {
  /// What the screen is waiting for, if anything: said in the footer.
  var busy: String? {
    if let w = waiting.search {
      return words.searching(w.total > 0 ? Double(w.done) / Double(w.total) : 0)
    }
    if let f = waiting.filter { return words.filtering(f.fraction) }
    if view != .tree && rowsPending(view) { return words.arranging(arrangingFraction) }
    return nil
  }

  /// How far the shown view's rows (or chart) have got.
  private var arrangingFraction: Double {
    view == .progress ? waiting.pace?.work.fraction ?? 0 : waiting.lists[view]?.work.fraction ?? 0
  }

  /// Whether the view's rows are not made yet.
  func rowsPending(_ v: ViewKind) -> Bool {
    switch v {
    case .tree: return false
    case .progress: return paceCache?.weeks.count != paceWeeks
    default: return listCache[v] == nil
    }
  }

  /// Whether a list view's rows or the chart wait for slices.
  var arrangingLeft: Bool { !waiting.lists.isEmpty || waiting.pace != nil }

  /// Makes the current view's rows if they are missing: at once when the
  /// campaign is small enough for a key (`workPerKey`), else begins them,
  /// to be made between keys (`arrangeSlice`).
  mutating func prepareView() {
    let v = view
    guard rowsPending(v) else { return }
    if v == .progress {
      let weeks = paceWeeks
      if campaign.nodes.count + history.count <= workPerKey {
        paceCache = Pace(campaign, events: history, today: config.today, count: weeks)
        return
      }
      if let p = waiting.pace, p.generation == generation, p.events == history.count, p.weeks == weeks { return }
      waiting.pace = (Pace.Work(campaign, events: history.count, today: config.today, count: weeks), generation, history.count, weeks)
      return
    }
    guard let kind = State.tableKind(v) else { return }
    if campaign.nodes.count <= workPerKey {
      setRows(v, Table.make(kind, campaign, today: config.today, lang: config.lang).rows)
      return
    }
    if let w = waiting.lists[v], w.generation == generation { return }
    waiting.lists[v] = (TableWork(kind, campaign, today: config.today, lang: config.lang), generation)
  }

  /// One slice of the rows waited for: the shown view's first, then any
  /// other begun (so that going back to it finds them made).
  mutating func arrangeSlice() {
    if view == .progress && waiting.pace != nil {
      paceSlice()
    } else if let v = waiting.lists[view] != nil ? view : waiting.lists.keys.min(by: { $0.rawValue < $1.rawValue }) {
      listSlice(v)
    } else if waiting.pace != nil {
      paceSlice()
    }
  }

  private mutating func listSlice(_ v: ViewKind) {
    // Taken out while it grows, so that its arrays are never shared.
    guard var w = waiting.lists.removeValue(forKey: v), w.generation == generation else { return }
    if let table = w.work.advance(campaign, budget: sliceNodes) {
      setRows(v, table.rows)
    } else {
      waiting.lists[v] = w
    }
  }

  private mutating func paceSlice() {
    guard var p = waiting.pace else { return }
    waiting.pace = nil
    guard p.generation == generation, p.events == history.count, p.weeks == paceWeeks else { return }
    if let pace = p.work.advance(campaign, events: history, budget: sliceNodes) {
      paceCache = pace
    } else {
      waiting.pace = p
    }
  }

  /// The rows of a list view have come: put back the selection a reload
  /// kept (by node), and keep the cursor in range.
  mutating func setRows(_ v: ViewKind, _ rows: [Table.Row]) {
    listCache[v] = rows
    if let i = keepSelection.removeValue(forKey: v), let row = rows.firstIndex(where: { $0.node == i }) {
      cursors[v] = row
    }
    if let c = cursors[v] { cursors[v] = max(0, min(c, rows.count - 1)) }
  }

  /// The campaign changed (a change, a reload): work begun read another
  /// tree. Rows and the chart are made again when shown; a search stops,
  /// saying so; a filter starts again at its next slice.
  mutating func campaignChanged() {
    generation += 1
    // Nodes may have moved: a selection kept by position means nothing now.
    keepSelection = [:]
    listCache = [:]
    paceCache = nil
    waiting.lists = [:]
    waiting.pace = nil
    if waiting.search != nil {
      waiting.search = nil
      message = words.searchStopped
    }
  }
}
