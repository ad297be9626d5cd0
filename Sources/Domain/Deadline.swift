/// What a deadline written by people says: a 完成时限 cell of a table, or
/// what is typed at the dashboard's prompts (one reader for both).
public enum DeadlineReading: Equatable, Sendable {
  case none
  case date(Day)
  /// 长期坚持, 持续推进, 常态化…: no deadline, the work goes on.
  case ongoing
  /// A date without a year (6月底) and no year was given.
  case needsYear
  case unreadable
}

/// Words of work with no end date.
public let ongoingWords = ["长期坚持", "持续推进", "常态化", "长期", "常态", "持续", "常年", "长效", "每年", "每季度", "每月", "每周", "定期"]

/// A cell's shape: "@" a four-digit year, "$" a five-digit number (an
/// Excel serial), "#" any other number, text as it is; and the numbers in
/// order. "2023年6月底" is ("@年#月底", [2023, 6]).
private func shape(_ s: String) -> (String, [Int]) {
  var shape = ""
  var numbers: [Int] = []
  var digits = ""
  func flush() {
    guard !digits.isEmpty else { return }
    numbers.append(Int(digits) ?? -1)
    shape += digits.count == 4 ? "@" : digits.count == 5 ? "$" : "#"
    digits = ""
  }
  for c in s {
    if c.isASCII && c.isNumber {
      digits.append(c)
    } else {
      flush()
      // The markers stand for numbers only: a written "@", "#" or "$"
      // must not pass for one (found by fuzzing).
      shape.append("@#$".contains(c) ? "?" : c)
    }
  }
  flush()
  return (shape, numbers)
}

/// Words of a deadline counted from an event, not a date (三个工作日内,
/// 立行立改): the work is followed as ongoing, its text kept.
public let relativeWords = ["工作日", "日内", "天内", "周内", "小时内", "个月内", "立行立改", "立即", "即时", "随时", "及时"]

/// Reads the deadlines offices write: 2023-06-30, 2023/6/30, 2023.6.30,
/// 2023年6月30日, 2023年6月(底), 2023年底, 2023年上半年/下半年, 2023年第二季度,
/// an Excel date serial (45107); with `year`, also 6月底, 6月30日, 6/30,
/// 6.30, 上半年, 年底. Chinese numerals (二〇二一年六月底), 上旬/中旬/下旬 (the
/// 10th, 20th, last day) and a missing 月 ("2016年6底") are read; of a range
/// ("2016—2017年底", "8月9号—8月20号", "即日起至2021年12月底") the end
/// counts, with the start's year when it has none. A time after the date
/// and "前", "完成" around it are dropped. Relative forms (三个工作日内) are
/// ongoing, like 长期坚持.
public func readDeadline(_ cell: String, year: Int?) -> DeadlineReading {
  var s = asciiDigits(cell).trimmingBlanks
  if s.isEmpty { return .none }
  // "2023-06-30 00:00:00" as some exports write dates.
  if let space = s.firstIndex(where: \.isWhitespace), s[space...].contains(":") {
    s = String(s[..<space])
  }
  s = arabicNumerals(in: String(s.filter { !$0.isWhitespace }))
  // Looked for only where one could be: `replacing` goes through the
  // text four times (a tenth of a 50,000-row import).
  if s.contains(where: { $0 == "旬" || $0 == "号" }) {
    for (word, digits) in [("上旬", "10日"), ("中旬", "20日"), ("下旬", "底"), ("号", "日")] {
      s = s.replacing(word, with: digits)
    }
  }
  s = trimmedDeadline(s)
  if let day = readDate(s, year: year) { return day }
  if let day = readRangeEnd(s, year: year) { return day }
  if ongoingWords.contains(where: { s.contains($0) }) || relativeWords.contains(where: { s.contains($0) }) {
    return .ongoing
  }
  return .unreadable
}

/// A deadline without the words around its date: 截至…, …前完成.
private func trimmedDeadline(_ text: String) -> String {
  var s = text
  // A remark in brackets after the date: "2023年6月底前（每月报送进度）".
  for (open, close) in [("（", "）"), ("(", ")")] as [(Character, Character)] where s.last == close {
    if let r = s.lastIndex(of: open), r != s.startIndex { s = String(s[..<r]) }
  }
  for prefix in ["截至", "截止", "于", "在", "到", "至"] where s.hasPrefix(prefix) {
    s.removeFirst(prefix.count)
  }
  var trimmed = true
  while trimmed {
    trimmed = false
    for suffix in ["前完成", "完成", "之前", "以前", "为止", "前", "止"] where s.hasSuffix(suffix) && s.count > suffix.count {
      s.removeLast(suffix.count)
      trimmed = true
    }
  }
  return s
}

/// What marks a range's end (made once, not at each cell).
private let rangeMarks: Set<Character> = ["—", "–", "-", "~", "～", "至", "到"]

/// The end of a range ("2016—2017年底", "2023年3月-6月", "即日起至2021年
/// 12月底"): the first text after a range mark that reads as a date, in
/// the year of the range's start when the end has none.
private func readRangeEnd(_ s: String, year: Int?) -> DeadlineReading? {
  var start = s.startIndex
  while let mark = s[start...].firstIndex(where: { rangeMarks.contains($0) }) {
    let head = s[..<mark]
    let end = trimmedDeadline(String(s[s.index(after: mark)...].drop { rangeMarks.contains($0) }))
    let (form, numbers) = shape(String(head))
    let startYear = form.first == "@" ? numbers[0] : year
    if !end.isEmpty, let day = readDate(end, year: startYear), day != .unreadable { return day }
    start = s.index(after: mark)
  }
  return nil
}

private func readDate(_ text: String, year: Int?) -> DeadlineReading? {
  let (form, n) = shape(text)
  func date(_ y: Int, _ m: Int, _ d: Int) -> DeadlineReading {
    Day(year: y, month: m, day: d).map { .date($0) } ?? .unreadable
  }
  func monthEnd(_ y: Int, _ m: Int) -> DeadlineReading {
    (1...12).contains(m) ? date(y, m, Day.daysIn(month: m, year: y)) : .unreadable
  }
  func quarterEnd(_ y: Int, _ q: Int) -> DeadlineReading {
    (1...4).contains(q) ? monthEnd(y, q * 3) : .unreadable
  }
  func needing(_ body: (Int) -> DeadlineReading) -> DeadlineReading {
    year.map(body) ?? .needsYear
  }
  switch form {
  // With a year.
  case "@-#-#", "@/#/#", "@.#.#", "@年#月#", "@年#月#日":
    return date(n[0], n[1], n[2])
  case "@年#月", "@年#月底", "@年#月末", "@年#月份", "@年#月份底", "@年#月内", "@-#", "@/#", "@.#",
       "@年#底", "@年#末":
    return monthEnd(n[0], n[1])
  case "@年", "@年底", "@年末", "@年年底", "@年年末", "@年内", "@年全年", "@年度", "@年度内", "@年下半年":
    return date(n[0], 12, 31)
  case "@":
    return (1900...2200).contains(n[0]) ? date(n[0], 12, 31) : nil
  case "@年上半年":
    return date(n[0], 6, 30)
  case "@年第#季度", "@年#季度", "@年第#季度末", "@年#季度末":
    return quarterEnd(n[0], n[1])
  case "$" where (20000...80000).contains(n[0]):
    // An Excel date serial: day 25569 is 1970-01-01.
    return .date(Day(ordinal: n[0] - 25569))
  // Without a year.
  case "#月", "#月底", "#月末", "#月份", "#月内":
    return needing { monthEnd($0, n[0]) }
  case "#月#", "#月#日", "#/#", "#-#", "#.#":
    return needing { date($0, n[0], n[1]) }
  case "上半年":
    return needing { date($0, 6, 30) }
  case "下半年", "年底", "年末", "年内", "底", "年度内":
    return needing { date($0, 12, 31) }
  case "#季度", "第#季度", "#季度末", "第#季度末":
    return needing { quarterEnd($0, n[0]) }
  default:
    return nil
  }
}

/// Full-width digits and punctuation as ASCII: offices type both.
public func asciiDigits(_ s: String) -> String {
  var out = String.UnicodeScalarView()
  for c in s.unicodeScalars {
    switch c.value {
    case 0xFF10...0xFF19, 0xFF0E, 0xFF0F, 0xFF0D:  // ０-９ ． ／ －
      out.append(Unicode.Scalar(c.value - 0xFEE0)!)
    default: out.append(c)
    }
  }
  return String(out)
}

extension Day {
  /// A date typed by a person (a prompt, `--by`, `--date`): the forms a
  /// table's deadline takes (`readDeadline`, without a year this year's), or
  /// +N for N days after `today`; nil when it is none of them.
  public static func typed(_ text: String, today: Day) -> Day? {
    if text.hasPrefix("+"), let n = Int(text.dropFirst()), n >= 0, n < 100_000 { return today.adding(days: n) }
    if case .date(let day) = readDeadline(text, year: today.year) { return day }
    return nil
  }
}
