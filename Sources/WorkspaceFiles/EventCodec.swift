import Domain

/// A journal line ⇄ `Event`. One JSON object a line:
/// `{"device": "...", "seq": 3, "clock": 17, "user": "张三", "at": "...",
///   "prev": "<sha256 of the previous line>", "op": "set", ...}`.
public enum EventCodec {
  public static func encode(_ e: Event) -> String {
    var o = ObjectBuilder()
    o.add("device", e.device)
    o.add("seq", e.seq)
    o.add("clock", e.clock)
    o.add("user", e.user)
    o.add("at", e.at)
    o.add("prev", e.prev)
    switch e.op {
    case .set(let node, let field, let value):
      o.add("op", "set")
      o.add("node", node)
      o.add("field", field.rawValue)
      switch value {
      case .text(let t): o.add("value", t)
      case .list(let l): o.add("value", strings: l)
      case .null: o.add("value", JSONValue.null)
      }
    case .addActivity(let node, let a):
      o.add("op", "activity.add")
      o.add("node", node)
      o.add("activity", CampaignCodec.activityJSON(a))
    case .removeActivity(let node, let id):
      o.add("op", "activity.remove")
      o.add("node", node)
      o.add("activity", id)
    case .addProblem(let node, let p):
      o.add("op", "problem.add")
      o.add("node", node)
      o.add("problem", CampaignCodec.problemJSON(p))
    case .setProblem(let node, let id, let state):
      o.add("op", "problem.set")
      o.add("node", node)
      o.add("problem", id)
      o.add("state", state.rawValue)
    case .addNode(let node, let after):
      o.add("op", "node.add")
      o.add("node", CampaignCodec.nodeJSON(node))
      o.add("after", after)
    case .removeNode(let node):
      o.add("op", "node.remove")
      o.add("node", node)
    case .moveNode(let node, let parent, let after):
      o.add("op", "node.move")
      o.add("node", node)
      o.add("parent", parent.map { JSONValue.string($0) } ?? .null)
      o.add("after", after)
    case .addUnit(let unit):
      o.add("op", "unit.add")
      o.add("unit", CampaignCodec.unitJSON(unit))
    }
    return JSONWriter.line(o.value)
  }

  static let ops = ["set", "activity.add", "activity.remove", "problem.add", "problem.set",
                    "node.add", "node.remove", "node.move", "unit.add"]
  static let keys: Set<String> = [
    "device", "seq", "clock", "user", "at", "prev", "op", "node", "field", "value",
    "activity", "problem", "state", "parent", "after", "unit",
  ]

  /// Reads one parsed journal line.
  public static func decode(_ root: JSONNode) throws(DataError) -> Event {
    let r = try ObjectReader(root, what: "the event", allowed: keys)
    guard let seq = try r.int("seq"), seq >= 1 else {
      throw DataError(offset: r.offset(of: "seq"), message: "the event needs \"seq\": a whole number from 1")
    }
    guard let clock = try r.int("clock"), clock >= 0 else {
      throw DataError(offset: r.offset(of: "clock"), message: "the event needs \"clock\": a whole number of 0 or more")
    }
    let op = try r.requiredString("op")
    let operation: Operation
    switch op {
    case "set":
      guard let field = try r.choice("field", Field.self, all: Field.allCases) else {
        throw DataError(offset: root.offset, message: "a set event needs a \"field\"")
      }
      let value: FieldValue
      switch r.member("value")?.value.value {
      case .string(let s): value = .text(s)
      case .array: value = .list(try r.strings("value"))
      case .null, nil: value = .null
      case .some(let other):
        throw DataError(offset: r.offset(of: "value"), message: "expected a string, an array of strings or null for \"value\", found \(other.typeName)")
      }
      operation = .set(node: try r.requiredString("node"), field: field, value: value)
    case "activity.add":
      guard let a = r.member("activity") else {
        throw DataError(offset: root.offset, message: "an activity.add event needs an \"activity\" object")
      }
      operation = .addActivity(node: try r.requiredString("node"), activity: try CampaignCodec.activity(a.value, "the event"))
    case "activity.remove":
      operation = .removeActivity(node: try r.requiredString("node"), activity: try r.requiredString("activity"))
    case "problem.add":
      guard let p = r.member("problem") else {
        throw DataError(offset: root.offset, message: "a problem.add event needs a \"problem\" object")
      }
      operation = .addProblem(node: try r.requiredString("node"), problem: try CampaignCodec.problem(p.value, "the event"))
    case "problem.set":
      guard let state = try r.choice("state", Problem.State.self, all: Problem.State.allCases) else {
        throw DataError(offset: root.offset, message: "a problem.set event needs a \"state\"")
      }
      operation = .setProblem(node: try r.requiredString("node"), problem: try r.requiredString("problem"), state: state)
    case "node.add":
      guard let n = r.member("node") else {
        throw DataError(offset: root.offset, message: "a node.add event needs a \"node\" object")
      }
      operation = .addNode(node: try CampaignCodec.node(n.value), after: try r.string("after"))
    case "node.remove":
      operation = .removeNode(node: try r.requiredString("node"))
    case "node.move":
      operation = .moveNode(node: try r.requiredString("node"), parent: try r.string("parent"), after: try r.string("after"))
    case "unit.add":
      guard let u = r.member("unit") else {
        throw DataError(offset: root.offset, message: "a unit.add event needs a \"unit\" object")
      }
      operation = .addUnit(unit: try CampaignCodec.unit(u.value))
    default:
      throw DataError(offset: r.offset(of: "op"), message: "unknown op \"\(op)\": expected one of \(ops.joined(separator: ", "))")
    }
    return Event(device: try r.requiredString("device"), seq: seq, clock: clock,
                 user: try r.string("user") ?? "", at: try r.string("at") ?? "",
                 prev: try r.string("prev") ?? "", op: operation)
  }
}
