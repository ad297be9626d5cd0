import Domain

/// The ways a table's rows make a tree: which one a table is read by,
/// and each of them.
extension TableReader {
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
}
