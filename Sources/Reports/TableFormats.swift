import Domain
import Presentation
import Sheets
import TextScreen

/// How a table is written out.
public enum TableFormat: String, CaseIterable, Sendable {
  /// Aligned columns for a terminal, by display width (a Chinese
  /// character is two columns).
  case text
  case csv
  /// A Markdown table, for pasting into a report.
  case md
}

extension Table {
  /// The table in `format`. Text columns take the width of their widest
  /// cell, the long column at most `titleWidth`, cut with "…".
  public func rendered(_ format: TableFormat, titleWidth: Int = 48) -> [UInt8] {
    switch format {
    case .csv:
      return csvDocument([columns.map(\.title)] + rows.map(\.cells))
    case .md:
      return Array(markdown().utf8)
    case .text:
      return Array(text(titleWidth: titleWidth).utf8)
    }
  }

  func text(titleWidth: Int) -> String {
    var widths = columns.map { DisplayWidth.of($0.title) }
    for row in rows {
      for (k, cell) in row.cells.enumerated() where k < widths.count {
        widths[k] = max(widths[k], DisplayWidth.of(cell))
      }
    }
    for (k, c) in columns.enumerated() where c.long { widths[k] = min(widths[k], titleWidth) }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (k, c) in columns.enumerated() {
        let cell = k < cells.count ? cells[k] : ""
        parts.append(DisplayColumns.fit(cell, widths[k], align: c.align))
      }
      // No blanks at the ends of lines: a padded last column is noise.
      var out = parts.joined(separator: "  ")
      while out.last == " " { out.removeLast() }
      return out
    }
    var out = line(columns.map(\.title)) + "\n"
    out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows { out += line(row.cells) + "\n" }
    return out
  }

  func markdown() -> String {
    func cell(_ s: String) -> String { Markdown.escape(s) }
    var out = "| " + columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
    out += "|" + columns.map { $0.align == .right ? "---:|" : "---|" }.joined() + "\n"
    for row in rows {
      out += "| " + row.cells.map { cell($0.trimmingBlanks) }.joined(separator: " | ") + " |\n"
    }
    return out
  }
}

enum Markdown {
  /// Text that Markdown shows as it is: table bars, emphasis, links and
  /// HTML are escaped; line breaks become spaces.
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "|", "*", "_", "`", "[", "]", "<", ">", "#", "\\": out.append("\\"); out.append(ch)
      case "\n", "\r": out.append(" ")
      default: out.append(ch)
      }
    }
    return out
  }
}
