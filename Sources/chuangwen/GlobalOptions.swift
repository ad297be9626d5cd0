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

  @Option(help: "Work as a supervisor (or as a coordinator, where the plan grants it). Default: the role the plan grants this device.")
  var role: Role?

  @Option(help: "zh or en. Default: Chinese, English under an English locale.")
  var lang: String?

  @Option(help: ArgumentHelp("The date deadlines are counted from (YYYY-MM-DD). Default: today.", visibility: .hidden))
  var today: String?

  @Option(help: ArgumentHelp(
    "Seconds a command that changes the workspace waits while another chuangwen holds it (default \(Int(LockRequest.defaultWait)); 0: not at all). --wait alone waits until it is free.",
    valueName: "seconds"))
  var wait: String?

  /// Every option left out, as the parser gives them when none is given
  /// (`Open.bare`). An option added above is added here too: reading one
  /// the parser has not given stops the program, so a debug build (the
  /// tests') checks that none is left as the parser's definition.
  static var none: GlobalOptions {
    var g = GlobalOptions()
    (g.user, g.device, g.role, g.lang, g.today, g.wait) = (nil, nil, nil, nil, nil, nil)
    assert(everyOneGiven(g), "an option of GlobalOptions is not given in GlobalOptions.none")
    return g
  }

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

  /// Who works in `workspace`: the name and the role chosen for it are
  /// remembered for it (a --user or --role given is saved for it).
  func identity(in workspace: String, remember: Bool = true) throws(WorkspaceError) -> Identity {
    try Identity.resolve(device: device, user: user, workspace: workspace, role: role, remember: remember)
  }

  /// The role `me` works in: the plan's grant (`chuangwen enroll`),
  /// narrowed by --role or the role chosen for this workspace before;
  /// neither can widen it.
  func role(in ws: Workspace, for me: Identity) throws(WorkspaceError) -> Role {
    let granted = ws.roles.role(of: me.device)
    if role == .coordinator && granted != .coordinator {
      throw .notPermitted("device \(me.device) is a supervisor in this plan; a coordinator grants the role: chuangwen enroll \(ws.directory) \(me.device) --role coordinator")
    }
    return granted == .supervisor ? .supervisor : role ?? me.role ?? granted
  }

  /// Refuses (exit 77) unless `me` works as a coordinator here.
  func mayChangeStructure(_ ws: Workspace, for me: Identity) throws(WorkspaceError) {
    let device = me.device
    guard try role(in: ws, for: me) == .coordinator else {
      throw .notPermitted("only a coordinator may change the plan's structure, and device \(device) works as a supervisor here (see `chuangwen verify \(ws.directory)` for the plan's roles): nothing was written")
    }
  }
}

/// `--role coordinator|supervisor`.
extension Role: ExpressibleByArgument {}

/// Whether each option and argument of `arguments` holds a value: one
/// the parser has not given shows as its definition (swift-argument-parser
/// 1.8's descriptions), and reading it stops the program.
func everyOneGiven(_ arguments: any ParsableArguments) -> Bool {
  Mirror(reflecting: arguments).children.allSatisfy { !String(describing: $0.value).contains("(*definition*)") }
}
