import Domain

/// The ways a table's rows make a tree: which one a table is read by,
/// and each of them.
extension TableReader {
  mutating func read(_ rows: [SheetRow]) {
    let titles = columns.titles
    if titles == [.project, .content] && isExportedPaths(rows) {
      readPaths(rows)
    } else if let codes = outlineCodes(rows) {
      readCodes(rows, codes)
    } else if titles.count > 1 {
      readMerged(rows, titles)
    } else {
      readNumbered(rows, title: titles[0])
    }
  }

  /// The row's title: the first title column that is not blank, else a
  /// heading written in the 序号 cell ("一、重要目标任务及责任分工").
  func title(_ row: SheetRow) -> String {
    for field in columns.titles.reversed() {
      let text = cell(row, field)
      if !text.isEmpty { return text }
    }
    return headingInNumber(row) ?? ""
  }

  /// A heading whose title stands in the 序号 cell, number and all.
  func headingInNumber(_ row: SheetRow) -> String? {
    let number = cell(row, .number)
    guard let n = numbering(number), !n.rest.isEmpty else { return nil }
    return number
  }

  /// Whether 测评项目 cells name the rows above by their path ("A / B"),
  /// as `exportCSV` writes them, more often than not.
  func isExportedPaths(_ rows: [SheetRow]) -> Bool {
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
  func outlineCodes(_ rows: [SheetRow]) -> [String]? {
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
  mutating func readPaths(_ rows: [SheetRow]) {
    carryDown = false
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
  mutating func readCodes(_ rows: [SheetRow], _ codes: [String]) {
    var byCode: [String: Int] = [:]
    var previous: Int?
    for (row, code) in zip(rows, codes) {
      let title = oneLine(self.title(row))
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

  /// Several title columns (测评项目 → 指标 → 测评内容 → 测评标准): a cell
  /// of a column above the last (merged over the rows below it, or
  /// repeated on each) is a node, and each cell of the last a node under
  /// them. A blank cell continues the node above unless a column to its
  /// left starts a new one. Numbering in any column nests further.
  mutating func readMerged(_ rows: [SheetRow], _ titles: [SheetField]) {
    // Levels: column k's nodes are 10·k + 1…6, so a column's node never
    // climbs above one of the column to its left; headings in 序号 are
    // below 0, above them all.
    var stack: [(level: Int, draft: Int)] = []
    // The open node's text per column above the last, and each path of
    // texts seen with its stack, for a value repeated after another.
    var open = Array(repeating: "", count: titles.count - 1)
    var known: [[String]: [(level: Int, draft: Int)]] = [:]
    let leaf = titles.last!
    for row in rows {
      // A heading in 序号 alone ("一、基础指标"): above the first column.
      if titles.allSatisfy({ cell(row, $0).isEmpty }), let heading = headingInNumber(row),
        let n = numbering(heading)
      {
        let level = n.level - 10
        while let top = stack.last, top.level >= level { stack.removeLast() }
        let made = add(title: oneLine(n.rest), under: stack.last?.draft, row: row)
        stack.append((level, made))
        open = open.map { _ in "" }
        known = [:]
        fill(made, from: row)
        continue
      }
      var started = false
      var repeated = false
      var made: Int?
      for (k, field) in titles.dropLast().enumerated() {
        let text = cell(row, field)
        if text.isEmpty {
          if started { open[k] = "" }
          continue
        }
        if !started && text == open[k] {
          repeated = true
          continue
        }
        open[k] = text
        for j in (k + 1)..<open.count { open[j] = "" }
        started = true
        let path = Array(open[...k])
        if let back = known[path] {
          // The same node again after another: its place in the tree.
          stack = back
          repeated = true
          continue
        }
        let n = numbering(text)
        let level = 10 * k + (n?.level ?? 1)
        while let top = stack.last, top.level >= level { stack.removeLast() }
        made = add(title: oneLine(n?.rest ?? text), under: stack.last?.draft, row: row)
        carry(made!, from: row)
        stack.append((level, made!))
        known[path] = stack
      }
      let content = cell(row, leaf)
      if !content.isEmpty {
        let n = numbering(content)
        let level = 10 * (titles.count - 1) + (n?.level ?? unnumberedLevel)
        while let top = stack.last, top.level >= level { stack.removeLast() }
        let made = add(title: oneLine(n?.rest ?? content), under: stack.last?.draft, row: row)
        stack.append((level, made))
        fill(made, from: row)
      } else if let made {
        fill(made, from: row)
      } else if repeated {
        let first = titles.first { !cell(row, $0).isEmpty }!
        skip(row, lang.pick("只重复了\(header(first))“\(cell(row, first))”，\(header(leaf))为空",
                            "repeats \(header(first)) “\(cell(row, first))” with a blank \(header(leaf))"))
      } else {
        let names = titles.map(header)
        skip(row, lang.pick("没有标题（\(names.joined(separator: "、"))都为空）",
                            "no title (\(names.joined(separator: " and ")) are blank)"))
      }
    }
  }

  /// One title column: the outline numbering of the titles, or of 序号
  /// (一 above 1), gives the levels; unnumbered rows go under the last
  /// numbered one.
  mutating func readNumbered(_ rows: [SheetRow], title field: SheetField) {
    var stack: [(level: Int, draft: Int)] = []
    for row in rows {
      let text = cell(row, field).isEmpty ? headingInNumber(row) ?? "" : cell(row, field)
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
}
