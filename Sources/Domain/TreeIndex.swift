/// The derived links of a campaign's tree, kept small: at a million nodes
/// every byte per node is a megabyte. Positions are 4-byte integers (a
/// campaign holds far fewer than two billion nodes) and read as `Int`.
///
/// Memory layout, kept inside Domain: `Campaign.parentOf` holds -1 for a
/// top-level node (other modules see `parent(of:) -> Int?` and
/// `ancestors(of:)`); `childrenOf` holds every child list in one array;
/// ids are found through `IdTable`'s slots; a node's rare facets (quota,
/// indicator, site) sit in boxes private to Node.swift.

/// Node ids to their positions in `nodes`: open addressing over slots of
/// 5 bytes, each a position and a byte of the id's hash, in two arrays.
/// The ids themselves stay in the nodes, so a look-up is handed them. A
/// `[String: Int]` cost about 50 bytes a node; this costs 7.5 to 10 (8
/// bytes a slot, the position and half the hash, cost 12 to 16).
///
/// An id's place in the table (its home) is taken from the upper half of
/// its hash, and the byte kept is the lowest of that half, so that a
/// look-up compares a node's id only about once in 256 slots it passes
/// that are not the id's. A slot does not say where it belongs: growing
/// the table and closing the gap a removal leaves hash the ids they move
/// again (`idHash`: a position's id's hash). The table a reader's ids make
/// is built from the halves it kept (`build(tags:)`), in the order of
/// their homes.
package struct IdTable: Sendable, Equatable {
  /// 0 is empty; otherwise position + 1.
  private var positions: [UInt32]
  /// The lowest byte of the upper half of the hash of each slot's id.
  private var bytes: [UInt8]
  /// `positions.count`, as a 64-bit factor for `home`.
  private var size: UInt64

  /// Room for `count` ids with the table at most two-thirds full. Any
  /// size, not a power of two: a million ids take 1.5 million slots
  /// (7.5 MB), where the next power of two took 2.1 million.
  package init(capacity count: Int) {
    let n = IdTable.size(for: count)
    positions = Array(repeating: 0, count: n)
    bytes = Array(repeating: 0, count: n)
    size = UInt64(n)
  }

  private static func size(for count: Int) -> Int { max(16, count + count / 2 + 1) }

  /// Where the id of hash `h` starts looking for room: the upper half
  /// scaled to the table's size (multiplied, then shifted; no division),
  /// so homes come in the order of the halves.
  @inline(__always) private func home(_ h: UInt64) -> Int { Int(truncatingIfNeeded: ((h >> 32) &* size) >> 32) }

  /// The byte of hash `h` a slot keeps.
  @inline(__always) private static func byte(_ h: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: h >> 32) }

  /// The slot after `k`, the first after the last.
  @inline(__always) private func after(_ k: Int) -> Int { k + 1 == positions.count ? 0 : k + 1 }

  /// Puts the id of hash `h` at `position` in the first free slot from
  /// its home; for ids not in the table.
  @inline(__always) private mutating func place(_ h: UInt64, at position: Int) {
    var k = home(h)
    while positions[k] != 0 { k = after(k) }
    positions[k] = UInt32(position + 1)
    bytes[k] = IdTable.byte(h)
  }

  /// Makes the table big enough for `total` ids, at most three-quarters
  /// full (a new one is two-thirds full at most, so the first ids added
  /// after a file is read do not grow it): when it grows, its ids are
  /// placed again in a table half as big again (or more), so adding ids
  /// one by one costs O(1) each on average. `idHash` gives the hash of
  /// the id at a position (`hash(bytes:)` of it).
  package mutating func reserve(_ total: Int, idHash: (Int) -> UInt64) {
    guard positions.count < total + total / 3 + 1 else { return }
    var bigger = IdTable(capacity: max(total, positions.count))
    for p in positions where p != 0 { bigger.place(idHash(Int(p) - 1), at: Int(p) - 1) }
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

  @inline(__always) func find(hash h: UInt64, where isID: (Int) -> Bool) -> Int? {
    let b = IdTable.byte(h)
    var k = home(h)
    while true {
      let p = positions[k]
      if p == 0 { return nil }
      if bytes[k] == b && isID(Int(p) - 1) { return Int(p) - 1 }
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
    let b = IdTable.byte(h)
    var k = home(h)
    while true {
      let p = positions[k]
      if p == 0 {
        positions[k] = UInt32(position + 1)
        bytes[k] = b
        return nil
      }
      if bytes[k] == b && isID(Int(p) - 1) { return Int(p) - 1 }
      k = after(k)
    }
  }

  /// The upper half of an id's hash: where its home is, and the byte a
  /// slot keeps (`LinkBuilder` keeps it for each node read).
  @inline(__always) package static func tag(bytes id: UnsafeBufferPointer<UInt8>) -> UInt32 {
    UInt32(truncatingIfNeeded: hash(bytes: id) >> 32)
  }

  /// The table of the ids at positions 0..<tags.count, given the upper
  /// halves of their hashes (`tag`), without reading an id: with the
  /// pairs of positions whose tags are the same (a few dozen at a million
  /// ids), which are the same id or not (an id used twice is always one
  /// of them). At a million ids, inserting them in file order cost a
  /// cache miss each (a slot anywhere in the table): they are put in order
  /// of their homes instead, a band of the table at a time, so the table
  /// is written front to back.
  static func build(tags: UnsafeBufferPointer<UInt32>) -> (table: IdTable, sameTags: [(Int, Int)]) {
    let n = tags.count
    var t = IdTable(capacity: n)
    var sameTags: [(Int, Int)] = []
    // `home` of the tag, reading no `t` (the loop below writes to it).
    let size = t.size
    @inline(__always) func home(_ tag: UInt32) -> Int { Int(truncatingIfNeeded: (UInt64(tag) &* size) >> 32) }
    // Bands of 32,768 slots (in cache), by the home's top bits: first how
    // many fall in each, then each position in its band's place.
    var next = [Int](repeating: 0, count: (t.positions.count - 1) >> 15 + 2)
    for tag in tags { next[home(tag) >> 15 + 1] += 1 }
    for b in 1..<next.count { next[b] += next[b - 1] }
    let banded = [UInt32](unsafeUninitializedCapacity: n) { banded, made in
      for i in 0..<n {
        let b = home(tags[i]) >> 15
        banded[next[b]] = UInt32(i)
        next[b] += 1
      }
      made = n
    }
    t.positions.withUnsafeMutableBufferPointer { positions in
      t.bytes.withUnsafeMutableBufferPointer { bytes in
        let count = positions.count
        for i in banded {
          let tag = tags[Int(i)]
          var k = home(tag)
          while positions[k] != 0 {
            let other = Int(positions[k]) - 1
            if tags[other] == tag { sameTags.append((other, Int(i))) }
            k = k + 1 == count ? 0 : k + 1
          }
          positions[k] = i + 1
          bytes[k] = UInt8(truncatingIfNeeded: tag)
        }
      }
    }
    return (t, sameTags)
  }
}

extension IdTable {
  /// For each of `hashes` (of ids), what its first slot holds (0: empty,
  /// no node has the id), which brings the slot into the cache for the
  /// look-up that follows (`find(hash:where:)`): the loads of a batch do
  /// not wait for each other, where one look-up at a time waited on each.
  func firstSlots(_ hashes: UnsafeBufferPointer<UInt64>, into out: UnsafeMutablePointer<UInt32>) {
    positions.withUnsafeBufferPointer { positions in
      for j in hashes.indices { out[j] = positions[home(hashes[j])] }
    }
  }

  /// Changes every position the table holds (`to` of the old one), in one
  /// pass over the slots: positions shift when nodes are added or taken
  /// out before them, and no id is hashed again.
  ///
  /// `to` is also handed -1 (an empty slot) and must give it back: the
  /// pass has no branch, so that the compiler can make it one of vectors.
  @inline(__always) mutating func remap(_ to: (Int) -> Int) {
    positions.withUnsafeMutableBufferPointer { positions in
      for k in 0..<positions.count {
        let moved = to(Int(positions[k]) &- 1)
        positions[k] = UInt32(truncatingIfNeeded: moved &+ 1)
      }
    }
  }

  /// Takes out `id`, held at `position`; the ids that probed past it move
  /// back (so no look-up stops short at the hole). `idHash` gives the
  /// hash of the id at a position, for those that may move.
  mutating func remove(_ id: String, at position: Int, idHash: (Int) -> UInt64) {
    let held = UInt32(position + 1)
    var k = home(IdTable.hash(id))
    while positions[k] != held {
      if positions[k] == 0 { return }
      k = after(k)
    }
    var j = k
    while true {
      j = after(j)
      let p = positions[j]
      if p == 0 { break }
      let from = home(idHash(Int(p) - 1))
      // It stays when its home lies cyclically in (k, j].
      let stays = k <= j ? (k < from && from <= j) : (k < from || from <= j)
      if !stays {
        positions[k] = p
        bytes[k] = bytes[j]
        k = j
      }
    }
    positions[k] = 0
    bytes[k] = 0
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

  /// The builder, leaving this one empty: handed on as the one reference
  /// (a copy kept here would keep its id tags, 4 MB at a million nodes,
  /// until the caller's end).
  package mutating func take() -> LinkBuilder {
    var taken = LinkBuilder()
    swap(&taken, &self)
    return taken
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
