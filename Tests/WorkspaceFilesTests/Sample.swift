import Domain

/// A small campaign with every facet, for round trips and replays.
enum Sample {
  static func campaign() -> Campaign {
    var quota = Quota(target: 12, perMonth: 1, measureWord: "次")
    quota.activities = [Activity(id: "act-1", date: Day(iso: "2022-01-15")!, count: 2, note: "集中服务")]
    return Campaign(
      id: "sample", title: "样例创建方案", start: Day(iso: "2021-01-01"), end: Day(iso: "2023-12-31"),
      source: "测试", units: [Unit(id: "u1", name: "市教育局"), Unit(id: "u2", name: "团市委")],
      nodes: [
        Node(id: "g1", kind: .group, title: "责任体系"),
        Node(id: "t1", parent: "g1", kind: .task, title: "签订责任书", lead: "u1", support: ["u2"],
             due: Day(iso: "2022-12-31"), status: .doing, note: "与全市63所中小学签订",
             problems: [Problem(id: "p1", text: "台账不全", unit: "u1", due: Day(iso: "2022-06-30"), found: Day(iso: "2022-06-01"))]),
        Node(id: "t2", parent: "g1", kind: .item, title: "志愿服务", quota: quota),
        Node(id: "i1", kind: .indicator, title: "学前教育毛入园率",
             indicator: Indicator(unit: "%", baseline: "90", target: "95", current: "92", attribute: .binding)),
        Node(id: "b1", kind: .base, title: "将军楼旧址", status: .done,
             site: Site(address: "格尔木市", level: "national", contact: nil, category: "旧址")),
      ])
  }
}
