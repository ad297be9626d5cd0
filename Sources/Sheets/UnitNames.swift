import Domain

/// Splits a units cell into names: offices separate them with 、，,;；/
/// spaces or line breaks. Separators inside brackets stay, so
/// "各县（市、区）政府" is one unit.
func splitUnitNames(_ cell: String) -> [String] {
  let separators: Set<Character> = ["、", "，", ",", ";", "；", "/", "／", "\n", "\r\n", "\r", "\t", " ", "\u{3000}"]
  let opening: Set<Character> = ["（", "(", "【", "[", "《", "〔", "“", "‘", "<"]
  let closing: Set<Character> = ["）", ")", "】", "]", "》", "〕", "”", "’", ">"]
  var names: [String] = []
  var current = ""
  var depth = 0
  func flush() {
    let name = current.trimmingBlanks
    if !name.isEmpty && !names.contains(name) { names.append(name) }
    current = ""
  }
  for c in cell {
    if opening.contains(c) {
      depth += 1
    } else if closing.contains(c) {
      depth = max(0, depth - 1)
    } else if depth == 0 && (separators.contains(c) || c.isWhitespace) {
      flush()
      continue
    }
    current.append(c)
  }
  flush()
  return names
}
