extension Templates {
  /// Placeholder until the template is built from its source document.
  public static func golmud() -> Campaign {
    Campaign(id: "golmud", title: "golmud")
  }
}
