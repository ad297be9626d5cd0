import ArgumentParser

@main
struct Chuangwen: ParsableCommand {
  // Every command names itself (`commandName`): a name left to the parser
  // is made by String(describing:) of the type, a search of the runtime's
  // conformance tables for each command at every start (about 1 ms).
  static let configuration = CommandConfiguration(
    commandName: "chuangwen",
    abstract: "创文: a terminal dashboard for civilised-city campaign offices.",
    discussion: """
      Opens the dashboard on DIR, on the workspace in the current folder, or
      on the bundled demo (the Golmud campaign) when neither is given.
      Exit codes follow sysexits: 64 usage, 65 bad data, 66 no input,
      69 no usable terminal, 73 cannot create, 74 I/O error, 75 in use by another instance
      (after waiting, see --wait), 77 not permitted for this role.
      """,
    subcommands: [
      Open.self, Init.self, Validate.self, Tree.self, Stats.self, Mark.self, Log.self, Verify.self, WhoAmI.self, Enroll.self, Revoke.self, ForkCommand.self, ProblemCommand.self, UnitCommand.self, SetFacts.self, PlanCommand.self, BulletinCommand.self, OrderCommand.self, Attach.self, EvidenceCommand.self, PointCommand.self, RoundCommand.self,
      Merge.self, Compact.self, Import.self, Export.self, Report.self, Generate.self,
    ],
    defaultSubcommand: Open.self
  )

  /// The commands' names, and help's (`Open.bare`).
  static let commandNames: Set<String> = Set(
    configuration.subcommands.flatMap { $0.configuration.aliases + [$0.configuration.commandName].compactMap { $0 } } + ["help"])

  /// `--wait` may stand alone ("until it is free") or take seconds, as
  /// `--wait 30` or `--wait=30`; the parser wants a value, so a bare one
  /// is given its word here.
  static func main() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var k = 0
    while k < arguments.count {
      if arguments[k] == "--" { break }
      if arguments[k] == "--wait" {
        let next = k + 1 < arguments.count ? arguments[k + 1] : nil
        if next.flatMap(Double.init) == nil && next != GlobalOptions.waitUntilFree {
          arguments.insert(GlobalOptions.waitUntilFree, at: k + 1)
        }
        k += 1
      }
      k += 1
    }
    // As ArgumentParser's `main` runs a command, but its messages (help,
    // usage errors that quote what was typed) go out through `System` like
    // every other text.
    do {
      var command = try Open.bare(arguments) ?? parseAsRoot(arguments)
      try command.run()
    } catch {
      let text = fullMessage(for: error)
      let code = exitCode(for: error)
      if !text.isEmpty {
        if code == .success { System.say(text) } else { System.sayError(text) }
      }
      System.exit(code.rawValue)
    }
  }
}
