/// A row skipped, or a cell read only in part.
public struct RowIssue: Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// No title after fill-down: the row is skipped.
    case noTitle
    /// A deadline that is not a date: the row is kept without one.
    case badDeadline
    /// A deadline without a year (6月底) and no `ImportOptions.year`.
    case deadlineNeedsYear
    /// A status that is none of 未开始/进行中/已完成: taken as not started.
    case badStatus
    /// The row's node would be deeper than `Campaign.maxDepth` levels: the
    /// row is skipped, and the rows below it with it.
    case tooDeep
    /// A deadline that is work without an end date (常态工作, 三个工作日内):
    /// kept in the note, the node listed as ongoing.
    case deadlineOngoing
    /// The table has no column of units (on the header row): no node has one.
    case noUnitColumn
    /// The table has no deadline column (on the header row).
    case noDeadlineColumn
    /// A unit that stands for many (各县区, 市直各部门): made as one unit,
    /// for the office to split; on the first row that names it.
    case collectiveUnit
    /// A cell of a fact column (节点类型, 活动配额, 活动记录, 指标数值, 点位信息,
    /// 问题记录) that is not in its form: the fact is not set.
    case badFact
    /// A standard's point type that is not one of the campaign's: kept,
    /// said once, with how to add it.
    case unknownPointType
  }
  /// The 1-based record number: the row number Excel shows.
  public var row: Int
  public var kind: Kind
  /// The cell's text the issue is about, "" when none.
  public var text: String
  public var message: String

  public var description: String { "\(row): \(message)" }
}
