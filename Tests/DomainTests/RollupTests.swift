import Testing
@testable import Domain

@Suite struct RollupTests {
  static let today = Day(iso: "2022-07-01")!

  static func campaign() -> Campaign {
    Campaign(id: "r", title: "测试", nodes: [
      Node(id: "a", kind: .group, title: "甲"),
      Node(id: "a1", parent: "a", kind: .task, title: "完成", due: Day(iso: "2022-01-01"), status: .done),
      Node(id: "a2", parent: "a", kind: .task, title: "逾期", due: Day(iso: "2022-06-30")),
      Node(id: "a3", parent: "a", kind: .item, title: "配额", quota: Quota(target: 4, activities: [
        Activity(id: "x", date: Day(iso: "2022-01-02")!), Activity(id: "y", date: Day(iso: "2022-02-02")!),
      ])),
      Node(id: "b", kind: .group, title: "乙"),
      Node(id: "b1", parent: "b", kind: .indicator, title: "指标",
           indicator: Indicator(unit: "%", baseline: "80", target: "100", current: "95", attribute: .expected)),
      Node(id: "b2", parent: "b", kind: .task, title: "今天到期", due: today,
           problems: [Problem(id: "p", text: "问题", due: Day(iso: "2022-06-01"))]),
    ])
  }

  @Test func leavesRollUpAsTheMeanOfLeaves() {
    let c = Self.campaign()
    let r = Rollup(c, today: Self.today)
    let i = { c.index[$0]! }
    #expect(r.fraction[i("a1")] == 1)
    #expect(r.fraction[i("a2")] == 0)
    #expect(r.fraction[i("a3")] == 0.5)  // 2 of 4 logged
    #expect(abs(r.fraction[i("b1")] - 0.75) < 1e-9)  // 80 → 95 of 80 → 100
    #expect(r.fraction[i("a")] == 0.5)  // (1 + 0 + 0.5) / 3
    #expect(r.leaves[i("a")] == 3)
    #expect(abs(r.overall - (1 + 0 + 0.5 + 0.75 + 0) / 5) < 1e-9)
  }

  /// Issue 15, defect 6: `+` on a parent with a quota of 50 showed 1/50
  /// in its detail while the tree and the rollups ignored it. A parent's
  /// own quota is one more item beside its leaves.
  @Test func aParentsOwnQuotaCountsAsAnItem() {
    var c = Self.campaign()
    let a = c.index["a"]!
    c.apply(.set(node: "a", field: .quota, value: QuotaTerms(target: 50, measureWord: "个").value))
    var r = Rollup(c, today: Self.today)
    #expect(r.leaves[a] == 4)
    let quarter: Double = 1.5 / 4
    #expect(r.fraction[a] == quarter)
    let before = c.nodes[a]
    for k in 0..<25 { c.apply(.addActivity(node: "a", activity: Activity(id: "q\(k)", date: Self.today))) }
    r.refresh(a, was: before, in: c)
    let half: Double = 2.0 / 4
    #expect(r.fraction[a] == half)
    let rebuilt = Rollup(c, today: Self.today)
    #expect(rebuilt.fraction[a] == r.fraction[a] && rebuilt.overall == r.overall)
    // Logged activities are never dropped with their quota.
    let cleared = c.apply(.set(node: "a", field: .quota, value: .null))
    #expect(!cleared)
    #expect(c.nodes[a].quota?.activities.count == 25)
  }

  @Test func quotasAreTypedAsPeopleWriteThem() {
    #expect(QuotaTerms(typed: "12次，每月1") == QuotaTerms(target: 12, perMonth: 1, measureWord: "次"))
    #expect(QuotaTerms(typed: " 120 节 ") == QuotaTerms(target: 120, measureWord: "节"))
    #expect(QuotaTerms(typed: "每年12次; 每月 1 次") == QuotaTerms(target: 12, perMonth: 1))
    #expect(QuotaTerms(typed: "50") == QuotaTerms(target: 50))
    #expect(QuotaTerms(typed: "12 场次, 1 a month") == QuotaTerms(target: 12, perMonth: 1, measureWord: "场次"))
    for bad in ["", "次", "abc", "12 次 13", "12次，每周2", "-3", "1234567890", "12次，每月"] {
      #expect(QuotaTerms(typed: bad) == nil, "\(bad)")
    }
    let t = QuotaTerms(target: 12, perMonth: 1, measureWord: "次")
    #expect(QuotaTerms(typed: t.typed(.zh)) == t && QuotaTerms(typed: t.typed(.en)) == t)
    #expect(QuotaTerms(t.value) == t)
  }

  /// A plan's period as typed at the dashboard's C and `plan --period`;
  /// month grids show its months, not the calendar year's.
  @Test func periodsAreTypedAsOfficesWriteThem() {
    let whole = Period(start: Day(iso: "2021-01-01")!, end: Day(iso: "2023-12-31")!)!
    for text in ["2021-2023", "2021—2023", "2021年—2023年", " 2021年至2023年 ", "2021 ~ 2023"] {
      #expect(Period(typed: text) == whole, "\(text)")
    }
    #expect(Period(typed: "2021-03-01 至 2023-12-31")?.start == Day(iso: "2021-03-01"))
    #expect(Period(typed: "2024") == Period(start: Day(iso: "2024-01-01")!, end: Day(iso: "2024-12-31")!))
    for bad in ["", "2023-2021", "abc", "21-23", "2021-13-01 至 2023-12-31", "2021/2023", "2021-2023-2025"] {
      #expect(Period(typed: bad) == nil, "\(bad)")
    }
    #expect(Period(typed: whole.typed) == whole)
    #expect(whole.gridYear(on: Day(iso: "2026-11-30")!) == 2023)
    #expect(whole.gridYear(on: Day(iso: "2022-06-15")!) == 2022)
    #expect(whole.gridYear(on: Day(iso: "2019-06-15")!) == 2021)
  }

  @Test func overdueIsDerivedFromTheInjectedDay() {
    let c = Self.campaign()
    let r = Rollup(c, today: Self.today)
    let i = { c.index[$0]! }
    #expect(r.overdue[i("a2")] == 1)  // due yesterday, not done
    #expect(r.overdue[i("a1")] == 0)  // done
    // Due today is not overdue; its problem, past its fix-by date, is
    // (the one definition: `Rollup.overdueCount`).
    #expect(r.overdue[i("b2")] == 1)
    #expect(r.overdue[i("a")] == 1)
    let later = Rollup(c, today: Self.today.adding(days: 1))
    #expect(later.overdue[i("b2")] == 2)
    #expect(r.rectifying[i("b")] == 1)
    #expect(Rollup.isOverdue(c.nodes[i("b2")].problems[0], today: Self.today))
  }

  @Test func statsCountKindsStatusesAndProblems() {
    let s = CampaignStats(Self.campaign(), today: Self.today)
    #expect(s.nodes == 7)
    #expect(s.byKind[.group] == 2)
    #expect(s.byKind[.task] == 3)
    #expect(s.byStatus[.done] == 1)
    #expect(s.leaves == 5)
    #expect(s.overdue == 2)  // a2, and b2's problem
    #expect(s.rectifying == 1)
    #expect(s.problems[.open] == 1)
    #expect(s.activities == 2)
  }

  @Test func quotaCountsByMonthAndCapsAtOne() {
    var q = Quota(target: 2, perMonth: 1)
    q.activities = [
      Activity(id: "1", date: Day(iso: "2022-03-01")!, count: 2),
      Activity(id: "2", date: Day(iso: "2022-03-09")!),
      Activity(id: "3", date: Day(iso: "2022-04-01")!),
    ]
    #expect(q.count == 4)
    #expect(q.count(year: 2022, month: 3) == 3)
    #expect(q.count(year: 2022, month: 5) == 0)
    #expect(q.fraction == 1)
  }

  @Test func indicatorNumbersAreReadFromText() {
    #expect(Indicator.number(in: "≥95.5") == 95.5)
    #expect(Indicator.number(in: "100%") == 100)
    #expect(Indicator.number(in: "全覆盖") == nil)
    let falling = Indicator(unit: "人", baseline: "20", target: "10", current: "15", attribute: .binding)
    #expect(falling.fraction == 0.5)
  }

  @Test func refreshingOneNodeMatchesRebuilding() {
    var c = Templates.golmud()
    let today = Day(iso: "2022-06-15")!
    var rollup = Rollup(c, today: today)
    var rng = Synthetic.Rng(seed: 42)
    for k in 0..<300 {
      let i = Int.random(in: 0..<c.nodes.count, using: &rng)
      let id = c.nodes[i].id
      let op: Operation
      switch k % 7 {
      case 5:
        // A quota set on any node, a parent too (counted as its own item).
        op = .set(node: id, field: .quota, value: QuotaTerms(target: Int.random(in: 0...20, using: &rng)).value)
      case 6: op = .set(node: id, field: .quota, value: .null)
      case 0: op = .set(node: id, field: .status, value: .text(Status.allCases.randomElement(using: &rng)!.rawValue))
      case 1: op = .addActivity(node: id, activity: Activity(id: "a\(k)", date: today))
      case 2: op = .addProblem(node: id, problem: Problem(id: "p\(k)", text: "问题"))
      case 3: op = .setProblem(node: id, problem: "p\(k - 1)", state: .fixed)
      default: op = .set(node: id, field: .due, value: Bool.random(using: &rng) ? .text("2021-01-01") : .null)
      }
      let before = c.nodes[i]
      c.apply(op)
      rollup.refresh(i, was: before, in: c)
    }
    let rebuilt = Rollup(c, today: today)
    #expect(rollup.overdue == rebuilt.overdue && rollup.rectifying == rebuilt.rectifying)
    #expect(zip(rollup.fraction, rebuilt.fraction).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(abs(rollup.overall - rebuilt.overall) < 1e-9 && rebuilt.overall > 0)
  }
}

@Suite struct TreeTests {
  /// Stepping one node at a time visits the outline's order, both ways,
  /// wrapping; the id table finds every node and nothing else.
  @Test func steppingFollowsThePreorder() {
    for c in [RollupTests.campaign(), Synthetic.campaign(nodes: 700, seed: 9), Templates.build("golmud")!] {
      let order = c.preorder()
      #expect(order.count == c.nodes.count && Set(order).count == c.nodes.count)
      for (k, i) in order.enumerated() {
        #expect(c.next(inPreorder: i) == order[(k + 1) % order.count])
        #expect(c.previous(inPreorder: i) == order[(k + order.count - 1) % order.count])
      }
      for i in c.nodes.indices { #expect(c.index[c.nodes[i].id] == i) }
      #expect(c.index["no such id"] == nil && c.index[""] == nil)
    }
  }

  @Test func codesFollowPlacesAndResolve() {
    let c = RollupTests.campaign()
    #expect(c.code(c.index["a3"]!) == "1.3")
    #expect(c.code(c.index["b2"]!) == "2.2")
    #expect(c.resolve("2.1") == c.index["b1"])
    #expect(c.resolve("b1") == c.index["b1"])
    #expect(c.resolve("3") == nil)
    #expect(c.resolve("1.0") == nil)
    #expect(c.resolve("") == nil)
    #expect(c.preorder().map { c.nodes[$0].id } == ["a", "a1", "a2", "a3", "b", "b1", "b2"])
  }

  @Test func structuralEventsKeepTheTreeWhole() {
    var c = RollupTests.campaign()
    c.apply(.addNode(node: Node(id: "n", parent: "a", kind: .item, title: "新"), after: "a1"))
    #expect(c.code(c.index["n"]!) == "1.2")
    c.apply(.moveNode(node: "n", parent: "b", after: nil))
    #expect(c.code(c.index["n"]!) == "2.3")
    // Moving a node under its own child is refused.
    c.apply(.moveNode(node: "b", parent: "n", after: nil))
    #expect(c.nodes[c.index["b"]!].parent == nil)
    c.apply(.removeNode(node: "a"))
    #expect(c.node("a1") == nil)
    #expect(c.code(c.index["b"]!) == "1")
    let applied = c.apply(.set(node: "a1", field: .status, value: .text("done")))
    #expect(applied == false)
  }

  @Test func structureIssuesAreFound() {
    let c = Campaign(id: "x", title: "x", units: [Unit(id: "u1", name: "甲")], nodes: [
      Node(id: "a", parent: "b", kind: .task, title: "1"),
      Node(id: "b", parent: "a", kind: .task, title: "2"),
      Node(id: "b", kind: .task, title: "3", lead: "u2"),
      Node(id: "c", parent: "zz", kind: .task, title: "4", support: ["u1", "u3"]),
    ])
    let rules = c.structuralIssues().map(\.rule)
    #expect(rules.contains(.duplicateNode("b")))
    #expect(rules.contains(.missingParent("zz")))
    #expect(rules.contains(.unknownUnit("u2")))
    #expect(rules.contains(.unknownUnit("u3")))
    #expect(rules.contains(.cycle))
    // A damaged tree still has a shape: every node is reachable.
    #expect(c.preorder().count == 4)
  }

  @Test func setFieldsAndUndoValues() {
    var n = Node(id: "a", kind: .task, title: "甲")
    let before = n.value(of: .status)
    let results = [
      n.set(.status, .text("doing")), !n.set(.status, .text("bogus")),
      !n.set(.due, .text("2022-02-30")), n.set(.status, before),
    ]
    #expect(results == [true, true, true, true])
    #expect(n.status == .todo)
    let setSupport = n.set(.support, .list(["u1", "u2"]))
    #expect(setSupport)
    #expect(n.value(of: .support) == .list(["u1", "u2"]))
  }

  @Test func languageChoiceFollowsLocale() {
    #expect(Lang.choose(explicit: nil, environment: [:]) == .zh)
    #expect(Lang.choose(explicit: nil, environment: ["LANG": "en_US.UTF-8"]) == .en)
    #expect(Lang.choose(explicit: nil, environment: ["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"]) == .zh)
    #expect(Lang.choose(explicit: "en", environment: ["LANG": "zh_CN.UTF-8"]) == .en)
  }

  /// A leaf whose counts two bits say (done or not, overdue or not, no
  /// open problem) keeps no row; every other node keeps one. Each node's
  /// counts are the ones counted here node by node.
  @Test func plainLeavesKeepNoRow() {
    var c = Synthetic.campaign(nodes: 3_000, seed: 7)
    for i in stride(from: 1, to: c.nodes.count, by: 11) where c.childrenOf[i].isEmpty {
      c.update(i) { $0.problems = [Problem(id: "p\(i)", text: "问题", due: Day(iso: "2022-01-0\(i % 9 + 1)"))] }
    }
    let today = RollupTests.today
    let r = Rollup(c, today: today)
    let n = c.nodes.count
    var leaves = [Int](repeating: 0, count: n), overdue = leaves, rectifying = leaves
    var sums = [Double](repeating: 0, count: n)
    for i in c.preorder().reversed() {
      if c.childrenOf[i].isEmpty || c.nodes[i].hasQuota {
        leaves[i] += 1
        sums[i] += Rollup.leafFraction(c.nodes[i])
      }
      overdue[i] += Int(Rollup.overdueCount(c.nodes[i], today: today))
      rectifying[i] += c.nodes[i].needsRectification ? 1 : 0
      if let p = c.parent(of: i) {
        leaves[p] += leaves[i]
        sums[p] += sums[i]
        overdue[p] += overdue[i]
        rectifying[p] += rectifying[i]
      }
    }
    var plain = 0
    for i in 0..<n {
      #expect(r.leaves[i] == leaves[i] && r.overdue[i] == overdue[i] && r.rectifying[i] == rectifying[i], "node \(i)")
      #expect(r.fraction[i] == sums[i] / Double(leaves[i]), "node \(i)")
      if c.childrenOf[i].isEmpty && overdue[i] <= 1 && rectifying[i] == 0 && (sums[i] == 0 || sums[i] == 1) { plain += 1 }
    }
    #expect(r.rowCount == n - plain)
    #expect(plain > n / 2 && rectifying.contains { $0 > 0 } && overdue.contains { $0 > 1 })
  }

  /// Counted in parts (each node's own share, then added up the tree) the
  /// rollup is the one `count` gives, to the bit: on generated trees
  /// (quotas, problems, deadlines), with parents given quotas of their
  /// own, in halves and in one part; and on a tree whose parents do not
  /// all come first, which `count` alone takes.
  @Test func partsCountAsTheWhole() {
    let sequential: ([@Sendable () -> [Int]]) -> [[Int]] = { $0.map { $0() } }
    for seed in 1...4 as ClosedRange<UInt64> {
      var c = Synthetic.campaign(nodes: 3_000, seed: seed)
      // Some parents with quotas of their own: counted after their children.
      for i in stride(from: 0, to: c.nodes.count, by: 37) where !c.childrenOf[i].isEmpty {
        c.update(i) { $0.quota = Quota(target: 7, activities: [Activity(id: "q\(i)", date: RollupTests.today)]) }
      }
      var later = c
      later.move(c.nodes[0].id, to: c.nodes[c.nodes.count - 1].id)
      for campaign in [c, later] {
        let whole = Rollup(campaign, today: RollupTests.today, halvesFrom: nil, running: sequential)
        for halvesFrom in [2, Int.max] {
          let parts = Rollup(campaign, today: RollupTests.today, halvesFrom: halvesFrom, running: sequential)
          #expect(parts.leaves == whole.leaves)
          #expect(parts.overdue == whole.overdue)
          #expect(parts.rectifying == whole.rectifying)
          #expect(Array(parts.fraction) == Array(whole.fraction))
          #expect(parts.overall == whole.overall)
        }
      }
    }
  }
}
