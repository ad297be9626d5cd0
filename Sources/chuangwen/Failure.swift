import ArgumentParser
import Domain
import Platform
import WorkspaceFiles

/// Prints a line to standard error.
func printError(_ text: String) { System.sayError(text) }

/// Runs a command's body: a workspace error is printed with its position
/// and becomes the process's sysexits code.
func reporting<T>(_ body: () throws -> T) throws -> T {
  // Past a file-size limit a write should fail (and be reported), not
  // kill the process.
  System.ignoreFileSizeSignal()
  do {
    return try body()
  } catch let error as WorkspaceError {
    let lines = error.message(interfaceLanguage).split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines { printError("chuangwen: " + line) }
    throw ExitCode(error.exitCode)
  }
}

/// The language errors are said in: `--lang` as typed (the options may
/// not have been read when an error is reported), else the locale's.
var interfaceLanguage: Lang {
  let args = CommandLine.arguments
  var explicit: String?
  for (k, a) in args.enumerated() {
    if a == "--lang", k + 1 < args.count { explicit = args[k + 1] }
    if a.hasPrefix("--lang=") { explicit = String(a.dropFirst(7)) }
  }
  return Lang.choose(explicit: explicit, environment: Environment.language)
}

/// Warnings that did not stop the work (a half-written journal line).
func printWarnings(_ workspace: Workspace) {
  for w in workspace.warnings { printError("chuangwen: " + w.description) }
}

/// The node a command-line reference means (an id, or an outline code like
/// 3.1.2 as `chuangwen tree` shows), or a usage error naming `what`.
func resolveNode(_ reference: String, in ws: Workspace, what: String = "") throws(WorkspaceError) -> Int {
  guard let i = ws.campaign.resolve(reference) else {
    throw .usage("\(what)\(reference): no such node in \(ws.directory) (expected an id, or an outline code like 3.1.2 as `chuangwen tree` shows)")
  }
  return i
}
