import Dispatch
import Testing
@testable import Domain

/// A long stretch of node-local events is replayed in parts, each part
/// the events of its own nodes (`Campaign.replay(_:running:)`): the result
/// is the one of applying the events one by one in replay order, whatever
/// runs the parts and in whatever order they finish.
@Suite struct ReplayApartTests {
  /// 40 nodes under a root: blocks of 16 positions fall to both parts.
  static func base() -> Campaign {
    var nodes = [Node(id: "root", kind: .group, title: "根")]
    for k in 0..<40 {
      nodes.append(Node(id: "n\(k)", parent: "root", kind: .item, title: "事项\(k)", quota: k % 3 == 0 ? Quota(target: 5) : nil))
    }
    return Campaign(id: "p", title: "性质", units: [Unit(id: "u1", name: "甲")], nodes: nodes)
  }

  /// Mostly node-local events on several devices, now and then one that
  /// is not (a node added, a role given, a key revoked) to cut the
  /// stretches; some events name no node, some write a field older than
  /// the one held (a late laptop), some are refused.
  static func history(seed: UInt64, count: Int) -> [Event] {
    var rng = Synthetic.Rng(seed: seed)
    let devices = 4
    var clocks = Array(repeating: 0, count: devices)
    var seqs = Array(repeating: 0, count: devices)
    var events: [Event] = []
    var problems: [String] = []
    for k in 0..<count {
      let d = Int.random(in: 0..<devices, using: &rng)
      // Device 3 lags: its clock is often behind the others'.
      if d != 3, Int.random(in: 0..<4, using: &rng) == 0, let seen = events.randomElement(using: &rng) {
        clocks[d] = max(clocks[d], seen.clock)
      }
      clocks[d] += 1
      seqs[d] += 1
      let node = "n\(Int.random(in: 0..<44, using: &rng))"  // n40…n43 until added
      let op: Operation
      switch Int.random(in: 0..<100, using: &rng) {
      case 0: op = .addNode(node: Node(id: "n\(40 + Int.random(in: 0..<4, using: &rng))", parent: "root", kind: .task, title: "新\(k)"), after: nil)
      case 1: op = .setRole(device: "d\(Int.random(in: 1..<devices, using: &rng))", role: Bool.random(using: &rng) ? .supervisor : .coordinator)
      case 2 where k > count / 2: op = .revoke(device: "d2")
      case 3..<30: op = .set(node: node, field: .status, value: .text(Status.allCases.randomElement(using: &rng)!.rawValue))
      case 30..<45: op = .set(node: node, field: .note, value: Int.random(in: 0..<5, using: &rng) == 0 ? .null : .text("备注\(k)"))
      case 45..<50: op = .set(node: node, field: .title, value: .text("改名\(k)"))
      case 50..<55: op = .set(node: node, field: .lead, value: Bool.random(using: &rng) ? .text("u1") : .null)
      case 55..<70:
        op = .addActivity(node: node, activity: Activity(id: "a\(Int.random(in: 0..<max(1, count / 4), using: &rng))", date: Day(ordinal: 19000 + k)))
      case 70..<75: op = .removeActivity(node: node, activity: "a\(Int.random(in: 0..<max(1, count / 4), using: &rng))")
      case 75..<88:
        let id = "p\(d)-\(k)"
        problems.append(id)
        op = .addProblem(node: node, problem: Problem(id: id, text: "问题\(k)"))
      case 88..<98 where !problems.isEmpty:
        op = .setProblem(node: node, problem: problems.randomElement(using: &rng)!, state: Problem.State.allCases.randomElement(using: &rng)!)
      default: op = .set(node: node, field: .current, value: .text("\(k)"))
      }
      events.append(Event(device: "d\(d)", seq: seqs[d], clock: clocks[d], user: "u", at: "", op: op))
    }
    return events
  }

  typealias Runner = ([@Sendable () -> ReplayPart]) -> [ReplayPart]

  static func inOrder(_ jobs: [@Sendable () -> ReplayPart]) -> [ReplayPart] { jobs.map { $0() } }

  /// The parts one after the other, last first: a part that depended on
  /// another's running first would show.
  static func backwards(_ jobs: [@Sendable () -> ReplayPart]) -> [ReplayPart] {
    var answers = [ReplayPart?](repeating: nil, count: jobs.count)
    for k in jobs.indices.reversed() { answers[k] = jobs[k]() }
    return answers.map { $0! }
  }

  /// The parts on threads at once.
  static func threads(_ jobs: [@Sendable () -> ReplayPart]) -> [ReplayPart] {
    final class Answers: @unchecked Sendable {
      var values: [ReplayPart?]
      init(_ n: Int) { values = Array(repeating: nil, count: n) }
    }
    let answers = Answers(jobs.count)
    answers.values.withUnsafeMutableBufferPointer { slots in
      nonisolated(unsafe) let slots = slots
      DispatchQueue.concurrentPerform(iterations: jobs.count) { slots[$0] = jobs[$0]() }
    }
    return answers.values.map { $0! }
  }

  /// `events` applied to the base one by one, and replayed on it in bulk
  /// (the parts on threads).
  static func bothWays(_ events: EventsInOrder, apartFrom: Int) -> (oneByOne: Campaign, replayed: Campaign) {
    var one = base()
    for k in events.indices { one.apply(events[k]) }
    var bulk = base()
    bulk.replay(events, apartFrom: apartFrom, running: threads)
    return (one, bulk)
  }

  @Test(arguments: Array(1...24) as [UInt64])
  func partsGiveTheOneByOneResult(seed: UInt64) {
    let events = EventsInOrder(Self.history(seed: seed, count: 1_500))
    var expected = Self.base()
    for k in events.indices { expected.apply(events[k]) }
    let runners: [(String, Runner)] = [("in order", Self.inOrder), ("backwards", Self.backwards), ("on threads", Self.threads)]
    for (name, run) in runners {
      for apartFrom in [1, 7, 64] {
        var c = Self.base()
        c.replay(events, apartFrom: apartFrom, running: run)
        #expect(c == expected, "seed \(seed), \(name), stretches from \(apartFrom)")
        #expect(c.refused == expected.refused, "seed \(seed), \(name), stretches from \(apartFrom)")
      }
    }
    // Some of each kind happened: a test of nothing cannot pass.
    #expect(expected.nodes.contains { !$0.problems.isEmpty && !$0.activities.isEmpty })
    if seed == 1 { #expect(!expected.refused.isEmpty) }
  }

  /// A replay's last stamps wait until first asked for (`Campaign.stamps`),
  /// and hold all the same: a late laptop's older write to a field still
  /// loses, a newer one wins, as when each event was applied in turn.
  @Test(arguments: Array(1...8) as [UInt64])
  func aReplaysLastStampsWaitAndStillHold(seed: UInt64) {
    let events = EventsInOrder(Self.history(seed: seed, count: 1_500))
    var (expected, c) = Self.bothWays(events, apartFrom: 7)
    #expect(c.hasUnsettledStamps && !expected.hasUnsettledStamps)
    let notes = expected.stamps.filter { $0.key.name == Field.note.rawValue }.sorted { $0.key.node < $1.key.node }
    #expect(notes.count >= 10)
    let last = events.indices.map { events[$0].clock }.max()!
    for (k, (register, held)) in notes.prefix(10).enumerated() {
      let clock = k % 2 == 0 ? held.clock - 1 : last + 1 + k
      let write = Event(device: "d0", seq: 10_000 + k, clock: clock, user: "u", at: "",
                        op: .set(node: register.node, field: .note, value: .text("迟到\(k)")))
      #expect(c.apply(write) == expected.apply(write), "seed \(seed), \(register.node)")
      #expect(c == expected, "seed \(seed), after \(k + 1) late writes")
    }
    #expect(!c.hasUnsettledStamps)
  }

  /// A short replay on many nodes keeps its stamps in `stamps` straight
  /// (no table by position), one event after another.
  @Test(arguments: Array(1...12) as [UInt64])
  func aShortReplayOnManyNodes(seed: UInt64) {
    let (expected, c) = Self.bothWays(EventsInOrder(Self.history(seed: seed, count: 2)), apartFrom: 1)
    #expect(c == expected && c.refused == expected.refused, "seed \(seed)")
  }

  /// Nodes that log many activities and record many problems (past
  /// `NodeListIDs.from`, whose ids a part then looks up by hash): an id
  /// added again, an activity again after its removal, a problem's state
  /// set, still give the one-by-one result.
  @Test(arguments: Array(1...8) as [UInt64])
  func manyActivitiesAndProblemsOnFewNodes(seed: UInt64) {
    var rng = Synthetic.Rng(seed: seed)
    var events: [Event] = []
    for k in 0..<4_000 {
      let node = "n\(Int.random(in: 0..<3, using: &rng))"
      // Pools small enough that ids come back, before and after removal.
      let activity = "a\(Int.random(in: 0..<400, using: &rng))", problem = "p\(Int.random(in: 0..<300, using: &rng))"
      let op: Operation
      switch Int.random(in: 0..<20, using: &rng) {
      case 0..<2: op = .removeActivity(node: node, activity: activity)
      case 2..<7: op = .addProblem(node: node, problem: Problem(id: problem, text: "问题\(k)"))
      case 7: op = .setProblem(node: node, problem: problem, state: Problem.State.allCases.randomElement(using: &rng)!)
      default: op = .addActivity(node: node, activity: Activity(id: activity, date: Day(ordinal: 19000 + k), count: 1 + k % 3))
      }
      events.append(Event(device: "d\(k % 2)", seq: k / 2 + 1, clock: k + 1, user: "u", at: "", op: op))
    }
    let inOrder = EventsInOrder(events)
    var expected = Self.base()
    for k in inOrder.indices { expected.apply(inOrder[k]) }
    var c = Self.base()
    c.replay(inOrder, apartFrom: 64, running: Self.threads)
    // The lists first: a whole campaign's difference is pages long.
    func lists(_ c: Campaign) -> [[String]] {
      c.nodes.map { $0.activities.map(\.id) + $0.problems.map { "\($0.id) \($0.state)" } }
    }
    #expect(lists(c) == lists(expected), "seed \(seed)")
    if lists(c) == lists(expected) { #expect(c == expected, "seed \(seed)") }
    #expect(expected.nodes.filter { $0.activities.count > 2 * NodeListIDs.from && $0.problems.count > 2 * NodeListIDs.from }.count == 3)
  }

  /// The look-up itself: an id held, one not, one added; another list
  /// and another node apart; a short list always looked through; and
  /// with no bit of the hash kept, every id of a node's list may be held.
  @Test func idsAreToldByHash() {
    let list = (0..<NodeListIDs.from).map { "a\($0)" }
    var ids = NodeListIDs()
    // Asked inside #expect, a mutating call does not compile.
    func may(_ id: String, _ kind: NodeListIDs.List = .activities, at i: Int = 7, in l: [String] = list) -> Bool {
      ids.mayHold(id, in: kind, at: i, count: l.count, ids: { l })
    }
    let held = may("a5"), notHeld = may("x")
    #expect(held && !notHeld)
    ids.add("x", to: .activities, at: 7)
    let added = may("x", in: list + ["x"])
    let otherList = may("a5", .problems, in: list.map { "p" + $0 }), otherNode = may("x", at: 8)
    let short = may("y", at: 9, in: ["a", "b", "c"])
    #expect(added && !otherList && !otherNode && short)
    // Forgotten, then asked with the list as it is now.
    ids.forget(.activities, at: 7, ids: list + ["x"])
    let afterForget = may("x")
    #expect(!afterForget)
    var shared = NodeListIDs(hashBits: 0)
    let sameHash = shared.mayHold("x", in: .activities, at: 7, count: list.count, ids: { list })
    #expect(sameHash)
  }

  /// The stretches are the runs of node-local events long enough.
  @Test func stretchesAreTheLongRunsOfNodeLocalEvents() {
    func e(_ op: Operation, _ k: Int) -> Event { Event(device: "d0", seq: k + 1, clock: k + 1, user: "", at: "", op: op) }
    let local = Operation.set(node: "n1", field: .status, value: .text("done"))
    let other = Operation.removeNode(node: "n2")
    let ops = [local, local, local, other, local, local, other, other, local, local, local, local]
    let events = EventsInOrder(ops.enumerated().map { e($1, $0) })
    #expect(events.nodeLocalStretches(atLeast: 3) == [0..<3, 8..<12])
    #expect(events.nodeLocalStretches(atLeast: 2) == [0..<3, 4..<6, 8..<12])
    #expect(events.nodeLocalStretches(atLeast: 5).isEmpty)
  }
}
