import Domain

public struct ImportOptions: Equatable, Sendable {
  /// Read the bytes as this encoding instead of detecting it.
  public var encoding: SheetEncoding?
  /// The year of deadlines written without one (6月底, 上半年).
  public var year: Int?
  /// An existing node to add the table under; nil: at the top level.
  public var parent: String?
  /// New node ids are "<idPrefix>-1", "<idPrefix>-2"…, and new unit ids
  /// "u-<idPrefix>-1"…: give each import its own prefix.
  public var idPrefix: String
  /// The language of warnings and reasons.
  public var lang: Lang

  public init(encoding: SheetEncoding? = nil, year: Int? = nil, parent: String? = nil,
              idPrefix: String = "imp", lang: Lang = .zh) {
    self.encoding = encoding
    self.year = year
    self.parent = parent
    self.idPrefix = idPrefix
    self.lang = lang
  }
}

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
  }
  /// The 1-based record number: the row number Excel shows.
  public var row: Int
  public var kind: Kind
  /// The cell's text the issue is about, "" when none.
  public var text: String
  public var message: String

  public var description: String { "\(row): \(message)" }
}

public struct ImportResult: Equatable, Sendable {
  /// New nodes in pre-order, parents before children, parent ids set.
  public var nodes: [Node]
  /// Units named in the table that the campaign did not have.
  public var newUnits: [Unit]
  /// Nodes whose deadline reads as ongoing (长期坚持, 常态化…).
  public var ongoing: Set<String>
  /// Rows after the header that are not blank.
  public var rowsRead: Int
  public var skipped: [RowIssue]
  public var warnings: [RowIssue]
  public var encoding: SheetEncoding
  /// The record number of the header row.
  public var headerRow: Int

  /// The campaign with the new units and nodes added (under
  /// `ImportOptions.parent`, after its children, when given).
  public func applied(to campaign: Campaign) -> Campaign {
    Campaign(id: campaign.id, title: campaign.title, start: campaign.start, end: campaign.end,
             source: campaign.source, units: campaign.units + newUnits,
             nodes: campaign.nodes + nodes)
  }
}

/// Reads a task breakdown table (任务分解表, 责任清单) exported as CSV into
/// new nodes and units for `campaign`.
///
/// The header row is the first that names a title column (测评项目,
/// 测评内容…), so title lines above it are passed over. The tree comes
/// from, in this order of preference: the section paths `exportCSV` writes
/// (测评项目 holding "A / B", the titles above); a 序号 column of outline
/// codes (1, 1.1, 1.1.2); else merged 测评项目 cells (a blank one belongs
/// to the value above) with 测评内容 as items under them, and outline
/// numbering in the titles (一、（一）1.（1）). Top-level nodes are groups,
/// nodes with children tasks, the other leaves items.
public func importSheet(_ bytes: [UInt8], into campaign: Campaign,
                        options: ImportOptions = ImportOptions()) throws(SheetError) -> ImportResult
{
  if let parent = options.parent, campaign.index[parent] == nil { throw .unknownParent(parent) }
  let decoded = try decodeText(bytes, encoding: options.encoding)
  guard decoded.text.contains(where: { !$0.isWhitespace && $0 != "," && $0 != "\t" }) else {
    throw .empty
  }
  let records = try readCSV(decoded.text, delimiter: sniffDelimiter(decoded.text))
  guard let h = records.firstIndex(where: { ColumnMap(headers: $0.cells).hasTitle }) else {
    throw .noHeader(lookedFor: SheetField.titleHeaders)
  }
  var headers = records[h].cells
  var first = h + 1
  // A two-row header: 责任单位 above 牵头单位 | 配合单位.
  if first < records.count, !records[first].isBlank,
    records[first].cells.allSatisfy({ $0.trimmingBlanks.isEmpty || SheetField.of(header: $0) != nil })
  {
    for (column, sub) in records[first].cells.enumerated() where !sub.trimmingBlanks.isEmpty {
      while headers.count <= column { headers.append("") }
      headers[column] = sub
    }
    first += 1
  }
  let rows = records[first...].filter { !$0.isBlank }
  var reader = TableReader(campaign: campaign, options: options, columns: ColumnMap(headers: headers))
  reader.read(Array(rows))
  return reader.result(encoding: decoded.encoding, headerRow: records[h].row, rowsRead: rows.count)
}

/// A cell as a spreadsheet means it: trimmed, and without the apostrophe
/// that `exportCSV` puts before a cell that would run as a formula.
func cellText(_ raw: String) -> String {
  var s = raw
  // A CR inside a quoted cell reads as "\n".
  if s.first == "'", let next = s.unicodeScalars.dropFirst().first,
    formulaStarts.contains(next) || next == "'" || next == "\n"
  {
    s.removeFirst()
  }
  return s.trimmingBlanks
}

/// First characters that make Excel or WPS read a cell as a formula.
let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

/// A title on one line: a line break inside a cell is dropped between
/// Chinese characters and becomes a space between others.
func oneLine(_ text: String) -> String {
  guard text.contains(where: \.isNewline) else { return text }
  var out = ""
  let chars = Array(text)
  for (i, c) in chars.enumerated() {
    guard c.isNewline else {
      out.append(c)
      continue
    }
    let before = i > 0 ? chars[i - 1] : " "
    let after = i + 1 < chars.count ? chars[i + 1] : " "
    if before.isASCII || after.isASCII, out.last != " " { out.append(" ") }
  }
  return out.trimmingBlanks
}

/// The path separator in the 测评项目 column of an export.
let pathSeparator = " / "

private struct Draft {
  var node: Node
  var parent: Int?
  /// The record it was read from.
  var row: Int
  var children: [Int] = []
}

/// Builds the tree row by row.
private struct TableReader {
  let campaign: Campaign
  let options: ImportOptions
  let columns: ColumnMap
  var drafts: [Draft] = []
  var roots: [Int] = []
  var newUnits: [Unit] = []
  var ongoing: Set<String> = []
  var skipped: [RowIssue] = []
  var warnings: [RowIssue] = []
  private var usedIDs: Set<String>
  private var usedUnitIDs: Set<String>
  private var nextID = 1

  init(campaign: Campaign, options: ImportOptions, columns: ColumnMap) {
    self.campaign = campaign
    self.options = options
    self.columns = columns
    usedIDs = Set(campaign.nodes.map(\.id))
    usedUnitIDs = Set(campaign.units.map(\.id))
  }

  var lang: Lang { options.lang }

  func cell(_ row: CSVRecord, _ field: SheetField) -> String {
    columns.first[field].map { cellText(row[$0]) } ?? ""
  }

  /// The header of a field's column as the file writes it, for messages.
  func header(_ field: SheetField) -> String {
    columns.names[field] ?? field.exportHeader(english: lang == .en)
  }

  // MARK: Modes

  mutating func read(_ rows: [CSVRecord]) {
    let hasProject = columns.first[.project] != nil
    let hasContent = columns.first[.content] != nil
    if hasProject && hasContent && isExportedPaths(rows) {
      readPaths(rows)
    } else if let codes = outlineCodes(rows) {
      readCodes(rows, codes)
    } else if hasProject && hasContent {
      readMerged(rows)
    } else {
      readNumbered(rows, title: hasProject ? .project : .content)
    }
  }

  /// Whether 测评项目 cells name the rows above by their path ("A / B"),
  /// as `exportCSV` writes them, more often than not.
  func isExportedPaths(_ rows: [CSVRecord]) -> Bool {
    var keys = Set<String>()
    var found = 0
    var missing = 0
    for row in rows {
      let project = cell(row, .project)
      let content = cell(row, .content)
      if !project.isEmpty { keys.contains(project) ? (found += 1) : (missing += 1) }
      if !content.isEmpty { keys.insert(project.isEmpty ? content : project + pathSeparator + content) }
    }
    return found > missing
  }

  /// The 序号 cells when they are outline codes (1, 1.1, 1.1.2) with at
  /// least one level below the top and every code's parent above it.
  func outlineCodes(_ rows: [CSVRecord]) -> [String]? {
    guard columns.first[.number] != nil else { return nil }
    var seen = Set<String>()
    var nested = false
    let codes = rows.map { asciiDigits(cell($0, .number)) }
    for code in codes where !code.isEmpty {
      let parts = code.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
      if parts.count > 1 {
        nested = true
        guard seen.contains(parts.dropLast().joined(separator: ".")) else { return nil }
      }
      seen.insert(code)
    }
    return nested ? codes : nil
  }

  /// An export of `exportCSV`: 测评项目 is the path of titles above.
  mutating func readPaths(_ rows: [CSVRecord]) {
    var byKey: [String: Int] = [:]
    for row in rows {
      let project = cell(row, .project)
      let content = cell(row, .content)
      let title = oneLine(content)
      guard !title.isEmpty else {
        skip(row, lang.pick("没有标题（\(header(.content))为空）", "no title (\(header(.content)) is blank)"))
        continue
      }
      var parent: Int?
      if !project.isEmpty {
        if let known = byKey[project] {
          parent = known
        } else {
          // A section typed in by hand: a new top-level node.
          let made = add(title: oneLine(project), under: nil, row: row)
          byKey[project] = made
          parent = made
        }
      }
      let key = project.isEmpty ? content : project + pathSeparator + content
      let made = add(title: title, under: parent, row: row)
      byKey[key] = made
      fill(made, from: row)
    }
  }

  /// Outline codes in 序号: each code's node goes under its parent code's;
  /// a row without a code follows the row above as its sibling.
  mutating func readCodes(_ rows: [CSVRecord], _ codes: [String]) {
    var byCode: [String: Int] = [:]
    var previous: Int?
    for (row, code) in zip(rows, codes) {
      var title = cell(row, .content)
      if title.isEmpty { title = cell(row, .project) }
      title = oneLine(title)
      guard !title.isEmpty else {
        skip(row, lang.pick("没有标题", "no title"))
        continue
      }
      let parent: Int?
      if code.isEmpty {
        parent = previous.flatMap { drafts[$0].parent }
      } else {
        let parts = code.split(separator: ".")
        parent = parts.count > 1 ? byCode[parts.dropLast().joined(separator: ".")] : nil
      }
      let made = add(title: numbering(title)?.rest ?? title, under: parent, row: row)
      if !code.isEmpty { byCode[code] = made }
      previous = made
      fill(made, from: row)
    }
  }

  /// 测评项目 and 测评内容: a project cell (merged over the rows below it,
  /// or repeated on each) is a node, and each content an item under it.
  /// Numbering in either column nests further.
  mutating func readMerged(_ rows: [CSVRecord]) {
    // Levels: projects 1…6, contents 11…16, so a content never climbs
    // above the project it belongs to.
    var stack: [(level: Int, draft: Int)] = []
    var projects: [String: [(level: Int, draft: Int)]] = [:]
    for row in rows {
      let project = cell(row, .project)
      let content = cell(row, .content)
      var projectIsNew = false
      if !project.isEmpty {
        if let known = projects[project] {
          // The same project again: on the row below (a repeated value)
          // contents go on nesting; after another project it starts over.
          if let k = stack.lastIndex(where: { $0.draft == known.last!.draft }) {
            if stack[(k + 1)...].contains(where: { $0.level < 10 }) { stack.removeSubrange((k + 1)...) }
          } else {
            stack = known
          }
        } else {
          let n = numbering(project)
          let level = n?.level ?? 1
          while let top = stack.last, top.level >= level { stack.removeLast() }
          let made = add(title: oneLine(n?.rest ?? project), under: stack.last?.draft, row: row)
          stack.append((level, made))
          projects[project] = stack
          projectIsNew = true
        }
      }
      if !content.isEmpty {
        let n = numbering(content)
        let level = 10 + (n?.level ?? unnumberedLevel)
        while let top = stack.last, top.level >= level { stack.removeLast() }
        let made = add(title: oneLine(n?.rest ?? content), under: stack.last?.draft, row: row)
        stack.append((level, made))
        fill(made, from: row)
      } else if projectIsNew {
        fill(stack.last!.draft, from: row)
      } else if !project.isEmpty {
        skip(row, lang.pick("只重复了\(header(.project))“\(project)”，\(header(.content))为空",
                            "repeats \(header(.project)) “\(project)” with a blank \(header(.content))"))
      } else {
        skip(row, lang.pick("没有标题（\(header(.project))和\(header(.content))都为空）",
                            "no title (\(header(.project)) and \(header(.content)) are blank)"))
      }
    }
  }

  /// One title column: the outline numbering of the titles, or of 序号
  /// (一 above 1), gives the levels; unnumbered rows go under the last
  /// numbered one.
  mutating func readNumbered(_ rows: [CSVRecord], title field: SheetField) {
    var stack: [(level: Int, draft: Int)] = []
    for row in rows {
      let text = cell(row, field)
      guard !text.isEmpty else {
        skip(row, lang.pick("没有标题（\(header(field))为空）", "no title (\(header(field)) is blank)"))
        continue
      }
      let n = numbering(text)
      let level = n?.level ?? numberCellLevel(cell(row, .number)) ?? unnumberedLevel
      while let top = stack.last, top.level >= level { stack.removeLast() }
      let made = add(title: oneLine(n?.rest ?? text), under: stack.last?.draft, row: row)
      stack.append((level, made))
      fill(made, from: row)
    }
  }

  // MARK: Nodes and fields

  mutating func add(title: String, under parent: Int?, row: CSVRecord) -> Int {
    var id: String
    repeat {
      id = "\(options.idPrefix)-\(nextID)"
      nextID += 1
    } while usedIDs.contains(id)
    usedIDs.insert(id)
    let index = drafts.count
    drafts.append(Draft(node: Node(id: id, kind: .item, title: title), parent: parent, row: row.row))
    if let parent { drafts[parent].children.append(index) } else { roots.append(index) }
    return index
  }

  mutating func skip(_ row: CSVRecord, _ reason: String) {
    skipped.append(RowIssue(row: row.row, kind: .noTitle, text: "", message: reason))
  }

  mutating func unitID(_ name: String) -> String {
    if let u = campaign.units.first(where: { $0.name == name }) ?? newUnits.first(where: { $0.name == name }) {
      return u.id
    }
    var n = newUnits.count + 1
    while usedUnitIDs.contains("u-\(options.idPrefix)-\(n)") { n += 1 }
    let id = "u-\(options.idPrefix)-\(n)"
    usedUnitIDs.insert(id)
    newUnits.append(Unit(id: id, name: name))
    return id
  }

  /// Units, deadline, status and note of the row's node.
  mutating func fill(_ d: Int, from row: CSVRecord) {
    var lead: String?
    var support: [String] = []
    if let c = columns.first[.lead] {
      let names = splitUnitNames(cellText(row[c]))
      lead = names.first
      support += names.dropFirst()
    }
    for c in columns.moreLeads { support += splitUnitNames(cellText(row[c])) }
    support += splitUnitNames(cell(row, .support))
    if lead == nil, !support.isEmpty { lead = support.removeFirst() }
    var seen = Set(lead.map { [$0] } ?? [])
    support = support.filter { seen.insert($0).inserted }
    var node = drafts[d].node
    node.lead = lead.map { unitID($0) }
    node.support = support.map { unitID($0) }

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

    let deadline = cell(row, .deadline)
    switch readDeadline(deadline, year: options.year) {
    case .none: break
    case .date(let day): node.due = day
    case .ongoing:
      ongoing.insert(node.id)
      lines.append("时限：" + deadline)
    case .needsYear:
      lines.append("时限：" + deadline)
      warnings.append(RowIssue(row: row.row, kind: .deadlineNeedsYear, text: deadline,
                               message: lang.pick("完成时限“\(deadline)”没有年份：请指定年份，已记入备注",
                                                  "deadline “\(deadline)” has no year: give a year (kept in the note)")))
    case .unreadable:
      lines.append("时限：" + deadline)
      warnings.append(RowIssue(row: row.row, kind: .badDeadline, text: deadline,
                               message: lang.pick("无法识别的完成时限“\(deadline)”，已记入备注",
                                                  "unreadable deadline “\(deadline)” (kept in the note)")))
    }
    node.note = lines.joined(separator: "\n")
    drafts[d].node = node
  }

  // MARK: Result

  func result(encoding: SheetEncoding, headerRow: Int, rowsRead: Int) -> ImportResult {
    let base: Int
    if let parent = options.parent, let p = campaign.index[parent] {
      base = campaign.depth(p) + 1
    } else {
      base = 0
    }
    var nodes: [Node] = []
    nodes.reserveCapacity(drafts.count)
    // Rows whose node would be too deep are skipped, with those below:
    // each row's level, and the row of the first too deep above it.
    var deepRows: [Int: (level: Int, under: Int?)] = [:]
    var dropped = Set<String>()
    var stack: [(draft: Int, depth: Int, deepAbove: Int?)] = roots.reversed().map { ($0, base, nil) }
    while let (d, depth, deepAbove) = stack.popLast() {
      guard depth < Campaign.maxDepth else {
        let row = drafts[d].row
        if deepRows[row] == nil { deepRows[row] = (depth + 1, deepAbove == row ? nil : deepAbove) }
        dropped.insert(drafts[d].node.id)
        stack.append(contentsOf: drafts[d].children.reversed().map { ($0, depth + 1, deepAbove ?? row) })
        continue
      }
      stack.append(contentsOf: drafts[d].children.reversed().map { ($0, depth + 1, nil) })
      var node = drafts[d].node
      node.parent = drafts[d].parent.map { drafts[$0].node.id } ?? options.parent
      let leaf = drafts[d].children.isEmpty || depth + 1 >= Campaign.maxDepth
      node.kind = depth == 0 ? .group : leaf ? .item : .task
      nodes.append(node)
    }
    var skipped = self.skipped
    if !deepRows.isEmpty {
      for (row, deep) in deepRows {
        let message: String
        if let top = deep.under {
          message = lang.pick("在第 \(top) 行之下，层级过深", "below row \(top), which is too deep")
        } else {
          message = lang.pick("层级为 \(deep.level)，最多 \(Campaign.maxDepth) 层",
                              "\(deep.level) levels deep: at most \(Campaign.maxDepth)")
        }
        skipped.append(RowIssue(row: row, kind: .tooDeep, text: "", message: message))
      }
      // In row order (no row is skipped for two reasons).
      skipped.sort { $0.row < $1.row }
    }
    let ongoing = dropped.isEmpty ? self.ongoing : self.ongoing.subtracting(dropped)
    let warnings = deepRows.isEmpty ? self.warnings : self.warnings.filter { deepRows[$0.row] == nil }
    return ImportResult(nodes: nodes, newUnits: newUnits, ongoing: ongoing, rowsRead: rowsRead,
                        skipped: skipped, warnings: warnings, encoding: encoding, headerRow: headerRow)
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
