import Domain

/// A journal line ⇄ `Event`. One JSON object a line:
/// `{"device": "...", "seq": 3, "clock": 17, "user": "张三", "at": "...",
///   "prev": "<sha256 of the previous line>", "op": "set", ...}`.
public enum EventCodec {
  public static func encode(_ e: Event) -> String {
    var w = JSONOutput()
    write(e, to: &w)
    return w.text
  }

  /// The line's bytes, without its line break.
  static func write(_ e: Event, to w: inout JSONOutput) {
    typealias K = EventKey
    var s = w.beginObject()
    w.key(K.device, &s)
    w.string(e.device)
    w.key(K.seq, &s)
    w.int(e.seq)
    w.key(K.clock, &s)
    w.int(e.clock)
    w.key(K.user, &s)
    w.string(e.user)
    w.key(K.at, &s)
    w.string(e.at)
    w.key(K.prev, &s)
    w.string(e.prev)
    func text(_ k: K, _ value: String?) {
      guard let value else { return }
      w.key(k, &s)
      w.string(value)
    }
    switch e.op {
    case .set(let node, let field, let value):
      text(.op, "set")
      text(.node, node)
      text(.field, field.rawValue)
      w.key(K.value, &s)
      switch value {
      case .text(let t): w.string(t)
      case .list(let l): w.strings(l)
      case .null: w.null()
      }
    case .addActivity(let node, let a):
      text(.op, "activity.add")
      text(.node, node)
      w.key(K.activity, &s)
      CampaignCodec.write(a, to: &w)
    case .removeActivity(let node, let id):
      text(.op, "activity.remove")
      text(.node, node)
      text(.activity, id)
    case .addProblem(let node, let p):
      text(.op, "problem.add")
      text(.node, node)
      w.key(K.problem, &s)
      CampaignCodec.write(p, to: &w)
    case .setProblem(let node, let id, let state):
      text(.op, "problem.set")
      text(.node, node)
      text(.problem, id)
      text(.state, state.rawValue)
    case .addNode(let node, let after):
      text(.op, "node.add")
      w.key(K.node, &s)
      CampaignCodec.write(node, to: &w)
      text(.after, after)
    case .removeNode(let node):
      text(.op, "node.remove")
      text(.node, node)
    case .moveNode(let node, let parent, let after):
      text(.op, "node.move")
      text(.node, node)
      w.key(K.parent, &s)
      if let parent { w.string(parent) } else { w.null() }
      text(.after, after)
    case .addUnit(let unit):
      text(.op, "unit.add")
      w.key(K.unit, &s)
      CampaignCodec.write(unit, to: &w)
    }
    w.endObject()
  }

  static let ops = ["set", "activity.add", "activity.remove", "problem.add", "problem.set",
                    "node.add", "node.remove", "node.move", "unit.add"]

  /// Reads one parsed journal line.
  public static func decode(_ root: JSONNode) throws(DataError) -> Event {
    let r = try ObjectReader<EventKey>(root, what: "the event")
    guard let seq = try r.int(.seq), seq >= 1 else {
      throw DataError(offset: r.offset(of: .seq), message: "the event needs \"\(EventKey.seq.rawValue)\": a whole number from 1")
    }
    guard let clock = try r.int(.clock), clock >= 0 else {
      throw DataError(offset: r.offset(of: .clock), message: "the event needs \"\(EventKey.clock.rawValue)\": a whole number of 0 or more")
    }
    let op = try r.requiredString(.op)
    let operation: Operation
    switch op {
    case "set":
      guard let field = try r.choice(.field, Field.self, all: Field.allCases) else {
        throw DataError(offset: root.offset, message: "a set event needs a \"\(EventKey.field.rawValue)\"")
      }
      let value: FieldValue
      switch r.member(.value)?.value.value {
      case .string(let s): value = .text(s)
      case .array: value = .list(try r.strings(.value))
      case .null, nil: value = .null
      case .some(let other):
        throw DataError(offset: r.offset(of: .value), message: "expected a string, an array of strings or null for \"\(EventKey.value.rawValue)\", found \(other.typeName)")
      }
      operation = .set(node: try r.requiredString(.node), field: field, value: value)
    case "activity.add":
      guard let a = r.member(.activity) else {
        throw DataError(offset: root.offset, message: "an activity.add event needs an \"\(EventKey.activity.rawValue)\" object")
      }
      operation = .addActivity(node: try r.requiredString(.node), activity: try CampaignCodec.activity(a.value, "the event"))
    case "activity.remove":
      operation = .removeActivity(node: try r.requiredString(.node), activity: try r.requiredString(.activity))
    case "problem.add":
      guard let p = r.member(.problem) else {
        throw DataError(offset: root.offset, message: "a problem.add event needs a \"\(EventKey.problem.rawValue)\" object")
      }
      operation = .addProblem(node: try r.requiredString(.node), problem: try CampaignCodec.problem(p.value, "the event"))
    case "problem.set":
      guard let state = try r.choice(.state, Problem.State.self, all: Problem.State.allCases) else {
        throw DataError(offset: root.offset, message: "a problem.set event needs a \"\(EventKey.state.rawValue)\"")
      }
      operation = .setProblem(node: try r.requiredString(.node), problem: try r.requiredString(.problem), state: state)
    case "node.add":
      guard let n = r.member(.node) else {
        throw DataError(offset: root.offset, message: "a node.add event needs a \"\(EventKey.node.rawValue)\" object")
      }
      operation = .addNode(node: try CampaignCodec.node(n.value), after: try r.string(.after))
    case "node.remove":
      operation = .removeNode(node: try r.requiredString(.node))
    case "node.move":
      operation = .moveNode(node: try r.requiredString(.node), parent: try r.string(.parent), after: try r.string(.after))
    case "unit.add":
      guard let u = r.member(.unit) else {
        throw DataError(offset: root.offset, message: "a unit.add event needs a \"\(EventKey.unit.rawValue)\" object")
      }
      operation = .addUnit(unit: try CampaignCodec.unit(u.value))
    default:
      throw DataError(offset: r.offset(of: .op), message: "unknown op \"\(op)\": expected one of \(ops.joined(separator: ", "))")
    }
    return Event(device: try r.requiredString(.device), seq: seq, clock: clock,
                 user: try r.string(.user) ?? "", at: try r.string(.at) ?? "",
                 prev: try r.string(.prev) ?? "", op: operation)
  }
}
