import CNcursesw
import TextScreen

#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not be used.
public enum TerminalError: Error, CustomStringConvertible {
  case notATerminal
  case unusableTerminal(String)

  public var description: String {
    switch self {
    case .notATerminal:
      return "standard input and output must be a terminal for the dashboard (try `chuangwen tree DIR`)"
    case .unusableTerminal(let term):
      return "the terminal type \"\(term)\" cannot run the dashboard (set TERM, e.g. TERM=xterm-256color)"
    }
  }
}

/// The ncurses backend: draws `Screen`s and reads `Key`s. The only code
/// in chuangwen that calls ncurses.
///
/// One instance runs at a time; it touches process-wide terminal state,
/// which is why it is not `Sendable`.
public final class Terminal {
  private var started = false
  private var previous: Screen?
  private var colorPairs: [Color: Int32] = [:]

  public init() {}

  /// Whether standard input and output are both terminals.
  public static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

  /// Takes over the terminal. Colours are used when the terminal has them
  /// and `NO_COLOR` is unset.
  public func start() throws {
    guard Terminal.isInteractive else { throw TerminalError.notATerminal }
    // Wide characters need a UTF-8 locale; fall back to C.UTF-8.
    let locale = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
    if !locale.uppercased().contains("UTF-8") && !locale.uppercased().contains("UTF8") {
      setlocale(LC_ALL, "C.UTF-8")
    }
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    if term.isEmpty || term == "dumb" { throw TerminalError.unusableTerminal(term) }
    // A launcher may hand us a blocked signal mask (a thread pool's): resize
    // and quit signals must get through, or the screen never follows the
    // terminal's size.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for sig in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, sig) }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    guard cw_newterm() != nil else { throw TerminalError.unusableTerminal(term) }
    started = true
    raw()
    noecho()
    nonl()
    keypad(cw_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    if cw_has_colors() == 1 && getenv("NO_COLOR") == nil {
      start_color()
      use_default_colors()
      let table: [(Color, Int32)] = [
        (.red, Int32(COLOR_RED)), (.green, Int32(COLOR_GREEN)), (.yellow, Int32(COLOR_YELLOW)),
        (.blue, Int32(COLOR_BLUE)), (.magenta, Int32(COLOR_MAGENTA)), (.cyan, Int32(COLOR_CYAN)),
        (.gray, Int32(COLOR_WHITE)),
      ]
      for (k, (color, code)) in table.enumerated() {
        init_pair(Int16(k + 1), Int16(code), -1)
        colorPairs[color] = Int32(k + 1)
      }
    }
    // Restore the terminal however the process ends.
    atexit { endwin() }
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in
        endwin()
        signal(s, SIG_DFL)
        raise(s)
      }
    }
  }

  /// Gives the terminal back. Safe to call twice.
  public func stop() {
    guard started else { return }
    started = false
    endwin()
  }

  /// Columns and rows now.
  public var size: (width: Int, height: Int) {
    (Int(getmaxx(cw_stdscr())), Int(getmaxy(cw_stdscr())))
  }

  private func attributes(_ style: Style) -> Int32 {
    var a = cw_a_normal()
    if style.bold { a |= cw_a_bold() }
    if style.reverse { a |= cw_a_reverse() }
    if style.dim { a |= cw_a_dim() }
    if style.underline { a |= cw_a_underline() }
    if let pair = colorPairs[style.color] { a |= cw_color_pair(pair) }
    return a
  }

  /// Draws a screen, rewriting only the rows that changed since the last
  /// frame; each run of cells in one style is one ncurses call.
  public func draw(_ screen: Screen) {
    let full = previous == nil || previous!.width != screen.width || previous!.height != screen.height
    if full { erase() }
    for row in 0..<screen.height {
      if !full, let p = previous, rowEqual(p, screen, row) { continue }
      var col = 0
      while col < screen.width {
        let style = screen[row, col].style
        var run: [wchar_t] = []
        let start = col
        while col < screen.width && screen[row, col].style == style {
          let cell = screen[row, col]
          if !cell.isContinuation {
            for scalar in cell.character.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
          }
          col += 1
        }
        run.append(0)
        cw_put(Int32(row), Int32(start), run, Int32(run.count - 1), attributes(style))
      }
    }
    if let cursor = screen.cursor {
      curs_set(1)
      move(Int32(cursor.row), Int32(cursor.col))
    } else {
      curs_set(0)
    }
    refresh()
    previous = screen
  }

  private func rowEqual(_ a: Screen, _ b: Screen, _ row: Int) -> Bool {
    for c in 0..<a.width where a[row, c] != b[row, c] { return false }
    return true
  }

  /// Forgets the last frame so the next draw repaints everything.
  public func invalidate() { previous = nil }

  /// Waits up to `timeoutMilliseconds` for a key; nil on timeout.
  public func readKey(timeoutMilliseconds: Int32) -> Key? {
    timeout(timeoutMilliseconds)
    var ch: wint_t = 0
    let r = wget_wch(cw_stdscr(), &ch)
    if r == ERR { return nil }
    if r == cw_key_code_yes() { return special(Int32(ch)) }
    switch ch {
    case 13, 10: return .enter
    case 27: return escapeSequence()
    case 127, 8: return .backspace
    case 9: return .tab
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(ch) + 96)))
    default:
      guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
      return .character(Character(scalar))
    }
  }

  /// After an Esc: the rest of a sequence the terminal sent at once, read
  /// whole (`EscapeSequence`); Esc alone when nothing follows.
  private func escapeSequence() -> Key? {
    var tail: [Unicode.Scalar] = []
    // The bytes of one sequence arrive together; a person cannot type the
    // next key within a few milliseconds of Esc.
    timeout(5)
    while tail.count < 32 {
      var ch: wint_t = 0
      let r = wget_wch(cw_stdscr(), &ch)
      if r == ERR { break }
      // A key ncurses knows, after a stray Esc: that key.
      if r == cw_key_code_yes() { return special(Int32(ch)) }
      guard let scalar = Unicode.Scalar(UInt32(ch)) else { break }
      tail.append(scalar)
      if EscapeSequence.isComplete(tail) { break }
    }
    return EscapeSequence.key(tail)
  }

  private func special(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case cw_key_resize():
      previous = nil
      return .resize(width: size.width, height: size.height)
    case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
    default: return nil
    }
  }
}
