import Dashboard
import Domain
import Foundation
import Testing
import TextScreen

/// Golden screens as text under `Snapshots/`: recorded when missing or when
/// `RECORD_SNAPSHOTS` is set, and the test fails after a recording.
func assertSnapshot(_ screen: Screen, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = folder.appendingPathComponent(name + ".txt")
  let text = screen.lines.joined(separator: "\n") + "\n"
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
  if !record, let data = FileManager.default.contents(atPath: file.path) {
    let golden = String(decoding: data, as: UTF8.self)
    #expect(golden == text, "screen \(name) differs from its golden file:\n\(text)", sourceLocation: sourceLocation)
    return
  }
  try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  try? Data(text.utf8).write(to: file)
  Issue.record("recorded \(file.lastPathComponent): check it and run the tests again", sourceLocation: sourceLocation)
}

/// Every line fits the screen by display width.
func expectFits(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
  for (k, line) in screen.lines.enumerated() {
    #expect(DisplayWidth.of(line) <= screen.width, "line \(k) is too wide: \(line)", sourceLocation: sourceLocation)
  }
}

let today = Day(iso: "2022-06-15")!

func config(_ lang: Lang = .zh, readOnly: Bool = false, role: Role = .supervisor) -> DashboardConfig {
  DashboardConfig(lang: lang, role: role, user: "张三", device: "lap-1", today: today,
                  readOnly: readOnly, idPrefix: "lap-1-s1")
}

/// The Golmud campaign with some work done, a problem and an overdue item.
func demo() -> Campaign {
  var c = Templates.golmud()
  c.apply(.set(node: "gm-1-1", field: .status, value: .text("done")))
  c.apply(.set(node: "gm-1-3", field: .status, value: .text("doing")))
  c.apply(.addProblem(node: "gm-2-1", problem: Problem(id: "p1", text: "讲解员不足", due: Day(iso: "2022-06-01"))))
  for (k, month) in [1, 2, 3, 5].enumerated() {
    c.apply(.addActivity(node: "gm-3-1-1-1-1", activity: Activity(id: "a\(k)", date: Day(year: 2022, month: month, day: 10)!)))
  }
  return c
}

func state(_ c: Campaign = demo(), _ cfg: DashboardConfig = config(), width: Int = 80, height: Int = 24) -> State {
  var s = State(campaign: c, history: [], config: cfg)
  _ = update(&s, .resize(width: width, height: height))
  return s
}

@discardableResult
func press(_ s: inout State, _ keys: Key...) -> [Effect] {
  var all: [Effect] = []
  for k in keys { all += update(&s, .key(k)) }
  return all
}

func type(_ s: inout State, _ text: String) {
  for ch in text { _ = update(&s, .key(.character(ch))) }
}
