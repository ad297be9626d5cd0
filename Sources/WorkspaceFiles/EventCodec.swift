import Domain

/// `Event` → a journal line (read by `CampaignReader.event`). One JSON object a line:
/// `{"device": "...", "seq": 3, "clock": 17, "user": "张三", "at": "...",
///   "prev": "<sha256 of the previous line>", "op": "set", ...}`.
public enum EventCodec {
  /// The line, unsigned (`LineSignature.signed` adds the signature).
  /// `key`: the device's public key, carried by the first line it signs.
  public static func encode(_ e: Event, key: String? = nil) -> String {
    var w = JSONOutput()
    write(e, key: key, to: &w)
    return w.text
  }

  /// The line's bytes, without its line break.
  static func write(_ e: Event, key: String? = nil, to w: inout JSONOutput) {
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
    if let key {
      w.key(K.key, &s)
      w.string(key)
    }
    func text(_ k: K, _ value: String?) {
      guard let value else { return }
      w.key(k, &s)
      w.string(value)
    }
    text(.op, EventOp(e.op).rawValue)
    func value(_ value: FieldValue) {
      w.key(K.value, &s)
      switch value {
      case .text(let t): w.string(t)
      case .list(let l): w.strings(l)
      case .null: w.null()
      }
    }
    switch e.op {
    case .set(let node, let field, let v):
      text(.node, node)
      text(.field, field.rawValue)
      value(v)
    case .setPlan(let field, let v):
      text(.field, field.rawValue)
      value(v)
    case .addEvidence(let e):
      w.key(K.detail, &s)
      CampaignCodec.write(e, to: &w)
    case .inspect(let step):
      text(.step, step.name)
      func detail(_ write: (inout JSONOutput) -> Void) {
        w.key(K.detail, &s)
        write(&w)
      }
      switch step {
      // A type is its name alone.
      case .addType(let type): value(.text(type))
      case .addPoint(let p): detail { CampaignCodec.write(p, to: &$0) }
      case .startRound(let r): detail { CampaignCodec.write(r, to: &$0) }
      case .score(let round, let x): detail { CampaignCodec.write(x, round: round, to: &$0) }
      case .closeRound(let id): detail { CampaignCodec.write(Round(id: id, name: id, date: Day(ordinal: 0)), to: &$0) }
      case .figures(let id, let material, let survey):
        var r = Round(id: id, name: id, date: Day(ordinal: 0))
        r.material = material
        r.survey = survey
        detail { CampaignCodec.write(r, to: &$0) }
      }
    case .orderStep(let id, let step, let day):
      text(.order, id)
      text(.step, step.name)
      w.key(K.on, &s)
      w.day(day)
      switch step {
      case .place(let o):
        w.key(K.detail, &s)
        CampaignCodec.write(o, to: &w)
      case .report, .accept: break
      case .dispatch(let team): text(.team, team)
      case .finish(let note): value(.text(note))
      case .rate(let by, let stars, let comment):
        text(.rater, by.rawValue)
        w.key(K.stars, &s)
        w.int(stars)
        value(.text(comment))
      case .decline(let reason): value(.text(reason))
      }
    case .addActivity(let node, let a):
      text(.node, node)
      w.key(K.activity, &s)
      CampaignCodec.write(a, to: &w)
    case .removeActivity(let node, let id):
      text(.node, node)
      text(.activity, id)
    case .addProblem(let node, let p):
      text(.node, node)
      w.key(K.problem, &s)
      CampaignCodec.write(p, to: &w)
    case .setProblem(let node, let id, let state):
      text(.node, node)
      text(.problem, id)
      text(.state, state.rawValue)
    case .addNode(let node, let after):
      w.key(K.node, &s)
      CampaignCodec.write(node, to: &w)
      text(.after, after)
    case .removeNode(let node):
      text(.node, node)
    case .moveNode(let node, let parent, let after):
      text(.node, node)
      w.key(K.parent, &s)
      if let parent { w.string(parent) } else { w.null() }
      text(.after, after)
    case .addUnit(let unit), .renameUnit(let unit):
      w.key(K.unit, &s)
      CampaignCodec.write(unit, to: &w)
    case .setRole(let device, let role):
      text(.target, device)
      text(.role, role.rawValue)
    case .revoke(let device):
      text(.target, device)
    case .keepBranch(let device, let branch):
      text(.target, device)
      text(.branch, branch)
    }
    w.endObject()
  }
}
