extension Templates {
  /// Placeholder until the template is built from its source document.
  public static func changzhou() -> Campaign {
    Campaign(id: "changzhou", title: "changzhou")
  }
}
