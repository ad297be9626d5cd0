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
}
