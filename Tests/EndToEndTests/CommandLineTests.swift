import Domain
import Foundation
import Testing

/// The commands of the foundation, run as a user would run them.
@Suite struct CommandLineTests {
  @Test func initValidateTreeStatsMark() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    var r = try Binary.run(["init", ws, "--template", "blank"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    s.write("ws/campaign.json", """
      {"schema": 1, "id": "t", "title": "测试方案", "units": [{"id": "u1", "name": "市教育局"}], "nodes": [
        {"id": "a", "kind": "group", "title": "责任体系"},
        {"id": "a1", "parent": "a", "kind": "task", "title": "签订责任书", "lead": "u1", "due": "2022-12-31"},
        {"id": "a2", "parent": "a", "kind": "item", "title": "思政课", "quota": {"target": 4, "unit": "节"}},
        {"id": "b", "kind": "base", "title": "将军楼旧址"}
      ]}
      """)
    r = try Binary.run(["validate", ws], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")

    r = try Binary.run(["tree", ws, "--today", "2023-01-05"], home: s.path)
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0] == "测试方案  0%")
    #expect(lines[1].hasPrefix("1    ○ 责任体系"))
    #expect(lines[2].hasPrefix("1.1    ○ 签订责任书"))
    #expect(lines[2].contains("逾期5天"))
    #expect(lines[3].contains("0/4 节"))

    r = try Binary.run(["mark", ws, "1.1", "--status", "done", "--user", "张三", "--device", "laptop-1"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("未开始 → 已完成"))
    let journal = s.read("ws/journal/laptop-1.jsonl")
    #expect(journal.contains("\"user\": \"张三\""))
    #expect(journal.contains("\"value\": \"done\""))

    r = try Binary.run(["stats", ws, "--json"], home: s.path)
    #expect(r.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    let kinds = json["kinds"] as! [String: Int]
    #expect(kinds["group"] == 1 && kinds["task"] == 1 && kinds["item"] == 1 && kinds["base"] == 1)
    #expect(Set(kinds.keys) == ["group", "task", "item", "base", "centre", "subcentre", "institute", "station", "team", "indicator"])
    #expect((json["status"] as! [String: Int])["done"] == 1)
    #expect(abs((json["progress"] as! Double) - 1.0 / 3.0) < 0.001)
    #expect(json["events"] as? Int == 1)

    r = try Binary.run(["tree", ws, "--depth", "1", "--lang", "en"], home: s.path)
    #expect(r.stdout.split(separator: "\n").count == 3)
  }

  /// `chuangwen DIR` and a bare `chuangwen` are read without the parser
  /// (`Open.bare`): they must do what `chuangwen open` does, and anything
  /// else (a command's name, an option, a second word) still goes to it.
  @Test func aBareOpenIsReadAsTheParserReadsIt() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud"], home: s.path).status == 0)
    // No terminal here: the dashboard's command prints the outline.
    let bare = try Binary.run([ws], home: s.path), parsed = try Binary.run(["open", ws], home: s.path)
    #expect(bare.status == 0 && bare.stdout.contains("格尔木"), "\(bare.stderr)")
    #expect(bare.stdout == parsed.stdout && bare.stderr == parsed.stderr)
    // The bundled demo, with no folder named.
    let demo = try Binary.run([], home: s.path), demoParsed = try Binary.run(["open"], home: s.path)
    #expect(demo.status == 0 && !demo.stdout.isEmpty && demo.stdout == demoParsed.stdout)
    // Options still go through the parser, and say what is wrong.
    let english = try Binary.run([ws, "--lang", "en"], home: s.path)
    #expect(english.stdout == (try Binary.run(["open", ws, "--lang", "en"], home: s.path)).stdout)
    #expect(english.stdout != bare.stdout)
    #expect(try Binary.run(["--bogus"], home: s.path).status == 64)
    #expect(try Binary.run([ws, "extra"], home: s.path).status == 64)
    // A command's name is the command, though a folder be named so.
    try FileManager.default.createDirectory(atPath: s.path + "/tree", withIntermediateDirectories: true)
    let tree = try Binary.run(["tree"], home: s.path)
    #expect(tree.status == 64 && tree.stderr.contains("Usage: chuangwen tree"), "\(tree.stderr)")
    let help = try Binary.run(["help"], home: s.path)
    #expect(help.status == 0 && help.stdout.contains("SUBCOMMANDS"))
  }

  @Test func everyTemplateInitsAndValidates() throws {
    let s = Scratch()
    for name in Templates.names {
      let ws = s.path + "/" + name
      var r = try Binary.run(["init", ws, "--template", name], home: s.path)
      #expect(r.status == 0, "\(name): \(r.stderr)")
      r = try Binary.run(["validate", ws], home: s.path)
      #expect(r.status == 0, "\(name): \(r.stderr)")
    }
  }

  @Test func badInputGetsSysexitsCodesAndChangesNothing() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    _ = try Binary.run(["init", ws, "--template", "blank"], home: s.path)
    let before = s.files()
    // Usage: unknown template, bad status, unknown node.
    var r = try Binary.run(["init", s.path + "/x", "--template", "nowhere"], home: s.path)
    #expect(r.status == 64)
    #expect(r.stderr.contains("--template nowhere"))
    r = try Binary.run(["mark", ws, "1", "--status", "finished"], home: s.path)
    #expect(r.status == 64)
    r = try Binary.run(["mark", ws, "7.7", "--status", "done"], home: s.path)
    #expect(r.status == 64)
    #expect(r.stderr.contains("7.7"))
    // No input.
    r = try Binary.run(["tree", s.path + "/none"], home: s.path)
    #expect(r.status == 66)
    // Cannot create over an existing workspace.
    r = try Binary.run(["init", ws, "--template", "golmud"], home: s.path)
    #expect(r.status == 73)
    #expect(s.files() == before)
    // Bad data: named with file:line:col, nothing rewritten.
    s.write("ws/campaign.json", "{\"schema\": 1,\n \"title\": \"x\",\n \"nodes\": [{\"id\": 1}]}")
    let damaged = s.files()
    r = try Binary.run(["validate", ws], home: s.path)
    #expect(r.status == 65)
    #expect(r.stderr.contains("ws/campaign.json:3:19: error: expected a string for \"id\""))
    r = try Binary.run(["mark", ws, "1", "--status", "done"], home: s.path)
    #expect(r.status == 65)
    #expect(s.files() == damaged)
  }

  @Test func noArgumentsAndNoTerminalPrintsTheDemoOutline() throws {
    let s = Scratch()
    let r = try Binary.run([], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("格尔木"))
    let demo = s.path + "/data/chuangwen/demo/campaign.json"
    #expect(FileManager.default.fileExists(atPath: demo))
    // The demo is made once and then reused, never remade over changes.
    let marked = try Binary.run(["mark", s.path + "/data/chuangwen/demo", "1", "--status", "doing"], home: s.path)
    #expect(marked.status == 0, "\(marked.stderr)")
    let again = try Binary.run([], home: s.path)
    #expect(again.status == 0)
    #expect(FileManager.default.fileExists(atPath: s.path + "/data/chuangwen/demo/journal"))
  }

  @Test func aLaptopRemembersItsDeviceAndItsUser() throws {
    let s = Scratch()
    #expect(try Binary.run(["init", s.path + "/ws2", "--template", "linxia"], home: s.path).status == 0)
    let first = try Binary.run(["mark", s.path + "/ws2", "2", "--status", "doing", "--user", "李四"], home: s.path)
    #expect(first.status == 0, "\(first.stderr)")
    // The name given once is used from then on, and the device id is kept.
    for _ in 0..<2 {
      let r = try Binary.run(["mark", s.path + "/ws2", "1", "--status", "doing"], home: s.path, environment: ["USER": "nobody"])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let log = try Binary.run(["log", s.path + "/ws2"], home: s.path)
    #expect(log.stdout.contains("李四") && !log.stdout.contains("nobody"), "\(log.stdout)")
    let journals = try FileManager.default.contentsOfDirectory(atPath: s.path + "/ws2/journal").filter { $0.hasSuffix(".jsonl") }
    #expect(journals.count == 1)
  }

  @Test func aFullDiskIsAClearErrorAndTheJournalIsUnharmed() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia"], home: s.path).status == 0)
    for k in 1...4 {
      #expect(try Binary.run(["mark", ws, "1", "--note", "第\(k)次记录，内容较长一些以便填满文件", "--device", "lap-f"], home: s.path).status == 0)
    }
    let before = s.files()
    // A file-size limit of 1 KiB: the next line cannot be written whole.
    let r = try Binary.run(["/bin/sh", "-c", "ulimit -f 1; exec \"$0\" mark \"$1\" 2 --status done --device lap-f", Binary.path, ws],
                           home: s.path, executable: "/usr/bin/env")
    #expect(r.status == 74 && r.stderr.contains("cannot write"), "\(r.status) \(r.stderr)")
    #expect(s.files() == before)
    #expect(try Binary.run(["validate", ws], home: s.path).status == 0)
  }

  @Test func aReadOnlyFolderIsAClearErrorAndChangesNothing() throws {
    // A read-only mount, in a mount namespace of its own (root ignores
    // permission bits); where namespaces are not allowed, there is nothing
    // to test with.
    let probe = try Binary.run(["unshare", "-m", "true"], home: NSTemporaryDirectory(), executable: "/usr/bin/env")
    guard probe.status == 0 else { return }
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia"], home: s.path).status == 0)
    #expect(try Binary.run(["mark", ws, "1", "--status", "doing", "--device", "lap-r"], home: s.path).status == 0)
    let before = s.files()
    let script = "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && exec \"$0\" mark \"$1\" 2 --status done --device lap-r"
    let r = try Binary.run(["unshare", "-m", "/bin/sh", "-c", script, Binary.path, ws], home: s.path, executable: "/usr/bin/env")
    #expect([73, 74].contains(r.status) && r.stderr.contains("Read-only file system"), "\(r.status) \(r.stderr)")
    #expect(s.files() == before)
  }
}

/// Issue 15: errors stayed English under --lang zh.
@Suite struct ErrorLanguageTests {
  @Test func commonErrorsSpeakTheInterfacesLanguage() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    var r = try Binary.run(["init", ws, "--template", "blank", "--lang", "zh"], home: s.path)
    #expect(r.status == 73 && r.stderr.contains("这里已有工作区"), "\(r.stderr)")
    r = try Binary.run(["tree", s.path + "/nowhere", "--lang", "zh"], home: s.path)
    #expect(r.status == 66 && r.stderr.contains("这里没有工作区"), "\(r.stderr)")
    r = try Binary.run(["tree", s.path + "/nowhere", "--lang", "en"], home: s.path)
    #expect(r.status == 66 && r.stderr.contains("no workspace here"), "\(r.stderr)")
    r = try Binary.run(["tree", s.path + "/nowhere"], home: s.path, environment: ["LANG": "en_US.UTF-8"])
    #expect(r.stderr.contains("no workspace here"), "\(r.stderr)")
  }
}

/// Issue 15, defect 9: the log spoke in ids and UTC.
@Suite struct LogTests {
  @Test func theLogSpeaksInTitlesLocalTimeAndWholeMoves() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud"], home: s.path).status == 0)
    let at = "\"user\": \"王芳\", \"at\": \"2022-06-01T02:30:00Z\", \"prev\": \"\""
    let lines = [
      "{\"device\": \"lap-a\", \"seq\": 1, \"clock\": 1, \(at), \"op\": \"node.add\", \"node\": {\"id\": \"x\", \"parent\": \"gm-1\", \"kind\": \"task\", \"title\": \"临时任务\"}}",
      "{\"device\": \"lap-a\", \"seq\": 2, \"clock\": 2, \(at), \"op\": \"node.add\", \"node\": {\"id\": \"y\", \"parent\": \"x\", \"kind\": \"item\", \"title\": \"子项\"}}",
      "{\"device\": \"lap-a\", \"seq\": 3, \"clock\": 3, \(at), \"op\": \"node.move\", \"node\": \"x\", \"parent\": \"gm-2\"}",
      "{\"device\": \"lap-a\", \"seq\": 4, \"clock\": 4, \(at), \"op\": \"set\", \"node\": \"x\", \"field\": \"title\", \"value\": \"改名的任务\"}",
      "{\"device\": \"lap-a\", \"seq\": 5, \"clock\": 5, \(at), \"op\": \"node.remove\", \"node\": \"x\"}",
    ]
    // Unsigned lines, chained as an older chuangwen wrote them.
    var text = "", prev = ""
    for line in lines {
      let chained = line.replacingOccurrences(of: "\"prev\": \"\"", with: "\"prev\": \"\(prev)\"")
      text += chained + "\n"
      prev = sha256(chained)
    }
    try FileManager.default.createDirectory(atPath: ws + "/journal", withIntermediateDirectories: true)
    s.write("ws/journal/lap-a.jsonl", text)
    #expect(try Binary.run(["verify", ws], home: s.path).status == 0)
    let r = try Binary.run(["log", ws], home: s.path, environment: ["TZ": "Asia/Shanghai"])
    #expect(r.status == 0, "\(r.stderr)")
    let out = r.stdout.split(separator: "\n").map(String.init)
    #expect(out.count == 4, "\(r.stdout)")  // the two additions are one line
    #expect(out.allSatisfy { $0.hasPrefix("2022-06-01 10:30  王芳  lap-a") }, "\(r.stdout)")
    #expect(out[0].contains("改名的任务（已删除）") && out[0].contains("及下级共 2 个节点"), "\(out[0])")
    #expect(out[1].contains("移动：1 创建工作责任体系 → 2 红色教育基地"), "\(out[1])")
    #expect(!r.stdout.contains("Z ") && !r.stdout.contains("  x  "))
  }

  func sha256(_ text: String) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["sha256sum"]
    let input = Pipe(), output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try? p.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
  }
}

/// Issue 15: the command line gets the dashboard's powers for scripts.
@Suite struct FieldCommandTests {
  @Test func problemsAreRecordedAndMovedOn() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    let today = ["--today", "2022-06-15", "--device", "lap-a"]
    var r = try Binary.run(["problem", ws, "2.1", "add", "讲解员不足", "--unit", "宣传", "--by", "6月底"] + today, home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("2.1 1. 讲解员不足［整改中］ 2022-06-30"), "\(r.stdout)")
    #expect(try Binary.run(["problem", ws, "2.1", "add", "展板褪色"] + today, home: s.path).status == 0)
    r = try Binary.run(["problem", ws, "2.1", "fix"] + today, home: s.path)
    #expect(r.stdout.contains("1. 讲解员不足［待复查］") && r.stdout.contains("2. 展板褪色［整改中］"), "\(r.stdout)")
    r = try Binary.run(["problem", ws, "2.1", "recheck", "1"] + today, home: s.path)
    #expect(r.stdout.contains("1. 讲解员不足［已销号］"), "\(r.stdout)")
    // Bad steps are refused with the reason, nothing written.
    let before = s.files()
    for bad in [["recheck", "1"], ["fix", "9"], ["add"], ["add", "x", "--by", "2023-02-30"], ["add", "x", "--unit", "不存在"]] {
      r = try Binary.run(["problem", ws, "2.1"] + bad + today, home: s.path)
      #expect(r.status == 64, "\(bad): \(r.stderr)")
      #expect(s.files() == before, "\(bad)")
    }
    r = try Binary.run(["problem", ws, "2.1", "reopen", "1"] + today, home: s.path)
    #expect(r.stdout.contains("1. 讲解员不足［整改中］"), "\(r.stdout)")
  }

  @Test func activitiesValuesAndDatesFromTheCommandLine() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    var r = try Binary.run(["mark", ws, "1.6", "--activity", "+3", "--date", "2022-05-01", "--device", "lap-a"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("3/63 所，进行中"), "\(r.stdout)")
    r = try Binary.run(["mark", ws, "1.6", "--activity", "-1", "--device", "lap-a"], home: s.path)
    #expect(r.stdout.contains("0/63 所"), "\(r.stdout)")
    let before = s.files()
    for bad in [["1.6", "--activity", "3"], ["1.6", "--activity", "+0"], ["1.6", "--activity", "-5"], ["1.1", "--activity", "+1"],
                ["1.6", "--value", "9"], ["1.6", "--activity", "+1", "--date", "2022-13-01"]] {
      r = try Binary.run(["mark", ws] + bad + ["--device", "lap-a"], home: s.path)
      #expect(r.status == 64, "\(bad): \(r.stderr)")
      #expect(s.files() == before, "\(bad)")
    }
    let wu = s.path + "/wu"
    #expect(try Binary.run(["init", wu, "--template", "wuhai", "--device", "office"], home: s.path).status == 0)
    r = try Binary.run(["mark", wu, "1.1.1", "--value", "9.8", "--device", "office"], home: s.path)
    #expect(r.status == 0 && r.stdout.contains("当前值 9.8"), "\(r.stdout)\(r.stderr)")
  }
}

/// Issue 15: units created, renamed and merged without a text editor.
@Suite struct UnitCommandTests {
  @Test func unitsAreAddedRenamedAndMerged() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia", "--device", "office"], home: s.path).status == 0)
    let me = ["--device", "office"]
    var r = try Binary.run(["unit", ws, "add", "市文明办"] + me, home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["unit", ws, "rename", "文明办", "市委文明办"] + me, home: s.path)
    #expect(r.status == 0 && r.stdout.contains("市文明办 → 市委文明办"), "\(r.stdout)\(r.stderr)")
    r = try Binary.run(["unit", ws, "merge", "基础教育科", "市委文明办"] + me, home: s.path)
    #expect(r.status == 0 && r.stdout.contains("4 项任务"), "\(r.stdout)\(r.stderr)")
    r = try Binary.run(["unit", ws, "list"], home: s.path)
    #expect(r.stdout.contains("市委文明办  牵头 0 项，配合 4 项") && r.stdout.contains("基础教育科  牵头 0 项，配合 0 项"), "\(r.stdout)")
    r = try Binary.run(["report", ws, "--by", "unit"], home: s.path)
    #expect(r.status == 0)
    // Refused, nothing written: a supervisor, an unknown or ambiguous name, a duplicate.
    let before = s.files()
    for (args, code) in [(["add", "新单位", "--device", "lap-x"], Int32(77)), (["rename", "不存在", "甲"] + me, 64),
                         (["rename", "科", "甲"] + me, 64), (["add", "市委文明办"] + me, 64), (["merge", "办公室", "办公室"] + me, 64)] {
      r = try Binary.run(["unit", ws] + args, home: s.path)
      #expect(r.status == code, "\(args): \(r.stderr)")
      #expect(s.files() == before, "\(args)")
    }
    #expect(try Binary.run(["verify", ws], home: s.path).status == 0)
  }
}

/// Issue 15: a node's kind, quota and site facts, and the plan's name and
/// period, from the command line; bad values refused with nothing written.
@Suite struct PlanFactsCommandTests {
  @Test func kindQuotaSiteAndPeriodAreSet() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    let me = ["--device", "office"]
    var r = try Binary.run(["plan", ws, "--title", "格尔木市创文（2024—2026年）", "--period", "2024年—2026年"] + me, home: s.path)
    #expect(r.status == 0 && r.stdout.contains("2024-2026"), "\(r.stdout)\(r.stderr)")
    // 6.1 carries its own quota of 50 projects beside its sub-tasks.
    r = try Binary.run(["set", ws, "6.1", "--quota", "50项，每月2"] + me, home: s.path)
    #expect(r.status == 0 && r.stdout.contains("0/50 项，每月至少2"), "\(r.stdout)\(r.stderr)")
    r = try Binary.run(["mark", ws, "6.1", "--activity", "+25"] + me, home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["set", ws, "2.1", "--kind", "station", "--contact", "0979-8412345"] + me, home: s.path)
    #expect(r.status == 0 && r.stdout.contains("实践站") && r.stdout.contains("0979-8412345"), "\(r.stdout)\(r.stderr)")
    // All read back from the journal by a new process.
    r = try Binary.run(["plan", ws], home: s.path)
    #expect(r.stdout.contains("格尔木市创文（2024—2026年）") && r.stdout.contains("创建周期：2024-2026"), "\(r.stdout)")
    r = try Binary.run(["tree", ws, "--depth", "2"], home: s.path)
    let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("6.1 ") }.map(String.init) ?? ""
    #expect(line.contains("25/50 项"), "\(line)")
    #expect(!line.contains(" 0% "), "a parent's own quota counts in its progress: \(line)")
    r = try Binary.run(["stats", ws, "--json"], home: s.path)
    let kinds = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["kinds"] as! [String: Int]
    #expect(kinds["station"] == 48, "\(kinds)")
    r = try Binary.run(["log", ws], home: s.path)
    #expect(r.stdout.contains("方案名称 → 格尔木市创文") && r.stdout.contains("配额 → 50 项，每月 2") && r.stdout.contains("类型 → 实践站"), "\(r.stdout)")
    // Refused, nothing written: a supervisor's kind or quota, a bad quota
    // or period, a quota with activities logged removed.
    #expect(try Binary.run(["enroll", ws, "lap-s", "--role", "supervisor"] + me, home: s.path).status == 0)
    let before = s.files()
    for (args, code) in [(["set", ws, "1.1", "--kind", "base", "--device", "lap-s"], Int32(77)),
                         (["set", ws, "1.1", "--quota", "每周3次"] + me, 64), (["set", ws, "1.1", "--kind", "bureau"] + me, 64),
                         (["plan", ws, "--period", "2026-2024"] + me, 64), (["plan", ws, "--title", "新名", "--device", "lap-s"], 77),
                         (["set", ws, "6.1", "--quota", "none"] + me, 64), (["set", ws, "9.9", "--level", "全国"] + me, 64)] {
      r = try Binary.run(args, home: s.path)
      #expect(r.status == code, "\(args): \(r.stderr)")
      let now = s.files()
      #expect(now == before, "\(args): \(Set(now.keys).symmetricDifference(before.keys)) \(now.filter { before[$0.key] != $0.value }.keys)")
    }
    // A supervisor corrects a site's facts.
    r = try Binary.run(["set", ws, "2.2", "--address", "格尔木市昆仑路", "--device", "lap-s"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try Binary.run(["verify", ws], home: s.path).status == 0)
  }
}
