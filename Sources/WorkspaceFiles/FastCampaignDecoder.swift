#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Domain

/// Reads campaign.json straight into a `Campaign`, without building a tree
/// of JSON values first: a million nodes must open in about a second.
///
/// It accepts exactly what the general path (`JSONParser` then
/// `CampaignCodec.decode`) accepts, or gives up: on anything unexpected
/// (a syntax error, an unknown or repeated member, a wrong type, invalid
/// UTF-8) it returns nil and the caller reads the file the general way,
/// which finds the problem and names its line and column. The rare,
/// nested parts (quotas, indicators, sites, problems, the compaction
/// record) are cut out and handed to the general path piece by piece.
enum FastCampaignDecoder {
  /// Reads bytes already in memory (tests, the fuzzer).
  static func decode(_ bytes: [UInt8]) -> Campaign? {
    bytes.withUnsafeBufferPointer { buffer in
      var r = Reader(b: buffer, i: 0)
      return campaign(&r)
    }
  }

  /// Reads the file a window at a time: at a million nodes the file is
  /// over 200 MB, and holding it all beside the nodes read from it was
  /// the open's peak of memory. A large file is read by two threads, one
  /// from each half (`decodeInTwo`). `window` and `lookahead` are for tests.
  static func decode(file path: String, window: Int = 4 << 20, lookahead: Int = 1 << 20,
                     twoThreadsFrom: Int = twoThreadsFrom) -> Campaign? {
    guard let w = FileWindow(path: path, size: max(window, 2 * lookahead)), !w.failed else { return nil }
    if w.fileSize >= twoThreadsFrom,
      let two = decodeInTwo(path, w, lookahead: lookahead)
    {
      return two.campaign
    }
    guard let w = FileWindow(path: path, size: max(window, 2 * lookahead)), !w.failed else { return nil }
    var r = Reader(b: w.bytes, i: 0, window: w, lookahead: lookahead)
    return campaign(&r)
  }

  private static func campaign(_ r: inout Reader) -> Campaign? {
    do throws(Reader.GiveUp) {
      let parts = try r.campaign()
      return campaign(parts, nodes: parts.nodes)
    } catch {
      return nil
    }
  }

  /// The campaign the members make, when they make one.
  static func campaign(_ parts: Reader.Parts, nodes: [Node]) -> Campaign? {
    guard let schema = parts.schema, schema >= 1, schema <= Campaign.schemaVersion, let title = parts.title
    else { return nil }
    var c = Campaign(id: parts.id, title: title, start: parts.start, end: parts.end, source: parts.source,
                     units: parts.units, nodes: nodes)
    if let compaction = parts.compaction {
      do throws(DataError) { try CampaignCodec.compaction(compaction, into: &c) } catch { return nil }
    }
    return c
  }
}

struct Reader {
  struct GiveUp: Error {}

  var b: UnsafeBufferPointer<UInt8>
  var i: Int
  /// The file, when `b` is a window on it rather than all of it.
  var window: FileWindow? = nil
  /// How many bytes past `i` the window holds before the next node.
  var lookahead = 0

  /// Where nodes go when two readers fill one array (`decodeInTwo`):
  /// written in place from `sink`, at most `sinkLimit`. nil: `Parts.nodes`.
  var sink: UnsafeMutablePointer<Node>? = nil
  var sinkLimit = 0
  var sunk = 0
  /// The file offset of a node where the other reader began: this one
  /// stops at the first node at or past it, and sets `stopped`.
  var stopAt: Int? = nil
  var stopped = false

  /// Activities of the quota being read (`quota()`).
  var scratch: [Activity] = []
  /// Recent texts that repeat (notes, measure words): a note copied onto
  /// a thousand items is kept once, not a thousand times. Made on first
  /// use: a reader is also made for every journal line.
  var recent: [String] = []

  /// Where `i` is in the file.
  var position: Int { (window?.offset ?? 0) + i }

  /// A campaign's members, read but not yet indexed.
  struct Parts {
    /// Which members were read (`CampaignKey.bit`).
    var seen: UInt32 = 0
    var schema: Int?
    var id = "", title: String?, source = ""
    var start: Day?, end: Day?
    var units: [Unit] = [], nodes: [Node] = []
    var compaction: JSONNode?

    /// The members of two readers, one before the other. nil when both
    /// read one member (a repeated key).
    func then(_ later: Parts) -> Parts? {
      guard seen & later.seen == 0 else { return nil }
      var p = self
      p.seen |= later.seen
      for k in CampaignKey.allCases where later.seen & k.bit != 0 {
        switch k {
        case .schema: p.schema = later.schema
        case .id: p.id = later.id
        case .title: p.title = later.title
        case .start: p.start = later.start
        case .end: p.end = later.end
        case .source: p.source = later.source
        case .units: p.units = later.units
        // The nodes are joined by the caller (`decodeInTwo`).
        case .nodes: break
        case .compaction: p.compaction = later.compaction
        }
      }
      return p
    }
  }

  /// The whole file, or up to `stopAt`.
  mutating func campaign() throws(GiveUp) -> Parts {
    if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
    var p = Parts()
    try spaceAhead()
    try members(&p, more: try beginObject())
    if !stopped { try end() }
    return p
  }

  /// From the start of a node inside the nodes array to the file's end:
  /// what the second reader reads, or the first after a failed split.
  mutating func tail() throws(GiveUp) -> Parts {
    var p = Parts()
    try nodes(&p, inside: true)
    try spaceAhead()
    try members(&p, more: try nextMember())
    try end()
    return p
  }

  /// Only white space may follow, to the file's end.
  mutating func end() throws(GiveUp) {
    try spaceAhead()
    guard i == b.count else { throw GiveUp() }
  }

  /// The campaign object's members, from just before a key (`more`) to
  /// its closing brace.
  /// A loop rather than `object { }`: the window may slide between
  /// members, where no earlier position is kept.
  mutating func members(_ p: inout Parts, more: Bool) throws(GiveUp) {
    var more = more
    while more {
      try spaceAhead()
      let k = try whole { (r: inout Reader) throws(GiveUp) -> CampaignKey in
        let key = try r.rawString()
        try r.expect(UInt8(ascii: ":"))
        return try r.member(key, &p.seen)
      }
      try spaceAhead()
      switch k {
      case .schema: p.schema = try whole { (r: inout Reader) throws(GiveUp) in try r.int() }
      case .id: p.id = try whole { (r: inout Reader) throws(GiveUp) in try r.string() }
      case .title: p.title = try whole { (r: inout Reader) throws(GiveUp) in try r.string() }
      case .start: p.start = try whole { (r: inout Reader) throws(GiveUp) in try r.optionalDay() }
      case .end: p.end = try whole { (r: inout Reader) throws(GiveUp) in try r.optionalDay() }
      case .source: p.source = try whole { (r: inout Reader) throws(GiveUp) in try r.string() }
      case .units: try elements(read: { (r: inout Reader) throws(GiveUp) in try r.unit() }) { _, unit in p.units.append(unit) }
      case .nodes:
        try nodes(&p, inside: false)
        if stopped { return }
      case .compaction: p.compaction = try whole { (r: inout Reader) throws(GiveUp) in try r.general() }
      }
      try spaceAhead()
      more = try nextMember()
    }
  }

  /// The nodes array, from its "[" or (`inside`) from a node's start; up
  /// to `stopAt` when it is set. Nodes go to the sink, or to `p.nodes`.
  mutating func nodes(_ p: inout Parts, inside: Bool) throws(GiveUp) {
    // Our lines run about 220 bytes a node: a guess from the file's size
    // saves growing the array (and copying it) as it fills.
    if sink == nil { p.nodes.reserveCapacity((window?.fileSize ?? b.count) / 200) }
    try elements(inside: inside, stopping: true, read: { (r: inout Reader) throws(GiveUp) in try r.node() }) {
      (r: inout Reader, node: Node) throws(GiveUp) in
      if let sink = r.sink {
        guard r.sunk < r.sinkLimit else { throw GiveUp() }
        (sink + r.sunk).initialize(to: node)
        r.sunk += 1
      } else {
        p.nodes.append(node)
      }
    }
  }

  /// Slides the window on so that `lookahead` bytes past `i` are in it, or
  /// the file's end. Called only where no earlier position is kept.
  mutating func ahead() throws(GiveUp) {
    guard let w = window, !w.atEnd, b.count - i < lookahead else { return }
    guard w.slide(from: i, want: 0) else { throw GiveUp() }
    b = w.bytes
    i = 0
  }

  /// Past white space, however long, with `lookahead` bytes after it.
  mutating func spaceAhead() throws(GiveUp) {
    space()
    while i == b.count, let w = window, !w.atEnd {
      try ahead()
      space()
    }
    try ahead()
  }

  /// Reads one value with `read`. When it fails and the window did not
  /// reach the file's end (the value is longer than the lookahead), the
  /// window is doubled and the value read again from its start; at the
  /// file's end a failure is a real one.
  mutating func whole<T>(_ read: (inout Reader) throws(GiveUp) -> T) throws(GiveUp) -> T {
    while true {
      let start = i
      do throws(GiveUp) {
        return try read(&self)
      } catch {
        guard let w = window, !w.atEnd, w.slide(from: start, want: 2 * w.capacity) else { throw error }
        b = w.bytes
        i = 0
      }
    }
  }

  /// A top-level array (the nodes, the units) read through the window:
  /// each element `whole` by `read`, then kept by `keep` (outside `whole`,
  /// so that a refusal there is not taken for a short window). From the
  /// "[", or (`inside`) from an element's start; `stopping` at `stopAt`.
  mutating func elements<T>(inside: Bool = false, stopping: Bool = false,
                            read: (inout Reader) throws(GiveUp) -> T,
                            keep: (inout Reader, T) throws(GiveUp) -> Void) throws(GiveUp) {
    if !inside {
      try expect(UInt8(ascii: "["))
      try spaceAhead()
      if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; return }
    }
    while true {
      try spaceAhead()
      if stopping, let stop = stopAt, position >= stop {
        stopped = true
        return
      }
      try keep(&self, try whole(read))
      try spaceAhead()
      guard i < b.count else { throw GiveUp() }
      if b[i] == UInt8(ascii: ",") { i += 1; continue }
      if b[i] == UInt8(ascii: "]") { i += 1; return }
      throw GiveUp()
    }
  }

  mutating func unit() throws(GiveUp) -> Unit {
    var seen: UInt32 = 0
    var id: String?, name: String?
    try object { (r: inout Reader, key: Range<Int>) throws(GiveUp) in
      switch try r.member(key, &seen) as UnitKey {
      case .id: id = try r.string()
      case .name: name = try r.string()
      }
    }
    guard let id, let name else { throw GiveUp() }
    return Unit(id: id, name: name)
  }

  mutating func node() throws(GiveUp) -> Node {
    // A loop, not `object { }`: a closure would box the fields on the heap
    // for every one of a million nodes.
    var seen: UInt32 = 0
    var id: String?, kind: NodeKind?, title: String?
    var parent: String?, lead: String?, support: [String] = [], due: Day?, status = Status.todo, note = ""
    var quota: Quota?, indicator: Indicator?, site: Site?, problems: [Problem] = []
    var more = try beginObject()
    while more {
      let key = try rawString()
      try expect(UInt8(ascii: ":"))
      space()
      let k: NodeKey = try member(key, &seen)
      switch k {
      case .id: id = try string()
      case .parent: parent = try optionalString()
      case .kind: kind = try name(Reader.kinds)
      case .title: title = try string()
      case .lead: lead = try optionalString()
      case .support:
        if null() { break }
        try array { (r: inout Reader) throws(GiveUp) in support.append(try r.string()) }
      case .due: due = try optionalDay()
      case .status: if !null() { status = try name(Reader.statuses) }
      case .note: note = try null() ? "" : shared()
      case .quota:
        // Stations carry quotas with their activities: read them here too.
        if !null() { quota = try self.quota() }
      case .indicator, .site, .problems:
        // The other facets are rare: the general path reads each.
        let value = try general()
        if case .null = value.value { break }
        do throws(DataError) {
          switch k {
          case .indicator: indicator = try CampaignCodec.indicator(value, "")
          case .site: site = try CampaignCodec.site(value, "")
          default:
            guard case .array(let items) = value.value else { throw DataError(offset: 0, message: "") }
            for p in items { problems.append(try CampaignCodec.problem(p, "")) }
          }
        } catch {
          throw GiveUp()
        }
      }
      more = try nextMember()
    }
    guard let id, let kind, let title else { throw GiveUp() }
    return Node(id: id, parent: parent, kind: kind, title: title, lead: lead, support: support, due: due,
                status: status, note: note, problems: problems, quota: quota, indicator: indicator, site: site)
  }

  static let kinds = NodeKind.allCases.map { (Array($0.rawValue.utf8), $0) }
  static let statuses = Status.allCases.map { (Array($0.rawValue.utf8), $0) }

  /// One of a few names (a kind, a status), matched on the bytes: making
  /// a string to look it up cost more than the rest of the node's fields.
  mutating func name<T>(_ names: [([UInt8], T)]) throws(GiveUp) -> T {
    let r = try rawString()
    for (bytes, value) in names where bytes.count == r.count {
      var k = 0
      while k < r.count && b[r.lowerBound + k] == bytes[k] { k += 1 }
      if k == r.count { return value }
    }
    throw GiveUp()
  }

  mutating func quota() throws(GiveUp) -> Quota {
    var seen: UInt32 = 0
    var target: Int?, perMonth: Int?, unit: String?
    var activities: [Activity] = []
    var more = try beginObject()
    while more {
      let key = try rawString()
      try expect(UInt8(ascii: ":"))
      space()
      switch try member(key, &seen) as QuotaKey {
      case .target: target = null() ? nil : try int()
      case .perMonth: perMonth = null() ? nil : try int()
      case .unit: unit = try null() ? nil : shared()
      case .activities:
        if null() { break }
        // Gathered in a buffer kept for the next quota, then copied at
        // their exact count: arrays grown by appending keep a quarter
        // more room than they hold, on average.
        scratch.removeAll(keepingCapacity: true)
        try array { (r: inout Reader) throws(GiveUp) in r.scratch.append(try r.activity()) }
        activities = scratch.withUnsafeBufferPointer { Array($0) }  // (`Array(scratch)` would share its room)
      }
      more = try nextMember()
    }
    guard let target, target >= 0 else { throw GiveUp() }
    // Without a "unit", the measure word is Quota's default (次).
    var q = Quota(target: target, perMonth: perMonth, activities: activities)
    if let unit { q.unit = unit }
    return q
  }

  mutating func activity() throws(GiveUp) -> Activity {
    var seen: UInt32 = 0
    var id: String?, date: Day?, count: Int?, note: String?
    var more = try beginObject()
    while more {
      let key = try rawString()
      try expect(UInt8(ascii: ":"))
      space()
      switch try member(key, &seen) as ActivityKey {
      case .id: id = try string()
      case .date: date = try optionalDay()
      case .count: count = null() ? nil : try int()
      case .note: note = try null() ? nil : shared()
      }
      more = try nextMember()
    }
    guard let id, let date else { throw GiveUp() }
    return Activity(id: id, date: date, count: count ?? 1, note: note ?? "")
  }

  // MARK: JSON pieces

  mutating func space() {
    while i < b.count {
      switch b[i] {
      case 0x20, 0x0A, 0x0D, 0x09: i += 1
      default: return
      }
    }
  }

  mutating func expect(_ c: UInt8) throws(GiveUp) {
    space()
    guard i < b.count, b[i] == c else { throw GiveUp() }
    i += 1
  }

  /// Past an object's "{": false when it is empty (and closed).
  mutating func beginObject() throws(GiveUp) -> Bool {
    try expect(UInt8(ascii: "{"))
    space()
    if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return false }
    return true
  }

  /// After a member's value: true when another member follows.
  mutating func nextMember() throws(GiveUp) -> Bool {
    space()
    guard i < b.count else { throw GiveUp() }
    if b[i] == UInt8(ascii: ",") { i += 1; space(); return true }
    if b[i] == UInt8(ascii: "}") { i += 1; return false }
    throw GiveUp()
  }

  /// An object: each member's key (as a byte range) and then its value,
  /// read by `body`.
  mutating func object(_ body: (inout Reader, Range<Int>) throws(GiveUp) -> Void) throws(GiveUp) {
    try expect(UInt8(ascii: "{"))
    space()
    if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return }
    while true {
      let key = try rawString()
      try expect(UInt8(ascii: ":"))
      space()
      try body(&self, key)
      space()
      guard i < b.count else { throw GiveUp() }
      if b[i] == UInt8(ascii: ",") { i += 1; space(); continue }
      if b[i] == UInt8(ascii: "}") { i += 1; return }
      throw GiveUp()
    }
  }

  mutating func array(_ element: (inout Reader) throws(GiveUp) -> Void) throws(GiveUp) {
    try expect(UInt8(ascii: "["))
    space()
    if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; return }
    while true {
      space()
      try element(&self)
      space()
      guard i < b.count else { throw GiveUp() }
      if b[i] == UInt8(ascii: ",") { i += 1; continue }
      if b[i] == UInt8(ascii: "]") { i += 1; return }
      throw GiveUp()
    }
  }

  /// Which of `M`'s members the key is; gives up on an unknown or
  /// repeated one (`seen` holds the members read so far, by `bit`).
  func member<M: JSONMembers>(_ key: Range<Int>, _ seen: inout UInt32) throws(GiveUp) -> M {
    let table = M.table
    for k in table.names.indices where table.names[k].count == key.count {
      let same = table.names[k].withUnsafeBufferPointer { name in
        memcmp(name.baseAddress!, b.baseAddress! + key.lowerBound, key.count) == 0
      }
      guard same else { continue }
      guard seen & (1 << k) == 0 else { throw GiveUp() }
      seen |= 1 << k
      return table.cases[k]
    }
    throw GiveUp()
  }

  /// The bytes between a string's quotes, when it has no escapes.
  mutating func rawString() throws(GiveUp) -> Range<Int> {
    space()
    guard i < b.count, b[i] == 0x22 else { throw GiveUp() }
    let start = i + 1
    var j = start
    while j < b.count {
      let c = b[j]
      if c == 0x22 { break }
      if c == 0x5C || c < 0x20 { throw GiveUp() }
      j += 1
    }
    guard j < b.count else { throw GiveUp() }
    i = j + 1
    return start..<j
  }

  mutating func string() throws(GiveUp) -> String {
    space()
    let start = i
    // Escapes are rare in our files: the general parser reads those.
    var j = start + 1
    while j < b.count && b[j] != 0x22 && b[j] != 0x5C { j += 1 }
    if j < b.count && b[j] == 0x5C {
      guard case .string(let s) = try general().value else { throw GiveUp() }
      return s
    }
    let range = try rawString()
    guard let text = Reader.decodeUTF8(b, range) else { throw GiveUp() }
    return text
  }

  /// A string that often repeats: the same text read recently is shared
  /// (found by a hash of its bytes in `recent`), not allocated again.
  mutating func shared() throws(GiveUp) -> String {
    space()
    guard i < b.count, b[i] == 0x22 else { throw GiveUp() }
    var j = i + 1
    var h: UInt32 = 2_166_136_261
    while j < b.count && b[j] != 0x22 && b[j] != 0x5C {
      h = (h ^ UInt32(b[j])) &* 16_777_619
      j += 1
    }
    // Short texts are kept inside the string value; escapes are rare.
    guard j < b.count, b[j] == 0x22, j - i - 1 > 15 else { return try string() }
    if recent.isEmpty { recent = Array(repeating: "", count: 256) }
    let slot = Int(h >> 24)
    let range = (i + 1)..<j
    var same = false
    recent[slot].withUTF8 { old in
      same = old.count == range.count && memcmp(old.baseAddress!, b.baseAddress! + range.lowerBound, range.count) == 0
    }
    if same {
      i = j + 1
      return recent[slot]
    }
    let text = try string()
    recent[slot] = text
    return text
  }

  /// The bytes as a string when they are well-formed UTF-8 (RFC 3629), nil
  /// otherwise. The standard library's decoding replaces what is not
  /// well-formed with U+FFFD, so the text came out unchanged exactly when
  /// nothing was replaced (a replaced part is never EF BF BD itself, and
  /// never shorter): comparing the bytes costs less than checking them
  /// first, and `String(validating:)` is generic and slow per call.
  static func decodeUTF8(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
    let bytes = UnsafeBufferPointer(rebasing: b[range])
    var text = String(decoding: bytes, as: UTF8.self)
    let same = text.withUTF8 { out in
      out.count == bytes.count && (bytes.isEmpty || memcmp(out.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
    }
    return same ? text : nil
  }

  mutating func null() -> Bool {
    space()
    if i + 4 <= b.count && b[i] == 0x6E && b[i + 1] == 0x75 && b[i + 2] == 0x6C && b[i + 3] == 0x6C {
      i += 4
      return true
    }
    return false
  }

  mutating func optionalString() throws(GiveUp) -> String? { null() ? nil : try string() }

  mutating func optionalDay() throws(GiveUp) -> Day? {
    if null() { return nil }
    let r = try rawString()
    guard r.count == 10, b[r.lowerBound + 4] == 0x2D, b[r.lowerBound + 7] == 0x2D else { throw GiveUp() }
    func digits(_ from: Int, _ n: Int) throws(GiveUp) -> Int {
      var v = 0
      for k in from..<(from + n) {
        let d = b[r.lowerBound + k] &- 0x30
        guard d <= 9 else { throw GiveUp() }
        v = v * 10 + Int(d)
      }
      return v
    }
    guard let day = Day(year: try digits(0, 4), month: try digits(5, 2), day: try digits(8, 2)) else { throw GiveUp() }
    return day
  }

  mutating func int() throws(GiveUp) -> Int {
    space()
    let start = i
    if i < b.count && b[i] == 0x2D { i += 1 }
    guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw GiveUp() }
    if b[i] == 0x30 { i += 1 } else { while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 } }
    if i < b.count && (b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45) { throw GiveUp() }
    // Out of range: the general reader says so.
    guard i - start <= 16, let v = Int(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)),
      (-WholeNumbers.largest...WholeNumbers.largest).contains(v) else { throw GiveUp() }
    return v
  }

  /// The next value, cut out and read by the general parser.
  mutating func general() throws(GiveUp) -> JSONNode {
    space()
    let start = i
    try skip()
    do throws(JSONSyntaxError) {
      return try JSONParser.parse(Array(b[start..<i]))
    } catch {
      throw GiveUp()
    }
  }

  /// Moves past one value, minding strings; the general parser checks it.
  mutating func skip() throws(GiveUp) {
    var depth = 0
    repeat {
      guard i < b.count else { throw GiveUp() }
      switch b[i] {
      case 0x22:
        i += 1
        while i < b.count && b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
        guard i < b.count else { throw GiveUp() }
        i += 1
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        i += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        guard depth >= 0 else { throw GiveUp() }
        i += 1
      case UInt8(ascii: ","), UInt8(ascii: ":"), 0x20, 0x0A, 0x0D, 0x09:
        guard depth > 0 else { return }
        i += 1
      default:
        i += 1
      }
    } while depth > 0 || (i < b.count && !isEnd(b[i]))
  }

  func isEnd(_ c: UInt8) -> Bool {
    c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
  }
}
