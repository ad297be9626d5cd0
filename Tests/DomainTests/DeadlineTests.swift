import Domain
import Testing

/// The written deadline forms of real task breakdown tables, read by the
/// one reader that the import and the dashboard's prompts share.
@Suite struct DeadlineTests {
  static func read(_ text: String, year: Int? = nil) -> String {
    switch readDeadline(text, year: year) {
    case .none: return "none"
    case .date(let d): return d.description
    case .ongoing: return "ongoing"
    case .needsYear: return "needsYear"
    case .unreadable: return "unreadable"
    }
  }

  @Test(arguments: [
    // A range: the end counts, in the start's year when it has none.
    ("2016—2017 年底前", "2017-12-31"),
    ("2023年3月-6月", "2023-06-30"),
    ("2023.3-2023.6", "2023-06-30"),
    ("即日起至2021年12月底", "2021-12-31"),
    ("2021年5月—2021年10月", "2021-10-31"),
    // Chinese numerals, 上旬/中旬/下旬, a missing 月.
    ("二〇二一年六月底", "2021-06-30"),
    ("二〇二一年十二月三十一日", "2021-12-31"),
    ("2021年9月下旬", "2021-09-30"),
    ("2016 年 6 底前", "2016-06-30"),
    ("2023年二季度", "2023-06-30"),
    // A remark in brackets after the date.
    ("2023年6月底前（每月报送进度）", "2023-06-30"),
    // The forms that were read before stay read.
    ("2023-06-30", "2023-06-30"), ("2023年6月底前完成", "2023-06-30"), ("45107", "2023-06-30"),
    ("2023-02-30", "unreadable"), ("尽快", "unreadable"), ("", "none"),
  ])
  func withAYear(_ text: String, _ expected: String) {
    #expect(Self.read(text) == expected, "\(text)")
  }

  @Test(arguments: [
    ("8月9号—8月20号", "2024-08-20"),
    ("9月中旬", "2024-09-20"),
    ("9月上旬", "2024-09-10"),
    ("6.30前", "2024-06-30"),
    ("6月内", "2024-06-30"),
    ("十月底", "2024-10-31"),
  ])
  func withoutAYear(_ text: String, _ expected: String) {
    #expect(Self.read(text, year: 2024) == expected, "\(text)")
    #expect(Self.read(text) == "needsYear", "\(text)")
  }

  @Test(arguments: ["三个工作日内", "7天内", "立行立改", "常态工作", "长期坚持", "持续推进"])
  func relativeAndOngoing(_ text: String) {
    #expect(Self.read(text, year: 2024) == "ongoing", "\(text)")
  }

  /// The dashboard's prompts read the same forms.
  @Test func typedDatesShareTheReader() {
    let today = Day(year: 2024, month: 3, day: 1)!
    #expect(Day.typed("9月中旬", today: today) == Day(year: 2024, month: 9, day: 20))
    #expect(Day.typed("二〇二五年六月底", today: today) == Day(year: 2025, month: 6, day: 30))
    #expect(Day.typed("+3", today: today) == Day(year: 2024, month: 3, day: 4))
  }
}
