import Domain
import Foundation
import Testing
@testable import WorkspaceFiles

/// The one reader of campaign.json and journal lines (`CampaignReader`)
/// against the general reader chuangwen had before (ReferenceReader.swift):
/// the same campaign from every file that one accepts, and an error from
/// every file it refuses; through a window, and by two threads, the same
/// answer, errors included.
@Suite struct ReaderTests {
  func general(_ bytes: [UInt8]) -> Campaign? { Reference.campaign(bytes) }

  func one(_ bytes: [UInt8]) -> Campaign? { try? CampaignReader.decode(bytes) }

  /// The campaign, or the error as `file:line:col: message` reads it.
  func outcome(_ bytes: [UInt8]) -> String {
    do {
      let c = try CampaignReader.decode(bytes)
      return "read \(c.nodes.count) nodes, \(CampaignCodec.encode(c).hashValue)"
    } catch {
      let (l, col) = SourceLocator(bytes).location(of: error.offset)
      return "\(l):\(col): \(error.message)"
    }
  }

  func outcome(file path: String, window: Int, lookahead: Int, twoThreadsFrom: Int = CampaignReader.twoThreadsFrom) -> String {
    do {
      guard let c = try CampaignReader.decode(file: path, window: window, lookahead: lookahead, twoThreadsFrom: twoThreadsFrom) else {
        return "no file"
      }
      return "read \(c.nodes.count) nodes, \(CampaignCodec.encode(c).hashValue)"
    } catch {
      guard case .invalid(let d) = error, let first = d.first else { return "\(error)" }
      return "\(first.line ?? 0):\(first.column ?? 0): \(first.message)"
    }
  }

  /// Supporting units repeated among nearby nodes (read into one shared
  /// list, `SupportShare`), written with and without spaces, and lists
  /// that share a slot of its table: each node keeps its own units.
  @Test func repeatedSupportingUnits() {
    var rng = Synthetic.Rng(seed: 3)
    let lists = [["u1"], ["u1", "u2"], ["u2", "u1"], ["u3"], ["u1", "u2", "u3"], [], ["u12"], ["u2"]]
    var lines: [String] = []
    var expected: [[String]] = []
    for k in 0..<600 {
      let list = lists[Int.random(in: 0..<lists.count, using: &rng)]
      let gap = Bool.random(using: &rng) ? " " : ""
      let written = "[" + list.map { "\"\($0)\"" }.joined(separator: "," + gap) + "]"
      lines.append("{\"id\": \"n\(k)\", \"kind\": \"task\", \"title\": \"t\", \"support\": \(written)}")
      expected.append(list)
    }
    let bytes = Array("{\"schema\": 1, \"title\": \"c\", \"units\": [], \"nodes\": [\(lines.joined(separator: ",\n"))]}".utf8)
    let c = one(bytes)
    #expect(c?.nodes.map(\.support) == expected)
    #expect(c == general(bytes))
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
    // A space before each ':', as no writer of ours puts it: member names
    // matched byte by byte, not as written (`Reader.writtenMember`).
    var spaced: [UInt8] = []
    for b in CampaignCodec.encode(Synthetic.campaign(nodes: 50, seed: 4)).utf8 {
      if b == UInt8(ascii: ":") && spaced.last == 0x22 { spaced.append(0x20) }
      spaced.append(b)
    }
    out.append(spaced)
    out.append(Array(CampaignCodec.encode(ReaderTests.oddTexts()).utf8))
    return out
  }

  /// Nodes whose texts take every form a node's arena has (`NodeTexts`):
  /// ids, parents, leads and titles past 65,535 bytes, escaped, not
  /// ASCII, empty.
  static func oddTexts() -> Campaign {
    let long = String(repeating: "长", count: 25_000)  // 75,000 bytes
    let longID = String(repeating: "x", count: 70_000)
    var c = Sample.campaign()
    c.units.append(Unit(id: longID, name: "长单位"))
    c.units.append(Unit(id: "单位\"引号\\", name: "引号单位"))
    let nodes = [
      Node(id: longID, kind: .group, title: long, lead: longID),
      Node(id: "子\"节点\\\n", parent: longID, kind: .task, title: "", lead: "单位\"引号\\"),
      Node(id: "孙", parent: "子\"节点\\\n", kind: .item, title: "标题\u{1}\"", lead: nil),
      Node(id: "", parent: "孙", kind: .item, title: long),
    ]
    for n in nodes { c.apply(.addNode(node: n, after: nil)) }
    return c
  }

  /// Those texts read back as they were, and written again byte for
  /// byte the same.
  @Test func oddTextsRoundTrip() throws {
    let c = ReaderTests.oddTexts()
    let text = CampaignCodec.encode(c)
    let read = try CampaignReader.decode(Array(text.utf8))
    #expect(read == c)
    #expect(CampaignCodec.encode(read) == text)
    let longID = String(repeating: "x", count: 70_000)
    let top = try #require(read.position(of: longID))
    #expect(read.nodes[top].lead == longID && read.nodes[top].title.utf8.count == 75_000)
    let child = try #require(read.position(of: "子\"节点\\\n"))
    #expect(read.parent(of: child) == top && read.nodes[child].title.isEmpty)
    #expect(read.nodes[child].lead == "单位\"引号\\")
    // Every lead and parent found; only the long titles break a rule.
    #expect(read.structuralIssues().map(\.field) == ["title", "title"])
  }

  @Test func agreesOnEveryGoodFile() throws {
    for bytes in samples() {
      let fast = one(bytes)
      #expect(fast != nil)
      #expect(fast == general(bytes))
    }
  }

  /// Damaged files: the one reader refuses exactly what the general one
  /// refused, and reads the same campaign from the rest.
  @Test func refusesWhatTheGeneralReaderRefused() {
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
      let fast = one(bytes)
      if fast != nil { accepted += 1 }
      let same = fast == general(bytes)
      #expect(same, "\(fast == nil ? "refused" : "read") what the general reader \(fast == nil ? "read" : "refused or read otherwise"): \(outcome(bytes))")
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
      let whole = outcome(bytes)
      for (window, lookahead) in [(16, 4), (64, 32), (1000, 100), (4096, 4096), (1 << 22, 1 << 20)] {
        let windowed = outcome(file: path, window: window, lookahead: lookahead)
        #expect(windowed == whole, "window \(window), lookahead \(lookahead), file of \(bytes.count) bytes")
      }
    }
    #expect(outcome(file: folder.file("missing.json"), window: 4096, lookahead: 1024) == "no file")
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
      let one = outcome(bytes)
      for (window, lookahead) in [(4096, 1024), (1 << 22, 1 << 20)] {
        let two = outcome(file: path, window: window, lookahead: lookahead, twoThreadsFrom: 0)
        #expect(one == two, "file \(n), window \(window)")
      }
    }
    #expect(self.one(Array(files[0].utf8)) == c)
    // Our own layout is read by both halves, joined; one line is not.
    for (n, joins) in [(0, true), (2, false)] {
      _ = FileManager.default.createFile(atPath: path, contents: Data(files[n].utf8))
      let w = try #require(FileWindow(path: path, size: 4096))
      let two = CampaignReader.decodeInTwo(path, w, lookahead: 1024)
      #expect(two?.joined == (joins ? true : nil), "file \(n)")
    }
  }

  func generalEvent(_ bytes: [UInt8]) -> Event? { Reference.event(bytes) }

  func oneEvent(_ bytes: [UInt8]) -> Event? { try? CampaignReader.event(bytes) }

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
      let fast = oneEvent(line)
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
      let fast = oneEvent(bytes)
      if fast != nil { accepted += 1 }
      #expect(fast == generalEvent(bytes), "\(String(decoding: bytes, as: UTF8.self))")
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

/// A journal read by two threads, one from each half, and a window at a
/// time, gives what one thread reading it whole gives: the events, their
/// lines, every diagnostic in order, a half-written last line, folded
/// lines, the keys and signatures.
@Suite struct JournalReaderTests {
  func read(_ path: String, base: Compaction.Mark?, verify: Bool, twoThreadsFrom: Int,
            window: Int = 1 << 30) throws -> (JournalFile, [Diagnostic]) {
    var d: [Diagnostic] = []
    let f = try Journal.read(path: path, displayPath: path, device: "lap", base: base, verify: verify,
                             diagnostics: &d, twoThreadsFrom: twoThreadsFrom, window: window)
    return (f, d)
  }

  @Test func twoThreadsReadAsOne() throws {
    var events: [Event] = []
    for k in 1...3000 {
      events.append(Event(device: "lap", seq: k, clock: k, user: "王", at: "2022-06-01T08:00:00Z",
                          op: .set(node: "t\(k % 7)", field: .note, value: .text("第\(k)次 " + String(repeating: "记", count: k % 50)))))
    }
    let good = Journal.chain(events)
    var lines = good.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    lines.removeLast()
    let folder = TempFolder()
    let path = folder.file("lap.jsonl")
    // Signed: the key on the first line, a signature on each; the last
    // line's changed after signing, then another's.
    var signed = Journal.chain(events, key: DeviceKey.ephemeral()).split(separator: 0x0A).map(Array.init)
    // The digit after 第 in a line's note, changed.
    func edit(_ line: inout [UInt8]) {
      let at = (0..<line.count - 3).first { line[$0] == 0xE7 && line[$0 + 1] == 0xAC && line[$0 + 2] == 0xAC }! + 3
      line[at] = line[at] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
    }
    edit(&signed[signed.count - 1])
    var editedEarlier = signed
    edit(&editedEarlier[1700])
    var variants: [[UInt8]] = [good, Array(good.dropLast(30)),
                               Array(signed.joined(separator: [0x0A])) + [0x0A],
                               Array(editedEarlier.joined(separator: [0x0A])) + [0x0A],
                               Array(repeating: 0x0A, count: 500) + good]
    for cut in [5, 1499, 1500, 1501, 2999] {
      var damaged = lines
      damaged[cut] = Array(damaged[cut].prefix(40)) + Array("x\"}".utf8)
      damaged[cut / 2].swapAt(10, 11)
      variants.append(Array(damaged.joined(separator: [0x0A])) + [0x0A])
      variants.append(Array(damaged.joined(separator: [0x0A])))
    }
    let base = Compaction.Mark(seq: 40, hash: Journal.hash(lines[39]))
    for (n, bytes) in variants.enumerated() {
      #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      for (mark, verify) in [(nil, true), (base, true), (nil, false)] as [(Compaction.Mark?, Bool)] {
        let (one, d1) = try read(path, base: mark, verify: verify, twoThreadsFrom: .max)
        // Two threads, whole; and windows of 4 KB, of 1,000 bytes (less
        // than some lines) and of 50, one thread or two.
        for (from, window) in [(0, 1 << 30), (.max, 4096), (0, 4096), (.max, 1000), (0, 1000), (0, 50)] {
          let (two, d2) = try read(path, base: mark, verify: verify, twoThreadsFrom: from, window: window)
          let how = "variant \(n), \(from == 0 ? "two threads" : "one"), window \(window), verify \(verify)"
          #expect(one.events == two.events && one.lines == two.lines, "\(how)")
          #expect(one.size == two.size && one.repairAt == two.repairAt && one.missingNewline == two.missingNewline
                  && one.lastHash == two.lastHash && one.key == two.key && one.signedFrom == two.signedFrom, "\(how)")
          #expect(d1 == d2, "\(how)")
        }
        if n == 0 { #expect(one.events.map(\.seq) == Array((mark == nil ? 1 : 41)...3000) && d1.isEmpty) }
        if n == 1 { #expect(one.repairAt != nil && d1.count == 1 && d1[0].severity == .warning) }
        if n == 2 && verify && mark == nil {
          #expect(d1.count == 1 && d1[0].line == 3000 && d1[0].message.contains("signature does not hold"), "\(d1)")
        }
        if n == 3 && verify && mark == nil { #expect(d1.contains { $0.line == 1701 } && d1.contains { $0.line == 3000 }, "\(d1)") }
        if n == 4 { #expect(d1.count == 500 && one.events.count == (mark == nil ? 3000 : 2960)) }
        if n >= 5 { #expect(d1.contains { $0.severity == .error }, "variant \(n)") }
      }
    }
  }

  /// Several journals, whole ones on each of two threads, give what they
  /// give read one after another: each file's events and diagnostics, in
  /// the order asked, and the same error from one that cannot be read.
  @Test func journalsSharedByTwoThreadsReadAsOneByOne() throws {
    let folder = TempFolder()
    var jobs: [Journal.Job] = []
    for (n, device) in ["a", "b", "c", "d", "e"].enumerated() {
      var events: [Event] = []
      for k in 1...(200 * (n + 1)) {
        events.append(Event(device: device, seq: k, clock: 3 * k + n, user: "王", at: "2022-06-01T08:00:00Z",
                            op: .set(node: "t\(k % 7)", field: .note, value: .text("第\(k)次"))))
      }
      var bytes = Journal.chain(events)
      if n == 1 { bytes.removeLast(20) }  // half-written last line
      if n == 3 { bytes[bytes.firstIndex(of: 0x0A)! + 1] = UInt8(ascii: "x") }  // a damaged line
      let path = folder.file(device + ".jsonl")
      #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      jobs.append(Journal.Job(path: path, device: device, base: nil, size: bytes.count))
    }
    for verify in [true, false] {
      let one = try Journal.read(jobs, verify: verify, twoThreadsFrom: .max)
      let two = try Journal.read(jobs, verify: verify, twoThreadsFrom: 0)
      #expect(one.map(\.file.events) == two.map(\.file.events) && one.map(\.file.lines) == two.map(\.file.lines))
      #expect(one.map(\.diagnostics) == two.map(\.diagnostics))
      #expect(one[1].diagnostics.count == 1 && one[3].diagnostics.contains { $0.severity == .error })
    }
    // A journal that is a link is refused, by either path alike.
    let link = folder.file("f.jsonl")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: jobs[0].path)
    let linked = jobs + [Journal.Job(path: link, device: "f", base: nil, size: 0)]
    var errors: [String] = []
    for from in [Int.max, 0] {
      do {
        _ = try Journal.read(linked, verify: false, twoThreadsFrom: from)
      } catch {
        errors.append("\(error)")
      }
    }
    #expect(errors.count == 2 && errors[0] == errors[1])
  }
}
