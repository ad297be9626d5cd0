/// The interface language: Chinese by default, English on request.
public enum Lang: String, CaseIterable, Sendable {
  case zh, en

  /// Picks Chinese or English from an explicit choice, else the locale
  /// variables (`LC_ALL`, `LC_MESSAGES`, `LANG`): an English locale gives
  /// English, anything else Chinese.
  public static func choose(explicit: String?, environment: [String: String]) -> Lang {
    if let explicit, let lang = Lang(rawValue: explicit.lowercased()) { return lang }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let v = environment[key], !v.isEmpty {
        return v.lowercased().hasPrefix("en") ? .en : .zh
      }
    }
    return .zh
  }

  /// Picks the string of this language.
  public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}

extension NodeKind {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .group: return lang.pick("领域", "area")
    case .task: return lang.pick("任务", "task")
    case .item: return lang.pick("事项", "item")
    case .base: return lang.pick("红色教育基地", "red-education base")
    case .centre: return lang.pick("实践中心", "practice centre")
    case .subcentre: return lang.pick("实践分中心", "sub-centre")
    case .institute: return lang.pick("实践所", "institute")
    case .station: return lang.pick("实践站", "station")
    case .team: return lang.pick("志愿服务队", "volunteer team")
    case .indicator: return lang.pick("指标", "indicator")
    }
  }
}

extension Status {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .todo: return lang.pick("未开始", "not started")
    case .doing: return lang.pick("进行中", "in progress")
    case .done: return lang.pick("已完成", "done")
    }
  }
}

extension Problem.State {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .open: return lang.pick("整改中", "to rectify")
    case .fixed: return lang.pick("待复查", "awaiting re-check")
    case .closed: return lang.pick("已销号", "closed")
    }
  }
}

extension Indicator.Attribute {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .expected: return lang.pick("预期性", "expected")
    case .binding: return lang.pick("约束性", "binding")
    }
  }
}

extension StandardFacts.Method {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .material: return lang.pick("材料审核", "material review")
    case .site: return lang.pick("实地考察", "site inspection")
    case .survey: return lang.pick("问卷调查", "survey")
    }
  }
}
