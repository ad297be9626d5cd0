/// The one definition of overdue, used by every count and list (the top
/// bar, `stats`, the overdue filter, view 2, `report --by overdue`, the
/// documents): a node of any kind not done past its deadline, and a
/// problem not yet fixed past its fix-by date (an overdue rectification).
/// A node counts once for itself and once for each such problem.
extension Rollup {
  /// How many overdue things a node holds: itself, and its problems.
  public static func overdueCount(_ node: Node, today: Day) -> Int32 {
    (isOverdue(node.status, node.due, today: today) ? 1 : 0) + lateProblems(node.problems, today: today)
  }

  /// Its problems past their fix-by dates and not yet fixed.
  public static func lateProblems(_ problems: [Problem], today: Day) -> Int32 {
    var n: Int32 = 0
    for p in problems where isOverdue(p, today: today) { n += 1 }
    return n
  }
}
