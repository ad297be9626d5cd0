/// Builds a template's tree. Ids come from each node's place when the
/// template is built ("gm-3-1-2"), and units are numbered in the order
/// first named, so building a template twice gives the same bytes.
struct TemplateBuilder {
  let prefix: String
  private(set) var nodes: [Node] = []
  private(set) var units: [Unit] = []
  private var children: [String: Int] = [:]

  init(prefix: String) { self.prefix = prefix }

  /// The id of the unit with this name, made on first use.
  mutating func unit(_ name: String) -> String {
    if let u = units.first(where: { $0.name == name }) { return u.id }
    let id = "\(prefix)-u\(units.count + 1)"
    units.append(Unit(id: id, name: name))
    return id
  }

  /// Adds a node as the last child of `parent` (nil: top level); units
  /// are given by name, the first named leads.
  @discardableResult
  mutating func add(
    _ parent: String?, _ kind: NodeKind, _ title: String, units names: [String] = [],
    due: String? = nil, note: String = "", quota: Quota? = nil,
    indicator: Indicator? = nil, site: Site? = nil
  ) -> String {
    let key = parent ?? ""
    let n = (children[key] ?? 0) + 1
    children[key] = n
    let id = (parent ?? prefix) + "-\(n)"
    let ids = names.map { unit($0) }
    nodes.append(Node(
      id: id, parent: parent, kind: kind, title: title, lead: ids.first,
      support: Array(ids.dropFirst()), due: due.map { Day(iso: $0)! }, note: note,
      quota: quota, indicator: indicator, site: site))
    return id
  }

  /// A quota of `target` counted in `measureWord` (次, 节…), with a
  /// monthly least when given.
  static func count(_ target: Int, _ measureWord: String, perMonth: Int? = nil) -> Quota {
    Quota(target: target, perMonth: perMonth, measureWord: measureWord)
  }

  func campaign(id: String, title: String, start: String?, end: String?, source: String) -> Campaign {
    Campaign(id: id, title: title, start: start.map { Day(iso: $0)! }, end: end.map { Day(iso: $0)! },
             source: source, units: units, nodes: nodes)
  }
}
