import Domain

/// Outline numbering at the start of a title, as Chinese documents write
/// it: 一、 (level 1), （一） (2), 1. or 1、 (3), （1） (4), ① (5).
struct Numbering: Equatable {
  var level: Int
  /// The title without its number.
  var rest: String
}

/// The level of unnumbered text: below every numbered heading.
let unnumberedLevel = 6

/// The outline number a title starts with, if any. A 1 that opens a list
/// inside one cell ("1.建立台账；2.开展…") is not an outline number.
func numbering(_ title: String) -> Numbering? {
  let s = Substring(asciiDigits(title))
  let original = Substring(title)
  func result(_ level: Int, _ length: Int, number: Int, next: [String]) -> Numbering? {
    let rest = original.dropFirst(length).drop { $0.isWhitespace }
    guard !rest.isEmpty else { return nil }
    if number == 1 && opensList(rest, next) { return nil }
    return Numbering(level: level, rest: String(rest))
  }
  guard let first = s.first else { return nil }
  let closers: [Character: Character] = ["（": "）", "(": ")"]
  if let close = closers[first] {
    guard let end = s.firstIndex(of: close) else { return nil }
    let inner = s[s.index(after: s.startIndex)..<end]
    let length = s.distance(from: s.startIndex, to: end) + 1
    if let n = chineseNumber(inner) {
      let m = chineseNumeral(n + 1)
      return result(2, length, number: n, next: ["（\(m)）", "(\(m))"])
    }
    if !inner.isEmpty, inner.count <= 3, inner.allSatisfy(\.isASCII), let n = Int(inner) {
      return result(4, length, number: n, next: ["（\(n + 1)）", "(\(n + 1))"])
    }
    return nil
  }
  if let (level, length) = romanNumbering(s) { return result(level, length, number: 0, next: []) }
  if let v = first.unicodeScalars.first?.value, (0x2460...0x2473).contains(v) {  // ①-⑳
    let next = Unicode.Scalar(v + 1).map { String(Character($0)) } ?? ""
    return result(5, 1, number: Int(v) - 0x245F, next: v < 0x2473 ? [next] : [])
  }
  let chinese = s.prefix(while: isChineseNumeral)
  if !chinese.isEmpty, let n = chineseNumber(chinese) {
    let after = s.dropFirst(chinese.count).first
    guard after == "、" || after == "." || after == "，" else { return nil }
    let m = chineseNumeral(n + 1)
    return result(1, chinese.count + 1, number: n, next: ["\(m)、", "\(m)."])
  }
  let digits = s.prefix { $0.isASCII && $0.isNumber }
  if !digits.isEmpty, digits.count <= 3, let n = Int(digits) {
    let rest = s.dropFirst(digits.count)
    guard let mark = rest.first, mark == "." || mark == "、" || mark == "，" || mark == ")" else {
      return nil
    }
    // "1.5万份" is a number, not a heading.
    if mark == ".", let after = rest.dropFirst().first, after.isNumber { return nil }
    return result(3, digits.count + 1, number: n, next: ["\(n + 1).", "\(n + 1)、", "\(n + 1)．"])
  }
  return nil
}

/// Roman numbering as evaluation systems write it: "Ⅲ 公共文明" or "III、"
/// (level 1), and codes under it, "Ⅲ—1 文明交通" (level 2), "Ⅲ-1-2" (3);
/// with the length of the number and the mark after it.
func romanNumbering(_ s: Substring) -> (level: Int, length: Int)? {
  let unicode = s.prefix { ("\u{2160}"..."\u{217F}").contains($0.unicodeScalars.first!) && $0.unicodeScalars.count == 1 }
  let ascii = unicode.isEmpty ? s.prefix { "IVX".contains($0) } : ""
  let numeral = unicode.isEmpty ? ascii : unicode
  guard !numeral.isEmpty, numeral.count <= 4 else { return nil }
  var rest = s.dropFirst(numeral.count)
  var level = 1
  // "—1", "-1-2": a code under the numeral.
  while let dash = rest.first, "—–-―_".contains(dash) {
    let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty else { return nil }
    rest = rest.dropFirst(1 + digits.count)
    level += 1
  }
  guard let mark = rest.first else { return nil }
  if "、.．".contains(mark) || (mark.isWhitespace && (level > 1 || !unicode.isEmpty)) {
    return (level, s.count - rest.count + 1)
  }
  // Straight into the title: only after a code or a Unicode numeral, and
  // not into Latin letters ("IVF", "XX市").
  guard level > 1 || !unicode.isEmpty, !(mark.isASCII && (mark.isLetter || mark.isNumber)) else { return nil }
  return (level, s.count - rest.count)
}

/// Whether the next number of a list follows in the text as a number of
/// its own ("；2.开展"), not inside a figure ("12.5%", "2.0版").
func opensList(_ text: Substring, _ markers: [String]) -> Bool {
  for marker in markers {
    for r in text.ranges(of: marker) {
      if r.lowerBound > text.startIndex {
        let before = text[text.index(before: r.lowerBound)]
        if before.isNumber || (before.isASCII && before.isLetter) { continue }
      }
      if marker.last == ".", r.upperBound < text.endIndex, text[r.upperBound].isNumber { continue }
      return true
    }
  }
  return false
}

/// The level a 序号 cell gives by itself: 一 is a heading, 1 a line.
func numberCellLevel(_ cell: String) -> Int? {
  let s = Substring(asciiDigits(cell))
  guard !s.isEmpty else { return nil }
  if let n = numbering(cell + " x") { return n.level }
  if chineseNumber(s) != nil { return 1 }
  if s.allSatisfy({ $0.isASCII && $0.isNumber }) { return 3 }
  return nil
}
