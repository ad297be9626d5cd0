/// A campaign (创文): its facts, its units and the tree of nodes.
///
/// Nodes are kept flat, in file order, each naming its parent; siblings
/// keep the order they have in `nodes`. The parent and child links are
/// derived into integer arrays once per structural change, so walking the
/// tree never hashes a string.
public struct Campaign: Equatable, Sendable {
  /// The schema version this build reads and writes.
  public static let schemaVersion = 1
  /// The most levels a tree may have. A top-level node has depth 0 (level
  /// 1), so every node's `depth` is below this: at most 63. Real plans have
  /// at most about 8 levels (测评项目 → 指标 → 测评内容 → 测评标准; centre →
  /// sub-centre → institute → station → team); the bound keeps what is
  /// O(depth) per node (outline codes, indentation, exports) small, and a
  /// hostile or damaged file from making it O(n²). `structuralIssues()`
  /// reports a deeper node; `apply` refuses an add or a move that would
  /// make one.
  public static let maxDepth = 64

  public var id: String
  public var title: String
  public var start: Day?
  public var end: Day?
  /// Where the facts come from (the source document).
  public var source: String
  public var units: [Unit] { didSet { reindexUnits() } }
  /// Position of each unit id in `units` (the first, when repeated).
  private var unitIDs = IdTable(capacity: 0)
  /// Units whose id an earlier unit already has (`structuralIssues`).
  public private(set) var duplicateUnits: [Int] = []
  public private(set) var nodes: [Node]
  /// The last write of each last-writer-wins register, so that a late
  /// event still loses to a newer write (see `apply(_: Event)`).
  public var stamps: [Register: Stamp] = [:]
  /// Set when journals were folded into this snapshot (`compact`).
  public var compaction: Compaction?

  /// Position of each node id in `nodes`: `index["s12"]`.
  public var index: NodeIndex { NodeIndex(table: ids, nodes: nodes) }
  /// The same look-up without the view (which shares `nodes`, and would
  /// make a change that follows it copy them).
  public func position(of id: String) -> Int? { ids.find(id) { nodes[$0].id } }
  private var ids = IdTable(capacity: 0)
  /// Index of each node's parent, -1 for a top-level node. Inside Domain
  /// only (the fast paths walk it raw); other modules ask `parent(of:)`.
  private(set) var parentOf = NodeNumbers(raw: [])
  /// Indices of each node's children, in order.
  public private(set) var childrenOf = ChildLists(start: [0], list: [])
  /// 1-based place of each node among its siblings.
  public private(set) var placeOf = NodeNumbers(raw: [])
  /// Top-level nodes, in order.
  public private(set) var roots: [Int] = []
  /// Nodes whose id an earlier node already has (`structuralIssues`).
  public private(set) var duplicates: [Int] = []

  public init(
    id: String, title: String, start: Day? = nil, end: Day? = nil,
    source: String = "", units: [Unit] = [], nodes: [Node] = []
  ) {
    self.id = id
    self.title = title
    self.start = start
    self.end = end
    self.source = source
    self.units = units
    self.nodes = nodes
    reindex()
    reindexUnits()
  }

  private mutating func reindexUnits() {
    var table = IdTable(capacity: units.count)
    duplicateUnits = []
    for k in units.indices where table.insert(units[k].id, at: k, { units[$0].id }) != nil {
      duplicateUnits.append(k)
    }
    unitIDs = table
  }

  /// Rebuilds the derived links. Nodes whose parent is missing, or that
  /// sit on a cycle, are treated as top-level so that a damaged tree can
  /// still be shown; `structuralIssues()` reports them.
  mutating func reindex() {
    let n = nodes.count
    precondition(n < Int(Int32.max), "a campaign holds fewer than 2^31 nodes")
    duplicates = []
    // By index, not `for node in nodes`: copying a Node retains all its strings.
    ids = nodes.withUnsafeBufferPointer { nodes in
      var table = IdTable(capacity: n)
      for i in 0..<n where table.insert(nodes[i].id, at: i, { nodes[$0].id }) != nil {
        duplicates.append(i)
      }
      return table
    }
    // Siblings usually stand together: the last parent found is tried
    // before hashing (comparing small strings is cheaper than a look-up).
    var parents = [Int32](repeating: -1, count: n)
    nodes.withUnsafeBufferPointer { nodes in
      var lastParent: (id: String, at: Int32)? = nil
      for i in 0..<n {
        guard let p = nodes[i].parent else { continue }
        if let last = lastParent, last.id == p {
          parents[i] = last.at
        } else if let at = ids.find(p, { nodes[$0].id }) {
          lastParent = (p, Int32(at))
          parents[i] = Int32(at)
        }
      }
    }
    Campaign.breakCycles(&parents)
    // Children in one array: count them, then place each in file order.
    var start = [Int32](repeating: 0, count: n + 1)
    for i in 0..<n where parents[i] >= 0 { start[Int(parents[i]) + 1] += 1 }
    for i in 0..<n { start[i + 1] += start[i] }
    var list = [Int32](repeating: 0, count: Int(start[n]))
    var places = [Int32](repeating: 0, count: n)
    var filled = [Int32](repeating: 0, count: n)
    roots = []
    for i in 0..<n {
      let p = Int(parents[i])
      if p < 0 {
        roots.append(i)
        places[i] = Int32(roots.count)
      } else {
        list[Int(start[p] + filled[p])] = Int32(i)
        filled[p] += 1
        places[i] = filled[p]
      }
    }
    parentOf = NodeNumbers(raw: parents)
    placeOf = NodeNumbers(raw: places)
    childrenOf = ChildLists(start: start, list: list)
  }

  /// Makes top-level each node whose parents lead back to it or into a
  /// loop, as following each node's parents in file order would, cutting
  /// where the walk does not reach the top. A node is then cut when its
  /// parents lead into a loop and every node on the way (the loop
  /// included) comes after it in the file: a loop is cut at its first node,
  /// the rest of it hangs below that one, and a node leading into a loop
  /// is cut unless a node on its way was. Each node is followed once, so
  /// a chain of any depth costs its length, not its length times its depth.
  static func breakCycles(_ parents: inout [Int32]) {
    let n = parents.count
    // 0: not reached yet; 1: on the walk being followed; 2: done.
    var seen = [UInt8](repeating: 0, count: n)
    // For a node whose parents lead into a loop, the first node (the
    // smallest index) on its way, itself included; -1 when they lead to
    // the top.
    var first = [Int32](repeating: -1, count: n)
    var path: [Int] = []
    var loops = false
    for start in 0..<n where seen[start] == 0 {
      // Most often the parent came first and leads to the top.
      let parent = Int(parents[start])
      if parent < 0 || (seen[parent] == 2 && first[parent] < 0) {
        seen[start] = 2
        continue
      }
      path.removeAll(keepingCapacity: true)
      var j = start
      while j >= 0 && seen[j] == 0 {
        seen[j] = 1
        path.append(j)
        j = Int(parents[j])
      }
      var below: Int32 = -1  // `first` of the node the walk stopped at
      var end = path.count
      if j >= 0 && seen[j] == 1 {
        // A loop, from j to the end of the walk.
        loops = true
        let from = path.lastIndex(of: j)!
        let low = Int32(path[from...].min()!)
        for k in path[from...] {
          first[k] = low
          seen[k] = 2
        }
        end = from
        below = low
      } else if j >= 0 {
        below = first[j]
      }
      for k in path[..<end].reversed() {
        if below >= 0 { below = min(below, Int32(k)) }
        first[k] = below
        seen[k] = 2
      }
    }
    guard loops else { return }
    for i in 0..<n where parents[i] >= 0 && first[Int(parents[i])] >= Int32(i) { parents[i] = -1 }
  }

  // MARK: Lookups

  public func node(_ id: String) -> Node? { position(of: id).map { nodes[$0] } }

  public func unit(_ id: String) -> Unit? { position(ofUnit: id).map { units[$0] } }

  public func position(ofUnit id: String) -> Int? { unitIDs.find(id) { units[$0].id } }

  /// The parent of a node; nil for a top-level node.
  public func parent(of i: Int) -> Int? {
    let p = parentOf[i]
    return p >= 0 ? p : nil
  }

  /// The nodes above `i`, its parent first, up to its top-level node.
  public func ancestors(of i: Int) -> Ancestors { Ancestors(parentOf: parentOf, at: parentOf[i]) }

  /// The unit's name, or the id itself when no such unit is listed.
  public func unitName(_ id: String) -> String { unit(id)?.name ?? id }

  /// The outline code of a node: 1.2.3, derived from its place.
  public func code(_ i: Int) -> String {
    var parts: [Int] = []
    var j = i
    while j >= 0 {
      parts.append(placeOf[j])
      j = parentOf[j]
    }
    return parts.reversed().map(String.init).joined(separator: ".")
  }

  /// Depth of a node: 0 for top-level.
  public func depth(_ i: Int) -> Int {
    var d = 0
    var j = parentOf[i]
    while j >= 0 {
      d += 1
      j = parentOf[j]
    }
    return d
  }

  /// How many levels the subtree of `i` goes below it: 0 for a leaf.
  /// Costs the size of the subtree.
  public func height(below i: Int) -> Int {
    var most = 0
    // On the raw child lists, as `preorder()`.
    childrenOf.start.withUnsafeBufferPointer { start in
      childrenOf.list.withUnsafeBufferPointer { list in
        var stack: [(node: Int32, depth: Int32)] = [(Int32(i), 0)]
        while let (j, d) = stack.popLast() {
          most = max(most, Int(d))
          for k in Int(start[Int(j)])..<Int(start[Int(j) + 1]) { stack.append((list[k], d + 1)) }
        }
      }
    }
    return most
  }

  /// Finds a node by id or by outline code ("3.1.2").
  public func resolve(_ reference: String) -> Int? {
    if let i = position(of: reference) { return i }
    let parts = reference.split(separator: ".", omittingEmptySubsequences: false)
    guard !parts.isEmpty else { return nil }
    var level = roots
    var found: Int?
    for part in parts {
      guard let n = Int(part), n >= 1, n <= level.count else { return nil }
      found = level[n - 1]
      level = Array(childrenOf[found!])
    }
    return found
  }

  /// All indices in depth-first pre-order (the order of the outline).
  public func preorder() -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(nodes.count)
    // On the raw child lists: a `Children` view per node costs a retain.
    childrenOf.start.withUnsafeBufferPointer { start in
      childrenOf.list.withUnsafeBufferPointer { list in
        var stack = roots.reversed() as [Int]
        while let i = stack.popLast() {
          out.append(i)
          var k = Int(start[i + 1])
          while k > Int(start[i]) {
            k -= 1
            stack.append(Int(list[k]))
          }
        }
      }
    }
    return out
  }

  /// The node after `i` in pre-order, wrapping to the first at the end:
  /// walking from a node costs the distance walked, not the tree's size.
  public func next(inPreorder i: Int) -> Int {
    if let first = childrenOf[i].first { return first }
    var j = i
    while j >= 0 {
      let p = parentOf[j]
      let place = placeOf[j]  // 1-based: the next sibling is at `place`
      if p >= 0 {
        let siblings = childrenOf[p]
        if place < siblings.count { return siblings[place] }
      } else if place < roots.count {
        return roots[place]
      }
      j = p
    }
    return roots[0]
  }

  /// The node before `i` in pre-order, wrapping to the last at the start.
  public func previous(inPreorder i: Int) -> Int {
    let place = placeOf[i]
    var j: Int
    if place > 1 {
      j = parentOf[i] >= 0 ? childrenOf[parentOf[i]][place - 2] : roots[place - 2]
    } else if parentOf[i] >= 0 {
      return parentOf[i]
    } else {
      j = roots[roots.count - 1]
    }
    // The last of the last... below it.
    while let last = childrenOf[j].last { j = last }
    return j
  }

  /// The node and its siblings, in order.
  public func siblings(of i: Int) -> [Int] {
    parentOf[i] >= 0 ? Array(childrenOf[parentOf[i]]) : roots
  }

  /// Whether `ancestor` is `i` or above it.
  public func isAncestor(_ ancestor: Int, of i: Int) -> Bool {
    var j = i
    while j >= 0 {
      if j == ancestor { return true }
      j = parentOf[j]
    }
    return false
  }

  // MARK: Changes

  /// Changes one node's fields in place. The structure (id, parent) must
  /// not change through this: use `move` for that.
  public mutating func update(_ i: Int, _ body: (inout Node) -> Void) {
    let id = nodes[i].id
    let parent = nodes[i].parent
    body(&nodes[i])
    nodes[i].id = id
    nodes[i].parent = parent
  }

  /// Adds a node as the last child of its parent, or right after the
  /// sibling `after` when given. Like `move` and `remove`, this checks
  /// nothing (a parent that exists, the depth): `apply` does.
  public mutating func insert(_ node: Node, after: String? = nil) {
    if let after, let a = position(of: after) {
      nodes.insert(node, at: a + 1)
    } else {
      nodes.append(node)
    }
    reindex()
  }

  /// Removes a node and everything below it.
  public mutating func remove(_ id: String) {
    guard let i = position(of: id) else { return }
    var drop = Set<Int>()
    var stack = [i]
    while let j = stack.popLast() {
      drop.insert(j)
      stack.append(contentsOf: childrenOf[j])
    }
    nodes = nodes.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    reindex()
  }

  /// Moves a node under another parent (nil: top level), after a sibling
  /// or last. A move that would put a node under itself is ignored.
  public mutating func move(_ id: String, to parent: String?, after: String? = nil) {
    guard let i = position(of: id) else { return }
    if let parent, let p = position(of: parent), isAncestor(i, of: p) { return }
    var node = nodes.remove(at: i)
    node.parent = parent
    reindex()
    insert(node, after: after)
  }

  // MARK: Bulk additions

  /// Appends a node (the last child of its parent) without rebuilding the
  /// links: the id table is kept up to date (grown when needed), so
  /// `position(of:)` stays right, but `parentOf`, `childrenOf`, `placeOf`
  /// and `roots` do not cover the new node until `reindex()`. For
  /// `replay`, which adds many nodes and rebuilds the links once.
  mutating func appendUnlinked(_ node: Node) {
    let i = nodes.count
    nodes.append(node)
    nodes.withUnsafeBufferPointer { nodes in
      ids.reserve(nodes.count) { nodes[$0].id }
      _ = ids.insert(nodes[i].id, at: i) { nodes[$0].id }
    }
  }

  /// Parent ids that nodes name but no node has (only in a damaged
  /// snapshot): a node added with such an id becomes their parent.
  func missingParents() -> Set<String> {
    var missing = Set<String>()
    for i in 0..<parentOf.count where parentOf[i] < 0 {
      if let p = nodes[i].parent, position(of: p) == nil { missing.insert(p) }
    }
    return missing
  }

  /// Adds a unit, or returns the id of the one with that name.
  @discardableResult
  public mutating func ensureUnit(named name: String, id: String? = nil) -> String {
    if let u = units.first(where: { $0.name == name }) { return u.id }
    let newID = id ?? "u\(units.count + 1)"
    units.append(Unit(id: newID, name: name))
    return newID
  }
}

/// The nodes above one node, nearest first: `campaign.ancestors(of: i)`.
public struct Ancestors: Sequence, IteratorProtocol, Sendable {
  let parentOf: NodeNumbers
  /// The next to give; -1 past the top.
  var at: Int
  public mutating func next() -> Int? {
    guard at >= 0 else { return nil }
    defer { at = parentOf[at] }
    return at
  }
}

/// A record of journals folded into the snapshot: how far each device's
/// journal was folded, so a copy made before the compaction still merges
/// (its folded lines are recognised and skipped, the rest taken in).
public struct Compaction: Equatable, Sendable {
  /// How far one device's journal was folded: its last folded event.
  public struct Mark: Equatable, Sendable {
    public var seq: Int
    /// The hash of that event's journal line, where the chain carries on.
    public var hash: String
    public init(seq: Int, hash: String) {
      self.seq = seq
      self.hash = hash
    }
  }

  /// 1 for the first compaction, then 2, 3…: a later one folds more.
  public var generation: Int
  /// The largest Lamport clock folded: new events count on from it.
  public var clock: Int
  /// When, and by whom.
  public var at: String
  public var by: String
  public var devices: [String: Mark]

  public init(generation: Int, clock: Int, at: String, by: String, devices: [String: Mark]) {
    self.generation = generation
    self.clock = clock
    self.at = at
    self.by = by
    self.devices = devices
  }
}
