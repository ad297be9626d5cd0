import Testing

@testable import Domain

/// A node is laid out small (titles in arenas, rare fields in one shared
/// box) but must behave as the plain value it was.
@Suite struct NodeStorageTests {
  @Test func aNodeIsSmall() {
    #expect(MemoryLayout<Node>.stride <= 80)
    #expect(MemoryLayout<CompactText>.stride == 16)
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
      let t = bytes.withUnsafeBufferPointer { arena.text(utf8: $0) }
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
    #expect(bad.withUnsafeBufferPointer { arena.text(utf8: $0) } == nil)
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
    #expect(Node(id: "n1", kind: .item, titleText: CompactText("清理卫生死角")) == plain)
  }
}
