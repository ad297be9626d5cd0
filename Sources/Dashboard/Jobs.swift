import Domain

/// Work too long for a key, described as a value: a list view's rows, the
/// progress chart (searches and filters run in slices on the loop's
/// thread instead: Slices.swift says why). `update` returns it
/// as `Effect.start`; the app loop runs it off the key path (`run`, on a
/// snapshot of the campaign) and sends back `.progress` and `.finished`;
/// meanwhile the screen says it is working and every key still answers.
///
/// A result is used only when the state still waits for that job and the
/// campaign is the one the job read (`generation`, bumped by every change
/// and reload): an answer about another tree is dropped, never applied.
public struct Job: Sendable, Equatable {
  public let id: Int
  let generation: Int
  let work: Work

  enum Work: Sendable {
    case list(ViewKind, Campaign, today: Day, lang: Lang)
    case pace(Campaign, History, today: Day, weeks: Int)
  }

  /// Does the work. `progress` is for work that can report how far it
  /// has got (none does now: a table is made in one call); when it
  /// returns false the job stops and returns nil (no one waits for it).
  public func run(progress: (_ done: Int, _ total: Int) -> Bool = { _, _ in true }) -> JobResult? {
    let outcome: JobResult.Outcome
    switch work {
    case .list(let v, let c, let today, let lang):
      outcome = .rows(v, State.listRows(v, c, today: today, lang: lang))
    case .pace(let c, let events, let today, let weeks):
      outcome = .pace(Pace(c, events: events, today: today, count: weeks))
    }
    return JobResult(id: id, generation: generation, outcome: outcome)
  }

  public static func == (a: Job, b: Job) -> Bool { a.id == b.id && a.generation == b.generation }
}

/// What a job found, for `Action.finished`.
public struct JobResult: Sendable {
  public let id: Int
  let generation: Int
  let outcome: Outcome

  enum Outcome: Sendable {
    case rows(ViewKind, [ListRow])
    case pace(Pace)
  }
}

/// What the state waits for: at most one search and one filter (worked
/// on in slices, Slices.swift), and the rows of the views asked for (one
/// job each), with how far each has got.
struct Waiting {
  var search: SearchWork?
  var filter: FilterWork?
  /// View → (job, generation).
  var lists: [ViewKind: (id: Int, generation: Int)] = [:]
  /// The progress chart's job, with the journal's length and the weeks it
  /// was asked for.
  var pace: (id: Int, generation: Int, events: Int, weeks: Int)?
}

extension State {
  /// Whether the state still wants job `id`'s answer: the app loop stops
  /// a job that it does not.
  public func awaits(_ id: Int) -> Bool {
    if let p = waiting.pace, p.id == id {
      return p.generation == generation && p.events == history.count && p.weeks == paceWeeks
    }
    return waiting.lists.values.contains { $0.id == id && $0.generation == generation }
  }

  /// What the screen is waiting for, if anything: said in the footer.
  var busy: String? {
    if let w = waiting.search {
      return words.searching(w.total > 0 ? Double(w.done) / Double(w.total) : 0)
    }
    if let f = waiting.filter { return words.filtering(f.fraction) }
    if view != .tree && rowsPending(view) { return words.arranging }
    return nil
  }

  /// Whether the view's rows are not made yet (a job is making them).
  func rowsPending(_ v: ViewKind) -> Bool {
    switch v {
    case .tree: return false
    case .progress: return paceCache?.weeks.count != paceWeeks
    default: return listCache[v] == nil
    }
  }

  mutating func nextJob(_ work: Job.Work) -> Job {
    jobs += 1
    return Job(id: jobs, generation: generation, work: work)
  }

  /// Makes the current view's rows if they are missing: at once when the
  /// campaign is small enough for a key (`workPerKey`), else as a job,
  /// unless one is already making them.
  mutating func prepareView() -> [Effect] {
    let v = view
    guard rowsPending(v) else { return [] }
    if v == .progress {
      let weeks = paceWeeks
      if campaign.nodes.count + history.count <= workPerKey {
        paceCache = Pace(campaign, events: history, today: config.today, count: weeks)
        return []
      }
      if let p = waiting.pace, p.generation == generation, p.events == history.count, p.weeks == weeks { return [] }
      let job = nextJob(.pace(campaign, history, today: config.today, weeks: weeks))
      waiting.pace = (job.id, generation, history.count, weeks)
      return [.start(job)]
    }
    if campaign.nodes.count <= workPerKey {
      setRows(v, State.listRows(v, campaign, today: config.today, lang: config.lang))
      return []
    }
    if let w = waiting.lists[v], w.generation == generation { return [] }
    let job = nextJob(.list(v, campaign, today: config.today, lang: config.lang))
    waiting.lists[v] = (job.id, generation)
    return [.start(job)]
  }

  /// Takes a job's answer if it is still wanted; drops it otherwise.
  mutating func finished(_ r: JobResult) {
    guard awaits(r.id), r.generation == generation else { return }
    switch r.outcome {
    case .rows(let v, let rows):
      waiting.lists[v] = nil
      setRows(v, rows)
    case .pace(let pace):
      // `awaits` checked that nothing was recorded since it began and that
      // the width still shows as many weeks.
      waiting.pace = nil
      paceCache = pace
    }
  }

  /// The rows of a list view have come: put back the selection a reload
  /// kept (by node), and keep the cursor in range.
  mutating func setRows(_ v: ViewKind, _ rows: [ListRow]) {
    listCache[v] = rows
    if let i = keepSelection.removeValue(forKey: v), let row = rows.firstIndex(where: { $0.node == i }) {
      cursors[v] = row
    }
    if let c = cursors[v] { cursors[v] = max(0, min(c, rows.count - 1)) }
  }

  /// The campaign changed (a change, a reload): every job under way read
  /// another tree. Rows and the chart are made again when shown; a search
  /// stops, saying so; a filter starts again at its next slice.
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
