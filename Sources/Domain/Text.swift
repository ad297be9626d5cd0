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
