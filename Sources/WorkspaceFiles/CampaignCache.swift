#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Domain
import Platform

/// A copy of campaign.json's campaign in the form it takes in memory, kept
/// beside it (`.cache/campaign`), so a large plan opens without reading
/// its JSON again: at a million nodes the JSON takes two cores about 330 ms
/// to read, the copy a fraction of it.
///
/// Never the source of truth. It is written from a campaign just read from
/// campaign.json, and used only while campaign.json is the file it was
/// made from: the same file's identity, size and time, and the same keyed
/// digest (`Digest`, taken again at every open on a second thread while
/// the copy is read). It is written by this build only, and signed with a key of this user's
/// (`~/.config/chuangwen/cache.key`), so a copy this user's chuangwen did
/// not write (a damaged one, one from another laptop, a hostile one) is
/// read no further than its end and then ignored. The folder has a
/// `.gitignore` of `*`, so git never carries it; a stale or missing copy
/// is written again by the next open.
///
/// The form: the campaign's members other than its nodes, as JSON (the one
/// writer's, read back by the one reader); the nodes' texts, laid out as
/// in memory; then each node, 16 bytes, followed by its one common facet
/// (a note, supporting units, a quota or a site) in a binary form, or, for
/// a node with anything rarer, by the node as JSON. Nothing here declares a
/// member of the file: a facet added to a node goes to the JSON on its own
/// (`Node.facet`). Then a trailer (`Trailer`): what campaign.json was,
/// where the second half of the nodes starts, the build, and the
/// signature of all that.
enum CampaignCache {
  static let folderName = ".cache"
  static let fileName = "campaign"
  /// Changed whenever the form changes: a copy of another form is ignored.
  static let version: UInt32 = 4

  /// This build of chuangwen: its file's identity, size and time. A copy
  /// written by another build is not used (a rule of the file added since
  /// would not have been checked when it was made).
  static let program: UInt64 = {
    var st = stat()
    return stat("/proc/self/exe", &st) == 0 ? DiskState.Facts(st).stamp : 0
  }()
  /// Below this size campaign.json reads about as fast as the copy.
  static let worthFrom = 4 << 20
  static let magic = Array("cwcache\n".utf8)

  static func path(in directory: String) -> String {
    Workspace.join(Workspace.join(directory, folderName), fileName)
  }

  // MARK: Reading

  /// The campaign the copy holds, or nil when there is none, or it is not
  /// campaign.json's of now, or not this user's chuangwen's.
  /// `program`: the build reading (tests name another).
  /// `meanwhile` runs on another thread while the nodes are linked, handed
  /// the copy's compaction marks (`Workspace.open` reads the journals).
  static func read(_ directory: String, file: String, key: SymmetricKey? = signingKey(create: false),
                   program: UInt64 = CampaignCache.program,
                   meanwhile: (@Sendable (Compaction?) -> Void)? = nil) -> Campaign? {
    let path = path(in: directory)
    guard let key,
      let cached = try? FileIO.openForReading(path, limit: FileLimits.workspaceFile * 2)
    else { return nil }
    defer { close(cached.fd) }
    guard cached.size >= Trailer.size, let trailer = Trailer(fd: cached.fd, size: cached.size),
      let source = try? FileIO.openForReading(file, limit: FileLimits.workspaceFile)
    else { return nil }
    defer { close(source.fd) }
    // A campaign.json written since (a compaction, a pull) is told by its
    // facts before anything is read; the digest then proves the rest.
    guard trailer.program == program, source.size == trailer.campaignSize,
      DiskState.facts(fd: source.fd)?.stamp == trailer.campaignFacts
    else { return nil }
    // campaign.json's digest and the copy's signature, on a second thread
    // while the copy is read.
    let digests = Answer<([UInt8]?, [UInt8]?)>()
    let (sourceFD, cachedFD) = (source.fd, cached.fd)
    guard let hashing = WorkerThread.start({
      digests.value = (Digest.of(fd: sourceFD, count: trailer.campaignSize, key: key, nonce: trailer.nonce, .campaign),
                       Digest.of(fd: cachedFD, count: trailer.bodyLength, key: key, nonce: trailer.nonce, .body,
                                 then: trailer.signed))
    }) else { return nil }
    let campaign = try? decode(fd: cached.fd, trailer, meanwhile: meanwhile)
    hashing.join()
    guard let (campaignDigest, signature) = digests.value, campaignDigest == trailer.campaignDigest,
      signature == trailer.signature
    else { return nil }
    return campaign
  }

  /// The campaign in the copy's body; its nodes in two halves, the second
  /// on a thread of its own.
  private static func decode(fd: Int32, _ trailer: Trailer,
                             meanwhile: (@Sendable (Compaction?) -> Void)? = nil) throws(CacheError) -> Campaign {
    var input = CacheInput(fd: fd, from: 0, to: trailer.split.at)
    defer { input.release() }
    var parts: CampaignReader.Parts
    var json = CampaignReader(Reader(b: UnsafeBufferPointer(start: nil, count: 0)))
    json.r = Reader(b: try input.take(try input.count()))
    do throws(DataError) {
      parts = try json.top()
    } catch {
      throw CacheError()
    }
    input.shrink()
    // The texts in two blocks, each half's nodes' in its own (they are
    // laid out in node order): the second from where the first record
    // of the second half places its texts.
    let texts = try input.count()
    guard let second = firstTextsPlace(fd: fd, at: trailer.split.at, end: trailer.bodyLength), second <= texts else { throw CacheError() }
    let blocks = [TextBlock(count: second), TextBlock(count: texts - second, offset: second)]
    for block in blocks { try input.fill(block.base, count: block.count) }
    let count = try input.count()
    let parents = try input.array(Int32.self, count: count)
    let half = trailer.split.node
    // Each node has its 16 bytes in the body: no more nodes than that are made room for.
    guard count <= trailer.bodyLength / 16, half == count / 2 else { throw CacheError() }
    var tags = [UInt32](repeating: 0, count: count)
    var failed = false
    let nodes = tags.withUnsafeMutableBufferPointer { tags in
      [Node](unsafeUninitializedCapacity: count) { nodes, made in
        let second = NodeHalf(fd: fd, from: trailer.split.at, to: trailer.bodyLength, block: blocks[1],
                              nodes: nodes.baseAddress! + half, tags: tags.baseAddress! + half, count: count - half)
        let thread = WorkerThread.start { second.run() }
        if thread == nil { second.run() }
        var first = NodeReader(block: blocks[0])
        let firstMade = first.read(count: half, into: nodes.baseAddress!, tags: tags.baseAddress!, from: &input)
        thread?.join()
        // Both halves read whole, or none of it kept.
        if firstMade == half && input.isAtEnd && second.made == count - half && second.atEnd {
          made = count
        } else {
          nodes.baseAddress!.deinitialize(count: firstMade)
          (nodes.baseAddress! + half).deinitialize(count: second.made)
          failed = true
          made = 0
        }
      }
    }
    if failed { throw CacheError() }
    var c: Campaign
    do throws(DataError) {
      c = try CampaignReader.campaign(parts, nodes: [], links: LinkBuilder())
    } catch {
      throw CacheError()
    }
    // Started once both halves are read (the digest is done by then, or
    // nearly): while the nodes are linked, one core was idle.
    let compaction = c.compaction
    let other = meanwhile.flatMap { job in WorkerThread.start { job(compaction) } }
    c.setNodes(nodes, parents: parents, tags: consume tags)
    other?.join()
    return c
  }

  /// Where the record at `at` places its node's texts among all of them
  /// (its first four bytes, `CacheInput.record`); 0 where the body ends
  /// there (no node).
  private static func firstTextsPlace(fd: Int32, at: Int, end: Int) -> Int? {
    guard at < end else { return 0 }
    var word: UInt32 = 0
    let got = withUnsafeMutableBytes(of: &word) { FileIO.read(fd, into: $0, at: at) }
    return got == 4 ? Int(UInt32(littleEndian: word)) : nil
  }

  fileprivate static func quota(_ input: inout CacheInput) throws(CacheError) -> Quota {
    let target = try input.int()
    let perMonth = try input.byte() == 1 ? try input.int() : nil
    let measureWord = try input.string()
    var activities: [Activity] = []
    let n = try input.count()
    activities.reserveCapacity(min(n, 1 << 16))
    for _ in 0..<n {
      let id = try input.string()
      let date = Day(packed: Int32(truncatingIfNeeded: try input.int()))
      let count = try input.int()
      activities.append(Activity(id: id, date: date, count: count, note: try input.string()))
    }
    return Quota(target: target, perMonth: perMonth, measureWord: measureWord, activities: activities)
  }

  // MARK: Writing

  /// Writes the copy of `campaign`, just read from `file` whose facts were
  /// `facts` before it was read; nothing when the plan is small, when
  /// campaign.json changed meanwhile, or when anything fails (a copy is
  /// only ever a saving).
  ///
  /// Without the workspace's lock: it changes nothing a writer reads. It
  /// goes in under a name of its own (a temporary file renamed over the
  /// old copy), and it says which campaign.json it was made from.
  static func write(_ campaign: Campaign, directory: String, file: String, facts: DiskState.Facts?,
                    key: @autoclosure () -> SymmetricKey? = signingKey(create: true)) {
    guard let facts, campaign.parentsForCache != nil, let key = key(),
      let source = try? FileIO.openForReading(file, limit: FileLimits.workspaceFile)
    else { return }
    defer { close(source.fd) }
    // The same file as read: the hash is then that of the bytes read.
    guard DiskState.facts(fd: source.fd) == facts else { return }
    let nonce = (0..<8).map { _ in UInt8.random(in: 0...255) }
    let digest = Answer<[UInt8]>()
    let sourceFD = source.fd
    guard let hashing = WorkerThread.start({
      digest.value = Digest.of(fd: sourceFD, count: source.size, key: key, nonce: nonce, .campaign)
    }) else { return }
    var joined = false
    defer { if !joined { hashing.join() } }
    let folder = Workspace.join(directory, folderName)
    do throws(WorkspaceError) {
      try CopyFolder.make(folder)
      try FileIO.writeAtomically(path(in: directory), sync: false) { (put) throws(WorkspaceError) in
        try withoutActuallyEscaping(put) { (put) throws(WorkspaceError) in
          let out = CacheOutput(key: key, nonce: nonce, put: put)
          let split = try encode(campaign, to: out)
          hashing.join()
          joined = true
          guard let d = digest.value else { throw .io(file, "cannot read") }
          try out.finish { bodyLength in
            var t = Trailer(campaignSize: source.size, campaignFacts: facts.stamp, nonce: nonce, campaignDigest: d)
            t.bodyLength = bodyLength
            t.split = split
            return t.signed
          }
        }
      }
    } catch {
      // Left as it was: the next open tries again.
    }
  }

  /// Where the second half of the nodes starts: its first node and byte.
  private static func encode(_ c: Campaign, to out: CacheOutput) throws(WorkspaceError) -> (node: Int, at: Int) {
    var split = (node: 0, at: 0)
    // The members other than the nodes: counted first, then written, so
    // their 4 MB (a million nodes' 73,000 units) are never held.
    var partsCount = 0
    CampaignCodec.write(c, nodes: false) { (b: UnsafeBufferPointer<UInt8>) in partsCount += b.count }
    out.count(partsCount)
    try CampaignCodec.write(c, nodes: false) { (b: UnsafeBufferPointer<UInt8>) throws(WorkspaceError) in try out.append(b) }
    try c.nodes.withUnsafeBufferPointer { (nodes) throws(WorkspaceError) in
      // The texts, each node's where the one before it ended.
      var total = 0
      for i in nodes.indices { total += nodes[i].texts.laidOut { b, _ in b.count } }
      out.count(total)
      for i in nodes.indices { try nodes[i].texts.laidOut { (b, _) throws(WorkspaceError) in try out.append(b) } }
      out.count(nodes.count)
      // The links as made from the file: no parent is looked up again.
      try out.append(c.parentsForCache!)
      let kinds = NodeKind.allCases, statuses = Status.allCases
      var start = 0
      var json = JSONOutput()
      let list = Gathered()
      split = (0, out.position)
      // Each node by address (`Campaign.withNodesInPlace`): read through
      // a pointer, each of its computed fields asked copied the node.
      func record(_ n: inout Node, _ i: Int) throws(WorkspaceError) {
        // Where the second half starts, for the second thread that reads it.
        if i == nodes.count / 2 { split = (i, out.position) }
        let facet = n.facet
        // The 16 bytes `CacheInput.record` reads, in two words.
        let (low, lead) = n.texts.laidOut { b, counts in
          defer { start += b.count }
          return (UInt64(UInt32(start)) | UInt64(counts.0) << 32 | UInt64(counts.1) << 48 | UInt64(counts.2) << 56,
                  UInt64(counts.3))
        }
        let kind = UInt64(kinds.firstIndex(of: n.kind)!), status = UInt64(statuses.firstIndex(of: n.status)!)
        let facetByte: UInt64
        switch facet {
        case .none?: facetByte = 0
        case .note?: facetByte = 1
        case .support?: facetByte = 2
        case .quota?: facetByte = 3
        case .site?: facetByte = 4
        case nil: facetByte = 5
        }
        out.fixed(low)
        out.fixed(lead | kind << 8 | status << 16 | facetByte << 24 | UInt64(UInt32(bitPattern: n.due?.packed ?? 0)) << 32)
        switch facet {
        case .none?:
          break
        case .note(let note)?:
          out.string(note)
        case .support(let units)?:
          list.removeAll()
          for u in units { list.string(u) }
          out.count(list.count)
          try out.append(list.bytes)
        case .quota(let q)?:
          out.int(q.target)
          out.byte(q.perMonth == nil ? 0 : 1)
          if let m = q.perMonth { out.int(m) }
          out.string(q.measureWord)
          out.count(q.activities.count)
          for a in q.activities {
            out.string(a.id)
            out.int(Int(a.date.packed))
            out.int(a.count)
            out.string(a.note)
          }
        case .site(let s)?:
          for t in [s.address, s.level, s.contact, s.category] {
            out.byte(t == nil ? 0 : 1)
            if let t { out.string(t) }
          }
        case nil:
          json.removeAll()
          CampaignCodec.write(&n, to: &json)
          out.count(json.count)
          try out.append(json.bytes)
        }
      }
      try c.withNodesInPlace { (all) throws(WorkspaceError) in
        for i in all.indices {
          try record(&all[i], i)
          try out.flushIfFull()
        }
      }
    }
    return split
  }

  // MARK: The key and the hash

  /// This user's key for signing copies, made the first time one is
  /// written. nil when there is none (and `create` is false) or it cannot
  /// be had: then no copy is used.
  static func signingKey(create: Bool) -> SymmetricKey? {
    let path = Workspace.join(Identity.configFolder(), "cache.key")
    if let bytes = try? FileIO.read(path, limit: 4096, links: .follow), bytes.count == 32,
      let mode = FileIO.permissions(path), mode & 0o077 == 0
    {
      return SymmetricKey(data: bytes)
    }
    guard create else { return nil }
    let made = SymmetricKey(size: .bits256)
    let bytes = made.withUnsafeBytes { Array($0) }
    guard (try? FileIO.makeDirectory(Identity.configFolder(), links: .follow)) != nil,
      let saved = try? FileIO.createExclusively(path, bytes)
    else { return nil }
    return saved ? made : signingKey(create: false)
  }

  /// The last bytes of a copy, every one of them signed: its form
  /// (`magic`, `version`, four zero bytes), campaign.json's size, facts'
  /// stamp and keyed digest with the nonce that keys it, the body's
  /// length, where the second half of the nodes starts, the build; then
  /// the signature.
  struct Trailer {
    var campaignSize: Int
    /// campaign.json's identity, size and time when read (`DiskState.Facts.stamp`).
    var campaignFacts: UInt64
    /// Makes this copy's digests its own (`Digest`).
    var nonce: [UInt8]
    var campaignDigest: [UInt8]
    var bodyLength = 0
    /// The second half of the nodes: its first node and its first byte.
    var split = (node: 0, at: 0)
    /// The build that wrote it (`CampaignCache.program`).
    var program = CampaignCache.program
    var signature: [UInt8] = []

    static let size = 136

    init(campaignSize: Int, campaignFacts: UInt64, nonce: [UInt8], campaignDigest: [UInt8]) {
      self.campaignSize = campaignSize
      self.campaignFacts = campaignFacts
      self.nonce = nonce
      self.campaignDigest = campaignDigest
    }

    /// Read from the end of the copy; nil when it is not one of this form.
    init?(fd: Int32, size: Int) {
      // Every byte is what `signed` makes of the fields, so a change
      // anywhere fails the signature.
      guard let b = TrailerBytes(fd: fd, size: size, count: Trailer.size, magic: CampaignCache.magic, version: CampaignCache.version)
      else { return nil }
      campaignSize = Int(truncatingIfNeeded: b.number(16))
      campaignFacts = b.number(24)
      nonce = b[32..<40]
      campaignDigest = b[40..<72]
      bodyLength = Int(truncatingIfNeeded: b.number(72))
      split = (Int(truncatingIfNeeded: b.number(80)), Int(truncatingIfNeeded: b.number(88)))
      program = b.number(96)
      signature = b[104..<136]
      guard bodyLength == size - Trailer.size else { return nil }
    }

    /// The bytes before the signature, which it signs after the body.
    var signed: [UInt8] {
      let g = TrailerBytes.start(magic: CampaignCache.magic, version: CampaignCache.version)
      g.int(campaignSize)
      g.fixed(campaignFacts)
      g.append(nonce, nonce.count)
      g.append(campaignDigest, campaignDigest.count)
      g.int(bodyLength)
      g.int(split.node)
      g.int(split.at)
      g.fixed(program)
      return Array(g.bytes)
    }
  }
}

/// Makes nodes from a copy's records: what one thread needs for its half.
private struct NodeReader {
  let block: TextBlock
  /// For the nodes written as JSON: the one reader, its arena kept.
  var json = CampaignReader(Reader(b: UnsafeBufferPointer(start: nil, count: 0)))
  var notes = NoteShare()
  var recentNotes = RecentTexts()
  var supports = SupportShare()
  let kinds = NodeKind.allCases, statuses = Status.allCases

  init(block: TextBlock) { self.block = block }

  /// Reads `count` nodes to `nodes` and their ids' tags to `tags`; how many
  /// were made (fewer: the copy is not sound).
  mutating func read(count: Int, into nodes: UnsafeMutablePointer<Node>, tags: UnsafeMutablePointer<UInt32>,
                     from input: inout CacheInput) -> Int {
    for i in 0..<count {
      guard let node = try? node(&input) else { return i }
      tags[i] = node.texts.withID { IdTable.tag(bytes: $0) }
      (nodes + i).initialize(to: node)
    }
    return count
  }

  private mutating func node(_ input: inout CacheInput) throws(CacheError) -> Node {
    let record = try input.record()
    guard Int(record.kind) < kinds.count, Int(record.status) < statuses.count,
      let texts = block.nodeTexts(at: Int(record.start), counts: record.counts)
    else { throw CacheError() }
    let kind = kinds[Int(record.kind)], status = statuses[Int(record.status)]
    let due = record.due == 0 ? nil : Day(packed: record.due)
    switch record.facet {
    case 0:
      return Node(texts: texts, kind: kind, support: [], due: due, status: status, quota: nil)
    case 1:
      var node = Node(texts: texts, kind: kind, support: [], due: due, status: status, quota: nil)
      // A note met recently is one String, as the reader makes it; node
      // after node, one box.
      guard let note = recentNotes.text(try input.take(try input.count())) else { throw CacheError() }
      notes.set(note, of: &node)
      return node
    case 2:
      // The list's bytes pick its slot in `supports`, as the reader's do.
      let list = try input.take(try input.count())
      supports.scratch.removeAll(keepingCapacity: true)
      var at = 0
      while at < list.count {
        guard at + 8 <= list.count else { throw CacheError() }
        let n = Int(Int64(littleEndian: UnsafeRawBufferPointer(list).loadUnaligned(fromByteOffset: at, as: Int64.self)))
        guard n >= 0, n <= list.count - at - 8 else { throw CacheError() }
        supports.scratch.append(String(decoding: UnsafeBufferPointer(rebasing: list[(at + 8)..<(at + 8 + n)]), as: UTF8.self))
        at += 8 + n
      }
      return Node(texts: texts, kind: kind, support: supports.shared(bytes: list), due: due, status: status, quota: nil)
    case 3:
      return Node(texts: texts, kind: kind, support: [], due: due, status: status, quota: try CampaignCache.quota(&input))
    case 4:
      var site = Site()
      site.address = try input.optionalString()
      site.level = try input.optionalString()
      site.contact = try input.optionalString()
      site.category = try input.optionalString()
      return Node(texts: texts, kind: kind, due: due, status: status, site: site)
    case 5:
      // Anything rarer: the node as the one writer wrote it, read by the
      // one reader (its texts go to that reader's arena).
      json.r = Reader(b: try input.take(try input.count()))
      do throws(DataError) {
        return try json.node()
      } catch {
        throw CacheError()
      }
    default:
      throw CacheError()
    }
  }
}

/// The second half of the nodes, read on a thread of its own into the
/// same array as the first (`CampaignCache.decode`).
private final class NodeHalf: @unchecked Sendable {
  private let fd: Int32
  private let from: Int, to: Int
  private let block: TextBlock
  private let nodes: UnsafeMutablePointer<Node>
  private let tags: UnsafeMutablePointer<UInt32>
  private let count: Int
  private(set) var made = 0
  private(set) var atEnd = false

  init(fd: Int32, from: Int, to: Int, block: TextBlock, nodes: UnsafeMutablePointer<Node>,
       tags: UnsafeMutablePointer<UInt32>, count: Int) {
    (self.fd, self.from, self.to, self.block, self.nodes, self.tags, self.count) = (fd, from, to, block, nodes, tags, count)
  }

  func run() {
    guard from <= to else { return }
    var input = CacheInput(fd: fd, from: from, to: to)
    var reader = NodeReader(block: block)
    made = reader.read(count: count, into: nodes, tags: tags, from: &input)
    atEnd = input.isAtEnd
    input.release()
  }
}

extension CacheInput {
  /// A node's 16 bytes.
  mutating func record() throws(CacheError)
    -> (start: UInt32, counts: (UInt16, UInt8, UInt8, UInt8), kind: UInt8, status: UInt8, facet: UInt8, due: Int32)
  {
    let b = UnsafeRawBufferPointer(try take(16))
    return (UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt32.self)),
            (UInt16(littleEndian: b.loadUnaligned(fromByteOffset: 4, as: UInt16.self)), b[6], b[7], b[8]),
            b[9], b[10], b[11],
            Int32(littleEndian: b.loadUnaligned(fromByteOffset: 12, as: Int32.self)))
  }
}
