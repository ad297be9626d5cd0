import TextScreen

/// The help screen's lines: every key, then the views.
private func helpLines(_ s: State) -> [String] {
  let words = s.words
  let keyWidth = words.helpKeys.map { DisplayWidth.of($0.keys) }.max()! + 2
  return [words.helpTitle]
    + words.helpKeys.map { DisplayColumns.fit($0.keys, keyWidth) + $0.meaning }
    + [""] + words.helpFooter
}

func helpKey(_ s: inout State, _ key: Key, _ scroll: Int) {
  pagerKey(&s, key, scroll, lines: helpLines(s).count) { .help(scroll: $0) }
}

func drawHelp(_ s: State, _ screen: inout Screen, scroll: Int) {
  drawPager(s, &screen, helpLines(s).enumerated().map { ($1, $0 == 0 ? .bold : .plain) }, scroll: scroll)
}

// A screen of lines (the help, a round's scores): ↑↓ and the page keys
// scroll it when it is longer than the screen; any other key closes it.

func pagerKey(_ s: inout State, _ key: Key, _ scroll: Int, lines: Int, _ at: (Int) -> Mode) {
  let most = max(0, lines - max(1, s.height - 1))
  let page = max(1, s.height - 2)
  switch key {
  case .down, .character("j"): s.mode = at(min(most, scroll + 1))
  case .up, .character("k"): s.mode = at(max(0, scroll - 1))
  case .pageDown, .character(" "): s.mode = at(min(most, scroll + page))
  case .pageUp: s.mode = at(max(0, scroll - page))
  default: s.mode = .normal
  }
}

/// The lines from `scroll` on; when they do not fit, the last row says
/// how to see the rest.
func drawPager(_ s: State, _ screen: inout Screen, _ lines: [(text: String, style: Style)], scroll: Int) {
  let fits = lines.count <= s.height
  let rows = fits ? s.height : max(0, s.height - 1)
  for (k, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
    screen.put(line.text, row: k, col: 1, style: line.style, limit: s.width - 1)
  }
  if !fits && s.height >= 2 {
    let more = scroll + rows < lines.count
    screen.put(s.words.helpScroll(more: more), row: s.height - 1, col: 1, style: .dim, limit: s.width - 1)
  }
}
