import Dispatch
import Testing
@testable import Domain

/// Random histories on several devices: however the events are ordered or
/// repeated, replay gives one state.
@Suite struct ReplayPropertyTests {
  static func base() -> Campaign {
    var nodes = [Node(id: "root", kind: .group, title: "根")]
    for k in 0..<6 {
      nodes.append(Node(id: "n\(k)", parent: "root", kind: .item, title: "事项\(k)", quota: Quota(target: 5)))
    }
    return Campaign(id: "p", title: "性质", units: [Unit(id: "u1", name: "甲")], nodes: nodes)
  }

  /// The replay order of several files is every event's place sorted by
  /// clock, file and sequence (then place): merged when each file is in
  /// order, as journals are written, and sorted when one is not.
  @Test(arguments: Array(1...40) as [UInt64])
  func replayOrderMergesOrSorts(seed: UInt64) {
    var rng = Synthetic.Rng(seed: seed)
    let history = Self.history(seed: seed, devices: Int.random(in: 1...6, using: &rng), count: Int.random(in: 0...300, using: &rng))
    var files = Dictionary(grouping: history, by: \.device).sorted { $0.key < $1.key }.map(\.value)
    if seed % 3 == 0, !files.isEmpty {
      // A damaged file: two events swapped, or one repeated.
      let f = Int.random(in: 0..<files.count, using: &rng)
      if files[f].count > 1 { files[f].swapAt(0, files[f].count - 1) }
      if let e = files[f].first { files[f].append(e) }
    } else if seed % 3 == 1, let f = files.indices.max(by: { files[$0].count < files[$1].count }), files[f].count > 3 {
      // Two halves each in order, the later one first.
      let m = files[f].count / 2
      files[f] = Array(files[f][m...] + files[f][..<m])
    }
    var keys: [(clock: Int, file: Int, seq: Int, at: Int)] = []
    for (f, events) in files.enumerated() {
      for (k, e) in events.enumerated() { keys.append((e.clock, f, e.seq, k)) }
    }
    let expected = keys.sorted { ($0.clock, $0.file, $0.seq, $0.at) < ($1.clock, $1.file, $1.seq, $1.at) }
    let order = EventsInOrder.replayOrder(files)
    #expect(order.map { [Int($0.file), Int($0.at)] } == expected.map { [$0.file, $0.at] }, "seed \(seed)")
    // In two parts, before a middle clock and from it, however they run.
    for partsFrom in [1, 100] {
      for run in [Self.inOrder, Self.threads] {
        let parts = EventsInOrder.replayOrder(files, running: run, partsFrom: partsFrom)
        #expect(parts.map { [Int($0.file), Int($0.at)] } == expected.map { [$0.file, $0.at] }, "seed \(seed), parts from \(partsFrom)")
      }
    }
  }

  static func inOrder(_ jobs: [@Sendable () -> Bool]) -> [Bool] { jobs.map { $0() } }

  static func threads(_ jobs: [@Sendable () -> Bool]) -> [Bool] {
    final class Answers: @unchecked Sendable {
      var values: [Bool]
      init(_ n: Int) { values = Array(repeating: false, count: n) }
    }
    let answers = Answers(jobs.count)
    answers.values.withUnsafeMutableBufferPointer { slots in
      nonisolated(unsafe) let slots = slots
      DispatchQueue.concurrentPerform(iterations: jobs.count) { slots[$0] = jobs[$0]() }
    }
    return answers.values
  }

  /// Events as devices would make them: each device's clock is one more
  /// than the most it has seen, and devices see each other now and then.
  static func history(seed: UInt64, devices: Int, count: Int) -> [Event] {
    var rng = Synthetic.Rng(seed: seed)
    var clocks = Array(repeating: 0, count: devices)
    var seqs = Array(repeating: 0, count: devices)
    var events: [Event] = []
    for k in 0..<count {
      let d = Int.random(in: 0..<devices, using: &rng)
      if Int.random(in: 0..<4, using: &rng) == 0, let seen = events.randomElement(using: &rng) {
        clocks[d] = max(clocks[d], seen.clock)
      }
      clocks[d] += 1
      seqs[d] += 1
      let node = "n\(Int.random(in: 0..<7, using: &rng))"
      let op: Operation
      switch Int.random(in: 0..<7, using: &rng) {
      case 0: op = .set(node: node, field: .status, value: .text(Status.allCases.randomElement(using: &rng)!.rawValue))
      case 1: op = .set(node: node, field: .note, value: .text("备注\(k)"))
      case 2: op = .addActivity(node: node, activity: Activity(id: "a\(d)-\(k)", date: Day(ordinal: 19000 + k)))
      case 3: op = .removeActivity(node: node, activity: "a\(Int.random(in: 0..<devices, using: &rng))-\(Int.random(in: 0..<max(1, k), using: &rng))")
      case 4: op = .addProblem(node: node, problem: Problem(id: "p\(d)-\(k)", text: "问题\(k)"))
      case 5: op = .addNode(node: Node(id: "new\(d)-\(k)", parent: "root", kind: .task, title: "新\(k)"), after: nil)
      default: op = .set(node: node, field: .lead, value: Bool.random(using: &rng) ? .text("u1") : .null)
      }
      events.append(Event(device: "d\(d)", seq: seqs[d], clock: clocks[d], user: "u", at: "", op: op))
    }
    return events
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func replayIgnoresOrder(seed: UInt64) {
    let events = Self.history(seed: seed, devices: 4, count: 120)
    var expected = Self.base()
    expected.replay(events)
    var rng = Synthetic.Rng(seed: seed &* 31)
    for _ in 0..<10 {
      var c = Self.base()
      c.replay(events.shuffled(using: &rng))
      #expect(c == expected)
    }
    // Each device's journal merged in any order is the same union.
    let byDevice = Dictionary(grouping: events, by: \.device)
    for _ in 0..<5 {
      var merged: [Event] = []
      for d in byDevice.keys.shuffled(using: &rng) { merged += byDevice[d]! }
      var c = Self.base()
      c.replay(merged)
      #expect(c == expected)
    }
  }
}
