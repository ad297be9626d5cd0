import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import WorkspaceFiles

/// A power cut, as near as a test gets: the real binary (or the harness's
/// `stress`, which writes through the same library) killed with SIGKILL
/// at random moments while it writes. After every kill the workspace opens
/// and validates, and holds every change acknowledged before the kill.
@Suite(.serialized) struct CrashTests {
  /// Starts the binary (the harness for `stress`) with standard output to
  /// `output`; does not wait.
  func spawn(_ args: [String], output: String, home: String, executable: String = Binary.path) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let env = Binary.environment(home: home)
    let argv = ([executable] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let failed = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    // Never hand back 0: kill(0, …) would kill the test runner's group.
    precondition(failed == 0 && pid > 0, "cannot start \(executable): \(String(cString: strerror(failed)))")
    return pid
  }

  /// Kills after `micros` microseconds (or lets it finish first); true
  /// when the kill cut the process off.
  @discardableResult
  func kill(_ pid: pid_t, after micros: UInt32) -> Bool {
    usleep(micros)
    Glibc.kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status & 0x7F) == SIGKILL
  }

  /// What users see, without the bookkeeping.
  func shown(_ dir: String) throws -> String {
    var c = try Workspace.open(dir, verify: true).campaign
    c.stamps = [:]
    c.compaction = nil
    return CampaignCodec.encode(c)
  }

  @Test func acknowledgedChangesSurviveKills() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia"], home: s.path).status == 0)
    var rng = Synthetic.Rng(seed: 99)
    var acknowledged = Set<Int>()
    var next = 1
    var cut = 0
    for _ in 0..<120 {
      let out = s.path + "/acks"
      let pid = spawn(["stress", ws, "--from", "\(next)", "--count", "400", "--device", "lap-k", "--user", "测试"],
                      output: out, home: s.path, executable: Binary.harness)
      if kill(pid, after: UInt32.random(in: 10_000...90_000, using: &rng)) { cut += 1 }
      let acks = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
      for line in acks.split(separator: "\n") where line.hasPrefix("ok ") { acknowledged.insert(Int(line.dropFirst(3))!) }
      next += 400
      // Sound after every kill (a half-written last line is a warning, and
      // is cut off at the next write), with every acknowledged change.
      let opened = try Workspace.open(ws, verify: true)
      let notes = Set(opened.events(ofDevice: "lap-k").compactMap { e -> Int? in
        guard case .set(_, .note, .text(let t)) = e.op else { return nil }
        return Int(t.dropFirst().dropLast())
      })
      #expect(acknowledged.isSubset(of: notes), "lost: \(acknowledged.subtracting(notes).sorted().prefix(5))")
    }
    #expect(cut > 60 && acknowledged.count > 100, "the kills should cut most runs mid-way (\(cut), \(acknowledged.count))")
    #expect(try Binary.run(["validate", ws], home: s.path).status == 0)
  }

  @Test func compactionAndMergeSurviveKills() throws {
    let s = Scratch()
    let office = s.path + "/office"
    let laptop = s.path + "/laptop"
    #expect(try Binary.run(["generate", laptop, "--nodes", "300", "--devices", "6", "--events", "2000"], home: s.path).status == 0)
    #expect(try Binary.run(["generate", office, "--nodes", "300"], home: s.path).status == 0)
    // The state a merge must reach, whatever is cut off on the way.
    let reference = s.path + "/reference"
    #expect(try Binary.run(["generate", reference, "--nodes", "300"], home: s.path).status == 0)
    #expect(try Binary.run(["merge", reference, laptop], home: s.path).status == 0)
    let target = try shown(reference)
    var rng = Synthetic.Rng(seed: 7)
    for _ in 0..<40 {
      let pid = spawn(["merge", office, laptop], output: "/dev/null", home: s.path)
      kill(pid, after: UInt32.random(in: 10_000...150_000, using: &rng))
      _ = try Workspace.open(office, verify: true)
    }
    #expect(try Binary.run(["merge", office, laptop], home: s.path).status == 0)
    #expect(try shown(office) == target)
    // Compaction cut off anywhere leaves the same state, compacted or not.
    for k in 0..<40 {
      let pid = spawn(["compact", office] + (k % 2 == 0 ? [] : ["--keep-journals"]), output: "/dev/null", home: s.path)
      kill(pid, after: UInt32.random(in: 10_000...150_000, using: &rng))
      #expect(try shown(office) == target)
    }
    // And the laptop still merges into the compacted office, and back.
    #expect(try Binary.run(["merge", office, laptop], home: s.path).status == 0)
    #expect(try Binary.run(["merge", laptop, office], home: s.path).status == 0)
    #expect(try shown(office) == target && shown(laptop) == target)
  }

  @Test func importSurvivesKills() throws {
    let s = Scratch()
    let source = s.path + "/source"
    let ws = s.path + "/ws"
    #expect(try Binary.run(["generate", source, "--nodes", "400"], home: s.path).status == 0)
    #expect(try Binary.run(["export", source, "--format", "csv", "-o", s.path + "/plan.csv"], home: s.path).status == 0)
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    var rng = Synthetic.Rng(seed: 5)
    var finished = 0
    for _ in 0..<10 {
      let out = s.path + "/out"
      let pid = spawn(["import", ws, s.path + "/plan.csv"], output: out, home: s.path)
      let cut = kill(pid, after: UInt32.random(in: 10_000...150_000, using: &rng))
      let opened = try Workspace.open(ws, verify: true)
      // An import that said it was done is all there.
      if !cut, ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").contains("400") {
        finished += 1
        #expect(opened.campaign.nodes.count >= 400 * finished)
      }
    }
    #expect(try Binary.run(["validate", ws], home: s.path).status == 0)
  }
}
