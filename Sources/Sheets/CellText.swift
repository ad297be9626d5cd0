import Domain

/// A cell as a spreadsheet means it: trimmed, and without the apostrophe
/// that `exportCSV` puts before a cell that would run as a formula.
func cellText(_ raw: String) -> String {
  var s = raw
  // A CR inside a quoted cell reads as "\n".
  if s.first == "'", let next = s.unicodeScalars.dropFirst().first,
    formulaStarts.contains(next) || next == "'" || next == "\n"
  {
    s.removeFirst()
  }
  // A unit's name or a title goes to terminals and documents: no control
  // character of a hostile sheet is kept (line breaks are, for `oneLine`).
  return s.withoutControls(keeping: ["\n"]).trimmingBlanks
}

/// First characters that make Excel or WPS read a cell as a formula.
let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

/// A title on one line: a line break inside a cell is dropped between
/// Chinese characters and becomes a space between others.
func oneLine(_ text: String) -> String {
  guard text.contains(where: \.isNewline) else { return text }
  var out = ""
  let chars = Array(text)
  for (i, c) in chars.enumerated() {
    guard c.isNewline else {
      out.append(c)
      continue
    }
    let before = i > 0 ? chars[i - 1] : " "
    let after = i + 1 < chars.count ? chars[i + 1] : " "
    if before.isASCII || after.isASCII, out.last != " " { out.append(" ") }
  }
  return out.trimmingBlanks
}

/// The path separator in the 测评项目 column of an export.
let pathSeparator = " / "
