import Foundation
import Testing

/// Issue 19 as an office runs it: the evaluation system and the points
/// come in from the office's sheets, two supervisors score a round in the
/// dashboard on their own laptops, the office merges, and the scores,
/// the districts' ranking and the problems by district are in the report
/// and the bulletin; a failed standard's problem goes round the
/// rectification loop to closed.
@Suite(.serialized) struct InspectionRoundTmuxTests {
  static let evaluation = """
    测评项目,指标名称,测评内容,测评标准,测评方法,分值,适用点位,负面清单
    公共环境,环境卫生,农贸市场环境,地面无垃圾,实地考察,4分,农贸市场,
    ,,,无活禽宰杀,实地考察、材料审核,2,农贸市场,是
    ,,公交站点环境,站台整洁,实地考察,3,公交站点,
    公共秩序,交通秩序,文明过马路,路口有文明劝导员,实地考察,2,,

    """
  static let points = """
    点位名称,点位类型,区域,责任单位
    城东农贸市场,农贸市场,城东区,市场监管局
    火车站公交站,公交站点,城西区,交通运输局
    渔港码头,渔港,城西区,

    """

  func env(_ s: Scratch, term: String) -> [String: String] {
    ["XDG_CONFIG_HOME": s.path + "/config", "XDG_DATA_HOME": s.path + "/data", "TERM": term]
  }

  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func aRoundOnTwoLaptopsFromSheetsToTheBulletin(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let office = s.path + "/office", a = s.path + "/lap-a", b = s.path + "/lap-b"
    func run(_ args: [String], _ device: String = "office") throws -> Binary.Result {
      try Binary.run(args + ["--device", device], home: s.path, environment: env(s, term: term))
    }
    func ok(_ args: [String], _ device: String = "office") throws -> String {
      let r = try run(args, device)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      return r.stdout + r.stderr
    }
    _ = try ok(["init", office, "--template", "blank"])
    for unit in ["市场监管局", "交通运输局"] { _ = try ok(["unit", office, "add", unit]) }
    // The evaluation system, 分值 and all, from the office's sheet.
    s.write("evaluation.csv", Self.evaluation)
    _ = try ok(["import", office, s.path + "/evaluation.csv"])
    var tree = try ok(["tree", office])
    #expect(tree.contains("无活禽宰杀") && tree.contains("路口有文明劝导员"), "\(tree)")
    // The points: a type not here is refused, nothing written, until the
    // coordinator says it is the city's own.
    s.write("points.csv", Self.points)
    let before = s.files()
    let refused = try run(["point", office, "import", s.path + "/points.csv"])
    #expect(refused.status == 64 && refused.stderr.contains("渔港") && refused.stderr.contains("--add-types"), "\(refused.stderr)")
    #expect(s.files() == before)
    let imported = try ok(["point", office, "import", s.path + "/points.csv", "--add-types"])
    #expect(imported.contains("新增点位类型：渔港") && imported.contains("导入点位 3 个"), "\(imported)")
    #expect(try ok(["point", office, "types"]).contains("渔港"))
    _ = try ok(["round", office, "start", "2023年第3次模拟测评"])
    try FileManager.default.copyItem(atPath: office, toPath: a)
    try FileManager.default.copyItem(atPath: office, toPath: b)

    /// On a laptop's copy, in the dashboard: view 10, the point so many
    /// rows down, Enter, the keys, until the point's score shows.
    func score(_ copy: String, _ device: String, down: Int, _ point: String, keys: [String], until: String) throws {
      let t = try TmuxSession(command: "\(Binary.path) \(copy) --user \(device) --device \(device)", width: 100, height: 30,
                              environment: env(s, term: term))
      #expect(t.waitFor("公共环境"), "\(t.screen())")
      t.send("0")
      #expect(t.waitFor(point), "\(t.screen())")
      for _ in 0..<down { t.send("j") }
      t.send("Enter")
      #expect(t.waitFor("2023年第3次模拟测评 · " + point), "\(t.screen())")
      // A key, or text to type after "type:".
      for key in keys { if key.hasPrefix("type:") { t.type(String(key.dropFirst(5))) } else { t.send(key) } }
      #expect(t.waitFor(until), "\(t.screen())")
      t.send("Escape")
      t.send("q")
      // The session goes when `t` does: its journal is let go first.
      Thread.sleep(forTimeInterval: 0.5)
    }
    // Laptop A scores the market: kept, not kept with a problem (on the
    // negative list), kept. Laptop B the bus stop: partly kept (1 point
    // lost; the prompt's text cleared first), kept, and back up to say
    // what was seen at the one partly kept.
    try score(a, "lap-a", down: 0, "城东农贸市场", keys: ["y", "r", "y"], until: "得分率 75%")
    try score(b, "lap-b", down: 1, "火车站公交站", keys: ["p", "C-u", "1", "Enter", "y", "k", "e", "type:站台有积水", "Enter"],
              until: "站台整洁 · 站台有积水")

    // The office merges both and reports.
    _ = try ok(["merge", office, a, b])
    let report = try ok(["report", office, "--by", "score", "--format", "csv"])
    // City 10 of 13; 城东区 6 of 8, 城西区 4 of 5; the item 公共环境 6 of 9.
    #expect(report.contains("全市,76%,10,13") && report.contains("区域 城东区,75%,6,8") && report.contains("区域 城西区,80%,4,5"), "\(report)")
    #expect(report.contains("项目 1 公共环境,66%,6,9") && report.contains("失分 1.1.1.2 无活禽宰杀"), "\(report)")
    var bulletin = try ok(["bulletin", office, "--format", "md"])
    #expect(bulletin.contains("## 七、模拟测评") && bulletin.contains("区域排名：城西区（80%）、城东区（75%）"), "\(bulletin)")
    #expect(bulletin.contains("## 八、测评发现问题（按区域）") && bulletin.contains("城东区：1 个问题，已销号 0 个。"), "\(bulletin)")
    #expect(bulletin.contains("| 城东区 | 城东农贸市场 |") && bulletin.contains("市场监管局"), "\(bulletin)")
    // The problem, fixed by the unit and closed at the re-check.
    _ = try ok(["problem", office, "1.1.1.2", "fix"])
    _ = try ok(["problem", office, "1.1.1.2", "close"])
    bulletin = try ok(["bulletin", office, "--format", "md"])
    #expect(bulletin.contains("城东区：1 个问题，已销号 1 个。"), "\(bulletin)")
    #expect(try run(["verify", office]).status == 0)
    // What laptop B saw, kept with its score through the merge.
    #expect(try ok(["log", office]).contains("站台有积水"))
    tree = try ok(["point", office, "list"])
    #expect(tree.contains("城东农贸市场") && tree.contains("75%"), "\(tree)")
  }

  /// What a person gets wrong by hand is refused with what to do, exit
  /// 64, nothing written: a point twice, a misspelt type, a standard
  /// scored at a point whose type it does not apply to, a round's name
  /// twice, a report of a round that is not here.
  @Test func mistakesByHandAreRefusedAndNothingWritten() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    func run(_ args: [String]) throws -> Binary.Result { try s.chuangwen(args, device: "office") }
    #expect(try run(["init", ws, "--template", "blank"]).status == 0)
    s.write("evaluation.csv", Self.evaluation)
    #expect(try run(["import", ws, s.path + "/evaluation.csv"]).status == 0)
    #expect(try run(["point", ws, "add", "城东农贸市场", "--type", "农贸市场", "--area", "城东区"]).status == 0)
    #expect(try run(["round", ws, "start", "第3次"]).status == 0)
    let before = s.files()
    for (args, says) in [
      (["point", ws, "add", "城东农贸市场", "--type", "农贸市场", "--area", "城东区"], "here already"),
      (["point", ws, "add", "西门菜场", "--type", "菜市场"], "农贸市场"),
      (["round", ws, "score", "城东农贸", "1.1.2.1", "pass"], "applies to 公交站点"),
      (["round", ws, "start", "第3次"], "here already"),
      (["report", ws, "--by", "score", "--round", "第9次"], "the rounds: 第3次"),
    ] {
      let r = try run(args)
      #expect(r.status == 64 && r.stderr.contains(says), "\(args): \(r.status) \(r.stderr)")
    }
    #expect(s.files() == before)
    // The methods as offices name them; a name of none is refused before anything is read.
    #expect(try run(["set", ws, "1.1.1.1", "--methods", "看现场"]).status == 64)
    let set = try run(["set", ws, "1.1.1.1", "--methods", "实地考察、材料审核"])
    #expect(set.status == 0 && set.stdout.contains("4 分 · 实地考察、材料审核 · 适用：农贸市场"), "\(set.stdout)\(set.stderr)")
    // A different area is a different point; a standard for every type applies here.
    #expect(try run(["point", ws, "add", "城东农贸市场", "--type", "农贸市场", "--area", "城西区"]).status == 0)
    let twice = try run(["round", ws, "score", "城东农贸市场", "2.1.1.1", "pass"])
    #expect(twice.status == 64 && twice.stderr.contains("城东区/城东农贸市场、城西区/城东农贸市场"), "\(twice.stderr)")
    #expect(try run(["round", ws, "score", "城西区/城东农贸市场", "2.1.1.1", "pass"]).status == 0)
  }

  /// A points sheet's units: found by name (blanks and punctuation's
  /// width aside, as a task sheet's) or a part only one unit has,
  /// made when no unit is so named (once, however many rows name it, and
  /// not again on a second import), left off a point where the name could
  /// be several units, with its row.
  @Test func aPointSheetsUnitsAreFoundOrMade() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    func run(_ args: [String]) throws -> Binary.Result { try s.chuangwen(args, device: "office") }
    #expect(try run(["init", ws, "--template", "blank"]).status == 0)
    for unit in ["城东区市场监管局", "城西区市场监管局", "交通运输局"] { #expect(try run(["unit", ws, "add", unit]).status == 0) }
    s.write("points.csv", """
      点位名称,点位类型,区域,责任单位
      城东农贸市场,农贸市场,城东区,城东区市场监管局
      火车站公交站,公交站点,城西区,交通运输
      人民广场,广场,城西区,城管局
      北门广场,广场,城北区,城管局
      西门菜场,农贸市场,城西区,市场监管局
      汽车站,客运场站,城西区,交通 运输局

      """)
    let r = try run(["point", ws, "import", s.path + "/points.csv"])
    #expect(r.status == 0 && r.stdout.contains("新增单位：城管局") && r.stdout.contains("导入点位 6 个"), "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains("第 6 行") && r.stderr.contains("城东区市场监管局、城西区市场监管局"), "\(r.stderr)")
    // CSV lines end in CR LF: one Character, so split at any line break.
    let rows = try run(["point", ws, "list", "--format", "csv"]).stdout.split(whereSeparator: \.isNewline)
    for (point, unit) in [("城东农贸市场", "城东区市场监管局"), ("火车站公交站", "交通运输局"), ("人民广场", "城管局"), ("北门广场", "城管局"),
                          ("汽车站", "交通运输局")] {
      #expect(rows.contains { $0.contains(point) && $0.contains(unit) }, "\(point) \(unit): \(rows)")
    }
    #expect(rows.contains { $0.hasPrefix("西门菜场,农贸市场,城西区,,") }, "\(rows)")
    let units = try run(["unit", ws, "list"]).stdout
    #expect(units.components(separatedBy: "城管局").count == 2, "\(units)")
    // Again: nothing new, the unit made once.
    let again = try run(["point", ws, "import", s.path + "/points.csv"])
    #expect(again.status == 0 && !again.stdout.contains("新增单位") && again.stdout.contains("导入点位 0 个"), "\(again.stdout)")
  }

  /// Results and figures that come in after the next round has started
  /// go to the round `--round` names (by its name or id), not to the
  /// latest; a name of no round is refused with the rounds there are, and
  /// nothing is written.
  @Test func lateResultsGoToTheRoundNamed() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    func run(_ args: [String]) throws -> Binary.Result { try s.chuangwen(args, device: "office") }
    func ok(_ args: [String]) throws -> String {
      let r = try run(args)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      return r.stdout
    }
    _ = try ok(["init", ws, "--template", "blank"])
    s.write("evaluation.csv", Self.evaluation)
    _ = try ok(["import", ws, s.path + "/evaluation.csv"])
    _ = try ok(["point", ws, "add", "城东农贸市场", "--type", "农贸市场", "--area", "城东区"])
    _ = try ok(["round", ws, "start", "第3次"])
    _ = try ok(["round", ws, "score", "城东农贸市场", "1.1.1.1", "pass"])
    let started = try run(["round", ws, "start", "第4次"])
    #expect(started.status == 0 && started.stderr.contains("第3次 尚未结束") && started.stderr.contains("--round 第3次"), "\(started.stderr)")
    // Both rounds are open; the third's last result and its figures come now.
    _ = try ok(["round", ws, "score", "城东农贸市场", "1.1.1.2", "partial", "--lost", "1", "--round", "第3次"])
    _ = try ok(["round", ws, "figures", "--material", "80", "--survey", "90", "--round", "第3次"])
    _ = try ok(["round", ws, "close", "--round", "第3次"])
    let third = try ok(["report", ws, "--by", "score", "--round", "第3次"])
    // Site 5 of 6; combined 0.4 × 80 + 0.4 × 83.3 + 0.2 × 90 = 83.3.
    #expect(third.contains("83.3") && third.contains("全市") && third.contains("83%"), "\(third)")
    let fourth = try ok(["report", ws, "--by", "score", "--round", "第4次"])
    #expect(!fourth.contains("全市") && !fourth.contains("综合"), "\(fourth)")
    // The names --round takes, each round's state and figures.
    let rounds = try ok(["round", ws, "list", "--format", "csv"]).split(whereSeparator: \.isNewline)
    #expect(rounds.count == 3 && rounds[1].hasPrefix("第3次,") && rounds[1].hasSuffix(",已结束,1,2,83%,80,90,83.3")
            && rounds[2].hasPrefix("第4次,") && rounds[2].hasSuffix(",进行中,0,0,—,—,—,—"), "\(rounds)")
    let before = s.files()
    for (args, says) in [
      (["round", ws, "score", "城东农贸市场", "1.1.1.1", "pass", "--round", "第3次"], "第3次 is closed"),
      (["round", ws, "figures", "--material", "70", "--round", "第9次"], "the rounds: 第3次、第4次"),
      (["round", ws, "start", "第5次", "--round", "第3次"], "--round goes with score, close or figures"),
      (["round", ws, "close", "--format", "csv"], "--format goes with round list"),
      (["round", ws, "start", "第5次\u{1B}[2J"], "expected text without control characters"),
    ] {
      let r = try run(args)
      #expect(r.status == 64 && r.stderr.contains(says), "\(args): \(r.status) \(r.stderr)")
    }
    #expect(s.files() == before)
    // Without --round: the latest open round, the fourth.
    _ = try ok(["round", ws, "close"])
    let none = try run(["round", ws, "close"])
    #expect(none.status == 64 && none.stderr.contains("no round is open"), "\(none.stderr)")
  }
}
