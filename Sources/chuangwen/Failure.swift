import ArgumentParser
import Foundation
import WorkspaceFiles

/// Prints a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs a command's body: a workspace error is printed with its position
/// and becomes the process's sysexits code.
func reporting<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as WorkspaceError {
    let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines { printError("chuangwen: " + line) }
    throw ExitCode(error.exitCode)
  }
}

/// Warnings that did not stop the work (a half-written journal line).
func printWarnings(_ workspace: Workspace) {
  for w in workspace.warnings { printError("chuangwen: " + w.description) }
}
