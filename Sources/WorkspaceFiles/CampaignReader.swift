import Domain

/// Reads campaign.json straight into a `Campaign` with the one JSON
/// reader (`Reader`), without a tree of JSON values between: a million
/// nodes must open in about a second. The first thing wrong in the file
/// (a syntax error, an unknown or repeated member, a wrong type, a missing
/// member, a bad date, a number out of range) is the error, at its byte;
/// the members of each object and their defaults are `Members.swift`'s.
///
/// The same readers of a node, a unit, an activity and a problem read
/// journal lines (`event()`, EventReader.swift).
struct CampaignReader {
  var r: Reader

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
  /// Where the nodes' texts go: this reader's chunks, no String per text.
  var arena = TextArena()
  /// One box for a note repeated node after node.
  var notes = NoteShare()
  /// One array for supporting units repeated among nearby nodes.
  var supports = SupportShare()
  /// The author of the last event read, for the next of the same.
  var author: Author? = nil
  /// The id table and parents of the nodes read, found as they are read
  /// (no `reindex()` once they are all in).
  var links = LinkBuilder()
  /// Set to note where the members of some nodes and units are
  /// (`locate`): only read again so when the tree breaks a rule.
  var locations: Locations? = nil {
    didSet { locating = locations != nil }
  }
  /// Whether `locations` is set: tested for each member, where binding
  /// the reference would retain and release it a dozen times a node.
  private(set) var locating = false
  /// What each node is read with, fetched once: a static is a call to
  /// `swift_once` at each use (1.6% of a million nodes' read).
  private let nodeKinds = CampaignReader.kinds, nodeStatuses = CampaignReader.statuses
  private let nodeRequired = NodeKey.requiredBits

  init(_ r: Reader) { self.r = r }

  // MARK: Entry points

  /// Reads bytes already in memory (tests, the fuzzer).
  static func decode(_ bytes: [UInt8]) throws(DataError) -> Campaign {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) in
      var c = CampaignReader(Reader(b: buffer))
      return try c.campaign()
    }
  }

  /// Reads the file a window at a time: at a million nodes the file is
  /// over 200 MB, and holding it all beside the nodes read from it was
  /// the open's peak of memory. A large file is read by two threads, one
  /// from each half (`decodeInTwo`). nil when there is no file; an error
  /// names the file, line and column. `window` and `lookahead` are for
  /// tests.
  static func decode(file path: String, window: Int = 4 << 20, lookahead: Int = 1 << 20,
                     twoThreadsFrom: Int = twoThreadsFrom) throws(WorkspaceError) -> Campaign? {
    let size = max(window, 2 * lookahead)
    guard let w = try FileWindow.open(path, size: size) else { return nil }
    if w.fileSize >= twoThreadsFrom, let two = decodeInTwo(path, w, lookahead: lookahead) {
      return two.campaign
    }
    // Read again from the top by one reader: its answer is the answer.
    guard let w = try FileWindow.open(path, size: size) else { return nil }
    var c = CampaignReader(Reader(b: w.bytes, window: w, lookahead: lookahead))
    do throws(DataError) {
      return try c.campaign()
    } catch {
      throw .invalid([Diagnostic(file: path, at: error.offset, message: error.message)])
    }
  }

  /// The whole campaign from the top (one reader).
  mutating func campaign() throws(DataError) -> Campaign {
    let parts: Parts
    do throws(DataError) {
      parts = try top()
    } catch {
      // A newer schema is the first thing to say, wherever it stands.
      if let newer = newerSchema() { throw newer }
      throw error
    }
    // Read: the window's memory goes before the links are made.
    r.window?.release()
    return try CampaignReader.campaign(parts, nodes: parts.nodes, links: links.take())
  }

  /// The campaign the members make, its nodes linked as `links` found.
  /// Both taken, not copied: the builder's id tags are freed before the
  /// child lists are made only when the campaign holds the one reference.
  static func campaign(_ parts: Parts, nodes: consuming [Node], links: consuming LinkBuilder) throws(DataError) -> Campaign {
    var c = Campaign(id: parts.id, title: parts.title, start: parts.start, end: parts.end, source: parts.source,
                     units: parts.units)
    c.setNodes(nodes, links: links)
    if let k = parts.compaction {
      c.compaction = k.record
      c.stamps = k.stamps
    }
    c.roles = parts.roles
    c.orders = parts.orders
    c.evidence = parts.evidence
    c.settings = parts.settings
    c.points = parts.points
    c.rounds = parts.rounds
    return c
  }

  /// A campaign's members, read but not yet made into one.
  struct Parts {
    /// Which members were read (`CampaignKey.bit`).
    var seen: UInt32 = 0
    /// Where the object began (the file offset of its "{").
    var at = 0
    var id = "", title = "", source = ""
    var start: Day?, end: Day?
    var units: [Unit] = [], nodes: [Node] = [], orders: [Order] = [], evidence: [Evidence] = []
    var settings = PlanSettings()
    var points: [InspectionPoint] = [], rounds: [Round] = []
    var compaction: (record: Compaction, stamps: [Register: Stamp])?
    var roles = Roles()

    /// The members of two readers, one before the other. nil when both
    /// read one member (a repeated key: one reader then reads the file,
    /// to say where).
    func then(_ later: Parts) -> Parts? {
      guard seen & later.seen == 0 else { return nil }
      var p = self
      p.seen |= later.seen
      for k in CampaignKey.allCases where later.seen & k.bit != 0 {
        switch k {
        case .schema: break
        case .id: p.id = later.id
        case .title: p.title = later.title
        case .start: p.start = later.start
        case .end: p.end = later.end
        case .source: p.source = later.source
        case .units: p.units = later.units
        case .orders: p.orders = later.orders
        case .evidence: p.evidence = later.evidence
        case .settings: p.settings = later.settings
        case .points: p.points = later.points
        case .rounds: p.rounds = later.rounds
        case .roles: p.roles.granted = later.roles.granted
        case .revoked: p.roles.revoked = later.roles.revoked
        // The nodes are joined by the caller (`decodeInTwo`).
        case .nodes: break
        case .compaction: p.compaction = later.compaction
        }
      }
      return p
    }

    /// The first required member not read, as an error at the object.
    func missing(at offset: Int) -> DataError? {
      guard let k = CampaignKey.missing(seen) else { return nil }
      return DataError(offset: offset, message: "the campaign needs \(CampaignKey.needs(k))")
    }
  }

  static let what = "the campaign"

  /// The whole file, or up to `stopAt`.
  mutating func top() throws(DataError) -> Parts {
    var p = Parts()
    try r.start()
    p.at = r.position
    try members(&p, more: try r.beginObject(CampaignReader.what))
    if !stopped {
      try r.end()
      if let e = p.missing(at: p.at) { throw e }
    }
    return p
  }

  /// From the start of a node inside the nodes array to the file's end:
  /// what the second reader reads, or the first after a failed split.
  mutating func tail() throws(DataError) -> Parts {
    var p = Parts()
    try nodes(&p, inside: true)
    try r.spaceAhead()
    try members(&p, more: try r.nextMember(after: CampaignKey.nodes))
    try r.end()
    return p
  }

  /// The campaign object's members, from just before a key (`more`) to
  /// its closing brace.
  /// A loop rather than `object { }`: the window may slide between
  /// members, where no earlier position is kept.
  mutating func members(_ p: inout Parts, more: Bool) throws(DataError) {
    let what = CampaignReader.what
    var more = more
    while more {
      try r.spaceAhead()
      let k = try whole { (c: inout CampaignReader) throws(DataError) -> CampaignKey in
        try c.r.key(&p.seen, what)
      }
      try r.spaceAhead()
      switch k {
      case .schema:
        try whole { (c: inout CampaignReader) throws(DataError) in
          let at = c.r.i
          guard let v = try c.r.int(k, what) else {
            throw DataError(offset: p.at, message: "the campaign needs \(CampaignKey.needs(.schema))")
          }
          if v > Campaign.schemaVersion {
            throw c.r.error("schema \(v) is newer than this chuangwen reads (\(Campaign.schemaVersion)): update chuangwen to open this workspace", at: at)
          }
          guard v >= 1 else { throw c.r.error("expected schema 1 to \(Campaign.schemaVersion), found \(v)", at: at) }
        }
      case .id: p.id = try whole { (c: inout CampaignReader) throws(DataError) in try c.r.optionalString(k, what) ?? "" }
      case .title: p.title = try whole { (c: inout CampaignReader) throws(DataError) in try c.r.requiredString(k, what) }
      case .start: p.start = try whole { (c: inout CampaignReader) throws(DataError) in try c.r.day(k, what) }
      case .end: p.end = try whole { (c: inout CampaignReader) throws(DataError) in try c.r.day(k, what) }
      case .source: p.source = try whole { (c: inout CampaignReader) throws(DataError) in try c.r.optionalString(k, what) ?? "" }
      case .roles: p.roles.granted = try whole { (c: inout CampaignReader) throws(DataError) in try c.roleGrants() }
      case .settings: p.settings = try whole { (c: inout CampaignReader) throws(DataError) in try c.settings() }
      case .revoked: p.roles.revoked = try whole { (c: inout CampaignReader) throws(DataError) in try c.revocations() }
      case .units:
        if try whole({ (c: inout CampaignReader) throws(DataError) in c.r.null() }) { break }
        var index = 0
        try elements(k, read: { (c: inout CampaignReader) throws(DataError) in try c.unit(index) }) { _, unit in
          p.units.append(unit)
          index += 1
        }
      case .orders:
        if try whole({ (c: inout CampaignReader) throws(DataError) in c.r.null() }) { break }
        try elements(k, read: { (c: inout CampaignReader) throws(DataError) in try c.order() }) { _, order in
          p.orders.append(order)
        }
      case .points:
        if try whole({ (c: inout CampaignReader) throws(DataError) in c.r.null() }) { break }
        try elements(k, read: { (c: inout CampaignReader) throws(DataError) in try c.point() }) { _, x in p.points.append(x) }
      case .rounds:
        if try whole({ (c: inout CampaignReader) throws(DataError) in c.r.null() }) { break }
        try elements(k, read: { (c: inout CampaignReader) throws(DataError) in try c.round() }) { _, x in p.rounds.append(x) }
      case .evidence:
        if try whole({ (c: inout CampaignReader) throws(DataError) in c.r.null() }) { break }
        try elements(k, read: { (c: inout CampaignReader) throws(DataError) in try c.evidence() }) { _, e in
          p.evidence.append(e)
        }
      case .nodes:
        if try whole({ (c: inout CampaignReader) throws(DataError) in c.r.null() }) { break }
        try nodes(&p, inside: false)
        if stopped { return }
      case .compaction:
        p.compaction = try whole { (c: inout CampaignReader) throws(DataError) in try c.compaction() }
      }
      try r.spaceAhead()
      more = try r.nextMember(after: k)
    }
  }

  /// The nodes array, from its "[" or (`inside`) from a node's start; up
  /// to `stopAt` when it is set. Nodes go to the sink, or to `p.nodes`.
  mutating func nodes(_ p: inout Parts, inside: Bool) throws(DataError) {
    // Our lines run about 220 bytes a node: a guess from the file's size
    // saves growing the array (and copying it) as it fills.
    if sink == nil { p.nodes.reserveCapacity((r.window?.fileSize ?? r.b.count) / 200) }
    try elements(CampaignKey.nodes, inside: inside, stopping: true,
                 read: { (c: inout CampaignReader) throws(DataError) in try c.node() }) {
      (c: inout CampaignReader, node: consuming Node) throws(DataError) in
      if c.locating, let l = c.locations { l.keep(node: c.sink == nil ? p.nodes.count : c.sunk) }
      // Past the room for this half: one reader then reads the file.
      if c.sink != nil && c.sunk >= c.sinkLimit { throw c.r.error("too many nodes for this half") }
      c.links.add(node.texts)
      // Moved, not copied: a copy retains every reference the node holds.
      if let sink = c.sink {
        (sink + c.sunk).initialize(to: node)
        c.sunk += 1
      } else {
        p.nodes.append(node)
      }
    }
  }

  /// Reads one value with `read`. When the bytes ran out before it did
  /// and the window did not reach the file's end (the value is longer
  /// than the lookahead), the window is doubled and the value read again
  /// from its start; at the file's end a failure is a real one.
  mutating func whole<T>(_ read: (inout CampaignReader) throws(DataError) -> T) throws(DataError) -> T {
    while true {
      let start = r.i
      do throws(DataError) {
        return try read(&self)
      } catch {
        guard error.short, let w = r.window, !w.atEnd, w.slide(from: start, want: 2 * w.capacity) else { throw error }
        r.b = w.bytes
        r.i = 0
      }
    }
  }

  /// A top-level array (the nodes, the units) read through the window:
  /// each element `whole` by `read`, then kept by `keep` (outside `whole`,
  /// so that a refusal there is not taken for a short window). From the
  /// "[", or (`inside`) from an element's start; `stopping` at `stopAt`.
  mutating func elements<T>(_ key: CampaignKey, inside: Bool = false, stopping: Bool = false,
                            read: (inout CampaignReader) throws(DataError) -> T,
                            keep: (inout CampaignReader, consuming T) throws(DataError) -> Void) throws(DataError) {
    if !inside {
      try whole { (c: inout CampaignReader) throws(DataError) in try c.r.beginArray(key, CampaignReader.what) }
      try r.spaceAhead()
      if r.i < r.b.count && r.b[r.i] == UInt8(ascii: "]") { r.i += 1; return }
    }
    while true {
      try r.spaceAhead()
      if stopping, let stop = stopAt, r.position >= stop {
        stopped = true
        return
      }
      try keep(&self, try whole(read))
      try r.spaceAhead()
      if try !r.nextElement() { return }
    }
  }

  /// Whether the file's top-level "schema" is newer than this reader:
  /// said before any other error, as the schema decides what the rest
  /// means. Read again from the top, only once there is an error.
  func newerSchema() -> DataError? {
    var kept: [UInt8] = []
    if let w = r.window {
      // The schema is near the top: the first megabyte.
      guard let top = FileWindow(path: w.path, size: 1 << 20) else { return nil }
      kept = Array(top.bytes)
    } else {
      kept = Array(r.b)
    }
    return kept.withUnsafeBufferPointer { b -> DataError? in
      var s = Reader(b: b)
      do throws(DataError) {
        try s.start()
        var seen: UInt32 = 0
        guard try s.beginObject(CampaignReader.what) else { return nil }
        repeat {
          let k: CampaignKey = try s.key(&seen, CampaignReader.what)
          if k == .schema {
            let at = s.i
            if let v = try s.int(k, CampaignReader.what), v > Campaign.schemaVersion {
              return DataError(offset: at, message: "schema \(v) is newer than this chuangwen reads (\(Campaign.schemaVersion)): update chuangwen to open this workspace")
            }
            return nil
          }
          try s.skipValue()
        } while try s.nextMember(after: CampaignKey.schema)
      } catch {}
      return nil
    }
  }

  // MARK: The objects

  /// The owner of a quota, an activity or a problem, for messages.
  enum Owner {
    /// The node being read (`thisNode` in messages until it is known).
    case node
    case event

    var text: String {
      switch self {
      case .node: return CampaignReader.thisNode
      case .event: return "the event"
      }
    }
  }

  static func what(node id: String?) -> String { id.map { "node \"\($0)\"" } ?? "a node" }

  /// Stands for the node being read in the messages made while reading
  /// it, and is replaced by its name (`what(node:)`) when one is thrown:
  /// capturing the id in each message's closure retained and released it
  /// at every member of a million nodes.
  static var thisNode: String { "\u{1}" }

  static let unitWhat = "a unit"

  mutating func unit(_ index: Int = -1) throws(DataError) -> Unit {
    r.space()
    let at = r.i
    var seen: UInt32 = 0
    var id = "", name = CompactText.empty
    if try r.beginObject(CampaignReader.unitWhat) {
      repeat {
        let k: UnitKey = try r.key(&seen, CampaignReader.unitWhat)
        if k == .id, locating, let l = locations { l.unit(index, object: r.position - (r.i - at), id: r.position) }
        switch k {
        case .id: id = try r.requiredString(k, CampaignReader.unitWhat)
        case .name:
          switch try r.requiredText(k, CampaignReader.unitWhat) {
          case .input(let bytes): name = arena.text(validUTF8: UnsafeBufferPointer(rebasing: r.b[bytes]))
          case .string(let s): name = arena.text(s)
          }
        }
      } while try r.nextMember(after: UnitKey.name)
    }
    if let k = UnitKey.missing(seen) { throw r.error("\(CampaignReader.unitWhat) needs \(UnitKey.needs(k))", at: at) }
    return Unit(id: id, name: name)
  }

  static let kinds = NameTable<NodeKind>()
  static let statuses = NameTable<Status>()
  static let states = NameTable<Problem.State>()
  static let attributes = NameTable<Indicator.Attribute>()
  static let fields = NameTable<Field>()
  static let planFields = NameTable<PlanField>()
  static let ops = NameTable<EventOp>()

  mutating func node() throws(DataError) -> Node {
    var id: Reader.TextBytes?
    do throws(DataError) {
      return try node(&id)
    } catch {
      var e = error
      let name = CampaignReader.what(node: id?.string(in: r.b))
      e.message = String(e.message.flatMap { $0 == "\u{1}" ? Array(name) : [$0] })
      throw e
    }
  }

  private mutating func node(_ id: inout Reader.TextBytes?) throws(DataError) -> Node {
    // A loop, not `object { }`: a closure would box the fields on the heap
    // for every one of a million nodes.
    r.space()
    let at = r.i
    if locating, let l = locations { l.begin(r.position) }
    var seen: UInt32 = 0
    var kind = NodeKind.group, title = Reader.TextBytes.string("")
    var parent: Reader.TextBytes?, lead: Reader.TextBytes?, support: [String] = [], due: Day?, status = NodeKey.defaultStatus, note = ""
    var quota: Quota?
    // The facets few nodes have, made only for those: as locals, their
    // hundreds of bytes were cleared and copied for every node.
    var rare: RareFacets? = nil
    var more = try r.beginObject(CampaignReader.thisNode)
    while more {
      let k: NodeKey = try r.key(&seen, CampaignReader.thisNode)
      if locating, let l = locations { l.member(k.ordinal, r.position) }
      switch k {
      case .id: id = try r.requiredText(k, CampaignReader.thisNode)
      case .parent: parent = try r.optionalText(k, CampaignReader.thisNode)
      case .kind:
        if r.null() { seen &= ~k.bit } else { kind = try r.name(nodeKinds, k, CampaignReader.thisNode) }
      case .title: title = try r.requiredText(k, CampaignReader.thisNode)
      case .lead: lead = try r.optionalText(k, CampaignReader.thisNode)
      case .support:
        if r.null() { break }
        let from = r.i
        // Read into a list kept for the next node, then shared or copied
        // at its count (`SupportShare`).
        supports.scratch.removeAll(keepingCapacity: true)
        if locating, let l = locations {
          var listed: [String] = []
          try r.array(k, CampaignReader.thisNode) { (r: inout Reader) throws(DataError) in
            l.element(r.position)
            guard r.i < r.b.count, r.b[r.i] == 0x22 else {
              throw r.wrongType { "expected strings in \"\(k.rawValue)\" of \(CampaignReader.thisNode), found \($0)" }
            }
            listed.append(try r.text())
          }
          supports.scratch = listed
        } else {
          try r.strings(k, CampaignReader.thisNode, into: &supports.scratch)
        }
        support = supports.shared(bytes: UnsafeBufferPointer(rebasing: r.b[from..<r.i]))
      case .due: due = try r.day(k, CampaignReader.thisNode)
      case .status: if !r.null() { status = try r.name(nodeStatuses, k, CampaignReader.thisNode) }
      case .note: note = try r.null() ? "" : r.shared(k, CampaignReader.thisNode)
      case .quota:
        // Stations carry quotas with their activities.
        if !r.null() { quota = try self.quota(of: .node) }
      case .indicator: if !r.null() { RareFacets.make(&rare).indicator = try self.indicator(of: .node) }
      case .site: if !r.null() { RareFacets.make(&rare).site = try self.site(of: .node) }
      case .problems:
        if r.null() { break }
        try r.beginArray(k, CampaignReader.thisNode)
        if r.i < r.b.count && r.b[r.i] == UInt8(ascii: "]") { r.i += 1; break }
        repeat {
          if locating, let l = locations { l.element(r.position) }
          let problem = try problem(of: .node)
          RareFacets.make(&rare).problems.append(problem)
        } while try r.nextElement()
      case .standard: if !r.null() { RareFacets.make(&rare).standard = try self.standardFacts() }
      case .flags:
        if r.null() { break }
        try r.array(k, CampaignReader.thisNode) { (r: inout Reader) throws(DataError) in
          let flag = try r.name(CampaignReader.flagNames, k, CampaignReader.thisNode)
          RareFacets.make(&rare).flags.append(flag)
        }
      }
      more = try r.nextMember(after: k)
    }
    if seen & nodeRequired != nodeRequired, let k = NodeKey.missing(seen) {
      throw r.error("\(CampaignReader.thisNode) needs \(NodeKey.needs(k))", at: at)
    }
    let texts = nodeTexts(title: title, id: id!, parent: parent, lead: lead)
    guard let rare else {
      var node = Node(texts: texts, kind: kind, support: support, due: due, status: status, quota: quota)
      if !note.isEmpty { notes.set(note, of: &node) }
      return node
    }
    var node = Node(texts: texts, kind: kind, support: support, due: due, status: status, problems: rare.problems,
                    quota: quota, indicator: rare.indicator, site: rare.site)
    if !note.isEmpty { notes.set(note, of: &node) }
    if !rare.flags.isEmpty { node.flags = rare.flags }
    if let standard = rare.standard { node.standard = standard }
    return node
  }

  /// The node's texts, into the arena together now that all four are
  /// read: straight from the input, or (an escape in one) from Strings.
  private mutating func nodeTexts(title: Reader.TextBytes, id: Reader.TextBytes, parent: Reader.TextBytes?,
                                  lead: Reader.TextBytes?) -> NodeTexts {
    let b = r.b
    func input(_ t: Reader.TextBytes?) -> UnsafeBufferPointer<UInt8>?? {
      guard let t else { return .some(nil) }
      guard case .input(let range) = t else { return nil }
      return UnsafeBufferPointer(rebasing: b[range])
    }
    if let t = input(title), let i = input(id), let p = input(parent), let l = input(lead) {
      return arena.nodeTexts(title: t!, id: i!, parent: p, lead: l)
    }
    return arena.nodeTexts(title: title.string(in: b), id: id.string(in: b), parent: parent?.string(in: b),
                           lead: lead?.string(in: b))
  }

  mutating func quota(of owner: Owner) throws(DataError) -> Quota {
    r.space()
    let at = r.i
    var seen: UInt32 = 0
    var target: Int?, perMonth: Int?, measureWord: String?
    var activities: [Activity] = []
    var targetAt = at
    var more = try r.beginObject("the quota of \(owner.text)")
    while more {
      let k: QuotaKey = try r.key(&seen, "the quota of \(owner.text)")
      switch k {
      case .target:
        targetAt = r.i
        target = try r.int(k, "the quota of \(owner.text)")
      case .perMonth: perMonth = try r.int(k, "the quota of \(owner.text)")
      case .unit: measureWord = try r.null() ? nil : r.shared(k, "the quota of \(owner.text)")
      case .activities:
        if r.null() { break }
        // Gathered in a buffer kept for the next quota, then copied at
        // their exact count: arrays grown by appending keep a quarter
        // more room than they hold, on average.
        scratch.removeAll(keepingCapacity: true)
        try r.beginArray(k, "the quota of \(owner.text)")
        if r.i < r.b.count && r.b[r.i] == UInt8(ascii: "]") {
          r.i += 1
        } else {
          repeat {
            if locating, let l = locations { l.activity(r.position) }
            scratch.append(try activity(of: owner))
          } while try r.nextElement()
        }
        activities = scratch.withUnsafeBufferPointer { Array($0) }  // (`Array(scratch)` would share its room)
      }
      more = try r.nextMember(after: k)
    }
    guard let target, target >= 0 else {
      throw r.error("the quota of \(owner.text) needs \(QuotaKey.needs(.target))", at: targetAt)
    }
    return Quota(target: target, perMonth: perMonth, measureWord: measureWord ?? QuotaKey.defaultMeasureWord,
                 activities: activities)
  }

  mutating func activity(of owner: Owner) throws(DataError) -> Activity {
    r.space()
    let at = r.i
    var seen: UInt32 = 0
    var id = "", date = Day(year: 2000, month: 1, day: 1)!, count = ActivityKey.defaultCount, note = ""
    var more = try r.beginObject("an activity of \(owner.text)")
    while more {
      let k: ActivityKey = try r.key(&seen, "an activity of \(owner.text)")
      switch k {
      case .id: id = try r.requiredString(k, "an activity of \(owner.text)")
      case .date:
        if let d = try r.day(k, "an activity of \(owner.text)") { date = d } else { seen &= ~k.bit }
      case .count: count = try r.int(k, "an activity of \(owner.text)") ?? ActivityKey.defaultCount
      case .note: note = try r.null() ? "" : r.shared(k, "an activity of \(owner.text)")
      }
      more = try r.nextMember(after: k)
    }
    if seen & ActivityKey.requiredBits != ActivityKey.requiredBits, let k = ActivityKey.missing(seen) {
      throw r.error("an activity of \(owner.text) needs \(ActivityKey.needs(k))", at: at)
    }
    return Activity(id: id, date: date, count: count, note: note)
  }

  mutating func indicator(of owner: Owner) throws(DataError) -> Indicator {
    var seen: UInt32 = 0
    var unit = "", baseline = "", target = "", current: String?
    var baselineYear = IndicatorKey.defaultBaselineYear, targetYear = IndicatorKey.defaultTargetYear
    var attribute = IndicatorKey.defaultAttribute
    var more = try r.beginObject("the indicator of \(owner.text)")
    while more {
      let k: IndicatorKey = try r.key(&seen, "the indicator of \(owner.text)")
      switch k {
      case .unit: unit = try r.optionalString(k, "the indicator of \(owner.text)") ?? ""
      case .baseline: baseline = try r.optionalString(k, "the indicator of \(owner.text)") ?? ""
      case .baselineYear: baselineYear = try r.int(k, "the indicator of \(owner.text)") ?? IndicatorKey.defaultBaselineYear
      case .target: target = try r.optionalString(k, "the indicator of \(owner.text)") ?? ""
      case .targetYear: targetYear = try r.int(k, "the indicator of \(owner.text)") ?? IndicatorKey.defaultTargetYear
      case .current: current = try r.optionalString(k, "the indicator of \(owner.text)")
      case .attribute:
        if !r.null() { attribute = try r.name(CampaignReader.attributes, k, "the indicator of \(owner.text)") }
      }
      more = try r.nextMember(after: k)
    }
    return Indicator(unit: unit, baseline: baseline, baselineYear: baselineYear, target: target,
                     targetYear: targetYear, current: current, attribute: attribute)
  }

  mutating func site(of owner: Owner) throws(DataError) -> Site {
    var seen: UInt32 = 0
    var s = Site(address: nil, level: nil, contact: nil, category: nil)
    var more = try r.beginObject("the site of \(owner.text)")
    while more {
      let k: SiteKey = try r.key(&seen, "the site of \(owner.text)")
      let v = try r.optionalString(k, "the site of \(owner.text)")
      switch k {
      case .address: s.address = v
      case .level: s.level = v
      case .contact: s.contact = v
      case .category: s.category = v
      }
      more = try r.nextMember(after: k)
    }
    return s
  }

  mutating func problem(of owner: Owner) throws(DataError) -> Problem {
    r.space()
    let at = r.i
    var seen: UInt32 = 0
    var id = "", text = "", unit: String?, due: Day?, found: Day?, point: String?, state = ProblemKey.defaultState
    var more = try r.beginObject("a problem of \(owner.text)")
    while more {
      let k: ProblemKey = try r.key(&seen, "a problem of \(owner.text)")
      switch k {
      case .id: id = try r.requiredString(k, "a problem of \(owner.text)")
      case .text: text = try r.requiredString(k, "a problem of \(owner.text)")
      case .unit: unit = try r.optionalString(k, "a problem of \(owner.text)")
      case .due: due = try r.day(k, "a problem of \(owner.text)")
      case .state: if !r.null() { state = try r.name(CampaignReader.states, k, "a problem of \(owner.text)") }
      case .found: found = try r.day(k, "a problem of \(owner.text)")
      case .point: point = try r.optionalString(k, "a problem of \(owner.text)")
      }
      more = try r.nextMember(after: k)
    }
    if let k = ProblemKey.missing(seen) { throw r.error("a problem of \(owner.text) needs \(ProblemKey.needs(k))", at: at) }
    return Problem(id: id, text: text, unit: unit, due: due, state: state, found: found, point: point)
  }

  static let orderStates = NameTable<Order.State>()
  static let flagNames = NameTable<NodeFlag>()

  /// An object of the members `K` declares, `member` reading each value
  /// as its key comes (false: a null where a value is required, which
  /// then counts as not given); the first required member not given is
  /// an error at the object. For the plan's own lists and the events'
  /// objects: the node and its parts, read a million times, keep their
  /// loops written out.
  mutating func object<K: JSONMembers>(_ what: String, _ member: (inout CampaignReader, K) throws(DataError) -> Bool) throws(DataError) {
    r.space()
    let start = r.i
    var seen: UInt32 = 0
    var more = try r.beginObject(what)
    while more {
      let k: K = try r.key(&seen, what)
      if try !member(&self, k) { seen &= ~k.bit }
      more = try r.nextMember(after: k)
    }
    if let k = K.missing(seen) { throw r.error("\(what) needs \(K.needs(k))", at: start) }
  }

  /// A service order, in campaign.json or placed by a journal line.
  mutating func order() throws(DataError) -> Order {
    let what = "an order"
    var o = Order(id: "", at: "", what: "", placed: Day(ordinal: 0))
    try object(what) { (c: inout CampaignReader, k: OrderKey) throws(DataError) -> Bool in
      switch k {
      case .id: o.id = try c.r.requiredString(k, what)
      case .at: o.at = try c.r.requiredString(k, what)
      case .what: o.what = try c.r.requiredString(k, what)
      case .from: o.from = try c.r.optionalString(k, what) ?? ""
      case .placed: if let d = try c.r.day(k, what) { o.placed = d } else { return false }
      case .by: o.by = try c.r.day(k, what)
      case .state: if !c.r.null() { o.state = try c.r.name(CampaignReader.orderStates, k, what) }
      case .team: o.team = try c.r.optionalString(k, what)
      case .dispatched: o.dispatched = try c.r.day(k, what)
      case .finished: o.finished = try c.r.day(k, what)
      case .note: o.note = try c.r.optionalString(k, what) ?? ""
      case .ratings:
        if c.r.null() { break }
        try c.r.array(k, what) { (r: inout Reader) throws(DataError) in
          var c = CampaignReader(r)
          let rating = try c.rating()
          r = c.r
          o.ratings.append(rating)
        }
      }
      return true
    }
    return o
  }

  /// A piece of evidence, in campaign.json or attached by a journal line.
  mutating func evidence() throws(DataError) -> Evidence {
    let what = "a piece of evidence"
    var e = Evidence(hash: "", node: "", name: "", size: 0, added: Day(ordinal: 0))
    try object(what) { (c: inout CampaignReader, k: EvidenceKey) throws(DataError) -> Bool in
      switch k {
      case .hash:
        let at = c.r.i
        e.hash = try c.r.requiredString(k, what)
        // It names a file in evidence/: nothing else may pass.
        guard Evidence.isHash(e.hash) else { throw c.r.error("\(what) needs \(EvidenceKey.needs(.hash))", at: at) }
      case .node: e.node = try c.r.requiredString(k, what)
      case .name: e.name = try c.r.requiredString(k, what)
      case .size:
        let at = c.r.i
        guard let n = try c.r.int(k, what), n >= 0 else { throw c.r.error("\(what) needs \(EvidenceKey.needs(.size))", at: at) }
        e.size = n
      case .caption: e.caption = try c.r.optionalString(k, what) ?? ""
      case .problem: e.problem = try c.r.optionalString(k, what)
      case .order: e.order = try c.r.optionalString(k, what)
      case .added: if let d = try c.r.day(k, what) { e.added = d } else { return false }
      }
      return true
    }
    return e
  }

  /// The plan's settings, each within its range.
  mutating func settings() throws(DataError) -> PlanSettings {
    let what = "the settings"
    var s = PlanSettings()
    try object(what) { (c: inout CampaignReader, k: SettingsKey) throws(DataError) -> Bool in
      let at = c.r.i
      switch k {
      case .pointTypes:
        try c.r.strings(k, what, into: &s.pointTypes)
        if let bad = s.pointTypes.first(where: { $0.isEmpty || $0.hasTerminalControls }) {
          throw c.r.error("a point type in \"pointTypes\" is empty or holds control characters: \(bad.withoutControls())", at: at)
        }
      case .dispatchDays, .finishDays, .evidenceMB:
        let range = k == .evidenceMB ? PlanSettings.megabytes : PlanSettings.days
        guard let n = try c.r.int(k, what), range.contains(n) else {
          throw c.r.error("expected \"\(k.rawValue)\" from \(range.lowerBound) to \(range.upperBound)", at: at)
        }
        if k == .dispatchDays { s.dispatchDays = n } else if k == .finishDays { s.finishDays = n } else { s.evidenceMB = n }
      }
      return true
    }
    return s
  }

  static let methods = NameTable<StandardFacts.Method>()
  static let results = NameTable<Score.Result>()

  /// A number of points written as text ("4", "2.5"), within `range`.
  mutating func points<K: JSONMembers>(_ k: K, _ what: String, _ range: ClosedRange<Double>) throws(DataError) -> Double {
    let at = r.i
    guard let text = try r.optionalString(k, what), let x = Double(text), range.contains(x) else {
      throw r.error("expected \"\(k.rawValue)\" as a number from \(Inspection.number(range.lowerBound)) to \(Inspection.number(range.upperBound)), in quotes", at: at)
    }
    return x
  }

  mutating func standardFacts() throws(DataError) -> StandardFacts {
    let what = "a standard"
    var f = StandardFacts(points: 0, methods: [])
    try object(what) { (c: inout CampaignReader, k: StandardKey) throws(DataError) -> Bool in
      switch k {
      case .points: f.points = try c.points(k, what, 0...1000)
      case .methods:
        if c.r.null() { break }
        try c.r.array(k, what) { (r: inout Reader) throws(DataError) in f.methods.append(try r.name(CampaignReader.methods, k, what)) }
      case .types: if !c.r.null() { try c.r.strings(k, what, into: &f.types) }
      case .negative: f.negative = try c.r.optionalString(k, what) == "yes"
      }
      return true
    }
    return f
  }

  mutating func point() throws(DataError) -> InspectionPoint {
    let what = "an inspection point"
    var p = InspectionPoint(id: "", name: "", type: "", area: "")
    try object(what) { (c: inout CampaignReader, k: PointKey) throws(DataError) -> Bool in
      switch k {
      case .id: p.id = try c.r.requiredString(k, what)
      case .name: p.name = try c.r.requiredString(k, what)
      case .type: p.type = try c.r.requiredString(k, what)
      case .area: p.area = try c.r.optionalString(k, what) ?? ""
      case .unit: p.unit = try c.r.optionalString(k, what)
      }
      return true
    }
    return p
  }

  mutating func round() throws(DataError) -> Round {
    let what = "a round of inspection"
    var x = Round(id: "", name: "", date: Day(ordinal: 0))
    try object(what) { (c: inout CampaignReader, k: RoundKey) throws(DataError) -> Bool in
      switch k {
      case .id: x.id = try c.r.requiredString(k, what)
      case .name: x.name = try c.r.requiredString(k, what)
      case .date: if let d = try c.r.day(k, what) { x.date = d } else { return false }
      case .closed: x.closed = try c.r.optionalString(k, what) == "yes"
      case .material: x.material = try c.points(k, what, 0...100)
      case .survey: x.survey = try c.points(k, what, 0...100)
      case .scores:
        if c.r.null() { break }
        try c.r.array(k, what) { (r: inout Reader) throws(DataError) in
          var c = CampaignReader(r)
          x.scores.append(try c.score().score)
          r = c.r
        }
      }
      return true
    }
    return x
  }

  /// A score, with the round a journal's `score` step names.
  mutating func score() throws(DataError) -> (round: String?, score: Score) {
    let what = "a score"
    var round: String?
    var x = Score(point: "", standard: "", result: .na)
    try object(what) { (c: inout CampaignReader, k: ScoreKey) throws(DataError) -> Bool in
      switch k {
      case .round: round = try c.r.optionalString(k, what)
      case .point: x.point = try c.r.requiredString(k, what)
      case .standard: x.standard = try c.r.requiredString(k, what)
      case .result: if !c.r.null() { x.result = try c.r.name(CampaignReader.results, k, what) } else { return false }
      case .lost: x.lost = try c.points(k, what, 0...1000)
      case .note: x.note = try c.r.optionalString(k, what) ?? ""
      }
      return true
    }
    return (round, x)
  }

  mutating func rating() throws(DataError) -> Order.Rating {
    let what = "a rating of an order"
    var by = Order.Rater.requester, stars = 0, comment = ""
    try object(what) { (c: inout CampaignReader, k: RatingKey) throws(DataError) -> Bool in
      switch k {
      case .by: if !c.r.null() { by = try c.r.name(CampaignReader.raters, k, what) } else { return false }
      case .stars:
        let at = c.r.i
        if let n = try c.r.int(k, what), (1...5).contains(n) { stars = n } else { throw c.r.error("\(what) needs \(RatingKey.needs(.stars))", at: at) }
      case .comment: comment = try c.r.optionalString(k, what) ?? ""
      }
      return true
    }
    return Order.Rating(by: by, stars: stars, comment: comment)
  }

  /// The compaction record: how far the journals were folded in, and the
  /// stamps of the registers.
  mutating func compaction() throws(DataError) -> (record: Compaction, stamps: [Register: Stamp]) {
    let what = "the compaction record"
    r.space()
    let at = r.i
    var seen: UInt32 = 0
    var generation: Int?, clock: Int?, by = "", when = "", device: String?
    var devices: [String: Compaction.Mark] = [:]
    var stamps: [Register: Stamp] = [:]
    var more = try r.beginObject(what)
    while more {
      let k: CompactionKey = try r.key(&seen, what)
      switch k {
      case .generation: generation = try r.int(k, what)
      case .clock: clock = try r.int(k, what)
      case .at: when = try r.optionalString(k, what) ?? ""
      case .by: by = try r.optionalString(k, what) ?? ""
      case .device: device = try r.optionalString(k, what)
      case .devices:
        let shape = "expected \"\(k.rawValue)\" as an object of device → {\(MarkKey.allCases.map(\.rawValue).joined(separator: ", "))}"
        guard r.i < r.b.count, r.b[r.i] == UInt8(ascii: "{") else { throw r.wrongType { _ in shape } }
        r.i += 1
        r.space()
        if r.i < r.b.count && r.b[r.i] == UInt8(ascii: "}") { r.i += 1; break }
        repeat {
          r.space()
          guard r.i < r.b.count, r.b[r.i] == 0x22 else { throw r.error("expected a member name in double quotes, found \(r.found())") }
          let device = try r.text()
          r.space()
          guard r.i < r.b.count, r.b[r.i] == UInt8(ascii: ":") else {
            throw r.error("expected ':' after the member name \"\(device)\", found \(r.found())")
          }
          r.i += 1
          r.space()
          let markAt = r.i
          let markWhat = "the mark of device \"\(device)\""
          var markSeen: UInt32 = 0
          var seq: Int?, hash: String?, key: String?
          if try r.beginObject(markWhat) {
            repeat {
              let m: MarkKey = try r.key(&markSeen, markWhat)
              switch m {
              case .seq: seq = try r.int(m, markWhat)
              case .hash: hash = try r.requiredString(m, markWhat)
              case .key: key = try r.publicKey(m, markWhat)
              }
            } while try r.nextMember(after: MarkKey.key)
          }
          guard let seq, seq >= 0 else { throw r.error("\(markWhat) needs \(MarkKey.needs(.seq))", at: markAt) }
          guard let hash else { throw r.error("\(markWhat) needs \(MarkKey.needs(.hash))", at: markAt) }
          devices[device] = Compaction.Mark(seq: seq, hash: hash, key: key)
          r.space()
          guard r.i < r.b.count, r.b[r.i] == UInt8(ascii: ",") || r.b[r.i] == UInt8(ascii: "}") else {
            throw r.afterMember(device)
          }
          r.i += 1
        } while r.b[r.i - 1] == UInt8(ascii: ",")
      case .stamps:
        if r.null() { break }
        try r.array(k, what) { (r: inout Reader) throws(DataError) in
          let rowAt = r.i
          let shape = "expected a stamp as [node, field, clock, device], its clock a whole number from 0 to \(WholeNumbers.largest)"
          // Well-formed JSON first, then its shape.
          try r.skipValue(depth: 4)
          let end = r.i
          r.i = rowAt
          var cells: [String] = []
          var number: Int?
          var ok = r.b[r.i] == UInt8(ascii: "[")
          if ok {
            r.i += 1
            r.space()
            ok = r.b[r.i] != UInt8(ascii: "]")
          }
          if ok {
            var n = 0
            repeat {
              r.space()
              if n == 2 {
                let before = r.i
                number = try? r.int(k, what)
                if number == nil { ok = false; r.i = before; try r.skipValue() }
              } else if r.i < r.b.count, r.b[r.i] == 0x22 {
                cells.append(try r.text())
              } else {
                ok = false
                try r.skipValue()
              }
              n += 1
            } while try r.nextElement()
            ok = ok && n == 4 && cells.count == 3
          }
          guard ok, let clock = number, clock >= 0 else { throw r.error(shape, at: rowAt) }
          r.i = end
          stamps[Register(node: cells[0], name: cells[1])] = Stamp(clock: clock, device: cells[2])
        }
      }
      more = try r.nextMember(after: k)
    }
    guard let generation, generation >= 1, let clock, clock >= 0 else {
      throw r.error("\(what) needs \"\(CompactionKey.generation.rawValue)\" (1 or more) and \"\(CompactionKey.clock.rawValue)\" (0 or more)", at: at)
    }
    return (Compaction(generation: generation, clock: clock, at: when, by: by, device: device, devices: devices), stamps)
  }
}

/// Where the members of the nodes and units that break a rule of the
/// tree stand in campaign.json, so `validate` names their line and
/// column: the file is read again noting them (only when there are such
/// nodes; the first read keeps no positions).
final class Locations {
  struct Place {
    var object = 0
    /// Each member's value, by `NodeKey.ordinal`; -1 when absent.
    var members = [Int](repeating: -1, count: NodeKey.allCases.count)
    /// The elements of "support" or "problems", whichever was read last
    /// (`elements[ordinal]`), and the quota's activities.
    var elements: [Int: [Int]] = [:]
    var activities: [Int] = []
  }

  let wanted: Set<Int>
  let wantedUnits: Set<Int>
  private(set) var nodes: [Int: Place] = [:]
  private(set) var units: [Int: (object: Int, id: Int)] = [:]
  private var current = Place()
  private var array = -1

  init(nodes: Set<Int>, units: Set<Int>) {
    wanted = nodes
    wantedUnits = units
  }

  func begin(_ at: Int) {
    current = Place()
    current.object = at
  }

  func member(_ ordinal: Int, _ at: Int) {
    current.members[ordinal] = at
    array = ordinal
  }

  func element(_ at: Int) { current.elements[array, default: []].append(at) }
  func activity(_ at: Int) { current.activities.append(at) }

  /// The node just read is the `index`th.
  func keep(node index: Int) {
    if wanted.contains(index) { nodes[index] = current }
  }

  func unit(_ index: Int, object: Int, id: Int) {
    if wantedUnits.contains(index) { units[index] = (object, id) }
  }

  /// The offset an issue names: the member at fault's value (its
  /// element, for an array), else the object.
  func offset(_ issue: StructureIssue) -> Int {
    if let n = issue.node {
      guard let place = nodes[n] else { return 0 }
      if issue.field == "activities" {
        if let k = issue.position, k < place.activities.count { return place.activities[k] }
        let q = place.members[NodeKey.quota.ordinal]
        return q >= 0 ? q : place.object
      }
      guard let key = NodeKey(rawValue: issue.field) else { return place.object }
      let at = place.members[key.ordinal]
      guard at >= 0 else { return place.object }
      if let k = issue.position, let items = place.elements[key.ordinal], k < items.count { return items[k] }
      return at
    }
    if let u = issue.unit, let place = units[u] {
      return issue.field == "id" ? place.id : place.object
    }
    return 0
  }
}

extension CampaignReader {
  /// The file offsets of `issues` (the broken rules of the tree read
  /// from `path`), read again with one reader noting where the members
  /// of those nodes and units stand.
  static func locate(_ issues: [StructureIssue], inFile path: String) -> [Int] {
    let l = Locations(nodes: Set(issues.compactMap(\.node)), units: Set(issues.compactMap(\.unit)))
    if let w = FileWindow(path: path, size: 4 << 20) {
      var c = CampaignReader(Reader(b: w.bytes, window: w, lookahead: 1 << 20))
      c.locations = l
      _ = try? c.top()
    }
    return issues.map { l.offset($0) }
  }
}

extension Diagnostic {
  /// A diagnostic at a byte offset of a file, read again to count its
  /// lines only now that there is something to say.
  init(file: String, at offset: Int, severity: Severity = .error, message: String) {
    let place = SourceLocator.locations(inFile: file, of: [offset])?.first
    self.init(file: file, line: place?.line, column: place?.column, severity: severity, message: message)
  }
}

/// Gives nodes read near one another with the same supporting units one
/// array of them, where each had its own (64 bytes of heap for a list of
/// one unit): the same few units support many of a place's tasks. A small
/// table of recent lists, by a hash of their bytes in the file; a list is
/// shared only when it equals the one in its slot.
struct SupportShare {
  /// The list being read.
  var scratch: [String] = []
  private var recent: [[String]] = []

  /// `scratch`, read from `bytes`: a recent equal list, or a copy at its
  /// exact count.
  mutating func shared(bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    guard !scratch.isEmpty else { return [] }
    // FNV-1a over the few bytes: it only picks a slot (equality decides),
    // so Hasher's seeded SipHash would be cost without use here.
    var h: UInt32 = 2_166_136_261
    for c in bytes { h = (h ^ UInt32(c)) &* 16_777_619 }
    // Mixed, so that the last bytes reach the top bits the slot is taken
    // from (the copy's lists end with the ids' digits).
    h ^= h >> 16
    h = h &* 0x85EB_CA6B
    h ^= h >> 13
    if recent.isEmpty { recent = Array(repeating: [], count: 64) }
    let slot = Int(h >> 26)
    if recent[slot] == scratch { return recent[slot] }
    // (`Array(scratch)` would share its room.)
    let list = scratch.withUnsafeBufferPointer { Array($0) }
    recent[slot] = list
    return list
  }
}

/// A node's facets few nodes have, while the node is read.
final class RareFacets {
  var indicator: Indicator?
  var site: Site?
  var standard: StandardFacts?
  var problems: [Problem] = []
  var flags: [NodeFlag] = []

  /// The facets, made the first time one is read.
  static func make(_ facets: inout RareFacets?) -> RareFacets {
    if let facets { return facets }
    let made = RareFacets()
    facets = made
    return made
  }
}
