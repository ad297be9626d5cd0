import Domain

/// Why a file cannot be read at all. Problems with single rows are not
/// errors: they come back as `ImportResult.skipped` and `.warnings`.
public enum SheetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No bytes, or nothing but blanks.
  case empty
  /// A byte that is not valid in the encoding; `offset` counts from 0,
  /// `line` from 1.
  case invalidBytes(encoding: SheetEncoding, offset: Int, line: Int)
  /// UTF-16 text (Excel's "Unicode text"): save as CSV instead.
  case utf16
  /// The system's iconv cannot convert from this encoding.
  case encodingUnavailable(SheetEncoding)
  /// A quoted cell is never closed; where it opens (1-based).
  case unterminatedQuote(row: Int, column: Int, line: Int)
  /// No row names a title column; the headers looked for.
  case noHeader(lookedFor: [String])
  /// `ImportOptions.parent` names no node of the campaign.
  case unknownParent(String)

  public var description: String { message(.en) }

  public func message(_ lang: Lang) -> String {
    switch self {
    case .empty:
      return lang.pick("文件是空的", "the file is empty")
    case .invalidBytes(let encoding, let offset, let line):
      let name = encoding == .utf8 ? "UTF-8" : "GB18030"
      return lang.pick("第\(line)行（字节\(offset)）不是有效的\(name)编码",
                       "invalid \(name) at byte \(offset) (line \(line))")
    case .utf16:
      return lang.pick("不支持 UTF-16 文本：请另存为“CSV UTF-8”或“CSV”",
                       "UTF-16 text is not supported: save as \"CSV UTF-8\" or \"CSV\"")
    case .encodingUnavailable(let encoding):
      return lang.pick("系统无法转换 \(encoding.rawValue) 编码",
                       "this system cannot convert from \(encoding.rawValue)")
    case .unterminatedQuote(let row, let column, let line):
      return lang.pick("第\(row)行第\(column)列（文件第\(line)行）的引号没有闭合",
                       "row \(row), column \(column) (line \(line)): a quote is never closed")
    case .noHeader(let names):
      return lang.pick("找不到表头：没有一行含有 " + names.joined(separator: "、"),
                       "no header row: no row names any of " + names.joined(separator: ", "))
    case .unknownParent(let id):
      return lang.pick("没有节点 \(id)", "no node \(id)")
    }
  }
}
