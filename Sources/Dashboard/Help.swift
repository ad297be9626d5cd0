import TextScreen

/// The help screen: every key, then the views; any key closes it.
func drawHelp(_ s: State, _ screen: inout Screen) {
  let words = s.words
  let keyWidth = words.helpKeys.map { DisplayWidth.of($0.keys) }.max()! + 2
  let lines = [words.helpTitle]
    + words.helpKeys.map { DisplayColumns.fit($0.keys, keyWidth) + $0.meaning }
    + [""] + words.helpFooter
  for (k, line) in lines.enumerated() where k < s.height {
    screen.put(line, row: k, col: 1, style: k == 0 ? .bold : .plain, limit: s.width - 1)
  }
}
