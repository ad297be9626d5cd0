/// The status rules the dashboard and the command line apply alike
/// (docs/guide.md): a quota's status follows its count — the first
/// activity makes it doing, reaching the target makes it done — and a
/// status set by hand is never moved back.
extension Quota {
  /// The status a node of this quota moves to once its count is
  /// `count`, from `status`; nil when it stays.
  public static func status(after count: Int, target: Int, from status: Status) -> Status? {
    guard status != .done, count > 0 else { return nil }
    if target > 0 && count >= target { return .done }
    return status == .todo ? .doing : nil
  }
}
