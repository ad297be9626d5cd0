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
struct IdTable: Sendable, Equatable {
  /// 0 is empty; otherwise the hash's upper half and position + 1.
  private var slots: [UInt64]
  private var mask: Int

  /// Room for `count` ids with the table at most two-thirds full.
  init(capacity count: Int) {
    var size = 16
    while size < count + count / 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// Makes the table big enough for `count` ids, at most two-thirds full
  /// like a new one: when it grows, the ids it holds (found through `idAt`)
  /// are placed again in a table twice the size, so adding ids one by one
  /// costs O(1) each on average.
  mutating func reserve(_ count: Int, _ idAt: (Int) -> String) {
    guard slots.count < count + count / 2 else { return }
    var size = slots.count * 2
    while size < count + count / 2 { size <<= 1 }
    var bigger = IdTable(capacity: 0)
    bigger.slots = Array(repeating: 0, count: size)
    bigger.mask = size - 1
    for s in slots where s != 0 {
      let at = Int(s & 0xffff_ffff) - 1
      let h = IdTable.hash(idAt(at))
      var k = Int(truncatingIfNeeded: h) & bigger.mask
      while bigger.slots[k] != 0 { k = (k + 1) & bigger.mask }
      bigger.slots[k] = s
    }
    self = bigger
  }

  /// A 64-bit FNV-1a over the id's bytes, then mixed (murmur's finaliser)
  /// so that ids differing only at the end ("s1", "s2") spread over the
  /// table. The seed differs per process, like the standard library's.
  @inline(__always) static func hash(_ id: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h = h &* 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
  }

  private static let seed = UInt64.random(in: 0...UInt64.max)

  /// The position of `id`, comparing against the ids `idAt` gives.
  @inline(__always) func find(_ id: String, _ idAt: (Int) -> String) -> Int? {
    let h = IdTable.hash(id)
    let tag = h >> 32
    var k = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[k]
      if s == 0 { return nil }
      if s >> 32 == tag {
        let at = Int(s & 0xffff_ffff) - 1
        if idAt(at) == id { return at }
      }
      k = (k + 1) & mask
    }
  }

  /// Adds `id` at `position` unless it is there already: then returns the
  /// earlier position and keeps it.
  @inline(__always) mutating func insert(_ id: String, at position: Int, _ idAt: (Int) -> String) -> Int? {
    let h = IdTable.hash(id)
    let tag = h >> 32
    var k = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[k]
      if s == 0 {
        slots[k] = tag << 32 | UInt64(position + 1)
        return nil
      }
      if s >> 32 == tag {
        let at = Int(s & 0xffff_ffff) - 1
        if idAt(at) == id { return at }
      }
      k = (k + 1) & mask
    }
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
        let moved = to(Int(s & 0xffff_ffff) - 1)
        slots[k] = (s & 0xffff_ffff_0000_0000) | UInt64(truncatingIfNeeded: moved + 1)
      }
    }
  }

  /// Takes out `id`, held at `position`; the ids that probed past it move
  /// back (so no look-up stops short at the hole). `idAt` must give the
  /// id at each position the table holds.
  mutating func remove(_ id: String, at position: Int, _ idAt: (Int) -> String) {
    let h = IdTable.hash(id)
    let held = (h >> 32) << 32 | UInt64(position + 1)
    var k = Int(truncatingIfNeeded: h) & mask
    while slots[k] != held {
      if slots[k] == 0 { return }
      k = (k + 1) & mask
    }
    var j = k
    while true {
      j = (j + 1) & mask
      let s = slots[j]
      if s == 0 { break }
      let home = Int(truncatingIfNeeded: IdTable.hash(idAt(Int(s & 0xffff_ffff) - 1))) & mask
      // It stays when its home lies cyclically in (k, j].
      let stays = k <= j ? (k < home && home <= j) : (k < home || home <= j)
      if !stays {
        slots[k] = s
        k = j
      }
    }
    slots[k] = 0
  }
}

/// Looks up node ids: `campaign.index["s12"]`.
public struct NodeIndex {
  let table: IdTable
  let nodes: [Node]
  public subscript(id: String) -> Int? {
    table.find(id) { nodes[$0].id }
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
