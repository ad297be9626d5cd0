import Domain
import Presentation
import TextScreen

// Mock inspection in the dashboard: view 10 (key 0) lists the inspection
// points with their last score; Enter on one scores it in the open round,
// standard by standard, one key each — y kept, n not, p partly (the points
// lost asked), - not applicable, r not kept and a problem recorded — the
// selection moving on after each, so thirty standards at a bus stop take
// thirty keys; e notes what was seen at a standard scored.

extension State {
  /// The point view 10's selection stands on.
  public var selectedPoint: String? {
    guard view == .points else { return nil }
    let rows = listRows(.points)
    guard rows.indices.contains(cursor) else { return nil }
    let row = rows[cursor]
    return Table.point(of: row)
  }

  /// The round being scored: the latest still open.
  var openRound: Round? { campaign.rounds.last { !$0.closed } }

  /// The standards that apply to a point's type, in outline order.
  func standards(for point: InspectionPoint) -> [Int] { campaign.standards(for: point.type) }
}

/// Enter in view 10: score the selected point, if a round is open; s:
/// the latest round's scores.
func pointKey(_ s: inout State, _ key: Key) -> [Effect]? {
  if key == .character("s") {
    if let round = s.campaign.latestScoredRound() {
      showScores(&s, of: round)
    } else {
      s.message = s.words.noRound
    }
    return []
  }
  guard key == .enter else { return nil }
  guard let id = s.selectedPoint else { return [] }
  if s.config.readOnly { return refuseReadOnly(&s) }
  guard s.openRound != nil else {
    s.message = s.words.noOpenRound
    return []
  }
  if let point = s.campaign.points.first(where: { $0.id == id }) { s.scoringStandards = s.standards(for: point) }
  s.mode = .scoring(id, 0)
  return []
}

/// Opens the scores screen on a round.
private func showScores(_ s: inout State, of round: Round) {
  s.roundShown = round.id
  s.roundScores = Table.scores(s.campaign, round: round.id, lang: s.config.lang)
  s.mode = .roundScores(scroll: 0)
}

/// A key on the scores screen: [ and ] (or ← →) the round before or
/// after that has scores; the rest as the pager takes them.
func roundScoresKey(_ s: inout State, _ key: Key, _ scroll: Int) {
  let scored = s.campaign.rounds.filter { !$0.scores.isEmpty }
  if let at = scored.firstIndex(where: { $0.id == s.roundShown }) {
    switch key {
    case .character("["), .left:
      if at > 0 { showScores(&s, of: scored[at - 1]) }
      return
    case .character("]"), .right:
      if at + 1 < scored.count { showScores(&s, of: scored[at + 1]) }
      return
    default:
      break
    }
  }
  pagerKey(&s, key, scroll, lines: roundScoreLines(s).count) { .roundScores(scroll: $0) }
}

/// A round's scores as `report --by score` gives them (the city, areas,
/// units, evaluation items, points, the standards that lost most), in
/// columns by display width; the long first column takes what is left.
func roundScoreLines(_ s: State) -> [(text: String, style: Style)] {
  guard let round = s.campaign.rounds.first(where: { $0.id == s.roundShown }), let table = s.roundScores else { return [] }
  let rows = table.rows.map(\.cells)
  var widths = table.columns.indices.map { k in ([table.columns[k].title] + rows.map { $0[k] }).map(DisplayWidth.of).max() ?? 0 }
  widths[0] = max(8, s.width - 2 - widths.dropFirst().reduce(0, +) - 2 * (widths.count - 1))
  func line(_ cells: [String]) -> String {
    zip(cells, zip(widths, table.columns)).map { cell, wc in
      DisplayColumns.fit(cell, wc.0, align: wc.1.align)
    }.joined(separator: "  ")
  }
  let others = s.campaign.rounds.contains { $0.id != round.id && !$0.scores.isEmpty }
  var out: [(text: String, style: Style)] = [(s.words.roundScoresTitle(round.name, round.date.description, closed: round.closed)
                                              + (others ? s.words.otherRounds : ""), .bold),
                                             (line(table.columns.map(\.title)), .dim)]
  for row in table.rows {
    out.append((line(row.cells), row.emphasis == .late ? Style(color: .red) : row.emphasis == .binding ? .bold : .plain))
  }
  return out
}

/// A key while a point is being scored.
func scoringKey(_ s: inout State, _ key: Key, _ pointID: String, _ at: Int) -> [Effect] {
  guard let point = s.campaign.points.first(where: { $0.id == pointID }), let round = s.openRound else {
    s.mode = .normal
    return []
  }
  let list = s.scoringStandards
  let next = min(max(0, list.count - 1), at + 1)
  switch key {
  case .escape, .character("q"): s.mode = .normal
  case .up, .character("k"): s.mode = .scoring(pointID, max(0, at - 1))
  case .down, .character("j"): s.mode = .scoring(pointID, next)
  case .character("y"), .character("n"), .character("-"), .character("r"):
    guard list.indices.contains(at) else { return [] }
    let result: Score.Result = key == .character("y") ? .pass : key == .character("-") ? .na : .fail
    let standard = s.campaign.nodes[list[at]].id
    var effects = s.change(.inspect(.score(round: round.id, Score(point: point.id, standard: standard, result: result))), undo: [])
    if key == .character("r") {
      // Not kept, and a problem to rectify for the point's unit.
      let problem = Problem(id: s.newID(), text: point.name + s.words.p("：", ": ") + s.campaign.nodes[list[at]].title,
                            unit: point.unit, due: s.config.today.adding(days: 7), found: s.config.today, point: point.id)
      effects += s.change(.addProblem(node: standard, problem: problem), undo: [.setProblem(node: standard, problem: problem.id, state: .closed)])
    }
    s.mode = .scoring(pointID, next)
    return effects
  case .character("p"):
    guard list.indices.contains(at) else { return [] }
    s.mode = .prompt(.pointsLost(pointID, at), LineEditor())
  case .character("e"):
    guard list.indices.contains(at) else { return [] }
    guard let scored = round.score(at: pointID, of: s.campaign.nodes[list[at]].id) else {
      s.message = s.words.scoreFirst
      return []
    }
    s.mode = .prompt(.scoreNote(pointID, at), LineEditor(scored.note, selected: true))
  default:
    break
  }
  return []
}

/// The points lost of a partly kept standard; back to scoring after.
func answerPointsLost(_ s: inout State, _ pointID: String, _ at: Int, _ text: String) -> [Effect] {
  guard s.campaign.points.contains(where: { $0.id == pointID }), let round = s.openRound else { return [] }
  let list = s.scoringStandards
  guard list.indices.contains(at), let lost = Double(text) else {
    s.refuse(s.words.badPointsLost(text))
    return []
  }
  let step = InspectionStep.score(round: round.id, Score(point: pointID, standard: s.campaign.nodes[list[at]].id, result: .partial, lost: lost))
  if let why = s.campaign.refusal(of: step) {
    s.refuse(why)
    return []
  }
  let effects = s.change(.inspect(step), undo: [])
  s.mode = .scoring(pointID, min(list.count - 1, at + 1))
  return effects
}

/// What was seen at a scored standard: its score again, with the note
/// (empty: none); back to the same standard after.
func answerScoreNote(_ s: inout State, _ pointID: String, _ at: Int, _ text: String) -> [Effect] {
  let list = s.scoringStandards
  guard let round = s.openRound, list.indices.contains(at),
    let scored = round.score(at: pointID, of: s.campaign.nodes[list[at]].id) else { return [] }
  var noted = scored
  noted.note = text
  let step = InspectionStep.score(round: round.id, noted)
  if let why = s.campaign.refusal(of: step) {
    s.refuse(why)
    return []
  }
  s.mode = .scoring(pointID, at)
  return noted == scored ? [] : s.change(.inspect(step), undo: [])
}

/// The point's standards on the whole screen, each with its result in the
/// open round; the score so far on top, the keys at the bottom.
func drawScoring(_ s: State, _ screen: inout Screen, _ pointID: String, _ at: Int) {
  guard let point = s.campaign.points.first(where: { $0.id == pointID }), let round = s.openRound, s.height >= 3 else { return }
  let c = s.campaign
  let list = s.scoringStandards
  let score = c.score(of: pointID, in: round).map { Table.percent($0.share) } ?? "—"
  let title = " " + s.words.scoringTitle(round.name, point.name, point.type, score)
  screen.clear(row: 0, style: Style(reverse: true))
  screen.put(title, row: 0, col: 0, style: Style(bold: true, reverse: true), limit: s.width)
  let rows = s.height - 2
  let top = scrollOffset(cursor: at, height: rows)
  for (k, i) in list.enumerated().dropFirst(top).prefix(rows) {
    let scored = round.score(at: pointID, of: c.nodes[i].id)
    let mark: String
    switch scored?.result {
    case .pass?: mark = "✓"
    case .partial?: mark = "½"
    case .fail?: mark = "✗"
    case .na?: mark = "–"
    case nil: mark = " "
    }
    let facts = c.nodes[i].standard!
    let points = s.words.points(facts.points) + (facts.negative ? s.words.negativeList : "")
    let lost = scored?.result == .partial ? " −" + Inspection.number(scored!.lost) : ""
    let seen = scored.map { $0.note.isEmpty ? "" : " · " + $0.note } ?? ""
    let line = "[\(mark)] " + c.code(i) + " " + c.nodes[i].title + seen
    var style: Style = scored?.result == .fail ? Style(color: .red) : .plain
    style.reverse = k == at
    let row = 1 + k - top
    screen.clear(row: row, col: 0, count: s.width, style: style)
    let right = points + lost + " "
    let room = max(0, s.width - DisplayWidth.of(right) - 1)
    screen.put(DisplayColumns.truncate(line, to: room), row: row, col: 0, style: style, limit: room)
    screen.put(right, row: row, col: max(0, s.width - DisplayWidth.of(right)), style: style, limit: s.width)
  }
  if list.isEmpty { screen.put(" " + s.words.noStandards(point.type), row: 1, col: 0, style: .dim, limit: s.width) }
  let footer = s.message ?? s.words.scoringKeys
  screen.put(footer, row: s.height - 1, col: 0, style: s.message == nil ? .dim : Style(color: .yellow, bold: true), limit: s.width)
}
