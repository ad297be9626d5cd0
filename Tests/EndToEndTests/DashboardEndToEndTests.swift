import Domain
import Foundation
import Testing

/// The dashboard as a person uses it, in tmux, checking the screen and the
/// journal on disk.
@Suite(.serialized) struct DashboardEndToEndTests {
  /// Made on the laptop of `creator`, the plan's first coordinator.
  func workspace(_ s: Scratch, template: String = "golmud", creator: String = "office") throws -> String {
    let ws = s.path + "/ws"
    let r = try Binary.run(["init", ws, "--template", template, "--device", creator], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    return ws
  }

  func env(_ s: Scratch) -> [String: String] {
    ["XDG_CONFIG_HOME": s.path + "/config", "XDG_DATA_HOME": s.path + "/data", "CHUANGWEN_TODAY": "2022-06-15"]
  }

  @Test func aSupervisorsRoundTrip() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    let cmd = "\(Binary.path) \(ws) --user 李娜 --device lap-b --role supervisor"
    var t: TmuxSession? = try TmuxSession(command: cmd, environment: env(s))
    let tmux = t!
    guard tmux.waitFor("格尔木市创建全国文明城市") else { return }
    #expect(tmux.screen().contains("李娜 · 督查"))
    // Navigate to 1.2 and mark it done.
    tmux.send("Down", "Down")
    tmux.waitFor("类型   事项")
    tmux.send("x")
    tmux.waitFor("状态   已完成")
    // 1.6: log an activity (the pledges, 0/63 所 → 1/63 所).
    tmux.send("Down", "Down", "Down", "Down", "+")
    tmux.waitFor("1/63 所")
    // A note in Chinese.
    tmux.send("e")
    tmux.waitFor("备注：")
    tmux.type("已与长江源学校签订")
    tmux.send("Enter")
    tmux.waitFor("已与长江源学校签订")
    // Search, then views.
    tmux.send("/")
    tmux.type("实践站 12")
    tmux.send("Enter")
    tmux.waitFor("3.1.1.2.6 新时代文明实践站 12")
    tmux.send("4")
    tmux.waitFor("[红色教育基地]")
    tmux.send("5")
    tmux.waitFor("[文明实践站]")
    tmux.send("1")
    // Undo the note: a new event puts the old (empty) note back.
    tmux.send("u")
    tmux.waitFor("已撤销")
    // Resize down to 20×6 and back: still alive.
    tmux.resize(width: 20, height: 6)
    tmux.resize(width: 100, height: 30)
    tmux.waitFor("格尔木市创建全国文明城市")
    tmux.send("q")
    Thread.sleep(forTimeInterval: 0.5)
    t = nil

    // The journal holds every change, in order, with who and where.
    let journal = s.read("ws/journal/lap-b.jsonl").split(separator: "\n")
    #expect(journal.count == 5)
    #expect(journal.allSatisfy { $0.contains("\"user\": \"李娜\"") && $0.contains("\"device\": \"lap-b\"") })
    #expect(journal[1].contains("activity.add"))
    // The first activity starts the quota's work (issue 15: it stayed 未开始).
    #expect(journal[2].contains("\"field\": \"status\"") && journal[2].contains("\"doing\""))
    #expect(journal[3].contains("已与长江源学校签订"))
    let v = try Binary.run(["verify", ws], home: s.path)
    #expect(v.status == 0, "\(v.stderr)")
    // Reopened, the changes are there.
    let tree = try Binary.run(["tree", ws, "--depth", "2"], home: s.path)
    let line12 = tree.stdout.split(separator: "\n").first { $0.hasPrefix("1.2 ") }
    #expect(line12?.contains("✓ 印发《格尔木市2021年创建全国文明城市工作要点》") == true, "\(tree.stdout)")
    #expect(tree.stdout.contains("1/63 所"))
  }

  /// Work handed off the key path (here every search, filter and list
  /// view: a budget of 5 nodes a key) goes on in slices between keys and
  /// comes back to the screen, under either terminal type; a change made
  /// while a list view's rows are under way is journaled, and the rows
  /// come made from the changed plan.
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func workOffTheKeyPathComesBack(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    var e = env(s)
    e["TERM"] = term
    e["CHUANGWEN_WORK_PER_KEY"] = "5"
    let tmux = try TmuxSession(command: "\(Binary.path) \(ws)", environment: e)
    guard tmux.waitFor("格尔木市创建全国文明城市") else { return }
    // A match far down the tree, found in slices and unfolded.
    tmux.send("/")
    tmux.type("实践站 12")
    tmux.waitFor("3.1.1.2.6 ○ 新时代文明实践站 12")
    // A word no node has: the slices read the whole tree.
    tmux.send("Enter", "/")
    tmux.type("无此词")
    tmux.waitFor("搜索：无此词   没有找到")
    tmux.send("Escape")
    // Each list view's rows, made in slices.
    tmux.send("2")
    tmux.waitFor("逾期166天")
    tmux.send("3")
    tmux.waitFor("市委宣传部")
    tmux.send("7")
    tmux.waitFor("每周完成事项")
    #expect(!tmux.screen().contains("整理中"))
    // 1.1 marked done in the tree while the overdue rows are begun again;
    // they come, 1.2 still late, and 1.1 is in the journal.
    tmux.send("1", "2", "1", "g", "Down", "x")
    tmux.waitFor("状态   已完成")
    tmux.send("2")
    tmux.waitFor("逾期166天")
    #expect(!tmux.screen().contains("整理中"))
    let journals = try FileManager.default.contentsOfDirectory(atPath: ws + "/journal")
    #expect(journals.contains { s.read("ws/journal/" + $0).contains("\"done\"") })
    // A filter, made in slices: the header names it once its rows come.
    tmux.send("1", "f", "Enter")
    tmux.waitFor("筛选：逾期")
    #expect(!tmux.screen().contains("筛选中"))
    tmux.send("q")
  }

  @Test func englishAndNoColorAndSmallTerminal() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s, template: "wuhai")
    var e = env(s)
    e["NO_COLOR"] = "1"
    let tmux = try TmuxSession(command: "\(Binary.path) \(ws) --lang en", width: 80, height: 24, environment: e)
    guard tmux.waitFor("done 0%") else { return }
    tmux.send("6")
    tmux.waitFor("Indicators")
    tmux.waitFor("binding")
    tmux.send("?")
    tmux.waitFor("Keys")
    tmux.send("Escape")
    tmux.resize(width: 20, height: 6)
    tmux.send("Down")
    tmux.resize(width: 80, height: 24)
    tmux.waitFor("[Indicators]")
    tmux.send("q")
  }

  @Test func aSecondInstanceOpensReadOnly() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s, template: "linxia")
    let first = try TmuxSession(command: "\(Binary.path) \(ws) --device lap-1", environment: env(s))
    guard first.waitFor("临夏州") else { return }
    let second = try TmuxSession(command: "\(Binary.path) \(ws) --device lap-2", environment: env(s))
    guard second.waitFor("[只读]") else { return }
    second.send("x")
    second.waitFor("只读：另一个 chuangwen 正在使用此工作区")
    // A command that writes, told not to wait, is refused with EX_TEMPFAIL
    // while the dashboard runs, and names it.
    let mark = try Binary.run(["mark", ws, "1", "--status", "done", "--wait", "0"], home: s.path)
    #expect(mark.status == 75)
    #expect(mark.stderr.contains("正被 chuangwen dashboard (pid"), "\(mark.stderr)")
    // In English on request (issue 15: it stayed English under --lang zh).
    let en = try Binary.run(["mark", ws, "1", "--status", "done", "--wait", "0", "--lang", "en"], home: s.path)
    #expect(en.stderr.contains("in use by chuangwen dashboard (pid"), "\(en.stderr)")
    // What the first writes, the second shows within a second or two.
    first.send("e")
    first.type("第一个窗口写的备注")
    first.send("Enter")
    second.waitFor("第一个窗口写的备注", timeout: 5)
    #expect(second.screen().contains("[只读]"))
    #expect(!FileManager.default.fileExists(atPath: ws + "/journal/lap-2.jsonl"))
    // Once the first quits, the second takes the workspace and can write.
    first.send("q")
    second.waitFor("现在可以修改", timeout: 5)
    #expect(!second.screen().contains("[只读]"))
    second.send("x", "y")  // the top group, with work below: confirmed
    second.send("q")
    Thread.sleep(forTimeInterval: 0.5)
    #expect(FileManager.default.fileExists(atPath: ws + "/journal/lap-2.jsonl"))
    #expect(try Binary.run(["verify", ws], home: s.path).status == 0)
  }

  /// A command started while the dashboard runs waits for it (by default,
  /// up to ten seconds) instead of failing, and then carries on from what
  /// the dashboard wrote.
  @Test func aCommandWaitsForTheDashboardToQuit() async throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s, template: "linxia")
    let dashboard = try TmuxSession(command: "\(Binary.path) \(ws) --device lap-1", environment: env(s))
    guard dashboard.waitFor("临夏州") else { return }
    dashboard.send("x", "y")
    let started = Date()
    let waiting = Task.detached { try Binary.run(["mark", ws, "2", "--note", "等候后写入", "--device", "lap-1"], home: s.path) }
    usleep(1_500_000)
    dashboard.send("q")
    let r = try await waiting.value
    #expect(r.status == 0, "\(r.stderr)")
    #expect(Date().timeIntervalSince(started) >= 1.5)
    #expect(try Binary.run(["verify", ws], home: s.path).status == 0)
    let log = try Binary.run(["log", ws], home: s.path)
    #expect(log.stdout.contains("等候后写入"))
  }

  @Test func aCoordinatorFiltersAddsAndRecordsAProblem() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s, creator: "lap-c")
    var t: TmuxSession? = try TmuxSession(command: "\(Binary.path) \(ws) --user 王强 --device lap-c", environment: env(s))
    let tmux = t!
    guard tmux.waitFor("格尔木市创建全国文明城市") else { return }
    // Filter to what is overdue: 1.2 shows, under its group; 1.3 does not.
    tmux.send("f")
    tmux.waitFor("筛选（")
    tmux.send("Enter")
    tmux.waitFor("筛选：逾期")
    #expect(tmux.screen().contains("1.2 ○ 印发《格尔木市2021年"))
    #expect(!tmux.screen().contains("1.3 "))
    tmux.send("F")
    tmux.waitFor("1.3 ")
    // Add a task under group 1, then record a problem on it.
    tmux.send("g", "a")
    tmux.waitFor("新建下级：")
    tmux.type("核查志愿者注册台账")
    tmux.send("Enter")
    tmux.waitFor("核查志愿者注册台账")
    tmux.send("r")
    tmux.waitFor("问题：")
    tmux.type("台账不全")
    tmux.send("Enter")
    tmux.waitFor("责任单位")
    tmux.send("Enter")
    tmux.waitFor("整改时限")
    tmux.type("+7")
    tmux.send("Enter")
    tmux.waitFor("台账不全［整改中］ 2022-06-22")
    tmux.send("q")
    Thread.sleep(forTimeInterval: 0.5)
    t = nil

    let journal = s.read("ws/journal/lap-c.jsonl").split(separator: "\n")
    #expect(journal.count == 2)
    #expect(journal.first?.contains("核查志愿者注册台账") == true)
    #expect(journal.last?.contains("台账不全") == true)
    let tree = try Binary.run(["tree", ws, "--depth", "2"], home: s.path)
    let added = tree.stdout.split(separator: "\n").first { $0.contains("核查志愿者注册台账") }
    #expect(added?.hasPrefix("1.9 ") == true && added?.contains("整改中") == true, "\(tree.stdout)")
  }

  @Test func aChangeThatCannotBeSavedSaysSoAndStaysOnScreen() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s, template: "linxia")
    let before = s.files().filter { $0.key.hasPrefix("ws/") }
    // No file may grow: the journal cannot be written.
    let tmux = try TmuxSession(command: "prlimit --fsize=0 \(Binary.path) \(ws) --device lap-f", environment: env(s))
    guard tmux.waitFor("临夏州") else { return }
    tmux.send("x", "y")
    tmux.waitFor("未能保存（更改仍在屏幕上）")
    #expect(tmux.screen().contains("cannot write"))
    tmux.send("q")
    Thread.sleep(forTimeInterval: 0.5)
    #expect(s.files().filter { $0.key.hasPrefix("ws/") && $0.key != "ws/.lock" } == before)
  }

  @Test func terminalEdgeCases() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s, template: "linxia")
    // A terminal that cannot address the cursor: a clear message.
    var e = env(s)
    e["TERM"] = "dumb"
    let dumb = try TmuxSession(command: "\(Binary.path) \(ws); echo exit=$?", environment: e)
    dumb.waitFor("cannot run the dashboard")
    dumb.waitFor("exit=69")
    // A non-UTF-8 locale: the dashboard falls back to UTF-8 and still
    // draws Chinese, aligned.
    e = env(s)
    e["LANG"] = "C"
    e["LC_ALL"] = "C"
    let plain = try TmuxSession(command: "\(Binary.path) \(ws) --device lap-g --role supervisor; echo exit=$?", environment: e)
    guard plain.waitFor("临夏州教育系统") else { return }
    #expect(plain.screen().contains("1 ○ 开展教育宣讲活动"))
    // Garbage bytes (a broken escape sequence, invalid UTF-8, controls):
    // the dashboard goes on, and still quits cleanly. (No NUL: tmux's
    // send-keys itself does not survive one.)
    var rng = Synthetic.Rng(seed: 20261123)
    let spare: Set<UInt8> = [0x00, 0x71, 0x03]  // NUL, and q and ^C, which would quit early
    var garbage: [UInt8] = [0x1B, 0x5B, 0x31, 0x3B]
    while garbage.count < 400 {
      let b = UInt8.random(in: 0...255, using: &rng)
      if !spare.contains(b) { garbage.append(b) }
    }
    plain.sendBytes(garbage + [0x1B, 0x1B, 0x1B])
    var quit = false
    for _ in 0..<10 where !quit {
      plain.send("Escape")
      plain.send("q")
      quit = plain.screen().contains("exit=0")
    }
    #expect(quit, "the dashboard did not quit after the garbage:\n\(plain.screen())")
    #expect(try Binary.run(["verify", ws], home: s.path).status == 0)
    // A paste burst of Chinese into the note editor, in one go.
    let paster = try TmuxSession(command: "\(Binary.path) \(ws) --device lap-g --role supervisor", environment: e)
    guard paster.waitFor("临夏州教育系统") else { return }
    paster.send("g", "e")
    paster.waitFor("备注：")
    paster.send("C-u")
    let paste = String(repeating: "文明实践志愿服务", count: 150)
    paster.type(paste)
    paster.send("Enter")
    paster.send("q")
    Thread.sleep(forTimeInterval: 0.5)
    let v = try Binary.run(["verify", ws], home: s.path)
    #expect(v.status == 0, "\(v.stderr)")
    #expect(s.read("ws/journal/lap-g.jsonl").contains(paste))
  }

  @Test func aReadOnlyFolderIsBrowsedReadOnly() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let probe = try Binary.run(["unshare", "-m", "true"], home: NSTemporaryDirectory(), executable: "/usr/bin/env")
    guard probe.status == 0 else { return }  // no mount namespaces here: nothing to test with
    let s = Scratch()
    let ws = try workspace(s, template: "linxia")
    let before = s.files().filter { $0.key.hasPrefix("ws/") }
    let command = "unshare -m /bin/sh -c 'mount --bind \(ws) \(ws) && mount -o remount,bind,ro \(ws) && exec \(Binary.path) \(ws)'"
    let tmux = try TmuxSession(command: command, environment: env(s))
    guard tmux.waitFor("[只读]") else { return }
    tmux.send("x")
    tmux.waitFor("文件夹不可写")
    tmux.send("q")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(s.files().filter { $0.key.hasPrefix("ws/") } == before)
  }
}
