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
