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
}
