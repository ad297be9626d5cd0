import Dashboard
import Domain
import Testing
import TextScreen

/// Work too long for a key runs as a job: the screen says so at once, the
/// answer is used when it comes, and an answer nobody waits for any more
/// (Esc, a new search, a changed campaign) is dropped. The tests play the
/// app loop's part by hand: they run each job here, without threads, and
/// hand its progress and result back as actions.
@Suite struct JobTests {
  /// The demo campaign, with so small a budget per key that searches and
  /// list views at once become jobs.
  func small(_ cfg: DashboardConfig = config()) -> State {
    var s = state(demo(), cfg)
    s.workPerKey = 3
    return s
  }

  /// Sends a key; the jobs it started.
  func key(_ s: inout State, _ k: Key) -> [Job] {
    update(&s, .key(k)).compactMap { if case .start(let job) = $0 { job } else { nil } }
  }

  func footer(_ s: State) -> String { view(s, width: 80, height: 24).lines.last! }

  @Test func aSearchNoNodeAnswersSaysItIsSearchingThenNoMatch() throws {
    var s = small()
    let before = s.selected
    _ = key(&s, .character("/"))
    _ = key(&s, .character("无"))
    let jobs = key(&s, .character("此"))
    #expect(jobs.count == 1)
    let job = try #require(jobs.first)
    #expect(s.awaits(job.id))
    #expect(footer(s).contains("搜索：无此"))
    #expect(footer(s).contains("搜索中…"))
    // Progress as the job reports it, then its answer.
    var reports: [(Int, Int)] = []
    let result = try #require(job.run { done, total in
      reports.append((done, total))
      return true
    })
    _ = update(&s, .progress(job: job.id, done: 1, total: 4))
    #expect(footer(s).contains("搜索中… 25%"))
    _ = update(&s, .finished(result))
    #expect(footer(s).contains("没有找到"))
    #expect(!footer(s).contains("搜索中"))
    #expect(s.selected == before)
    #expect(!s.awaits(job.id))
  }

  @Test func aMatchFoundByTheJobIsSelectedAndUnfolded() throws {
    var s = small(config(.en))
    let target = try #require(s.campaign.index["gm-3-1-1-1-1"])
    let title = s.campaign.nodes[target].title
    _ = key(&s, .character("/"))
    var jobs: [Job] = []
    for ch in title { jobs = key(&s, .character(ch)) }
    let job = try #require(jobs.first)
    #expect(footer(s).contains("Searching…"))
    _ = update(&s, .finished(try #require(job.run())))
    #expect(s.selected == target)
    #expect(view(s, width: 80, height: 24).text.contains(title))
    _ = key(&s, .enter)
    #expect(!footer(s).contains("Searching"))
  }

  @Test func aReplacedSearchIsDroppedAndStopped() throws {
    var s = small()
    _ = key(&s, .character("/"))
    let first = try #require(key(&s, .character("无")).first)
    let second = try #require(key(&s, .character("此")).first)
    // The app loop stops the first: the state no longer waits for it.
    #expect(!s.awaits(first.id) && s.awaits(second.id))
    let cursor = s.selected
    _ = update(&s, .finished(try #require(first.run())))
    #expect(footer(s).contains("搜索中…"))
    #expect(s.selected == cursor)
  }

  /// A result about a campaign that has changed since is dropped, even if
  /// it would move the selection.
  @Test func aResultForAnOlderCampaignIsDropped() throws {
    var s = small(config(role: .coordinator))
    let target = try #require(s.campaign.index["gm-3-1-1-1-1"])
    _ = key(&s, .character("/"))
    var jobs: [Job] = []
    for ch in s.campaign.nodes[target].title { jobs = key(&s, .character(ch)) }
    _ = key(&s, .enter)
    let job = try #require(jobs.first)
    let selected = s.selected
    // A mark changes the campaign while the search runs.
    #expect(press(&s, .character(" ")).count == 1)
    #expect(s.message == "内容已更改，搜索已停止")
    #expect(!s.awaits(job.id))
    _ = update(&s, .finished(try #require(job.run())))
    #expect(s.selected == selected)
    #expect(!footer(s).contains("搜索中"))
  }

  @Test func escCancelsASearchUnderWay() throws {
    var s = small()
    _ = key(&s, .character("/"))
    for ch in "无此" { _ = key(&s, .character(ch)) }
    _ = key(&s, .enter)
    let job = try #require(key(&s, .character("n")).first)
    #expect(footer(s).contains("搜索中…"))
    _ = key(&s, .escape)
    #expect(footer(s).hasPrefix("已取消"))
    #expect(!s.awaits(job.id))
    _ = update(&s, .finished(try #require(job.run())))
    #expect(!footer(s).contains("没有找到"))
    // In the search line, Esc also goes back to where the search began.
    let origin = s.selected
    _ = key(&s, .character("/"))
    let typed = try #require(key(&s, .character("无")).first)
    _ = key(&s, .escape)
    #expect(!s.awaits(typed.id) && s.selected == origin)
  }

  /// A job that is told no one waits stops between chunks.
  @Test func aJobStopsWhenNoLongerWanted() throws {
    var s = state(Campaign(id: "big", title: "大", nodes: (0..<100_000).map { Node(id: "n\($0)", kind: .item, title: "第\($0)项") }))
    _ = key(&s, .character("/"))
    let job = try #require(key(&s, .character("无")).first)
    var reports = 0
    #expect(job.run { _, _ in
      reports += 1
      return false
    } == nil)
    #expect(reports == 1)
  }

  @Test func aListViewSaysItIsArrangingUntilItsRowsCome() throws {
    var s = small()
    let job = try #require(key(&s, .character("2")).first)
    #expect(view(s, width: 80, height: 24).text.contains("整理中…"))
    // Moving has nothing to stand on yet; it keeps its place.
    _ = key(&s, .down)
    #expect(s.selected == nil)
    // Switching away and back does not start the same work twice.
    _ = key(&s, .character("1"))
    #expect(key(&s, .character("2")).isEmpty)
    _ = update(&s, .finished(try #require(job.run())))
    let screen = view(s, width: 80, height: 24).text
    #expect(!screen.contains("整理中"))
    #expect(screen.contains("讲解员不足") || screen.contains("逾期"))
    #expect(s.selected != nil)
    // Later switches use the rows made.
    _ = key(&s, .character("1"))
    #expect(key(&s, .character("2")).isEmpty)
    #expect(!view(s, width: 80, height: 24).text.contains("整理中"))
  }

  /// Rows made from the files as they were before a reload are dropped;
  /// the view asks for them again.
  @Test func listRowsForAnOlderCampaignAreDropped() throws {
    var s = small()
    let job = try #require(key(&s, .character("3")).first)
    var changed = s.campaign
    changed.apply(.set(node: "gm-1-2", field: .status, value: .text("done")))
    let again = update(&s, .reloaded(changed, history: [], stamper: Stamper(), readOnly: false))
    #expect(again.count == 1)
    #expect(!s.awaits(job.id))
    _ = update(&s, .finished(try #require(job.run())))
    #expect(view(s, width: 80, height: 24).text.contains("整理中…"))
    guard case .start(let fresh) = again.first else {
      Issue.record("no job")
      return
    }
    _ = update(&s, .finished(try #require(fresh.run())))
    #expect(!view(s, width: 80, height: 24).text.contains("整理中"))
  }

  @Test func escLeavesAViewStillArranging() throws {
    var s = small(config(.en))
    let job = try #require(key(&s, .character("7")).first)
    #expect(view(s, width: 80, height: 24).text.contains("Arranging…"))
    _ = key(&s, .escape)
    #expect(!s.awaits(job.id))
    #expect(view(s, width: 80, height: 24).lines[0].contains("[Tree]"))
  }

  /// On a campaign within the budget nothing becomes a job: the same
  /// screens as before, at once.
  @Test func smallCampaignsNeedNoJobs() {
    var s = state()
    for k: Key in [.character("/"), .character("无"), .character("此"), .enter, .character("n")] + (2...7).map({ .character(Character(String($0))) }) {
      #expect(key(&s, k).isEmpty)
    }
  }
}
