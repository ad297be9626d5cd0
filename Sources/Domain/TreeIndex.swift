/// The derived links of a campaign's tree, kept small: at a million nodes
/// every byte per node is a megabyte. Positions are 4-byte integers (a
/// campaign holds far fewer than two billion nodes) and read as `Int`.
///
/// Memory layout, kept inside Domain: `Campaign.parentOf` holds -1 for a
/// top-level node (other modules see `parent(of:) -> Int?` and
/// `ancestors(of:)`); `childrenOf` holds every child list in one array;
/// ids are found through `IdTable`'s slots; a node's rare facets (quota,
/// indicator, site) sit in boxes private to Node.swift.

/// Node ids to their positions in `nodes`: open addressing over 8-byte
/// slots, each holding half of the id's hash and the position. The ids
/// themselves stay in the nodes, so a look-up is handed them. A
/// `[String: Int]` cost about 50 bytes a node; this costs 12 to 16.
///
/// An id's place in the table (its home) is taken from the half of its
/// hash the slot keeps, so a slot says where it belongs: the table grows
/// without hashing an id again, and is built from the hashes a reader kept
/// (`init(tags:)`) in the order of their homes.
package struct IdTable: Sendable, Equatable {
  /// 0 is empty; otherwise the hash's upper half and position + 1.
  private var slots: [UInt64]
  /// `slots.count`, as a 64-bit factor for `home`.
  private var size: UInt64

  /// Room for `count` ids with the table at most two-thirds full. Any
  /// size, not a power of two: a million ids take 1.5 million slots
  /// (12 MB), where the next power of two took 2.1 million (16.8 MB).
  package init(capacity count: Int) {
    slots = Array(repeating: 0, count: IdTable.size(for: count))
    size = UInt64(slots.count)
  }

  private static func size(for count: Int) -> Int { max(16, count + count / 2 + 1) }

  /// Where the id whose slot is `s` (or whose hash's upper half is `s >> 32`)
  /// starts looking for room: the upper half scaled to the table's size
  /// (multiplied, then shifted; no division), so homes come in the order
  /// of the halves.
  @inline(__always) private func home(_ s: UInt64) -> Int { Int(truncatingIfNeeded: ((s >> 32) &* size) >> 32) }

  /// The slot after `k`, the first after the last.
  @inline(__always) private func after(_ k: Int) -> Int { k + 1 == slots.count ? 0 : k + 1 }

  /// Puts slot `s` at the first free place from its home; for slots of
  /// ids not in the table.
  @inline(__always) private mutating func place(_ s: UInt64) {
    var k = home(s)
    while slots[k] != 0 { k = after(k) }
    slots[k] = s
  }

  /// Makes the table big enough for `total` ids, at most three-quarters
  /// full (a new one is two-thirds full at most, so the first ids added
  /// after a file is read do not grow it): when it grows, its slots are
  /// placed again in a table half as big again (or more), so adding ids
  /// one by one costs O(1) each on average.
  package mutating func reserve(_ total: Int) {
    guard slots.count < total + total / 3 + 1 else { return }
    var bigger = IdTable(capacity: max(total, slots.count))
    // Slots in order have homes in order: the bigger table is written
    // front to back, not at random.
    for s in slots where s != 0 { bigger.place(s) }
    self = bigger
  }

  /// A 64-bit FNV-1a over the id's bytes, then mixed (murmur's finaliser)
  /// so that ids differing only at the end ("s1", "s2") spread over the
  /// table. The seed differs per process, like the standard library's.
  @inline(__always) static func hash(_ id: String) -> UInt64 {
    var id = id
    return id.withUTF8 { hash(bytes: $0) }
  }

  @inline(__always) static func hash(bytes id: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for b in id { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h = h &* 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
  }

  private static let seed = UInt64.random(in: 0...UInt64.max)

  /// The position of `id`, comparing against the ids `idAt` gives.
  @inline(__always) package func find(_ id: String, _ idAt: (Int) -> String) -> Int? {
    find(id) { idAt($0) == id }
  }

  /// The position of `id`, where `isID` tells whether a position's id is
  /// it (the nodes compare their arenas' bytes, making no String).
  @inline(__always) package func find(_ id: String, where isID: (Int) -> Bool) -> Int? {
    find(hash: IdTable.hash(id), where: isID)
  }

  /// The same by the id's bytes.
  @inline(__always) package func find(bytes id: UnsafeBufferPointer<UInt8>, where isID: (Int) -> Bool) -> Int? {
    find(hash: IdTable.hash(bytes: id), where: isID)
  }

  @inline(__always) private func find(hash h: UInt64, where isID: (Int) -> Bool) -> Int? {
    let tag = h >> 32
    var k = home(h)
    while true {
      let s = slots[k]
      if s == 0 { return nil }
      if s >> 32 == tag {
        let at = Int(s & 0xffff_ffff) - 1
        if isID(at) { return at }
      }
      k = after(k)
    }
  }

  /// Adds `id` at `position` unless it is there already: then returns the
  /// earlier position and keeps it.
  @inline(__always) package mutating func insert(_ id: String, at position: Int, _ idAt: (Int) -> String) -> Int? {
    insert(id, at: position) { idAt($0) == id }
  }

  /// The same, `isID` telling whether a position's id is `id`.
  @inline(__always) package mutating func insert(_ id: String, at position: Int, where isID: (Int) -> Bool) -> Int? {
    let h = IdTable.hash(id)
    let tag = h >> 32
    var k = home(h)
    while true {
      let s = slots[k]
      if s == 0 {
        slots[k] = tag << 32 | UInt64(position + 1)
        return nil
      }
      if s >> 32 == tag {
        let at = Int(s & 0xffff_ffff) - 1
        if isID(at) { return at }
      }
      k = after(k)
    }
  }

  /// The upper half of an id's hash: what a slot keeps of it, and where
  /// its home is (`LinkBuilder` keeps it for each node read).
  @inline(__always) static func tag(bytes id: UnsafeBufferPointer<UInt8>) -> UInt32 {
    UInt32(truncatingIfNeeded: hash(bytes: id) >> 32)
  }

  /// The table of the ids at positions 0..<tags.count, given the upper
  /// halves of their hashes (`tag`), without reading an id: with the
  /// pairs of positions whose tags are the same (a few dozen at a million
  /// ids), which are the same id or not (an id used twice is always one
  /// of them). At a million ids, inserting them in file order cost a
  /// cache miss each (a slot anywhere in 12 MB): they are put in order of
  /// their homes instead, a band of the table at a time, so the table is
  /// written front to back.
  static func build(tags: UnsafeBufferPointer<UInt32>) -> (table: IdTable, sameTags: [(Int, Int)]) {
    let n = tags.count
    var t = IdTable(capacity: n)
    var sameTags: [(Int, Int)] = []
    // Bands of 32,768 slots (256 KiB, in cache), by the home's top bits:
    // first how many fall in each, then each slot in its band's place.
    var next = [Int](repeating: 0, count: (t.slots.count - 1) >> 15 + 2)
    for tag in tags { next[t.home(UInt64(tag) << 32) >> 15 + 1] += 1 }
    for b in 1..<next.count { next[b] += next[b - 1] }
    let banded = [UInt64](unsafeUninitializedCapacity: n) { banded, made in
      for i in 0..<n {
        let b = t.home(UInt64(tags[i]) << 32) >> 15
        banded[next[b]] = UInt64(tags[i]) << 32 | UInt64(i + 1)
        next[b] += 1
      }
      made = n
    }
    for s in banded {
      var k = t.home(s)
      while t.slots[k] != 0 {
        if t.slots[k] >> 32 == s >> 32 { sameTags.append((Int(t.slots[k] & 0xffff_ffff) - 1, Int(s & 0xffff_ffff) - 1)) }
        k = t.after(k)
      }
      t.slots[k] = s
    }
    return (t, sameTags)
  }
}

extension IdTable {
  /// Changes every position the table holds (`to` of the old one), in one
  /// pass over the slots: positions shift when nodes are added or taken
  /// out before them, and no id is hashed again.
  ///
  /// `to` is also handed -1 (an empty slot) and must give it back: the
  /// pass has no branch, so that the compiler can make it one of vectors.
  @inline(__always) mutating func remap(_ to: (Int) -> Int) {
    slots.withUnsafeMutableBufferPointer { slots in
      for k in 0..<slots.count {
        let s = slots[k]
        let moved = to(Int(s & 0xffff_ffff) &- 1)
        slots[k] = (s & 0xffff_ffff_0000_0000) | UInt64(truncatingIfNeeded: moved &+ 1)
      }
    }
  }

  /// Takes out `id`, held at `position`; the ids that probed past it move
  /// back (so no look-up stops short at the hole).
  mutating func remove(_ id: String, at position: Int) {
    let h = IdTable.hash(id)
    let held = (h >> 32) << 32 | UInt64(position + 1)
    var k = home(h)
    while slots[k] != held {
      if slots[k] == 0 { return }
      k = after(k)
    }
    var j = k
    while true {
      j = after(j)
      let s = slots[j]
      if s == 0 { break }
      let from = home(s)
      // It stays when its home lies cyclically in (k, j].
      let stays = k <= j ? (k < from && from <= j) : (k < from || from <= j)
      if !stays {
        slots[k] = s
        k = j
      }
    }
    slots[k] = 0
  }
}

/// The links of nodes taken in as a reader reads them, in file order, so
/// that a campaign read from a file needs no `reindex()`. Files are
/// written in outline order, so a node's parent is the node before it or
/// one of that node's ancestors: it is found among them (a few
/// comparisons of small strings) instead of by hashing. A parent named but
/// not found so (one later in the file, one missing, or one above where a
/// second reader began) is looked up once the id table is made
/// (`Campaign.setNodes`), from the hashes of the ids kept here, in the
/// order that writes it front to back (`IdTable.build`). The table needs
/// no node (`makeTable`), so it may be made while the nodes move.
///
/// Anything unusual (an id used twice) leaves the links to `reindex()`,
/// the reference, so the answer is always the one it gives.
package struct LinkBuilder: Sendable {
  /// Each node's `IdTable.tag`.
  package private(set) var tags: [UInt32] = []
  /// Each node's parent: its position, -1 for none, `LinkBuilder.lookUp`
  /// for one to look up by id.
  package private(set) var parents: [Int32] = []
  /// The id table of `tags`, once made, and the pairs of nodes whose ids
  /// are to be compared (`IdTable.build`).
  package private(set) var table: IdTable?
  package private(set) var sameTags: [(Int, Int)] = []
  /// The last node and its ancestors as far as they were found, top first:
  /// the first `depth` entries (those past it are left to be written over,
  /// not removed: removing and appending cost a call each a node).
  private var path: [(texts: NodeTexts, at: Int32)] = []
  private var depth = 0

  package static let lookUp: Int32 = -2

  package init() {}

  /// How many nodes it has taken in.
  package var count: Int { parents.count }

  /// Takes in the next node, by its texts (its id and its parent's).
  @inline(__always)
  package mutating func add(_ texts: NodeTexts) {
    let i = parents.count
    tags.append(texts.withID { IdTable.tag(bytes: $0) })
    if table != nil { table = nil }
    var p: Int32 = -1
    depth = texts.withParent { parent in
      guard let parent else { return 0 }
      var k = depth
      while k > 0 && !path[k - 1].texts.hasID(utf8: parent) { k -= 1 }
      p = k > 0 ? path[k - 1].at : LinkBuilder.lookUp
      return k
    }
    parents.append(p)
    if depth < path.count { path[depth] = (texts, Int32(i)) } else { path.append((texts, Int32(i))) }
    depth += 1
  }

  /// Each node's parent, as `parents`, leaving the builder none.
  package mutating func takeParents() -> [Int32] {
    var taken: [Int32] = []
    swap(&taken, &parents)
    return taken
  }

  /// Makes the id table of the nodes taken in.
  package mutating func makeTable() {
    (table, sameTags) = tags.withUnsafeBufferPointer { IdTable.build(tags: $0) }
  }

  /// Takes in `later`'s nodes, which follow this one's (a second reader's):
  /// their positions move on by this one's count.
  package mutating func append(_ later: LinkBuilder) {
    table = nil
    let offset = Int32(parents.count)
    tags.append(contentsOf: later.tags)
    parents.reserveCapacity(parents.count + later.parents.count)
    for p in later.parents { parents.append(p >= 0 ? p + offset : p) }
    path = later.path.prefix(later.depth).map { ($0.texts, $0.at + offset) }
    depth = path.count
  }
}

/// Looks up node ids: `campaign.index["s12"]`.
public struct NodeIndex {
  let table: IdTable
  let nodes: [Node]
  public subscript(id: String) -> Int? {
    table.find(id) { nodes[$0].texts.hasID(id) }
  }
}

/// One integer per node (a parent's position, a place among siblings),
/// read as `Int`.
public struct NodeNumbers: Sendable, Equatable {
  var raw: [Int32]
  public subscript(i: Int) -> Int { Int(raw[i]) }
  public var count: Int { raw.count }
}

/// Each node's children, in order, all in one array: the children of
/// node i are `list[start[i]..<start[i + 1]]`.
public struct ChildLists: Sendable, Equatable {
  var start: [Int32]
  var list: [Int32]
  public subscript(i: Int) -> Children {
    Children(list: list, range: Int(start[i])..<Int(start[i + 1]))
  }
}

/// One node's children: positions in `nodes`.
public struct Children: RandomAccessCollection, Sendable {
  let list: [Int32]
  let range: Range<Int>
  public var startIndex: Int { 0 }
  public var endIndex: Int { range.count }
  public subscript(k: Int) -> Int { Int(list[range.lowerBound + k]) }
}
