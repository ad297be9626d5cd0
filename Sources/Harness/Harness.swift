import ArgumentParser
import Domain
import Platform
import WorkspaceFiles

/// Tools that drive the libraries from outside the product: `bench` for
/// Scripts/benchmark, `stress` for the crash tests. Both write into the
/// workspace they are given, so they are not shipped in `chuangwen`.
@main
struct Harness: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chuangwen-harness",
    abstract: "Measuring and crash-testing tools for chuangwen (not shipped).",
    subcommands: [Bench.self, Stress.self])
}

/// How long to wait for the workspace's lock: the harnesses write, so they
/// take it like every writer (`LockRequest`), and name themselves in it.
struct LockOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Seconds to wait while another process holds the workspace (0: not at all; inf: until it is free).",
    valueName: "seconds"))
  var wait: Double = LockRequest.defaultWait

  func validate() throws {
    guard wait >= 0 else { throw ValidationError("--wait \(wait): expected 0 or more seconds, or inf") }
  }

  func request(_ command: String) -> LockRequest {
    LockRequest(command: command, wait: wait, at: Clock.timestamp)
  }
}

/// Runs a command's body: a workspace error is printed as chuangwen prints
/// it and becomes the process's sysexits code.
func reporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as WorkspaceError {
    for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) {
      put(2, "chuangwen-harness: \(line)\n")
    }
    throw ExitCode(error.exitCode)
  }
}

/// Writes `text` to a file descriptor at once, unbuffered (a crash test
/// reads what was said before the kill).
func put(_ fd: Int32, _ text: String) { Descriptor.write(fd, Array(text.utf8)) }

/// The clock, shared with chuangwen (`Platform`): Bench times with
/// `Clock.nanoseconds` and counts deadlines from `Clock.day`.
typealias Clock = Platform.Clock
