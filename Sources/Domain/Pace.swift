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
  public init<E: RandomAccessCollection<Event>>(_ c: Campaign, events: E, today: Day, count: Int) where E.Index == Int {
    var work = Work(c, events: events.count, today: today, count: count)
    while true {
      if let pace = work.advance(c, events: events, budget: Int.max / 2) {
        self = pace
        return
      }
    }
  }

  fileprivate init(weeks: [Day], done: [Int], remaining: Int, deadline: Day?, today: Day) {
    self.weeks = weeks
    self.done = done
    self.remaining = remaining
    self.deadline = deadline
    self.today = today
    let n = done.count
    recentRate = Double(done.suffix(4).reduce(0, +)) / Double(min(4, n))
  }

  /// The pace counted a step at a time (the dashboard's progress chart,
  /// between keys): the events, then the items they marked done, then
  /// the leaves. It holds no copy of the campaign or the events between
  /// steps (each step is given them), so a change made meanwhile copies
  /// nothing; a change means counting again.
  public struct Work {
    private let today: Day
    private let thisWeek: Day
    private var done: [Int]
    /// The last "done" of each node that is still done counts once, in its week.
    private var last: [String: Day] = [:]
    private var step = Step.events
    private var at = 0
    private var lastAt: Dictionary<String, Day>.Index? = nil
    private var remaining = 0
    /// How many events and nodes have been read, and of about how many.
    private var read = 0, total: Int

    private enum Step { case events, marked, leaves, finished }

    /// For `events` events.
    public init(_ c: Campaign, events: Int, today: Day, count: Int) {
      self.today = today
      thisWeek = Pace.monday(min(today, c.end ?? today))
      done = Array(repeating: 0, count: max(1, count))
      // The items marked done are fewer than the events: counted as nodes.
      total = events + 2 * c.nodes.count
    }

    /// How far the work has got, 0 to 1.
    public var fraction: Double { min(1, Double(read) / Double(max(1, total))) }

    /// Reads about `budget` events or nodes; the pace once all are read.
    public mutating func advance<E: RandomAccessCollection<Event>>(_ c: Campaign, events: E, budget: Int) -> Pace? where E.Index == Int {
      var left = max(1, budget)
      let n = done.count
      while left > 0 {
        switch step {
        case .events:
          let end = min(events.count, at + left)
          for e in events[(events.startIndex + at)..<(events.startIndex + end)] {
            guard case .set(let node, .status, let value) = e.op, let day = e.moment.day else { continue }
            if value == .text(Status.done.rawValue) { last[node] = day } else { last[node] = nil }
          }
          left -= end - at + 1
          read += end - at
          at = end
          if at == events.count { step = .marked }
        case .marked:
          var i = lastAt ?? last.startIndex
          var spent = 0
          while spent < left && i != last.endIndex {
            let (node, day) = last[i]
            if c.node(node)?.status == .done {
              let k = thisWeek.days(since: Pace.monday(day)) / 7
              if k >= 0 && k < n { done[n - 1 - k] += 1 }
            }
            last.formIndex(after: &i)
            spent += 1
          }
          left -= spent + 1
          read += spent
          lastAt = i
          if i == last.endIndex {
            last = [:]
            lastAt = nil
            step = .leaves
            at = 0
          }
        case .leaves:
          let end = min(c.nodes.count, at + left)
          for i in at..<end where c.childrenOf[i].isEmpty && c.nodes[i].status != .done { remaining += 1 }
          left -= end - at + 1
          read += end - at
          at = end
          if at == c.nodes.count {
            let weeks = (0..<n).map { thisWeek.adding(days: -7 * (n - 1 - $0)) }
            step = .finished
            return Pace(weeks: weeks, done: done, remaining: remaining, deadline: c.end, today: today)
          }
        case .finished:
          return nil
        }
      }
      return nil
    }
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
