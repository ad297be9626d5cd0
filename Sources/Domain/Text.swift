extension String {
  /// Without blanks at either end: spaces, tabs, line breaks and the
  /// ideographic space (　) that Chinese input methods type. One trim for
  /// typed answers, sheet cells and report cells alike.
  public var trimmingBlanks: String {
    let scalars = unicodeScalars
    guard let a = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let b = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[a...b])
  }
}

extension Unicode.Scalar {
  /// What must not reach a terminal from a title, a note, a name or a
  /// journal line: C0 controls (ESC starts a sequence that can set the
  /// title, clear the screen or write the clipboard; BEL, CR), DEL, C1
  /// controls (0x9B is a one-byte CSI) and the marks that reorder text
  /// (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), which make a line
  /// read otherwise than it is. Line breaks and tabs are the caller's
  /// to keep (`withoutControls(keeping:)`).
  public var isTerminalControl: Bool {
    let v = value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
    return v == 0x061C || v == 0x200E || v == 0x200F || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
  }
}

extension String {
  /// Whether any scalar is a terminal control (a name typed with one is
  /// refused: it would be stamped on every change).
  public var hasTerminalControls: Bool { unicodeScalars.contains { $0.isTerminalControl } }

  /// The text with every terminal control left out, except the scalars in
  /// `keeping` (a multi-line message keeps its line breaks).
  public func withoutControls(keeping: Set<Unicode.Scalar> = []) -> String {
    // Most text has none: returned as it is, not rebuilt.
    guard unicodeScalars.contains(where: { $0.isTerminalControl && !keeping.contains($0) }) else { return self }
    var out = String.UnicodeScalarView()
    for u in unicodeScalars where !u.isTerminalControl || keeping.contains(u) { out.append(u) }
    return String(out)
  }
}

/// A size in bytes as people read it ("512 bytes", "1.5 MiB"): in the
/// messages about files and in lists of evidence alike.
public enum ByteCount {
  public static func text(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) bytes" }
    let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var unit = 0
    var scale = 1024
    while unit < units.count - 1 && bytes / scale >= 1024 {
      unit += 1
      scale *= 1024
    }
    if bytes % scale == 0 { return "\(bytes / scale) \(units[unit])" }
    let tenths = Int((Double(bytes) / Double(scale) * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(units[unit])"
  }
}
