import Domain
import Platform
import Presentation

/// The lines of `log`: when (local time), who, from where, which node (by
/// its title, a deleted one by the last title it had), what; a move says
/// from where to where, and a subtree added back at once (an undone
/// delete, an import's group) is one line.
struct History {
  let campaign: Campaign
  let lang: Lang
  /// What the events say of each node: its last title (for nodes since
  /// deleted), and its parent as they went (for moves).
  private var titles: [String: String] = [:]
  private var parents: [String: String?] = [:]

  init(_ campaign: Campaign, lang: Lang) {
    self.campaign = campaign
    self.lang = lang
  }

  /// Every event in replay order; the lines of those `only` is about
  /// (all when nil).
  mutating func lines<Events: Collection<Event>>(_ events: Events, only: String? = nil) -> [String] {
    // A deleted node goes by the last title it ever had.
    for e in events {
      switch e.op {
      case .addNode(let node, _): titles[node.id] = node.title
      case .set(let id, .title, .text(let t)): titles[id] = t
      default: break
      }
    }
    var out: [String] = []
    var batch: (first: Event, count: Int, ids: Set<String>)? = nil
    func flush() {
      guard let b = batch else { return }
      var line = line(b.first)
      if b.count > 1 { line += lang.pick("（及下级共 \(b.count) 个节点）", " (with \(b.count - 1) nodes below it)") }
      out.append(line)
      batch = nil
    }
    for e in events {
      if case .addNode(let node, _) = e.op {
        // Nodes under one just added, by the same hand at the same moment.
        if var b = batch, b.first.device == e.device, b.first.moment == e.moment, let p = node.parent, b.ids.contains(p) {
          b.count += 1
          b.ids.insert(node.id)
          batch = b
          learn(e)
          continue
        }
        flush()
        if only == nil || node.id == only { batch = (e, 1, [node.id]) }
        learn(e)
        continue
      }
      flush()
      if only == nil || e.op.nodeID == only { out.append(line(e)) }
      learn(e)
    }
    flush()
    return out
  }

  private mutating func learn(_ e: Event) {
    switch e.op {
    case .addNode(let node, _):
      parents[node.id] = node.parent
    case .moveNode(let id, let parent, _):
      parents[id] = parent
    default:
      break
    }
  }

  /// A node as people know it: its code and title, or its last title.
  private func name(_ id: String) -> String {
    if let i = campaign.index[id] { return campaign.code(i) + " " + campaign.nodes[i].title }
    return (titles[id] ?? id) + lang.pick("（已删除）", " (deleted)")
  }

  private func line(_ e: Event) -> String {
    var what = e.op.summary(in: campaign, lang: lang)
    let target: String
    switch e.op {
    case .inspect(.score(_, let score)):
      target = name(score.standard)
    case .addUnit, .renameUnit, .setRole, .revoke, .keepBranch, .setPlan, .orderStep, .inspect:
      target = ""
    case .moveNode(let id, let parent, _):
      target = name(id)
      let top = lang.pick("顶层", "the top level")
      let was: String? = parents[id] ?? campaign.node(id)?.parent
      let from: String = was.map { name($0) } ?? top
      let to: String = parent.map { name($0) } ?? top
      what = lang.pick("移动：", "moved: ") + from + " → " + to
    default:
      target = name(e.op.nodeID)
    }
    return [Clock.local(e.at), e.user, e.device, target, what].filter { !$0.isEmpty }.joined(separator: "  ")
  }
}
