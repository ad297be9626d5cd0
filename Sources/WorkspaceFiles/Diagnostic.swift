import Domain

/// A message about a file, positioned as compilers do: `file:line:col:`.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }
  public var file: String
  public var line: Int?
  public var column: Int?
  public var severity: Severity
  public var message: String

  public init(file: String, line: Int? = nil, column: Int? = nil,
              severity: Severity = .error, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// A diagnostic at a byte offset of a file's bytes.
  init(file: String, bytes: [UInt8], offset: Int, severity: Severity = .error, message: String) {
    let (l, c) = SourceLocator(bytes).location(of: offset)
    self.init(file: file, line: l, column: c, severity: severity, message: message)
  }

  public var description: String {
    var place = file
    if let line { place += ":\(line)" }
    if let column { place += ":\(column)" }
    return "\(place): \(severity.rawValue): \(message)"
  }
}

/// Why a workspace could not be read or written, with the sysexits code
/// the command line exits with.
public enum WorkspaceError: Error, Sendable, CustomStringConvertible {
  /// No workspace there (EX_NOINPUT).
  case notFound(String)
  /// A file named on the command line is not there (EX_NOINPUT).
  case noSuchFile(String)
  /// The files are damaged or break the rules (EX_DATAERR).
  case invalid([Diagnostic])
  /// A folder or file could not be made (EX_CANTCREAT).
  case cannotCreate(String, String)
  /// A folder or file was not made, as it would take the place of
  /// something kept (EX_CANTCREAT): nothing was changed.
  case refused(String, WhyNotMade)
  /// Reading or writing failed (EX_IOERR).
  case io(String, String)
  /// Another chuangwen holds the workspace and did not let go within
  /// `waited` seconds (EX_TEMPFAIL).
  case busy(String, holder: LockHolder?, waited: Double)
  /// A bad argument: a device id, a node reference (EX_USAGE).
  case usage(String)
  /// The role given may not do this (EX_NOPERM).
  case notPermitted(String)

  public var exitCode: Int32 {
    switch self {
    case .notFound, .noSuchFile: return 66
    case .invalid: return 65
    case .cannotCreate, .refused: return 73
    case .io: return 74
    case .busy: return 75
    case .usage: return 64
    case .notPermitted: return 77
    }
  }

  /// What went wrong first and the file's own name after: for a status
  /// line, where a full path would push the reason off the screen.
  public var brief: String {
    func name(_ path: String) -> String { String(path.split(separator: "/").last ?? Substring(path)) }
    switch self {
    case .io(let path, let why): return "\(why) (\(name(path)))"
    case .cannotCreate(let path, let why): return "cannot create: \(why) (\(name(path)))"
    case .refused(let path, let why): return "\(why.text(.en)) (\(name(path)))"
    default: return description
    }
  }

  /// The message in the interface's language: the common ones in
  /// Chinese too (a file's own diagnostics stay as the readers word them).
  public func message(_ lang: Lang) -> String {
    guard lang == .zh else { return description }
    switch self {
    case .noSuchFile(let path): return "\(path)：没有这个文件"
    case .notFound(let path):
      return "\(path)：这里没有工作区（应为含 campaign.json 的文件夹；用 `chuangwen init` 新建）"
    case .refused(let path, let why): return "\(path)：\(why.text(.zh))"
    case .cannotCreate(let path, let why): return "\(path)：无法创建：\(why)"
    case .busy(let path, let holder, let waited):
      let who = holder.map { "chuangwen \($0)" } ?? "另一个 chuangwen"
      let wait = waited > 0 ? "已等待 \(Int(waited.rounded())) 秒；" : ""
      return "\(path)：工作区正被 \(who) 使用：\(wait)请关闭它，或加 --wait 秒数 再试（只写 --wait 则一直等到空闲）"
    default: return description
    }
  }

  public var description: String {
    switch self {
    case .noSuchFile(let path): return "\(path): no such file"
    case .notFound(let path):
      return "\(path): no workspace here (expected a folder with campaign.json; make one with `chuangwen init`)"
    case .invalid(let diagnostics):
      return diagnostics.map(\.description).joined(separator: "\n")
    case .cannotCreate(let path, let why): return "\(path): cannot create: \(why)"
    case .refused(let path, let why): return "\(path): \(why.text(.en))"
    case .io(let path, let why): return "\(path): \(why)"
    case .busy(let path, let holder, let waited):
      let who = holder.map { "by chuangwen \($0)" } ?? "by another chuangwen"
      let wait = waited > 0 ? "waited \(Int(waited.rounded())) s; " : ""
      return "\(path): the workspace is in use \(who): \(wait)close it, or try again with --wait SECONDS (--wait alone waits until it is free)"
    case .usage(let message), .notPermitted(let message): return message
    }
  }
}

/// Why a folder or file was not made (`WorkspaceError.refused`).
public enum WhyNotMade: Sendable, Equatable {
  /// `init` where a workspace is.
  case workspaceThere
  /// An output named onto a workspace's own file (`OtherFiles.workspace(owning:)`).
  case ownFile(of: String)
  /// A workspace to be made in another one's own folders.
  case ownFolder(of: String)
  /// An output named onto a folder.
  case folder

  public func text(_ lang: Lang) -> String {
    switch (self, lang) {
    case (.workspaceThere, .zh): return "这里已有工作区（未作任何改动）"
    case (.workspaceThere, _): return "a workspace is already there (nothing was changed)"
    case (.ownFile(let ws), .zh): return "是工作区 \(ws) 自己的文件，写在这里会替换它（未作任何改动）：请写到它自己的文件以外"
    case (.ownFile(let ws), _):
      return "is a file of the workspace \(ws), which an output written there would replace (nothing was changed): name one outside its own files"
    case (.ownFolder(let ws), .zh): return "在工作区 \(ws) 自己的文件夹里（未作任何改动）：请放在它自己的文件以外"
    case (.ownFolder(let ws), _):
      return "is a folder of the workspace \(ws), which keeps its own files there (nothing was changed): name one outside them"
    case (.folder, .zh): return "是文件夹，应为要写入的文件、管道或终端（未作任何改动）"
    case (.folder, _): return "is a folder, expected a file, a pipe or a terminal to write to (nothing was changed)"
    }
  }
}
