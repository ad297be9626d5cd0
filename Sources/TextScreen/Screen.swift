/// Colours a cell may ask for; the terminal maps them to what it has.
public enum Color: UInt8, Sendable, CaseIterable {
  case plain, red, green, yellow, blue, magenta, cyan, gray
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
  public var color: Color
  public var bold: Bool
  public var reverse: Bool
  public var dim: Bool
  public var underline: Bool

  public init(color: Color = .plain, bold: Bool = false, reverse: Bool = false,
              dim: Bool = false, underline: Bool = false) {
    self.color = color
    self.bold = bold
    self.reverse = reverse
    self.dim = dim
    self.underline = underline
  }

  public static let plain = Style()
  public static let bold = Style(bold: true)
  public static let reverse = Style(reverse: true)
  public static let dim = Style(dim: true)
}

/// One column of the screen. A wide character sits in one cell and the
/// cell after it is a continuation, drawn by nothing.
public struct Cell: Equatable, Sendable {
  public var character: Character
  public var style: Style
  public var isContinuation: Bool

  public init(_ character: Character = " ", style: Style = .plain,
              isContinuation: Bool = false) {
    self.character = character
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}

/// A grid of cells: what a view draws and a terminal shows.
public struct Screen: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Where the terminal cursor should stand (a line editor), if shown.
  public var cursor: (row: Int, col: Int)? {
    get { cursorRow.map { ($0, cursorCol) } }
    set {
      cursorRow = newValue?.row
      cursorCol = newValue?.col ?? 0
    }
  }
  private var cursorRow: Int?
  private var cursorCol = 0

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(row: Int, col: Int) -> Cell {
    cells[row * width + col]
  }

  /// Writes text from (row, col), clipped at `limit` columns and at the
  /// right edge; a wide character that would straddle the edge becomes a
  /// space. Returns the columns written.
  @discardableResult
  public mutating func put(_ text: String, row: Int, col: Int,
                           style: Style = .plain, limit: Int? = nil) -> Int {
    guard row >= 0, row < height, col < width else { return 0 }
    let end = min(width, limit.map { col + max(0, $0) } ?? width)
    var c = col
    for ch in text {
      let w = DisplayWidth.of(ch)
      if w == 0 { continue }
      if c + w > end {
        if c < end { set(row, c, Cell(" ", style: style)) ; c += 1 }
        break
      }
      if c >= 0 {
        set(row, c, Cell(ch, style: style))
        if w == 2 { set(row, c + 1, Cell(" ", style: style, isContinuation: true)) }
      }
      c += w
    }
    return max(0, c - col)
  }

  /// Paints `count` columns from (row, col) with a style, keeping text.
  public mutating func paint(row: Int, col: Int, count: Int, style: Style) {
    guard row >= 0, row < height else { return }
    for c in max(0, col)..<max(max(0, col), min(width, col + count)) {
      cells[row * width + c].style = style
    }
  }

  /// Fills a row segment with spaces in a style.
  public mutating func clear(row: Int, col: Int = 0, count: Int? = nil,
                             style: Style = .plain) {
    guard row >= 0, row < height else { return }
    let n = count ?? width - col
    for c in max(0, col)..<max(max(0, col), min(width, col + n)) {
      set(row, c, Cell(" ", style: style))
    }
  }

  /// Sets one cell, mending a wide character it cuts in half.
  private mutating func set(_ row: Int, _ col: Int, _ cell: Cell) {
    let i = row * width + col
    if cells[i].isContinuation && col > 0 && !cell.isContinuation {
      cells[i - 1] = Cell(" ", style: cells[i - 1].style)
    }
    if !cells[i].isContinuation && DisplayWidth.of(cells[i].character) == 2
      && col + 1 < width && !cell.isContinuation
    {
      cells[i + 1] = Cell(" ", style: cells[i + 1].style)
    }
    cells[i] = cell
  }

  /// One row as text, continuation cells skipped.
  public func line(_ row: Int) -> String {
    var out = ""
    for c in 0..<width where !self[row, c].isContinuation {
      out.append(self[row, c].character)
    }
    return out
  }

  /// Every row as text with trailing spaces removed: what golden files hold.
  public var lines: [String] {
    (0..<height).map { row in
      var s = line(row)
      while s.last == " " { s.removeLast() }
      return s
    }
  }

  /// The screen as text, one line per row.
  public var text: String { lines.joined(separator: "\n") }

  public static func == (a: Screen, b: Screen) -> Bool {
    a.width == b.width && a.height == b.height && a.cells == b.cells
      && a.cursorRow == b.cursorRow && a.cursorCol == b.cursorCol
  }
}
