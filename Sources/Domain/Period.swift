/// A plan's period (创建周期) as people type it: "2021-2023", "2021年—2023年",
/// "2021-03-01 至 2023-12-31", or one year. Years stand for their first
/// and last days.
public struct Period: Equatable, Sendable {
  public var start: Day
  public var end: Day

  public init?(start: Day, end: Day) {
    guard start <= end else { return nil }
    self.start = start
    self.end = end
  }

  /// The separators between the two ends. The ASCII hyphen only between
  /// two bare years: ISO dates are written with it.
  static let separators = ["至", "到", "～", "~", "——", "—", "–", ".."]

  public init?(typed raw: String) {
    let text = raw.trimmingBlanks
    guard !text.isEmpty, text.count <= 40 else { return nil }
    func year(_ s: Substring) -> Int? {
      var t = String(s).trimmingBlanks
      if t.hasSuffix("年") { t.removeLast() }
      guard t.count == 4, t.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(t), y >= 1900, y <= 2200 else { return nil }
      return y
    }
    func first(_ s: Substring) -> Day? {
      if let y = year(s) { return Day(year: y, month: 1, day: 1) }
      return day(s)
    }
    func last(_ s: Substring) -> Day? {
      if let y = year(s) { return Day(year: y, month: 12, day: 31) }
      return day(s)
    }
    // A whole date, with its year: read as a table's 完成时限 is.
    func day(_ s: Substring) -> Day? {
      if case .date(let d) = readDeadline(String(s), year: nil) { return d }
      return nil
    }
    if let y = year(Substring(text)) {
      self.init(start: Day(year: y, month: 1, day: 1)!, end: Day(year: y, month: 12, day: 31)!)
      return
    }
    var parts: [Substring] = []
    for sep in Period.separators where text.contains(sep) {
      parts = text.split(separator: sep, omittingEmptySubsequences: true)
      break
    }
    if parts.isEmpty {
      // 2021-2023.
      let halves = text.split(separator: "-", omittingEmptySubsequences: true)
      if halves.count == 2, year(halves[0]) != nil, year(halves[1]) != nil { parts = halves }
    }
    guard parts.count == 2, let a = first(parts[0]), let b = last(parts[1]) else { return nil }
    self.init(start: a, end: b)
  }

  /// As typed: "2021-2023" when whole years, else the two days.
  public var typed: String {
    if start.month == 1 && start.day == 1 && end.month == 12 && end.day == 31 {
      return start.year == end.year ? "\(start.year)" : "\(start.year)-\(end.year)"
    }
    return "\(start) 至 \(end)"
  }

  /// The twelve months a month grid shows on `today`: the year of today
  /// while the period runs; before it, its first year; after it, its last.
  public func gridYear(on today: Day) -> Int {
    min(max(today.year, start.year), end.year)
  }
}

extension Campaign {
  /// The plan's period, when both ends are set (and in order).
  public var period: Period? {
    guard let start, let end else { return nil }
    return Period(start: start, end: end)
  }

  /// The year a month grid shows on `today` (see `Period.gridYear`).
  public func gridYear(on today: Day) -> Int { period?.gridYear(on: today) ?? today.year }
}
