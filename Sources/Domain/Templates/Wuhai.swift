extension Templates {
  /// Placeholder until the template is built from its source document.
  public static func wuhai() -> Campaign {
    Campaign(id: "wuhai", title: "wuhai")
  }
}
