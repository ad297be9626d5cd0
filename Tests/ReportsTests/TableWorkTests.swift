import Domain
import Presentation
import Testing

/// The office's tables made a step at a time (the dashboard's list views,
/// between keys) are the tables made at once (the reports): every row,
/// cell and emphasis, whatever the budget a step; and the work holds no
/// reference to the campaign between steps.
@Suite struct TableWorkTests {
  let today = Day(iso: "2025-06-01")!

  /// A synthetic plan out of outline order (nodes moved), with problems
  /// open, fixed and closed.
  func shuffled() -> Campaign {
    var c = Synthetic.campaign(nodes: 3000, seed: 9)
    var rng = Synthetic.Rng(seed: 11)
    for k in 0..<60 {
      let i = Int(rng.next() % UInt64(c.nodes.count))
      let due = Day(iso: "2025-0\(k % 9 + 1)-1\(k % 10)")
      c.apply(.addProblem(node: c.nodes[i].id, problem: Problem(id: "p\(k)", text: "问题\(k)", due: k % 5 == 0 ? nil : due,
                                                                 state: k % 7 == 0 ? .closed : .open)))
    }
    for _ in 0..<40 {
      let a = Int(rng.next() % UInt64(c.nodes.count)), b = Int(rng.next() % UInt64(c.nodes.count))
      let node = c.nodes[a].id, under = c.nodes[b].id
      guard c.position(of: node) != nil, !c.ancestors(of: b).contains(a), a != b else { continue }
      c.apply(.moveNode(node: node, parent: under, after: nil))
    }
    return c
  }

  func sameRows(_ a: Table, _ b: Table) -> Bool {
    a.columns.map(\.title) == b.columns.map(\.title) && a.rows.count == b.rows.count
      && zip(a.rows, b.rows).allSatisfy { $0.node == $1.node && $0.emphasis == $1.emphasis && $0.cells == $1.cells }
  }

  @Test func stepsMakeTheTableMadeAtOnce() throws {
    let plans = [shuffled()] + ["golmud", "ceping", "changzhou", "linxia", "wuhai"].compactMap { Templates.build($0) }
    for c in plans {
      for kind in Table.Kind.allCases {
        let whole = Table.make(kind, c, today: today, lang: .zh)
        for budget in [1, 7, 500] {
          var work = TableWork(kind, c, today: today, lang: .zh)
          var steps = 0, last = 0.0
          var made: Table? = nil
          while made == nil && steps < 100_000 {
            made = work.advance(c, budget: budget)
            #expect(work.fraction >= last)
            last = work.fraction
            steps += 1
          }
          let table = try #require(made, "\(c.id) \(kind) at \(budget)")
          #expect(sameRows(table, whole), "\(c.id) \(kind) at \(budget)")
          #expect(work.fraction == 1)
          if budget == 1 && c.nodes.count > 100 && [.overdue, .units, .coverage].contains(kind) { #expect(steps > 10) }
        }
      }
    }
    // Out of order indeed, and with rows in each node table of the plans.
    let c = shuffled()
    #expect(c.preorder() != Array(c.nodes.indices))
    #expect(Table.make(.overdue, c, today: today, lang: .zh).rows.contains { $0.emphasis == .rectify })
  }

  /// A change between two steps copies no node: nothing but the caller
  /// holds the campaign. (On a thread with a snapshot, a change made
  /// meanwhile copied the whole tree.)
  @Test func aChangeBetweenStepsCopiesNothing() throws {
    var c = shuffled()
    let leaf = try #require(c.nodes.indices.last { c.childrenOf[$0].isEmpty })
    for kind in Table.Kind.allCases {
      var work = TableWork(kind, c, today: today, lang: .zh)
      _ = work.advance(c, budget: 50)
      let before = c.nodes.withUnsafeBufferPointer { $0.baseAddress }
      c.apply(.set(node: c.nodes[leaf].id, field: .status, value: .text(c.nodes[leaf].status == .done ? "todo" : "done")))
      #expect(c.nodes.withUnsafeBufferPointer { $0.baseAddress } == before, "\(kind)")
    }
    var pace = Pace.Work(c, events: 0, today: today, count: 8)
    let events: [Event] = []
    _ = pace.advance(c, events: events, budget: 50)
    let before = c.nodes.withUnsafeBufferPointer { $0.baseAddress }
    c.apply(.set(node: c.nodes[leaf].id, field: .status, value: .text("todo")))
    #expect(c.nodes.withUnsafeBufferPointer { $0.baseAddress } == before)
  }

  /// The chart counted in steps is the chart counted at once.
  @Test func paceInStepsIsPaceAtOnce() throws {
    let c = Synthetic.campaign(nodes: 2000, seed: 4)
    var events: [Event] = []
    for batch in Synthetic.events(on: c, devices: 3, count: 4000, seed: 6) { events += batch }
    var replayed = c
    replayed.replay(events)
    // The weeks up to the last event.
    let today = try #require(events.compactMap { $0.moment.day }.max())
    let whole = Pace(replayed, events: events, today: today, count: 12)
    for budget in [1, 13, 5000] {
      var work = Pace.Work(replayed, events: events.count, today: today, count: 12)
      var made: Pace? = nil
      while made == nil { made = work.advance(replayed, events: events, budget: budget) }
      let p = try #require(made)
      #expect(p.weeks == whole.weeks && p.done == whole.done && p.remaining == whole.remaining && p.recentRate == whole.recentRate)
    }
    #expect(whole.done.reduce(0, +) > 0)
  }
}
