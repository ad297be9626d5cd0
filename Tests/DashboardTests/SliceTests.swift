import Dashboard
import Domain
import Testing
import TextScreen

/// Work too long for a key (a search of the whole tree, a filter, a list
/// view's rows, the progress chart) is done in slices between keys: the
/// screen says so at once, with how far it has got, the answer is used
/// when it comes, and work nobody waits for any more (Esc, a new search,
/// a changed campaign) is dropped. The tests play the app loop's part by
/// hand, sending `.slice` until no work is left.
@Suite struct SliceTests {
  /// The demo campaign, with so small a budget per key that searches and
  /// list views at once become jobs.
  func small(_ cfg: DashboardConfig = config()) -> State {
    var s = state(demo(), cfg)
    s.workPerKey = 3
    return s
  }

  /// Sends a key; the effects it asked for.
  @discardableResult
  func key(_ s: inout State, _ k: Key) -> [Effect] {
    update(&s, .key(k))
  }

  func footer(_ s: State) -> String { view(s, width: 80, height: 24).lines.last! }

  /// Plays the app loop between keys: slices until no work is left; how
  /// many it took.
  @discardableResult
  func drain(_ s: inout State) -> Int {
    var n = 0
    while s.hasSlices {
      #expect(update(&s, .slice).isEmpty)
      n += 1
    }
    return n
  }

  // MARK: Searches, in slices between keys

  @Test func aSearchNoNodeAnswersSaysItIsSearchingThenNoMatch() throws {
    var s = small()
    let before = s.selected
    _ = key(&s, .character("/"))
    _ = key(&s, .character("无"))
    // No job (no thread, no snapshot of the campaign): slices.
    #expect(key(&s, .character("此")).isEmpty)
    #expect(s.hasSlices)
    #expect(footer(s).contains("搜索：无此"))
    #expect(footer(s).contains("搜索中… "))
    let first = footer(s)
    _ = update(&s, .slice)
    // Further on: the count grows.
    #expect(footer(s).contains("搜索中… ") && footer(s) != first)
    #expect(drain(&s) > 1)
    #expect(footer(s).contains("没有找到"))
    #expect(!footer(s).contains("搜索中"))
    #expect(s.selected == before)
  }

  @Test func aMatchFoundInSlicesIsSelectedAndUnfolded() throws {
    var s = small(config(.en))
    let target = try #require(s.campaign.index["gm-3-1-1-1-1"])
    let title = s.campaign.nodes[target].title
    _ = key(&s, .character("/"))
    for ch in title { #expect(key(&s, .character(ch)).isEmpty) }
    #expect(footer(s).contains("Searching…"))
    drain(&s)
    #expect(s.selected == target)
    #expect(view(s, width: 80, height: 24).text.contains(title))
    _ = key(&s, .enter)
    #expect(!footer(s).contains("Searching"))
  }

  /// Each key starts the search again: what the text typed before was
  /// looking for is no longer looked for.
  @Test func aReplacedSearchIsDropped() throws {
    var s = small()
    let target = try #require(s.campaign.index["gm-3-1-1-1-1"])
    _ = key(&s, .character("/"))
    _ = key(&s, .character("无"))
    _ = update(&s, .slice)
    _ = key(&s, .backspace)
    for ch in s.campaign.nodes[target].title { _ = key(&s, .character(ch)) }
    drain(&s)
    #expect(s.selected == target)
    #expect(!footer(s).contains("没有找到"))
  }

  /// A change while a search reads the tree stops the search, saying so:
  /// it went on from places in a tree that has changed.
  @Test func aChangeStopsASearchUnderWay() throws {
    var s = small(config(role: .coordinator))
    let target = try #require(s.campaign.index["gm-3-1-1-1-1"])
    _ = key(&s, .character("/"))
    for ch in s.campaign.nodes[target].title { _ = key(&s, .character(ch)) }
    _ = key(&s, .enter)
    #expect(s.hasSlices)
    let selected = s.selected
    // A mark changes the campaign while the search runs.
    #expect(press(&s, .character(" ")).count == 1)
    #expect(s.message == "内容已更改，搜索已停止")
    #expect(!s.hasSlices)
    #expect(drain(&s) == 0)
    #expect(s.selected == selected)
    #expect(!footer(s).contains("搜索中"))
  }

  @Test func escCancelsASearchUnderWay() throws {
    var s = small()
    _ = key(&s, .character("/"))
    for ch in "无此" { _ = key(&s, .character(ch)) }
    _ = key(&s, .enter)
    drain(&s)
    _ = key(&s, .character("n"))
    #expect(footer(s).contains("搜索中…"))
    _ = key(&s, .escape)
    #expect(footer(s).hasPrefix("已取消"))
    #expect(!s.hasSlices)
    // In the search line, Esc also goes back to where the search began.
    let origin = s.selected
    _ = key(&s, .character("/"))
    _ = key(&s, .character("无"))
    #expect(s.hasSlices)
    _ = key(&s, .escape)
    #expect(!s.hasSlices && s.selected == origin)
  }

  /// A slice reads a bounded number of nodes (a key's budget): a key
  /// that comes meanwhile waits a few milliseconds at most.
  @Test func aSearchReadsASliceAtATime() throws {
    var s = state(Campaign(id: "big", title: "大", nodes: (0..<100_000).map { Node(id: "n\($0)", kind: .item, title: "第\($0)项") }))
    _ = key(&s, .character("/"))
    #expect(key(&s, .character("无")).isEmpty)
    // 10,000 read on the key, and as many a slice.
    #expect(footer(s).contains("搜索中… 10%"))
    _ = update(&s, .slice)
    #expect(footer(s).contains("搜索中… 20%"))
    #expect(drain(&s) == 8)
    #expect(footer(s).contains("没有找到"))
  }

  // MARK: Filters, in slices between keys

  /// Keys on a reference state that does everything at once, and on one
  /// whose filters run in slices (drained after each key): the same
  /// screens in the end.
  func sameAsAtOnce(_ keys: [Key], role: Role = .coordinator) -> (sliced: State, atOnce: State) {
    var sliced = small(config(role: role))
    var atOnce = state(demo(), config(role: role))
    for k in keys {
      _ = update(&atOnce, .key(k))
      _ = update(&sliced, .key(k))
      drain(&sliced)
    }
    #expect(view(sliced, width: 80, height: 24).text == view(atOnce, width: 80, height: 24).text)
    #expect(sliced.selected == atOnce.selected)
    return (sliced, atOnce)
  }

  @Test func aFilterOnALargeTreeIsMadeInSlices() throws {
    var s = small()
    let tree = view(s, width: 80, height: 24).lines.dropLast()
    _ = key(&s, .character("f"))
    #expect(key(&s, .enter).isEmpty)
    // Not applied yet: the tree as it was, and the footer says so.
    #expect(s.filter == nil)
    #expect(s.hasSlices)
    #expect(footer(s).contains("筛选中… 0%"))
    #expect(view(s, width: 80, height: 24).lines.dropLast() == tree)
    _ = update(&s, .slice)
    #expect(footer(s).contains("筛选中…") && !footer(s).contains(" 0%"))
    drain(&s)
    #expect(s.filter == .overdue)
    #expect(!footer(s).contains("筛选中"))
    var atOnce = state()
    _ = key(&atOnce, .character("f"))
    _ = key(&atOnce, .enter)
    #expect(atOnce.filter == .overdue)
    #expect(view(s, width: 80, height: 24).text == view(atOnce, width: 80, height: 24).text)
  }

  @Test func escCancelsAFilterUnderWay() throws {
    var s = small()
    let before = view(s, width: 80, height: 24).lines.dropLast()
    _ = key(&s, .character("f"))
    _ = key(&s, .enter)
    _ = update(&s, .slice)
    _ = key(&s, .escape)
    #expect(footer(s).hasPrefix("已取消"))
    #expect(!s.hasSlices && s.filter == nil)
    #expect(view(s, width: 80, height: 24).lines.dropLast() == before)
  }

  /// Under a filter, a change makes its rows again in slices: meanwhile
  /// the rows shown stay, and the footer says so.
  @Test func aChangeUnderAFilterMakesItsRowsAgainInSlices() throws {
    var s = small(config(role: .coordinator))
    _ = key(&s, .character("f"))
    _ = key(&s, .enter)
    drain(&s)
    let rows = view(s, width: 80, height: 24).lines.count
    _ = key(&s, .down)
    let selected = s.selected
    #expect(press(&s, .character(" ")).count == 1)
    #expect(s.hasSlices)
    #expect(footer(s).contains("筛选中…"))
    #expect(view(s, width: 80, height: 24).lines.count == rows)
    #expect(s.selected == selected)
    drain(&s)
    #expect(s.selected == selected)
    // The same as made at once.
    sameAsAtOnce([.character("f"), .enter, .down, .character(" "), .character(" "), .down, .character("x")])
  }

  /// A change while a filter is being made: it starts again on the new
  /// tree; structural changes too (positions move), with the new node
  /// selected once the rows come.
  @Test func changesWhileAFilterIsMadeStartItAgain() throws {
    var s = small(config(role: .coordinator))
    _ = key(&s, .character("f"))
    _ = key(&s, .enter)
    _ = update(&s, .slice)
    _ = key(&s, .character(" "))
    #expect(s.hasSlices)
    drain(&s)
    var atOnce = state(demo(), config(role: .coordinator))
    for k: Key in [.character("f"), .enter, .character(" ")] { _ = key(&atOnce, k) }
    #expect(view(s, width: 80, height: 24).text == view(atOnce, width: 80, height: 24).text)
    sameAsAtOnce([.character("f"), .enter, .character(" "), .down, .character("a")]
      + "新任务".map { Key.character($0) } + [.enter])
    sameAsAtOnce([.character("f"), .enter, .down, .down, .character("D"), .character("y"), .character("u")])
  }

  @Test func aListViewSaysItIsArrangingUntilItsRowsCome() throws {
    var s = small()
    #expect(key(&s, .character("2")).isEmpty)
    #expect(view(s, width: 80, height: 24).text.contains("整理中…"))
    #expect(footer(s).contains("整理中… 0%（Esc 取消）"))
    #expect(s.hasSlices)
    // Moving has nothing to stand on yet; it keeps its place.
    key(&s, .down)
    #expect(s.selected == nil)
    // How far it has got grows, slice by slice.
    var slices = 0
    while footer(s).contains(" 0%") && slices < 1000 {
      _ = update(&s, .slice)
      slices += 1
    }
    let begun = footer(s)
    #expect(slices > 1 && begun.contains("整理中… ") && begun.contains("%（Esc 取消）"))
    // Switching away goes on making them; back, they are where they were.
    key(&s, .character("1"))
    #expect(s.hasSlices)
    key(&s, .character("2"))
    #expect(footer(s) == begun)
    #expect(drain(&s) > 1)
    let screen = view(s, width: 80, height: 24).text
    #expect(!screen.contains("整理中"))
    #expect(screen.contains("讲解员不足") || screen.contains("逾期"))
    #expect(s.selected != nil)
    // Later switches use the rows made.
    key(&s, .character("1"))
    key(&s, .character("2"))
    #expect(!s.hasSlices)
    #expect(!view(s, width: 80, height: 24).text.contains("整理中"))
  }

  /// Every list view and the chart come out the same in slices as at once.
  @Test func rowsMadeInSlicesAreTheRowsMadeAtOnce() throws {
    for v in ["2", "3", "4", "5", "6", "7", "8", "9", "0"] {
      let keys = [Key.character(Character(v))]
      let (sliced, atOnce) = sameAsAtOnce(keys)
      #expect(view(sliced, width: 100, height: 30).text == view(atOnce, width: 100, height: 30).text, "view \(v)")
    }
  }

  /// Rows begun on the files as they were before a reload are dropped;
  /// the view's rows are begun again on the files as they are.
  @Test func listRowsForAnOlderCampaignAreDropped() throws {
    var s = small()
    key(&s, .character("3"))
    _ = update(&s, .slice)
    var changed = s.campaign
    for node in ["gm-1-2", "gm-1-3", "gm-2-1"] {
      changed.apply(.set(node: node, field: .status, value: .text("done")))
    }
    #expect(update(&s, .reloaded(changed, history: [], stamper: Stamper(), readOnly: false)).isEmpty)
    #expect(view(s, width: 80, height: 24).text.contains("整理中…"))
    #expect(footer(s).contains("整理中… 0%"))
    drain(&s)
    #expect(!view(s, width: 80, height: 24).text.contains("整理中"))
    // The counts are the reloaded campaign's.
    var atOnce = state(changed, config())
    key(&atOnce, .character("3"))
    var old = state(demo(), config())
    key(&old, .character("3"))
    #expect(view(s, width: 100, height: 40).text == view(atOnce, width: 100, height: 40).text)
    #expect(view(s, width: 100, height: 40).text != view(old, width: 100, height: 40).text)
  }

  /// A change (a mark in the tree) while a list view's rows are being
  /// made copies nothing: no snapshot shares the campaign's nodes. On a
  /// thread with a snapshot it copied them (65 ms at a million nodes).
  @Test func aMarkWhileRowsAreMadeCopiesNoNodes() throws {
    var s = small()
    key(&s, .character("2"))
    _ = update(&s, .slice)
    key(&s, .character("1"))
    key(&s, .down)
    #expect(s.hasSlices)
    let before = s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress }
    #expect(!key(&s, .character(" ")).isEmpty)
    let after = s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress }
    #expect(before == after)
    // The chart's count too.
    key(&s, .character("7"))
    _ = update(&s, .slice)
    key(&s, .character("1"))
    let chart = s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress }
    #expect(!key(&s, .character(" ")).isEmpty)
    #expect(s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress } == chart)
    // The rows come, made from the campaign as it is now.
    key(&s, .character("2"))
    drain(&s)
    #expect(!view(s, width: 80, height: 24).text.contains("整理中"))
  }

  @Test func escLeavesAViewStillArranging() throws {
    var s = small(config(.en))
    key(&s, .character("7"))
    #expect(view(s, width: 80, height: 24).text.contains("Arranging…"))
    #expect(s.hasSlices)
    key(&s, .escape)
    #expect(!s.hasSlices)
    #expect(view(s, width: 80, height: 24).lines[0].contains("[Tree]"))
  }

  /// On a campaign within the budget nothing is left for slices: the
  /// same screens as before, at once.
  @Test func smallCampaignsNeedNoSlices() {
    var s = state()
    for k: Key in [.character("/"), .character("无"), .character("此"), .enter, .character("n")] + (2...7).map({ .character(Character(String($0))) }) {
      #expect(key(&s, k).isEmpty)
      #expect(!s.hasSlices)
    }
  }
}

/// Whatever is under way between keys (a search, a filter, a list view's
/// rows, the chart), a change that is not structural edits the nodes in
/// place: nothing else holds them, so nothing is copied (at a million
/// nodes a copy is 65 ms on the key). Random keys and slices from a fixed
/// seed, on a budget so small that everything goes in slices.
@Suite struct NoCopyTests {
  @Test func changesCopyNoNodesWhateverIsUnderWay() {
    var rng = Synthetic.Rng(seed: 1201)
    let keys: [Key] = [.up, .down, .down, .right, .left, .enter, .escape, .pageDown, .home]
      + " +-xfF/nN1234567890uz".map { Key.character($0) } + [.character(" "), .character(" "), .character("y")]
    var s = state(demo(), config(role: .coordinator))
    s.workPerKey = 5
    var checked = 0, underWay = 0
    for _ in 0..<30_000 {
      if Int.random(in: 0..<3, using: &rng) == 0 {
        _ = update(&s, .slice)
        continue
      }
      let key = keys.randomElement(using: &rng)!
      let before = s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress }
      let busy = s.hasSlices
      let effects = update(&s, .key(key))
      for case .record(let event) in effects {
        switch event.op {
        case .addNode, .removeNode, .moveNode: continue
        default: break
        }
        #expect(s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress } == before, "\(event.op) after \(key)")
        checked += 1
        if busy { underWay += 1 }
      }
    }
    #expect(checked > 300 && underWay > 100)
  }

  /// Two units merged (view 3, M, a name, y): every node of the one is
  /// changed in place; nothing read before the first change holds the
  /// nodes (a copy held by the key's code made it copy them all: 127 ms
  /// at a million nodes).
  @Test func aMergeOfUnitsCopiesNoNodes() throws {
    var s = state(demo(), config(role: .coordinator))
    press(&s, .character("3"), .home)
    let into = s.campaign.units[0]
    var from: Domain.Unit? = nil
    for _ in 0..<s.campaign.units.count {
      press(&s, .down)
      if let id = s.selectedUnit, id != into.id, s.campaign.tasks(of: id) > 0 {
        from = s.campaign.units.first { $0.id == id }
        break
      }
    }
    let unit = try #require(from)
    let tasks = s.campaign.tasks(of: unit.id)
    press(&s, .character("M"))
    type(&s, into.name)
    press(&s, .enter)
    #expect(view(s, width: 100, height: 24).lines.last?.contains("\(tasks)") == true)
    let before = s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress }
    let did = press(&s, .character("y"))
    #expect(did.count >= tasks && s.campaign.tasks(of: unit.id) == 0)
    #expect(s.campaign.nodes.withUnsafeBufferPointer { $0.baseAddress } == before)
  }
}
