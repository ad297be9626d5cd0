import Domain

/// A node being made from a row; parent and children are positions in
/// `TableReader.drafts`.
struct Draft {
  var node: Node
  var parent: Int?
  /// The record it was read from.
  var row: Int
  var children: [Int] = []
}

/// Builds the tree row by row.
struct TableReader {
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

  // MARK: Nodes and units

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

  // MARK: Result

  /// The nodes in pre-order with their parents' ids and kinds by depth;
  /// rows too deep are skipped, with the rows below them.
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
