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
  /// The files changed under a read-only dashboard (another chuangwen
  /// wrote), or it took the lock once that one was gone: the state as
  /// the files now hold it, and whether it may now change it.
  case reloaded(Campaign, history: [Event], readOnly: Bool)
}

/// What `update` asks the app loop to do.
public enum Effect: Equatable, Sendable {
  /// Append this change to the journal, then send `.recorded`.
  case record(Operation)
  case quit
}
