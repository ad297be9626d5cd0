/// A quota's terms as people type them and as a `quota` event carries
/// them: "12次", "120 节", "12 次，每月 1" (at least 12, at least one a
/// month). The logged activities are not part of them.
public struct QuotaTerms: Equatable, Sendable {
  public var target: Int
  public var perMonth: Int?
  public var measureWord: String

  public init(target: Int, perMonth: Int? = nil, measureWord: String = "次") {
    self.target = target
    self.perMonth = perMonth
    self.measureWord = measureWord
  }

  public init(_ quota: Quota) {
    self.init(target: quota.target, perMonth: quota.perMonth, measureWord: quota.measureWord)
  }

  /// The longest measure word taken (量词 are one or two characters;
  /// "场次", "人次").
  static let longestWord = 4

  /// Reads "TARGET [WORD][, 每月 N]" (a year's or the whole plan's target,
  /// the measure word, 次 by default, and the least each month); nil for
  /// anything else. "12/年", "每年12次" and "monthly 1" are read too.
  public init?(typed raw: String) {
    var text = raw.trimmingBlanks
    for year in ["每年", "全年", "/年", "per year", "a year", "/year"] { text = text.replacing(year, with: " ") }
    let parts = text.split(whereSeparator: { "，,;；".contains($0) }).map { String($0).trimmingBlanks }
      .filter { !$0.isEmpty }
    guard let first = parts.first, (1...2).contains(parts.count) else { return nil }
    // The target and its word: digits, then the word.
    let digits = first.prefix(while: { $0.isASCII && $0.isNumber })
    guard !digits.isEmpty, digits.count <= 9, let target = Int(digits) else { return nil }
    let word = String(first.dropFirst(digits.count)).trimmingBlanks
    guard word.count <= QuotaTerms.longestWord, !word.contains(where: { $0.isNumber || $0.isWhitespace }) else { return nil }
    var perMonth: Int? = nil
    if parts.count == 2 {
      // 每月 1, 每月1次, 月 1, 1/月, monthly 1, 1 a month.
      var month = parts[1]
      for w in ["每月", "/月", "月", "monthly", "per month", "a month", "/month"] { month = month.replacing(w, with: " ") }
      month = month.trimmingBlanks
      let n = month.prefix(while: { $0.isASCII && $0.isNumber })
      let rest = String(month.dropFirst(n.count)).trimmingBlanks
      guard !n.isEmpty, n.count <= 9, month != parts[1].trimmingBlanks || parts[1].contains("月"),
        rest.isEmpty || rest == (word.isEmpty ? "次" : word)
      else { return nil }
      perMonth = Int(n)
    }
    self.init(target: target, perMonth: perMonth, measureWord: word.isEmpty ? "次" : word)
  }

  /// As typed: "12 次，每月 1" / "12 次, 1 a month".
  public func typed(_ lang: Lang) -> String {
    "\(target) \(measureWord)" + (perMonth.map { lang.pick("，每月 \($0)", ", \($0) a month") } ?? "")
  }

  /// The value of a `quota` event.
  public var value: FieldValue { .list([String(target), perMonth.map(String.init) ?? "", measureWord]) }

  /// Read back from a `quota` event's value.
  public init?(_ value: FieldValue) {
    guard case .list(let l) = value, l.count == 3, let target = Int(l[0]), target >= 0, !l[2].isEmpty else { return nil }
    var perMonth: Int? = nil
    if !l[1].isEmpty {
      guard let m = Int(l[1]), m >= 0 else { return nil }
      perMonth = m
    }
    self.init(target: target, perMonth: perMonth, measureWord: l[2])
  }
}
