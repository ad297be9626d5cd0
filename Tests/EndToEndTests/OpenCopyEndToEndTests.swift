import Foundation
import Testing

/// A large plan's copy (`.cache/campaign`), as the real binary writes and
/// reads it: every open in its own process (whose id tables are seeded
/// apart), with journals replayed on top.
@Suite struct OpenCopyEndToEndTests {
  @Test func theCopyShowsWhatTheFileShows() throws {
    let s = Scratch()
    let made = try s.chuangwen(["generate", "ws", "--nodes", "20000", "--devices", "3", "--events", "3000"], device: "office")
    #expect(made.status == 0, "\(made.stderr)")
    let copy = s.path + "/ws/.cache/campaign"
    func outputs() throws -> [String] {
      try [["stats", "ws", "--json"], ["tree", "ws"], ["export", "ws", "--format", "json"]].map { args in
        let r = try s.chuangwen(args, device: "office", today: "2025-06-01")
        #expect(r.status == 0, "\(args) \(r.stderr)")
        return r.stdout
      }
    }
    // The first open reads the JSON and writes the copy; the next read it.
    let fromFile = try outputs()
    #expect(FileManager.default.fileExists(atPath: copy))
    #expect(s.read("ws/.cache/.gitignore") == "*\n")
    let written = try FileManager.default.attributesOfItem(atPath: copy)[.modificationDate] as? Date
    #expect(try outputs() == fromFile)
    #expect(try FileManager.default.attributesOfItem(atPath: copy)[.modificationDate] as? Date == written)

    // Damaged: ignored, the same answers, and written again.
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: copy)))
    bytes[bytes.count / 2] ^= 0x5A
    try Data(bytes).write(to: URL(fileURLWithPath: copy))
    #expect(try outputs() == fromFile)
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) != Data(bytes))

    // campaign.json changed (a compaction folds the journals in): the copy
    // is stale, and what shows is the new file's.
    let compact = try s.chuangwen(["compact", "ws"], device: "office")
    #expect(compact.status == 0, "\(compact.stderr)")
    let afterCompact = try outputs()
    try FileManager.default.removeItem(atPath: s.path + "/ws/.cache")
    #expect(try outputs() == afterCompact)
    // The same plan, its events folded in.
    #expect(afterCompact[1] == fromFile[1])
  }

  /// `compact` takes the plan from its copy when the copy is
  /// campaign.json's (the journals' chains still checked): it writes what
  /// it writes from the file itself.
  @Test func compactWritesFromTheCopyWhatItWritesFromTheFile() throws {
    let s = Scratch()
    let made = try s.chuangwen(["generate", "a", "--nodes", "20000", "--devices", "3", "--events", "3000"], device: "office")
    #expect(made.status == 0, "\(made.stderr)")
    try FileManager.default.copyItem(atPath: s.path + "/a", toPath: s.path + "/b")
    // a opened first, so its copy is campaign.json's; b has none.
    #expect(try s.chuangwen(["stats", "a"], device: "office").status == 0)
    #expect(FileManager.default.fileExists(atPath: s.path + "/a/.cache/campaign"))
    try? FileManager.default.removeItem(atPath: s.path + "/b/.cache")
    for ws in ["a", "b"] {
      let r = try s.chuangwen(["compact", ws], device: "office")
      #expect(r.status == 0, "\(ws): \(r.stderr)")
    }
    // The same but for when each was made.
    func written(_ ws: String) -> String { s.read(ws + "/campaign.json").replacing(/"at": "[^"]*"/, with: "\"at\": \"\"") }
    #expect(written("a").contains("\"compaction\"") && written("a").utf8.count >= 4 << 20)
    #expect(written("a") == written("b"))
  }

  /// The journals' copies (`.cache/journal-<device>`): what shows is what
  /// the lines say, after an edit under the copy, a line appended, or the
  /// copies removed; the dashboard writes them after its first frame.
  @Test func theJournalsCopiesShowWhatTheLinesShow() throws {
    let s = Scratch()
    let made = try s.chuangwen(["generate", "ws", "--nodes", "2000", "--devices", "2", "--events", "8000"], device: "office")
    #expect(made.status == 0, "\(made.stderr)")
    let journal = s.path + "/ws/journal/lap-1.jsonl"
    let copy = s.path + "/ws/.cache/journal-lap-1"
    #expect(try #require(FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) >= 1 << 20)
    func outputs() throws -> [String] {
      try [["stats", "ws", "--json"], ["tree", "ws"], ["export", "ws", "--format", "json"]].map { args in
        let r = try s.chuangwen(args, device: "office", today: "2025-06-01")
        #expect(r.status == 0, "\(args) \(r.stderr)")
        return r.stdout
      }
    }
    func withoutCopies() throws -> [String] {
      for name in try FileManager.default.contentsOfDirectory(atPath: s.path + "/ws/.cache") where name.hasPrefix("journal-") {
        try FileManager.default.removeItem(atPath: s.path + "/ws/.cache/" + name)
      }
      return try outputs()
    }
    // The copy made while the journal lacked its last 50 lines, which
    // are then written again after it: read with it.
    let full = s.read("ws/journal/lap-1.jsonl")
    let lines = full.split(separator: "\n", omittingEmptySubsequences: false)
    let cut = lines.dropLast(51).joined(separator: "\n") + "\n"
    s.write("ws/journal/lap-1.jsonl", cut)
    let shorter = try outputs()
    #expect(FileManager.default.fileExists(atPath: copy))
    do { let holds = try outputs() == shorter; #expect(holds, "check 1") }
    s.write("ws/journal/lap-1.jsonl", full)
    let fromLines = try outputs()
    do { let holds = fromLines != shorter; #expect(holds, "check 2") }
    do { let holds = try withoutCopies() == fromLines; #expect(holds, "check 3") }
    do { let holds = try outputs() == fromLines; #expect(holds, "check 4") }

    // An activity's count changed in place, the file's size kept: the
    // copy no longer covers these bytes, and the change shows.
    var text = full
    let count = try #require(text.range(of: "\"count\": 1}", options: .backwards))
    text.replaceSubrange(count, with: "\"count\": 9}")
    s.write("ws/journal/lap-1.jsonl", text)
    let edited = try outputs()
    do { let holds = edited != fromLines; #expect(holds, "check 5") }
    do { let holds = try withoutCopies() == edited; #expect(holds, "check 6") }

    // A change made on another laptop.
    let node = try #require(s.read("ws/campaign.json").firstMatch(of: /"id": "(s[0-9a-z]+)"/)).1
    let mark = try s.chuangwen(["mark", "ws", String(node), "--status", "done"], device: "lap-9", today: "2025-06-01")
    #expect(mark.status == 0, "\(mark.stderr)")
    let marked = try outputs()
    do { let holds = marked != edited; #expect(holds, "check 7") }
    do { let holds = try withoutCopies() == marked; #expect(holds, "check 8") }

    // The dashboard, without copies, writes them after its first frame.
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    try FileManager.default.removeItem(atPath: copy)
    let tmux = try TmuxSession(command: "\(Binary.path) \(s.path)/ws --device office",
                               environment: ["XDG_CONFIG_HOME": s.path + "/config", "XDG_DATA_HOME": s.path + "/data",
                                             "CHUANGWEN_TODAY": "2025-06-01"])
    #expect(tmux.waitFor("全国文明城市创建"))
    let deadline = Date().addingTimeInterval(20)
    while !FileManager.default.fileExists(atPath: copy) && Date() < deadline { usleep(50_000) }
    #expect(FileManager.default.fileExists(atPath: copy))
    tmux.send("q")
    do { let holds = try outputs() == marked; #expect(holds, "check 9") }
  }
}
