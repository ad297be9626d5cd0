/// A key press as the dashboard sees it, whatever terminal sent it.
public enum Key: Hashable, Sendable {
  case character(Character)
  /// Ctrl with a letter: `.control("c")`.
  case control(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, backspace, delete, tab, backTab
  case function(Int)
  /// The terminal changed size.
  case resize(width: Int, height: Int)
}

/// What follows an Esc byte, read whole: a terminal sends a key as an
/// escape sequence (CSI `ESC [ … final`, SS3 `ESC O x`), and one its
/// terminfo entry does not list (tmux's End `ESC [ 4 ~` under
/// TERM=xterm-256color) must not arrive as Esc and then `[`, `4`, `~` —
/// Esc would close a prompt and `4` switch the view.
public enum EscapeSequence {
  /// Whether `tail` (the characters after Esc) is a whole sequence.
  public static func isComplete(_ tail: [Unicode.Scalar]) -> Bool {
    guard let first = tail.first else { return false }
    switch first {
    case "[":
      // Parameters and intermediates, then one final byte @ to ~.
      guard tail.count >= 2, let last = tail.last else { return false }
      return (0x40...0x7E).contains(last.value) && !(tail.count == 2 && last == "[")
    case "O": return tail.count >= 2
    default: return true
    }
  }

  /// The key a whole sequence stands for; nil for one to ignore (unknown
  /// sequences, Alt with a key). An empty tail is Esc itself.
  public static func key(_ tail: [Unicode.Scalar]) -> Key? {
    if tail.isEmpty { return .escape }
    let text = String(String.UnicodeScalarView(tail))
    switch text {
    case "[A", "OA": return .up
    case "[B", "OB": return .down
    case "[C", "OC": return .right
    case "[D", "OD": return .left
    case "[H", "OH", "[1~", "[7~": return .home
    case "[F", "OF", "[4~", "[8~": return .end
    case "[3~": return .delete
    case "[5~": return .pageUp
    case "[6~": return .pageDown
    case "[Z": return .backTab
    case "OM": return .enter
    default: return nil
    }
  }
}
