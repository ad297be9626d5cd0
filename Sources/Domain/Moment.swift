/// When an event was made, as its journal line writes it.
///
/// The form this program writes, "2026-11-23T08:30:00Z" (UTC, to the
/// second), is kept as its seconds since 1970: as a String its 20 bytes
/// were a heap block of their own for each event, and a journal of a
/// million lines is held in memory at once. Anything else (another
/// program's form, a damaged line) is kept as written.
public enum Moment: Equatable, Sendable {
  case utc(Int64)
  case written(WrittenText)

  /// No moment: a line without "at".
  public static let empty = Moment.written(WrittenText(""))

  public init(_ text: String) {
    if text.isEmpty {
      self = .empty
      return
    }
    var text = text
    self = text.withUTF8 { Moment(utf8: $0) } ?? .written(WrittenText(text))
  }

  /// The UTC form's moment; nil for any other text, so that `text` gives
  /// back exactly what was read.
  public init?(utf8 u: UnsafeBufferPointer<UInt8>) {
    guard u.count == 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x5A
    else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
      var n = 0
      for k in from..<(from + count) {
        let d = u[k] &- 0x30
        guard d <= 9 else { return nil }
        n = n * 10 + Int(d)
      }
      return n
    }
    guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
      let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
      (1...12).contains(month), day >= 1, day <= Moment.days(inMonth: month, of: year),
      hour < 24, minute < 60, second < 60
    else { return nil }
    let days = Moment.daysFromEpoch(year: year, month: month, day: day)
    self = .utc(Int64(days * 86_400 + hour * 3_600 + minute * 60 + second))
  }

  /// As the line writes it.
  public var text: String {
    switch self {
    case .written(let w): return w.text
    case .utc(let seconds):
      let s = Int(seconds)
      let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
      let rest = s - days * 86_400
      let (y, m, d) = Moment.civil(fromDays: days)
      func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
      let year = String(y)
      return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-\(two(m))-\(two(d))T"
        + "\(two(rest / 3_600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
  }

  /// Its day in UTC, when it has one (the UTC form, or a text that
  /// begins with a date); without making its text.
  public var day: Day? {
    switch self {
    case .written(let w): return Day(iso: String(w.text.prefix(10)))
    case .utc(let seconds):
      let s = Int(seconds)
      let (y, m, d) = Moment.civil(fromDays: s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
      return Day(year: y, month: m, day: d)
    }
  }

  static func days(inMonth m: Int, of y: Int) -> Int {
    switch m {
    case 2: return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar
  /// (Howard Hinnant's `days_from_civil`).
  static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date `days` after 1970-01-01 (`civil_from_days`).
  static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}

/// A moment's text in any other form than the UTC one: a box, so that a
/// moment takes 9 bytes, not 17.
public final class WrittenText: Equatable, Sendable {
  public let text: String
  init(_ text: String) { self.text = text }
  public static func == (a: WrittenText, b: WrittenText) -> Bool { a.text == b.text }
}

/// Who made an event: the device and the user at it. A reader hands one
/// to all the events of a journal it reads (their device and user the
/// same), so an event holds a reference (8 bytes) where the two Strings
/// took 32.
public final class Author: Equatable, Sendable {
  public let device: String
  public let user: String

  public init(device: String, user: String) {
    self.device = device
    self.user = user
  }

  public static func == (a: Author, b: Author) -> Bool { a === b || (a.device == b.device && a.user == b.user) }
}
