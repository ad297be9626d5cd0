extension Campaign {
  /// The units a typed name may mean: the one so named; else every unit
  /// whose name contains it (so "教育" finds 市教育局 when it is the only
  /// one). One answer is the unit meant; none or several, the caller says so.
  public func units(named text: String) -> [Unit] {
    if let exact = units.first(where: { $0.name == text }) { return [exact] }
    return units.filter { $0.name.contains(text) }
  }
}

extension Campaign {
  /// Merging unit `from` into `into` (one bureau entered twice, a section
  /// renamed by a reorganisation): every node it leads or supports is
  /// then `into`'s, once, and not also supported by `into` where `into`
  /// leads. The operations, each a node's `lead` or `support`; the unit
  /// itself stays listed (no event removes a unit: older changes name it).
  public func merging(unit from: String, into: String) -> [Operation] {
    var ops: [Operation] = []
    for i in nodes(naming: from) {
      let n = nodes[i]
      let lead = n.lead == from ? into : n.lead
      if lead != n.lead { ops.append(.set(node: n.id, field: .lead, value: .text(into))) }
      guard n.support.contains(from) || n.support.contains(into) && lead == into else { continue }
      var support: [String] = []
      for u in n.support.map({ $0 == from ? into : $0 }) where u != lead && !support.contains(u) { support.append(u) }
      if support != n.support { ops.append(.set(node: n.id, field: .support, value: .list(support))) }
    }
    return ops
  }

  /// How many nodes a unit leads or supports.
  public func tasks(of unit: String) -> Int { nodes(naming: unit).count }

  /// The nodes a unit leads or supports, in order: read in place (the
  /// lead's bytes where they lie, the supporting units only where a node
  /// has them), where copying each node and making its lead a String took
  /// 40 ms at a million nodes.
  func nodes(naming unit: String) -> [Int] {
    var found: [Int] = []
    var bytes = unit
    bytes.withUTF8 { id in
      nodes.withUnsafeBufferPointer { nodes in
        for i in nodes.indices {
          let leads = nodes[i].texts.withLead { $0.map { NodeTexts.same($0, id) } ?? false }
          if leads || (nodes[i].hasSupport && nodes[i].support.contains(unit)) { found.append(i) }
        }
      }
    }
    return found
  }
}
