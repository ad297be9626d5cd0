import Domain

extension TableReader {
  /// Units, deadline, status and note of the row's node. Units and a
  /// deadline left blank (a cell merged down from the parent's row, or
  /// written once for a heading) are the parent's.
  mutating func fill(_ d: Int, from row: SheetRow) {
    var node = drafts[d].node
    let parent = carryDown ? drafts[d].parent.map { drafts[$0] } : nil
    (node.lead, node.support) = units(row, under: parent)
    drafts[d].carried = (node.lead, node.support)

    var lines: [String] = []
    let note = cell(row, .note)
    if !note.isEmpty { lines.append(note) }
    let person = cell(row, .person)
    if !person.isEmpty { lines.append("责任人：" + person) }
    for (column, name) in columns.extras {
      let value = cellText(row[column])
      if !value.isEmpty { lines.append((name.isEmpty ? "第\(column + 1)列" : name) + "：" + value) }
    }

    let status = cell(row, .status)
    if let s = readStatus(status) {
      node.status = s
    } else {
      lines.append("状态：" + status)
      warnings.append(RowIssue(row: row.row, kind: .badStatus, text: status,
                               message: lang.pick("无法识别的状态“\(status)”，按未开始处理",
                                                  "unknown status “\(status)”: taken as not started")))
    }

    var deadline = cell(row, .deadline)
    let own = !deadline.isEmpty
    if !own, let parent { deadline = parent.deadline }
    drafts[d].deadline = deadline
    switch readDeadline(deadline, year: options.year) {
    case .none: break
    case .date(let day): node.due = day
    case .ongoing:
      ongoing.insert(node.id)
      // Kept on the node: never overdue, said beside it.
      node.flags = [.ongoing]
      lines.append("时限：" + deadline)
      // Said once, on the row that wrote it.
      if own {
        warnings.append(RowIssue(row: row.row, kind: .deadlineOngoing, text: deadline, message: lang.pick(
          "完成时限“\(deadline)”不是日期：记为长期工作，已记入备注",
          "deadline “\(deadline)” is not a date: taken as ongoing work (kept in the note)")))
      }
    case .needsYear:
      lines.append("时限：" + deadline)
      if own {
        warnings.append(RowIssue(row: row.row, kind: .deadlineNeedsYear, text: deadline, message: lang.pick(
          "完成时限“\(deadline)”没有年份：请用 --year 指定年份，已记入备注",
          "deadline “\(deadline)” has no year: give one with --year (kept in the note)")))
      }
    case .unreadable:
      lines.append("时限：" + deadline)
      if own {
        warnings.append(RowIssue(row: row.row, kind: .badDeadline, text: deadline, message: lang.pick(
          "无法识别的完成时限“\(deadline)”，已记入备注", "unreadable deadline “\(deadline)” (kept in the note)")))
      }
    }
    node.note = lines.joined(separator: "\n")
    drafts[d].node = node
    for field in FactColumn.all where columns.first[field] != nil { readFact(field, d, row) }
  }

  /// The row's units (lead, then supporting) as ids, made when new; the
  /// parent's when the row names none.
  mutating func units(_ row: SheetRow, under parent: Draft?) -> (String?, [String]) {
    var lead: String?
    var support: [String] = []
    if let c = columns.first[.lead] {
      let names = unitNames(cellText(row[c]))
      lead = names.first
      support += names.dropFirst()
    }
    for c in columns.moreLeads { support += unitNames(cellText(row[c])) }
    support += unitNames(cell(row, .support))
    if lead == nil, !support.isEmpty { lead = support.removeFirst() }
    guard let lead else { return parent?.carried ?? (nil, []) }
    var seen: Set = [lead]
    return (unitID(lead, row: row.row), support.filter { seen.insert($0).inserted }.map { unitID($0, row: row.row) })
  }

  /// What a section made on the row of its first item hands down to the
  /// items below that leave units or deadline blank: that row's, as a
  /// cell merged over the section's rows would have it. The section's own
  /// fields stay empty.
  mutating func carry(_ d: Int, from row: SheetRow) {
    guard carryDown else { return }
    let parent = drafts[d].parent.map { drafts[$0] }
    drafts[d].carried = units(row, under: parent)
    let deadline = cell(row, .deadline)
    drafts[d].deadline = deadline.isEmpty ? parent?.deadline ?? "" : deadline
  }

  /// A fact column's cell into the node, or a warning naming the row
  /// and the column.
  mutating func readFact(_ field: SheetField, _ d: Int, _ row: SheetRow) {
    let text = cell(row, field)
    guard !text.isEmpty else { return }
    let id = drafts[d].node.id
    var read = true
    switch field {
    case .kind:
      if let kind = FactColumn.kind(text) { drafts[d].kind = kind } else { read = false }
    case .quota:
      if let quota = FactColumn.quota(text) {
        drafts[d].node.quota = Quota(target: quota.target, perMonth: quota.perMonth, measureWord: quota.measureWord,
                                     activities: drafts[d].node.quota?.activities ?? [])
      } else {
        read = false
      }
    case .activities:
      if let list = FactColumn.activities(text, id: "a-" + id) {
        var quota = drafts[d].node.quota ?? Quota(target: 0)
        quota.activities = list
        drafts[d].node.quota = quota
      } else {
        read = false
      }
    case .values:
      if let values = FactColumn.indicator(text) { drafts[d].node.indicator = values } else { read = false }
    case .site:
      if let site = FactColumn.site(text) { drafts[d].node.site = site } else { read = false }
    case .problems:
      if let list = FactColumn.problems(text, id: "p-" + id) {
        // Units by name, made as any unit of the table is.
        drafts[d].node.problems = list.map { p in
          var p = p
          p.unit = p.unit.map { unitID($0, row: row.row) }
          return p
        }
      } else {
        read = false
      }
    case .method, .score, .pointTypes, .negative:
      var facts = drafts[d].node.standard ?? StandardFacts(points: 0, methods: [])
      switch field {
      case .method: if let m = StandardFacts.Method.list(text) { facts.methods = m } else { read = false }
      case .score: if let x = StandardFacts.points(text) { facts.points = x } else { read = false }
      case .pointTypes:
        facts.types = StandardFacts.parts(text)
        for t in facts.types where campaign.unknownType(t) != nil && unknownTypes.insert(t).inserted {
          warnings.append(RowIssue(row: row.row, kind: .unknownPointType, text: t, message: lang.pick(
            "\(header(field))“\(t)”不是已有的点位类型：已照录；添加类型：chuangwen point 目录 type \(t)",
            "\(header(field)) “\(t)” is not a point type here: kept as written; add it with chuangwen point DIR type \(t)")))
        }
      default: if let neg = StandardFacts.negative(text) { facts.negative = neg } else { read = false }
      }
      // What an office wrote and we cannot read stays in the note.
      if read { drafts[d].node.standard = facts } else { noteLine(d, header(field) + "：" + oneLine(text)) }
    default:
      break
    }
    if !read {
      warnings.append(RowIssue(row: row.row, kind: .badFact, text: text, message: lang.pick(
        "\(header(field))“\(oneLine(text))”的格式不对（见 docs/import.md），未导入",
        "\(header(field)) “\(oneLine(text))” is not in its form (docs/import.md): not read")))
    }
  }
}

extension TableReader {
  mutating func noteLine(_ d: Int, _ line: String) {
    let note = drafts[d].node.note
    drafts[d].node.note = note.isEmpty ? line : note + "\n" + line
  }
}

/// 未开始/进行中/已完成, todo/doing/done, or the English labels; blank is
/// not started; nil for anything else.
func readStatus(_ cell: String) -> Status? {
  let s = cell.lowercased().filter { !$0.isWhitespace }
  switch s {
  case "", "未开始", "未启动", "待办", "todo", "notstarted": return .todo
  case "进行中", "推进中", "正在推进", "已启动", "doing", "inprogress": return .doing
  case "已完成", "完成", "已办结", "done", "completed": return .done
  default: return nil
  }
}
