import Domain

/// Reads one journal line straight into an `Event`, like
/// `FastCampaignDecoder`: exactly what `JSONParser` and `EventCodec.decode`
/// accept, or nil, and the caller reads the line the general way to say
/// what is wrong with it. Opening a workspace and merging read a line per
/// change ever made, so this is where their time goes.
enum FastEventDecoder {
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
    // First where each member's value is (by `EventKey.ordinal`), then
    // each read as its op needs: the op may come after the members it
    // decides about.
    let count = EventKey.table.cases.count
    var at: [Int?] = Array(repeating: nil, count: count)
    var ends: [Int] = Array(repeating: 0, count: count)
    var seen: UInt32 = 0
    var more = try beginObject()
    while more {
      let key = try rawString()
      try expect(UInt8(ascii: ":"))
      space()
      let k = (try member(key, &seen) as EventKey).ordinal
      at[k] = i
      try skip()
      ends[k] = i
      more = try nextMember()
    }
    space()
    guard i == b.count else { throw GiveUp() }
    var used: UInt32 = 0
    func value<T>(_ key: EventKey, _ read: (inout Reader) throws(GiveUp) -> T) throws(GiveUp) -> T? {
      let k = key.ordinal
      guard let start = at[k] else { return nil }
      used |= 1 << k
      var r = Reader(b: b, i: start)
      let v = try read(&r)
      guard r.i == ends[k] else { throw GiveUp() }
      return v
    }
    func text(_ k: EventKey) throws(GiveUp) -> String? { try value(k) { (r: inout Reader) throws(GiveUp) in try r.optionalString() } ?? nil }
    func required(_ k: EventKey) throws(GiveUp) -> String {
      guard let s = try text(k) else { throw GiveUp() }
      return s
    }
    func number(_ k: EventKey) throws(GiveUp) -> Int? {
      try value(k) { (r: inout Reader) throws(GiveUp) -> Int? in r.null() ? nil : try r.int() } ?? nil
    }
    guard let seq = try number(.seq), seq >= 1, let clock = try number(.clock), clock >= 0 else { throw GiveUp() }
    let op: Operation
    switch try required(.op) {
    case "set":
      guard let field = try text(.field).flatMap(Field.init(rawValue:)) else { throw GiveUp() }
      let v = try value(.value) { (r: inout Reader) throws(GiveUp) -> FieldValue in
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
      op = .set(node: try required(.node), field: field, value: v ?? .null)
    case "activity.add":
      guard let a = try value(.activity, { (r: inout Reader) throws(GiveUp) in try r.activity() }) else { throw GiveUp() }
      op = .addActivity(node: try required(.node), activity: a)
    case "activity.remove":
      op = .removeActivity(node: try required(.node), activity: try required(.activity))
    case "problem.add":
      guard let node = try value(.problem, { (r: inout Reader) throws(GiveUp) in try r.general() }) else { throw GiveUp() }
      let problem: Problem
      do throws(DataError) {
        problem = try CampaignCodec.problem(node, "the event")
      } catch {
        throw GiveUp()
      }
      op = .addProblem(node: try required(.node), problem: problem)
    case "problem.set":
      guard let state = try text(.state).flatMap(Problem.State.init(rawValue:)) else { throw GiveUp() }
      op = .setProblem(node: try required(.node), problem: try required(.problem), state: state)
    case "node.add":
      guard let n = try value(.node, { (r: inout Reader) throws(GiveUp) in try r.node() }) else { throw GiveUp() }
      op = .addNode(node: n, after: try text(.after))
    case "node.remove":
      op = .removeNode(node: try required(.node))
    case "node.move":
      op = .moveNode(node: try required(.node), parent: try text(.parent), after: try text(.after))
    case "unit.add":
      guard let u = try value(.unit, { (r: inout Reader) throws(GiveUp) in try r.unit() }) else { throw GiveUp() }
      op = .addUnit(unit: u)
    default:
      throw GiveUp()
    }
    let event = Event(device: try required(.device), seq: seq, clock: clock, user: try text(.user) ?? "",
                      at: try text(.at) ?? "", prev: try text(.prev) ?? "", op: op)
    // Members this op does not read must still be sound JSON.
    for k in EventKey.table.cases where at[k.ordinal] != nil && used & k.bit == 0 {
      _ = try value(k) { (r: inout Reader) throws(GiveUp) in try r.general() }
    }
    return event
  }
}
