@testable import Dashboard
import Domain
import Testing

/// Search skips lowercasing text without case: it must find exactly what
/// lowercasing everything finds.
@Suite struct SearchTests {
  @Test func findsWhatLowercasingFinds() {
    let pieces = ["文明", "实践站", "ＡＢＣ", "ａｂｃ", "ABC", "abc", "Étude", "étude", "ПРИВЕТ", "привет", "Ⅻ", "ⅻ",
                  "Ⓐ", "ⓐ", "ǅ", "ß", "ΣΑΣ", "σας", "한국", "かな", "（一）", "2024年", "·", " ", "İ"]
    var rng = Synthetic.Rng(seed: 21)
    for _ in 0..<4000 {
      let text = (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      let query = (0..<Int.random(in: 1...2, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined().lowercased()
      let expected = bytes(text.lowercased(), contain: query)
      #expect(Search.contains(text, query) == expected, "\(text) / \(query)")
    }
    #expect(Search.contains("推进新时代文明实践中心建设", "文明实践"))
    #expect(Search.contains("Civilised CITY", "city") && !Search.contains("文明城市", "城镇"))
    #expect(Search.contains("ＡＢＣ联合", "ａｂｃ"))
  }

  func bytes(_ text: String, contain query: String) -> Bool {
    let t = Array(text.utf8), q = Array(query.utf8)
    guard q.count <= t.count else { return false }
    return (0...(t.count - q.count)).contains { Array(t[$0..<($0 + q.count)]) == q }
  }
}

/// Issue 15: search says which match of how many, and when it wrapped.
@Suite struct SearchCountTests {
  @Test func searchCountsMatchesAndSaysWhenItWraps() {
    var s = state()
    let total = s.campaign.nodes.indices.filter { matches(s.campaign, $0, "实践站") }.count
    #expect(total > 2)
    press(&s, .character("/"))
    type(&s, "实践站")
    #expect(view(s, width: 100, height: 24).lines[23].contains("第 1/\(total) 个"))
    press(&s, .enter, .character("n"))
    #expect(s.message == "第 2/\(total) 个")
    // Back past the first: the last, wrapped.
    press(&s, .character("N"), .character("N"))
    #expect(s.message == "第 \(total)/\(total) 个（已绕回）")
    press(&s, .character("n"))
    #expect(s.message == "第 1/\(total) 个（已绕回）")
  }

  /// Under a filter a search finds only what the filter's rows show (its
  /// matches and their ancestors): a match it hid was counted, and the
  /// selection stayed where it was (found at 10,000 nodes, the overdue
  /// filter on, searching for 实践站). Within a key, and in slices (a
  /// large plan's: the filter's rows and the search both made between
  /// keys).
  @Test(arguments: [Filter.kind(.station), .kind(.institute), .kind(.subcentre)], [nil, 3])
  func underAFilterASearchFindsOnlyWhatShows(filter: Filter, workPerKey: Int?) {
    var s = state()
    if let workPerKey { s.workPerKey = workPerKey }
    func drain() { while s.hasSlices { _ = update(&s, .slice) } }
    let word = "实践"
    let all = s.campaign.nodes.indices.filter { matches(s.campaign, $0, word) }
    s.startFilter(filter, fresh: true)
    drain()
    let rows = Set(s.treeRows)
    let shown = all.filter { rows.contains($0) }
    #expect(shown.count >= 2 && shown.count < all.count, "\(filter): \(shown.count) of \(all.count)")
    press(&s, .character("/"))
    type(&s, word)
    drain()
    if workPerKey == nil {
      #expect(view(s, width: 100, height: 24).lines[23].contains("第 1/\(shown.count) 个"), "\(filter)")
    }
    press(&s, .enter)
    var seen: Set<Int> = []
    for _ in 0..<shown.count {
      #expect(s.selected.map { shown.contains($0) } == true, "\(filter): \(s.selected.map { s.campaign.nodes[$0].title } ?? "-")")
      seen.insert(s.selected ?? -1)
      press(&s, .character("n"))
      drain()
    }
    #expect(seen == Set(shown), "\(filter)")
    // The filter cleared, the matches it hid are found again.
    press(&s, .character("F"))
    seen = []
    for _ in 0..<all.count {
      press(&s, .character("n"))
      drain()
      seen.insert(s.selected ?? -1)
    }
    #expect(seen == Set(all), "\(filter)")
  }

  /// A word only nodes the filter hides have: no match, and the selection
  /// stays.
  @Test func underAFilterAWordOnlyHiddenNodesHaveIsNotFound() {
    var s = state()
    s.startFilter(.kind(.station), fresh: true)
    let rows = Set(s.treeRows)
    guard let hidden = s.campaign.nodes.indices.first(where: { !rows.contains($0) && s.campaign.nodes[$0].title.count >= 6 }) else {
      Issue.record("no node hidden")
      return
    }
    let word = String(s.campaign.nodes[hidden].title.prefix(6)).lowercased()
    #expect(!rows.contains { matches(s.campaign, $0, word) }, "\(word)")
    let before = s.selected
    press(&s, .character("/"))
    type(&s, word)
    #expect(view(s, width: 100, height: 24).lines[23].contains(s.words.noMatch))
    press(&s, .enter)
    #expect(s.selected == before)
  }
}
