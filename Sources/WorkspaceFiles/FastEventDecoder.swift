import Domain

/// Reads one journal line straight into an `Event`, like
/// `FastCampaignDecoder`: exactly what `JSONParser` and `EventCodec.decode`
/// accept, or nil, and the caller reads the line the general way to say
/// what is wrong with it. Opening a workspace and merging read a line per
/// change ever made, so this is where their time goes.
enum FastEventDecoder {
  static let keys: [StaticString] = [
    "device", "seq", "clock", "user", "at", "prev", "op", "node", "field", "value",
    "activity", "problem", "state", "parent", "after", "unit",
  ]

  static func decode(_ line: ArraySlice<UInt8>) -> Event? {
    line.withUnsafeBufferPointer { buffer in
      var r = Reader(b: buffer, i: 0)
      do throws(Reader.GiveUp) {
        return try r.event()
      } catch {
        return nil
      }
    }
  }
}

extension Reader {
  mutating func event() throws(GiveUp) -> Event {
    // First where each member's value is, then each read as its op needs:
    // the op may come after the members it decides about.
    var at: [Int?] = Array(repeating: nil, count: FastEventDecoder.keys.count)
    var ends: [Int] = Array(repeating: 0, count: FastEventDecoder.keys.count)
    var seen: UInt32 = 0
    var more = try beginObject()
    while more {
      let key = try rawString()
      try expect(UInt8(ascii: ":"))
      space()
      let k = try member(key, FastEventDecoder.keys, &seen)
      at[k] = i
      try skip()
      ends[k] = i
      more = try nextMember()
    }
    space()
    guard i == b.count else { throw GiveUp() }
    var used: UInt32 = 0
    func value<T>(_ k: Int, _ read: (inout Reader) throws(GiveUp) -> T) throws(GiveUp) -> T? {
      guard let start = at[k] else { return nil }
      used |= 1 << k
      var r = Reader(b: b, i: start)
      let v = try read(&r)
      guard r.i == ends[k] else { throw GiveUp() }
      return v
    }
    func text(_ k: Int) throws(GiveUp) -> String? { try value(k) { (r: inout Reader) throws(GiveUp) in try r.optionalString() } ?? nil }
    func required(_ k: Int) throws(GiveUp) -> String {
      guard let s = try text(k) else { throw GiveUp() }
      return s
    }
    func number(_ k: Int) throws(GiveUp) -> Int? {
      try value(k) { (r: inout Reader) throws(GiveUp) -> Int? in r.null() ? nil : try r.int() } ?? nil
    }
    guard let seq = try number(1), seq >= 1, let clock = try number(2), clock >= 0 else { throw GiveUp() }
    let op: Operation
    switch try required(6) {
    case "set":
      guard let field = try text(8).flatMap(Field.init(rawValue:)) else { throw GiveUp() }
      let v = try value(9) { (r: inout Reader) throws(GiveUp) -> FieldValue in
        if r.null() { return .null }
        r.space()
        guard r.i < r.b.count else { throw GiveUp() }
        if r.b[r.i] == UInt8(ascii: "[") {
          var list: [String] = []
          try r.array { (r: inout Reader) throws(GiveUp) in list.append(try r.string()) }
          return .list(list)
        }
        return .text(try r.string())
      }
      op = .set(node: try required(7), field: field, value: v ?? .null)
    case "activity.add":
      guard let a = try value(10, { (r: inout Reader) throws(GiveUp) in try r.activity() }) else { throw GiveUp() }
      op = .addActivity(node: try required(7), activity: a)
    case "activity.remove":
      op = .removeActivity(node: try required(7), activity: try required(10))
    case "problem.add":
      guard let node = try value(11, { (r: inout Reader) throws(GiveUp) in try r.general() }) else { throw GiveUp() }
      let problem: Problem
      do throws(DataError) {
        problem = try CampaignCodec.problem(node, "the event")
      } catch {
        throw GiveUp()
      }
      op = .addProblem(node: try required(7), problem: problem)
    case "problem.set":
      guard let state = try text(12).flatMap(Problem.State.init(rawValue:)) else { throw GiveUp() }
      op = .setProblem(node: try required(7), problem: try required(11), state: state)
    case "node.add":
      guard let n = try value(7, { (r: inout Reader) throws(GiveUp) in try r.node() }) else { throw GiveUp() }
      op = .addNode(node: n, after: try text(14))
    case "node.remove":
      op = .removeNode(node: try required(7))
    case "node.move":
      op = .moveNode(node: try required(7), parent: try text(13), after: try text(14))
    case "unit.add":
      guard let u = try value(15, { (r: inout Reader) throws(GiveUp) in try r.unit() }) else { throw GiveUp() }
      op = .addUnit(unit: u)
    default:
      throw GiveUp()
    }
    let event = Event(device: try required(0), seq: seq, clock: clock, user: try text(3) ?? "",
                      at: try text(4) ?? "", prev: try text(5) ?? "", op: op)
    // Members this op does not read must still be sound JSON.
    for k in at.indices where at[k] != nil && used & (1 << k) == 0 {
      _ = try value(k) { (r: inout Reader) throws(GiveUp) in try r.general() }
    }
    return event
  }
}
