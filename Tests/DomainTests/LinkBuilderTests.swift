import Testing
@testable import Domain

/// The links a reader finds as it reads (`LinkBuilder`, one reader or two
/// joined) are the links `reindex()` makes, on trees in outline order (the
/// parent found among the ancestors of the node before) and on any other
/// order, sound or damaged; and the rollup counted in file order is the
/// rollup counted in pre-order, to the bit.
@Suite struct LinkBuilderTests {
  /// Nodes in outline order, each a child of the node before or of one of
  /// its ancestors; sometimes (`damaged`) a repeated id, a parent later in
  /// the file or one that no node has.
  static func outline(_ rng: inout Synthetic.Rng, size: Int, damaged: Bool) -> [Node] {
    var nodes: [Node] = []
    var path: [String] = []
    for k in 0..<size {
      var id = "o\(k)"
      if damaged && k > 0 && Int.random(in: 0..<30, using: &rng) == 0 { id = "o\(Int.random(in: 0..<k, using: &rng))" }
      let up = path.isEmpty ? 0 : Int.random(in: 0...path.count, using: &rng)
      path.removeLast(min(up, path.count))
      var parent = path.last
      if damaged {
        let roll = Int.random(in: 0..<30, using: &rng)
        if roll == 0 { parent = "o\(Int.random(in: k..<(size + 2), using: &rng))" }
        if roll == 1 { parent = "ghost" }
      }
      var node = Node(id: id, parent: parent, kind: .item, title: "事项\(k)")
      node.status = Status.allCases.randomElement(using: &rng)!
      nodes.append(node)
      path.append(id)
    }
    return nodes
  }

  /// `nodes` taken in by one builder, or by two split at `split` and joined.
  static func built(_ nodes: [Node], split: Int?) -> (campaign: Campaign, clean: Bool) {
    var c = Campaign(id: "c", title: "测试", units: [Unit(id: "u1", name: "甲")])
    var first = LinkBuilder()
    let cut = split ?? nodes.count
    for i in 0..<cut { first.add(nodes[i].texts) }
    if split != nil {
      var second = LinkBuilder()
      for i in cut..<nodes.count { second.add(nodes[i].texts) }
      first.append(second)
    }
    first.makeTable()
    let clean = !first.sameTags.contains { nodes[$0.0].id == nodes[$0.1].id }
    c.setNodes(nodes, links: first)
    return (c, clean)
  }

  @Test(arguments: 0..<24)
  func builtLinksMatchReindexing(seed: UInt64) {
    var rng = Synthetic.Rng(seed: seed)
    let size = Int.random(in: 0..<400, using: &rng)
    let damaged = seed % 3 == 1
    let nodes = seed % 2 == 0
      ? Self.outline(&rng, size: size, damaged: damaged)
      : StructureEditTests.tree(&rng, size: size, damaged: damaged).nodes
    for split in [nil, 0, size / 2, Int.random(in: 0...size, using: &rng), size] {
      let (c, clean) = Self.built(nodes, split: split)
      StructureEditTests.checkLinks(c, "seed \(seed) split \(split.map(String.init) ?? "none")")
      // Without repeated ids the links are the builder's, not reindex's.
      if !damaged { #expect(clean) }
    }
  }

  /// The generated campaign (outline order, a million nodes' shape):
  /// links and the rollup against the reference.
  @Test func syntheticCampaign() {
    let reference = Synthetic.campaign(nodes: 3000, seed: 5)
    for split in [nil, 1, 1234] {
      let (c, clean) = Self.built(reference.nodes, split: split)
      #expect(clean)
      StructureEditTests.checkLinks(c, "split \(split.map(String.init) ?? "none")")
    }
  }

  /// Counted backwards through the file (parents first) or through the
  /// pre-order (some parent after its child), the rollup is the pre-order
  /// count written out here, to the bit.
  @Test(arguments: 0..<8)
  func rollupMatchesAPreorderCount(seed: UInt64) {
    var rng = Synthetic.Rng(seed: seed)
    var nodes = seed % 2 == 0
      ? Self.outline(&rng, size: 300, damaged: false)
      : StructureEditTests.tree(&rng, size: 300, damaged: true).nodes
    for i in nodes.indices where Int.random(in: 0..<3, using: &rng) == 0 {
      nodes[i].quota = Quota(target: 7, activities: [Activity(id: "a", date: Day(year: 2025, month: 1, day: 2)!, count: 3)])
    }
    let c = Campaign(id: "c", title: "t", nodes: nodes)
    let parentsFirst = c.nodes.indices.allSatisfy { (c.parent(of: $0) ?? -1) < $0 }
    #expect(parentsFirst == (seed % 2 == 0), "seed \(seed): both orders are tested")
    let rollup = Rollup(c, today: Day(year: 2025, month: 6, day: 1)!)
    var sums = [Double](repeating: 0, count: c.nodes.count), leaves = [Int](repeating: 0, count: c.nodes.count)
    for i in c.preorder().reversed() {
      // A leaf counts itself; so does a parent with a quota of its own.
      if c.childrenOf[i].isEmpty || c.nodes[i].quota != nil {
        leaves[i] += 1
        sums[i] += Rollup.leafFraction(c.nodes[i])
      }
      if let p = c.parent(of: i) {
        leaves[p] += leaves[i]
        sums[p] += sums[i]
      }
    }
    for i in c.nodes.indices {
      #expect(rollup.leaves[i] == leaves[i])
      #expect(rollup.fraction[i] == (leaves[i] > 0 ? sums[i] / Double(leaves[i]) : 0), "seed \(seed) node \(i)")
    }
  }
}

/// The rules checked node by node, each way they are checked: entries
/// compared pairwise (a few) or by a set (many), and unit ids remembered
/// once found (an unknown one is never taken for a known one).
@Suite struct StructureCheckTests {
  static func activities(_ ids: [String]) -> Quota {
    Quota(target: 1, activities: ids.map { Activity(id: $0, date: Day(year: 2025, month: 1, day: 1)!) })
  }

  @Test func repeatedEntriesAndUnknownUnits() {
    let many = (0..<30).map { "a\($0)" } + ["a3", "a29"]
    var nodes = [
      Node(id: "s1", kind: .station, title: "站", lead: "u1", quota: Self.activities(["a1", "a2", "a1", "a1"])),
      Node(id: "s2", kind: .station, title: "站", lead: "u9", quota: Self.activities(many)),
      Node(id: "s3", kind: .item, title: "项", lead: "u1",
           problems: [Problem(id: "p1", text: "x", unit: "u77"), Problem(id: "p1", text: "y", unit: "u2")],
           quota: Self.activities(["p1", "b"])),
    ]
    // Leads known and unknown, interleaved, more than the remembered few.
    for k in 0..<200 { nodes.append(Node(id: "n\(k)", kind: .item, title: "项", lead: "u\(k % 70)", support: k == 5 ? ["u1", "x"] : [])) }
    let units = (1...40).map { Unit(id: "u\($0)", name: "单位\($0)") }
    let c = Campaign(id: "c", title: "t", units: units, nodes: nodes)
    let issues = c.structuralIssues()
    func at(_ node: Int) -> [String] {
      issues.filter { $0.node == node }.map { "\($0.field)\($0.position.map { "[\($0)]" } ?? "") \($0.rule)" }
    }
    #expect(at(0) == ["activities[2] duplicateEntry(\"a1\")", "activities[3] duplicateEntry(\"a1\")"])
    #expect(at(1) == ["activities[30] duplicateEntry(\"a3\")", "activities[31] duplicateEntry(\"a29\")"])
    #expect(at(2) == ["problems[0] unknownUnit(\"u77\")", "problems[1] duplicateEntry(\"p1\")", "activities[0] duplicateEntry(\"p1\")"])
    for k in 0..<200 {
      let lead = k % 70
      var expected = lead >= 1 && lead <= 40 ? [] : ["lead unknownUnit(\"u\(lead)\")"]
      if k == 5 { expected.append("support[1] unknownUnit(\"x\")") }
      #expect(at(3 + k) == expected, "node n\(k)")
    }
  }

  /// Unit ids too long to be held in a String's own bytes, each lead a
  /// String of its own: remembered or not, known and unknown are told
  /// apart.
  @Test func longUnitIds() {
    func id(_ k: Int) -> String { "responsible-unit-\(k)" }
    let units = (1...40).map { Unit(id: id($0), name: "单位\($0)") }
    let nodes = (0..<300).map { Node(id: "n\($0)", kind: .item, title: "项", lead: id($0 % 70)) }
    let c = Campaign(id: "c", title: "t", units: units, nodes: nodes)
    let unknown = c.structuralIssues().map { "\($0.node ?? -1) \($0.rule)" }
    let expected = (0..<300).filter { !(1...40).contains($0 % 70) }.map { "\($0) unknownUnit(\"\(id($0 % 70))\")" }
    #expect(unknown == expected)
  }
}
