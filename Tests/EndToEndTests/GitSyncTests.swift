import Foundation
import Testing

/// git as the sync engine: each laptop appends only to its own journal, so
/// pulls never conflict, and every clone ends with the same state.
@Suite struct GitSyncTests {
  func git(_ args: [String], in dir: String) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git"] + args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    var env = ProcessInfo.processInfo.environment
    env["GIT_AUTHOR_NAME"] = "督查"
    env["GIT_AUTHOR_EMAIL"] = "dc@example.invalid"
    env["GIT_COMMITTER_NAME"] = "督查"
    env["GIT_COMMITTER_EMAIL"] = "dc@example.invalid"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["HOME"] = dir
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @discardableResult
  func ok(_ args: [String], in dir: String) throws -> String {
    let (status, out) = try git(args, in: dir)
    #expect(status == 0, "git \(args.joined(separator: " ")): \(out)")
    return out
  }

  /// Issue 18 by git: an order placed at the station's clone, sent on by
  /// the office's, done by the team's, with a photo; every clone agrees
  /// and holds the photo, checked by `verify`.
  @Test func ordersAndEvidenceTravelByGit() throws {
    let s = Scratch()
    let hub = s.path + "/hub.git"
    try ok(["init", "-q", "--bare", "-b", "main", hub], in: s.path)
    let office = s.path + "/office"
    #expect(try Binary.run(["init", office, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    try ok(["init", "-q", "-b", "main"], in: office)
    try ok(["add", "-A"], in: office)
    try ok(["commit", "-q", "-m", "创文工作区"], in: office)
    try ok(["push", "-q", hub, "main"], in: office)
    try ok(["remote", "add", "origin", hub], in: office)
    for n in ["station", "team"] { try ok(["clone", "-q", hub, s.path + "/" + n], in: s.path) }
    func run(_ who: String, _ args: [String]) throws -> Binary.Result {
      let r = try Binary.run([args[0], s.path + "/" + who] + args.dropFirst() + ["--device", who], home: s.path)
      #expect(r.status == 0, "\(who) \(args): \(r.stderr)")
      return r
    }
    func sync(_ who: String) throws {
      let dir = s.path + "/" + who
      try ok(["add", "-A"], in: dir)
      _ = try git(["commit", "-q", "-m", "\(who)"], in: dir)
      try ok(["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"], in: dir)
      try ok(["push", "-q", "origin", "main"], in: dir)
    }
    let id = String(try run("station", ["order", "add", "--at", "3.1.1.1.1", "--what", "义诊"]).stdout.prefix { $0 != " " })
    try sync("station")
    try sync("office")
    _ = try run("office", ["order", "dispatch", id, "--team", "3.2.1"])
    try sync("office")
    try sync("team")
    _ = try run("team", ["order", "accept", id])
    _ = try run("team", ["order", "done", id, "--note", "义诊30人"])
    s.write("义诊.jpg", "\u{FF}\u{D8} photo")
    _ = try run("team", ["attach", "3.1.1.1.1", s.path + "/义诊.jpg", "--order", id, "--caption", "6月 义诊现场"])
    try sync("team")
    for n in ["office", "station"] { try sync(n) }
    let lists = try ["office", "station", "team"].map { try run($0, ["order", "list", "--format", "csv"]).stdout }
    #expect(lists.allSatisfy { $0 == lists[0] && $0.contains("已完成") }, "\(lists)")
    for n in ["office", "station", "team"] {
      let r = try run(n, ["verify"])
      #expect(r.stdout.contains("佐证材料：1 份，文件齐全"), "\(n): \(r.stdout)")
    }
  }

  @Test func threeClonesPushAndPullInAnyOrderAndAgree() throws {
    let s = Scratch()
    let hub = s.path + "/hub.git"
    try ok(["init", "-q", "--bare", "-b", "main", hub], in: s.path)
    let seed = s.path + "/seed"
    #expect(try Binary.run(["init", seed, "--template", "golmud"], home: s.path).status == 0)
    try ok(["init", "-q", "-b", "main"], in: seed)
    try ok(["add", "-A"], in: seed)
    try ok(["commit", "-q", "-m", "创文工作区"], in: seed)
    try ok(["push", "-q", hub, "main"], in: seed)

    let names = ["office", "lap-a", "lap-b"]
    for n in names { try ok(["clone", "-q", hub, s.path + "/" + n], in: s.path) }
    func mark(_ who: String, _ node: String, _ status: String) throws {
      let r = try Binary.run(["mark", s.path + "/" + who, node, "--status", status, "--device", who, "--user", who],
                             home: s.path)
      #expect(r.status == 0, "\(r.stderr)")
    }
    func sync(_ who: String) throws {
      let dir = s.path + "/" + who
      try ok(["add", "-A"], in: dir)
      _ = try git(["commit", "-q", "-m", "\(who) 的督查记录"], in: dir)
      try ok(["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"], in: dir)
      try ok(["push", "-q", "origin", "main"], in: dir)
    }
    // Different and overlapping items, synced in a scrambled order.
    try mark("lap-a", "1.1", "done")
    try mark("lap-b", "1.1", "doing")
    try mark("office", "2", "doing")
    try sync("lap-b")
    try mark("lap-a", "3.1", "done")
    try sync("lap-a")
    try sync("office")
    // The office compacts mid-week; with git the journals are kept, so
    // nobody's next pull conflicts.
    let compacted = try Binary.run(["compact", s.path + "/office", "--keep-journals", "--user", "office"], home: s.path)
    #expect(compacted.status == 0, "\(compacted.stderr)")
    try sync("office")
    try mark("lap-b", "2.1", "done")
    try sync("lap-b")
    for n in ["lap-a", "office", "lap-b", "lap-a"] { try sync(n) }

    var states: [String] = []
    for n in names {
      let r = try Binary.run(["tree", s.path + "/" + n, "--today", "2022-06-01"], home: s.path)
      #expect(r.status == 0)
      states.append(r.stdout)
      let v = try Binary.run(["verify", s.path + "/" + n], home: s.path)
      #expect(v.status == 0, "\(v.stderr)")
    }
    #expect(Set(states).count == 1, "\(states)")
    // No merge ever conflicted: every journal is a file of its own.
    let files = try FileManager.default.contentsOfDirectory(atPath: s.path + "/office/journal").sorted()
    #expect(files == ["lap-a.jsonl", "lap-b.jsonl", "office.jsonl"])
  }

  @Test func mergeFromFoldersReportsWhatWasNew() throws {
    let s = Scratch()
    let office = s.path + "/office"
    #expect(try Binary.run(["init", office, "--template", "linxia"], home: s.path).status == 0)
    let usb = s.path + "/usb"
    try FileManager.default.copyItem(atPath: office, toPath: usb)
    #expect(try Binary.run(["mark", usb, "1", "--status", "doing", "--device", "lap-c"], home: s.path).status == 0)
    var r = try Binary.run(["merge", office, usb], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("lap-c 新增 1 条变更"))
    r = try Binary.run(["merge", office, usb], home: s.path)
    #expect(r.stdout.contains("没有新的变更"))
    r = try Binary.run(["log", office], home: s.path)
    #expect(r.stdout.contains("lap-c"))
    #expect(r.stdout.contains("状态 → 进行中"))
  }

  @Test func anOldUSBCopyMergesAfterCompaction() throws {
    let s = Scratch()
    let office = s.path + "/office"
    #expect(try Binary.run(["init", office, "--template", "linxia"], home: s.path).status == 0)
    let usb = s.path + "/usb"
    try FileManager.default.copyItem(atPath: office, toPath: usb)
    #expect(try Binary.run(["mark", usb, "1", "--status", "doing", "--device", "lap-c"], home: s.path).status == 0)
    #expect(try Binary.run(["merge", office, usb], home: s.path).status == 0)
    // A supervisor may not compact; a coordinator folds the journals.
    var r = try Binary.run(["compact", office, "--role", "supervisor"], home: s.path)
    #expect(r.status == 77 && r.stderr.contains("coordinator"))
    r = try Binary.run(["compact", office, "--user", "王主任"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("第 1 次压缩：并入 1 条变更"))
    // The laptop went on working on its old copy, then comes back.
    #expect(try Binary.run(["mark", usb, "2", "--status", "done", "--device", "lap-c"], home: s.path).status == 0)
    r = try Binary.run(["merge", office, usb], home: s.path)
    #expect(r.stdout.contains("lap-c 新增 1 条变更"), "\(r.stdout)\(r.stderr)")
    r = try Binary.run(["merge", usb, office], home: s.path)
    #expect(r.stdout.contains("采用其压缩后的快照"), "\(r.stdout)\(r.stderr)")
    let trees = try [office, usb].map { try Binary.run(["tree", $0, "--today", "2022-06-01"], home: s.path).stdout }
    #expect(trees[0] == trees[1] && trees[0].contains("◐ 开展教育宣讲活动"))
    r = try Binary.run(["log", office], home: s.path)
    #expect(r.stdout.contains("王主任") && r.stdout.contains("状态 → 已完成"), "\(r.stdout)")
    #expect(try Binary.run(["verify", office], home: s.path).status == 0)
  }
}
