/// Items marked done week by week, from the journal, and what that pace
/// means for the deadline: the progress chart's numbers.
public struct Pace: Sendable {
  /// Monday of each week, oldest first, up to this week.
  public var weeks: [Day]
  /// Items marked done in each week (the last time each was marked done).
  public var done: [Int]
  /// Leaves not done now.
  public var remaining: Int
  /// Mean items done per week over the last four weeks.
  public var recentRate: Double
  public var deadline: Day?
  public let today: Day

  /// The Monday of a day's week.
  public static func monday(_ d: Day) -> Day {
    // 1970-01-01 was a Thursday: ordinal 0 is weekday 3 counting from Monday.
    let weekday = ((d.ordinal % 7) + 7 + 3) % 7
    return d.adding(days: -weekday)
  }

  /// The pace over the last `count` weeks up to `today`'s, or up to the
  /// plan's last week once its period is over (its weeks, not empty ones
  /// after it).
  public init(_ c: Campaign, events: some Collection<Event>, today: Day, count: Int) {
    self.today = today
    deadline = c.end
    let thisWeek = Pace.monday(min(today, c.end ?? today))
    let n = max(1, count)
    weeks = (0..<n).map { thisWeek.adding(days: -7 * (n - 1 - $0)) }
    done = Array(repeating: 0, count: n)
    // The last "done" of each node that is still done counts once, in its week.
    var last: [String: Day] = [:]
    for e in events {
      guard case .set(let node, .status, let value) = e.op, let day = e.moment.day else { continue }
      if value == .text(Status.done.rawValue) { last[node] = day } else { last[node] = nil }
    }
    for (node, day) in last where c.node(node)?.status == .done {
      let k = thisWeek.days(since: Pace.monday(day)) / 7
      if k >= 0 && k < n { done[n - 1 - k] += 1 }
    }
    remaining = c.nodes.indices.filter { c.childrenOf[$0].isEmpty && c.nodes[$0].status != .done }.count
    recentRate = Double(done.suffix(4).reduce(0, +)) / Double(min(4, n))
  }

  /// Weeks the remaining items take at the recent rate; nil when nothing
  /// was done lately.
  public var weeksNeeded: Int? {
    guard recentRate > 0 else { return remaining == 0 ? 0 : nil }
    return Int((Double(remaining) / recentRate).rounded(.up))
  }

  /// Whole weeks from today to the deadline (negative when past).
  public var weeksLeft: Int? { deadline.map { $0.days(since: today) / 7 } }
}
