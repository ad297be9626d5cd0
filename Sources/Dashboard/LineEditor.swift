import TextScreen

/// A one-line text editor that handles Chinese: the cursor moves by
/// character and is placed by display width.
public struct LineEditor: Equatable, Sendable {
  public private(set) var characters: [Character]
  /// Index in `characters` the cursor stands before.
  public private(set) var cursor: Int
  /// The text given to edit is selected: the first character typed
  /// replaces it (Backspace clears it), a move keeps it to edit.
  public private(set) var selected: Bool

  public init(_ text: String = "", selected: Bool = false) {
    characters = Array(text)
    cursor = characters.count
    self.selected = selected && !text.isEmpty
  }

  public var text: String { String(characters) }

  /// Applies an editing key; false when the key is not an editing key.
  public mutating func handle(_ key: Key) -> Bool {
    if selected {
      selected = false
      switch key {
      case .character, .backspace, .delete, .control("u"):
        characters = []
        cursor = 0
        if case .character = key { break }
        return true
      default:
        break
      }
    }
    switch key {
    case .character(let c):
      characters.insert(c, at: cursor)
      cursor += 1
    case .backspace:
      if cursor > 0 {
        characters.remove(at: cursor - 1)
        cursor -= 1
      }
    case .delete:
      if cursor < characters.count { characters.remove(at: cursor) }
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(characters.count, cursor + 1)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = characters.count
    case .control("u"):
      characters.removeFirst(cursor)
      cursor = 0
    default:
      return false
    }
    return true
  }

  /// Draws the text in `width` columns from (row, col), scrolled so the
  /// cursor shows, and places the screen's cursor.
  public func draw(on screen: inout Screen, row: Int, col: Int, width: Int) {
    guard width > 0 else { return }
    let widths = characters.map(DisplayWidth.of)
    var start = 0
    var before = widths[0..<cursor].reduce(0, +)
    while before >= width && start < cursor {
      before -= widths[start]
      start += 1
    }
    let visible = String(characters[start...])
    screen.put(visible, row: row, col: col, style: Style(reverse: selected, underline: true), limit: width)
    screen.paint(row: row, col: col + DisplayWidth.of(visible), count: width - DisplayWidth.of(visible), style: Style(underline: true))
    screen.cursor = (row, min(col + width - 1, col + before))
  }
}
