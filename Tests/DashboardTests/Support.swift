import Dashboard
import Domain
import Foundation
import GoldenFiles
import Testing
import TextScreen

/// Golden screens as text under `Snapshots/` (see `assertGolden`).
func assertSnapshot(_ screen: Screen, _ name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
  assertGolden(screen.lines.joined(separator: "\n") + "\n", name + ".txt", folder: "Snapshots",
               filePath: filePath, sourceLocation: sourceLocation)
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
  // A service order placed yesterday (not yet late: view 8).
  c.take(.place(Order(id: "o-1", at: "gm-3-1-1-1-1", what: "为独居老人上门理发", from: "王大爷", placed: Day(iso: "2022-06-14")!)),
         order: "o-1", on: Day(iso: "2022-06-14")!)
  return c
}

func state(_ c: Campaign = demo(), _ cfg: DashboardConfig = config(), width: Int = 80, height: Int = 24) -> State {
  var s = State(campaign: c, history: [], config: cfg)
  _ = update(&s, .resize(width: width, height: height))
  return s
}

/// What a key asked of the app loop, the journal's stamps aside (they
/// are the `Stamper`'s, tested in Domain).
enum Did: Equatable {
  case record(Domain.Operation)
  case quit
}

@discardableResult
func press(_ s: inout State, _ keys: Key...) -> [Did] {
  var all: [Did] = []
  for k in keys {
    for effect in update(&s, .key(k)) {
      switch effect {
      case .record(let event): all.append(.record(event.op))
      case .quit: all.append(.quit)
      case .keepEvidence: break
      }
    }
  }
  return all
}

func type(_ s: inout State, _ text: String) {
  for ch in text { _ = update(&s, .key(.character(ch))) }
}
