import Domain

/// Every word the dashboard shows, in Chinese and English.
struct Strings {
  let lang: Lang
  func p(_ zh: String, _ en: String) -> String { lang.pick(zh, en) }

  func viewName(_ v: ViewKind) -> String {
    switch v {
    case .tree: return p("任务树", "Tree")
    case .overdue: return p("逾期与整改", "Overdue & rectify")
    case .units: return p("按单位", "By unit")
    case .bases: return p("红色教育基地", "Red bases")
    case .coverage: return p("文明实践站", "Stations")
    case .indicators: return p("指标", "Indicators")
    case .progress: return p("进度趋势", "Progress")
    case .orders: return p("服务订单", "Orders")
    case .teams: return p("志愿服务队", "Teams")
    case .points: return p("测评点位", "Points")
    }
  }

  var tooLong: String { p("太长了：最多 \(StructureIssue.maxTitle) 个字", "too long: at most \(StructureIssue.maxTitle) characters") }
  var paceTitle: String { p("每周完成事项（来自各设备日志，截止周以 ┆ 标出）", "Items done per week (from the journals; ┆ marks the deadline's week)") }
  var paceNothingYet: String { p("日志中还没有标记完成的事项", "nothing marked done in the journals yet") }
  func paceRate(_ r: Double) -> String {
    let v = (r * 10).rounded() / 10
    return p("近4周 \(v) 项/周", "last 4 weeks: \(v)/week")
  }
  func paceRemaining(_ n: Int) -> String { p("未完成 \(n)", "\(n) to do") }
  func paceNeeded(_ n: Int) -> String { p("照此需 \(n) 周", "needs \(n) wk") }
  func paceDeadline(_ d: Day, _ weeks: Int) -> String {
    weeks >= 0 ? p("截止 \(d) 余 \(weeks) 周", "due \(d), \(weeks) wk left")
      : p("截止 \(d) 已过 \(-weeks) 周", "due \(d), \(-weeks) wk ago")
  }

  func role(_ r: Role) -> String { r == .coordinator ? p("协调", "coordinator") : p("督查", "supervisor") }
  var done: String { p("完成", "done") }
  var overdue: String { p("逾期", "overdue") }
  var readOnly: String { p("只读", "read-only") }
  var tooDeep: String { p("层级过深：最多 \(Campaign.maxDepth) 层", "too deep: at most \(Campaign.maxDepth) levels") }
  var nowWritable: String { p("另一个 chuangwen 已退出：现在可以修改", "the other chuangwen has quit: changes can be made now") }
  var rectify: String { p("整改中", "rectify") }
  var recheck: String { p("待复查", "re-check") }

  var footer: [String] {
    [p("↑↓ 移动", "↑↓ move"), p("←→ 折叠", "←→ fold"), p("空格 状态", "space status"),
     p("+/- 活动", "+/- activity"), p("e 备注", "e note"), p("/ 搜索", "/ search"),
     p("v 视图", "v view"), p("u 撤销", "u undo"), p("? 帮助", "? help"), p("q 退出", "q quit")]
  }

  var searchPrompt: String { p("搜索：", "Search: ") }
  var notePrompt: String { p("备注：", "Note: ") }
  var problemPrompt: String { p("问题：", "Problem: ") }
  var noMatch: String { p("没有找到", "no match") }
  /// "第 3/17 个"; "已绕回" when the search went past the end (or start).
  func searchHit(_ rank: Int, _ total: Int, wrapped: Bool) -> String {
    p("第 \(rank)/\(total) 个", "match \(rank) of \(total)") + (wrapped ? p("（已绕回）", " (wrapped)") : "")
  }
  /// A search reading the tree off the key path, and how far it has got.
  func searching(_ f: Double) -> String {
    p("搜索中… \(percent(f))（Esc 取消）", "Searching… \(percent(f)) (Esc cancels)")
  }
  /// A filter reading the tree between keys, and how far it has got.
  func filtering(_ f: Double) -> String {
    p("筛选中… \(percent(f))（Esc 取消）", "Filtering… \(percent(f)) (Esc cancels)")
  }
  /// A view's rows being made between keys.
  var arranging: String { p("整理中…", "Arranging…") }
  /// The same in the footer, with how far it has got.
  func arranging(_ f: Double) -> String {
    p("整理中… \(percent(f))（Esc 取消）", "Arranging… \(percent(f)) (Esc cancels)")
  }
  var cancelled: String { p("已取消", "cancelled") }
  var searchStopped: String { p("内容已更改，搜索已停止", "the campaign changed: search stopped") }
  var nothingToUndo: String { p("本次没有可撤销的更改", "nothing to undo in this session") }
  var undone: String { p("已撤销", "undone") }
  func cutNode(_ code: String, _ title: String) -> String { p("已剪切 \(code) \(title)：选中新的上级后按 P 移到其下", "cut \(code) \(title): select its new parent and press P") }
  var nothingCut: String { p("没有剪切的节点（先在要移动的节点上按 X）", "nothing cut (press X on the node to move first)") }
  var cannotPasteUnderItself: String { p("不能移到它自己或它的下级之下", "a node cannot go under itself or below it") }
  func pasted(_ code: String) -> String { p("已移到 \(code) · u 撤销", "moved to \(code) · u undoes") }
  func confirmNewUnits(_ names: [String]) -> String {
    p("还没有单位“\(names.joined(separator: "”“"))”：回车新建，其他键返回修改", "no unit named \(names.map { "\"\($0)\"" }.joined(separator: ", ")) yet: Enter makes it, any other key goes back to edit")
  }
  var notIndicator: String { p("这不是指标（i 录入指标的当前值）", "not an indicator (i enters an indicator's current value)") }
  func unknownKey(_ k: String) -> String { p("“\(k)”不是命令键：按 ? 查看所有按键", "\"\(k)\" is not a key here: ? lists them all") }
  var readOnlyFooter: String { p("只读：另一个 chuangwen 正在使用此工作区（它关闭后即可修改），或文件夹不可写", "read-only: another chuangwen has this workspace open (changes are possible once it closes), or the folder cannot be written") }
  var readOnlyRefusal: String { p("只读：另一个 chuangwen 正在使用此工作区，或文件夹不可写", "read-only: another chuangwen has this workspace open, or the folder cannot be written") }
  var noQuota: String { p("此节点没有活动配额", "this node has no activity quota") }
  var noActivity: String { p("没有可撤销的活动记录", "no activity to remove") }
  func saveFailed(_ why: String) -> String { p("未能保存（更改仍在屏幕上）：", "NOT SAVED (the change is on screen only): ") + why }
  func badDate(_ t: String) -> String {
    p("“\(t)”不是日期：可写 2023-06-30、2023年6月底、6月底、年底、+7（7天后）；Esc 取消",
      "\"\(t)\" is not a date: write 2023-06-30, 2023年6月底, 6月底, 年底 or +7 (in 7 days); Esc cancels")
  }
  var noFilterMatch: String { p("没有符合筛选条件的节点（f 换一个，F 清除筛选）", "no node matches the filter (f for another, F clears it)") }
  var emptyCampaign: String { p("还没有节点（协调员按 a 添加）", "no nodes yet (a coordinator adds one with a)") }
  func confirmDone(_ code: String, _ open: Int, _ status: String) -> String {
    p("\(code) 下还有约 \(open) 项未完成，仍标记为“\(status)”？y 确认，n 取消", "\(code) still has about \(open) open items below it: mark it \"\(status)\" anyway? y yes, n no")
  }
  func confirmDoneShort(_ code: String, _ quota: String, _ status: String) -> String {
    p("\(code) 的配额只完成了 \(quota)，仍标记为“\(status)”？y 确认，n 取消", "\(code) has reached only \(quota) of its quota: mark it \"\(status)\" anyway? y yes, n no")
  }
  func did(_ what: String) -> String { what + p(" · u 撤销", " · u undoes") }
  func activityLogged(_ progress: String) -> String { p("已记录 1 次活动（\(progress)）· u 撤销", "1 activity logged (\(progress)) · u undoes") }
  func cardTitle(_ code: String) -> String { p("节点卡片 \(code)", "Node card \(code)") }
  /// The card's keys, Esc last: it always shows (`drawCard`).
  var cardKeys: [String] {
    [p("↑↓ 滚动", "↑↓ scroll"), p("1-9 处理问题", "1-9 a problem"), p("r 新增问题", "r new problem"), p("E 添加佐证", "E evidence"),
     p("Esc 返回", "Esc back")]
  }
  func confirmProblem(_ text: String, from: String, to: String, reopen: Bool) -> String {
    p("问题“\(text)”：\(from) → \(to)？y 确认" + (reopen ? "，o 重新打开" : "") + "，n 取消",
      "Problem \"\(text)\": \(from) → \(to)? y yes" + (reopen ? ", o reopen" : "") + ", n no")
  }
  func problemMoved(_ text: String, _ to: String) -> String { p("问题“\(text)” → \(to) · u 撤销", "problem \"\(text)\" → \(to) · u undoes") }
  var kindMenuTitle: String { p("类型（↑↓ 选择，回车确定，Esc 返回）", "Kind (↑↓ choose, Enter set, Esc back)") }
  func kindSet(_ kind: String) -> String { p("类型 → \(kind) · u 撤销", "kind → \(kind) · u undoes") }
  func badQuota(_ t: String) -> String {
    p("“\(t)”不是配额：可写 12次、120 节、12次，每月1；Esc 取消", "\"\(t)\" is not a quota: write 12次, 120 节 or 12次, 1 a month; Esc cancels")
  }
  func quotaHasActivities(_ n: Int) -> String {
    p("已记录 \(n) 次活动，不能取消配额（可改目标数）", "\(n) activities are logged: the quota stays (its target can change)")
  }
  func quotaSet(_ q: String) -> String { p("配额 \(q) · u 撤销", "quota \(q) · u undoes") }
  var siteSaved: String { p("地点信息已保存 · u 撤销", "site facts saved · u undoes") }
  func standardSet(_ facts: String) -> String { p("测评标准：\(facts) · u 撤销", "standard: \(facts) · u undoes") }
  var standardCleared: String { p("已不是测评标准（已有的打分保留）· u 撤销", "no longer a standard (its scores stay) · u undoes") }
  func badPoints(_ t: String) -> String { p("“\(t)”不是分值：写 0 到 1000 的数，如 2 或 2.5", "\"\(t)\" is not points: a number from 0 to 1000, such as 2 or 2.5") }
  func badMethods(_ t: String) -> String {
    p("“\(t)”不是测评方法：材料审核、实地考察、问卷调查，可写几个", "\"\(t)\": the methods are material review, site inspection, survey (one or more)")
  }
  func unknownPointType(_ t: String, near: [String]) -> String {
    near.isEmpty ? p("“\(t)”不是点位类型（类型列表：chuangwen point 目录 types；添加：point 目录 type 名称）",
                     "\"\(t)\" is not a point type (list: chuangwen point DIR types; add: point DIR type NAME)")
      : p("“\(t)”不是点位类型，是否指：\(near.joined(separator: "、"))？", "\"\(t)\" is not a point type; did you mean \(near.joined(separator: ", "))?")
  }
  func yesOrNo(_ t: String) -> String { p("“\(t)”：请答 是 或 否", "\"\(t)\": answer yes or no") }
  var standardLabel: String { p("测评", "Standard") }
  func badPeriod(_ t: String) -> String {
    p("“\(t)”不是创建周期：可写 2021-2023、2021年—2023年、2021-03-01 至 2023-12-31；Esc 取消",
      "\"\(t)\" is not a period: write 2021-2023 or 2021-03-01 至 2023-12-31; Esc cancels")
  }
  func periodSet(_ t: String) -> String { p("创建周期 \(t) · u 撤销", "period \(t) · u undoes") }
  func unitExists(_ t: String) -> String { p("已有单位“\(t)”", "a unit named \"\(t)\" is here already") }
  func unitNameTaken(_ t: String) -> String { p("已有单位叫“\(t)”：要合为一个请用 M 合并", "another unit is named \"\(t)\": M merges them") }
  func unitAdded(_ t: String) -> String { p("新增单位 \(t)", "unit added: \(t)") }
  func unitRenamed(_ a: String, _ b: String) -> String { p("单位改名：\(a) → \(b) · u 撤销", "unit renamed: \(a) → \(b) · u undoes") }
  func ambiguousUnit(_ t: String, _ names: [String]) -> String {
    p("“\(t)”可指 \(names.count) 个单位（\(names.prefix(3).joined(separator: "、"))…）：请写全", "\"\(t)\" fits \(names.count) units (\(names.prefix(3).joined(separator: ", "))…): type more of it")
  }
  func unitCounts(leads: String, supports: String, done: String, overdue: String) -> String {
    p("牵头 \(leads) 项 · 配合 \(supports) 项 · 完成 \(done) · 逾期 \(overdue)", "leads \(leads) · supports \(supports) · done \(done) · overdue \(overdue)")
  }
  func unitKeys(coordinator: Bool) -> String {
    coordinator ? p("回车 该单位的任务  a 新增  R 改名  M 并入其他单位", "Enter its tasks  a add  R rename  M merge into another")
      : p("回车 该单位的任务", "Enter its tasks")
  }
  var mergeIntoItself: String { p("不能并入它自己", "a unit cannot merge into itself") }
  func confirmMerge(_ a: String, _ b: String, _ n: Int) -> String {
    p("将“\(a)”并入“\(b)”：\(n) 项任务改由后者负责？y 确认，n 取消", "Merge \"\(a)\" into \"\(b)\": \(n) tasks become theirs? y yes, n no")
  }
  func unitsMerged(_ a: String, _ b: String, _ n: Int) -> String {
    p("“\(a)”已并入“\(b)”（\(n) 项任务）· u 撤销", "\"\(a)\" merged into \"\(b)\" (\(n) tasks) · u undoes")
  }
  var orderMenuTitle: String { p("订单的下一步（↑↓ 选择，回车确定，Esc 返回）", "Next step (↑↓ choose, Enter take, Esc back)") }
  var noOrderStep: String { p("这个订单已办结，没有下一步", "this order is settled: no step is left") }
  var notAnOrderPlace: String { p("只能在实践中心、分中心、所或站点单", "orders are placed at the centre, a sub-centre, an institute or a station") }
  func orderPlaced(_ what: String) -> String { p("已点单“\(what)”：按 8 查看订单", "order placed: \"\(what)\" (8 shows the orders)") }
  func orderStepTaken(_ what: String) -> String { p("订单：\(what)", "order: \(what)") }
  func unknownTeam(_ t: String) -> String { p("没有名为“\(t)”的志愿服务队（可写编码，如 3.2.1）", "no volunteer team named \"\(t)\" (a code like 3.2.1 will do)") }
  func badStars(_ t: String) -> String { p("“\(t)”不是 1–5 的评分", "\"\(t)\" is not 1 to 5 stars") }
  func evidenceKept(_ name: String) -> String { p("已保存佐证材料“\(name)”", "evidence kept: \"\(name)\"") }
  func evidenceNotKept(_ why: String) -> String { p("未能保存佐证材料：", "evidence NOT kept: ") + why }
  var noRound: String { p("还没有测评（chuangwen round 创文 start 名称）", "no round yet (chuangwen round DIR start NAME)") }
  func roundScoresTitle(_ name: String, _ day: String, closed: Bool) -> String {
    p("\(name)（\(day)\(closed ? "，已结束" : "")）得分与排名", "\(name) (\(day)\(closed ? ", closed" : "")): scores and rankings")
  }
  var otherRounds: String { p("  [ ] 上一轮/下一轮", "  [ ] round before/after") }
  var noOpenRound: String { p("没有进行中的测评（chuangwen round 创文 start 名称）", "no round is open (chuangwen round DIR start NAME)") }
  func scoringTitle(_ round: String, _ point: String, _ type: String, _ score: String) -> String {
    p("\(round) · \(point)（\(type)） 得分率 \(score)", "\(round) · \(point) (\(type)) score \(score)")
  }
  func points(_ x: Double) -> String { p("\(Inspection.number(x))分", "\(Inspection.number(x)) pts") }
  var negativeList: String { p(" 负面", " neg.") }
  func noStandards(_ type: String) -> String { p("没有适用于“\(type)”的测评标准（chuangwen set … --points）", "no standard applies to \"\(type)\" (chuangwen set … --points)") }
  var scoringKeys: String { p("y 达标  n 不达标  p 部分（扣分）  - 不适用  r 不达标并登记问题  e 所见  ↑↓  Esc 返回", "y kept  n not  p partly  - n/a  r not + problem  e seen  ↑↓  Esc back") }
  var scoreFirst: String { p("先打分（y n p - r），再写所见", "score it first (y n p - r), then say what was seen") }
  func badPointsLost(_ t: String) -> String { p("“\(t)”不是分数", "\"\(t)\" is not a number of points") }
  var needsText: String { p("请输入内容；Esc 取消", "type something, or Esc to cancel") }
  func unknownUnit(_ t: String) -> String { p("没有名为“\(t)”的单位", "no unit named \"\(t)\"") }
  var supervisorRefusal: String { p("督查员无权修改结构（协调员可用 chuangwen enroll 授予协调员角色）", "supervisors cannot change the structure (a coordinator grants the role with chuangwen enroll)") }
  func confirmDelete(_ title: String, _ count: Int) -> String {
    p("删除“\(title)”及其下 \(count) 个节点？(y/n)", "Delete \"\(title)\" and \(count) nodes below it? (y/n)")
  }
  func prompt(_ p: Prompt) -> String {
    switch p {
    case .note: return notePrompt
    case .current: return self.p("当前值（空为清除）：", "Current value (empty clears): ")
    case .problem: return problemPrompt
    case .problemUnit: return self.p("责任单位（可空）：", "Responsible unit (optional): ")
    case .problemDue: return self.p("整改时限（YYYY-MM-DD 或 +天数，可空）：", "Fix by (YYYY-MM-DD or +days, optional): ")
    case .rename: return self.p("新标题：", "New title: ")
    case .addChild: return self.p("新建下级：", "New child: ")
    case .addSibling: return self.p("新建同级：", "New sibling: ")
    case .due: return self.p("时限（2023-06-30、6月底、+7…，空为清除）：", "Due (2023-06-30, 6月底, +7…; empty clears): ")
    case .units: return self.p("单位（牵头在前，用、分隔）：", "Units (lead first, separated by commas): ")
    case .unitFilter: return self.p("按单位筛选：", "Filter by unit: ")
    case .quota: return self.p("配额（如 12次，每月1；120 节；空为取消）：", "Quota (e.g. 12次, 1 a month; 120 节; empty removes): ")
    case .site(_, let field):
      switch field {
      case .level: return self.p("级别（全国、省级、市级…）：", "Level (national, provincial…): ")
      case .category: return self.p("类别（旧址、纪念馆…）：", "Category (former site, memorial hall…): ")
      case .address: return self.p("地址：", "Address: ")
      default: return self.p("联系方式：", "Contact: ")
      }
    case .standard(_, _, let step):
      switch step {
      case .points: return self.p("分值（如 2 或 2.5；空为不是测评标准）：", "Points (e.g. 2 or 2.5; empty: not a standard): ")
      case .methods: return self.p("测评方法（材料审核、实地考察、问卷调查）：", "Methods (material, site, survey): ")
      case .types: return self.p("适用点位类型（用、分隔；空为所有点位）：", "Point types (comma-separated; empty: every point): ")
      case .negative: return self.p("负面清单（是/否）：", "On the negative list (yes/no): ")
      }
    case .planTitle: return self.p("方案名称：", "Plan's name: ")
    case .planPeriod: return self.p("创建周期（如 2021-2023，或 2021-03-01 至 2023-12-31）：", "Period (e.g. 2021-2023, or 2021-03-01 至 2023-12-31): ")
    case .newUnit: return self.p("新单位名称：", "New unit's name: ")
    case .renameUnit: return self.p("单位新名称：", "Unit's new name: ")
    case .mergeUnit: return self.p("并入哪个单位：", "Merge into which unit: ")
    case .orderWhat: return self.p("点单内容（群众需要什么）：", "What is asked: ")
    case .orderTeam: return self.p("派给哪个志愿服务队（编码或名称）：", "Which team (code or name): ")
    case .orderNote(_, let decline): return decline ? self.p("拒单原因：", "Why declined: ") : self.p("做了什么（可空）：", "What was done (optional): ")
    case .orderStars: return self.p("评分（1–5）：", "Stars (1–5): ")
    case .evidencePath: return self.p("佐证文件的路径：", "Path of the evidence file: ")
    case .evidenceCaption: return self.p("说明（时间、地点、人物，可空）：", "Caption (when, where, who; optional): ")
    case .pointsLost: return self.p("扣分：", "Points lost: ")
    case .scoreNote: return self.p("所见：", "Seen: ")
    }
  }
  func filterLabel(_ f: Filter) -> String {
    switch f {
    case .overdue: return p("逾期", "overdue")
    case .rectify: return p("整改中/待复查", "to rectify / re-check")
    case .status(let st): return st.label(lang)
    case .kind(let k): return k.label(lang)
    case .unit(let t): return p("单位：", "unit: ") + t
    }
  }
  var filterTitle: String { p("筛选（↑↓ 选择，回车确定，c 清除，Esc 返回）", "Filter (↑↓ choose, Enter apply, c clear, Esc back)") }
  var filterByUnit: String { p("按单位…", "By unit…") }
  var filtered: String { p("筛选", "filter") }
  var emptyList: String { p("（无）", "(none)") }

  // Detail pane.
  var kind: String { p("类型", "Kind") }
  var status: String { p("状态", "Status") }
  var lead: String { p("牵头", "Lead") }
  var support: String { p("配合", "Support") }
  var due: String { p("时限", "Due") }
  var progress: String { p("进度", "Progress") }
  var note: String { p("备注", "Note") }
  var problems: String { p("问题", "Problems") }
  var history: String { p("记录", "History") }
  var site: String { p("地点", "Site") }
  var evidence: String { p("佐证", "Evidence") }
  var indicator: String { p("指标", "Indicator") }
  func daysLeft(_ n: Int) -> String { n == 0 ? p("今天到期", "due today") : p("剩\(n)天", "\(n) days left") }
  func daysOver(_ n: Int) -> String { lang.daysOverdue(n) }
  func months(_ year: Int) -> String { p("\(year)年逐月", "\(year) by month") }

  var helpTitle: String { p("按键", "Keys") }
  func helpScroll(more: Bool) -> String {
    (more ? p("↓ 还有 · ", "↓ more · ") : "") + p("↑↓ 滚动，其他键返回", "↑↓ scroll, any other key returns")
  }

  /// Each key with what it does; the view pads the keys by display width.
  var helpKeys: [(keys: String, meaning: String)] {
    [
      ("↑↓ j k", p("移动", "move")),
      ("PgUp PgDn", p("翻页", "page")),
      ("g G", p("到顶 / 到底", "top / bottom")),
      (p("← → h l", "← → h l"), p("折叠 / 展开", "fold / unfold")),
      (p("回车", "Enter"), p("节点卡片：全部信息、问题（1-9 推进整改）、记录", "node card: everything, problems (1-9 move one on), log")),
      ("t", p("列表中：到树中该节点", "in a list: the node in the tree")),
      (p("空格", "space"), p("切换状态 未开始→进行中→已完成", "cycle status todo→doing→done")),
      ("x", p("标记完成", "mark done")),
      ("+ -", p("记录 / 撤销一次活动（今天）", "log / remove an activity (today)")),
      ("r", p("记录一个问题（可多个）", "record a problem (as many as found)")),
      ("e", p("编辑备注", "edit the note")),
      ("i", p("录入指标的当前值", "an indicator's current value")),
      ("u", p("撤销本次会话的上一处更改", "undo this session's last change")),
      ("/ n N", p("搜索（筛选时在显示的行中）/ 下一个 / 上一个", "search (under a filter, the rows shown) / next / previous")),
      ("f F", p("筛选（状态、单位、逾期、类型）/ 清除筛选", "filter (status, unit, overdue, kind) / clear")),
      ("a A", p("新建下级 / 同级（协调员）", "add a child / sibling (coordinator)")),
      ("R D", p("改名 / 删除（协调员）", "rename / delete (coordinator)")),
      ("K J", p("上移 / 下移（协调员）", "move up / down (coordinator)")),
      ("X P", p("剪切 / 移到所选节点之下（协调员）", "cut / move under the selected node (coordinator)")),
      ("d U", p("设时限 / 设牵头和配合单位（协调员）", "set deadline / units (coordinator)")),
      ("T Q", p("设类型 / 设配额（协调员）", "set kind / quota (coordinator)")),
      ("S", p("地点信息：级别、类别、地址、联系方式", "site facts: level, category, address, contact")),
      ("B", p("测评标准：分值、测评方法、适用点位、负面清单（协调员）", "a standard: points, methods, point types, negative list (coordinator)")),
      ("C", p("方案名称与创建周期（协调员）", "the plan's name and period (coordinator)")),
      (p("视图3：a R M", "view 3: a R M"), p("新增 / 改名 / 合并单位（协调员）；回车：该单位的任务", "add / rename / merge units (coordinator); Enter: its tasks")),
      ("O", p("在实践站等处点单（群众点单）", "place a service order at a station")),
      (p("视图8：回车", "view 8: Enter"), p("订单的下一步：报单、派单、接单、完成、评单、拒单", "an order's next step: report, dispatch, accept, done, rate, decline")),
      (p("视图10（0）：回车", "view 10 (0): Enter"), p("给点位逐条打分：y 达标 n 不达标 p 部分 - 不适用 r 不达标并登记问题 e 所见", "score a point: y kept n not p partly - n/a r not + problem e what was seen")),
      (p("视图10：s", "view 10: s"), p("最近一轮的得分与排名：全市、区域、单位、测评项目、点位、失分最多的标准；[ ] 看上一轮/下一轮", "the latest round's scores: city, areas, units, items, points, standards that lost most; [ ] the round before/after")),
      ("v 1-9 0", p("切换视图", "switch view")),
      ("?", p("帮助", "help")),
      ("q", p("退出", "quit")),
    ]
  }

  var helpFooter: [String] {
    [
      p("视图：1 任务树  2 逾期与整改  3 按单位  4 红色教育基地  5 文明实践站  6 指标  7 进度趋势  8 服务订单  9 志愿服务队  0 测评点位",
        "Views: 1 tree  2 overdue & rectify  3 by unit  4 red bases  5 stations  6 indicators  7 progress  8 orders  9 teams  0 points"),
      p("每处更改立即写入本机日志，无需保存。", "Every change is written to this laptop's journal at once: no save key."),
      p("按任意键返回", "Press any key to return"),
    ]
  }
}
