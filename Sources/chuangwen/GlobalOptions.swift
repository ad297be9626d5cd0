import ArgumentParser
import Domain
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

  enum Role: String, ExpressibleByArgument, CaseIterable {
    case coordinator, supervisor
  }

  func validate() throws {
    if let lang, Lang(rawValue: lang.lowercased()) == nil {
      throw ValidationError("--lang \(lang): expected zh or en")
    }
    if let today, Day(iso: today) == nil {
      throw ValidationError("--today \(today): expected a date YYYY-MM-DD")
    }
  }

  var language: Lang {
    Lang.choose(explicit: lang, environment: System.languageEnvironment)
  }

  /// The day to count deadlines from: --today, $CHUANGWEN_TODAY, the clock.
  var day: Day {
    if let today, let d = Day(iso: today) { return d }
    if let env = System.environment("CHUANGWEN_TODAY"), let d = Day(iso: env) {
      return d
    }
    return System.today
  }

  /// Now, for the journal: ISO 8601 in UTC.
  var timestamp: String { System.timestamp }

  func identity() throws(WorkspaceError) -> Identity {
    try Identity.resolve(device: device, user: user)
  }
}
