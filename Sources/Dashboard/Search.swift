import Domain

/// Finding typed text in titles, notes and unit names, ignoring case, fast
/// enough to walk a million nodes on one keystroke.
enum Search {
  /// Whether `text` holds `query` (already lowercased), ignoring case.
  /// Most titles are Chinese, which has no case: those are searched as
  /// they are, byte for byte, without making a lowercased copy of each.
  static func contains(_ text: String, _ query: String) -> Bool {
    if query.isEmpty { return true }
    var text = text
    var query = query
    let plain = text.withUTF8 { !mayChangeCase($0) }
    if !plain { text = text.lowercased() }
    return text.withUTF8 { t in query.withUTF8 { q in find(q, in: t) } }
  }

  /// The same for a title in its arena: read in place, a String made
  /// only for a title with case.
  static func contains(_ text: CompactText, _ query: String) -> Bool {
    if query.isEmpty { return true }
    var query = query
    let found: Bool? = text.withUTF8 { t in
      mayChangeCase(t) ? nil : query.withUTF8 { q in find(q, in: t) }
    }
    return found ?? contains(text.string, query)
  }

  /// Whether lowercasing could change the text: ASCII capitals, or
  /// scripts with case (two- and four-byte UTF-8: Latin, Greek, Cyrillic…;
  /// three-byte sequences from E1, E2 and EA: more Latin and Greek,
  /// Georgian, Roman numerals, circled letters; EF BC A1–BA: fullwidth
  /// capitals). CJK, kana, Hangul and their punctuation have no case.
  static func mayChangeCase(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var k = 0
    while k < b.count {
      let c = b[k]
      if c < 0x80 {
        if c >= 0x41 && c <= 0x5A { return true }
        k += 1
      } else if c < 0xE0 || c >= 0xF0 || c == 0xE1 || c == 0xE2 || c == 0xEA {
        return true
      } else {
        if c == 0xEF && k + 2 < b.count && b[k + 1] == 0xBC && b[k + 2] >= 0xA1 && b[k + 2] <= 0xBA { return true }
        k += 3
      }
    }
    return false
  }

  /// Whether the bytes `q` occur in `t`.
  static func find(_ q: UnsafeBufferPointer<UInt8>, in t: UnsafeBufferPointer<UInt8>) -> Bool {
    guard q.count <= t.count else { return false }
    let first = q[0]
    var k = 0
    let last = t.count - q.count
    while k <= last {
      if t[k] == first {
        var j = 1
        while j < q.count && t[k + j] == q[j] { j += 1 }
        if j == q.count { return true }
      }
      k += 1
    }
    return false
  }

  /// Reads at most `limit` nodes in outline order from `from` (wrapping)
  /// for the first that matches (of those `shown`, when given): that
  /// node, or where to go on from, and how many were read.
  static func seek(_ c: Campaign, _ query: String, from: Int, forward: Bool, limit: Int, among shown: [Bool]? = nil)
    -> (match: Int?, next: Int, read: Int)
  {
    var at = from
    var read = 0
    while read < limit {
      read += 1
      if shown?[at] ?? true, matches(c, at, query) { return (at, at, read) }
      at = forward ? c.next(inPreorder: at) : c.previous(inPreorder: at)
    }
    return (nil, at, read)
  }
}

/// Whether a node matches a search (`query` lowercased): its title, its
/// units' names, its note.
///
/// The node is read where it lies (`Campaign.withNodesInPlace`): read as
/// `c.nodes[i].…`, it was copied for each field asked, four times a node
/// of a search through the whole tree.
func matches(_ c: Campaign, _ i: Int, _ query: String) -> Bool {
  func test(_ n: inout Node) -> Bool {
    if Search.contains(n.titleText, query) || Search.contains(n.note, query) { return true }
    if let lead = n.lead, Search.contains(c.unitName(lead), query) { return true }
    return n.support.contains { Search.contains(c.unitName($0), query) }
  }
  return c.withNodesInPlace { test(&$0[i]) }
}
