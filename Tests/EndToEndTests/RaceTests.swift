import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import WorkspaceFiles

/// Writers racing on one workspace, as an office sees them: two `mark`s
/// from one laptop, a third from another, a `compact`, a `merge` of a
/// supervisor's copy and an `import`, all started within a few
/// milliseconds of each other, round after round. Every command waits its
/// turn and exits 0; after each round the workspace verifies and holds
/// every change acknowledged.
@Suite(.serialized) struct RaceTests {
  /// Starts the binary, output to /dev/null; does not wait.
  func spawn(_ args: [String], home: String) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, home + "/stderr-\(args[0])", O_WRONLY | O_CREAT | O_APPEND, 0o600)
    let env = Binary.environment(home: home)
    let argv = ([Binary.path] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    _ = posix_spawn(&pid, Binary.path, &actions, nil, argv, envp)
    return pid
  }

  func wait(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status >> 8) & 0xFF
  }

  @Test func everyAcknowledgedChangeSurvivesRacingWriters() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    let lap = s.path + "/lap"
    #expect(try Binary.run(["generate", ws, "--nodes", "300"], home: s.path).status == 0)
    try FileManager.default.copyItem(atPath: ws, toPath: lap)
    let ids = try Workspace.open(ws).campaign.nodes.map(\.id)
    // The supervisor's copy writes its own nodes; the racing marks others.
    let theirs = Array(ids.prefix(50))
    let ours = Array(ids.dropFirst(50))
    var rng = Synthetic.Rng(seed: 12)
    var expected: [String: String] = [:]
    var imported: [String] = []
    let rounds = 200
    for round in 0..<rounds {
      // The supervisor works on in their copy between merges.
      if round % 3 == 0 {
        let node = theirs[round % theirs.count]
        try Workspace.open(lap).append(.set(node: node, field: .note, value: .text("督查\(round)")),
                                       device: "lap-m", user: "李", at: "t")
        expected[node] = "督查\(round)"
      }
      var runs: [(args: [String], pid: pid_t)] = []
      func start(_ args: [String]) {
        usleep(UInt32(rng.next() % 15_000))
        runs.append((args, spawn(args, home: s.path)))
      }
      var marks: [String: String] = [:]
      for (k, device) in ["lap-1", "lap-1", "lap-2"].enumerated() {
        let node = ours[(round * 3 + k) % ours.count]
        marks[node] = "第\(round)轮\(k)"
        start(["mark", ws, node, "--note", "第\(round)轮\(k)", "--device", device, "--user", "王"])
      }
      start(["compact", ws] + (round % 4 == 3 ? ["--keep-journals"] : []))
      if round % 3 == 0 { start(["merge", ws, lap]) }
      if round % 10 == 0 {
        let csv = s.path + "/rows\(round).csv"
        let title = "导入第\(round)轮"
        try Data("序号,工作任务,牵头单位,完成时限\n1,\(title),市文明办,2023-06-30\n".utf8)
          .write(to: URL(fileURLWithPath: csv))
        imported.append(title)
        start(["import", ws, csv, "--device", "lap-1"])
      }
      for run in runs {
        let status = wait(run.pid)
        // What the commands of its name said, for the message.
        let said = status == 0 ? "" : (try? String(contentsOfFile: s.path + "/stderr-" + run.args[0], encoding: .utf8)) ?? ""
        #expect(status == 0, "round \(round): \(run.args.joined(separator: " ")) exited \(status): \(said.suffix(600))")
      }
      for (node, note) in marks { expected[node] = note }
      let opened = try Workspace.open(ws, verify: true)
      for (node, note) in expected {
        #expect(opened.campaign.node(node)?.note == note, "round \(round): lost the note on \(node)")
      }
      let titles = Set(opened.campaign.nodes.map(\.title))
      for title in imported { #expect(titles.contains(title), "round \(round): lost the import \(title)") }
      if expected.contains(where: { opened.campaign.node($0.key)?.note != $0.value }) { break }
    }
    #expect(try Binary.run(["verify", ws], home: s.path).status == 0)
    #expect(try Binary.run(["validate", ws], home: s.path).status == 0)
  }

  /// Waiting has a limit, and the message names who holds the workspace.
  @Test func aWriterThatWaitsTooLongNamesTheHolder() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia"], home: s.path).status == 0)
    let holder = try Workspace.open(ws, lock: LockRequest(command: "dashboard", wait: 0, at: "2026-11-30T09:00:00Z"))
    let started = Date()
    let r = try Binary.run(["mark", ws, "1", "--status", "done", "--wait", "0.5"], home: s.path)
    #expect(r.status == 75)
    #expect(Date().timeIntervalSince(started) >= 0.5)
    #expect(r.stderr.contains("dashboard (pid \(getpid()), since 2026-11-30T09:00:00Z)"), "\(r.stderr)")
    let zh = try Binary.run(["mark", ws, "1", "--status", "done", "--wait", "0"], home: s.path)
    #expect(zh.status == 75)
    // Bad values are usage errors.
    for bad in ["-1", "soon", "nan"] {
      #expect(try Binary.run(["mark", ws, "1", "--status", "done", "--wait", bad], home: s.path).status == 64)
    }
    _ = holder
    #expect(try FileManager.default.contentsOfDirectory(atPath: ws + "/journal").isEmpty)
  }

  /// `--wait` alone waits until the holder lets go.
  @Test func aBareWaitWaitsUntilFree() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia"], home: s.path).status == 0)
    var holder: Workspace? = try Workspace.open(ws, lock: LockRequest(command: "dashboard", wait: 0, at: "t"))
    let pid = spawn(["mark", ws, "1", "--wait", "--status", "done"], home: s.path)
    usleep(1_500_000)
    #expect(kill(pid, 0) == 0, "mark should still be waiting")
    holder = nil
    #expect(wait(pid) == 0)
    #expect(try Workspace.open(ws).campaign.nodes[0].status == .done)
    _ = holder
  }
}
