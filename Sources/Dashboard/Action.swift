import Domain
import TextScreen

/// What happened: a key, a resize, or word back from the app loop.
public enum Action: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// The app wrote the event to the journal.
  case recorded(Event)
  /// The app could not write it: the change stays on screen, unsaved,
  /// and the next one is stamped from what the journal holds (`next`).
  case saveFailed(String, next: Stamper)
  /// The files changed under a read-only dashboard (another chuangwen
  /// wrote), or it took the lock once that one was gone: the state as
  /// the files now hold it, and whether it may now change it.
  case reloaded(Campaign, history: [Event], stamper: Stamper, readOnly: Bool)
  /// The app kept a file as evidence (`Effect.keepEvidence`): its hash
  /// and size, to journal; or why it could not.
  case kept(node: String, name: String, caption: String, hash: String, size: Int)
  case notKept(String)
  /// The app loop has time between keys (no key waits): a slice of the
  /// work the state does in place (a search, a filter, a list view's
  /// rows, the progress chart: `State.hasSlices`).
  case slice
}

/// What `update` asks the app loop to do.
public enum Effect: Equatable, Sendable {
  /// Write this change to the journal, then send `.recorded`. It is
  /// stamped (seq, clock) and already applied to the state; the app fills
  /// in when it was made (`at`), and the journal its chain (`prev`).
  case record(Event)
  /// Read the file at `path` and keep it in the workspace as evidence
  /// (only the workspace touches files), then send `.kept` or `.notKept`.
  case keepEvidence(node: String, path: String, caption: String)
  case quit
}
