/// Display width of text in a terminal: a Chinese character takes two
/// columns, a combining mark none.
///
/// A pure-Swift table, so screens are the same on every machine; a test
/// checks it against the C library's `wcwidth`, which ncurses uses.
public enum DisplayWidth {
  /// Columns a grapheme cluster takes: 0, 1 or 2.
  public static func of(_ ch: Character) -> Int {
    var width = 0
    for scalar in ch.unicodeScalars {
      if scalar.value == 0xFE0F { return 2 }  // emoji presentation
      if width == 0 { width = of(scalar) }
    }
    return width
  }

  /// Columns a string takes.
  public static func of(_ text: String) -> Int {
    // Adding up scalars gives the clusters' widths (a combining mark adds
    // 0) except where scalars join into one emoji; only then is the text
    // split into grapheme clusters, which is slow.
    var total = 0
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v == 0x200D || v == 0xFE0F || (v >= 0x1F1E6 && v <= 0x1F1FF) || (v >= 0x1F3FB && v <= 0x1F3FF) {
        total = 0
        for ch in text { total += of(ch) }
        return total
      }
      total += of(scalar)
    }
    return total
  }

  /// Columns one scalar takes, as wcwidth would say in a UTF-8 locale
  /// (East Asian ambiguous characters take one column).
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v >= 0x20 ? 1 : 0 }
    if v < 0xA0 { return 0 }
    // Common here and free of marks: skip the category look-up.
    if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3000 && v <= 0x3029) || (v >= 0xFF01 && v <= 0xFF60) { return 2 }
    if (v >= 0x2010 && v <= 0x2027) || (v >= 0x2190 && v <= 0x2BFF) { return isWide(v) ? 2 : 1 }
    return categoryWidth(scalar)
  }

  /// The width by the scalar's general category and the wide ranges.
  static func categoryWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v >= 0x20 ? 1 : 0 }
    if v < 0xA0 { return 0 }
    if v == 0x00AD { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control:
      return 0
    default:
      break
    }
    if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul medial vowels
    if v == 0x200B { return 0 }
    return isWide(v) ? 2 : 1
  }

  /// East Asian Wide and Fullwidth ranges (Unicode 15).
  static func isWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    for (lo, hi) in wideRanges where v >= lo {
      if v <= hi { return true }
    }
    return false
  }

  static let wideRanges: [(UInt32, UInt32)] = [
    (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC),
    (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615),
    (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE),
    (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
    (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B),
    (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755),
    (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x2FF0, 0x2FFB), (0x3000, 0x303E),
    (0x3041, 0x3096), (0x3099, 0x30FF), (0x3105, 0x312F), (0x3131, 0x318E),
    (0x3190, 0x31E3), (0x31F0, 0x321E), (0x3220, 0x3247), (0x3250, 0x4DBF),
    (0x4E00, 0xA48C), (0xA490, 0xA4C6), (0xA960, 0xA97C), (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE52), (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6), (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF1), (0x17000, 0x187F7), (0x18800, 0x18CD5),
    (0x18D00, 0x18D08), (0x1AFF0, 0x1AFFE), (0x1B000, 0x1B122),
    (0x1B150, 0x1B152), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB),
    (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A), (0x1F200, 0x1F202), (0x1F210, 0x1F23B),
    (0x1F240, 0x1F248), (0x1F250, 0x1F251), (0x1F260, 0x1F265),
    (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3),
    (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4), (0x1F3F8, 0x1F43E),
    (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D),
    (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A),
    (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F),
    (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2),
    (0x1F6D5, 0x1F6D7), (0x1F6DC, 0x1F6DF), (0x1F6EB, 0x1F6EC),
    (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0),
    (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF),
    (0x1FA70, 0x1FA7C), (0x1FA80, 0x1FA88), (0x1FA90, 0x1FABD),
    (0x1FABF, 0x1FAC5), (0x1FACE, 0x1FADB), (0x1FAE0, 0x1FAE8),
    (0x1FAF0, 0x1FAF8), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
  ]
}

/// Which side of its width a text keeps to, the rest padded with spaces:
/// a table's column (`Table.Column`), a cell fitted by `DisplayColumns`.
public enum Alignment: Sendable { case left, right }

/// Text fitted into display columns, the cells of a terminal: a Chinese
/// character takes two (`DisplayWidth`).
public enum DisplayColumns {
  /// The text cut to at most `width` columns, ending in `ellipsis` when cut.
  public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if DisplayWidth.of(text) <= width { return text }
    let room = width - DisplayWidth.of(ellipsis)
    guard room >= 0 else { return "" }
    var out = ""
    var used = 0
    for ch in text {
      let w = DisplayWidth.of(ch)
      if used + w > room { break }
      out.append(ch)
      used += w
    }
    return out + ellipsis
  }

  /// The text cut or padded with spaces to exactly `width` columns.
  public static func fit(_ text: String, _ width: Int, align: Alignment = .left) -> String {
    let cut = truncate(text, to: width)
    let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    return align == .left ? cut + pad : pad + cut
  }

  /// A bar of `width` columns filled to `fraction`, in eighths.
  public static func bar(_ fraction: Double, width: Int) -> String {
    guard width > 0 else { return "" }
    let eighths = Int((max(0, min(1, fraction)) * Double(width * 8)).rounded())
    let full = eighths / 8
    let partial = eighths % 8
    let blocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    var out = String(repeating: "█", count: full)
    if full < width {
      out.append(partial > 0 ? blocks[partial] : "░")
      out += String(repeating: "░", count: width - full - 1)
    }
    return out
  }
}
