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
  /// event still loses to a newer write (see `apply(_: Event)`). The
  /// stamps a replay leaves by node position wait in `unsettled` until
  /// first asked for: put in the table, 10,000 events' took 2 ms of
  /// 100,000 nodes' first frame, which never reads them (the dashboard
  /// settles them after it, `settleStamps`).
  public var stamps: [Register: Stamp] {
    mutating get {
      settleStamps()
      return stampTable
    }
    set {
      unsettled = []
      stampTable = newValue
    }
  }
  /// `stamps` as far as they are settled. Domain's writers settle first
  /// (`settleStamps`), then read and write this in place.
  var stampTable: [Register: Stamp] = [:]
  /// A replay's last stamps by position, in replay order (`FieldStamps`
  /// keep each node's id as well, so positions changed since do not matter).
  private var unsettled: [FieldStamps] = []

  /// Whether a replay's stamps wait to be put in `stamps`.
  public var hasUnsettledStamps: Bool { !unsettled.isEmpty }

  /// Puts a replay's waiting stamps in `stamps`.
  public mutating func settleStamps() {
    guard !unsettled.isEmpty else { return }
    let all = unsettled
    unsettled = []
    settle(all)
  }

  /// Leaves these stamps by position (in replay order, after any waiting)
  /// to be settled when first asked for.
  mutating func settleLater(_ all: [FieldStamps]) {
    unsettled += all.filter { $0.count > 0 }
  }

  /// `stamps` of a campaign that is not changed here (a `let`): settled
  /// in a copy when some wait.
  public var settledStamps: [Register: Stamp] {
    guard hasUnsettledStamps else { return stampTable }
    var c = self
    return c.stamps
  }
  /// Set when journals were folded into this snapshot (`compact`).
  public var compaction: Compaction?
  /// Who may change the structure (granted by journaled events).
  public var roles = Roles()
  /// The practice system's service orders (`Order`), in the order placed.
  public var orders: [Order] = []
  /// Evidence attached to nodes (`Evidence`), in the order attached.
  public var evidence: [Evidence] {
    get { evidenceList }
    set {
      evidenceList = newValue
      filesByNode = newValue.reduce(into: [:]) { $0[$1.node, default: 0] += 1 }
    }
  }
  private var evidenceList: [Evidence] = []
  /// How many files each node has: the tree shows it on every row it
  /// draws, so it is counted once, not by reading the list for each.
  private var filesByNode: [String: Int] = [:]
  public func evidenceCount(of node: String) -> Int { filesByNode[node] ?? 0 }
  mutating func append(_ e: Evidence) {
    evidenceList.append(e)
    filesByNode[e.node, default: 0] += 1
  }
  /// The coordinator's settings (order limits, evidence size).
  public var settings = PlanSettings()
  /// Inspection points (点位) and rounds of mock inspection.
  public var points: [InspectionPoint] = []
  public var rounds: [Round] = []
  /// Events replayed here that were void (a supervisor's structural
  /// change, a revoked key's): kept in their journals, listed.
  public private(set) var refused: [Refusal] = []

  mutating func refuse(_ event: Event, _ why: String) {
    refused.append(Refusal(device: event.device, seq: event.seq, reason: why))
  }

  /// Position of each node id in `nodes`: `index["s12"]`.
  public var index: NodeIndex { NodeIndex(table: ids, nodes: nodes) }
  /// The same look-up without the view (which shares `nodes`, and would
  /// make a change that follows it copy them).
  public func position(of id: String) -> Int? {
    var id = id
    return id.withUTF8 { key in
      nodes.withUnsafeBufferPointer { nodes in
        ids.find(bytes: key) { nodes[$0].texts.hasID(utf8: key) }
      }
    }
  }
  private var ids = IdTable(capacity: 0)

  /// The nodes and their id table, for threads that look up any node and
  /// each change nodes no other thread changes (`withNodesApart`): the
  /// caller keeps the threads apart; Swift cannot see it.
  struct NodesApart: @unchecked Sendable {
    let ids: IdTable
    let nodes: UnsafeMutableBufferPointer<Node>

    /// The positions of the nodes the `events` are about (-1: none has
    /// the id), appended to `out`, a batch at a time in stages: every
    /// id's first slot in the table, then every node found there checked
    /// against the id. A look-up at a time waited on three loads in a row
    /// out of the cache (at 100,000 nodes, 560 ns a look-up); a stage's
    /// loads do not wait for each other.
    func positions(of events: [UnsafePointer<Event>], into out: inout [Int32]) {
      let n = events.count
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { hashes in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n) { slots in
          for j in 0..<n {
            var id = events[j].pointee.op.nodeID
            hashes[j] = id.withUTF8 { IdTable.hash(bytes: $0) }
          }
          ids.firstSlots(UnsafeBufferPointer(hashes), into: slots.baseAddress!)
          for j in 0..<n {
            let p = slots[j]
            if p == 0 {
              out.append(-1)
              continue
            }
            // From the first slot on again, now in the cache.
            var id = events[j].pointee.op.nodeID
            let found = id.withUTF8 { key in ids.find(hash: hashes[j]) { nodes[$0].texts.hasID(utf8: key) } }
            out.append(Int32(found ?? -1))
          }
        }
      }
    }

    /// Changes node `i`'s own fields (`Node.set`, `log`, `record`…, none
    /// of which touches the id or the parent: `update` is not needed to
    /// put them back). Its texts are not copied to compare: that retained
    /// their arena, which nodes of both parts share, at every event.
    @inline(__always) func change(_ i: Int, _ body: (inout Node) -> Void) {
      body(&nodes[i])
    }
  }
  /// The hash of the id of the node at `i`, for the id table (which
  /// keeps a byte of it).
  private static func idHash(_ nodes: UnsafeBufferPointer<Node>, _ i: Int) -> UInt64 {
    nodes[i].texts.withID { IdTable.hash(bytes: $0) }
  }
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
  /// No duplicate id, every parent named found, no cycle: then `insert`,
  /// `remove` and `move` keep the links up to date in place.
  private(set) var sound = true
  /// What the last structural change did to the positions, for the
  /// rollup to follow (`Rollup.restructure`); nil after a full `reindex`.
  private(set) var lastEdit: StructuralEdit?
  /// False: every structural change rebuilds the links with `reindex()`,
  /// as the reference the tests hold the changes in place against.
  var editsInPlace = true

  /// Equal when the facts are: the links are derived from them.
  public static func == (a: Campaign, b: Campaign) -> Bool {
    a.id == b.id && a.title == b.title && a.start == b.start && a.end == b.end && a.source == b.source
      && a.units == b.units && a.nodes == b.nodes && a.settledStamps == b.settledStamps && a.compaction == b.compaction
      && a.roles == b.roles && a.orders == b.orders && a.evidence == b.evidence && a.settings == b.settings
      && a.points == b.points && a.rounds == b.rounds
  }

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
  ///
  /// This is the reference for the links: `insert`, `remove` and `move`
  /// keep them up to date without it on a sound tree (the in-place edits
  /// below, the child lists by `LinkEdits.swift`),
  /// and fall back to it on anything else.
  mutating func reindex() {
    let n = nodes.count
    precondition(n < Int(Int32.max), "a campaign holds fewer than 2^31 nodes")
    duplicates = []
    lastEdit = nil
    // By index, not `for node in nodes`: copying a Node retains all its strings.
    ids = nodes.withUnsafeBufferPointer { nodes in
      var table = IdTable(capacity: n)
      for i in 0..<n {
        let id = nodes[i].id
        if table.insert(id, at: i, where: { nodes[$0].texts.hasID(id) }) != nil { duplicates.append(i) }
      }
      return table
    }
    // Siblings usually stand together: the last parent found is tried
    // before hashing (comparing small strings is cheaper than a look-up).
    var parents = [Int32](repeating: -1, count: n)
    var named = 0  // nodes that name a parent
    nodes.withUnsafeBufferPointer { nodes in
      var lastParent: (id: String, at: Int32)? = nil
      for i in 0..<n {
        guard let p = nodes[i].parent else { continue }
        named += 1
        if let last = lastParent, last.id == p {
          parents[i] = last.at
        } else if let at = ids.find(p, where: { nodes[$0].texts.hasID(p) }) {
          lastParent = (p, Int32(at))
          parents[i] = Int32(at)
        }
      }
    }
    finishLinks(parents, named: named)
  }

  /// Takes the nodes a reader read, with the links it found as it read
  /// them (`LinkBuilder`): the links `reindex()` makes, without hashing
  /// every id again. Only the parents it did not find among a node's
  /// predecessors' ancestors are looked up; anything unusual (an id used
  /// twice, links of other nodes) goes through `reindex()`.
  package mutating func setNodes(_ read: consuming [Node], links: consuming LinkBuilder) {
    nodes = read
    guard links.count == nodes.count else {
      reindex()
      return
    }
    if links.table == nil { links.makeTable() }
    guard let table = links.table, take(table, sameTags: links.sameTags) else { return }
    // Taken out, not copied: the builder's is then the only reference, and
    // changing it in place copies nothing.
    var parents = links.takeParents()
    // The ids' tags are in the table now: their 4 MB go before the child
    // lists are made.
    links = LinkBuilder()
    var named = 0
    nodes.withUnsafeBufferPointer { nodes in
      parents.withUnsafeMutableBufferPointer { parents in
        for i in 0..<parents.count where parents[i] != -1 {
          named += 1
          if parents[i] == LinkBuilder.lookUp {
            parents[i] = ids.find(nodes[i].parent!, { nodes[$0].id }).map(Int32.init) ?? -1
          }
        }
      }
    }
    finishLinks(parents, named: named)
  }

  /// Each node's parent, for the open's cache (`CampaignCache`); nil
  /// unless every link is sound. (The id table is made again: its hashes
  /// are seeded for each process.)
  package var parentsForCache: [Int32]? {
    sound && duplicates.isEmpty ? parentOf.raw : nil
  }

  /// Takes nodes with the parents `parentsForCache` gave for them and
  /// their ids' tags (`IdTable.tag`), so no parent is looked up again;
  /// links that cannot be theirs go through `reindex()`.
  package mutating func setNodes(_ read: consuming [Node], parents: [Int32], tags: consuming [UInt32]) {
    nodes = read
    let n = Int32(truncatingIfNeeded: nodes.count)
    var named = 0
    for p in parents where p >= 0 { named += 1 }
    guard parents.count == nodes.count, tags.count == nodes.count, parents.allSatisfy({ $0 >= -1 && $0 < n }) else {
      reindex()
      return
    }
    let (table, sameTags) = tags.withUnsafeBufferPointer { IdTable.build(tags: $0) }
    // Their 4 MB (at a million nodes) go before the child lists are made.
    tags = []
    guard take(table, sameTags: sameTags) else { return }
    finishLinks(parents, named: named)
  }

  /// Takes `table` as the nodes' id table, unless two ids whose hashes'
  /// halves are the same (`sameTags`) are one id used twice: then the
  /// links are made again the long way (`reindex()`) and false returned.
  private mutating func take(_ table: IdTable, sameTags: [(Int, Int)]) -> Bool {
    let repeated = nodes.withUnsafeBufferPointer { nodes in sameTags.contains { nodes[$0.0].id == nodes[$0.1].id } }
    guard !repeated else {
      reindex()
      return false
    }
    duplicates = []
    lastEdit = nil
    ids = table
    return true
  }

  /// The links from each node's parent found (-1 where none was, of the
  /// `named` nodes that name one): loops cut, then the child lists.
  private mutating func finishLinks(_ parents: consuming [Int32], named: Int) {
    // A loop needs a node whose parent does not come before it: in a file
    // in outline order none does, and nothing is followed.
    let parentsFirst = parents.withUnsafeBufferPointer { p in (0..<p.count).allSatisfy { p[$0] < Int32($0) } }
    if !parentsFirst { Campaign.breakCycles(&parents) }
    var linked = 0
    for i in 0..<parents.count where parents[i] >= 0 { linked += 1 }
    sound = duplicates.isEmpty && linked == named
    link(parents)
  }

  /// Derives the child lists, places and roots from each node's parent
  /// (which must hold no cycle), and keeps `parents` as `parentOf`. The
  /// arrays of the links it replaces are written over when they are not
  /// shared: a fresh 4 MB array costs its pages' first touch.
  private mutating func link(_ parents: [Int32]) {
    let n = parents.count
    var start = childrenOf.start, list = childrenOf.list, places = placeOf.raw, top = roots
    childrenOf = ChildLists(start: [0], list: [])
    placeOf = NodeNumbers(raw: [])
    roots = []
    start.removeAll(keepingCapacity: true)
    start.append(contentsOf: repeatElement(0, count: n + 1))
    places.removeAll(keepingCapacity: true)
    places.append(contentsOf: repeatElement(0, count: n))
    top.removeAll(keepingCapacity: true)
    parents.withUnsafeBufferPointer { parents in
      start.withUnsafeMutableBufferPointer { start in
        // Children in one array: count them, then place each in file
        // order, `start[p]` counting on through p's children.
        for i in 0..<n where parents[i] >= 0 { start[Int(parents[i]) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        let count = Int(start[n])
        list.removeAll(keepingCapacity: true)
        list.append(contentsOf: repeatElement(0, count: count))
        list.withUnsafeMutableBufferPointer { list in
          places.withUnsafeMutableBufferPointer { places in
            for i in 0..<n {
              let p = Int(parents[i])
              if p < 0 {
                top.append(i)
                places[i] = Int32(top.count)
              } else {
                // Its slot in the list for now; its place once the
                // starts are back.
                places[i] = start[p]
                list[Int(start[p])] = Int32(i)
                start[p] += 1
              }
            }
            // Each start went on to the next one's: put them back.
            var k = n
            while k > 0 {
              start[k] = start[k - 1]
              k -= 1
            }
            start[0] = 0
            for i in 0..<n {
              let p = Int(parents[i])
              if p >= 0 { places[i] = places[i] - start[p] + 1 }
            }
          }
        }
      }
    }
    roots = top
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
  /// A node and every node below it, in outline order.
  public func subtree(of i: Int) -> [Int] {
    var out: [Int] = []
    var stack = [i]
    while let j = stack.popLast() {
      out.append(j)
      stack.append(contentsOf: childrenOf[j].reversed())
    }
    return out
  }

  public func ancestors(of i: Int) -> Ancestors { Ancestors(parentOf: parentOf, at: parentOf[i]) }

  /// The unit's name, or the id itself when no such unit is listed.
  public func unitName(_ id: String) -> String { unit(id)?.name ?? id }

  /// The outline code of a node: 1.2.3, derived from its place.
  public func code(_ i: Int) -> String {
    places(i).map(String.init).joined(separator: ".")
  }

  /// The places of a node's ancestors and its own, from the top: its
  /// outline code's numbers.
  func places(_ i: Int) -> [Int] {
    var out: [Int] = []
    var j = i
    while j >= 0 {
      out.append(placeOf[j])
      j = parentOf[j]
    }
    return out.reversed()
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

  /// `positions` in the order `preorder()` lists them, found without
  /// walking the tree: each by its place and its ancestors' places, from
  /// the top (a few of a million nodes: the standards a point is scored
  /// on, where walking the tree took 20 ms).
  public func outlineOrder(_ positions: [Int]) -> [Int] {
    positions.map { ($0, places($0)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
  }

  /// The tree in outline order (as `preorder()` lists it) a node at a
  /// time, going only into the nodes `enter` takes: for work done in
  /// slices between keys (a filter's rows, a table's), which keeps the
  /// walk from one slice to the next.
  public struct OutlineWalk: Sendable {
    private var stack: [Int]

    public init(_ c: Campaign, entering enter: (Int) -> Bool = { _ in true }) {
      stack = c.roots.reversed().filter(enter)
    }

    public var isDone: Bool { stack.isEmpty }

    /// The next node, and how many children it has (what the step read);
    /// those of its children `enter` takes come after it, in order.
    public mutating func next(in c: Campaign, entering enter: (Int) -> Bool = { _ in true }) -> (node: Int, children: Int)? {
      guard let i = stack.popLast() else { return nil }
      let kids = c.childrenOf[i]
      var k = kids.count
      while k > 0 {
        k -= 1
        if enter(kids[k]) { stack.append(kids[k]) }
      }
      return (i, kids.count)
    }
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
    let before = nodes[i].texts
    body(&nodes[i])
    // Set back only when changed: setting a text writes all four anew.
    if !nodes[i].texts.sameIDAndParent(as: before) {
      nodes[i].id = before.id
      nodes[i].parent = before.parent
    }
  }

  /// Calls `body` with the nodes where they lie, to read several fields
  /// of each, never to change one: `&nodes[i]` hands a node on by
  /// address (`inout`). Read as `c.nodes[i].lead`, `c.nodes[i].note`…
  /// from another module, a node is copied whole for each field asked
  /// (all it holds retained and released), and so it is when handed on
  /// as a value, however borrowed (`perf`: a tenth of `compact`).
  public func withNodesInPlace<R, E: Error>(_ body: (UnsafeMutableBufferPointer<Node>) throws(E) -> R) throws(E) -> R {
    try nodes.withUnsafeBufferPointer { (nodes) throws(E) -> R in try body(UnsafeMutableBufferPointer(mutating: nodes)) }
  }

  /// Calls `body` with the nodes held for threads that each look up and
  /// change nodes of their own (`replay`'s stretches of node-local events).
  mutating func withNodesApart<R>(_ body: (NodesApart) -> R) -> R {
    let ids = self.ids
    return nodes.withUnsafeMutableBufferPointer { body(NodesApart(ids: ids, nodes: $0)) }
  }

  /// Adds a node as the last child of its parent, or right after the
  /// sibling `after` when given. Like `move` and `remove`, this checks
  /// nothing (a parent that exists, the depth): `apply` does.
  public mutating func insert(_ node: Node, after: String? = nil) {
    var at = nodes.count
    if let after, let a = position(of: after) { at = a + 1 }
    if sound && editsInPlace && insertLinked(node, at: at) { return }
    nodes.insert(node, at: at)
    reindex()
  }

  /// Adds nodes at the end, each the last child of its parent (one the
  /// tree has, or one added before it here), as `insert(_:after: nil)` one
  /// by one would. On a sound tree the links are made once, after the
  /// last (`lastEdit` `.appended(from:)`), where each insertion made them
  /// all again: an undo putting back a deleted subtree took about 4 ms a
  /// node at a million nodes. False, with nothing changed, when one has
  /// an id used already, a parent not found, or would stand too deep.
  public mutating func appendNodes(_ added: [Node]) -> Bool {
    // All checked first: all are added or none.
    let n = nodes.count
    var batch: [String: Int] = [:]
    var parents: [Int32] = [], depths: [Int] = []
    for (k, node) in added.enumerated() {
      guard position(of: node.id) == nil, batch[node.id] == nil else { return false }
      var p: Int32 = -1, d = 0
      if let id = node.parent {
        if let j = batch[id] {
          (p, d) = (Int32(n + j), depths[j] + 1)
        } else if let j = position(of: id) {
          (p, d) = (Int32(j), depth(j) + 1)
        } else {
          return false
        }
      }
      guard d < Campaign.maxDepth else { return false }
      batch[node.id] = k
      parents.append(p)
      depths.append(d)
    }
    guard sound && editsInPlace else {
      for node in added { insert(node, after: nil) }
      return true
    }
    nodes.withUnsafeBufferPointer { nodes in ids.reserve(n + added.count) { Campaign.idHash(nodes, $0) } }
    nodes.append(contentsOf: added)
    nodes.withUnsafeBufferPointer { nodes in
      for i in n..<nodes.count { _ = ids.insert(nodes[i].id, at: i) { nodes[$0].id } }
    }
    var all = parentOf.raw
    parentOf = NodeNumbers(raw: [])  // one owner: changed in place
    all.append(contentsOf: parents)
    parentOf = NodeNumbers(raw: all)
    childrenOf.append(parents, at: n)
    // Each the last child of its parent: its place the count of its
    // parent's children but those added after it.
    var places = [Int32](repeating: 0, count: parents.count)
    var later: [Int32: Int32] = [:]
    for j in parents.indices.reversed() where parents[j] >= 0 {
      let p = parents[j], after = later[p, default: 0]
      places[j] = Int32(childrenOf.block(Int(p)).count) - after
      later[p] = after + 1
    }
    for (j, p) in parents.enumerated() where p < 0 {
      roots.append(n + j)
      places[j] = Int32(roots.count)
    }
    placeOf.raw.append(contentsOf: places)
    lastEdit = .appended(from: n)
    return true
  }

  /// Removes a node and everything below it.
  public mutating func remove(_ id: String) {
    guard let i = position(of: id) else {
      lastEdit = .unchanged
      return
    }
    var drop: [Int] = []
    var stack = [i]
    while let j = stack.popLast() {
      drop.append(j)
      stack.append(contentsOf: childrenOf[j])
    }
    drop.sort()
    if sound && editsInPlace && removeLinked(root: i, drop) { return }
    let dropped = Set(drop)
    nodes = nodes.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    reindex()
  }

  /// Moves a node under another parent (nil: top level), after a sibling
  /// or last. A move that would put a node under itself is ignored.
  public mutating func move(_ id: String, to parent: String?, after: String? = nil) {
    guard let i = position(of: id) else {
      lastEdit = .unchanged
      return
    }
    if let parent, let p = position(of: parent), isAncestor(i, of: p) {
      lastEdit = .unchanged
      return
    }
    if sound && editsInPlace && moveLinked(i, to: parent, after: after) { return }
    var node = nodes.remove(at: i)
    node.parent = parent
    reindex()
    insert(node, after: after)
    lastEdit = nil
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
      ids.reserve(nodes.count) { Campaign.idHash(nodes, $0) }
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
    /// The public key the device signs with, once it signs (its lines
    /// after the mark must be signed by it).
    public var key: String?
    public init(seq: Int, hash: String, key: String? = nil) {
      self.seq = seq
      self.hash = hash
      self.key = key
    }
  }

  /// 1 for the first compaction, then 2, 3…: a later one folds more.
  public var generation: Int
  /// The largest Lamport clock folded: new events count on from it.
  public var clock: Int
  /// When, and by whom.
  public var at: String
  public var by: String
  /// The device that compacted (a coordinator's), when recorded.
  public var device: String?
  public var devices: [String: Mark]

  public init(generation: Int, clock: Int, at: String, by: String, device: String? = nil, devices: [String: Mark]) {
    self.generation = generation
    self.clock = clock
    self.at = at
    self.by = by
    self.device = device
    self.devices = devices
  }
}

/// What a structural change did to the nodes' positions, for whatever is
/// kept by position (the rollup) to follow it without starting over.
enum StructuralEdit: Equatable, Sendable {
  /// Nothing moved (a move under itself, ignored).
  case unchanged
  /// One node was added at this position; those from it on moved up one.
  case inserted(at: Int)
  /// Nodes were added at the end from this position on, each the last
  /// child of its parent (`appendNodes(_:)`), parents before their children.
  case appended(from: Int)
  /// The subtree of `root` (whose parent was `parent`, -1 at the top) was
  /// taken out: `removed` are its old positions, ascending.
  case removed(root: Int, parent: Int, removed: [Int])
  /// The node at `from` (with its subtree, which stays where it is) now
  /// stands at `to`, the nodes between shifting by one toward `from`; its
  /// parent was `parent` (an old position, -1 at the top).
  case moved(from: Int, to: Int, parent: Int)

  /// Where the node at old position `k` stands after a move.
  static func movedPosition(_ k: Int, from: Int, to: Int) -> Int {
    if k == from { return to }
    if from < to, k > from, k <= to { return k - 1 }
    if to < from, k >= to, k < from { return k + 1 }
    return k
  }
}

// MARK: Structural changes in place
//
// On a sound tree (no duplicate ids, every parent found, no cycle), an
// add, a removal and a move keep the id table without hashing the ids
// again (the positions in its slots are shifted in one pass), and derive
// the child lists from the parents in one pass of integers. `reindex()`
// stays the reference: the tests compare these against it after every
// step, and anything unusual goes through it.
extension Campaign {
  /// Inserts `node` at position `at`, keeping the links; false (nothing
  /// done) when it would damage the tree: its id is taken, or its parent
  /// names no node.
  fileprivate mutating func insertLinked(_ node: Node, at: Int) -> Bool {
    let n = nodes.count
    guard position(of: node.id) == nil else { return false }
    var parent: Int32 = -1
    if let p = node.parent {
      guard let pi = position(of: p) else { return false }
      parent = Int32(pi >= at ? pi + 1 : pi)
    }
    nodes.withUnsafeBufferPointer { nodes in ids.reserve(n + 1) { Campaign.idHash(nodes, $0) } }
    if at < n { ids.remap { Renaming.inserted($0, at: at) } }
    nodes.insert(node, at: at)
    nodes.withUnsafeBufferPointer { nodes in _ = ids.insert(nodes[at].id, at: at) { nodes[$0].id } }
    var parents = parentOf.raw
    parentOf = NodeNumbers(raw: [])  // one owner: changed in place
    parents.shiftUp(from: at)
    parents.insert(parent, at: at)
    parentOf = NodeNumbers(raw: parents)
    childrenOf.open(at: at)
    placeOf.raw.insert(0, at: at)
    for k in roots.indices where roots[k] >= at { roots[k] += 1 }
    attach(at, to: Int(parent))
    lastEdit = .inserted(at: at)
    return true
  }

  /// Removes the subtree of `root` (its positions `drop`, ascending).
  fileprivate mutating func removeLinked(root: Int, _ drop: [Int]) -> Bool {
    let oldParent = parentOf[root]
    let gone = Removal(drop)
    nodes.withUnsafeBufferPointer { nodes in
      for k in drop { ids.remove(nodes[k].id, at: k) { Campaign.idHash(nodes, $0) } }
    }
    // Every kept position moves back by the removed ones before it: the
    // id table's slots and the parents (a kept node's parent is kept,
    // the whole subtree goes), each in one pass.
    if gone.isFew {
      ids.remap { gone.shifted($0) }
    } else {
      ids.remap { $0 < 0 ? $0 : gone.searched($0) }
    }
    var parents = parentOf.raw
    parentOf = NodeNumbers(raw: [])  // one owner: changed in place
    parents.removeSorted(drop)
    gone.shift(&parents)
    nodes.removeSorted(drop)
    parentOf = NodeNumbers(raw: parents)
    // Out of its parent's block, the subtree's blocks hold only itself.
    detach(root, from: oldParent)
    childrenOf.removeBlocks(drop, gone)
    placeOf.raw.removeSorted(drop)
    for k in roots.indices { roots[k] = gone.isFew ? gone.shifted(roots[k]) : gone.searched(roots[k]) }
    lastEdit = .removed(root: root, parent: oldParent, removed: drop)
    return true
  }

  /// Moves node `i` under `parent` after `after` (or last), keeping the
  /// links; false (nothing done) when the parent names no node.
  fileprivate mutating func moveLinked(_ i: Int, to parent: String?, after: String?) -> Bool {
    let n = nodes.count
    var newParent = -1
    if let parent {
      guard let p = position(of: parent) else { return false }
      newParent = p
    }
    // As `insert` after taking the node out: after `after`, else last.
    var to = n - 1
    if let after, let a = position(of: after), a != i { to = a < i ? a + 1 : a }
    let oldParent = parentOf[i]
    var parents = parentOf.raw
    parentOf = NodeNumbers(raw: [])  // one owner: changed in place
    detach(i, from: oldParent)
    if i != to {
      parents.moveElement(from: i, to: to)
      parents.renameMoved(from: i, to: to)
      let moved = Renaming.Moved<Int>(from: i, to: to)
      ids.remap { moved($0) }
      nodes.moveElement(from: i, to: to)
      childrenOf.moveBlock(from: i, to: to)
      placeOf.raw.moveElement(from: i, to: to)
      for k in roots.indices { roots[k] = StructuralEdit.movedPosition(roots[k], from: i, to: to) }
    }
    parents[to] = newParent >= 0 ? Int32(StructuralEdit.movedPosition(newParent, from: i, to: to)) : -1
    nodes[to].parent = parent
    parentOf = NodeNumbers(raw: parents)
    attach(to, to: Int(parents[to]))
    lastEdit = .moved(from: i, to: to, parent: oldParent)
    return true
  }
}

extension Campaign {
  /// Takes node `i` out of its parent `p`'s children (-1: the roots); the
  /// places of the siblings after it move back one.
  fileprivate mutating func detach(_ i: Int, from p: Int) {
    let k = Int(placeOf.raw[i]) - 1
    if p >= 0 {
      childrenOf.remove(at: k, of: p)
      for slot in childrenOf.block(p).dropFirst(k) { placeOf.raw[Int(childrenOf.list[slot])] -= 1 }
    } else {
      roots.remove(at: k)
      for r in roots[k...] { placeOf.raw[r] -= 1 }
    }
  }

  /// Puts node `i` among its parent `p`'s children (-1: the roots) by its
  /// position, with its place; the places of the siblings after it move
  /// up one.
  fileprivate mutating func attach(_ i: Int, to p: Int) {
    let k: Int
    if p >= 0 {
      k = childrenOf.add(i, to: p)
      for slot in childrenOf.block(p).dropFirst(k + 1) { placeOf.raw[Int(childrenOf.list[slot])] += 1 }
    } else {
      k = roots.partitionPoint { $0 > i }
      roots.insert(i, at: k)
      for r in roots[(k + 1)...] { placeOf.raw[r] += 1 }
    }
    placeOf.raw[i] = Int32(k + 1)
  }
}

/// Positions taken out of the nodes (ascending), and where each kept
/// position stands afterwards: back by the removed ones before it. A
/// delete shifts every position the id table and the parents hold (at a
/// million nodes 1.5 million slots and a million parents), so the shift
/// is written to be branch-free, which the compiler makes a pass of
/// vectors, when the removed positions form at most four runs (a subtree
/// in outline order, and children added since at the end): a binary
/// search for each position cost 13 ms of a 22 ms delete.
struct Removal {
  let positions: [Int]
  /// The end (past the last) of each of the first four runs, and how many
  /// positions the runs up to it removed; past the runs an end no
  /// position reaches.
  private var ends: (Int, Int, Int, Int) = (.max, .max, .max, .max)
  private var lengths: (Int, Int, Int, Int) = (0, 0, 0, 0)
  /// At most four runs: `shifted` holds; otherwise `searched`.
  let isFew: Bool

  init(_ positions: [Int]) {
    self.positions = positions
    var runs: [(end: Int, removed: Int)] = []
    for (k, p) in positions.enumerated() {
      if let last = runs.last, last.end == p {
        runs[runs.count - 1] = (p + 1, k + 1)
      } else {
        runs.append((p + 1, k + 1))
      }
      if runs.count > 4 { break }
    }
    isFew = runs.count <= 4
    guard isFew else { return }
    // Each run's own length, so that a position adds up those it passed.
    func run(_ j: Int) -> (Int, Int) {
      guard j < runs.count else { return (.max, 0) }
      return (runs[j].end, runs[j].removed - (j > 0 ? runs[j - 1].removed : 0))
    }
    (ends.0, lengths.0) = run(0)
    (ends.1, lengths.1) = run(1)
    (ends.2, lengths.2) = run(2)
    (ends.3, lengths.3) = run(3)
  }

  /// Where kept position `k` stands afterwards (-1 stays -1), when
  /// `isFew`.
  @inline(__always) func shifted(_ k: Int) -> Int {
    // (end - 1 - k) >> 63 is all ones when k >= end, else 0: a mask, not
    // a branch (which the compiler made of `k >= end ? length : 0`, and
    // a position in the id table's slot order is anywhere).
    k &- (lengths.0 & (ends.0 &- 1 &- k) >> 63) &- (lengths.1 & (ends.1 &- 1 &- k) >> 63)
      &- (lengths.2 & (ends.2 &- 1 &- k) >> 63) &- (lengths.3 & (ends.3 &- 1 &- k) >> 63)
  }

  /// Where kept position `k` stands afterwards, for any removal.
  func searched(_ k: Int) -> Int {
    var low = 0, high = positions.count
    while low < high {
      let mid = (low + high) / 2
      if positions[mid] < k { low = mid + 1 } else { high = mid }
    }
    return k - low
  }

  /// Shifts each of `parents` (-1 stays -1), in one pass.
  func shift(_ parents: inout [Int32]) {
    guard let first = positions.first else { return }
    parents.withUnsafeMutableBufferPointer { parents in
      if isFew {
        // In 32 bits, so that a vector holds twice as many.
        let e = (Int32(clamping: ends.0), Int32(clamping: ends.1), Int32(clamping: ends.2), Int32(clamping: ends.3))
        let l = (Int32(lengths.0), Int32(lengths.1), Int32(lengths.2), Int32(lengths.3))
        for k in parents.indices {
          let p = parents[k]
          parents[k] = p &- (l.0 & (e.0 &- 1 &- p) >> 31) &- (l.1 & (e.1 &- 1 &- p) >> 31)
            &- (l.2 & (e.2 &- 1 &- p) >> 31) &- (l.3 & (e.3 &- 1 &- p) >> 31)
        }
      } else {
        for k in parents.indices where parents[k] > Int32(first) {
          parents[k] = Int32(searched(Int(parents[k])))
        }
      }
    }
  }
}

extension Array {
  /// Takes out the elements at `positions` (ascending), keeping the order
  /// of the rest: each stretch between two of them is moved once.
  mutating func removeSorted(_ positions: [Int]) {
    guard let first = positions.first else { return }
    let n = count
    let gone = positions.count
    withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      // The removed elements wait aside, then fill the end, to be dropped.
      let aside = UnsafeMutablePointer<Element>.allocate(capacity: gone)
      defer { aside.deallocate() }
      for (k, j) in positions.enumerated() { (aside + k).moveInitialize(from: base + j, count: 1) }
      var to = first
      for (k, j) in positions.enumerated() {
        let end = k + 1 < gone ? positions[k + 1] : n
        let count = end - (j + 1)
        if count > 0 { (base + to).moveInitialize(from: base + j + 1, count: count) }
        to += count
      }
      (base + n - gone).moveInitialize(from: aside, count: gone)
    }
    removeLast(gone)
  }

  /// Moves the element at `from` to `to`, those between shifting by one
  /// toward `from`: one move of the elements between, none copied.
  mutating func moveElement(from: Int, to: Int) {
    guard from != to else { return }
    withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      let aside = UnsafeMutablePointer<Element>.allocate(capacity: 1)
      defer { aside.deallocate() }
      aside.moveInitialize(from: base + from, count: 1)
      if from < to {
        (base + from).moveInitialize(from: base + from + 1, count: to - from)
      } else {
        (base + to + 1).moveInitialize(from: base + to, count: from - to)
      }
      (base + to).moveInitialize(from: aside, count: 1)
    }
  }
}
