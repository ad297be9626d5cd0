import Crypto
import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// The open's cache (`CampaignCache`) gives the campaign campaign.json
/// gives, or nothing: never a stale one, a damaged one or one it did not
/// sign.
@Suite struct CampaignCacheTests {
  let key = SymmetricKey(data: [UInt8](repeating: 7, count: 32))

  /// campaign.json of `c` in a fresh folder, and its facts as read.
  func folder(_ c: Campaign) throws -> (TempFolder, String, DiskState.Facts?) {
    let t = TempFolder()
    let file = t.file(Workspace.campaignFileName)
    try CampaignCodec.write(c, toFile: file)
    return (t, file, DiskState.facts(file))
  }

  @Test func everyCampaignComesBackAsItsFileReads() throws {
    var kept = 0, asJSON = 0
    defer {
      // Templates and synthetic plans; nodes in each form, and as JSON.
      #expect(kept >= 10 && asJSON >= 5)
    }
    for (name, c) in StreamingWriterTests().campaigns() {
      let (t, file, facts) = try folder(c)
      let read = try #require(try CampaignReader.decode(file: file))
      CampaignCache.write(read, directory: t.path, file: file, facts: facts, key: key)
      let cached = CampaignCache.read(t.path, file: file, key: key)
      guard read.parentsForCache != nil else {
        // Links that are not sound are not kept: the file is read each time.
        #expect(cached == nil, "\(name)")
        continue
      }
      let back = try #require(cached, "\(name)")
      kept += 1
      if read.nodes.contains(where: { $0.facet == nil }) { asJSON += 1 }
      #expect(back == read, "\(name)")
      #expect(CampaignCodec.encode(back) == CampaignCodec.encode(read), "\(name)")
      #expect(back.roots == read.roots && back.childrenOf == read.childrenOf && back.placeOf == read.placeOf, "\(name)")
      #expect(read.nodes.allSatisfy { back.position(of: $0.id) == read.position(of: $0.id) }, "\(name)")
    }
  }

  @Test func aChangedFileIsReadAgain() throws {
    var c = Synthetic.campaign(nodes: 3000, seed: 5)
    let (t, file, facts) = try folder(c)
    CampaignCache.write(try #require(try CampaignReader.decode(file: file)), directory: t.path, file: file, facts: facts, key: key)
    #expect(CampaignCache.read(t.path, file: file, key: key) != nil)
    // Same size, one node's status changed: only the hash tells.
    let text = t.read(Workspace.campaignFileName)
    let todo = try #require(text.range(of: "\"status\": \"todo\""))
    try Data(text.replacingCharacters(in: todo, with: "\"status\": \"done\"").utf8).write(to: URL(fileURLWithPath: file))
    #expect(DiskState.facts(file)?.size == facts?.size)
    #expect(CampaignCache.read(t.path, file: file, key: key) == nil)
    // Written again from the file now, it is used again.
    c = try #require(try CampaignReader.decode(file: file))
    CampaignCache.write(c, directory: t.path, file: file, facts: DiskState.facts(file), key: key)
    #expect(CampaignCache.read(t.path, file: file, key: key) == c)
  }

  /// A campaign.json written again, even with the same bytes (a pull, a
  /// copy of the folder), is told by its facts before the copy is read.
  @Test func aFileWrittenAgainIsReadAgain() throws {
    let c = Synthetic.campaign(nodes: 2000, seed: 13)
    let (t, file, facts) = try folder(c)
    CampaignCache.write(try #require(try CampaignReader.decode(file: file)), directory: t.path, file: file, facts: facts, key: key)
    #expect(CampaignCache.read(t.path, file: file, key: key) != nil)
    try CampaignCodec.write(c, toFile: file)
    #expect(DiskState.facts(file) != facts)
    #expect(CampaignCache.read(t.path, file: file, key: key) == nil)
  }

  @Test func aCopyNotSignedWithThisKeyIsIgnored() throws {
    let (t, file, facts) = try folder(Synthetic.campaign(nodes: 2000, seed: 6))
    CampaignCache.write(try #require(try CampaignReader.decode(file: file)), directory: t.path, file: file, facts: facts, key: key)
    #expect(CampaignCache.read(t.path, file: file, key: SymmetricKey(data: [UInt8](repeating: 8, count: 32))) == nil)
    #expect(CampaignCache.read(t.path, file: file, key: nil) == nil)
  }

  /// Another build of chuangwen may check rules this one did not: a copy
  /// this build did not write is not used.
  @Test func aCopyFromAnotherBuildIsIgnored() throws {
    let (t, file, facts) = try folder(Synthetic.campaign(nodes: 2000, seed: 12))
    CampaignCache.write(try #require(try CampaignReader.decode(file: file)), directory: t.path, file: file, facts: facts, key: key)
    #expect(CampaignCache.read(t.path, file: file, key: key) != nil)
    #expect(CampaignCache.read(t.path, file: file, key: key, program: CampaignCache.program &+ 1) == nil)
  }

  @Test func anyDamageToTheCopyMakesItIgnored() throws {
    let (t, file, facts) = try folder(Synthetic.campaign(nodes: 2000, seed: 7))
    let read = try #require(try CampaignReader.decode(file: file))
    CampaignCache.write(read, directory: t.path, file: file, facts: facts, key: key)
    let path = CampaignCache.path(in: t.path)
    let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var rng = SystemRandomNumberGenerator()
    // Each with what was done to it, for the message should one be used.
    var damaged: [(bytes: [UInt8], how: String)] = [
      ([], "emptied"), (Array(good.prefix(good.count / 2)), "cut in half"), (Array(good.dropLast()), "its last byte cut"),
      (good + [0], "a byte added"), ([UInt8](repeating: 0, count: good.count), "zeroed"),
    ]
    // A byte changed anywhere: in the texts, a count, a node, the trailer.
    for at in [0, 8, 100, good.count / 3, good.count / 2, good.count - 130, good.count - 60, good.count - 1]
      + (0..<24).map({ _ in Int.random(in: 0..<good.count, using: &rng) }) {
      var b = good
      let flip = UInt8.random(in: 1...255, using: &rng)
      b[at] ^= flip
      damaged.append((b, "byte \(at) of \(good.count) xor \(flip)"))
    }
    // The trailer's numbers made negative or huge (the fuzzer's find: a
    // negative one trapped before the signature was checked), and the
    // version's high bytes (the fuzzer's other find: four bytes there
    // were read by no field, and a change to them was used).
    // (0x7F where the byte is 0xFF already: the build's stamp at 96 is a
    // hash, whose high byte was 0xFF for one build of the tests, which then
    // changed nothing and failed.)
    for at in [12, 16 + 7, 72 + 7, 80 + 7, 88 + 7, 96 + 7].map({ good.count - CampaignCache.Trailer.size + $0 }) {
      var b = good
      b[at] = good[at] == 0xFF ? 0x7F : 0xFF
      damaged.append((b, "byte \(at) of \(good.count) set to \(b[at])"))
    }
    for (bytes, how) in damaged {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      #expect(CampaignCache.read(t.path, file: file, key: key) == nil, "a copy with \(how) was used")
    }
    try Data(good).write(to: URL(fileURLWithPath: path))
    #expect(CampaignCache.read(t.path, file: file, key: key) == read)
  }

  @Test func onlyARegularFileIsRead() throws {
    let (t, file, facts) = try folder(Synthetic.campaign(nodes: 2000, seed: 8))
    CampaignCache.write(try #require(try CampaignReader.decode(file: file)), directory: t.path, file: file, facts: facts, key: key)
    let path = CampaignCache.path(in: t.path)
    try FileManager.default.moveItem(atPath: path, toPath: path + ".kept")
    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path + ".kept")
    #expect(CampaignCache.read(t.path, file: file, key: key) == nil)
    try FileManager.default.removeItem(atPath: path)
    #expect(mkfifo(path, 0o600) == 0)
    #expect(CampaignCache.read(t.path, file: file, key: key) == nil)
  }

  @Test func aFileChangedWhileItWasReadIsNotKept() throws {
    let (t, file, facts) = try folder(Synthetic.campaign(nodes: 2000, seed: 9))
    let read = try #require(try CampaignReader.decode(file: file))
    // Replaced after it was read: the copy would pair the new file's hash
    // with the old campaign.
    try CampaignCodec.write(Synthetic.campaign(nodes: 2000, seed: 10), toFile: file)
    CampaignCache.write(read, directory: t.path, file: file, facts: facts, key: key)
    #expect(!FileManager.default.fileExists(atPath: CampaignCache.path(in: t.path)))
  }

  /// The journals are read while the copy's nodes are linked, with the
  /// copy's compaction marks. When campaign.json turns out not to be the
  /// copy's (the same size, time and inode, other bytes: only the digest
  /// tells) and names other marks, they are read again with the file's.
  @Test func journalsReadBesideTheCopyFollowTheFilesMarks() throws {
    let t = TempFolder()
    try Workspace.create(at: t.path, campaign: Synthetic.campaign(nodes: 20_000, seed: 12))
    let ws = try Workspace.open(t.path)
    let id = ws.campaign.nodes[5].id
    func note(_ k: Int) throws {
      try ws.append(.set(node: id, field: .note, value: .text("第\(k)次")), device: "lap-a", user: "张", at: "t")
    }
    for k in 1...3 { try note(k) }
    _ = try ws.compact(by: "王", at: "t", trim: false)
    for k in 4...5 { try note(k) }
    _ = try Workspace.open(t.path)
    #expect(FileManager.default.fileExists(atPath: CampaignCache.path(in: t.path)))
    // The mark moved back from the third line to the second, in place.
    let file = t.file(Workspace.campaignFileName)
    let lines = t.read("journal/lap-a.jsonl").split(separator: "\n")
    let second = try #require(lines[2].firstMatch(of: /"prev": "([0-9a-f]{64})"/)).1
    let text = t.read(Workspace.campaignFileName)
    let mark = try #require(text.firstMatch(of: /"lap-a": \{"seq": 3, "hash": "[0-9a-f]{64}"/))
    let moved = text.replacingCharacters(in: mark.range, with: "\"lap-a\": {\"seq\": 2, \"hash\": \"\(second)\"")
    var st = stat()
    #expect(stat(file, &st) == 0)
    let handle = try #require(FileHandle(forUpdatingAtPath: file))
    handle.write(Data(moved.utf8))
    handle.closeFile()
    var times = [st.st_atim, st.st_mtim]
    #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
    #expect(DiskState.facts(file)?.stamp == DiskState.Facts(st).stamp)

    let opened = try Workspace.open(t.path)
    let reference = try Workspace.open(t.path, verify: true)
    #expect(reference.journals["lap-a"]?.events.count == 3)
    #expect(opened.journals["lap-a"]?.events.count == 3)
    #expect(opened.campaign == reference.campaign)
  }

  /// A large workspace opens from its copy the second time, with the same
  /// state; the copy's folder keeps git out.
  @Test func aLargeWorkspaceKeepsItsCopyOutOfGit() throws {
    let t = TempFolder()
    let c = Synthetic.campaign(nodes: 20_000, seed: 11)
    try CampaignCodec.write(c, toFile: t.file(Workspace.campaignFileName))
    #expect(try #require(DiskState.facts(t.file(Workspace.campaignFileName))).size >= Int64(CampaignCache.worthFrom))
    // validate, verify, compact and merge read the file and leave no copy.
    _ = try Workspace.open(t.path, verify: true)
    #expect(!FileManager.default.fileExists(atPath: t.file(".cache")))
    let first = try Workspace.open(t.path)
    #expect(t.read(".cache/.gitignore") == "*\n")
    let second = try Workspace.open(t.path)
    #expect(second.campaign == first.campaign)
    #expect(CampaignCodec.encode(second.campaign) == CampaignCodec.encode(c))
  }
}
