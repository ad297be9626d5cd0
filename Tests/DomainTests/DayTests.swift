import Testing
@testable import Domain

@Suite struct DayTests {
  @Test func ordinalRoundTrips() {
    for ordinal in stride(from: -700_000, through: 2_900_000, by: 997) {
      let day = Day(ordinal: ordinal)
      #expect(day.ordinal == ordinal)
      #expect(Day(year: day.year, month: day.month, day: day.day) == day)
    }
    #expect(Day(ordinal: 0).description == "1970-01-01")
    #expect(Day(iso: "2024-02-29")!.ordinal - Day(iso: "2024-02-28")!.ordinal == 1)
  }

  @Test func rejectsInvalidDates() {
    #expect(Day(iso: "2023-02-29") == nil)
    #expect(Day(iso: "2023-13-01") == nil)
    #expect(Day(iso: "2023-1-01") == nil)
    #expect(Day(iso: "2024-02-29") != nil)
  }
}
