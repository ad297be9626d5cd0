import Domain

/// Every word the dashboard shows, in Chinese and English.
struct Strings {
  let lang: Lang
  private func p(_ zh: String, _ en: String) -> String { lang.pick(zh, en) }

  func viewName(_ v: ViewKind) -> String {
    switch v {
    case .tree: return p("任务树", "Tree")
    case .overdue: return p("逾期与整改", "Overdue & rectify")
    case .units: return p("按单位", "By unit")
    case .bases: return p("红色教育基地", "Red bases")
    case .stations: return p("文明实践站", "Stations")
    case .indicators: return p("指标", "Indicators")
    }
  }

  func role(_ r: Role) -> String { r == .coordinator ? p("协调", "coordinator") : p("督查", "supervisor") }
  var done: String { p("完成", "done") }
  var overdue: String { p("逾期", "overdue") }
  var readOnly: String { p("只读", "read-only") }
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
  var nothingToUndo: String { p("本次没有可撤销的更改", "nothing to undo in this session") }
  var undone: String { p("已撤销", "undone") }
  var readOnlyRefusal: String { p("只读：另一个 chuangwen 正在使用此工作区", "read-only: another chuangwen has this workspace open") }
  var noQuota: String { p("此节点没有活动配额", "this node has no activity quota") }
  var noActivity: String { p("没有可撤销的活动记录", "no activity to remove") }
  var noProblem: String { p("此节点没有待处理的问题", "this node has no problem to advance") }
  func saveFailed(_ why: String) -> String { p("未能保存（更改仍在屏幕上）：", "NOT SAVED (the change is on screen only): ") + why }
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
  var indicator: String { p("指标", "Indicator") }
  func daysLeft(_ n: Int) -> String { n == 0 ? p("今天到期", "due today") : p("剩\(n)天", "\(n) days left") }
  func daysOver(_ n: Int) -> String { p("逾期\(n)天", "\(n) days overdue") }
  func months(_ year: Int) -> String { p("\(year)年逐月", "\(year) by month") }

  // List views.
  var unitColumn: String { p("单位", "Unit") }
  var itemsColumn: String { p("事项", "Items") }
  var rateColumn: String { p("完成率", "Rate") }
  var levelColumn: String { p("级别", "Level") }
  var categoryColumn: String { p("类别", "Category") }
  var baselineColumn: String { p("基期", "Baseline") }
  var currentColumn: String { p("当前", "Current") }
  var targetColumn: String { p("目标", "Target") }
  var noUnit: String { p("（未指定单位）", "(no unit)") }

  var help: [String] {
    [
      p("按键", "Keys"),
      "",
      p("↑↓ j k        移动", "↑↓ j k        move"),
      p("PgUp PgDn      翻页", "PgUp PgDn      page"),
      p("g G            到顶 / 到底", "g G            top / bottom"),
      p("← → h l 回车   折叠 / 展开", "← → h l Enter  fold / unfold"),
      p("空格           切换状态 未开始→进行中→已完成", "space          cycle status todo→doing→done"),
      p("x              标记完成", "x              mark done"),
      p("+ -            记录 / 撤销一次活动（今天）", "+ -            log / remove an activity (today)"),
      p("r              记录问题；在有问题的节点上推进整改", "r              record a problem; advance one"),
      p("e              编辑备注", "e              edit the note"),
      p("u              撤销本次会话的上一处更改", "u              undo this session's last change"),
      p("/ n N          搜索 / 下一个 / 上一个", "/ n N          search / next / previous"),
      p("v 1-6          切换视图", "v 1-6          switch view"),
      p("?              帮助", "?              help"),
      p("q              退出", "q              quit"),
      "",
      p("视图：1 任务树  2 逾期与整改  3 按单位  4 红色教育基地  5 文明实践站  6 指标",
        "Views: 1 tree  2 overdue & rectify  3 by unit  4 red bases  5 stations  6 indicators"),
      p("每处更改立即写入本机日志，无需保存。", "Every change is written to this laptop's journal at once: no save key."),
      "",
      p("按任意键返回", "Press any key to return"),
    ]
  }
}
