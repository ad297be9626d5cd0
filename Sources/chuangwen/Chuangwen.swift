import ArgumentParser

@main
struct Chuangwen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chuangwen",
    abstract: "创文: a terminal dashboard for civilised-city campaign offices.",
    discussion: """
      Opens the dashboard on DIR, on the workspace in the current folder, or
      on the bundled demo (the Golmud campaign) when neither is given.
      Exit codes follow sysexits: 64 usage, 65 bad data, 66 no input,
      73 cannot create, 74 I/O error, 75 locked by another instance.
      """,
    subcommands: [
      Open.self, Init.self, Validate.self, Tree.self, Stats.self, Mark.self, Log.self, Verify.self,
      Merge.self, Compact.self, Import.self, Export.self, Report.self, Generate.self, Bench.self, Stress.self,
    ],
    defaultSubcommand: Open.self
  )
}
