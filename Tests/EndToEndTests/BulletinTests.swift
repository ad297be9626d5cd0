import Domain
import Foundation
import GoldenFiles
import Testing
import WorkspaceFiles

/// Issue 17: the 督查通报 and the 督办单, from a workspace whose journals
/// span six weeks of two supervisors' work.
@Suite struct BulletinTests {
  /// Golmud, and two laptops' journals from May to late June 2022 (UTC
  /// times; the tests run with TZ=UTC).
  static func workspace(_ s: Scratch) throws -> String {
    let ws = s.path + "/ws"
    var clock = 0
    func event(_ device: String, _ user: String, _ seq: Int, _ at: String, _ op: Domain.Operation) -> Event {
      clock += 1
      return Event(device: device, seq: seq, clock: clock, user: user, at: at + "T02:30:00Z", op: op)
    }
    let d = { Day(iso: $0)! }
    let one = [
      ("2022-05-10", Domain.Operation.set(node: "gm-1-1", field: .status, value: .text("done"))),
      ("2022-05-20", .addProblem(node: "gm-2-1", problem: Problem(id: "p1", text: "讲解员不足", due: d("2022-06-01"), found: d("2022-05-20")))),
      ("2022-06-02", .addActivity(node: "gm-1-6", activity: Activity(id: "a1", date: d("2022-06-02"), count: 20))),
      ("2022-06-09", .setProblem(node: "gm-2-1", problem: "p1", state: .fixed)),
      ("2022-06-10", .set(node: "gm-1-5", field: .status, value: .text("done"))),
      ("2022-06-13", .addActivity(node: "gm-3-1-1-1-1", activity: Activity(id: "a2", date: d("2022-06-13")))),
      ("2022-06-13", .set(node: "gm-3-1-1-1-1", field: .status, value: .text("doing"))),
      // A service order placed, dispatched, done and rated in the week.
      ("2022-06-13", .orderStep(order: "o1", step: .place(Order(id: "o1", at: "gm-3-1-1-1-1", what: "上门理发", placed: d("2022-06-13"))), on: d("2022-06-13"))),
      ("2022-06-13", .orderStep(order: "o1", step: .dispatch(team: "gm-3-2-1"), on: d("2022-06-13"))),
      ("2022-06-14", .orderStep(order: "o1", step: .accept, on: d("2022-06-14"))),
      ("2022-06-14", .orderStep(order: "o1", step: .finish(note: "理发3人"), on: d("2022-06-14"))),
      ("2022-06-15", .orderStep(order: "o1", step: .rate(.requester, stars: 5, comment: ""), on: d("2022-06-15"))),
      ("2022-06-20", .setProblem(node: "gm-2-1", problem: "p1", state: .closed)),
    ]
    let two = [
      ("2022-06-08", Domain.Operation.addProblem(node: "gm-2-2", problem: Problem(id: "p2", text: "展板破损", due: d("2022-06-12"), found: d("2022-06-08")))),
      ("2022-06-14", .set(node: "gm-1-3", field: .status, value: .text("done"))),
      ("2022-06-21", .set(node: "gm-1-4", field: .status, value: .text("done"))),
    ]
    // Interleaved by day, so the clocks follow the days.
    var a: [Event] = [], b: [Event] = []
    var i = 0, j = 0
    while i < one.count || j < two.count {
      if j >= two.count || (i < one.count && one[i].0 <= two[j].0) {
        a.append(event("lap-1", "张三", a.count + 1, one[i].0, one[i].1)); i += 1
      } else {
        b.append(event("lap-2", "李四", b.count + 1, two[j].0, two[j].1)); j += 1
      }
    }
    try Workspace.create(at: ws, campaign: Templates.golmud(), journals: [a, b], signed: true)
    return ws
  }

  func run(_ s: Scratch, _ args: [String]) throws -> Binary.Result {
    try Binary.run(args, home: s.path, environment: ["TZ": "UTC", "CHUANGWEN_TODAY": "2022-06-30"])
  }

  @Test func aWeeksBulletinAndAUnitsNotice() throws {
    let s = Scratch()
    let ws = try Self.workspace(s)
    let week = ["--from", "2022-06-09", "--to", "2022-06-15"]
    var r = try run(s, ["bulletin", ws, "--format", "md"] + week)
    #expect(r.status == 0, "\(r.stderr)")
    assertGolden(r.stdout, "bulletin-week.md", folder: "Golden")
    // What was true then: p1 fixed (closed only on the 20th), 1.4 not done.
    #expect(r.stdout.contains("2022年第24期") && r.stdout.contains("整改完成待复查 1 个"), "\(r.stdout)")
    #expect(!r.stdout.contains("1.4 学习贯彻"), "done after the period")
    #expect(r.stdout.contains("本期点单 1 个，完成 1 个（平均评分 5.0）"), "\(r.stdout)")
    let text = try run(s, ["bulletin", ws, "--format", "text"] + week)
    assertGolden(text.stdout, "bulletin-week.text", folder: "Golden")
    let notice = try run(s, ["bulletin", ws, "--unit", "宣传部", "--format", "md"] + week)
    #expect(notice.status == 0, "\(notice.stderr)")
    assertGolden(notice.stdout, "notice-week.md", folder: "Golden")

    // Later work does not change a past period's bulletin.
    r = try run(s, ["mark", ws, "1.7.1", "--status", "done", "--device", "office"])
    #expect(r.status == 0, "\(r.stderr)")
    r = try run(s, ["problem", ws, "2.2", "close", "--device", "office"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try run(s, ["bulletin", ws, "--format", "md"] + week).stdout == (try run(s, ["bulletin", ws, "--format", "md"] + week)).stdout)
    let again = try run(s, ["bulletin", ws, "--format", "md"] + week)
    assertGolden(again.stdout, "bulletin-week.md", folder: "Golden")

    // Bad input: said, exit 64, nothing written.
    let before = s.files()
    for args in [["--from", "2022-06-20", "--to", "2022-06-10"], ["--to", "2022-13-45"], ["--unit", "不存在的单位"], ["--issue", "0"]] {
      r = try run(s, ["bulletin", ws] + args)
      #expect(r.status == 64, "\(args): \(r.stderr)")
    }
    #expect(s.files() == before)
  }

  /// The HTML through a real browser where one is installed: printed to
  /// PDF on A4, no script in it, the sections and the Chinese present.
  @Test func theBulletinPrintsInABrowser() throws {
    let s = Scratch()
    let ws = try Self.workspace(s)
    let r = try run(s, ["bulletin", ws, "--from", "2022-06-09", "--to", "2022-06-15", "--format", "html", "-o", s.path + "/b.html"])
    #expect(r.status == 0, "\(r.stderr)")
    let html = s.read("b.html")
    #expect(!html.lowercased().contains("<script") && html.contains("<h2>三、各单位排名（红黑榜）</h2>"))
    guard let browser = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(Browser.find).first else {
      print("skipped: no headless Chromium installed (apt-get install chromium) to print the bulletin")
      return
    }
    let pdf = s.path + "/b.pdf"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: browser)
    p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + s.path + "/b.html"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    let data = FileManager.default.contents(atPath: pdf) ?? Data()
    #expect(data.starts(with: Array("%PDF".utf8)), "the browser printed no PDF")
  }
}

enum Browser {
  static func find(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }
}
