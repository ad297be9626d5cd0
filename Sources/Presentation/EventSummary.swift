import Domain

extension Field {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .title: return lang.pick("标题", "title")
    case .status: return lang.pick("状态", "status")
    case .note: return lang.pick("备注", "note")
    case .due: return lang.pick("时限", "deadline")
    case .lead: return lang.pick("牵头单位", "lead unit")
    case .support: return lang.pick("配合单位", "supporting units")
    case .current: return lang.pick("当前值", "current value")
    case .kind: return lang.pick("类型", "kind")
    case .quota: return lang.pick("配额", "quota")
    case .level: return lang.pick("级别", "level")
    case .category: return lang.pick("类别", "category")
    case .address: return lang.pick("地址", "address")
    case .contact: return lang.pick("联系方式", "contact")
    case .flags: return lang.pick("标记", "marks")
    case .standard: return lang.pick("测评标准分值", "standard's points")
    }
  }
}

extension Operation {
  /// What the operation did, in words: "状态 → 已完成", "记录活动 2022-03-01 ×2".
  public func summary(in c: Campaign, lang: Lang) -> String {
    switch self {
    case .set(_, let field, let value):
      let shown: String
      switch (field, value) {
      case (.status, .text(let t)): shown = Status(rawValue: t)?.label(lang) ?? t
      case (.lead, .text(let t)): shown = c.unitName(t)
      case (.support, .list(let l)): shown = l.map(c.unitName).joined(separator: "、")
      case (.kind, .text(let t)): shown = NodeKind(rawValue: t)?.label(lang) ?? t
      case (.standard, .list):
        shown = StandardFacts(value).map { lang.pick("\(Inspection.number($0.points)) 分", "\(Inspection.number($0.points)) points") } ?? "?"
      case (.flags, .list(let l)):
        shown = l.isEmpty ? lang.pick("（无）", "(none)") : l.map { NodeFlag(rawValue: $0)?.label(lang) ?? $0 }.joined(separator: "、")
      case (.quota, .list):
        shown = QuotaTerms(value)?.typed(lang) ?? lang.pick("（无效）", "(invalid)")
      case (_, .text(let t)): shown = t
      case (_, .list(let l)): shown = l.joined(separator: "、")
      case (_, .null): shown = lang.pick("（清空）", "(cleared)")
      }
      return field.label(lang) + " → " + shown
    case .addActivity(_, let a):
      return lang.pick("记录活动 \(a.date) ×\(a.count)", "activity logged \(a.date) ×\(a.count)")
        + (a.note.isEmpty ? "" : " " + a.note)
    case .removeActivity:
      return lang.pick("撤销一次活动记录", "activity removed")
    case .addProblem(_, let p):
      return lang.pick("发现问题：", "problem found: ") + p.text
    case .setProblem(_, let id, let state):
      let node = c.node(nodeID)
      let text = node?.problems.first { $0.id == id }?.text ?? id
      return lang.pick("问题“\(text)” → ", "problem \"\(text)\" → ") + state.label(lang)
    case .addNode(let n, _):
      return lang.pick("新增 ", "added ") + n.kind.label(lang) + " " + n.title
    case .removeNode:
      return lang.pick("删除", "deleted")
    case .moveNode:
      return lang.pick("移动", "moved")
    case .addUnit(let u):
      return lang.pick("新增单位 ", "unit added ") + u.name
    case .renameUnit(let u):
      return lang.pick("单位改名为 ", "unit renamed ") + u.name
    case .setRole(let device, let role):
      return lang.pick("设备 \(device) 的角色 → ", "device \(device)'s role → ") + role.label(lang)
    case .revoke(let device):
      return lang.pick("吊销设备 \(device) 的密钥", "device \(device)'s key revoked")
    case .setPlan(let field, let value):
      let what: String
      switch field {
      case .title: what = lang.pick("方案名称", "the plan's name")
      case .start: what = lang.pick("方案起始日", "the plan's first day")
      case .end: what = lang.pick("方案截止日", "the plan's last day")
      case .dispatchDays: what = lang.pick("订单派单时限（天）", "days to dispatch an order")
      case .finishDays: what = lang.pick("订单完成时限（天）", "days to finish an order")
      case .evidenceMB: what = lang.pick("佐证文件上限（MB）", "evidence file limit (MB)")
      }
      if case .text(let t) = value { return what + " → " + t }
      return what + lang.pick(" →（清空）", " → (cleared)")
    case .inspect(let step):
      switch step {
      case .addType(let t): return lang.pick("新增点位类型 ", "point type added ") + t
      case .addPoint(let p): return lang.pick("新增点位 ", "point added ") + p.name + "（\(p.type)）"
      case .startRound(let r): return lang.pick("开始测评：", "round started: ") + r.name
      case .score(_, let s):
        let standard = c.index[s.standard].map { c.code($0) } ?? s.standard
        let point = c.points.first { $0.id == s.point }?.name ?? s.point
        return lang.pick("测评 \(point) \(standard)：", "scored \(point) \(standard): ") + s.result.label(lang)
          + (s.result == .partial ? lang.pick("（扣 \(Inspection.number(s.lost)) 分）", " (−\(Inspection.number(s.lost)))") : "")
          + (s.note.isEmpty ? "" : lang.pick("：", ": ") + s.note)
      case .closeRound: return lang.pick("测评结束", "round closed")
      case .figures(_, let m, let v):
        return [m.map { lang.pick("材料审核 \(Inspection.number($0)) 分", "material review \(Inspection.number($0))") },
                v.map { lang.pick("问卷调查 \(Inspection.number($0)) 分", "survey \(Inspection.number($0))") }].compactMap { $0 }
          .joined(separator: lang.pick("，", ", "))
      }
    case .addEvidence(let e):
      return lang.pick("佐证材料：", "evidence: ") + e.name + (e.caption.isEmpty ? "" : lang.pick("（", " (") + e.caption + lang.pick("）", ")"))
    case .orderStep(let id, let step, _):
      return lang.pick("服务订单 \(id)：", "order \(id): ") + step.label(lang, in: c)
    case .keepBranch(let device, let branch):
      return lang.pick("设备 \(device) 的两段历史中保留 \(branch)", "device \(device): history \(branch) kept")
    }
  }
}

extension OrderStep {
  /// The step in words: "派单给 3.2.1 文明实践志愿服务队".
  public func label(_ lang: Lang, in c: Campaign) -> String {
    switch self {
    case .place(let o): return lang.pick("点单“\(o.what)”", "placed \"\(o.what)\"")
    case .report: return lang.pick("报单", "reported")
    case .dispatch(let team):
      let name = c.index[team].map { c.code($0) + " " + c.nodes[$0].title } ?? team
      return lang.pick("派单给 ", "dispatched to ") + name
    case .accept: return lang.pick("接单", "accepted")
    case .finish(let note): return lang.pick("完成", "done") + (note.isEmpty ? "" : lang.pick("：", ": ") + note)
    case .rate(let by, let stars, let comment):
      return (by == .requester ? lang.pick("群众评单 ", "rated by the requester ") : lang.pick("中心评单 ", "rated by the centre "))
        + String(repeating: "★", count: stars) + (comment.isEmpty ? "" : " " + comment)
    case .decline(let reason): return lang.pick("拒单：", "declined: ") + reason
    }
  }
}

extension Order.State {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .ordered: return lang.pick("已点单", "ordered")
    case .reported: return lang.pick("已报单", "reported")
    case .dispatched: return lang.pick("已派单", "dispatched")
    case .accepted: return lang.pick("已接单", "accepted")
    case .done: return lang.pick("已完成", "done")
    case .declined: return lang.pick("已拒单", "declined")
    }
  }
}

extension Score.Result {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .pass: return lang.pick("达标", "pass")
    case .partial: return lang.pick("部分达标", "partly")
    case .fail: return lang.pick("不达标", "fail")
    case .na: return lang.pick("不适用", "n/a")
    }
  }
}

extension NodeFlag {
  public func label(_ lang: Lang) -> String {
    switch self {
    case .ongoing: return lang.pick("长期工作", "ongoing")
    case .needsEvidence: return lang.pick("需佐证", "needs evidence")
    }
  }
}

extension Role {
  public func label(_ lang: Lang) -> String {
    self == .coordinator ? lang.pick("协调员", "coordinator") : lang.pick("督查员", "supervisor")
  }
}
