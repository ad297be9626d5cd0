import Testing
@testable import Domain
import WorkspaceFiles

/// Structural changes keep the tree's links in place (no `reindex()`) on a
/// sound tree. After every step of random edits, on sound and damaged
/// trees, every derived structure must be what a rebuild from scratch
/// gives, the nodes what the rebuilding path (`editsInPlace` off) leaves,
/// and the rollup what counting again gives.
@Suite struct StructureEditTests {
  /// A random tree: parents among the nodes before (sound) or, when
  /// `damaged`, also after (cycles), missing ones and repeated ids.
  static func tree(_ rng: inout Synthetic.Rng, size: Int, damaged: Bool) -> Campaign {
    var nodes: [Node] = []
    let statuses = Status.allCases
    for k in 0..<size {
      var id = "n\(k)"
      if damaged && k > 0 && Int.random(in: 0..<8, using: &rng) == 0 { id = "n\(Int.random(in: 0..<k, using: &rng))" }
      var parent: String? = nil
      let roll = Int.random(in: 0..<10, using: &rng)
      if k > 0 && roll < 7 { parent = "n\(Int.random(in: 0..<k, using: &rng))" }
      if damaged && roll == 7 { parent = "n\(Int.random(in: 0..<(size + 2), using: &rng))" }
      if damaged && roll == 8 { parent = "ghost\(Int.random(in: 0..<3, using: &rng))" }
      var node = Node(id: id, parent: parent, kind: .task, title: "事项\(k)")
      node.status = statuses.randomElement(using: &rng)!
      if Int.random(in: 0..<4, using: &rng) == 0 { node.due = Day(ordinal: 20000 + Int.random(in: -5...5, using: &rng)) }
      if Int.random(in: 0..<6, using: &rng) == 0 { node.problems = [Problem(id: "p\(k)", text: "问题")] }
      nodes.append(node)
    }
    return Campaign(id: "c", title: "测试", units: [Unit(id: "u1", name: "甲")], nodes: nodes)
  }

  /// An id: mostly one the tree has, sometimes one it lacks.
  static func someID(_ c: Campaign, _ rng: inout Synthetic.Rng) -> String {
    if c.nodes.isEmpty || Int.random(in: 0..<12, using: &rng) == 0 {
      return Bool.random(using: &rng) ? "ghost\(Int.random(in: 0..<3, using: &rng))" : "none"
    }
    return c.nodes.randomElement(using: &rng)!.id
  }

  /// Every derived structure of `c` against `c` rebuilt from scratch.
  static func checkLinks(_ c: Campaign, _ context: String) {
    var r = c
    r.reindex()
    #expect(c.parentOf == r.parentOf, "parentOf \(context)")
    #expect(c.childrenOf == r.childrenOf, "childrenOf \(context)")
    #expect(c.placeOf == r.placeOf, "placeOf \(context)")
    #expect(c.roots == r.roots, "roots \(context)")
    #expect(c.duplicates == r.duplicates, "duplicates \(context)")
    #expect(c.sound == r.sound, "sound \(context)")
    #expect(c.preorder() == r.preorder(), "preorder \(context)")
    for id in c.nodes.map(\.id) + ["none", "ghost0", "ghost1", "ghost2", "n999"] {
      #expect(c.position(of: id) == r.position(of: id), "position of \(id) \(context)")
      #expect(c.index[id] == r.index[id], "index of \(id) \(context)")
    }
    #expect(c.structuralIssues() == r.structuralIssues(), "issues \(context)")
  }

  /// `c` changed in place against `reference` changed by rebuilding: the
  /// same nodes and facts, as written too; its links as rebuilt; its
  /// rollup as counted again.
  static func checkAgainst(_ reference: Campaign, _ c: Campaign, _ rollup: Rollup, _ context: String) {
    #expect(c.nodes == reference.nodes, "nodes \(context)")
    #expect(c == reference, "campaign \(context)")
    #expect(CampaignCodec.encode(c) == CampaignCodec.encode(reference), "encoded \(context)")
    checkLinks(c, context)
    checkRollup(rollup, c, context)
  }

  static func checkRollup(_ rollup: Rollup, _ c: Campaign, _ context: String) {
    let fresh = Rollup(c, today: rollup.today)
    #expect(rollup.leaves == fresh.leaves, "leaves \(context)")
    #expect(rollup.overdue == fresh.overdue, "overdue \(context)")
    #expect(rollup.rectifying == fresh.rectifying, "rectifying \(context)")
    #expect(rollup.fraction.count == fresh.fraction.count, "fractions \(context)")
    for i in 0..<min(rollup.fraction.count, fresh.fraction.count) {
      #expect(abs(rollup.fraction[i] - fresh.fraction[i]) < 1e-9, "fraction of \(i) \(context)")
    }
    #expect(abs(rollup.overall - fresh.overall) < 1e-9, "overall \(context)")
  }

  /// A random change: adds (last, after a sibling, after any node), moves
  /// (anywhere, under itself, to the top), removals and field sets;
  /// sometimes with a repeated id or a missing parent.
  static func someOperation(_ c: Campaign, _ rng: inout Synthetic.Rng, _ k: Int) -> Operation {
    let roll = Int.random(in: 0..<20, using: &rng)
    func parent() -> String? { Int.random(in: 0..<6, using: &rng) == 0 ? nil : someID(c, &rng) }
    func after(for parent: String?) -> String? {
      switch Int.random(in: 0..<4, using: &rng) {
      case 0: return nil
      case 1: return someID(c, &rng)  // anywhere, maybe elsewhere
      default:
        // A sibling under that parent.
        let siblings = parent.flatMap { c.position(of: $0) }.map { Array(c.childrenOf[$0]) } ?? c.roots
        return siblings.randomElement(using: &rng).map { c.nodes[$0].id }
      }
    }
    switch roll {
    case 0..<7:
      let p = parent()
      var id = "x\(k)"
      if Int.random(in: 0..<15, using: &rng) == 0 { id = someID(c, &rng) }  // taken, or a missing parent's id
      var node = Node(id: id, parent: p, kind: .task, title: "新\(k)")
      node.status = Status.allCases.randomElement(using: &rng)!
      if Bool.random(using: &rng) { node.due = Day(ordinal: 20000 + Int.random(in: -5...5, using: &rng)) }
      if Int.random(in: 0..<5, using: &rng) == 0 { node.problems = [Problem(id: "q\(k)", text: "问题")] }
      if Int.random(in: 0..<4, using: &rng) == 0 { node.quota = Quota(target: 3, activities: [Activity(id: "a\(k)", date: Day(ordinal: 20000))]) }
      return .addNode(node: node, after: after(for: p))
    case 7..<12:
      let p = parent()
      return .moveNode(node: someID(c, &rng), parent: p, after: after(for: p))
    case 12..<15:
      return .removeNode(node: someID(c, &rng))
    case 15:
      // A quota on any node, parents too: a parent's own quota counts as an
      // item, so attaching and detaching children must keep it.
      return .set(node: someID(c, &rng), field: .quota, value: QuotaTerms(target: Int.random(in: 1...4, using: &rng)).value)
    default:
      return .set(node: someID(c, &rng), field: .status,
                  value: .text(Status.allCases.randomElement(using: &rng)!.rawValue))
    }
  }

  /// The random numbers of `seed`, whether its tree is damaged (one seed
  /// in `damagedEvery`), the tree, the same on the rebuilding path
  /// (`editsInPlace` off), and its rollup.
  static func start(seed: UInt64, damagedEvery: UInt64, sizes: Range<Int>)
    -> (rng: Synthetic.Rng, damaged: Bool, tree: Campaign, reference: Campaign, rollup: Rollup) {
    var rng = Synthetic.Rng(seed: seed)
    let damaged = seed % damagedEvery == 0
    let c = tree(&rng, size: Int.random(in: sizes, using: &rng), damaged: damaged)
    var reference = c
    reference.editsInPlace = false
    return (rng, damaged, c, reference, Rollup(c, today: Day(ordinal: 20000)))
  }

  @Test(arguments: Array(1...60) as [UInt64])
  func editsInPlaceMatchRebuilding(seed: UInt64) {
    var (rng, damaged, c, reference, rollup) = Self.start(seed: seed, damagedEvery: 3, sizes: 0..<40)
    var inPlace = 0
    for k in 0..<80 {
      let op = Self.someOperation(c, &rng, k)
      let context = "seed \(seed) step \(k) \(op)"
      // Now and then through the unchecked methods, which may damage the tree.
      let raw = Int.random(in: 0..<10, using: &rng) == 0
      let applied: Bool
      let before = c.position(of: op.nodeID).map { c.nodes[$0] }
      let i = c.position(of: op.nodeID)
      if raw, case .addNode(let node, let after) = op {
        c.insert(node, after: after)
        reference.insert(node, after: after)
        applied = true
      } else if raw, case .moveNode(let id, let parent, let after) = op {
        c.move(id, to: parent, after: after)
        reference.move(id, to: parent, after: after)
        applied = true
      } else {
        applied = c.apply(op)
        #expect(reference.apply(op) == applied, "applied \(context)")
      }
      if applied {
        switch op {
        case .set:
          rollup.refresh(i!, was: before!, in: c)
        default:
          if c.lastEdit != nil && c.lastEdit != .unchanged { inPlace += 1 }
          rollup.restructure(c)
        }
      }
      Self.checkAgainst(reference, c, rollup, context)
    }
    // Sound trees mostly change in place (else this tests nothing).
    if !damaged { #expect(inPlace > 0, "seed \(seed): \(inPlace) changes in place") }
  }

  /// The same on trees of hundreds of nodes, sound: the child lists are
  /// edited block by block (`LinkEdits`), and wide fans, long runs of
  /// empty blocks and moves across many blocks only come with size.
  @Test(arguments: Array(1...6) as [UInt64])
  func largerTreesMatchRebuilding(seed: UInt64) {
    var (rng, _, c, reference, rollup) = Self.start(seed: seed, damagedEvery: 1000, sizes: 300..<500)
    for k in 0..<60 {
      let op = Self.someOperation(c, &rng, k)
      let context = "seed \(seed) step \(k) \(op)"
      let before = c.position(of: op.nodeID).map { c.nodes[$0] }
      let i = c.position(of: op.nodeID)
      let applied = c.apply(op)
      #expect(reference.apply(op) == applied, "applied \(context)")
      if applied {
        if case .set = op { rollup.refresh(i!, was: before!, in: c) } else { rollup.restructure(c) }
      }
      Self.checkAgainst(reference, c, rollup, context)
    }
  }

  /// Subtrees taken out and put back together at the end (`appendNodes`, an
  /// undo of a deletion), on sound and damaged trees: the same nodes as
  /// adding them one by one on the rebuilding path, links as rebuilt, the
  /// rollup as counted again; refused whole (nothing changed) where one
  /// cannot be added.
  @Test(arguments: Array(1...40) as [UInt64])
  func subtreesPutBackTogether(seed: UInt64) {
    var (rng, damaged, c, reference, rollup) = Self.start(seed: seed, damagedEvery: 4, sizes: 1..<50)
    var together = 0
    for k in 0..<20 {
      guard !c.nodes.isEmpty else { break }
      let root = Int.random(in: 0..<c.nodes.count, using: &rng)
      let context = "seed \(seed) step \(k) root \(c.nodes[root].id)"
      // The subtree in outline order, each node then the last child of its parent.
      var taken = c.subtree(of: root).map { c.nodes[$0] }
      guard c.apply(.removeNode(node: taken[0].id)) else { continue }
      let removed = reference.apply(.removeNode(node: taken[0].id))
      #expect(removed, "removed \(context)")
      rollup.restructure(c)
      // Now and then one that cannot be added: an id the tree has.
      let refused = Int.random(in: 0..<6, using: &rng) == 0 && !c.nodes.isEmpty
      if refused { taken.append(Node(id: c.nodes[0].id, parent: nil, kind: .task, title: "重复")) }
      let before = c
      let added = c.appendNodes(taken)
      let addedThere = reference.appendNodes(taken)
      #expect(addedThere == added, "added alike \(context)")
      // A damaged tree's subtree may name a parent it lacks, or an id
      // twice: refused like a repeated id.
      if refused || !added {
        #expect(!added && c == before, "refused whole \(context)")
        #expect(damaged || refused, "refused on a sound tree \(context)")
        continue
      }
      if case .appended? = c.lastEdit { together += 1 }
      rollup.restructure(c)
      Self.checkAgainst(reference, c, rollup, context)
    }
    if !damaged { #expect(together > 0, "seed \(seed): none put back together") }
  }

  /// The id table's removal keeps every other id findable, however the
  /// ids collide (a small table, many removals).
  @Test func idTableRemoval() {
    var rng = Synthetic.Rng(seed: 7)
    var ids = (0..<300).map { "id\($0)" }
    var table = IdTable(capacity: 0)
    table.reserve(ids.count) { IdTable.hash(ids[$0]) }
    for (k, id) in ids.enumerated() { _ = table.insert(id, at: k) { ids[$0] } }
    while !ids.isEmpty {
      let k = Int.random(in: 0..<ids.count, using: &rng)
      table.remove(ids[k], at: k) { IdTable.hash(ids[$0]) }
      table.remap { $0 > k ? $0 - 1 : $0 }
      let gone = ids.remove(at: k)
      #expect(table.find(gone) { ids[$0] } == nil)
      for (j, id) in ids.enumerated() where j % 7 == k % 7 {
        #expect(table.find(id) { ids[$0] } == j)
      }
    }
  }

  /// Grown one id at a time from empty, the table finds every id it was
  /// given where it was put, and none it was not; an id given twice is
  /// found at its first position.
  @Test func idTableGrowth() {
    let ids = (0..<5000).map { "g\($0 * 7919 % 5003)" }
    var table = IdTable(capacity: 0)
    for (k, id) in ids.enumerated() {
      table.reserve(k + 1) { IdTable.hash(ids[$0]) }
      #expect(table.insert(id, at: k) { ids[$0] } == nil)
    }
    #expect(ids.indices.allSatisfy { table.find(ids[$0]) { ids[$0] } == $0 })
    #expect(table.find("g5003") { ids[$0] } == nil && table.find("") { ids[$0] } == nil)
    #expect(table.insert(ids[1234], at: ids.count) { ids[$0] } == 1234)
  }

  /// Where a kept position goes when others are taken out: the
  /// branch-free shift (at most four runs) and the search agree with
  /// counting, for one to six runs, at the edges too; and the parents
  /// shift the same way, -1 staying -1.
  @Test func removalShift() {
    var rng = Synthetic.Rng(seed: 11)
    for _ in 0..<400 {
      let n = Int.random(in: 1...60, using: &rng)
      var drop: [Int] = []
      var k = Int.random(in: 0..<n, using: &rng)
      for _ in 0..<Int.random(in: 1...6, using: &rng) where k < n {
        let length = Int.random(in: 1...4, using: &rng)
        drop += k..<min(n, k + length)
        k += length + Int.random(in: 1...5, using: &rng)
      }
      let gone = Removal(drop)
      let kept = (0..<n).filter { !drop.contains($0) }
      for (to, from) in kept.enumerated() {
        #expect(gone.searched(from) == to)
        if gone.isFew { #expect(gone.shifted(from) == to) }
      }
      if gone.isFew { #expect(gone.shifted(-1) == -1) }
      var parents = kept.map { Int32($0) } + [-1]
      gone.shift(&parents)
      #expect(parents == (0..<kept.count).map { Int32($0) } + [-1])
      var array = Array(0..<n)
      array.removeSorted(drop)
      #expect(array == kept)
    }
  }

  /// Positions put in outline order by their places are in the order the
  /// tree's walk lists them, on sound and damaged trees (loops cut,
  /// parents missing), for any few of them.
  @Test(arguments: Array(1...30) as [UInt64])
  func outlineOrderIsThePreorder(seed: UInt64) {
    var (rng, _, c, _, _) = Self.start(seed: seed, damagedEvery: 3, sizes: 0..<60)
    let walk = c.preorder()
    #expect(c.outlineOrder(Array(c.nodes.indices).shuffled(using: &rng)) == walk, "seed \(seed)")
    let some = c.nodes.indices.filter { _ in Bool.random(using: &rng) }
    #expect(c.outlineOrder(some.shuffled(using: &rng)) == walk.filter(some.contains), "seed \(seed)")
  }
}
