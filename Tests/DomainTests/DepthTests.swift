import Foundation
import Testing
@testable import Domain
import WorkspaceFiles

/// The depth bound: `Campaign.maxDepth` levels, a top-level node at depth 0.
@Suite struct DepthTests {
  /// A chain c0 → c1 → … of `count` nodes, c0 at the top.
  static func chain(_ count: Int, reversed: Bool = false) -> [Node] {
    let nodes = (0..<count).map { k in
      Node(id: "c\(k)", parent: k == 0 ? nil : "c\(k - 1)", kind: k == 0 ? .group : .task, title: "第\(k + 1)层")
    }
    return reversed ? nodes.reversed() : nodes
  }

  static func add(_ id: String, under parent: String?, clock: Int = 1) -> Event {
    Event(device: "d", seq: clock, clock: clock, user: "u", at: "",
          op: .addNode(node: Node(id: id, parent: parent, kind: .item, title: id), after: nil))
  }

  @Test func theBoundIsSixtyFourLevels() {
    #expect(Campaign.maxDepth == 64)
    let c = Campaign(id: "c", title: "c", nodes: Self.chain(64))
    #expect(c.depth(63) == 63)
    #expect(c.structuralIssues().isEmpty)
  }

  @Test func aNodeOneLevelTooDeepIsReported() {
    let c = Campaign(id: "c", title: "c", nodes: Self.chain(65))
    let issues = c.structuralIssues()
    #expect(issues == [StructureIssue(node: 64, field: "parent", rule: .tooDeep(65))])
    #expect(issues[0].message(.zh) == "节点层级为 65，最多 64 层")
    #expect(issues[0].message(.en) == "the node is 65 levels deep: at most 64")
  }

  /// Only the top of a branch that goes too deep is reported, in file
  /// order among the other issues, and the walk is linear: a chain of
  /// 100,000 written child first is checked at once.
  @Test func aLongChainIsOneIssue() {
    let c = Campaign(id: "c", title: "c", nodes: Self.chain(100_000, reversed: true))
    let issues = c.structuralIssues()
    #expect(issues.count == 1)
    #expect(issues.first?.node == 100_000 - 65)
    #expect(issues.first?.rule == .tooDeep(65))
  }

  @Test func deepIssuesComeInFileOrder() {
    var nodes = Self.chain(66)
    nodes.append(Node(id: "side", parent: "c63", kind: .item, title: "旁支"))
    nodes.insert(Node(id: "lost", parent: "nowhere", kind: .item, title: "无上级"), at: 10)
    let c = Campaign(id: "c", title: "c", nodes: nodes)
    let issues = c.structuralIssues()
    #expect(issues.map(\.rule) == [.missingParent("nowhere"), .tooDeep(65), .tooDeep(65)])
    #expect(issues.map(\.node) == [10, 65, 67])
  }

  @Test func anAddTooDeepIsRefused() {
    var c = Campaign(id: "c", title: "c", nodes: Self.chain(64))
    let before = c
    do { let applied = c.apply(Self.add("deep", under: "c63")); #expect(applied == false) }
    do { let applied = c.apply(.addNode(node: Node(id: "deep", parent: "c63", kind: .item, title: "x"), after: "c10")); #expect(applied == false) }
    #expect(c == before)
    do { let applied = c.apply(Self.add("ok", under: "c62")); #expect(applied) }
    #expect(c.depth(c.position(of: "ok")!) == 63)
    #expect(c.structuralIssues().isEmpty)
  }

  @Test func aMoveTooDeepIsRefused() {
    // c0…c59, and a subtree t → t1 → t2 at the top.
    var nodes = Self.chain(60)
    nodes += [
      Node(id: "t", kind: .group, title: "t"),
      Node(id: "t1", parent: "t", kind: .task, title: "t1"),
      Node(id: "t2", parent: "t1", kind: .item, title: "t2"),
      Node(id: "t1b", parent: "t", kind: .item, title: "t1b"),
    ]
    var c = Campaign(id: "c", title: "c", nodes: nodes)
    let before = c
    // Under c59 (depth 59): t at 60, t2 at 62: fits.
    var fits = c
    do { let applied = fits.apply(.moveNode(node: "t", parent: "c59", after: nil)); #expect(applied) }
    #expect(fits.depth(fits.position(of: "t2")!) == 62)
    #expect(fits.structuralIssues().isEmpty)
    // A deeper spot: d60 → d61 under c59.
    var deeper = c
    do { let applied = deeper.apply(Self.add("d60", under: "c59")); #expect(applied) }
    do { let applied = deeper.apply(Self.add("d61", under: "d60")); #expect(applied) }
    let held = deeper
    // Under d61 (depth 61): t at 62, t2 at 64: refused, and its stamp not taken.
    let move = Event(device: "d", seq: 9, clock: 9, user: "u", at: "",
                     op: .moveNode(node: "t", parent: "d61", after: nil))
    do { let applied = deeper.apply(move); #expect(applied == false) }
    #expect(deeper == held)
    #expect(deeper.stamps[Register(node: "t", name: "place")] == nil)
    // A leaf fits where the subtree does not; so does t1 with t2 below it
    // (t1 at 62, t2 at 63).
    do { let applied = deeper.apply(.moveNode(node: "t1b", parent: "d61", after: nil)); #expect(applied) }
    do { let applied = deeper.apply(.moveNode(node: "t1", parent: "d61", after: nil)); #expect(applied) }
    #expect(deeper.depth(deeper.position(of: "t2")!) == 63)
    #expect(deeper.structuralIssues().isEmpty)
    // To the top is always fine.
    do { let applied = c.apply(.moveNode(node: "c30", parent: nil, after: nil)); #expect(applied) }
    #expect(c.depth(c.position(of: "c59")!) == 29)
    #expect(c != before)
  }

  /// The bulk path refuses the same additions, and later ones under a
  /// refused node find no parent: 100 chained adds make 64 nodes.
  @Test func replayRefusesTheSame() {
    var events: [Event] = []
    for k in 0..<100 { events.append(Self.add("c\(k)", under: k == 0 ? nil : "c\(k - 1)", clock: k + 1)) }
    // A move that would put a subtree's leaf too deep, one that fits,
    // and an add under a node at the last level.
    events.append(Self.add("top", under: nil, clock: 101))
    events.append(Self.add("under", under: "top", clock: 102))
    events.append(Event(device: "d", seq: 103, clock: 103, user: "u", at: "",
                        op: .moveNode(node: "top", parent: "c62", after: nil)))
    events.append(Event(device: "d", seq: 104, clock: 104, user: "u", at: "",
                        op: .moveNode(node: "under", parent: "c62", after: nil)))
    events.append(Self.add("last", under: "under", clock: 105))
    var bulk = Campaign(id: "c", title: "c")
    bulk.replay(events)
    var single = Campaign(id: "c", title: "c")
    for e in events { single.apply(e) }
    #expect(bulk == single)
    #expect(bulk.nodes.count == 64 + 2)
    #expect(bulk.position(of: "c63") != nil)
    #expect(bulk.position(of: "c64") == nil)
    #expect(bulk.parent(of: bulk.position(of: "top")!) == nil)
    #expect(bulk.depth(bulk.position(of: "under")!) == 63)
    #expect(bulk.position(of: "last") == nil)
    #expect(bulk.structuralIssues().isEmpty)
  }

  /// A campaign.json one level too deep does not open; the error names the
  /// line and column of the node's "parent".
  @Test func validateNamesThePosition() throws {
    let dir = NSTemporaryDirectory() + "chuangwen-depth-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Workspace.create(at: dir, campaign: Campaign(id: "c", title: "c", nodes: Self.chain(65)))
    let text = try String(contentsOfFile: dir + "/campaign.json", encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = lines.firstIndex { $0.contains("\"id\": \"c64\"") }! + 1
    do {
      _ = try Workspace.open(dir)
      Issue.record("a workspace too deep opened")
    } catch {
      guard case .invalid(let diagnostics) = error else {
        Issue.record("expected .invalid, got \(error)")
        return
      }
      #expect(diagnostics.count == 1)
      let d = diagnostics[0]
      #expect(d.line == line)
      // The column of the parent's value: "c63" in `"parent": "c63"`.
      let lead = lines[line - 1].components(separatedBy: "\"parent\": ")[0] + "\"parent\": "
      #expect(d.column == lead.count + 1)
      #expect(d.message == "the node is 65 levels deep: at most 64")
    }
  }

  /// Cycles are broken as following each node's parents in file order
  /// would (the walk this replaced, which cost the depth per node).
  @Test(arguments: Array(1...200) as [UInt64])
  func cyclesBreakAsBefore(seed: UInt64) {
    var rng = Synthetic.Rng(seed: seed)
    let n = Int.random(in: 1...60, using: &rng)
    var parents = (0..<n).map { _ -> Int32 in
      Int.random(in: 0..<5, using: &rng) == 0 ? -1 : Int32(Int.random(in: 0..<n, using: &rng))
    }
    if seed % 4 == 0 { parents = parents.map { $0 >= 0 && Bool.random(using: &rng) ? -1 : $0 } }
    var expected = parents
    for i in 0..<n where expected[i] >= 0 {
      var p = Int(expected[i])
      var steps = 0
      while p >= 0 && p != i && steps <= n {
        p = Int(expected[p])
        steps += 1
      }
      if p == i || steps > n { expected[i] = -1 }
    }
    Campaign.breakCycles(&parents)
    #expect(parents == expected, "seed \(seed)")
  }
}
