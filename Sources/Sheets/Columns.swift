import Domain

/// What a column of a task breakdown table holds: its role. The raw values
/// are the names `--map` takes.
enum SheetField: String, CaseIterable, Sendable {
  case number
  /// The title columns, from the top of the tree down: 测评项目 → 指标 →
  /// 测评内容 → 测评标准 (the evaluation system's four levels), or 工作任务
  /// → 工作内容.
  case project, indicator, content, standard
  case lead, support
  /// Kept in the note under their header, like a column of no role.
  case leader, person
  /// A standard's facts (`StandardFacts`): 测评方法, 分值, the point types
  /// it applies to, the negative list; read as `FactColumn`s.
  case method, score, pointTypes, negative
  case deadline, status, progress, note
  /// What an export writes for a lossless round trip (`FactColumn`).
  case kind, quota, activities, values, site, problems
  /// Not read at all (`--map 'E=skip'`).
  case skip

  /// The header synonyms, normalized (see `normalizeHeader`): what
  /// offices write, then the English that `exportCSV` writes. The one
  /// table of them: docs/import.md lists it for people.
  var headers: [String] {
    switch self {
    case .number: return ["序号", "编号", "no.", "no"]
    case .project:
      return ["测评项目", "项目", "项目名称", "工作任务", "任务", "重点任务", "主要任务", "目标任务", "重要目标任务",
              "任务名称", "重点工作", "主要工作任务", "重点工作任务", "section"]
    case .indicator: return ["指标", "指标名称", "测评指标", "考核指标", "indicator"]
    case .content:
      return ["测评内容", "具体内容", "工作内容", "任务内容", "具体任务", "主要内容", "工作措施", "具体措施",
              "工作事项", "title"]
    case .standard: return ["测评标准", "评价标准", "考核标准", "standard"]
    case .lead:
      return ["牵头单位", "牵头部门", "责任单位", "负责单位", "负责部门", "责任部门", "责任科室", "牵头科室",
              "主体责任单位", "主责单位", "牵头责任单位", "承办单位", "责任处室", "牵头",
              "leadunit", "lead"]
    case .support:
      return ["配合单位", "协同单位", "协同责任单位", "参与单位", "协办单位", "配合部门", "协办部门", "配合科室",
              "配合责任单位", "协助单位", "配合", "supportingunits", "support"]
    case .leader: return ["牵头领导", "责任领导", "分管领导", "leader"]
    case .person: return ["责任人", "具体责任人", "联络员", "personincharge"]
    case .method: return ["测评方法", "考核方式", "method"]
    case .score: return ["分值", "分数", "score"]
    case .pointTypes: return ["适用点位", "适用点位类型", "点位类型", "pointtypes"]
    case .negative: return ["负面清单", "是否负面清单", "negative"]
    case .deadline:
      return ["完成时限", "完成时间", "时间节点", "时间进度", "时限", "进度安排", "完成期限", "时间安排", "时间要求",
              "完成时限要求", "deadline", "due"]
    case .status: return ["状态", "status"]
    case .progress: return ["进度", "progress"]
    case .note: return ["备注", "note", "notes"]
    case .kind: return ["节点类型", "类型", "kind"]
    case .quota: return ["活动配额", "配额", "quota"]
    case .activities: return ["活动记录", "activities"]
    case .values: return ["指标数值", "indicatorvalues", "values"]
    case .site: return ["点位信息", "site"]
    case .problems: return ["问题记录", "problems"]
    case .skip: return []
    }
  }

  /// The title columns from the top of the tree down.
  static let titles: [SheetField] = [.project, .indicator, .content, .standard]

  /// The header `exportCSV` writes, and the name of a role in messages.
  func exportHeader(english: Bool) -> String {
    if english {
      switch self {
      case .number: return "No."
      case .project: return "Section"
      case .content: return "Title"
      case .lead: return "Lead unit"
      case .support: return "Supporting units"
      case .person: return "Person in charge"
      case .values: return "Indicator values"
      case .pointTypes: return "Point types"
      default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
      }
    }
    return headers.first ?? "跳过"
  }

  static func of(header: String) -> SheetField? {
    let h = normalizeHeader(header)
    return h.isEmpty ? nil : allCases.first { $0.headers.contains(h) }
  }

  /// The title headers, as a missing header row's error lists them.
  static var titleHeaders: [String] {
    ["测评项目", "工作任务", "重点任务", "目标任务", "指标", "测评内容", "工作内容", "具体任务", "Section", "Title"]
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

/// `--map 'COLUMN=ROLE,…'`: columns given a role by hand, before the
/// header synonyms are looked at. COLUMN is a header as the sheet writes
/// it, a column letter (E) or number (5); ROLE a role's name (lead,
/// deadline…, skip) or any of its headers (牵头单位, 完成时限…).
public struct ColumnOverrides: Equatable, Sendable {
  enum Column: Equatable, Sendable {
    case header(String)
    case index(Int)
  }
  var entries: [(column: Column, field: SheetField)] = []

  public init() {}

  /// Reads `--map`'s text; an entry that is not COLUMN=ROLE with a known
  /// role is an error naming it.
  public init(_ text: String) throws(SheetError) {
    for entry in text.split(whereSeparator: { $0 == "," || $0 == "，" }) {
      let parts = entry.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks }
      guard parts.count == 2, !parts[0].isEmpty else { throw .badMap(String(entry)) }
      let role = parts[1].lowercased()
      guard let field = SheetField(rawValue: role) ?? Self.aliases[role] ?? SheetField.of(header: parts[1]) else {
        throw .badMap(String(entry))
      }
      let column: Column
      if let n = Int(parts[0]), n >= 1 {
        column = .index(n - 1)
      } else if let ref = Workbook.cellReference(parts[0].uppercased() + "1"), parts[0].count <= 3,
        parts[0].allSatisfy({ $0.isASCII && $0.isLetter })
      {
        column = .index(ref.column)
      } else {
        column = .header(normalizeHeader(parts[0]))
      }
      entries.append((column, field))
    }
  }

  /// Role names people reach for besides the roles' own.
  static let aliases: [String: SheetField] = [
    "section": .project, "task": .content, "title": .content, "unit": .lead, "units": .lead, "due": .deadline,
    "ignore": .skip,
  ]

  public static func == (a: Self, b: Self) -> Bool {
    a.entries.map(\.column) == b.entries.map(\.column) && a.entries.map(\.field) == b.entries.map(\.field)
  }

  var isEmpty: Bool { entries.isEmpty }

  /// The role `--map` gives a column, if any.
  func field(column: Int, header: String) -> SheetField? {
    let h = normalizeHeader(header)
    return entries.last {
      switch $0.column {
      case .index(let k): return k == column
      case .header(let name): return !h.isEmpty && name == h
      }
    }?.field
  }
}

/// Where each field's column is, found in the header row.
struct ColumnMap: Sendable {
  var first: [SheetField: Int] = [:]
  /// The header of each field's column as the file writes it.
  var names: [SheetField: String] = [:]
  /// Further lead columns (a table with both 牵头单位 and 责任单位): their
  /// names are supporting units.
  var moreLeads: [Int] = []
  /// Columns kept in notes with their headers: no known role, or a role
  /// of the note (责任领导).
  var extras: [(column: Int, header: String)] = []

  init(headers: [String], overrides: ColumnOverrides = ColumnOverrides()) {
    for (column, header) in headers.enumerated() {
      let trimmed = oneLine(header.trimmingBlanks)
      guard let field = overrides.field(column: column, header: header) ?? SheetField.of(header: trimmed) else {
        extras.append((column, trimmed))
        continue
      }
      switch field {
      case .skip: continue
      case .leader, .person:
        if field == .person, first[.person] == nil {
          first[.person] = column
          names[.person] = trimmed
        } else {
          extras.append((column, trimmed))
        }
      default:
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
    // A column given a role by number past the header's last cell.
    for entry in overrides.entries {
      if case .index(let k) = entry.column, k >= headers.count, entry.field != .skip, first[entry.field] == nil {
        first[entry.field] = k
      }
    }
  }

  /// The title columns the table has, from the top of the tree down.
  var titles: [SheetField] { SheetField.titles.filter { first[$0] != nil } }

  var hasTitle: Bool { !titles.isEmpty }
}
