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
    guard u.count == 20, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x5A,
      let day = Day(isoUTF8: UnsafeBufferPointer(rebasing: u[0..<10])),
      let hour = Day.number(u, 11..<13), let minute = Day.number(u, 14..<16), let second = Day.number(u, 17..<19),
      hour < 24, minute < 60, second < 60
    else { return nil }
    self = .utc(Int64(day.ordinal * 86_400 + hour * 3_600 + minute * 60 + second))
  }

  /// As the line writes it.
  public var text: String {
    switch self {
    case .written(let w): return w.text
    case .utc(let seconds):
      let (days, rest) = Moment.split(seconds)
      func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
      return "\(Day(ordinal: days))T\(two(rest / 3_600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
  }

  /// Days since 1970-01-01 and the seconds into the last.
  private static func split(_ seconds: Int64) -> (days: Int, seconds: Int) {
    let s = Int(seconds)
    let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
    return (days, s - days * 86_400)
  }

  /// Its day in UTC, when it has one (the UTC form, or a text that
  /// begins with a date); without making its text.
  public var day: Day? {
    switch self {
    case .written(let w): return Day(iso: String(w.text.prefix(10)))
    case .utc(let seconds): return Day(ordinal: Moment.split(seconds).days)
    }
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
