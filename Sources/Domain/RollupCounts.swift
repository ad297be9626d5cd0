/// What one node or subtree counts: its work items (leaves), the sum of
/// their progress, its overdue things and its open problems.
struct Share: Equatable {
  var leaves: Int32, sum: Double, overdue: Int32, rectifying: Int32

  static let zero = Share(leaves: 0, sum: 0, overdue: 0, rectifying: 0)

  static func + (a: Share, b: Share) -> Share {
    Share(leaves: a.leaves + b.leaves, sum: a.sum + b.sum, overdue: a.overdue + b.overdue,
          rectifying: a.rectifying + b.rectifying)
  }
  static prefix func - (a: Share) -> Share {
    Share(leaves: -a.leaves, sum: -a.sum, overdue: -a.overdue, rectifying: -a.rectifying)
  }
}

/// The rollup's counts for every node, kept small: three of four nodes
/// are leaves whose counts follow from two bits (done, overdue), so only
/// the rest (nodes with children; leaves with a share between 0 and 1,
/// late problems, an open one or a late order) have a row of four
/// numbers. At a million nodes that is about 7 MB where a row for each
/// took 20, the largest part of what the first frame added to the read.
///
/// A node with children always has a row; any node may have one (a leaf
/// keeps the row it had as a parent).
struct RollupCounts: Sendable {
  /// Each node's code: `row`, or a plain leaf's bits (`done`, `late`).
  private(set) var codes: [UInt8]
  /// Bit k of word w is set when node 64w + k has a row.
  private var hasRow: [UInt64]
  /// How many rows come before word w's nodes.
  private var rowsBefore: [Int32]
  /// The rows, in the order of their nodes.
  private var rows: Rows

  static let row: UInt8 = 0x80, done: UInt8 = 1, late: UInt8 = 2

  /// `codes` as the nodes' codes, their rows zero.
  init(codes: [UInt8]) {
    self.codes = codes
    let index = RollupCounts.index(codes)
    (hasRow, rowsBefore) = (index.hasRow, index.rowsBefore)
    rows = Rows(count: index.rows)
  }

  var count: Int { codes.count }
  var rowCount: Int { rows.count }

  /// The code of a leaf whose counts are `s`: its bits, or `row` when
  /// two bits cannot say them.
  static func code(_ s: Share) -> UInt8 {
    guard s.leaves == 1, s.rectifying == 0, s.overdue == 0 || s.overdue == 1, s.sum == 0 || s.sum == 1 else {
      return row
    }
    return (s.sum == 1 ? done : 0) | (s.overdue == 1 ? late : 0)
  }

  /// A plain leaf's counts.
  @inline(__always) static func plain(_ code: UInt8) -> Share {
    Share(leaves: 1, sum: code & done != 0 ? 1 : 0, overdue: code & late != 0 ? 1 : 0, rectifying: 0)
  }

  /// The position of node `i`'s row, nil when it has none.
  @inline(__always) func rowIndex(_ i: Int) -> Int? {
    RollupCounts.rowIndex(i, word: hasRow[i >> 6], before: rowsBefore[i >> 6])
  }

  /// How many rows come before node `i`'s place.
  @inline(__always) func rank(_ i: Int) -> Int {
    i >> 6 < hasRow.count ? RollupCounts.rank(i, word: hasRow[i >> 6], before: rowsBefore[i >> 6]) : rowCount
  }

  /// Node `i`'s row among the rows, from its word of bits and the rows
  /// before that word; nil when its bit is clear.
  @inline(__always) static func rowIndex(_ i: Int, word: UInt64, before: Int32) -> Int? {
    guard word & (1 << UInt64(i & 63)) != 0 else { return nil }
    return rank(i, word: word, before: before)
  }

  /// The rows before node `i`'s place, from its word and the rows before it.
  @inline(__always) static func rank(_ i: Int, word: UInt64, before: Int32) -> Int {
    Int(before) + (word & ((1 << UInt64(i & 63)) &- 1)).nonzeroBitCount
  }

  /// Node `i`'s counts.
  @inline(__always) subscript(i: Int) -> Share {
    if let r = rowIndex(i) { return rows[r] }
    return RollupCounts.plain(codes[i])
  }

  mutating func setSum(_ i: Int, _ sum: Double) {
    rows.sums[ensureRow(i)] = sum
  }

  /// Adds `s` to node `i`'s counts (giving it a row when it has none).
  mutating func add(_ s: Share, to i: Int) {
    let r = ensureRow(i)
    rows[r] = rows[r] + s
  }

  /// Sets node `i`'s counts: a plain leaf's bits when they say them and
  /// it has no row.
  mutating func set(_ i: Int, _ s: Share) {
    if rowIndex(i) == nil {
      let c = RollupCounts.code(s)
      if c != RollupCounts.row {
        codes[i] = c
        return
      }
    }
    rows[ensureRow(i)] = s
  }

  /// Node `i`'s row, made with its plain counts when it had none.
  @discardableResult
  mutating func ensureRow(_ i: Int) -> Int {
    if let r = rowIndex(i) { return r }
    let s = RollupCounts.plain(codes[i])
    let r = rank(i)
    codes[i] = RollupCounts.row
    hasRow[i >> 6] |= UInt64(1) << UInt64(i & 63)
    for w in (i >> 6) + 1 ..< rowsBefore.count { rowsBefore[w] += 1 }
    rows.insert(s, at: r)
    return r
  }

  /// A node put in at `i` (those from `i` on move up by one).
  mutating func insert(_ s: Share, at i: Int) {
    let c = RollupCounts.code(s)
    codes.insert(c, at: i)
    reindex()
    if c == RollupCounts.row { rows.insert(s, at: rank(i)) }
  }

  /// The nodes at `positions` (ascending) taken out.
  mutating func remove(_ positions: [Int]) {
    rows.remove(positions.compactMap { rowIndex($0) })
    codes.removeSorted(positions)
    reindex()
  }

  /// The node at `from` moved to `to` (`Array.moveElement`).
  mutating func move(from: Int, to: Int) {
    let was = rowIndex(from)
    codes.moveElement(from: from, to: to)
    reindex()
    if let was, let now = rowIndex(to) { rows.move(from: was, to: now) }
  }

  /// Which nodes have rows, from their codes (after codes moved).
  private mutating func reindex() {
    (hasRow, rowsBefore, _) = RollupCounts.index(codes)
  }

  /// Which nodes have rows, from their codes: eight codes at a time, the
  /// high bit of each gathered into a byte; and how many have one.
  private static func index(_ codes: [UInt8]) -> (hasRow: [UInt64], rowsBefore: [Int32], rows: Int) {
    let n = codes.count
    let words = (n + 63) / 64
    var bits = [UInt64](repeating: 0, count: words)
    var before = [Int32](repeating: 0, count: words)
    let total = codes.withUnsafeBufferPointer { codes in
      var rows: Int32 = 0
      for w in 0..<words {
        before[w] = rows
        var word: UInt64 = 0
        let first = w * 64, last = min(n, first + 64)
        var k = first
        while k + 8 <= last {
          let eight = UnsafeRawPointer(codes.baseAddress! + k).loadUnaligned(as: UInt64.self)
          let high = ((eight & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
          word |= high << UInt64(k - first)
          k += 8
        }
        while k < last {
          if codes[k] == RollupCounts.row { word |= 1 << UInt64(k - first) }
          k += 1
        }
        bits[w] = word
        rows += Int32(word.nonzeroBitCount)
      }
      return Int(rows)
    }
    return (bits, before, total)
  }
}

/// The rows' four numbers, a column each (20 bytes a row; a struct of
/// them would take 24).
private struct Rows: Sendable {
  var leaves: [Int32], sums: [Double], overdue: [Int32], rectifying: [Int32]

  init(count: Int) {
    leaves = Array(repeating: 0, count: count)
    sums = Array(repeating: 0, count: count)
    overdue = Array(repeating: 0, count: count)
    rectifying = Array(repeating: 0, count: count)
  }

  var count: Int { leaves.count }

  subscript(r: Int) -> Share {
    get { Share(leaves: leaves[r], sum: sums[r], overdue: overdue[r], rectifying: rectifying[r]) }
    set {
      leaves[r] = newValue.leaves
      sums[r] = newValue.sum
      overdue[r] = newValue.overdue
      rectifying[r] = newValue.rectifying
    }
  }

  mutating func insert(_ s: Share, at r: Int) {
    leaves.insert(s.leaves, at: r)
    sums.insert(s.sum, at: r)
    overdue.insert(s.overdue, at: r)
    rectifying.insert(s.rectifying, at: r)
  }

  /// The rows at `positions` (ascending) taken out.
  mutating func remove(_ positions: [Int]) {
    leaves.removeSorted(positions)
    sums.removeSorted(positions)
    overdue.removeSorted(positions)
    rectifying.removeSorted(positions)
  }

  mutating func move(from: Int, to: Int) {
    leaves.moveElement(from: from, to: to)
    sums.moveElement(from: from, to: to)
    overdue.moveElement(from: from, to: to)
    rectifying.moveElement(from: from, to: to)
  }
}

/// Pointers to the codes and the rows, for the parts of a count running
/// on threads at once, each in its own range of nodes (pointers are not
/// Sendable).
struct RollupColumns: @unchecked Sendable {
  let codes: UnsafeBufferPointer<UInt8>
  let hasRow: UnsafeBufferPointer<UInt64>, rowsBefore: UnsafeBufferPointer<Int32>
  let leaves: UnsafeMutableBufferPointer<Int32>, sums: UnsafeMutableBufferPointer<Double>
  let overdue: UnsafeMutableBufferPointer<Int32>, rectifying: UnsafeMutableBufferPointer<Int32>

  /// `RollupCounts.rowIndex`.
  @inline(__always) func rowIndex(_ i: Int) -> Int? {
    RollupCounts.rowIndex(i, word: hasRow[i >> 6], before: rowsBefore[i >> 6])
  }
  /// `RollupCounts.rank`.
  @inline(__always) func rank(_ i: Int) -> Int {
    i >> 6 < hasRow.count ? RollupCounts.rank(i, word: hasRow[i >> 6], before: rowsBefore[i >> 6]) : leaves.count
  }

  @inline(__always) func add(_ s: Share, toRow r: Int) {
    leaves[r] += s.leaves
    sums[r] += s.sum
    overdue[r] += s.overdue
    rectifying[r] += s.rectifying
  }
  @inline(__always) func row(_ r: Int) -> Share {
    Share(leaves: leaves[r], sum: sums[r], overdue: overdue[r], rectifying: rectifying[r])
  }
}

extension RollupCounts {
  /// The rows through pointers, for `body`.
  mutating func withColumns<R>(_ body: (RollupColumns) throws -> R) rethrows -> R {
    try codes.withUnsafeBufferPointer { codes in
      try hasRow.withUnsafeBufferPointer { hasRow in
        try rowsBefore.withUnsafeBufferPointer { rowsBefore in
          try rows.leaves.withUnsafeMutableBufferPointer { leaves in
            try rows.sums.withUnsafeMutableBufferPointer { sums in
              try rows.overdue.withUnsafeMutableBufferPointer { overdue in
                try rows.rectifying.withUnsafeMutableBufferPointer { rectifying in
                  try body(RollupColumns(codes: codes, hasRow: hasRow, rowsBefore: rowsBefore, leaves: leaves,
                                         sums: sums, overdue: overdue, rectifying: rectifying))
                }
              }
            }
          }
        }
      }
    }
  }
}
