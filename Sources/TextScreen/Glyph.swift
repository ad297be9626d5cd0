/// One-column marks drawn on a terminal and in text documents, defined
/// once for the dashboard, the `tree` outline and the reports.
public enum Glyph {
  /// A status: not started, in progress, done.
  public static let todo: Character = "○"
  public static let doing: Character = "◐"
  public static let done: Character = "✓"
}
