/// Events in replay order, read where they lie: the arrays of events as
/// the journals were read, and the order to take them in. Replay reads
/// them in place: an event is large to copy (its strings retained), and
/// opening replays a million of them.
public struct EventsInOrder: RandomAccessCollection, Sendable {
  public let files: [[Event]]
  /// Each event's file and place in it, in replay order; nil: the one
  /// file's events as they stand.
  public let order: [(file: Int32, at: Int32)]?

  public init(files: [[Event]], order: [(file: Int32, at: Int32)]) {
    self.files = files
    self.order = order
  }

  /// Events in replay order (`Event.precedes`) already, or put in it.
  public init(_ events: [Event], sorted: Bool = false) {
    files = [events]
    if sorted || events.indices.dropFirst().allSatisfy({ !Event.precedes(events[$0], events[$0 - 1]) }) {
      order = nil
    } else {
      // The positions are sorted, not the events.
      order = events.indices.sorted { Event.precedes(events[$0], events[$1]) }.map { (0, Int32($0)) }
    }
  }

  /// The place of every event of `files` in replay order: by clock, then
  /// by the file's rank (files ranked as their devices are, so this is
  /// `Event.precedes` within a history), then by sequence (and place, for
  /// a damaged file that repeats one). Each file is in that order already
  /// as a journal is written, so the files are merged through a heap of
  /// each one's next event; a file out of order (a damaged one) has every
  /// event's key sorted instead (32 bytes an event, 32 MB and most of the
  /// time at a million).
  public static func replayOrder(_ files: [[Event]]) -> [(file: Int32, at: Int32)] {
    replayOrder(files) { jobs in jobs.map { $0() } }
  }

  /// The same, `run` handed two parts to run at once (on threads of its
  /// own, if it has them) when there are many events: the events before
  /// a middle clock and those from it, each part merging its share of
  /// every file into its share of the order (the first part's clocks are
  /// all less than the second's, so the shares follow each other).
  public static func replayOrder(_ files: [[Event]], running run: ([@Sendable () -> Bool]) -> [Bool],
                                 partsFrom: Int = 1 << 16) -> [(file: Int32, at: Int32)] {
    let total = files.reduce(0) { $0 + $1.count }
    // Where each file's events reach the middle clock.
    let middle = total >= partsFrom ? middleClock(files) : nil
    // Even in a file out of order, the event before a cut is before the
    // middle clock and the one at it is not (the search looked at both):
    // with each part's share in order, the whole file is.
    let cuts = files.map { events in middle.map { c in events.partitionPoint { $0.clock >= c } } ?? events.count }
    // Trivial elements: the parts may write into the room as they like.
    let order = [(file: Int32, at: Int32)](unsafeUninitializedCapacity: total) { room, made in
      nonisolated(unsafe) let room = room
      let first = cuts.reduce(0, +)
      let inOrder = run([{ merge(files, files.indices.map { 0..<cuts[$0] }, into: room.baseAddress!) }]
                        + (first < total ? [{ merge(files, files.indices.map { cuts[$0]..<files[$0].count }, into: room.baseAddress! + first) }] : []))
      made = inOrder.allSatisfy { $0 } ? total : 0
    }
    return order.count == total ? order : sortedOrder(files)
  }

  /// A clock about the middle of the events': the median of each file's
  /// clocks at its eighths.
  private static func middleClock(_ files: [[Event]]) -> Int? {
    var samples: [Int] = []
    for events in files where !events.isEmpty {
      for k in 1...7 { samples.append(events[events.count * k / 8].clock) }
    }
    return samples.isEmpty ? nil : samples.sorted()[samples.count / 2]
  }

  /// Each file's `ranges` merged by (clock, file, seq, place) into
  /// `out`, through a heap of each one's next event; false when a range
  /// is not in (clock, seq) order (a damaged file: then every event's
  /// key is sorted instead, `sortedOrder`).
  private static func merge(_ files: [[Event]], _ ranges: [Range<Int>], into out: UnsafeMutablePointer<(file: Int32, at: Int32)>) -> Bool {
    typealias Key = (clock: Int, file: Int32, seq: Int, at: Int32)
    @inline(__always) func before(_ a: Key, _ b: Key) -> Bool { (a.clock, a.file, a.seq, a.at) < (b.clock, b.file, b.seq, b.at) }
    for (f, range) in ranges.enumerated() {
      let inOrder = files[f].withUnsafeBufferPointer { e in
        range.dropFirst().allSatisfy { k in (e[k - 1].clock, e[k - 1].seq) <= (e[k].clock, e[k].seq) }
      }
      guard inOrder else { return false }
    }
    func key(_ f: Int, _ k: Int) -> Key { (files[f][k].clock, Int32(f), files[f][k].seq, Int32(k)) }
    // A binary heap of each file's next event, least first.
    var heap: [Key] = ranges.indices.filter { !ranges[$0].isEmpty }.map { key($0, ranges[$0].lowerBound) }
    func siftDown(_ from: Int) {
      var i = from
      while true {
        let l = 2 * i + 1, r = l + 1
        var least = i
        if l < heap.count && before(heap[l], heap[least]) { least = l }
        if r < heap.count && before(heap[r], heap[least]) { least = r }
        if least == i { return }
        heap.swapAt(i, least)
        i = least
      }
    }
    for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
    var n = 0
    while let top = heap.first {
      (out + n).initialize(to: (top.file, top.at))
      n += 1
      let f = Int(top.file), next = Int(top.at) + 1
      if next < ranges[f].upperBound {
        heap[0] = key(f, next)
      } else {
        heap[0] = heap[heap.count - 1]
        heap.removeLast()
      }
      if !heap.isEmpty { siftDown(0) }
    }
    return true
  }

  /// Every event's key sorted: the order of files not in order (32 bytes
  /// an event, 32 MB and most of the time at a million).
  private static func sortedOrder(_ files: [[Event]]) -> [(file: Int32, at: Int32)] {
    typealias Key = (clock: Int, file: Int32, seq: Int, at: Int32)
    var keys: [Key] = []
    keys.reserveCapacity(files.reduce(0) { $0 + $1.count })
    for (rank, events) in files.enumerated() {
      // By index: `for e in events` would copy each event out.
      for k in events.indices { keys.append((events[k].clock, Int32(rank), events[k].seq, Int32(k))) }
    }
    keys.sort { ($0.clock, $0.file, $0.seq, $0.at) < ($1.clock, $1.file, $1.seq, $1.at) }
    return keys.map { ($0.file, $0.at) }
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { order?.count ?? files[0].count }

  /// The file and place of the `k`th event.
  @inline(__always) func place(_ k: Int) -> (file: Int, at: Int) {
    guard let order else { return (0, k) }
    return (Int(order[k].file), Int(order[k].at))
  }

  public subscript(k: Int) -> Event {
    _read {
      let (f, at) = place(k)
      yield files[f][at]
    }
  }

  /// Calls `body` with each event of `range` where it lies, in order.
  @inline(__always)
  func forEach(in range: Range<Int>, _ body: (UnsafePointer<Event>) -> Void) {
    withStorage { bases in
      for k in range {
        let (f, at) = place(k)
        body(bases[f]! + at)
      }
    }
  }

  /// The last `limit` events about node `id`, newest first, read where
  /// they lie: the dashboard's detail pane before it has indexed them.
  public func latest(_ limit: Int, about id: String) -> [Event] {
    withStorage { bases in
      var found: [Event] = []
      var k = endIndex - 1
      while k >= 0 && found.count < limit {
        let (f, at) = place(k)
        if bases[f]![at].op.nodeID == id { found.append(bases[f]![at]) }
        k -= 1
      }
      return found
    }
  }

  /// Calls `body` with where each file's events start, every file's
  /// storage held open for the call (one nested call a file).
  @inline(__always)
  private func withStorage<R>(_ body: ([UnsafePointer<Event>?]) -> R) -> R {
    func open(_ f: Int, _ bases: inout [UnsafePointer<Event>?]) -> R {
      guard f < files.count else { return body(bases) }
      return files[f].withUnsafeBufferPointer { events in
        bases.append(events.baseAddress)
        return open(f + 1, &bases)
      }
    }
    var bases: [UnsafePointer<Event>?] = []
    bases.reserveCapacity(files.count)
    return open(0, &bases)
  }
}

/// Every event known, in replay order: those the workspace read, where
/// they lie (`EventsInOrder`), then those made since. The dashboard keeps
/// it so: copied into one array, a million journal lines took 128 MB more
/// and a third of a second after the first frame.
public struct History: RandomAccessCollection, Sendable {
  public private(set) var read: EventsInOrder?
  public private(set) var made: [Event]

  public init(read: EventsInOrder? = nil, made: [Event] = []) {
    self.read = read
    self.made = made
  }

  private var readCount: Int { read?.count ?? 0 }
  public var startIndex: Int { 0 }
  public var endIndex: Int { readCount + made.count }

  public subscript(k: Int) -> Event {
    _read {
      let n = readCount
      if k < n { yield read![k] } else { yield made[k - n] }
    }
  }

  public mutating func append(_ event: Event) { made.append(event) }

  /// Calls `body` with each event and its place, in order, the events
  /// read where they lie (an event is large to copy); those of `range`
  /// only, when it is given.
  public func forEach(in range: Range<Int>? = nil, _ body: (Int, UnsafePointer<Event>) -> Void) {
    let range = range ?? indices
    let n = readCount
    var k = range.lowerBound
    read?.forEach(in: Swift.min(n, range.lowerBound)..<Swift.min(n, range.upperBound)) { event in
      body(k, event)
      k += 1
    }
    made.withUnsafeBufferPointer { made in
      for m in Swift.max(0, range.lowerBound - n)..<Swift.max(0, range.upperBound - n) { body(n + m, made.baseAddress! + m) }
    }
  }
}

extension Campaign {
  /// Applies events in replay order, whatever order they come in; the
  /// result is that of applying them one by one with `apply(_: Event)`.
  /// `sorted: true` is the caller's word that they are in replay order
  /// (`Event.precedes`) already: then they are not checked.
  public mutating func replay(_ events: [Event], sorted: Bool = false) {
    replay(EventsInOrder(events, sorted: sorted))
  }

  /// Applies events already in replay order (a workspace's journals).
  ///
  /// This is the bulk path (opening a workspace, an import's thousands of
  /// nodes): a node added as the last child of its parent (`after` nil),
  /// the common case, is appended without rebuilding the links, so N such
  /// additions cost O(N) and one rebuild, not N rebuilds. The links are
  /// rebuilt before an event that needs them (a removal, a move, an add
  /// after a sibling) and once at the end.
  public mutating func replay(_ events: EventsInOrder) {
    replay(events) { parts in parts.map { $0() } }
  }

  /// The same, `run` handed the parts of each long stretch of node-local
  /// events (`Operation.isNodeLocal`) to run at once, on threads of its
  /// own if it has them (Domain has none), answers in order. Such a
  /// stretch is replayed in two passes of two parts: the nodes' positions
  /// looked up, by halves of the stretch; then each part applies, in
  /// order, the events of its own nodes (blocks of 16 in turn). A node's
  /// events are applied in their order and only its fields change, so
  /// this is the order's result. A million journal lines spend most of
  /// their replay in such stretches.
  public mutating func replay(_ events: EventsInOrder, running run: ([@Sendable () -> ReplayPart]) -> [ReplayPart]) {
    replay(events, apartFrom: 4_096, running: run)
  }

  /// `apartFrom`: the shortest stretch replayed in parts (tests make it
  /// small; below the default, two threads cost more than they save).
  mutating func replay(_ events: EventsInOrder, apartFrom: Int, running run: ([@Sendable () -> ReplayPart]) -> [ReplayPart]) {
    // An earlier replay's stamps first: this one's come after them.
    settleStamps()
    // Nodes before `linked` are covered by the links; those after were
    // appended since, each with its depth in `added`.
    var linked = nodes.count
    var added: [Int] = []
    // Parent ids no node has (a damaged snapshot), found when first needed.
    var missing: Set<String>? = nil
    // The fields' stamps by position, when the replay is long enough to
    // pay for a table of a slot a node (see `FieldStamps`).
    var written: FieldStamps? = events.count * 16 >= nodes.count ? FieldStamps() : nil
    func relink(_ c: inout Campaign) {
      if linked < c.nodes.count { c.reindex() }
      linked = c.nodes.count
      added.removeAll(keepingCapacity: true)
      missing = nil
    }
    func one(_ event: UnsafePointer<Event>) {
      switch event.pointee.op {
      case .addNode(let node, .none):
        if let why = roles.refusal(of: event.pointee) {
          refuse(event.pointee, why)
          return
        }
        // What `apply` checks, on the id table and the depths known.
        guard position(of: node.id) == nil else { return }
        var depth = 0
        if let p = node.parent {
          guard let at = position(of: p) else { return }
          depth = (at < linked ? self.depth(at) : added[at - linked]) + 1
        }
        guard depth < Campaign.maxDepth else { return }
        if missing == nil { missing = missingParents() }
        appendUnlinked(node)
        added.append(depth)
        // Nodes that named this one as their missing parent go under it.
        if missing!.contains(node.id) { relink(&self) }
      case .addNode, .removeNode, .moveNode:
        // Positions change: the fields' stamps go to `stamps` by id first.
        settle(&written)
        relink(&self)
        var direct: FieldStamps? = nil
        apply(event, written: &direct)
        // `apply` rebuilt the links, or changed nothing.
        linked = nodes.count
        missing = nil
      default:
        // Finds the node through the id table alone.
        apply(event, written: &written)
      }
    }
    // Only with the table by position: the parts keep theirs so, and a
    // short replay on a large plan (a million nodes, 10,000 events) had
    // each part's table a slot a node (4 MB each, past the memory target).
    let stretches = written == nil ? [] : events.nodeLocalStretches(atLeast: apartFrom)
    var from = 0
    for stretch in stretches + [events.endIndex..<events.endIndex] {
      events.forEach(in: from..<stretch.lowerBound, one)
      if !stretch.isEmpty {
        let parts = replayApart(events, stretch, before: written!, running: run)
        // The parts' stamps go to `stamps` at once, after those of the
        // events before the stretch: recorded by position first and
        // settled after, each was written twice (a seventh of 10,000
        // events' replay on 100,000 nodes). The last stretch's are left
        // for later, with the table they come after.
        if stretch.upperBound == events.endIndex {
          settleLater([written!] + parts)
          written = nil
        } else {
          settle(&written)
          settle(parts)
        }
      }
      from = stretch.upperBound
    }
    relink(&self)
    if let last = written { settleLater([last]) }
  }

  /// A stretch of node-local events replayed in parts (`replay`). The
  /// parts read `stamps`, `roles` and the fields' stamps written `before`
  /// as they stand (none of them is changed before the parts are done);
  /// the stamps of the fields they wrote are handed back, the rest put in
  /// here.
  private mutating func replayApart(_ events: EventsInOrder, _ stretch: Range<Int>, before: FieldStamps,
                                    running run: ([@Sendable () -> ReplayPart]) -> [ReplayPart]) -> [FieldStamps] {
    let parts = 2
    let roles = self.roles, stamps = stampTable
    let done: [ReplayPart] = withNodesApart { nodes in
      // The positions, by halves of the stretch.
      let middle = stretch.lowerBound + stretch.count / 2
      let halves = [stretch.lowerBound..<middle, middle..<stretch.upperBound]
      let found = run(halves.map { half in
        { () -> ReplayPart in
          var part = ReplayPart()
          part.positions.reserveCapacity(half.count)
          var batch: [UnsafePointer<Event>] = []
          batch.reserveCapacity(64)
          events.forEach(in: half) { event in
            batch.append(event)
            if batch.count == 64 {
              nodes.positions(of: batch, into: &part.positions)
              batch.removeAll(keepingCapacity: true)
            }
          }
          nodes.positions(of: batch, into: &part.positions)
          return part
        }
      })
      let positions = found.flatMap(\.positions)
      // The events, by their nodes: each part its blocks of 16.
      return run((0..<parts).map { mine in
        { () -> ReplayPart in
          var part = ReplayPart()
          var k = stretch.lowerBound
          events.forEach(in: stretch) { event in
            defer { k += 1 }
            let i = Int(positions[k - stretch.lowerBound])
            // An event of no node is still refused, or not: by the first part.
            guard i >= 0 ? (i >> 4) % parts == mine : mine == 0 else { return }
            Campaign.applyLocal(event, at: i, k, nodes: nodes, roles: roles, stamps: stamps, before: before, into: &part)
          }
          return part
        }
      })
    }
    var refused: [(at: Int, why: String)] = []
    for part in done {
      refused += part.refused
      for (register, stamp) in part.registers { stampTable[register] = stamp }
    }
    for r in refused.sorted(by: { $0.at < $1.at }) { refuse(events[r.at], r.why) }
    return done.map(\.written)
  }

  /// `apply(_:written:)` of a node-local event whose node is at `i` (-1:
  /// none has its id), the `k`th of the replay, in a part of a stretch (`replayApart`): what it
  /// writes besides the node goes to `part`.
  private static func applyLocal(_ event: UnsafePointer<Event>, at i: Int, _ k: Int, nodes: NodesApart, roles: Roles,
                                 stamps: [Register: Stamp], before: FieldStamps, into part: inout ReplayPart) {
    let device = Event.device(of: event)
    if let why = roles.refusal(device: device, clock: event.pointee.clock, structural: event.pointee.op.isStructural) {
      part.refused.append((k, why))
      return
    }
    guard i >= 0 else { return }
    let stamp = Stamp(clock: event.pointee.clock, device: device)
    switch event.pointee.op {
    case .set(let id, let field, let value):
      if let held = part.written.held(i, field) ?? before.held(i, field) ?? stamps[Register(node: id, name: field.rawValue)],
        stamp < held {
        return
      }
      var applied = false
      nodes.change(i) { applied = $0.set(field, value) }
      if applied { part.written.record(stamp, i, field, id: id) }
    // Each op's payload bound here, not the op handed on: an op read from
    // the journals' memory was copied whole for the call (its strings
    // retained and released), a million times.
    case .addActivity(_, let activity):
      nodes.change(i) { node in
        part.ids.add(activity.id, to: .activities, at: i, count: node.activities.count, ids: { node.activities.map(\.id) },
                     looked: { _ = node.log(activity) }, new: { node.logNew(activity) })
      }
    case .removeActivity(_, let id):
      nodes.change(i) { node in
        part.ids.forget(.activities, at: i, ids: node.activities.map(\.id))
        _ = node.unlog(id)
      }
    case .addProblem(_, let problem):
      nodes.change(i) { node in
        part.ids.add(problem.id, to: .problems, at: i, count: node.problems.count, ids: { node.problems.map(\.id) },
                     looked: { _ = node.record(problem) }, new: { node.recordNew(problem) })
      }
    case .setProblem(let id, let problem, let state):
      let register = Register.problem(problem, of: id)
      if let held = part.registers[register] ?? stamps[register], stamp < held { return }
      var applied = false
      nodes.change(i) { applied = $0.mark(problem, state) }
      if applied { part.registers[register] = stamp }
    default:
      preconditionFailure("not a node-local op")
    }
  }

  /// Moves the stamps a bulk replay kept by position into `stamps`.
  private mutating func settle(_ written: inout FieldStamps?) {
    guard written != nil else { return }
    settle([written!])
    written!.clear()
  }

  /// Puts these stamps kept by position in `stamps`, a later one's over an
  /// earlier one's.
  mutating func settle(_ all: [FieldStamps]) {
    // Room for them all, made once: grown as it fills, the table was
    // rehashed time and again (half of this at 10,000 events).
    stampTable.reserveCapacity(stampTable.count + all.reduce(0) { $0 + $1.count })
    for written in all {
      written.forEach { _, id, field, stamp in stampTable[Register(node: id, name: field.rawValue)] = stamp }
    }
  }
}

/// What a part of a stretch of node-local events (`Campaign.replay`)
/// found or wrote: the positions of its share of the events' nodes, or
/// the stamps its share of the nodes took and the events refused.
public struct ReplayPart: Sendable {
  var positions: [Int32] = []
  var written = FieldStamps()
  /// Registers other than fields (a problem's state), with their stamps.
  var registers: [Register: Stamp] = [:]
  /// The events refused, by their place in the replay, and why.
  var refused: [(at: Int, why: String)] = []
  /// The ids of the activities and problems of its nodes that have many.
  var ids = NodeListIDs()
}

/// The ids in the activity and problem lists of the nodes a part of a
/// replay adds many to, by a hash of each with the node's position and
/// the list, so that an id added is checked against them in one look-up.
/// A node's whole list looked through at each one added (`Node.log`,
/// `Node.record`) was read from memory again each time, and grew with
/// it: at 250 activities a node, a sixth of a million journal lines'
/// replay, most of it waiting on those loads.
struct NodeListIDs {
  enum List: UInt64 { case activities = 0, problems = 1 }
  /// (position << 40 | list << 39 | the id's hash | 1), and (position <<
  /// 40 | list << 39) for each list whose ids are here.
  private var keys = Set<UInt64>()
  /// The bits of an id's hash kept in its key (fewer in tests, so that
  /// ids share them).
  private let mask: UInt64
  /// Below this many ids a list is looked through.
  static let from = 32

  init(hashBits: Int = 39) { mask = 1 << UInt64(min(hashBits, 39)) - 1 }

  private func key(_ i: Int, _ list: List, _ id: String) -> UInt64 {
    var id = id
    let h = id.withUTF8 { IdTable.hash(bytes: $0) }
    return UInt64(i) << 40 | list.rawValue << 39 | (h & mask) | 1
  }

  /// Whether node `i`'s `list` (of `count` ids, which `ids` gives) may
  /// hold `id`: false only when it surely does not. True for a short
  /// list, whose ids are not kept here, and for an id whose hash is met.
  mutating func mayHold(_ id: String, in list: List, at i: Int, count: Int, ids: () -> [String]) -> Bool {
    // Positions past 24 bits do not fit a key (16 million nodes).
    guard i < 1 << 24 else { return true }
    let held = UInt64(i) << 40 | list.rawValue << 39
    if !keys.contains(held) {
      guard count >= NodeListIDs.from else { return true }
      for other in ids() { keys.insert(key(i, list, other)) }
      keys.insert(held)
    }
    return keys.contains(key(i, list, id))
  }

  /// `id` was added to node `i`'s `list`.
  mutating func add(_ id: String, to list: List, at i: Int) {
    if i < 1 << 24 { keys.insert(key(i, list, id)) }
  }

  /// Adds `id` to node `i`'s `list` (of `count` ids, which `ids` gives):
  /// `looked` looks for it in the list first, `new` adds it without.
  mutating func add(_ id: String, to list: List, at i: Int, count: Int, ids: () -> [String],
                    looked: () -> Void, new: () -> Void) {
    if mayHold(id, in: list, at: i, count: count, ids: ids) {
      looked()
    } else {
      new()
      add(id, to: list, at: i)
    }
  }

  /// Node `i`'s `list`, whose ids are `ids`, is about to lose one: its
  /// ids are no longer kept here (each may share a hash with one that
  /// stays).
  mutating func forget(_ list: List, at i: Int, ids: @autoclosure () -> [String]) {
    guard i < 1 << 24, keys.remove(UInt64(i) << 40 | list.rawValue << 39) != nil else { return }
    for id in ids() { keys.remove(key(i, list, id)) }
  }
}

extension Operation {
  /// Whether it changes one node's own fields and nothing else (any
  /// register it writes is that node's): events of this kind about
  /// different nodes can be applied in either order.
  var isNodeLocal: Bool {
    switch self {
    case .set, .addActivity, .removeActivity, .addProblem, .setProblem: return true
    default: return false
    }
  }
}

extension EventsInOrder {
  /// The runs of at least `count` node-local events, in order.
  func nodeLocalStretches(atLeast count: Int) -> [Range<Int>] {
    var stretches: [Range<Int>] = []
    var start = 0, k = 0
    forEach(in: indices) { event in
      if !event.pointee.op.isNodeLocal {
        if k - start >= count { stretches.append(start..<k) }
        start = k + 1
      }
      k += 1
    }
    if k - start >= count { stretches.append(start..<k) }
    return stretches
  }
}

/// The last-writer-wins stamps of the node fields a bulk replay writes,
/// by (node position, field): a million `set` events would otherwise
/// each hash two Strings into `Campaign.stamps`, twice. Valid while
/// positions stand: `Campaign.replay` settles them into `stamps` before a
/// change that moves nodes, and at the end.
///
/// A node's few fields written are a short chain of entries: a row of a
/// stamp for every field (16 of 24 bytes) cost 384 bytes a node written,
/// most of them empty, and a quarter of a replay of 10,000 events went
/// to growing and clearing them.
struct FieldStamps {
  /// Each node position's latest entry, -1 for none; grown as needed.
  private var slot: [Int32] = []
  /// The positions written, each once, in the order first written.
  private(set) var rows: [Int] = []
  /// The id of the node at each of `rows`, as the event that wrote it
  /// named it: `settle` keys the stamps by it, where making it from the
  /// node's texts read them from memory again, out of the cache (at
  /// 100,000 nodes, half of the settling).
  private var ids: [String] = []
  /// A stamp a (position, field) written, and the entry of the same
  /// position written before it (-1: none).
  private var entries: [(stamp: Stamp, field: Field, before: Int32)] = []

  /// How many stamps it holds.
  var count: Int { entries.count }

  /// The stamp a field took in this replay, if it was written.
  func held(_ i: Int, _ field: Field) -> Stamp? {
    guard i < slot.count else { return nil }
    var e = Int(slot[i])
    while e >= 0 {
      if entries[e].field == field { return entries[e].stamp }
      e = Int(entries[e].before)
    }
    return nil
  }

  mutating func record(_ stamp: Stamp, _ i: Int, _ field: Field, id: String) {
    if i >= slot.count { slot += repeatElement(-1, count: i + 1 - slot.count) }
    var e = Int(slot[i])
    if e < 0 {
      rows.append(i)
      ids.append(id)
    }
    while e >= 0 {
      if entries[e].field == field {
        entries[e].stamp = stamp
        return
      }
      e = Int(entries[e].before)
    }
    entries.append((stamp, field, slot[i]))
    slot[i] = Int32(entries.count - 1)
  }

  /// Calls `body` with each stamp held: its position, the node's id, the
  /// field and the stamp.
  func forEach(_ body: (Int, String, Field, Stamp) -> Void) {
    for (i, id) in zip(rows, ids) {
      var e = Int(slot[i])
      while e >= 0 {
        body(i, id, entries[e].field, entries[e].stamp)
        e = Int(entries[e].before)
      }
    }
  }

  mutating func clear() {
    for i in rows { slot[i] = -1 }
    rows.removeAll(keepingCapacity: true)
    ids.removeAll(keepingCapacity: true)
    entries.removeAll(keepingCapacity: true)
  }
}
