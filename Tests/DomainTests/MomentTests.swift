import Domain
import Testing

/// An event's moment kept as seconds when it is in the UTC form, and
/// always given back as it was written.
@Suite struct MomentTests {
  @Test func theUTCFormIsKeptAsSecondsAndWrittenBackTheSame() {
    for text in ["1970-01-01T00:00:00Z", "2024-06-01T08:00:00Z", "2024-02-29T23:59:59Z", "2000-02-29T12:00:00Z",
                 "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "0001-03-01T00:00:00Z"] {
      let m = Moment(text)
      guard case .utc = m else {
        Issue.record("\(text) is in the UTC form")
        continue
      }
      #expect(m.text == text)
    }
    #expect(Moment("1970-01-01T00:00:00Z") == .utc(0))
    #expect(Moment("2024-06-01T08:00:00Z") == .utc(1_717_228_800))
    #expect(Moment("1969-12-31T23:59:59Z") == .utc(-1))
    // Its day, without its text.
    #expect(Moment("2024-06-01T23:59:59Z").day == Day(year: 2024, month: 6, day: 1))
    #expect(Moment.utc(-1).day == Day(year: 1969, month: 12, day: 31))
    #expect(Moment("2024-06-01T08:00:00+08:00").day == Day(year: 2024, month: 6, day: 1))
    #expect(Moment("昨天下午").day == nil)
  }

  @Test func anyOtherTextIsKeptAsWritten() {
    for text in ["", "2024-06-01", "2024-06-01T08:00:00", "2024-06-01T08:00:00+08:00", "2024-06-01T08:00:00.5Z",
                 "2024-13-01T08:00:00Z", "2024-00-01T08:00:00Z", "2023-02-29T08:00:00Z", "1900-02-29T08:00:00Z",
                 "2024-04-31T08:00:00Z", "2024-06-00T08:00:00Z", "2024-06-01T24:00:00Z", "2024-06-01T08:60:00Z",
                 "2016-12-31T23:59:60Z", "2024-06-01t08:00:00Z", "2024-06-01T08:00:00z", "+024-06-01T08:00:00Z",
                 "2024-06-01T08:00:0aZ", "２０２４-06-01T08:00:00Z", "昨天下午", "0000-01-01T00:00:00Z"] {
      let m = Moment(text)
      if case .utc = m { Issue.record("\(text) is not in the UTC form") }
      #expect(m.text == text)
    }
  }

  /// Every day of four centuries (leap years and their exceptions) and
  /// seconds across a day, there and back.
  @Test func everyDayAndSecondGoesThereAndBack() {
    var expected: Int64 = -2_208_988_800  // 1900-01-01T00:00:00Z
    for year in 1900..<2300 {
      for month in 1...12 {
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        for day in 1...days {
          func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
          let text = "\(year)-\(two(month))-\(two(day))T00:00:00Z"
          #expect(Moment(text) == .utc(expected), "\(text)")
          #expect(Moment.utc(expected).text == text)
          expected += 86_400
        }
      }
    }
    var rng = Synthetic.Rng(seed: 9)
    for _ in 0..<2_000 {
      let s = Int64.random(in: -62_135_596_800...253_402_300_799, using: &rng)
      #expect(Moment(Moment.utc(s).text) == .utc(s))
    }
  }

  /// An event is 128 bytes (see `Event`); an author is shared, a moment
  /// 9 bytes.
  @Test func anEventIsSmall() {
    #expect(MemoryLayout<Event>.stride <= 128)
    #expect(MemoryLayout<Moment>.size <= 9)
    let e = Event(device: "lap-1", seq: 1, clock: 1, user: "督查员1", at: "2024-06-01T08:00:00Z", op: .removeNode(node: "n1"))
    var f = e
    f.user = "督查员2"
    #expect(f.device == "lap-1" && f.user == "督查员2" && e.user == "督查员1")
    f.device = "lap-2"
    #expect(f.device == "lap-2" && f.user == "督查员2")
    f.at = "昨天"
    #expect(f.at == "昨天" && e.at == "2024-06-01T08:00:00Z")
    #expect(e == Event(device: "lap-1", seq: 1, clock: 1, user: "督查员1", at: "2024-06-01T08:00:00Z", op: .removeNode(node: "n1")))
    #expect(e != f)
  }
}
