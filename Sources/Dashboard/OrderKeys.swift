import Domain
import Presentation
import TextScreen

// Service orders in the dashboard: `O` on a station (or institute,
// sub-centre, the centre) places one; view 8 lists them oldest first with
// the days waited, and Enter there offers the steps the selected order may
// take now — the domain's rule (`Campaign.refusal`) decides which.

/// A step as the menu offers it, before its details are asked.
enum OrderChoice: CaseIterable {
  // The natural next step first: sending another team and declining
  // are offered after it.
  case report, accept, finish, rateRequester, rateCentre, dispatch, decline

  /// The step with placeholder details, to ask the order whether its
  /// state allows it (`Order.refusal(of:)`, which reads no details).
  var probe: OrderStep {
    switch self {
    case .report: return .report
    case .dispatch: return .dispatch(team: "")
    case .accept: return .accept
    case .finish: return .finish(note: "")
    case .rateRequester: return .rate(.requester, stars: 5, comment: "")
    case .rateCentre: return .rate(.centre, stars: 5, comment: "")
    case .decline: return .decline(reason: "?")
    }
  }

  func label(_ w: Strings) -> String {
    switch self {
    case .report: return w.p("报单", "report")
    case .dispatch: return w.p("派单 / 改派（选择志愿服务队）", "dispatch / send another team")
    case .accept: return w.p("接单", "accept")
    case .finish: return w.p("完成（写明做了什么）", "done (say what was done)")
    case .rateRequester: return w.p("群众评单（1–5星）", "rated by the requester (1–5)")
    case .rateCentre: return w.p("中心评单（1–5星）", "rated by the centre (1–5)")
    case .decline: return w.p("拒单（写明原因）", "decline (give the reason)")
    }
  }
}

extension State {
  /// The order view 8's selection stands on.
  public var selectedOrder: String? {
    guard view == .orders else { return nil }
    let rows = listRows(.orders)
    guard rows.indices.contains(cursor) else { return nil }
    let row = rows[cursor]
    return Table.order(of: row)
  }

  /// The steps the order may take now.
  func choices(for id: String) -> [OrderChoice] {
    guard let order = campaign.orders.first(where: { $0.id == id }) else { return [] }
    return OrderChoice.allCases.filter { order.refusal(of: $0.probe) == nil }
  }
}

/// Keys of view 8 that act on orders; nil for the rest.
func orderKey(_ s: inout State, _ key: Key) -> [Effect]? {
  guard key == .enter else { return nil }
  guard let id = s.selectedOrder else { return [] }
  if s.config.readOnly { return refuseReadOnly(&s) }
  guard !s.choices(for: id).isEmpty else {
    s.message = s.words.noOrderStep
    return []
  }
  s.mode = .orderMenu(id, 0)
  return []
}

/// `O`: an order at the selected node, if orders are placed there.
func placeOrder(_ s: inout State) -> [Effect] {
  guard let i = s.selected else { return [] }
  guard OrderStep.places.contains(s.campaign.nodes[i].kind) else {
    s.message = s.words.notAnOrderPlace
    return []
  }
  s.mode = .prompt(.orderWhat(s.campaign.nodes[i].id), LineEditor())
  return []
}

/// ↑↓ choose a step, Enter takes it (asking its details), Esc leaves.
func orderMenuKey(_ s: inout State, _ key: Key, _ id: String, _ highlighted: Int) -> [Effect] {
  let choices = s.choices(for: id)
  switch key {
  case .up, .character("k"): s.mode = .orderMenu(id, max(0, highlighted - 1))
  case .down, .character("j"): s.mode = .orderMenu(id, min(choices.count - 1, highlighted + 1))
  case .escape, .character("q"): s.mode = .normal
  case .enter:
    s.mode = .normal
    guard choices.indices.contains(highlighted) else { return [] }
    switch choices[highlighted] {
    case .report: return takeStep(&s, id, .report)
    case .accept: return takeStep(&s, id, .accept)
    case .dispatch: s.mode = .prompt(.orderTeam(id), LineEditor())
    case .finish: s.mode = .prompt(.orderNote(id, decline: false), LineEditor())
    case .decline: s.mode = .prompt(.orderNote(id, decline: true), LineEditor())
    case .rateRequester: s.mode = .prompt(.orderStars(id, .requester), LineEditor())
    case .rateCentre: s.mode = .prompt(.orderStars(id, .centre), LineEditor())
    }
  default:
    break
  }
  return []
}

func drawOrderMenu(_ s: State, _ screen: inout Screen, _ id: String, _ highlighted: Int) {
  drawMenu(s, &screen, title: s.words.orderMenuTitle, labels: s.choices(for: id).map { $0.label(s.words) }, highlighted: highlighted)
}

/// Takes a step, dated today, if the domain allows it (it says why not).
func takeStep(_ s: inout State, _ id: String, _ step: OrderStep) -> [Effect] {
  if let why = s.campaign.refusal(of: step, order: id) {
    s.refuse(why)
    return []
  }
  let effects = s.change(.orderStep(order: id, step: step, on: s.config.today), undo: [])
  s.message = s.words.orderStepTaken(step.label(s.config.lang, in: s.campaign))
  return effects
}

/// The answers of the order prompts.
func answerOrder(_ s: inout State, _ prompt: Prompt, _ text: String) -> [Effect] {
  switch prompt {
  case .orderWhat(let node):
    guard !text.isEmpty else {
      s.refuse(s.words.needsText)
      return []
    }
    // This session's ids are this laptop's alone (`newID`).
    let id = "o-" + s.newID()
    let order = Order(id: id, at: node, what: text, placed: s.config.today)
    let effects = takeStep(&s, id, .place(order))
    s.message = s.words.orderPlaced(text)
    return effects
  case .orderTeam(let id):
    guard let i = s.team(named: text) else {
      s.refuse(s.words.unknownTeam(text))
      return []
    }
    return takeStep(&s, id, .dispatch(team: s.campaign.nodes[i].id))
  case .orderNote(let id, let decline):
    if decline && text.isEmpty {
      s.refuse(s.words.needsText)
      return []
    }
    return takeStep(&s, id, decline ? .decline(reason: text) : .finish(note: text))
  case .orderStars(let id, let rater):
    guard let stars = Int(text), (1...5).contains(stars) else {
      s.refuse(s.words.badStars(text))
      return []
    }
    return takeStep(&s, id, .rate(rater, stars: stars, comment: ""))
  default:
    return []
  }
}

extension State {
  /// The volunteer team a typed name means: its code, or a title that
  /// only one team's has.
  func team(named text: String) -> Int? {
    let c = campaign
    if let i = c.resolve(text), c.nodes[i].kind == .team { return i }
    let found = c.nodes.indices.filter { c.nodes[$0].kind == .team && c.nodes[$0].title.contains(text) }
    return found.count == 1 ? found[0] : nil
  }
}
