/// Chinese numerals as offices write them in outline numbers (一、 十二、)
/// and dates (二〇二一年六月底, 三个工作日内): one reading for both.
private let chineseDigits: [Character: Int] = [
  "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
  "八": 8, "九": 9,
]

/// 一 … 九十九 as a number.
public func chineseNumber(_ s: Substring) -> Int? {
  guard !s.isEmpty, s.count <= 3 else { return nil }
  if let ten = s.firstIndex(of: "十") {
    let head = s[..<ten]
    let tail = s[s.index(after: ten)...]
    let tens = head.isEmpty ? 1 : (head.count == 1 ? chineseDigits[head.first!] : nil)
    let ones = tail.isEmpty ? 0 : (tail.count == 1 ? chineseDigits[tail.first!] : nil)
    guard let tens, let ones, tens > 0 else { return nil }
    return tens * 10 + ones
  }
  guard s.count == 1, let d = chineseDigits[s.first!], d > 0 else { return nil }
  return d
}

/// 1 … 99 in Chinese numerals.
public func chineseNumeral(_ n: Int) -> String {
  let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
  if n < 10 { return digits[n] }
  return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10]
}

/// Whether a character is a Chinese digit or 十.
public func isChineseNumeral(_ c: Character) -> Bool { c == "十" || chineseDigits[c] != nil }

/// The text with every run of Chinese numerals in Arabic digits: a year
/// digit by digit (二〇二一 → 2021), a run with 十 as its value (十二 → 12,
/// 三十一 → 31). A run that is neither stays as it is.
public func arabicNumerals(in text: String) -> String {
  guard text.contains(where: isChineseNumeral) else { return text }
  var out = ""
  var run = ""
  func flush() {
    defer { run = "" }
    guard !run.isEmpty else { return }
    if run.contains("十") {
      out += chineseNumber(Substring(run)).map(String.init) ?? run
    } else {
      out += run.map { String(chineseDigits[$0]!) }.joined()
    }
  }
  for c in text {
    if isChineseNumeral(c) {
      run.append(c)
    } else {
      flush()
      out.append(c)
    }
  }
  flush()
  return out
}
