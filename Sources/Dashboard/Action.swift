import Domain
import TextScreen

/// What happened: a key, a resize, or word back from the app loop.
public enum Action: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// The app wrote the event to the journal.
  case recorded(Event)
  /// The app could not write it: the change stays on screen, unsaved.
  case saveFailed(String)
}

/// What `update` asks the app loop to do.
public enum Effect: Equatable, Sendable {
  /// Append this change to the journal, then send `.recorded`.
  case record(Operation)
  case quit
}
