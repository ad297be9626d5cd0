import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// The fast reader of campaign.json must agree with the general one: the
/// same campaign from every file the general one accepts, and nil (so the
/// general one reports) from every file it rejects.
@Suite struct FastDecoderTests {
  func general(_ bytes: [UInt8]) -> Campaign? {
    guard let root = try? JSONParser.parse(bytes), let (c, _) = try? CampaignCodec.decode(root) else { return nil }
    return c
  }

  func samples() -> [[UInt8]] {
    var out = Templates.names.map { Array(CampaignCodec.encode(Templates.build($0)!).utf8) }
    // Every facet, escapes, and a compaction record.
    var c = Sample.campaign()
    c.apply(.set(node: "t1", field: .note, value: .text("引号\"、反斜杠\\和\n换行\t")))
    c.apply(.addProblem(node: "t1", problem: Problem(id: "p1", text: "台账", unit: "u1", due: Day(iso: "2022-02-02"), found: Day(iso: "2022-01-01"))))
    c.stamps[Register(node: "t1", name: "note")] = Stamp(clock: 3, device: "lap-a")
    c.compaction = Compaction(generation: 2, clock: 3, at: "t", by: "王", devices: ["lap-a": .init(seq: 3, hash: "ab")])
    out.append(Array(CampaignCodec.encode(c).utf8))
    out.append([0xEF, 0xBB, 0xBF] + Array(CampaignCodec.encode(Synthetic.campaign(nodes: 500, seed: 3)).utf8))
    return out
  }

  @Test func agreesOnEveryGoodFile() throws {
    for bytes in samples() {
      let fast = FastCampaignDecoder.decode(bytes)
      #expect(fast != nil)
      #expect(fast == general(bytes))
    }
  }

  @Test func neverAcceptsWhatTheGeneralPathRejects() {
    var rng = Synthetic.Rng(seed: 7)
    let originals = samples().map { Array($0.prefix(3000)) + Array($0.suffix(200)) }.filter { general($0) == nil } + samples()
    var accepted = 0
    for _ in 0..<3000 {
      var bytes = originals.randomElement(using: &rng)!
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        let k = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: bytes.remove(at: k)
        case 1: bytes[k] = UInt8.random(in: 0...255, using: &rng)
        case 2: bytes.insert([UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "}"), 0x5C, 0xC3, UInt8(ascii: "1")].randomElement(using: &rng)!, at: k)
        default: bytes[k] = [UInt8(ascii: "0"), UInt8(ascii: "e"), UInt8(ascii: "n"), 0x09].randomElement(using: &rng)!
        }
      }
      let fast = FastCampaignDecoder.decode(bytes)
      if let fast {
        accepted += 1
        #expect(fast == general(bytes), "the fast path accepted what the general path reads otherwise")
      }
    }
    #expect(accepted > 0)
  }

  /// Through a window of the file as small as a few bytes: nodes cut off
  /// by the window's end are read again, and the answer is the same as
  /// with the whole file in memory, for good files and damaged ones.
  @Test func readsTheFileThroughASlidingWindow() throws {
    let folder = TempFolder()
    let path = folder.file("campaign.json")
    var rng = Synthetic.Rng(seed: 11)
    var damaged: [[UInt8]] = []
    for bytes in samples() {
      var copy = bytes
      let k = Int.random(in: copy.count / 2..<copy.count, using: &rng)
      copy[k] = UInt8(ascii: "}")
      damaged.append(copy)
      damaged.append(Array(bytes.dropLast(40)))
    }
    for bytes in samples() + damaged {
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
      let whole = FastCampaignDecoder.decode(bytes)
      for (window, lookahead) in [(16, 4), (64, 32), (1000, 100), (4096, 4096), (1 << 22, 1 << 20)] {
        let windowed = FastCampaignDecoder.decode(file: path, window: window, lookahead: lookahead)
        let same = windowed == whole  // (not in the expectation: it would print both campaigns)
        #expect(same, "window \(window), lookahead \(lookahead), \(whole == nil ? "damaged" : "good") file of \(bytes.count) bytes")
      }
    }
    #expect(FastCampaignDecoder.decode(file: folder.file("missing.json")) == nil)
  }

  /// Two readers, one from each half, give what one reader gives: for
  /// our files, for files laid out otherwise (nested objects that open a
  /// line like a node, everything on one line), and for damaged ones.
  @Test func twoReadersAgreeWithOne() throws {
    let folder = TempFolder()
    let path = folder.file("campaign.json")
    var c = Synthetic.campaign(nodes: 3000, seed: 5)
    c.compaction = Compaction(generation: 1, clock: 9, at: "t", by: "王", devices: ["lap-a": .init(seq: 3, hash: "ab")])
    let ours = CampaignCodec.encode(c)
    var rng = Synthetic.Rng(seed: 13)
    var files = [
      ours,
      // Activities each on a line of their own, opening like a node.
      ours.replacingOccurrences(of: "}, {\"id\"", with: "},\n      {\"id\""),
      ours.replacingOccurrences(of: "\n", with: " "),
      // Units after the nodes, the compaction before them.
      ours.replacingOccurrences(of: "\"schema\"", with: "\"compaction\": {\"generation\": 1, \"clock\": 9, \"at\": \"t\", \"by\": \"王\", \"devices\": {}, \"stamps\": []},\n  \"schema\""),
    ]
    for _ in 0..<12 {
      var bytes = Array(ours.utf8)
      let k = Int.random(in: bytes.count / 3..<bytes.count, using: &rng)
      bytes[k] = [UInt8(ascii: "}"), UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\n")].randomElement(using: &rng)!
      files.append(String(decoding: bytes, as: UTF8.self))
    }
    for (n, text) in files.enumerated() {
      let bytes = Array(text.utf8)
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
      let one = FastCampaignDecoder.decode(bytes)
      for (window, lookahead) in [(4096, 1024), (1 << 22, 1 << 20)] {
        let two = FastCampaignDecoder.decode(file: path, window: window, lookahead: lookahead, twoThreadsFrom: 0)
        let same = one == two  // (not in the expectation: it would print both campaigns)
        #expect(same, "file \(n), window \(window): \(one == nil ? "rejected" : "read") by one reader")
      }
    }
    #expect(FastCampaignDecoder.decode(Array(files[0].utf8)) == c)
    // Our own layout is read by both halves, joined; one line is not.
    for (n, joins) in [(0, true), (2, false)] {
      _ = FileManager.default.createFile(atPath: path, contents: Data(files[n].utf8))
      let w = try #require(FileWindow(path: path, size: 4096))
      let two = FastCampaignDecoder.decodeInTwo(path, w, lookahead: 1024)
      #expect(two?.joined == (joins ? true : nil), "file \(n)")
    }
  }

  func generalEvent(_ bytes: [UInt8]) -> Event? {
    guard let root = try? JSONParser.parse(bytes) else { return nil }
    return try? EventCodec.decode(root)
  }

  func eventLines() -> [[UInt8]] {
    let ops: [Domain.Operation] = [
      .set(node: "t1", field: .status, value: .text("done")),
      .set(node: "t1", field: .note, value: .text("引号\"与\n换行")),
      .set(node: "t1", field: .support, value: .list(["u1", "u2"])),
      .set(node: "t1", field: .due, value: .null),
      .addActivity(node: "t2", activity: Activity(id: "a1", date: Day(iso: "2022-05-01")!, count: 3, note: "集中")),
      .removeActivity(node: "t2", activity: "a1"),
      .addProblem(node: "b1", problem: Problem(id: "p1", text: "讲解员不足", unit: "u1", due: Day(iso: "2022-07-01"))),
      .setProblem(node: "b1", problem: "p1", state: .fixed),
      .addNode(node: Node(id: "n1", parent: "g1", kind: .task, title: "新任务", lead: "u1", quota: Quota(target: 12, perMonth: 1)), after: "t1"),
      .addNode(node: Node(id: "n2", kind: .group, title: "顶层"), after: nil),
      .removeNode(node: "n1"),
      .moveNode(node: "t2", parent: nil, after: nil),
      .moveNode(node: "t2", parent: "g1", after: "t1"),
      .addUnit(unit: Unit(id: "u9", name: "市文旅局")),
    ]
    return ops.enumerated().map { k, op in
      Array(EventCodec.encode(Event(device: "lap-a", seq: k + 1, clock: k * 3, user: "张三", at: "2022-06-01T08:00:00Z", prev: "ab", op: op)).utf8)
    }
  }

  @Test func eventLinesAgree() {
    for line in eventLines() {
      let fast = FastEventDecoder.decode(line[...])
      #expect(fast != nil && fast == generalEvent(line), "\(String(decoding: line, as: UTF8.self))")
    }
    var rng = Synthetic.Rng(seed: 11)
    var accepted = 0
    for _ in 0..<4000 {
      var bytes = eventLines().randomElement(using: &rng)!
      let k = Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: bytes.remove(at: k)
      case 1: bytes[k] = [UInt8(ascii: "0"), UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "n"), 0x5C, 0xFF].randomElement(using: &rng)!
      default: bytes.insert([UInt8(ascii: " "), UInt8(ascii: "1"), UInt8(ascii: "}")].randomElement(using: &rng)!, at: k)
      }
      if let fast = FastEventDecoder.decode(bytes[...]) {
        accepted += 1
        #expect(fast == generalEvent(bytes), "\(String(decoding: bytes, as: UTF8.self))")
      }
    }
    #expect(accepted > 0)
  }

  @Test func utf8CheckAgreesWithTheStandardLibrary() {
    var rng = Synthetic.Rng(seed: 3)
    let interesting: [UInt8] = [0xEF, 0xBF, 0xBD, 0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x90, 0xA0, 0x9F]
    for _ in 0..<50_000 {
      let bytes = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
        Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
      }
      let ours = bytes.withUnsafeBufferPointer { Reader.decodeUTF8($0, 0..<bytes.count) }
      #expect(ours == String(validating: bytes, as: UTF8.self), "\(bytes)")
    }
  }
}
