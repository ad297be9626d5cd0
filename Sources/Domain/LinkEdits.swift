/// The child lists followed through one structural change in place: a
/// few passes of integers (a move of memory, an add the compiler makes a
/// pass of vectors) and the one block that changed. Rebuilding them from
/// the parents (`Campaign.link`) scattered every entry again: at a million
/// nodes, 7 of the 12 ms of an add, a move or a delete.
///
/// A block is one node's children, ascending by position (as `link` makes
/// them); blocks stand in the order of their nodes.
extension ChildLists {
  /// The slots in `list` of node `p`'s children.
  func block(_ p: Int) -> Range<Int> { Int(start[p])..<Int(start[p + 1]) }

  /// Positions from `at` on move up one, and an empty block opens for a
  /// node inserted at `at`.
  mutating func open(at: Int) {
    list.shiftUp(from: at)
    start.insert(start[at], at: at)
  }

  /// Puts `child` among `p`'s children by its position; its index there.
  mutating func add(_ child: Int, to p: Int) -> Int {
    let b = block(p)
    var low = b.lowerBound, high = b.upperBound
    while low < high {
      let mid = (low + high) / 2
      if Int(list[mid]) > child { high = mid } else { low = mid + 1 }
    }
    list.insert(Int32(child), at: low)
    moveStarts(after: p, by: 1)
    return low - b.lowerBound
  }

  /// Takes out the child at index `k` among `p`'s children.
  mutating func remove(at k: Int, of p: Int) {
    list.remove(at: Int(start[p]) + k)
    moveStarts(after: p, by: -1)
  }

  private mutating func moveStarts(after p: Int, by d: Int32) {
    start.withUnsafeMutableBufferPointer { s in
      for k in (p + 1)..<s.count { s[k] &+= d }
    }
  }

  /// Takes out the blocks of the nodes at `drop` (ascending) and the
  /// nodes themselves, whose every child must be in `drop` too (a subtree
  /// whose root has left its parent's block); the positions left move
  /// back by `gone`.
  mutating func removeBlocks(_ drop: [Int], _ gone: Removal) {
    var slots: [Int] = []
    for d in drop { slots.append(contentsOf: block(d)) }
    list.removeSorted(slots)
    gone.shift(&list)
    // A kept node's block starts earlier by the entries of the dropped
    // blocks before it, and stands back by the dropped nodes before it:
    // a stretch of kept nodes at a time, each start written at or before
    // where it was read (so none is read once written).
    var removedEntries: Int32 = 0, removedNodes = 0, from = 0
    start.withUnsafeMutableBufferPointer { s in
      for stop in drop + [s.count] {
        let e = removedEntries
        for k in from..<stop { s[k &- removedNodes] = s[k] &- e }
        guard stop < s.count else { break }
        removedEntries &+= s[stop + 1] &- s[stop]
        removedNodes += 1
        from = stop + 1
      }
    }
    start.removeLast(removedNodes)
  }

  /// Node `i`'s block moves to stand at `to` (the node moved there, the
  /// blocks between shifting by one toward `i`), and every position is
  /// renamed by the move. Node `i` must be in no block.
  mutating func moveBlock(from i: Int, to: Int) {
    guard i != to else { return }
    let length = start[i + 1] - start[i]
    let segment = i < to ? Int(start[i])..<Int(start[to + 1]) : Int(start[to])..<Int(start[i + 1])
    list.withUnsafeMutableBufferPointer { l in
      guard length > 0, let base = l.baseAddress else { return }
      let n = Int(length)
      let aside = UnsafeMutablePointer<Int32>.allocate(capacity: n)
      defer { aside.deallocate() }
      let rest = segment.count - n
      if i < to {
        // The block leaves the front of the segment for its end.
        aside.moveInitialize(from: base + segment.lowerBound, count: n)
        (base + segment.lowerBound).moveInitialize(from: base + segment.lowerBound + n, count: rest)
        (base + segment.upperBound - n).moveInitialize(from: aside, count: n)
      } else {
        aside.moveInitialize(from: base + segment.upperBound - n, count: n)
        (base + segment.lowerBound + n).moveInitialize(from: base + segment.lowerBound, count: rest)
        (base + segment.lowerBound).moveInitialize(from: aside, count: n)
      }
    }
    start.withUnsafeMutableBufferPointer { s in
      if i < to {
        // Ascending: each reads the start after it, not yet written.
        for k in i...to { s[k] = s[k + 1] - length }
      } else {
        var k = i
        while k > to {
          s[k] = s[k - 1] + length
          k -= 1
        }
      }
    }
    list.renameMoved(from: i, to: to)
  }

  /// Nodes appended at `n` and after (`parents` of each, in order), each
  /// the last child of its parent: an existing node's block grows at its
  /// end and each new node's block follows the old ones. The entries are
  /// laid out from the end backwards, in place: an old stretch moves once.
  mutating func append(_ parents: [Int32], at n: Int) {
    // (parent, child) of each added node under a parent, by parent; the
    // children stay ascending.
    var pairs: [(parent: Int, child: Int32)] = []
    for (j, p) in parents.enumerated() where p >= 0 { pairs.append((Int(p), Int32(n + j))) }
    pairs.sort { $0.parent != $1.parent ? $0.parent < $1.parent : $0.child < $1.child }
    let old = list.count
    list.append(contentsOf: repeatElement(0, count: pairs.count))
    list.withUnsafeMutableBufferPointer { l in
      guard let base = l.baseAddress else { return }
      var w = l.count, r = old
      for pair in pairs.reversed() {
        if pair.parent < n {
          // The old entries from the end of its block on move right.
          let end = Int(start[pair.parent + 1])
          (base + w - (r - end)).moveInitialize(from: base + end, count: r - end)
          w -= r - end
          r = end
        }
        w -= 1
        l[w] = pair.child
      }
    }
    var added: Int32 = 0, next = 0
    start.withUnsafeMutableBufferPointer { s in
      for k in 0...n {
        while next < pairs.count && pairs[next].parent < k {
          added += 1
          next += 1
        }
        s[k] += added
      }
    }
    // The new nodes' blocks, in order.
    var end = start[n]
    for k in n..<(n + parents.count) {
      while next < pairs.count && pairs[next].parent == k {
        end += 1
        next += 1
      }
      start.append(end)
    }
  }
}

/// How positions are renamed by a structural change, without a branch,
/// so that a pass over a million of them (the parents, the child lists,
/// the id table's slots) is made vector code; -1 (no node) stays -1.
/// Wrapping arithmetic throughout: an overflow check kept them scalar.
enum Renaming {
  /// Position `p` after a node is inserted at `at`: up one from `at` on.
  @inline(__always) static func inserted<T: FixedWidthInteger & SignedInteger>(_ p: T, at: T) -> T {
    p &- ((at &- 1 &- p) >> (T.bitWidth - 1))
  }

  /// Position `p` after the node at `from` moved to `to`: the node itself
  /// to `to`, those between shifting by one toward `from`.
  struct Moved<T: FixedWidthInteger & SignedInteger> {
    let low: T, high: T, from: T, shift: T, jump: T
    init(from: Int, to: Int) {
      (low, high, self.from) = (T(Swift.min(from, to)), T(Swift.max(from, to)), T(from))
      (shift, jump) = (from < to ? -1 : 1, T(to - from))
    }
    @inline(__always) func callAsFunction(_ p: T) -> T {
      let between: T = p >= low && p <= high ? 1 : 0
      let itself: T = p == from ? 1 : 0
      return p &+ between &* shift &+ itself &* (jump &- shift)
    }
  }
}

extension Array where Element == Int32 {
  /// Each position from `at` on (-1 below it) up one, in one pass.
  mutating func shiftUp(from at: Int) {
    let a = Int32(at)
    withUnsafeMutableBufferPointer { v in
      for k in v.indices { v[k] = Renaming.inserted(v[k], at: a) }
    }
  }

  /// Each position renamed as the node at `from` moved to `to`, in one
  /// pass.
  mutating func renameMoved(from i: Int, to: Int) {
    guard i != to else { return }
    let moved = Renaming.Moved<Int32>(from: i, to: to)
    withUnsafeMutableBufferPointer { v in
      for k in v.indices { v[k] = moved(v[k]) }
    }
  }
}
