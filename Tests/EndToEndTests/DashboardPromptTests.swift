import Foundation
import Testing

/// Issue 15's prompts, as a person meets them in a real terminal.
@Suite(.serialized) struct DashboardPromptTests {
  func workspace(_ s: Scratch) throws -> String {
    let ws = s.path + "/ws"
    let r = try Binary.run(["init", ws, "--template", "golmud", "--device", "office"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    return ws
  }

  /// The dashboard on `ws` as 王芳 of the office, once its title shows.
  func dashboard(_ s: Scratch, _ ws: String, term: String, width: Int = 100, height: Int = 30) throws -> TmuxSession? {
    let tmux = try TmuxSession(command: "\(Binary.path) \(ws) --user 王芳 --device office", width: width, height: height,
                               environment: env(s, term: term))
    return tmux.waitFor("格尔木市创建全国文明城市") ? tmux : nil
  }

  /// Quits and waits for the journal to be let go.
  func quit(_ t: inout TmuxSession?) {
    t?.send("q")
    Thread.sleep(forTimeInterval: 0.5)
    t = nil
  }

  func env(_ s: Scratch, term: String) -> [String: String] {
    ["XDG_CONFIG_HOME": s.path + "/config", "XDG_DATA_HOME": s.path + "/data", "CHUANGWEN_TODAY": "2022-06-15", "TERM": term]
  }

  /// Home and End as tmux sends them (`ESC [ 1 ~`, `ESC [ 4 ~`), which
  /// xterm-256color's terminfo does not list, and a sequence no terminal
  /// defines: each is read whole, the prompt keeps its text, no view
  /// switches (`4` would show the red bases).
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func escapeSequencesInAPromptAreKeysOrNothing(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    var t = try dashboard(s, ws, term: term)
    guard let tmux = t else { return }
    tmux.send("Down")
    tmux.send("e")
    tmux.waitFor("备注：")
    tmux.type("甲乙")
    tmux.sendBytes([0x1B, 0x5B, 0x31, 0x7E])  // Home
    tmux.type("丙")
    tmux.sendBytes([0x1B, 0x5B, 0x34, 0x7E])  // End
    tmux.type("丁")
    tmux.sendBytes([0x1B, 0x5B, 0x39, 0x39, 0x7E])  // nothing
    tmux.sendBytes([0x1B, 0x4F, 0x46])  // End, as xterm sends it
    tmux.send("End", "Home")  // as tmux sends them for this pane
    #expect(tmux.screen().contains("备注：丙甲乙丁"), "\(tmux.screen())")
    #expect(!tmux.screen().contains("[红色教育基地]"))
    tmux.send("Enter")
    tmux.waitFor("丙甲乙丁")
    quit(&t)
    #expect(s.read("ws/journal/office.jsonl").contains("\"value\": \"丙甲乙丁\""))
  }

  /// A bad date keeps the prompt and its text, says why on its own line;
  /// the keys typed next correct it instead of running as commands.
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func aBadDateIsSaidAndKeptForCorrection(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    var t = try dashboard(s, ws, term: term)
    guard let tmux = t else { return }
    tmux.send("Down", "d")
    tmux.waitFor("时限（")
    tmux.type("2026-13-45")
    tmux.send("Enter")
    tmux.waitFor("不是日期")
    #expect(tmux.screen().contains("空为清除）：2026-13-45"), "\(tmux.screen())")
    // Typed on: the text is corrected, nothing runs (4 would switch views).
    tmux.send("C-u")
    tmux.type("4月底")
    tmux.send("Enter")
    tmux.waitFor("2022-04-30")
    #expect(!tmux.screen().contains("[红色教育基地]"))
    quit(&t)
    #expect(s.read("ws/journal/office.jsonl").contains("\"value\": \"2022-04-30\""))
  }

  /// The node card at 80×24: a node's problems and log can be read, each
  /// problem moved on with a confirmation; the mark stays until every
  /// problem is closed.
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func theNodeCardHoldsEveryProblem(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    var t = try dashboard(s, ws, term: term, width: 80, height: 24)
    guard let tmux = t else { return }
    tmux.send("Down", "Down")  // 1.2
    for text in ["台账不全", "公示栏破损"] {
      tmux.send("r")
      tmux.waitFor("问题：")
      tmux.type(text)
      tmux.send("Enter", "Enter", "Enter")
    }
    tmux.send("Enter")
    tmux.waitFor("节点卡片 1.2")
    tmux.waitFor("2. 公示栏破损［整改中］")
    tmux.send("1")
    tmux.waitFor("整改中 → 待复查？")
    tmux.send("y")
    tmux.waitFor("1. 台账不全［待复查］")
    tmux.send("Escape")
    tmux.waitFor("1.2 ⚑")
    quit(&t)
    let journal = s.read("ws/journal/office.jsonl").split(separator: "\n")
    #expect(journal.count == 3)
    #expect(journal.last?.contains("\"state\": \"fixed\"") == true)
  }

  /// Issue 15, defect 8: after --role supervisor --user 张三, a plain
  /// `chuangwen DIR` opened as 张三 · 协调, and the name was shared by every
  /// workspace. Name and role are now remembered per workspace.
  @Test func theUserAndRoleAreRememberedPerWorkspace() throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    let other = s.path + "/other"
    #expect(try Binary.run(["init", other, "--template", "blank", "--device", "office", "--user", "王芳"], home: s.path).status == 0)
    let r = try Binary.run(["mark", ws, "1.1", "--status", "doing", "--device", "office", "--user", "张三", "--role", "supervisor"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    var t: TmuxSession? = try TmuxSession(command: "\(Binary.path) \(ws) --device office", environment: env(s, term: "xterm-256color"))
    guard t!.waitFor("格尔木市创建全国文明城市") else { return }
    #expect(t!.screen().contains("张三 · 督查"), "\(t!.screen())")
    t!.send("q")
    t = nil
    t = try TmuxSession(command: "\(Binary.path) \(other) --device office", environment: env(s, term: "xterm-256color"))
    guard t!.waitFor("王芳") else { return }
    #expect(t!.screen().contains("王芳 · 协调"), "\(t!.screen())")
    t!.send("q")
  }

  /// The coordinator's powers in a real terminal: a parent's own quota
  /// (Q), a kind (T), and a unit merged in view 3, all in the journal
  /// (the plan's creator is its coordinator).
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func aCoordinatorSetsQuotaKindAndMergesUnits(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    var t = try dashboard(s, ws, term: term, width: 120)
    guard let tmux = t else { return }
    tmux.send("Q")
    tmux.waitFor("配额（")
    tmux.type("每周3次")
    tmux.send("Enter")
    #expect(tmux.waitFor("不是配额"), "\(tmux.screen())")
    tmux.send("C-u")
    tmux.type("50项，每月2")
    tmux.send("Enter")
    #expect(tmux.waitFor("配额 0/50 项"), "\(tmux.screen())")
    tmux.send("T")
    tmux.waitFor("类型（↑↓")
    tmux.send("Down", "Enter")
    #expect(tmux.waitFor("类型 → 任务"), "\(tmux.screen())")
    tmux.send("3")
    tmux.waitFor("牵头  配合")
    tmux.send("Down", "M")
    tmux.waitFor("并入哪个单位")
    tmux.type("宣传部")
    tmux.send("Enter")
    #expect(tmux.waitFor("项任务改由后者负责？y"), "\(tmux.screen())")
    tmux.send("y")
    #expect(tmux.waitFor("已并入“市委宣传部”"), "\(tmux.screen())")
    quit(&t)
    let journal = s.read("ws/journal/office.jsonl")
    #expect(journal.contains("\"field\": \"quota\", \"value\": [\"50\", \"2\", \"项\"]"), "\(journal)")
    #expect(journal.contains("\"field\": \"kind\", \"value\": \"task\""))
    #expect(journal.contains("\"field\": \"lead\""))
    #expect(try Binary.run(["verify", ws], home: s.path, environment: env(s, term: term)).status == 0)
  }

  /// Issue 15, defects 3, 4, 6 and 10 in a real terminal at 80×24: the
  /// filter menu owns its rows across the width; the top bar's overdue
  /// count is what `stats` and `report --by overdue` count; `x` on a
  /// station at 0/12 asks first; the key line keeps ? and q.
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func theScreensAgreeAndFit(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    var t = try dashboard(s, ws, term: term, width: 80, height: 24)
    guard let tmux = t else { return }
    let first = tmux.capture()
    #expect(first[23].contains("? 帮助") && first[23].contains("q 退出"), "\(first[23])")
    let shown = first[0].split(separator: " ").drop { $0 != "逾期" }.dropFirst().first.flatMap { Int($0) }
    let stats = try Binary.run(["stats", ws, "--json"], home: s.path, environment: env(s, term: term))
    let counted = (try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any])["overdue"] as? Int
    let report = try Binary.run(["report", ws, "--by", "overdue", "--format", "csv"], home: s.path, environment: env(s, term: term))
    // CSV lines end in CRLF, one Character to Swift.
    let listed = report.stdout.split(whereSeparator: \.isNewline).count - 1
    #expect(shown != nil && shown == counted && counted == listed, "top bar \(String(describing: shown)), stats \(String(describing: counted)), report \(listed)")
    tmux.send("f")
    tmux.waitFor("筛选（")
    let menu = tmux.capture()
    let rule = menu.firstIndex { $0.hasPrefix("────") } ?? 0
    #expect(rule > 2, "\(menu)")
    for line in menu[1..<max(1, rule)] {
      #expect(!line.contains("○") && !line.contains("◐") && !line.contains("✓"), "a tree row shows through: \(line)")
    }
    tmux.send("Escape")
    // Apart, as a person presses them: Esc and / at once are Alt-/.
    Thread.sleep(forTimeInterval: 0.3)
    tmux.send("/")
    tmux.type("实践站 1")
    tmux.send("Enter", "x")
    #expect(tmux.waitFor("的配额只完成了 0/12 次"), "\(tmux.screen())")
    tmux.send("n")
    quit(&t)
    #expect(!s.read("ws/journal/office.jsonl").contains("\"value\": \"done\""))
  }

  /// Issue 18 in a real terminal: an order placed with O at a station,
  /// taken through report and dispatch in view 8, and a photo attached
  /// from the node card (E), which the journal and evidence/ then hold.
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func ordersAndEvidenceFromTheDashboard(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = try workspace(s)
    s.write("photo.jpg", "\u{FF}\u{D8} a photo")
    var t = try dashboard(s, ws, term: term, width: 120)
    guard let tmux = t else { return }
    tmux.send("/")
    tmux.type("实践站 2")
    tmux.send("Enter")
    Thread.sleep(forTimeInterval: 0.3)
    tmux.send("O")
    tmux.waitFor("点单内容")
    tmux.type("为独居老人上门理发")
    tmux.send("Enter")
    #expect(tmux.waitFor("已点单“为独居老人上门理发”"), "\(tmux.screen())")
    tmux.send("8")
    #expect(tmux.waitFor("[服务订单]"))
    tmux.send("Enter")
    #expect(tmux.waitFor("订单的下一步"), "\(tmux.screen())")
    tmux.send("Enter")
    #expect(tmux.waitFor("订单：报单"), "\(tmux.screen())")
    tmux.send("Enter")
    tmux.waitFor("订单的下一步")
    tmux.send("Enter")
    tmux.waitFor("派给哪个志愿服务队")
    tmux.type("总队")
    tmux.send("Enter")
    #expect(tmux.waitFor("派单给 3.2.1"), "\(tmux.screen())")
    // The node card of the station, and a photo attached from it.
    tmux.send("1")
    Thread.sleep(forTimeInterval: 0.3)
    tmux.send("Enter")
    #expect(tmux.waitFor("节点卡片"), "\(tmux.screen())")
    tmux.send("E")
    tmux.waitFor("佐证文件的路径")
    tmux.type(s.path + "/photo.jpg")
    tmux.send("Enter")
    tmux.waitFor("说明")
    tmux.type("6月15日 站内")
    tmux.send("Enter")
    #expect(tmux.waitFor("已保存佐证材料“photo.jpg”"), "\(tmux.screen())")
    #expect(tmux.waitFor("佐证"), "\(tmux.screen())")
    quit(&t)
    let journal = s.read("ws/journal/office.jsonl")
    #expect(journal.contains("\"op\": \"order.step\"") && journal.contains("\"step\": \"dispatch\"") && journal.contains("\"op\": \"evidence.add\""))
    let r = try Binary.run(["verify", ws], home: s.path, environment: env(s, term: term))
    #expect(r.status == 0 && r.stdout.contains("佐证材料：1 份"), "\(r.stdout)\(r.stderr)")
  }

  /// Issue 19 in a real terminal: a point scored in the dashboard (view
  /// 10), one key a standard, on a laptop whose copy is then merged.
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func aPointIsScoredInTheDashboard(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = s.path + "/ws"
    func run(_ args: [String]) throws {
      let r = try Binary.run(args + ["--device", "office"], home: s.path, environment: env(s, term: term))
      #expect(r.status == 0, "\(args): \(r.stderr)")
    }
    try run(["init", ws, "--template", "golmud"])
    try run(["set", ws, "2.1", "--points", "4", "--types", "爱国主义教育基地"])
    try run(["set", ws, "2.2", "--points", "2", "--types", "爱国主义教育基地", "--negative", "true"])
    try run(["point", ws, "add", "将军楼旧址", "--type", "爱国主义教育基地", "--area", "昆仑路街道"])
    try run(["round", ws, "start", "第1次模拟测评"])
    var t = try dashboard(s, ws, term: term, width: 100)
    guard let tmux = t else { return }
    tmux.send("0")
    #expect(tmux.waitFor("[测评点位]"), "\(tmux.screen())")
    tmux.send("Enter")
    #expect(tmux.waitFor("第1次模拟测评 · 将军楼旧址"), "\(tmux.screen())")
    tmux.send("y")
    tmux.send("n")
    #expect(tmux.waitFor("得分率 66%"), "\(tmux.screen())")
    tmux.send("Escape")
    Thread.sleep(forTimeInterval: 0.3)
    quit(&t)
    let r = try Binary.run(["report", ws, "--by", "score", "--format", "csv"], home: s.path, environment: env(s, term: term))
    #expect(r.stdout.contains("全市,66%,4,6"), "\(r.stdout)")
  }
}

