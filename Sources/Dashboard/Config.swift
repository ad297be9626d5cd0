import Domain

/// Who is at the keyboard and how the dashboard should behave.
public struct DashboardConfig: Sendable {
  public var lang: Lang
  public var role: Role
  public var user: String
  public var device: String
  /// The day deadlines are counted from.
  public var today: Day
  /// Another instance holds the workspace: nothing may change.
  public var readOnly: Bool
  /// Unique per session: new problem and activity ids are
  /// "\(idPrefix)-\(counter)", unique across laptops.
  public var idPrefix: String

  public init(lang: Lang, role: Role, user: String, device: String, today: Day,
              readOnly: Bool, idPrefix: String) {
    self.lang = lang
    self.role = role
    self.user = user
    self.device = device
    self.today = today
    self.readOnly = readOnly
    self.idPrefix = idPrefix
  }
}
