extension Templates {
  /// Placeholder until the template is built from its source document.
  public static func linxia() -> Campaign {
    Campaign(id: "linxia", title: "linxia")
  }
}
