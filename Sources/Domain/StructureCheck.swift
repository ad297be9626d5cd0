/// A rule of the tree that a campaign breaks: what the workspace reports
/// with the file position of the node and field.
public struct StructureIssue: Equatable, Sendable {
  public enum Rule: Equatable, Sendable {
    /// A second node with an id already used.
    case duplicateNode(String)
    /// A second unit with an id already used.
    case duplicateUnit(String)
    /// A parent id that names no node.
    case missingParent(String)
    /// The node is its own ancestor.
    case cycle
    /// A unit id (lead, support, problem) that names no unit.
    case unknownUnit(String)
    /// Two problems of one node with one id, or two activities.
    case duplicateEntry(String)
    /// A title longer than any real one (a damaged or hostile file).
    case tooLong(Int)
    /// A node at this level (1 for the top), below `Campaign.maxDepth`
    /// levels. Only the topmost such node of a branch is reported.
    case tooDeep(Int)
  }

  /// The longest title a node may have, in characters.
  public static let maxTitle = 1000
  /// Index of the node in `Campaign.nodes`; nil for a unit.
  public var node: Int?
  /// Index in `Campaign.units` for unit rules.
  public var unit: Int?
  /// The JSON field at fault: "id", "parent", "lead", "support", "unit"...
  public var field: String
  /// Position within an array field (support[2], problems[0]).
  public var position: Int?
  public var rule: Rule

  public func message(_ lang: Lang) -> String {
    switch rule {
    case .duplicateNode(let id):
      return lang.pick("节点 id “\(id)” 重复，每个 id 只能出现一次",
                       "duplicate node id \"\(id)\": each id must be unique")
    case .duplicateUnit(let id):
      return lang.pick("单位 id “\(id)” 重复", "duplicate unit id \"\(id)\"")
    case .missingParent(let id):
      return lang.pick("上级节点 “\(id)” 不存在，应为已有节点的 id",
                       "parent \"\(id)\" names no node: expected the id of a node")
    case .cycle:
      return lang.pick("上级关系成环：节点不能是自己的上级",
                       "parent links form a cycle: a node cannot be its own ancestor")
    case .unknownUnit(let id):
      return lang.pick("单位 “\(id)” 不在 units 列表中",
                       "unit \"\(id)\" is not in the units list")
    case .duplicateEntry(let id):
      return lang.pick("条目 id “\(id)” 在同一节点内重复",
                       "duplicate entry id \"\(id)\" within one node")
    case .tooLong(let n):
      return lang.pick("标题有 \(n) 个字符，最多 \(StructureIssue.maxTitle) 个",
                       "the title has \(n) characters: at most \(StructureIssue.maxTitle)")
    case .tooDeep(let n):
      return lang.pick("节点层级为 \(n)，最多 \(Campaign.maxDepth) 层",
                       "the node is \(n) levels deep: at most \(Campaign.maxDepth)")
    }
  }
}

extension Campaign {
  /// Every broken rule of the tree, in file order.
  public func structuralIssues() -> [StructureIssue] {
    structuralIssues { checks in checks.map { $0() } }
  }

  /// Every broken rule of the tree, in file order, the nodes checked in
  /// parts: `run` is handed a check for each part and gives back their
  /// answers in the same order, and may run them on threads of its own
  /// (Domain has none). At a million nodes the checks take about 70 ms on
  /// one thread, most of it reading the nodes and looking up units, and
  /// the parts need nothing of each other.
  public func structuralIssues(running run: ([@Sendable () -> [StructureIssue]]) -> [[StructureIssue]])
    -> [StructureIssue]
  {
    var issues: [StructureIssue] = []
    for u in duplicateUnits {
      issues.append(.init(node: nil, unit: u, field: "id", rule: .duplicateUnit(units[u].id)))
    }
    let deep = tooDeep()
    let n = nodes.count
    // Halves only where a thread pays for itself.
    let middle = n >= 50_000 ? n / 2 : n
    let campaign = self
    let parts = run([{ campaign.nodeIssues(0..<middle, deep: deep) }]
                    + (middle < n ? [{ campaign.nodeIssues(middle..<n, deep: deep) }] : []))
    for part in parts { issues += part }
    return issues
  }

  /// The broken rules of the nodes in `range`, in file order; `deep` are
  /// the nodes one level too deep (`tooDeep()`).
  private func nodeIssues(_ range: Range<Int>, deep: [Int]) -> [StructureIssue] {
    var issues: [StructureIssue] = []
    var known = KnownUnits()
    // Into `duplicates` (found while indexing, in order) and `deep`.
    var nextDuplicate = duplicates.partitionPoint { $0 >= range.lowerBound }
    var nextDeep = deep.partitionPoint { $0 >= range.lowerBound }
    // Fields are read one by one through a pointer: handing a whole node
    // to a function copies it, retaining every string.
    nodes.withUnsafeBufferPointer { nodes in
      for i in range {
        // Bytes first: counting characters is slow, and almost never needed.
        if nodes[i].texts.titleUTF8Count > StructureIssue.maxTitle, nodes[i].title.count > StructureIssue.maxTitle {
          issues.append(.init(node: i, field: "title", rule: .tooLong(nodes[i].title.count)))
        }
        if nextDuplicate < duplicates.count && duplicates[nextDuplicate] == i {
          issues.append(.init(node: i, field: "id", rule: .duplicateNode(nodes[i].id)))
          nextDuplicate += 1
        }
        if nextDeep < deep.count && deep[nextDeep] == i {
          issues.append(.init(node: i, field: "parent", rule: .tooDeep(Campaign.maxDepth + 1)))
          nextDeep += 1
        }
        // A parent that resolved (parentOf ≥ 0) needs no second look-up.
        if parentOf[i] < 0, let p = nodes[i].parent {
          if position(of: p) == nil {
            issues.append(.init(node: i, field: "parent", rule: .missingParent(p)))
          } else {
            issues.append(.init(node: i, field: "parent", rule: .cycle))
          }
        }
        if nodes[i].texts.withLead({ $0.map { !known.unit($0, in: self) } ?? false }) {
          issues.append(.init(node: i, field: "lead", rule: .unknownUnit(nodes[i].lead!)))
        }
        // Most nodes have none of the rest.
        guard nodes[i].hasRare else { continue }
        for (k, s) in nodes[i].support.enumerated() where !known.unit(s, in: self) {
          issues.append(.init(node: i, field: "support", position: k, rule: .unknownUnit(s)))
        }
        guard nodes[i].hasProblems || nodes[i].hasQuota else { continue }
        let problems = nodes[i].problems, activities = nodes[i].activities
        let entries = problems.count + activities.count
        func id(_ j: Int) -> String { j < problems.count ? problems[j].id : activities[j - problems.count].id }
        // Whether entry j (problems, then activities) repeats one before
        // it; asked of each in turn. A station logs a few activities:
        // they are compared pairwise (a set cost more than the rest of the
        // check), more go through a set.
        var seen = Set<String>()
        func repeated(_ j: Int) -> Bool {
          if entries <= 16 { return (0..<j).contains { id($0) == id(j) } }
          return !seen.insert(id(j)).inserted
        }
        for (k, p) in problems.enumerated() {
          if let u = p.unit, !known.unit(u, in: self) {
            issues.append(.init(node: i, field: "problems", position: k, rule: .unknownUnit(u)))
          }
          if repeated(k) {
            issues.append(.init(node: i, field: "problems", position: k, rule: .duplicateEntry(p.id)))
          }
        }
        for k in activities.indices where repeated(problems.count + k) {
          issues.append(.init(node: i, field: "activities", position: k, rule: .duplicateEntry(activities[k].id)))
        }
      }
    }
    return issues
  }

  /// Unit ids found lately: neighbours name some dozens of units, and a
  /// look-up in the unit table (a slot anywhere in a megabyte, then the
  /// unit) costs cache misses.
  private struct KnownUnits {
    /// Ids of up to 16 bytes found lately, as two words and a length
    /// (0: an empty slot), in a slot chosen from those words.
    var recent = [(UInt64, UInt64, Int)](repeating: (0, 0, 0), count: 1024)

    /// Whether `campaign` has a unit of this id.
    mutating func unit(_ unit: String, in campaign: Campaign) -> Bool {
      var unit = unit
      return unit.withUTF8 { self.unit($0, in: campaign) }
    }

    /// The same by the id's bytes (a node's lead, in its arena): no
    /// String is made unless the id is looked up.
    mutating func unit(_ bytes: UnsafeBufferPointer<UInt8>, in campaign: Campaign) -> Bool {
      guard bytes.count > 0 && bytes.count <= 16 else {
        return campaign.position(ofUnit: String(decoding: bytes, as: UTF8.self)) != nil
      }
      var words: (UInt64, UInt64) = (0, 0)
      withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
      let k = Int(truncatingIfNeeded: ((words.0 ^ words.1 &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD) >> 54)
      if recent[k] == (words.0, words.1, bytes.count) { return true }
      guard campaign.position(ofUnit: String(decoding: bytes, as: UTF8.self)) != nil else { return false }
      recent[k] = (words.0, words.1, bytes.count)
      return true
    }
  }

  /// The nodes at depth `maxDepth` (one level too deep), in file order:
  /// the top of each branch that goes too deep. One walk down from the
  /// roots that stops there, so it costs at most the tree's size whatever
  /// the depth.
  func tooDeep() -> [Int] {
    // A tree this small cannot be that deep.
    guard nodes.count > Campaign.maxDepth else { return [] }
    var found: [Int] = []
    childrenOf.start.withUnsafeBufferPointer { start in
      childrenOf.list.withUnsafeBufferPointer { list in
        var stack: [(node: Int32, depth: Int32)] = roots.map { (Int32($0), 0) }
        while let (i, d) = stack.popLast() {
          if d == Campaign.maxDepth {
            found.append(Int(i))
            continue
          }
          for k in Int(start[Int(i)])..<Int(start[Int(i) + 1]) { stack.append((list[k], d + 1)) }
        }
      }
    }
    return found.sorted()
  }
}

extension Array {
  /// The first index whose element is `true` of `above`, for ascending
  /// elements (`count` when none is).
  func partitionPoint(_ above: (Element) -> Bool) -> Int {
    var low = 0, high = count
    while low < high {
      let mid = (low + high) / 2
      if above(self[mid]) { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
