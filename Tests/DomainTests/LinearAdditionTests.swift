import Testing
@testable import Domain

/// `Campaign.replay` adds nodes without rebuilding the links each time:
/// on random histories it must give exactly the campaign that applying the
/// events one by one gives (nodes, links, id table, stamps), and the same
/// answers along the way.
@Suite struct LinearAdditionTests {
  /// A small tree; `damaged` adds a node whose parent is missing and two
  /// nodes on a cycle, as a hand-edited snapshot may have.
  static func base(damaged: Bool) -> Campaign {
    var nodes = [Node(id: "root", kind: .group, title: "根")]
    for k in 0..<4 {
      nodes.append(Node(id: "n\(k)", parent: k < 2 ? "root" : "n\(k - 2)", kind: .item, title: "事项\(k)",
                        quota: Quota(target: 3)))
    }
    if damaged {
      nodes.append(Node(id: "orphan", parent: "x3", kind: .item, title: "缺上级"))
      nodes.append(Node(id: "ring1", parent: "ring2", kind: .item, title: "环1"))
      nodes.append(Node(id: "ring2", parent: "ring1", kind: .item, title: "环2"))
    }
    return Campaign(id: "p", title: "批量", units: [Unit(id: "u1", name: "甲")], nodes: nodes)
  }

  /// Mostly additions (as an import or a journal is), often under the node
  /// added last so that chains grow past `Campaign.maxDepth`, mixed with
  /// additions after a sibling, removals, moves, field writes, and ids
  /// that exist already or name no node.
  static func history(seed: UInt64, count: Int) -> [Event] {
    var rng = Synthetic.Rng(seed: seed)
    var ids = ["root", "n0", "n1", "n2", "n3", "orphan", "ring1", "ring2", "ghost"]
    var last: String? = nil
    // The chain being grown: removals and moves leave it alone, so that
    // it reaches the bound.
    var chain = Set<String>()
    var clock = 0
    var events: [Event] = []
    func pick() -> String { ids.randomElement(using: &rng)! }
    func pickOutside() -> String {
      while true {
        let id = pick()
        if !chain.contains(id) { return id }
      }
    }
    for k in 0..<count {
      clock += Int.random(in: 0...1, using: &rng)  // equal clocks: device and seq decide
      let op: Operation
      switch Int.random(in: 0..<100, using: &rng) {
      case 0..<40:
        // A chain: under the last node added.
        let id = "c\(k)"
        // After its parent in replay order, whatever the devices.
        if events.last.map({ $0.clock == clock }) ?? false { clock += 1 }
        op = .addNode(node: Node(id: id, parent: last, kind: .item, title: "链\(k)"), after: nil)
        last = id
        ids.append(id)
        chain.insert(id)
      case 40..<55:
        let parent: String? = Bool.random(using: &rng) ? pick() : nil
        // Missing parents, and the ids the damaged snapshot's nodes name.
        let id = Int.random(in: 0..<8, using: &rng) == 0 ? ["x3", "ghost", pick()].randomElement(using: &rng)! : "a\(k)"
        op = .addNode(node: Node(id: id, parent: parent, kind: .task, title: "增\(k)"), after: nil)
        ids.append(id)
      case 55..<62:
        let parent: String? = Bool.random(using: &rng) ? pick() : nil
        op = .addNode(node: Node(id: "s\(k)", parent: parent, kind: .task, title: "插\(k)"), after: pick())
        ids.append("s\(k)")
      case 62..<67:
        op = .removeNode(node: pickOutside())
      case 67..<75:
        op = .moveNode(node: pickOutside(), parent: Bool.random(using: &rng) ? pick() : nil,
                       after: Bool.random(using: &rng) ? pick() : nil)
      case 75..<82:
        op = .set(node: pick(), field: .status, value: .text(Status.allCases.randomElement(using: &rng)!.rawValue))
      case 82..<88:
        op = .addActivity(node: pick(), activity: Activity(id: "act\(k % 7)", date: Day(ordinal: 19000 + k)))
      case 88..<92:
        op = .addUnit(unit: Unit(id: "u\(k % 5)", name: "单位\(k)"))
      case 92..<96:
        op = .set(node: pick(), field: .lead, value: Bool.random(using: &rng) ? .text("u1") : .null)
      default:
        // Once past the bound, back to the top: a new chain starts.
        if chain.count > Campaign.maxDepth + 5 {
          last = nil
          chain = []
        }
        op = .set(node: pick(), field: .note, value: .text("备注\(k)"))
      }
      let device = "d\(Int.random(in: 0..<3, using: &rng))"
      events.append(Event(device: device, seq: k + 1, clock: clock, user: "u", at: "", op: op))
    }
    return events
  }

  static func oneByOne(_ c: Campaign, _ events: [Event]) -> Campaign {
    var c = c
    for e in events.sorted(by: Event.precedes) { c.apply(e) }
    return c
  }

  @Test(arguments: Array(1...24) as [UInt64])
  func replayEqualsApplyingOneByOne(seed: UInt64) {
    for damaged in [false, true] {
      let events = Self.history(seed: seed, count: 400)
      let expected = Self.oneByOne(Self.base(damaged: damaged), events)
      var c = Self.base(damaged: damaged)
      c.replay(events)
      #expect(c == expected, "seed \(seed), damaged \(damaged)")
      #expect(c.nodes.map(\.id) == expected.nodes.map(\.id))
      #expect(c.settledStamps == expected.settledStamps)
      #expect(c.structuralIssues() == expected.structuralIssues())
      // In order already, and said so.
      var sorted = Self.base(damaged: damaged)
      sorted.replay(events.sorted(by: Event.precedes), sorted: true)
      #expect(sorted == expected)
      // Shuffled: the sort puts them back.
      var rng = Synthetic.Rng(seed: seed &* 977)
      var shuffled = Self.base(damaged: damaged)
      shuffled.replay(events.shuffled(using: &rng))
      #expect(shuffled == expected)
    }
  }

  /// The histories do reach the depth bound, so that refusals are tested.
  @Test func historiesReachTheBound() {
    let deepest = (1...24 as ClosedRange<UInt64>).map { seed -> Int in
      let c = Self.oneByOne(Self.base(damaged: false), Self.history(seed: seed, count: 400))
      return c.nodes.indices.map(c.depth).max() ?? 0
    }
    #expect(deepest.contains(Campaign.maxDepth - 1), "deepest per seed: \(deepest)")
  }

  /// Replayed in slices (as a workspace appends batch after batch), each
  /// slice on the state the last left: the same as all at once.
  @Test(arguments: [3, 5, 8] as [UInt64])
  func replayInSlices(seed: UInt64) {
    let events = Self.history(seed: seed, count: 300).sorted(by: Event.precedes)
    let expected = Self.oneByOne(Self.base(damaged: false), events)
    var c = Self.base(damaged: false)
    var k = 0
    var rng = Synthetic.Rng(seed: seed)
    while k < events.count {
      let n = min(events.count - k, Int.random(in: 1...40, using: &rng))
      c.replay(Array(events[k..<(k + n)]), sorted: true)
      k += n
    }
    #expect(c == expected)
  }

  /// Every derived answer holds after a bulk replay: ids, codes, links.
  @Test func linksAreRebuiltAtTheEnd() {
    var events: [Event] = []
    for k in 0..<3000 {
      let parent: String? = k % 30 == 0 ? nil : "i\(k - k % 30)"
      events.append(Event(device: "d", seq: k + 1, clock: k + 1, user: "u", at: "",
                          op: .addNode(node: Node(id: "i\(k)", parent: parent, kind: .item, title: "\(k)"), after: nil)))
    }
    var c = Campaign(id: "c", title: "c")
    c.replay(events)
    #expect(c.nodes.count == 3000)
    #expect(c.roots.count == 100)
    #expect(c.position(of: "i2999") == 2999)
    #expect(c.index["i1234"] == 1234)
    #expect(c.code(2999) == "100.29")
    #expect(c.childrenOf[2970].count == 29)
    #expect(c.preorder().count == 3000)
    #expect(c == Campaign(id: "c", title: "c", nodes: c.nodes))
    // A duplicate and an add under a node that is not there change nothing.
    var again = c
    again.replay([
      Event(device: "d", seq: 3001, clock: 3001, user: "u", at: "",
            op: .addNode(node: Node(id: "i5", kind: .item, title: "重复"), after: nil)),
      Event(device: "d", seq: 3002, clock: 3002, user: "u", at: "",
            op: .addNode(node: Node(id: "new", parent: "nowhere", kind: .item, title: "无上级"), after: nil)),
    ])
    #expect(again == c)
  }

  /// The id table grows as nodes are added one at a time.
  @Test func idTableGrows() {
    var c = Campaign(id: "c", title: "c")
    for k in 0..<5000 {
      c.appendUnlinked(Node(id: "g\(k)", kind: .item, title: ""))
      if k % 997 == 0 {
        for j in stride(from: 0, through: k, by: 13) { #expect(c.position(of: "g\(j)") == j) }
      }
    }
    #expect(c.position(of: "g4999") == 4999)
    #expect(c.position(of: "g5000") == nil)
  }
}
