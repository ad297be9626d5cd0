import Domain

/// A node being made from a row; parent and children are positions in
/// `TableReader.drafts`.
struct Draft {
  var node: Node
  var parent: Int?
  /// The record it was read from.
  var row: Int
  var children: [Int] = []
  /// Its deadline cell and units (ids), or the ones it took from its
  /// parent: what its children without their own take. A section made on
  /// the row of its first item holds that row's (`carry`), merged over
  /// its rows, though they are not its own.
  var deadline = ""
  var carried: (lead: String?, support: [String]) = (nil, [])
  /// The kind a 节点类型 cell names; else the kind follows the shape.
  var kind: NodeKind?
}

/// Builds the tree row by row.
struct TableReader {
  let campaign: Campaign
  let options: ImportOptions
  let columns: ColumnMap
  var drafts: [Draft] = []
  var roots: [Int] = []
  var newUnits: [Unit] { units.made }
  var ongoing: Set<String> = []
  var skipped: [RowIssue] = []
  var warnings: [RowIssue] = []
  /// Point types already said to be unknown (once each).
  var unknownTypes: Set<String> = []
  /// Whether a blank unit or deadline cell takes the parent's: what
  /// offices mean, but not what `exportCSV` means (it writes each node's
  /// own, blank for none).
  var carryDown = true
  private var usedIDs: Set<String>
  private var nextID = 1
  private var units: UnitMatcher

  init(campaign: Campaign, options: ImportOptions, columns: ColumnMap) {
    self.campaign = campaign
    self.options = options
    self.columns = columns
    usedIDs = Set(campaign.nodes.map(\.id))
    units = UnitMatcher(campaign.units, idPrefix: options.idPrefix)
  }

  /// A warning on the header row for each of units and deadline that has
  /// no column: never a silent table of nodes without them.
  mutating func checkColumns(headerRow: Int) {
    if columns.first[.lead] == nil && columns.first[.support] == nil {
      warnings.append(RowIssue(row: headerRow, kind: .noUnitColumn, text: "", message: lang.pick(
        "没有找到责任单位列（如 牵头单位、责任单位、负责部门）：导入的节点都没有单位；可用 --map '列=lead' 指定",
        "no column of units (such as 牵头单位, 责任单位, 负责部门): no node gets a unit; name one with --map 'COLUMN=lead'")))
    }
    if columns.first[.deadline] == nil {
      warnings.append(RowIssue(row: headerRow, kind: .noDeadlineColumn, text: "", message: lang.pick(
        "没有找到完成时限列（如 完成时限、时间节点、时间进度）：导入的节点都没有期限；可用 --map '列=deadline' 指定",
        "no deadline column (such as 完成时限, 时间节点, 时间进度): no node gets a deadline; name one with --map 'COLUMN=deadline'")))
    }
  }

  var lang: Lang { options.lang }

  func cell(_ row: SheetRow, _ field: SheetField) -> String {
    columns.first[field].map { cellText(row[$0]) } ?? ""
  }

  /// The header of a field's column as the file writes it, for messages.
  func header(_ field: SheetField) -> String {
    columns.names[field] ?? field.exportHeader(english: lang == .en)
  }

  // MARK: Nodes and units

  mutating func add(title: String, under parent: Int?, row: SheetRow) -> Int {
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

  mutating func skip(_ row: SheetRow, _ reason: String) {
    skipped.append(RowIssue(row: row.row, kind: .noTitle, text: "", message: reason))
  }

  /// The unit so named, matched ignoring blanks and full- or half-width
  /// punctuation; made when there is none. A collective name (各县区) is
  /// made too, with a warning on the row that first names it.
  mutating func unitID(_ name: String, row: Int) -> String {
    if let id = units.find(name) { return id }
    if isCollectiveUnit(name) {
      warnings.append(RowIssue(row: row, kind: .collectiveUnit, text: name, message: lang.pick(
        "“\(name)”泛指多个单位：已作为一个单位导入，请拆分为具体单位（chuangwen unit）",
        "“\(name)” stands for many units: made as one unit, to be split into real ones (chuangwen unit)")))
    }
    return units.unit(named: name)
  }

  /// A unit listed apart from the table (an export's 单位名录), made when
  /// no unit has its name.
  mutating func listUnit(_ name: String) {
    _ = units.unit(named: name)
  }

  // MARK: Result

  /// The nodes in pre-order with their parents' ids and kinds by depth;
  /// rows too deep are skipped, with the rows below them.
  func result(headerRow: Int, rowsRead: Int) -> ImportResult {
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
      // A flat list of tasks is not a list of areas: a group is a top
      // node with rows below it.
      node.kind = drafts[d].kind ?? FactColumn.shapeKind(top: depth == 0, leaf: leaf)
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
                        skipped: skipped, warnings: warnings, encoding: nil, sheet: nil, headerRow: headerRow, title: nil)
  }
}
