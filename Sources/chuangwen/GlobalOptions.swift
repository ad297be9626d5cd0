import ArgumentParser
import Domain
import Platform
import WorkspaceFiles

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(help: "Who is working (recorded with every change). Default: the saved name, else $USER.")
  var user: String?

  @Option(help: "This laptop's device id (names its journal). Default: made once and saved.")
  var device: String?

  @Option(help: "coordinator or supervisor.")
  var role: Role = .coordinator

  @Option(help: "zh or en. Default: Chinese, English under an English locale.")
  var lang: String?

  @Option(help: ArgumentHelp("The date deadlines are counted from (YYYY-MM-DD). Default: today.", visibility: .hidden))
  var today: String?

  @Option(help: ArgumentHelp(
    "Seconds a command that changes the workspace waits while another chuangwen holds it (default \(Int(LockRequest.defaultWait)); 0: not at all). --wait alone waits until it is free.",
    valueName: "seconds"))
  var wait: String?

  /// What a bare `--wait` (no value) is read as: see `Chuangwen.main`.
  static let waitUntilFree = "free"

  /// How a command asks for the lock: it waits as `--wait` says.
  func lock(_ command: String) -> LockRequest {
    var seconds = LockRequest.defaultWait
    if let wait { seconds = wait == GlobalOptions.waitUntilFree ? .infinity : Double(wait) ?? seconds }
    return LockRequest(command: command, wait: seconds, at: timestamp)
  }

  func validate() throws {
    if let lang, Lang(rawValue: lang.lowercased()) == nil {
      throw ValidationError("--lang \(lang): expected zh or en")
    }
    if let wait, wait != GlobalOptions.waitUntilFree, Double(wait).map({ $0 >= 0 && $0.isFinite }) != true {
      throw ValidationError("--wait \(wait): expected a number of seconds (0 or more), or --wait alone to wait until the workspace is free")
    }
    if let today, Day(iso: today) == nil {
      throw ValidationError("--today \(today): expected a date YYYY-MM-DD")
    }
  }

  var language: Lang {
    Lang.choose(explicit: lang, environment: Environment.language)
  }

  /// The day to count deadlines from: --today, $CHUANGWEN_TODAY, the clock.
  var day: Day { Clock.day(today) }

  /// Now, for the journal: ISO 8601 in UTC.
  var timestamp: String { Clock.timestamp }

  func identity() throws(WorkspaceError) -> Identity {
    try Identity.resolve(device: device, user: user)
  }
}

/// `--role coordinator|supervisor`.
extension Role: ExpressibleByArgument {}
