import Domain
import Presentation

/// One line of `log`: when, who, from where, which node, what.
enum History {
  static func line(_ e: Event, in c: Campaign, lang: Lang) -> String {
    let target: String
    if let i = c.index[e.op.nodeID] {
      target = c.code(i) + " " + c.nodes[i].title
    } else {
      target = e.op.nodeID + lang.pick("（已删除）", " (deleted)")
    }
    return "\(e.at)  \(e.user)  \(e.device)  \(target)  \(e.op.summary(in: c, lang: lang))"
  }
}
