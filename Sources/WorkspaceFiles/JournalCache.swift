#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Domain
import Synchronization

/// A copy of a journal as read (`.cache/journal-<device>`), so that an
/// open parses only the lines written since: parsing a million lines is
/// most of the second their open takes, and a journal is only ever
/// appended to.
///
/// Never the source of truth, as the plan's copy (`CampaignCache`): it
/// holds what reading the journal's first `size` bytes gave, and is used
/// only while those bytes are the same (a keyed digest of them, taken
/// again at every open); the lines after them are read as ever. A
/// journal edited, cut, repaired or compacted has other bytes there and
/// is read whole. Only this build's copies are used, signed with this
/// user's key, and only when reading the bytes gave no message at all (a
/// copy never hides a diagnostic). `verify` never reads one.
///
/// The form: what the journal's read carries on from (its lines counted,
/// the last hash, the device's key), the texts and authors the events
/// name, each event's place in the file, and each event: the common ones
/// (a field set, an activity or a problem added, a problem's state) as a
/// record; any other as "read its line again", from the journal's own
/// bytes while they are digested. A record is kept only when reading it
/// back gives the very event (`Event ==`): an event with anything the
/// records do not carry (a member added to a node, a note) goes as its
/// line, so the records declare no member of the file.
enum JournalCache {
  /// Changed whenever the form changes: a copy of another form is ignored.
  static let version: UInt32 = 1
  static let magic = Array("cwjourn\n".utf8)
  /// Below this a journal reads about as fast as its copy.
  static let worthFrom = 1 << 18
  /// From this size a copy is left for later when the opener asks
  /// (`Use.later`); a smaller one is written at once, in a few milliseconds.
  static let laterFrom = 8 << 20

  /// Where a workspace's copies are, and what may be done with them.
  /// Unchecked: the key (not marked Sendable) is only ever read.
  struct Use: @unchecked Sendable {
    /// The workspace's `.cache` folder.
    let folder: String
    /// This user's key for copies; nil while there is none (the first
    /// copy written makes it).
    let key: SymmetricKey?
    /// Write a copy where there is none or it is well behind the journal.
    let keep: Bool
    /// Leave the writing of large copies (`laterFrom`) to the opener
    /// (`Workspace.takeJournalCopies`): the dashboard writes them after
    /// its first frame.
    var later = false

    func path(device: String) -> String { Workspace.join(folder, "journal-" + device) }
  }

  /// What a copy gives: the journal as read up to `size`, and what the
  /// read of the lines after it carries on from.
  struct Kept {
    var file: JournalFile
    /// The lines in the bytes it covers (a folded or failed one counted).
    var lineCount: Int
    /// The journal's bytes it covers.
    var size: Int
    /// The journal's identity and size when the copy was checked against it.
    var inode: UInt64
    var fileSize: Int
  }

  // MARK: Reading

  /// The journal at `journal` as its copy holds it, its events with room
  /// for those of the lines after it; nil when there is no sound copy of
  /// its bytes (then the journal is read whole).
  static func read(_ use: Use, journal: String, device: String, base: Compaction.Mark?,
                   program: UInt64 = CampaignCache.program) -> Kept? {
    guard let key = use.key,
      let copy = try? FileIO.openForReading(use.path(device: device), limit: FileLimits.workspaceFile * 2)
    else { return nil }
    defer { close(copy.fd) }
    guard copy.size >= Trailer.size, let trailer = Trailer(fd: copy.fd, size: copy.size), trailer.program == program,
      let source = try? FileIO.openForReading(journal, limit: FileLimits.workspaceFile)
    else { return nil }
    defer { close(source.fd) }
    guard source.size >= trailer.journalSize, let facts = DiskState.facts(fd: source.fd),
      // Signed by this user's chuangwen before anything in it is believed.
      Digest.of(fd: copy.fd, count: trailer.bodyLength, key: key, nonce: trailer.nonce, .body,
                then: trailer.signed) == trailer.signature
    else { return nil }
    var input = CacheInput(fd: copy.fd, from: 0, to: trailer.bodyLength)
    defer { input.release() }
    return try? decode(&input, trailer, key: key, journal: source, path: journal, device: device, base: base, inode: facts.inode)
  }

  private static func decode(_ input: inout CacheInput, _ trailer: Trailer, key: SymmetricKey, journal: (fd: Int32, size: Int),
                             path: String, device: String, base: Compaction.Mark?, inode: UInt64) throws(CacheError) -> Kept {
    // What the journal was read against: the same compaction mark.
    let baseSeq = try input.int(), baseHash = try input.string(), baseKey = try input.optionalString()
    guard baseSeq == (base?.seq ?? -1), baseHash == (base?.hash ?? ""), baseKey == base?.key else { throw CacheError() }
    let lineCount = try input.int()
    let n = try input.count()
    var file = JournalFile(device: device, path: path, base: base)
    file.size = trailer.journalSize
    file.lastHash = try input.string()
    file.key = try input.optionalString()
    let signedFrom = try input.int()
    file.signedFrom = signedFrom >= 0 ? signedFrom : nil
    var texts: [String] = []
    for _ in 0..<(try input.count()) { texts.append(try input.string()) }
    var authors: [Author] = []
    for _ in 0..<(try input.count()) {
      let d = try input.int(), u = try input.int()
      guard texts.indices.contains(d), texts.indices.contains(u) else { throw CacheError() }
      authors.append(Author(device: texts[d], user: texts[u]))
    }
    let places = try input.array(Int64.self, count: 2 * n)
    file.lines.reserveCapacity(n)
    var last = 0
    for k in 0..<n {
      let from = Int(places[2 * k]), to = Int(places[2 * k + 1])
      guard from >= last, to >= from, to < trailer.journalSize else { throw CacheError() }
      file.lines.append(from..<to)
      last = to + 1
    }
    let tags = try input.array(UInt8.self, count: n)
    // The events read again from their lines, as the journal's bytes are digested.
    var again = try linesReadAgain(journal, trailer, key: key, lines: file.lines, tags: tags)
    defer { again.deallocate() }
    var failed = false
    // Room for the lines after the copy too: they are appended in place.
    let room = n + (journal.size - trailer.journalSize) / Journal.shortestEvent + 1
    file.events = [Event](unsafeUninitializedCapacity: room) { events, made in
      made = 0
      texts.withUnsafeBufferPointer { texts in
        authors.withUnsafeBufferPointer { authors in
          let records = RecordTables(texts: texts, authors: authors)
          var f = 0
          defer { again.moved = f }
          for k in 0..<n {
            if tags[k] == Record.line {
              (events.baseAddress! + k).moveInitialize(from: again.events + f, count: 1)
              f += 1
            } else if let b = try? input.take(Int(try input.byte())), let e = records.event(tag: tags[k], b) {
              (events.baseAddress! + k).initialize(to: e)
            } else {
              failed = true
              return
            }
            made = k + 1
          }
        }
      }
    }
    guard !failed, input.isAtEnd else { throw CacheError() }
    return Kept(file: file, lineCount: lineCount, size: trailer.journalSize, inode: inode, fileSize: journal.size)
  }

  /// Events read from their lines, moved out one by one.
  private struct Again {
    var events: UnsafeMutablePointer<Event>
    var count = 0
    var moved = 0
    mutating func deallocate() {
      (events + moved).deinitialize(count: count - moved)
      events.deallocate()
    }
  }

  /// Digests the journal's first `journalSize` bytes a piece at a time,
  /// reading the events of the lines tagged `Record.line` on the way;
  /// throws when the digest is not the copy's. One piece's buffer: a
  /// larger one was fresh memory whose every page faulted in once.
  private static func linesReadAgain(_ journal: (fd: Int32, size: Int), _ trailer: Trailer, key: SymmetricKey,
                                     lines: [Range<Int>], tags: [UInt8]) throws(CacheError) -> Again {
    let wanted = tags.indices.filter { tags[$0] == Record.line }
    var again = Again(events: .allocate(capacity: max(1, wanted.count)))
    var ok = false
    defer { if !ok { again.deallocate() } }
    var digest = Digest(key: key, nonce: trailer.nonce, .journal)
    let chunk = Digest.piece
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
    defer { buffer.deallocate() }
    var reader = CampaignReader(Reader(b: UnsafeBufferPointer(start: nil, count: 0)))
    var w = 0
    func readAgain(_ line: UnsafeBufferPointer<UInt8>) throws(CacheError) {
      guard let (e, _) = try? CampaignReader.signedEvent(line, reader: &reader) else { throw CacheError() }
      (again.events + again.count).initialize(to: e)
      again.count += 1
      w += 1
    }
    var at = 0
    while at < trailer.journalSize {
      let want = min(chunk, trailer.journalSize - at)
      let part = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want])
      guard FileIO.read(journal.fd, into: part, at: at) == want else { throw CacheError() }
      var p = 0
      while p < want {
        let piece = UnsafeRawBufferPointer(rebasing: part[p..<min(want, p + Digest.piece)])
        guard digest.add(piece) else { throw CacheError() }
        p += piece.count
      }
      let bytes = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: want)
      while w < wanted.count, lines[wanted[w]].upperBound <= at + want {
        let r = lines[wanted[w]]
        if r.lowerBound >= at {
          try readAgain(UnsafeBufferPointer(rebasing: bytes[(r.lowerBound - at)..<(r.upperBound - at)]))
        } else {
          // A line across two pieces read: its bytes read on their own.
          var line = [UInt8](repeating: 0, count: r.count)
          guard line.withUnsafeMutableBytes({ FileIO.read(journal.fd, into: $0, at: r.lowerBound) }) == r.count
          else { throw CacheError() }
          try line.withUnsafeBufferPointer { (b) throws(CacheError) in try readAgain(b) }
        }
      }
      at += want
    }
    guard w == wanted.count, digest.finish() == trailer.journalDigest else { throw CacheError() }
    ok = true
    return again
  }

  // MARK: Writing

  /// A copy to write: the journal as read, its lines counted, its facts then.
  struct Pending {
    let use: Use
    let file: JournalFile
    let lineCount: Int
    let facts: DiskState.Facts?

    /// Writes it, unless `stop` says to give up (checked at each piece
    /// handed on: the copy half-written is then removed).
    func write(stop: (() -> Bool)? = nil) {
      JournalCache.write(use, file, lineCount: lineCount, facts: facts, stop: stop)
    }
  }

  /// Writes the copy of `file`, the journal read whole or from a copy and
  /// its lines after (`lineCount` lines in all), when it is large enough
  /// (its read gave no message: the caller's to tell); the journal's facts
  /// were `facts` when it was read, and must be still. Nothing when
  /// anything fails: a copy is only ever a saving.
  static func write(_ use: Use, _ file: JournalFile, lineCount: Int, facts: DiskState.Facts?, stop: (() -> Bool)? = nil) {
    guard use.keep, file.size >= worthFrom, file.repairAt == nil, !file.missingNewline, let facts,
      let key = use.key ?? CampaignCache.signingKey(create: true),
      let source = try? FileIO.openForReading(file.path, limit: FileLimits.workspaceFile)
    else { return }
    defer { close(source.fd) }
    // The same file as read, unchanged since: its bytes are what was read.
    guard DiskState.facts(fd: source.fd) == facts, source.size == file.size else { return }
    let nonce = (0..<8).map { _ in UInt8.random(in: 0...255) }
    guard let digest = Digest.of(fd: source.fd, count: file.size, key: key, nonce: nonce, .journal) else { return }
    do throws(WorkspaceError) {
      try CopyFolder.make(use.folder)
      try FileIO.writeAtomically(use.path(device: file.device), sync: false) { (put) throws(WorkspaceError) in
        try withoutActuallyEscaping(put) { (put) throws(WorkspaceError) in
          let out = CacheOutput(key: key, nonce: nonce) { (piece) throws(WorkspaceError) in
            if stop?() == true { throw .io(file.path, "stopped") }
            try put(piece)
          }
          try encode(file, lineCount: lineCount, to: out)
          try out.finish { bodyLength in
            Trailer(journalSize: file.size, nonce: nonce, journalDigest: digest, bodyLength: bodyLength).signed
          }
        }
      }
    } catch {
      // Left as it was: the next open tries again.
    }
  }

  private static func encode(_ file: JournalFile, lineCount: Int, to out: CacheOutput) throws(WorkspaceError) {
    out.int(file.base?.seq ?? -1)
    out.string(file.base?.hash ?? "")
    out.byte(file.base?.key == nil ? 0 : 1)
    if let key = file.base?.key { out.string(key) }
    out.int(lineCount)
    out.count(file.events.count)
    out.string(file.lastHash)
    out.byte(file.key == nil ? 0 : 1)
    if let key = file.key { out.string(key) }
    out.int(file.signedFrom ?? -1)
    // The records first, to gather the texts and authors they name.
    var index = RecordIndex()
    var tags = [UInt8](repeating: Record.line, count: file.events.count)
    let records = Gathered(capacity: 64 * file.events.count)
    let one = Gathered(capacity: 256)
    file.events.withUnsafeBufferPointer { events in
      for k in events.indices {
        one.removeAll()
        // Through its address: each copy of an event retained all it holds.
        let e = events.baseAddress! + k
        guard let tag = index.record(e, into: one), one.count < 256 else { continue }
        // Kept only when it reads back as the very event.
        let same = index.withTables { tables in
          // Unwrapped first: an event compared with an optional one was
          // copied into an optional, all it holds retained.
          guard let back = tables.event(tag: tag, UnsafeBufferPointer(start: one.base, count: one.count)) else { return false }
          return back == e.pointee
        }
        guard same else { continue }
        tags[k] = tag
        records.byte(UInt8(one.count))
        records.append(one.base, one.count)
      }
    }
    out.count(index.texts.count)
    for t in index.texts { out.string(t) }
    out.count(index.authors.count)
    for a in index.authors {
      out.int(index.text(a.device))
      out.int(index.text(a.user))
    }
    var places = [Int64](repeating: 0, count: 2 * file.lines.count)
    for (k, r) in file.lines.enumerated() { (places[2 * k], places[2 * k + 1]) = (Int64(r.lowerBound), Int64(r.upperBound)) }
    try out.append(places)
    try out.append(tags)
    var at = 0
    while at < records.count {
      let n = min(Digest.piece, records.count - at)
      try out.append(UnsafeBufferPointer(start: records.base + at, count: n))
      at += n
    }
  }

  /// The last bytes of a copy, every one of them signed: its form, the
  /// build, the journal's bytes it covers and their keyed digest with the
  /// nonce that keys it, the body's length; then the signature.
  struct Trailer {
    var journalSize: Int
    var nonce: [UInt8]
    var journalDigest: [UInt8]
    var bodyLength: Int
    var program = CampaignCache.program
    var signature: [UInt8] = []

    static let size = 112
  }
}

// Apart from the fields, so that the fields' own initialiser stays.
extension JournalCache.Trailer {
  /// Read from the end of the copy; nil when it is not one of this form.
  init?(fd: Int32, size: Int) {
    guard let b = TrailerBytes(fd: fd, size: size, count: Self.size, magic: JournalCache.magic, version: JournalCache.version)
    else { return nil }
    program = b.number(16)
    journalSize = Int(truncatingIfNeeded: b.number(24))
    nonce = b[32..<40]
    journalDigest = b[40..<72]
    bodyLength = Int(truncatingIfNeeded: b.number(72))
    signature = b[80..<112]
    guard bodyLength == size - Self.size, journalSize >= 0 else { return nil }
  }

  /// The bytes before the signature, which it signs after the body.
  var signed: [UInt8] {
    let g = TrailerBytes.start(magic: JournalCache.magic, version: JournalCache.version)
    for n in [program, UInt64(journalSize)] { g.fixed(n) }
    for b in [nonce, journalDigest] { g.append(b, b.count) }
    g.int(bodyLength)
    return Array(g.bytes)
  }
}

/// How an event is kept in a journal's copy: its tag, and after it (but
/// for `line`) a record: the author, seq, clock, moment and `prev`, then
/// the operation's values, texts by their number.
enum Record {
  /// Read again from its line in the journal.
  static let line: UInt8 = 0
  static let setText: UInt8 = 1, setNull: UInt8 = 2, addActivity: UInt8 = 3, removeActivity: UInt8 = 4,
    addProblem: UInt8 = 5, setProblem: UInt8 = 6
  /// No text (an optional one left out).
  static let none = UInt32.max
}

/// The texts and authors of a copy's records as they are written: each
/// once, by its number.
private struct RecordIndex {
  var texts: [String] = []
  var authors: [Author] = []
  private var authorNumbers: [ObjectIdentifier: UInt32] = [:]
  /// Each text's number by its bytes: open addressing, each slot the
  /// text's tag (`IdTable.tag`) and number plus one (0: free), so a
  /// look-up reads one slot and, on a match, the bytes in `arena`. Not a
  /// `[String: UInt32]`: a String's hash and equality normalise its
  /// Unicode first, and the Chinese texts of a million events took a
  /// fifth of the copy's writing that way.
  private var slots = [UInt64](repeating: 0, count: 1 << 12)
  private var starts: [Int] = [0]
  private var arena: [UInt8] = []

  /// The tables as the records' reader takes them.
  func withTables<R>(_ body: (RecordTables) -> R) -> R {
    texts.withUnsafeBufferPointer { t in authors.withUnsafeBufferPointer { a in body(RecordTables(texts: t, authors: a)) } }
  }

  mutating func text(_ s: String) -> Int {
    var s = s
    return s.withUTF8 { b in
      // The id table's hash (seeded for each process: texts from other
      // laptops cannot be made to share a slot).
      let tag = UInt64(IdTable.tag(bytes: b))
      let mask = slots.count - 1
      var i = Int(tag) & mask
      while slots[i] != 0 {
        let slot = slots[i]
        if slot >> 32 == tag {
          let n = Int(slot & 0xFFFF_FFFF) - 1
          if starts[n + 1] - starts[n] == b.count
            && (b.count == 0 || arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[n], b.baseAddress!, b.count) == 0 })
          {
            return n
          }
        }
        i = (i + 1) & mask
      }
      let n = texts.count
      texts.append(String(decoding: b, as: UTF8.self))
      arena.append(contentsOf: b)
      starts.append(arena.count)
      slots[i] = tag << 32 | UInt64(n + 1)
      if 2 * texts.count > slots.count { grow() }
      return n
    }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: 2 * old.count)
    let mask = slots.count - 1
    for slot in old where slot != 0 {
      var i = Int(slot >> 32) & mask
      while slots[i] != 0 { i = (i + 1) & mask }
      slots[i] = slot
    }
  }

  mutating func author(_ a: Author) -> UInt32 {
    if let n = authorNumbers[ObjectIdentifier(a)] { return n }
    authorNumbers[ObjectIdentifier(a)] = UInt32(authors.count)
    authors.append(a)
    // Its texts numbered with the others, before they are written.
    _ = (text(a.device), text(a.user))
    return UInt32(authors.count - 1)
  }

  /// `e`'s record into `g` and its tag; nil when it goes as its line.
  mutating func record(_ e: UnsafePointer<Event>, into g: Gathered) -> UInt8? {
    guard case .utc(let seconds) = e.pointee.moment else { return nil }
    func text(_ s: String) { g.fixed(UInt32(self.text(s))) }
    func optional(_ s: String?) { g.fixed(s.map { UInt32(self.text($0)) } ?? Record.none) }
    func day(_ d: Day?) { g.fixed(d?.packed ?? 0) }
    g.fixed(author(e.pointee.author))
    g.int(e.pointee.seq)
    g.int(e.pointee.clock)
    g.fixed(seconds)
    switch e.pointee.prevHash {
    case .digest(let a, let b, let c, let d):
      g.byte(1)
      g.fixed(a)
      g.fixed(b)
      g.fixed(c)
      g.fixed(d)
    case .text(let t) where t.isEmpty: g.byte(0)
    case .text: return nil
    }
    switch e.pointee.op {
    case .set(let node, let field, .text(let value)):
      text(node)
      g.byte(place(field))
      text(value)
      return Record.setText
    case .set(let node, let field, .null):
      text(node)
      g.byte(place(field))
      return Record.setNull
    case .addActivity(let node, let a):
      guard a.note.isEmpty, let count = Int32(exactly: a.count) else { return nil }
      text(node)
      text(a.id)
      day(a.date)
      g.fixed(count)
      return Record.addActivity
    case .removeActivity(let node, let id):
      text(node)
      text(id)
      return Record.removeActivity
    case .addProblem(let node, let p):
      text(node)
      text(p.id)
      text(p.text)
      optional(p.unit)
      day(p.due)
      g.byte(place(p.state))
      day(p.found)
      optional(p.point)
      return Record.addProblem
    case .setProblem(let node, let problem, let state):
      text(node)
      text(problem)
      g.byte(place(state))
      return Record.setProblem
    default:
      return nil
    }
  }
}

/// Reads a copy's records back into events. Over the tables' memory: as
/// arrays, each record read retained and released them.
private struct RecordTables {
  let texts: UnsafeBufferPointer<String>
  let authors: UnsafeBufferPointer<Author>

  func event(tag: UInt8, _ b: UnsafeBufferPointer<UInt8>) -> Event? {
    var r = RecordBytes(b)
    guard let a = r.u32(), Int(a) < authors.count, let seq = r.int(), let clock = r.int(), let seconds = r.int(),
      let hashed = r.byte()
    else { return nil }
    var prev = LineHash.text("")
    if hashed == 1 {
      guard let w0 = r.u64(), let w1 = r.u64(), let w2 = r.u64(), let w3 = r.u64() else { return nil }
      prev = .digest(w0, w1, w2, w3)
    } else if hashed != 0 {
      return nil
    }
    func text() -> String? { r.u32().flatMap { Int($0) < texts.count ? texts[Int($0)] : nil } }
    func optional() -> String?? {
      guard let n = r.u32() else { return nil }
      if n == Record.none { return .some(nil) }
      return Int(n) < texts.count ? .some(texts[Int(n)]) : nil
    }
    func day() -> Day?? {
      guard let d = r.i32() else { return nil }
      return .some(d == 0 ? nil : Day(packed: d))
    }
    func field() -> Field? { r.byte().flatMap { Int($0) < Field.allCases.count ? Field.allCases[Int($0)] : nil } }
    func state() -> Problem.State? {
      r.byte().flatMap { Int($0) < Problem.State.allCases.count ? Problem.State.allCases[Int($0)] : nil }
    }
    let op: Operation
    switch tag {
    case Record.setText:
      guard let node = text(), let f = field(), let v = text() else { return nil }
      op = .set(node: node, field: f, value: .text(v))
    case Record.setNull:
      guard let node = text(), let f = field() else { return nil }
      op = .set(node: node, field: f, value: .null)
    case Record.addActivity:
      guard let node = text(), let id = text(), let date = day(), let date, let count = r.i32() else { return nil }
      op = .addActivity(node: node, activity: Activity(id: id, date: date, count: Int(count)))
    case Record.removeActivity:
      guard let node = text(), let id = text() else { return nil }
      op = .removeActivity(node: node, activity: id)
    case Record.addProblem:
      guard let node = text(), let id = text(), let t = text(), let unit = optional(), let due = day(),
        let s = state(), let found = day(), let point = optional()
      else { return nil }
      op = .addProblem(node: node, problem: Problem(id: id, text: t, unit: unit, due: due, state: s, found: found, point: point))
    case Record.setProblem:
      guard let node = text(), let id = text(), let s = state() else { return nil }
      op = .setProblem(node: node, problem: id, state: s)
    default:
      return nil
    }
    guard r.atEnd else { return nil }
    return Event(author: authors[Int(a)], seq: seq, clock: clock, moment: .utc(Int64(seconds)), prevHash: prev, op: op)
  }
}

/// A record's bytes, each read checked against its end.
private struct RecordBytes {
  let b: UnsafeBufferPointer<UInt8>
  var at = 0
  init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

  var atEnd: Bool { at == b.count }

  private mutating func load<T: FixedWidthInteger>(_: T.Type) -> T? {
    guard b.count - at >= MemoryLayout<T>.size else { return nil }
    defer { at += MemoryLayout<T>.size }
    return T(littleEndian: UnsafeRawBufferPointer(b).loadUnaligned(fromByteOffset: at, as: T.self))
  }
  mutating func byte() -> UInt8? { load(UInt8.self) }
  mutating func u32() -> UInt32? { load(UInt32.self) }
  mutating func i32() -> Int32? { load(Int32.self) }
  mutating func u64() -> UInt64? { load(UInt64.self) }
  mutating func int() -> Int? { load(Int64.self).map { Int($0) } }
}

/// `v`'s place among its type's cases, as a byte (lists of fewer than 256).
private func place<T: CaseIterable & Equatable>(_ v: T) -> UInt8 {
  UInt8(Array(T.allCases).firstIndex(of: v)!)
}

/// Journals' copies left to write by an open (`Workspace.takeJournalCopies`),
/// for a thread of their own: the dashboard shows its first frame first.
/// Unchecked: the journals' events are values no one changes (an append
/// to one copies it first).
public final class JournalCopies: @unchecked Sendable {
  private let pending: [JournalCache.Pending]
  private let stopped = Atomic<Bool>(false)

  init(_ pending: [JournalCache.Pending]) { self.pending = pending }

  public var isEmpty: Bool { pending.isEmpty }

  /// Writes each, until `stop()` is called.
  public func write() {
    for p in pending {
      if stopped.load(ordering: .relaxed) { return }
      p.write { self.stopped.load(ordering: .relaxed) }
    }
  }

  /// Gives up the writing: a copy half-written is removed.
  public func stop() { stopped.store(true, ordering: .relaxed) }
}
