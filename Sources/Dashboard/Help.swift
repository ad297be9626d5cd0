import TextScreen

/// The help screen's lines: every key, then the views.
private func helpLines(_ s: State) -> [String] {
  let words = s.words
  let keyWidth = words.helpKeys.map { DisplayWidth.of($0.keys) }.max()! + 2
  return [words.helpTitle]
    + words.helpKeys.map { DisplayColumns.fit($0.keys, keyWidth) + $0.meaning }
    + [""] + words.helpFooter
}

/// ↑↓ (and the page keys) scroll the help when it is longer than the
/// screen; any other key closes it.
func helpKey(_ s: inout State, _ key: Key, _ scroll: Int) {
  let most = max(0, helpLines(s).count - max(1, s.height - 1))
  let page = max(1, s.height - 2)
  switch key {
  case .down, .character("j"): s.mode = .help(scroll: min(most, scroll + 1))
  case .up, .character("k"): s.mode = .help(scroll: max(0, scroll - 1))
  case .pageDown, .character(" "): s.mode = .help(scroll: min(most, scroll + page))
  case .pageUp: s.mode = .help(scroll: max(0, scroll - page))
  default: s.mode = .normal
  }
}

/// The help screen; when it does not fit, its last row says how to see
/// the rest.
func drawHelp(_ s: State, _ screen: inout Screen, scroll: Int) {
  let lines = helpLines(s)
  let fits = lines.count <= s.height
  let rows = fits ? s.height : max(0, s.height - 1)
  for (k, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
    screen.put(line, row: k, col: 1, style: k == 0 && scroll == 0 ? .bold : .plain, limit: s.width - 1)
  }
  if !fits && s.height >= 2 {
    let more = scroll + rows < lines.count
    screen.put(s.words.helpScroll(more: more), row: s.height - 1, col: 1, style: .dim, limit: s.width - 1)
  }
}
