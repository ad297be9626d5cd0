import ArgumentParser
import Dashboard
import Domain
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

      func keys(_ name: String, _ key: (Int) -> Key) {
        let r = time(times) { k in
          _ = update(&state, .key(key(k)))
          _ = view(state, width: 120, height: 40)
        }
        out.append((name + "_ms", r.median))
        out.append((name + "_worst_ms", r.worst))
      }
      keys("key_move") { k in (k / 50) % 2 == 0 ? .down : .up }
      keys("key_fold") { k in k % 2 == 0 ? .left : .right }
      keys("key_mark") { _ in .character(" ") }
      _ = update(&state, .key(.character("/")))
      for ch in "实践站" { _ = update(&state, .key(.character(ch))) }
      _ = update(&state, .key(.enter))
      keys("key_search_next") { _ in .character("n") }
      // The worst search: typing the last letter of a word no node has,
      // so the whole tree is read (on a copy of the state, each time).
      _ = update(&state, .key(.character("/")))
      for ch in "无此" { _ = update(&state, .key(.character(ch))) }
      let miss = time(max(3, times / 20)) { _ in
        var s = state
        _ = update(&s, .key(.character("词")))
        _ = view(s, width: 120, height: 40)
      }
      out.append(("key_search_whole_tree_ms", miss.median))
      _ = update(&state, .key(.escape))
      // The first switch to each view builds its list from the whole tree.
      for v in 2...7 {
        var s = state
        let t = Bench.now()
        _ = update(&s, .key(.character(Character(String(v)))))
        _ = view(s, width: 120, height: 40)
        out.append(("view_\(v)_first_ms", Double(Bench.now() - t) / 1e6))
      }
      keys("key_view_switch") { k in .character(Character(String(k % 6 + 1))) }

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
        c.replay(events)
        replays.append(Double(Bench.now() - t) / 1e6)
      }
      out.append(("replay_ms", replays.sorted()[1]))
      out.append(("replay_events", Double(events.count)))
      print("{" + out.map { "\"\($0.0)\": \(($0.1 * 1000).rounded() / 1000)" }.joined(separator: ", ") + "}")
    }
  }
}
