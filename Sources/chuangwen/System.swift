#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Domain
import Platform

/// What chuangwen says, and where: every text for people (messages,
/// outlines, tables, which carry titles, names and notes from the
/// workspace) goes out through `say` and `printError`, and every document
/// a command writes to standard output (CSV, JSON, Markdown, HTML) through
/// `emit`, byte for byte. No `print`: this is the one place to make text
/// safe for a terminal.
///
/// chuangwen's own code does not import Foundation: standard output, the
/// environment and the clock come from the C library (`Platform`). It is
/// in the process all the same: swift-crypto (the journals' SHA-256, in
/// WorkspaceFiles) depends on it, so `ldd` lists libFoundation, or, with
/// `--static-swift-stdlib`, it is linked into the executable.
enum System {
  /// Text for people on standard output, then `terminator`; without
  /// terminal controls (`isTerminalControl`), whatever the workspace holds.
  static func say(_ text: String, terminator: String = "\n") {
    Descriptor.write(1, Array((safe(text) + terminator).utf8))
  }

  /// A document on standard output: byte for byte into a file or a pipe;
  /// on a terminal without terminal controls (a CSV shows titles raw).
  static func emit(_ bytes: some Collection<UInt8>) {
    guard isatty(1) == 1 else { return Descriptor.write(1, bytes) }
    Descriptor.write(1, Array(safe(String(decoding: bytes, as: UTF8.self)).utf8))
  }

  /// Text for people on standard error, then a line break.
  static func sayError(_ text: String) { Descriptor.write(2, Array((safe(text) + "\n").utf8)) }

  /// Line breaks and tabs are layout; every other control is left out.
  private static func safe(_ text: String) -> String { text.withoutControls(keeping: ["\n", "\t"]) }

  /// Ends a command that has done its work and said what it had to (the
  /// output is written straight to its descriptor, nothing buffered), with
  /// `held` (a workspace read whole) still held: its memory goes back with
  /// the process, where freeing a million events or nodes a block at a
  /// time took 40–70 ms before the shell had its prompt back.
  static func finish<T>(holding held: T) -> Never {
    withExtendedLifetime(held) { exit(0) }
  }

  /// Ends the process with a sysexits code.
  static func exit(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
  }

  /// Past a file-size limit a write then fails with EFBIG instead of
  /// killing the process.
  static func ignoreFileSizeSignal() { signal(SIGXFSZ, SIG_IGN) }
}
