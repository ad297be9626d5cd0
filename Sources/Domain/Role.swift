/// What a supervisor may do and what only a coordinator may: the
/// dashboard's rights and `--role` on the command line.
public enum Role: String, CaseIterable, Sendable {
  /// Builds and maintains the tree.
  case coordinator
  /// Marks status, logs activities, records problems and notes.
  case supervisor
}
