import ArgumentParser
import Dashboard
import Domain
import Platform
import TextScreen
import WorkspaceFiles

/// Measurements taken inside the process, for Scripts/benchmark: loading,
/// each kind of keystroke through the real update and view, journal
/// appends and replay. It writes into the workspace it is given.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time keystrokes, appends and replay (for Scripts/benchmark); prints one JSON object.")

  @Argument(help: "A workspace to measure (appends are written to its journal of device \"bench\").")
  var dir: String

  @Option(help: "Repetitions of each measurement.")
  var times: Int = 200

  @Option(help: "The date deadlines are counted from (YYYY-MM-DD). Default: $CHUANGWEN_TODAY, else today.")
  var today: String?

  @OptionGroup var lock: LockOptions

  func validate() throws {
    guard times >= 1 else { throw ValidationError("--times \(times): expected 1 or more") }
    if let today, Day(iso: today) == nil { throw ValidationError("--today \(today): expected a date YYYY-MM-DD") }
  }

  static func now() -> UInt64 { Clock.nanoseconds }

  /// Median and worst of `n` runs of `body`, in milliseconds.
  func time(_ n: Int, _ body: (Int) throws -> Void) rethrows -> (median: Double, worst: Double) {
    var samples: [UInt64] = []
    samples.reserveCapacity(n)
    for k in 0..<n {
      let t = Bench.now()
      try body(k)
      samples.append(Bench.now() - t)
    }
    samples.sort()
    return (Double(samples[samples.count / 2]) / 1e6, Double(samples.last!) / 1e6)
  }

  func run() throws {
    try reporting {
      var out: [(String, Double)] = []
      let t0 = Bench.now()
      // It appends notes: a writer like any other, so it takes the lock.
      let ws = try Workspace.open(dir, lock: lock.request("bench"))
      out.append(("open_ms", Double(Bench.now() - t0) / 1e6))
      let t1 = Bench.now()
      let config = DashboardConfig(lang: .zh, role: .coordinator, user: "bench", device: "bench",
                                   today: Clock.day(today), readOnly: false, idPrefix: "bench")
      var state = State(campaign: ws.handOver(), history: ws.events, config: config)
      _ = update(&state, .resize(width: 120, height: 40))
      _ = view(state, width: 120, height: 40)
      out.append(("first_view_ms", Double(Bench.now() - t1) / 1e6))

      /// The longest slice (update and view of one `.slice`) seen: a key
      /// that comes during a slice waits for it.
      var worstSlice: UInt64 = 0

      /// Runs the slices of work a key left (a search, a filter, a list
      /// view's rows, the chart), as the app loop would between keys: the
      /// milliseconds they took in all (update and view of each), and those
      /// of the last, whose frame shows the answer.
      @discardableResult
      func settle(_ s: inout State) -> (job: Double, answer: Double) {
        var job: UInt64 = 0, answer: UInt64 = 0
        while s.hasSlices {
          let t = Bench.now()
          _ = update(&s, .slice)
          _ = view(s, width: 120, height: 40)
          let took = Bench.now() - t
          job += took
          answer = took
          worstSlice = max(worstSlice, took)
        }
        return (Double(job) / 1e6, Double(answer) / 1e6)
      }
      /// A key, then the slices of work it left.
      func settled(_ key: Key) {
        _ = update(&state, .key(key))
        settle(&state)
      }
      /// The footer of `s`'s screen, where the dashboard says what it did.
      func footer(_ s: State) -> String { view(s, width: 120, height: 40).lines.last! }
      func changes(_ effects: [Effect]) -> Bool {
        effects.contains { if case .record = $0 { true } else { false } }
      }
      /// A key and the view that follows on `s`; when the key clocked was
      /// sent. A mark (`answering`) done with its quota short asks first:
      /// its answer is then the key clocked, and a mark that changes
      /// nothing stops the run. (A question left open took the keys after
      /// it: at 10,000 nodes the filter stayed on, and the structural
      /// edits deleted the plan's tasks.)
      func press(_ key: Key, _ s: inout State, answering: Bool) -> UInt64 {
        var t = Bench.now()
        var effects = update(&s, .key(key))
        if answering && !changes(effects) {
          t = Bench.now()
          effects = update(&s, .key(.character("y")))
        }
        _ = view(s, width: 120, height: 40)
        if answering && !changes(effects) {
          fatalError("the mark changed nothing: \(footer(s))")
        }
        return t
      }

      /// A key's time on screen: its update and the view that follows.
      /// Work it hands off is done after the clock stops.
      func keys(_ name: String, answering: Bool = false, _ key: (Int) -> Key) {
        var samples: [UInt64] = []
        for k in 0..<times {
          let t = press(key(k), &state, answering: answering)
          samples.append(Bench.now() - t)
          settle(&state)
        }
        samples.sort()
        out.append((name + "_ms", Double(samples[samples.count / 2]) / 1e6))
        out.append((name + "_worst_ms", Double(samples.last!) / 1e6))
      }

      /// A slow key: on screen, then the work it handed off (`_job_ms`)
      /// and the frame of its answer (`_answer_ms`), medians of `runs`.
      /// On a copy of the state each time, unless the key changes the
      /// campaign: a copy would share the tree, and the change copy it.
      func slow(_ name: String, _ key: Key, runs: Int, copy: Bool = true, answering: Bool = false,
                prepare: (inout State) -> Void = { _ in }) {
        var screen: [Double] = [], job: [Double] = [], answer: [Double] = []
        let worstBefore = worstSlice
        worstSlice = 0
        defer { worstSlice = max(worstSlice, worstBefore) }
        func measure(_ s: inout State) {
          let t = press(key, &s, answering: answering)
          screen.append(Double(Bench.now() - t) / 1e6)
          let done = settle(&s)
          job.append(done.job)
          answer.append(done.answer)
        }
        for _ in 0..<runs {
          if copy {
            var s = state
            prepare(&s)
            measure(&s)
          } else {
            measure(&state)
          }
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        out.append((name + "_ms", median(screen)))
        out.append((name + "_job_ms", median(job)))
        out.append((name + "_answer_ms", median(answer)))
        if worstSlice > 0 { out.append((name + "_slice_worst_ms", Double(worstSlice) / 1e6)) }
      }

      keys("key_move") { k in (k / 50) % 2 == 0 ? .down : .up }
      keys("key_fold") { k in k % 2 == 0 ? .left : .right }
      /// Marks are timed on a leaf: a parent marked done with open work
      /// below asks first (a confirmation, not a change).
      func toLeaf() {
        // Unfold and step into the first child until a leaf is selected.
        for _ in 0..<Campaign.maxDepth {
          guard let i = state.selected, !state.campaign.childrenOf[i].isEmpty else { return }
          if state.view == .tree { _ = update(&state, .key(.right)) }
          _ = update(&state, .key(.down))
        }
      }
      toLeaf()
      keys("key_mark", answering: true) { _ in .character(" ") }
      _ = update(&state, .key(.character("/")))
      for ch in "实践站" { _ = update(&state, .key(.character(ch))) }
      _ = update(&state, .key(.enter))
      keys("key_search_next") { _ in .character("n") }
      // The worst search: typing the last letter of a word no node has,
      // so the whole tree is read (on a copy of the state, each time).
      _ = update(&state, .key(.character("/")))
      for ch in "无此" { settled(.character(ch)) }
      slow("key_search_whole_tree", .character("词"), runs: max(3, times / 20))
      _ = update(&state, .key(.escape))
      // The first switch to each view builds its list from the whole tree.
      for v in 2...7 { slow("view_\(v)_first", .character(Character(String(v))), runs: 1) }
      keys("key_view_switch") { k in .character(Character(String(k % 6 + 1))) }
      // A mark where a list is shown: its rows are made again.
      settled(.character("2"))
      toLeaf()
      slow("key_mark_in_list", .character(" "), runs: max(3, times / 20), copy: false, answering: true)
      /// A mark on the selected leaf, answering yes where it asks first.
      func mark() { _ = press(.character(" "), &state, answering: true) }
      /// A mark on a leaf while work is under way (`setup` starts it and
      /// takes its first slice; the rest is done after the mark): medians
      /// of 5. Where the mark asks first (done with its quota short), the
      /// answer is the key timed. A mark with nothing under way, or one
      /// that changes nothing, would measure nothing: it stops.
      func markDuring(_ name: String, _ setup: () -> Void) {
        // Within a key's budget nothing is left between keys: no figure.
        guard state.campaign.nodes.count > state.workPerKey else { return }
        var samples: [Double] = []
        for _ in 0..<5 {
          setup()
          toLeaf()
          guard state.hasSlices else {
            // The work fit in a key and a slice (up to twice `workPerKey`
            // nodes): no figure at this size.
            if samples.isEmpty { return }
            fatalError("\(name): no work under way at the mark")
          }
          let t = press(.character(" "), &state, answering: true)
          samples.append(Double(Bench.now() - t) / 1e6)
          settle(&state)
        }
        out.append((name, samples.sorted()[samples.count / 2]))
      }
      // A mark while a search still reads the campaign (in slices: no
      // snapshot, so the change copies nothing; as a thread job it did).
      markDuring("key_mark_during_job_ms") {
        _ = update(&state, .key(.character("1")))
        _ = update(&state, .key(.character("/")))
        for ch in "无此词" { _ = update(&state, .key(.character(ch))) }
        _ = update(&state, .key(.enter))
        _ = update(&state, .slice)
      }
      // A mark in the tree while a list view's rows are still being made
      // (between keys, in slices; on a thread with a snapshot of the
      // campaign, the change copied the tree: 65 ms at a million nodes).
      markDuring("key_mark_during_list_job_ms") {
        _ = update(&state, .key(.character("1")))
        _ = update(&state, .key(.character("2")))
        _ = update(&state, .slice)
        _ = update(&state, .key(.character("1")))
      }
      _ = update(&state, .key(.character("1")))
      // The filter menu: opening it finds the kinds the tree has (once);
      // moving in it must not look again.
      slow("key_filter_menu", .character("f"), runs: 3)
      slow("key_filter_menu_move", .down, runs: 3, prepare: { _ = update(&$0, .key(.character("f"))) })
      // A filter applied (f, Enter: overdue) and cleared (F).
      slow("key_filter", .enter, runs: 3, prepare: { _ = update(&$0, .key(.character("f"))) })
      slow("key_filter_clear", .character("F"), runs: 3, prepare: { _ = update(&$0, .key(.character("f"))); _ = update(&$0, .key(.enter)); settle(&$0) })
      // Marks under a filter: the filter's rows are made again.
      _ = update(&state, .key(.character("f")))
      settled(.enter)
      toLeaf()
      slow("key_mark_filtered", .character(" "), runs: 3, copy: false, answering: true)
      // A mark while the last one's filter is still being made.
      markDuring("key_mark_during_filter_ms") {
        mark()
        _ = update(&state, .slice)
      }
      settled(.character("F"))
      guard state.filter == nil else { fatalError("the filter was not cleared: \(footer(state))") }
      _ = update(&state, .key(.character("1")))
      // Structural edits (the tree's links and the rollup are made again):
      // a node added after the selection, moved up past it, and deleted.
      do {
        var add: [Double] = [], move: [Double] = [], delete: [Double] = []
        func timed(_ key: Key, into xs: inout [Double]) {
          let t = Bench.now()
          let effects = update(&state, .key(key))
          _ = view(state, width: 120, height: 40)
          xs.append(Double(Bench.now() - t) / 1e6)
          // A key refused (a move up from the front) would measure nothing.
          guard changes(effects) else {
            fatalError("structural edit \(key): nothing changed")
          }
          settle(&state)
        }
        for _ in 0..<3 {
          _ = update(&state, .key(.character("A")))
          for ch in "基准" { _ = update(&state, .key(.character(ch))) }
          timed(.enter, into: &add)
          timed(.character("K"), into: &move)
          // The node added, not one of the plan's.
          guard let i = state.selected, state.campaign.nodes[i].title == "基准" else {
            fatalError("structural edits: the node added is not the one selected")
          }
          _ = update(&state, .key(.character("D")))
          timed(.character("y"), into: &delete)
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        out.append(("key_add_node_ms", median(add)))
        out.append(("key_move_node_ms", median(move)))
        out.append(("key_delete_node_ms", median(delete)))
      }
      // A service order placed at a station (O, its words, Enter), then
      // its first step taken in view 8 (Enter, Enter): the overdue counts
      // follow the one order.
      _ = update(&state, .key(.character("/")))
      for ch in "实践站" { _ = update(&state, .key(.character(ch))) }
      settled(.enter)
      guard let station = state.selected, state.campaign.nodes[station].title.contains("实践站") else {
        fatalError("key_place_order: the search found no station: \(footer(state))")
      }
      let orders = state.campaign.orders.count
      _ = update(&state, .key(.character("O")))
      for ch in "基准订单" { _ = update(&state, .key(.character(ch))) }
      slow("key_place_order", .enter, runs: 1, copy: false)
      guard state.campaign.orders.count == orders + 1, let placed = state.campaign.orders.last else {
        fatalError("key_place_order: no order was placed")
      }
      settled(.character("8"))
      _ = update(&state, .key(.enter))
      slow("key_order_step", .enter, runs: 1, copy: false)
      guard state.campaign.orders.last?.state != placed.state else { fatalError("key_order_step: no step was taken") }
      _ = update(&state, .key(.character("1")))
      // A task deleted with its items, then the deletion undone (u): the
      // nodes come back in their places.
      _ = update(&state, .key(.character("1")))
      _ = update(&state, .key(.character("/")))
      for ch in "确保" { _ = update(&state, .key(.character(ch))) }
      settled(.enter)
      guard let task = state.selected, state.campaign.childrenOf[task].count >= 2 else {
        fatalError("key_undo_delete: no task with items found")
      }
      let count = state.campaign.nodes.count
      _ = update(&state, .key(.character("D")))
      _ = update(&state, .key(.character("y")))
      let removed = count - state.campaign.nodes.count
      slow("key_undo_delete", .character("u"), runs: 1, copy: false)
      guard removed >= 3, state.campaign.nodes.count == count else { fatalError("key_undo_delete: \(removed) removed, not all back") }
      out.append(("undo_delete_nodes", Double(removed)))
      // Two units merged in view 3 (a coordinator's): the second unit of
      // the plan into the first, its name typed; Enter asks, y merges.
      settled(.character("3"))
      _ = update(&state, .key(.home))
      _ = update(&state, .key(.down))
      _ = update(&state, .key(.character("M")))
      for ch in state.campaign.units[0].name { _ = update(&state, .key(.character(ch))) }
      slow("key_merge_ask", .enter, runs: 1, copy: false)
      let leadsBefore = state.campaign.tasks(of: state.campaign.units[1].id)
      slow("key_merge", .character("y"), runs: 1, copy: false)
      guard leadsBefore > 0, state.campaign.tasks(of: state.campaign.units[1].id) == 0 else {
        fatalError("key_merge: nothing was merged")
      }
      _ = update(&state, .key(.character("1")))
      out.append(("slice_worst_ms", Double(worstSlice) / 1e6))
      // What every structural edit pays in Domain for the rollup alone.
      let r0 = Bench.now()
      _ = Rollup(state.campaign, today: state.config.today)
      out.append(("rollup_build_ms", Double(Bench.now() - r0) / 1e6))

      let node = state.campaign.nodes[0].id
      let append = try time(times) { k in
        try ws.append(.set(node: node, field: .note, value: .text("基准测试 \(k)")), device: "bench", user: "bench", at: "t")
      }
      out.append(("journal_append_ms", append.median))
      let events = ws.events
      var replays: [Double] = []
      for _ in 0..<3 {
        var c = try ws.readSnapshot()  // unshared, as when a workspace opens
        let t = Bench.now()
        c.replay(EventsInOrder(events), running: WorkerThread.together)  // as opening does
        replays.append(Double(Bench.now() - t) / 1e6)
      }
      out.append(("replay_ms", replays.sorted()[1]))
      out.append(("replay_events", Double(events.count)))
      var json = ObjectBuilder()
      for (name, value) in out { json.add(name, JSONValue.number(String((value * 1000).rounded() / 1000))) }
      print(JSONWriter.line(json.value))
    }
  }
}
