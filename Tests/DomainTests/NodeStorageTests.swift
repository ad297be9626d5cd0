import Testing

@testable import Domain

/// A node is laid out small (titles in arenas, rare fields in one shared
/// box) but must behave as the plain value it was.
@Suite struct NodeStorageTests {
  @Test func aNodeIsSmall() {
    #expect(MemoryLayout<Node>.stride <= 32)
    #expect(MemoryLayout<NodeTexts>.size <= 17)
    #expect(MemoryLayout<CompactText>.stride == 16)
    #expect(MemoryLayout<Activity>.stride <= 32)
  }

  /// Each rare field alone, any two together, and back: the node reads
  /// what was set, and equals a node made with the same fields at once.
  @Test func rareFieldsInEveryForm() {
    let plain = Node(id: "n1", kind: .item, title: "清理卫生死角")
    let quota = Quota(target: 12, perMonth: 1, activities: [Activity(id: "a1", date: Day(iso: "2022-05-01")!)])
    let site = Site(address: "人民路1号")
    let sets: [(String, (inout Node) -> Void)] = [
      ("note", { $0.note = "每周一次" }),
      ("support", { $0.support = ["u2", "u3"] }),
      ("quota", { $0.quota = quota }),
      ("site", { $0.site = site }),
      ("problems", { $0.problems = [Problem(id: "p1", text: "垃圾未清")] }),
      ("flags", { $0.flags = [.needsEvidence, .ongoing, .ongoing] }),
      ("indicator", { $0.indicator = Indicator(unit: "%", baseline: "80", target: "95", attribute: .binding) }),
    ]
    for (a, setA) in sets {
      var one = plain
      setA(&one)
      for (b, setB) in sets {
        var two = one
        setB(&two)
        #expect(two.note == (a == "note" || b == "note" ? "每周一次" : ""), "\(a) \(b)")
        #expect(two.support == (a == "support" || b == "support" ? ["u2", "u3"] : []), "\(a) \(b)")
        #expect(two.quota == (a == "quota" || b == "quota" ? quota : nil), "\(a) \(b)")
        #expect(two.hasQuota == (two.quota != nil) && two.activities == (two.quota?.activities ?? []))
        #expect(two.site == (a == "site" || b == "site" ? site : nil), "\(a) \(b)")
        #expect(two.flags == (a == "flags" || b == "flags" ? [.ongoing, .needsEvidence] : []), "\(a) \(b)")
        #expect(two.has(.ongoing) == (a == "flags" || b == "flags"))
        #expect(two.needsRectification == (a == "problems" || b == "problems"), "\(a) \(b)")
        #expect(two.hasRare)
        // Made at once, or set in the other order: the same node.
        var other = plain
        setB(&other)
        setA(&other)
        #expect(other == two, "\(a) \(b)")
        #expect(Node(id: "n1", kind: .item, title: "清理卫生死角", support: two.support, note: two.note,
                     problems: two.problems, quota: two.quota, indicator: two.indicator, site: two.site).flags.isEmpty)
        // Taken out again, one field at a time, down to the plain node.
        var emptied = two
        emptied.note = ""
        #expect(emptied.support == two.support && emptied.quota == two.quota && emptied.site == two.site)
        emptied.support = []
        emptied.quota = nil
        emptied.site = nil
        emptied.problems = []
        emptied.flags = []
        emptied.indicator = nil
        #expect(emptied == plain && !emptied.hasRare, "\(a) \(b)")
        #expect(one.quota == (a == "quota" ? quota : nil) && one.note == (a == "note" ? "每周一次" : ""))
      }
    }
    // A quota alone, logged to in place; its copy keeps the list it had.
    var station = plain
    station.quota = quota
    let before = station
    station.quota!.activities.append(Activity(id: "a2", date: Day(iso: "2022-06-01")!, count: 3))
    #expect(station.quota?.count == 4 && before.quota?.count == 1)
    station.quota = nil
    #expect(station == plain)
  }

  /// Nodes given one note through a `NoteShare` share its box, and stay
  /// values.
  @Test func sharedNotes() {
    var share = NoteShare()
    var a = Node(id: "a", kind: .item, title: "甲"), b = Node(id: "b", kind: .item, title: "乙")
    share.set("按月报送", of: &a)
    share.set("按月报送", of: &b)
    #expect(a.note == "按月报送" && b.note == "按月报送")
    b.note = "按季报送"
    #expect(a.note == "按月报送" && b.note == "按季报送")
    var c = Node(id: "c", kind: .item, title: "丙", support: ["u1"])
    share.set("按月报送", of: &c)
    #expect(c.note == "按月报送" && c.support == ["u1"])
    share.set("", of: &c)
    #expect(c.note == "" && c.support == ["u1"])
  }

  /// An activity's count and note, whichever way they are kept.
  @Test func activitiesKeepTheirCountAndNote() {
    let day = Day(iso: "2024-03-10")!
    for count in [0, 1, -5, Int(Int32.max), Int(Int32.min), Int(Int32.min) + 1, 1 << 40, -(1 << 48)] {
      for note in ["", "宣讲"] {
        var a = Activity(id: "a", date: day, count: count, note: note)
        #expect(a.count == count && a.note == note && a.id == "a" && a.date == day)
        #expect(a == Activity(id: "a", date: day, count: count, note: note))
        #expect(a != Activity(id: "a", date: day, count: count &+ 1, note: note))
        #expect(a != Activity(id: "a", date: day, count: count, note: note + "了"))
        a.count = 2
        #expect(a.count == 2 && a.note == note)
        a.note = "整理"
        #expect(a.count == 2 && a.note == "整理")
        a.count = count
        #expect(a == Activity(id: "a", date: day, count: count, note: "整理"))
      }
    }
  }

  @Test func wellFormedUTF8IsWhatTheStandardLibraryKeeps() {
    var rng = SystemRandomNumberGenerator()
    // Every short sequence around the boundaries, then random bytes.
    let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
    var samples: [[UInt8]] = []
    for a in interesting {
      samples.append([a])
      for b in interesting {
        samples.append([a, b])
        for c in [0x80, 0xA0, 0xBF, 0x41] as [UInt8] {
          samples.append([a, b, c])
          samples.append([a, b, c, 0x80])
          samples.append([a, b, c, 0x41])
        }
      }
    }
    for _ in 0..<20000 {
      samples.append((0..<Int.random(in: 1...12, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }
    samples.append(Array("创建全国文明城市（第1项）😀".utf8))
    // Longer runs of characters, well-formed or broken, read eight bytes
    // at a time where they can be.
    let pieces: [[UInt8]] = [Array("文".utf8), Array("（".utf8), Array("a".utf8), Array("😀".utf8), Array("é".utf8),
                             [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
                             [0xE4, 0xB8], [0xE4], [0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00]]
    for _ in 0..<20000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 1...14, using: &rng) {
        // Mostly the common ones, so that long runs come up.
        bytes += pieces[Int.random(in: 0..<8, using: &rng) < 6 ? Int.random(in: 0..<3, using: &rng) : Int.random(in: 0..<pieces.count, using: &rng)]
      }
      samples.append(bytes)
    }
    for bytes in samples {
      let kept = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
      let checked = bytes.withUnsafeBufferPointer { TextArena.isWellFormed($0) }
      #expect(checked == kept, "\(bytes.map { String($0, radix: 16) })")
    }
  }

  @Test func textsFromOneArenaKeepTheirBytes() {
    var arena = TextArena(chunkSize: 64)
    var made: [(String, CompactText)] = []
    for k in 0..<500 {
      // Some longer than a chunk: they get a block of their own.
      let s = String(repeating: "文明", count: k % 30) + "\(k)"
      let bytes = Array(s.utf8)
      let t = bytes.withUnsafeBufferPointer { TextArena.isWellFormed($0) ? arena.text(validUTF8: $0) : nil }
      made.append((s, t!))
    }
    for (s, t) in made {
      #expect(t.string == s)
      #expect(t == CompactText(s))
      #expect(t.hashValue == CompactText(s).hashValue)
    }
    #expect(CompactText("") == .empty && CompactText("").isEmpty)
    #expect(CompactText("a") != CompactText("b"))
    let bad: [UInt8] = [0xE6, 0x96]
    #expect(!bad.withUnsafeBufferPointer { TextArena.isWellFormed($0) })
  }

  /// Texts fill one chunk after another; a text longer than a chunk
  /// gets a block of its own, and each is as given.
  @Test func anArenaFillsChunkAfterChunk() {
    var arena = TextArena(chunkSize: 64)
    let texts = (0..<100).map { String(repeating: "文", count: 6) + "\($0 / 10)\($0 % 10)" } + [String(repeating: "明", count: 30)]
    let made = texts.map { arena.text($0) }
    #expect(made.map(\.string) == texts)
  }

  @Test func aNodeIsStillAValue() {
    let plain = Node(id: "n1", kind: .item, title: "清理卫生死角")
    var copy = plain
    copy.note = "每周一次"
    copy.problems.append(Problem(id: "p1", text: "垃圾未清"))
    copy.quota = Quota(target: 12)
    copy.quota!.activities.append(Activity(id: "a1", date: Day(iso: "2022-05-01")!))
    #expect(plain.note.isEmpty && plain.problems.isEmpty && plain.quota == nil)
    #expect(copy.quota?.count == 1 && copy.problems.count == 1 && copy.needsRectification)

    // A second copy shares the box until one of them changes.
    var second = copy
    second.problems[0].state = .fixed
    second.quota!.activities.append(Activity(id: "a2", date: Day(iso: "2022-05-02")!))
    #expect(copy.problems[0].state == .open && copy.quota?.count == 1)
    #expect(second.problems[0].state == .fixed && second.quota?.count == 2 && second.awaitsRecheck)

    // Emptied again, it equals a node that never had them.
    var emptied = copy
    emptied.note = ""
    emptied.problems = []
    emptied.quota = nil
    #expect(emptied == plain)
    #expect(copy != plain)

    var retitled = plain
    retitled.title = "整治占道经营"
    #expect(retitled.title == "整治占道经营" && plain.title == "清理卫生死角")
    var arena = TextArena()
    let texts = arena.nodeTexts(title: "清理卫生死角", id: "n1", parent: nil, lead: nil)
    #expect(Node(texts: texts, kind: .item) == plain)
  }

  /// A node's four texts read back as set, from an arena shared with
  /// other nodes or of their own, however long (past 16 bits, the long
  /// form), empty or absent; each changed alone leaves the others.
  @Test func textsSideBySide() {
    let long = String(repeating: "长", count: 30_000)  // 90,000 bytes
    let cases: [(String, String, String?, String?)] = [
      ("清理卫生死角", "n1", "g1", "u2"), ("", "", nil, nil), ("", "", "", ""), ("标题", "n2", nil, "u1"),
      ("标题", "n3", "g1", nil), (long, "n4", "g1", "u1"), ("t", long, nil, "u1"), ("t", "n5", long, long),
      ("t", "n6", "", long), ("t", String(repeating: "i", count: 254), nil, nil),
      ("t", String(repeating: "i", count: 255), nil, nil), ("t", "n7", String(repeating: "p", count: 255), "u1"),
      (String(repeating: "t", count: 65_534), "n8", nil, String(repeating: "u", count: 256)),
      (String(repeating: "t", count: 65_535), "n9", nil, nil),
    ]
    var arena = TextArena(chunkSize: 64)
    for (title, id, parent, lead) in cases {
      let shared = arena.nodeTexts(title: title, id: id, parent: parent, lead: lead)
      let own = NodeTexts(title: title, id: id, parent: parent, lead: lead)
      for texts in [shared, own] {
        #expect(texts.title.string == title && texts.id == id && texts.parent == parent && texts.lead == lead)
        #expect(texts.hasID(id) && !texts.hasID(id + "x"))
      }
      #expect(shared == own)
      var node = Node(texts: shared, kind: .item)
      #expect(node == Node(id: id, parent: parent, kind: .item, title: title, lead: lead))
      node.parent = "p9"
      #expect(node.parent == "p9" && node.id == id && node.lead == lead && node.title == title)
      node.lead = nil
      node.id = "changed"
      #expect(node.lead == nil && node.id == "changed" && node.parent == "p9" && node.title == title)
      node.title = "新"
      #expect(node.title == "新" && node.id == "changed" && node.parent == "p9")
      #expect(node != Node(texts: shared, kind: .item))
    }
    // Texts differing in one piece only, or split differently, differ.
    #expect(NodeTexts(title: "ab", id: "c", parent: nil, lead: nil) != NodeTexts(title: "a", id: "bc", parent: nil, lead: nil))
    #expect(NodeTexts(title: "a", id: "b", parent: nil, lead: nil) != NodeTexts(title: "a", id: "b", parent: "", lead: nil))
    #expect(NodeTexts(title: "a", id: "b", parent: "", lead: nil) != NodeTexts(title: "a", id: "b", parent: nil, lead: ""))
  }
}
