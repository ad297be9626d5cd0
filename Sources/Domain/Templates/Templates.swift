/// The built-in templates: campaigns built from the source documents.
public enum Templates {
  /// Template names as `init --template` takes them.
  public static let names = ["golmud", "linxia", "changzhou", "wuhai", "ceping", "blank"]

  /// Builds a template by name; nil for an unknown name.
  public static func build(_ name: String) -> Campaign? {
    switch name {
    case "golmud": return golmud()
    case "linxia": return linxia()
    case "changzhou": return changzhou()
    case "wuhai": return wuhai()
    case "ceping": return ceping()
    case "blank": return blank()
    default: return nil
    }
  }

  /// An empty campaign to fill in.
  public static func blank() -> Campaign {
    Campaign(id: "blank", title: "新建创建工作方案", source: "")
  }
}
