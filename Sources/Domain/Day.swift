/// A calendar date with no time zone: deadlines, activity dates, "today".
///
/// Days are compared and subtracted through their ordinal (days since
/// 1970-01-01), computed with the proleptic Gregorian calendar, so the
/// domain never needs Foundation's calendars or the machine's clock.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// year·512 + month·32 + day in four bytes: a million nodes' deadlines
  /// stay small, and packed days compare in calendar order. Never 0 (a
  /// node keeps no deadline as 0).
  package let packed: Int32

  /// The day whose `packed` this is.
  package init(packed: Int32) { self.packed = packed }

  public var year: Int { Int(packed >> 9) }
  public var month: Int { Int((packed >> 5) & 15) }
  public var day: Int { Int(packed & 31) }

  private init(unchecked year: Int, _ month: Int, _ day: Int) {
    packed = Int32(truncatingIfNeeded: year << 9 | month << 5 | day)
  }

  /// A valid date, or nil (month 13, February 30th...).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= Day.daysIn(month: month, year: year)
    else { return nil }
    self.init(unchecked: year, month, day)
  }

  /// Parses `YYYY-MM-DD` exactly.
  public init?(iso text: String) {
    var text = text
    guard let day = text.withUTF8({ Day(isoUTF8: $0) }) else { return nil }
    self = day
  }

  /// The same from UTF-8 bytes, where they lie: this runs for every date
  /// of a file.
  public init?(isoUTF8 b: UnsafeBufferPointer<UInt8>) {
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y = Day.number(b, 0..<4), let m = Day.number(b, 5..<7), let d = Day.number(b, 8..<10)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The decimal number of the digits at `r`; nil for anything else.
  static func number(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
    var v = 0
    for k in r {
      let c = b[k] &- UInt8(ascii: "0")
      guard c <= 9 else { return nil }
      v = v * 10 + Int(c)
    }
    return v
  }

  /// The day `ordinal` days after 1970-01-01 (Howard Hinnant's algorithm).
  public init(ordinal: Int) {
    let z = ordinal + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Days since 1970-01-01.
  public var ordinal: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

  /// The last day of this day's month.
  public var endOfMonth: Day {
    Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
  }

  /// Whole days from `other` to `self` (positive when `self` is later).
  public func days(since other: Day) -> Int { ordinal - other.ordinal }

  public static func < (a: Day, b: Day) -> Bool { a.packed < b.packed }

  public var description: String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let y = String(year)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
      + two(month) + "-" + two(day)
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
