import Domain

/// What a column of a task breakdown table holds.
enum SheetField: CaseIterable, Sendable {
  case number, project, content, lead, support, person, deadline, status, progress, note

  /// Header texts, normalized (see `normalizeHeader`): the Chinese ones
  /// offices write, then the English ones `exportCSV` writes.
  var headers: [String] {
    switch self {
    case .number: return ["序号", "编号", "no.", "no"]
    case .project:
      return ["测评项目", "工作任务", "任务", "项目", "项目名称", "任务名称", "重点任务", "主要任务", "section"]
    case .content:
      return ["测评内容", "具体内容", "工作内容", "任务内容", "具体任务", "主要内容", "工作措施", "title"]
    case .lead:
      return ["牵头单位", "责任单位", "牵头部门", "责任部门", "责任科室", "牵头科室", "leadunit", "lead"]
    case .support:
      return ["配合单位", "协办单位", "配合部门", "协办部门", "配合科室", "supportingunits", "support"]
    case .person: return ["责任人", "具体责任人", "personincharge"]
    case .deadline: return ["完成时限", "完成时间", "时限", "完成期限", "时间节点", "deadline", "due"]
    case .status: return ["状态", "status"]
    case .progress: return ["进度", "progress"]
    case .note: return ["备注", "note", "notes"]
    }
  }

  /// The header `exportCSV` writes.
  func exportHeader(english: Bool) -> String {
    switch self {
    case .number: return english ? "No." : "序号"
    case .project: return english ? "Section" : "测评项目"
    case .content: return english ? "Title" : "测评内容"
    case .lead: return english ? "Lead unit" : "牵头单位"
    case .support: return english ? "Supporting units" : "配合单位"
    case .person: return english ? "Person in charge" : "责任人"
    case .deadline: return english ? "Deadline" : "完成时限"
    case .status: return english ? "Status" : "状态"
    case .progress: return english ? "Progress" : "进度"
    case .note: return english ? "Note" : "备注"
    }
  }

  static func of(header: String) -> SheetField? {
    let h = normalizeHeader(header)
    return h.isEmpty ? nil : allCases.first { $0.headers.contains(h) }
  }

  /// The title headers, as a missing header row's error lists them.
  static var titleHeaders: [String] {
    ["测评项目", "工作任务", "任务", "项目", "测评内容", "具体内容", "工作内容", "任务内容", "Section", "Title"]
  }
}

/// A header as compared: no blanks or line breaks (headers are often
/// wrapped, "牵头\n单位"), no required-field stars, no trailing remark in
/// brackets ("完成时限（年月日）"), lower case.
func normalizeHeader(_ text: String) -> String {
  var s = String(text.filter { !$0.isWhitespace && $0 != "*" && $0 != "＊" }).lowercased()
  for (open, close) in [("（", "）"), ("(", ")")] as [(Character, Character)] where s.last == close {
    if let r = s.lastIndex(of: open), r != s.startIndex { s = String(s[..<r]) }
  }
  return s
}

/// Where each field's column is, found in the header row.
struct ColumnMap: Sendable {
  var first: [SheetField: Int] = [:]
  /// The header of each field's column as the file writes it.
  var names: [SheetField: String] = [:]
  /// Further lead columns (a table with both 牵头单位 and 责任单位): their
  /// names are supporting units.
  var moreLeads: [Int] = []
  /// Columns of no known field, with their headers, kept in notes.
  var extras: [(column: Int, header: String)] = []

  init(headers: [String]) {
    for (column, header) in headers.enumerated() {
      let trimmed = header.trimmingBlanks
      guard let field = SheetField.of(header: trimmed) else {
        extras.append((column, trimmed))
        continue
      }
      if first[field] == nil {
        first[field] = column
        names[field] = trimmed
      } else if field == .lead {
        moreLeads.append(column)
      } else {
        extras.append((column, trimmed))
      }
    }
  }

  var hasTitle: Bool { first[.project] != nil || first[.content] != nil }
}
