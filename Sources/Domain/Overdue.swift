/// The one definition of overdue, used by every count and list (the top
/// bar, `stats`, the overdue filter, view 2, `report --by overdue`, the
/// documents): a node of any kind not done past its deadline, a problem
/// not yet fixed past its fix-by date (an overdue rectification), and a
/// service order waiting past its limit (`OrderLimits`), counted at the
/// node it was placed at. A node counts once for itself and once for each
/// such problem and order.
extension Rollup {
  /// How many overdue things a node holds: itself, and its problems.
  public static func overdueCount(_ node: Node, today: Day) -> Int32 {
    overdueCount(node.status, node.due, node.problems, today: today)
  }

  /// The same, of a node's fields read where it lies (`CampaignStats`: a
  /// node handed on whole from the nodes' memory was copied).
  static func overdueCount(_ status: Status, _ due: Day?, _ problems: [Problem], today: Day) -> Int32 {
    (isOverdue(status, due, today: today) ? 1 : 0) + lateProblems(problems, today: today)
  }

  /// The orders waiting past their limits, by the position of the node
  /// each was placed at (few: a campaign's orders, not its nodes).
  public static func lateOrders(_ c: Campaign, today: Day) -> [(node: Int, order: Int)] {
    let limits = c.orderLimits
    return c.orders.indices.compactMap { k in
      guard limits.lateness(c.orders[k], today: today) != nil, let i = c.position(of: c.orders[k].at) else { return nil }
      return (i, k)
    }
  }

  /// The node order `id` counts at while it waits past its limit (as
  /// `lateOrders` counts it); nil when it does not, or is not there.
  public static func lateNode(ofOrder id: String, in c: Campaign, today: Day) -> Int? {
    guard let o = c.orders.first(where: { $0.id == id }), c.orderLimits.lateness(o, today: today) != nil else { return nil }
    return c.position(of: o.at)
  }

  /// Its problems past their fix-by dates and not yet fixed.
  public static func lateProblems(_ problems: [Problem], today: Day) -> Int32 {
    var n: Int32 = 0
    for p in problems where isOverdue(p, today: today) { n += 1 }
    return n
  }
}
