import ArgumentParser
import Domain
import Platform
import Presentation
import Reports
import WorkspaceFiles

/// `chuangwen attach DIR NODE FILE… [--caption T] [--problem N] [--order ID]`:
/// evidence (佐证材料) kept in the workspace by its hash and journaled.
struct Attach: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attach",
    abstract: "Attach evidence files (photos, documents, sign-in sheets) to a node, a problem or an order.",
    discussion: "Each file is kept once under the workspace's evidence/ folder by its SHA-256, at most 20 MB; `merge` copies it, `verify` checks it.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "A node id, or an outline code like 2.1.")
  var node: String

  @Argument(help: "The files.")
  var files: [String]

  @Option(help: "What it shows: time, place, people.")
  var caption: String?

  @Option(help: "The problem it proves rectified (its number on the node).")
  var problem: Int?

  @Option(help: "The service order it proves done (its id or first characters).")
  var order: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if files.isEmpty { throw ValidationError("attach DIR NODE FILE…: give at least one file") }
    if let caption, caption.hasTerminalControls { throw ValidationError("--caption: expected text without control characters") }
  }

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, lock: global.lock("attach"))
      printWarnings(ws)
      let i = try resolveNode(node, in: ws)
      let me = try global.identity(in: dir, remember: false)
      let n = ws.campaign.nodes[i]
      var problemID: String? = nil
      if let problem {
        guard problem >= 1 && problem <= n.problems.count else {
          throw WorkspaceError.usage("--problem \(problem): \(ws.campaign.code(i)) has \(n.problems.count) problems")
        }
        problemID = n.problems[problem - 1].id
      }
      var orderID: String? = nil
      if let order {
        let found = ws.campaign.orders.filter { $0.id == order || $0.id.hasPrefix(order) }
        guard found.count == 1 else { throw WorkspaceError.usage("--order \(order.withoutControls()): no such order, or more than one begins so") }
        orderID = found[0].id
      }
      // Every file read and kept before anything is journaled: a file too
      // large or missing leaves the journal as it was.
      var ops: [Domain.Operation] = []
      for file in files {
        let kept = try ws.storeEvidence(from: file, limit: ws.campaign.evidenceLimit)
        let name = String(file.split(separator: "/").last ?? Substring(file))
        ops.append(.addEvidence(Evidence(hash: kept.hash, node: n.id, name: name.withoutControls(), size: kept.size,
                                         caption: caption?.trimmingBlanks ?? "", problem: problemID, order: orderID, added: global.day)))
      }
      try ws.append(ops, device: me.device, user: me.user, at: global.timestamp)
      let lang = global.language
      System.say(lang.pick("\(ws.campaign.code(i)) \(n.title)：佐证材料 \(files.count) 份已保存（共 \(ws.campaign.evidence(of: n.id).count) 份）",
                           "\(ws.campaign.code(i)) \(n.title): \(files.count) evidence files kept (\(ws.campaign.evidence(of: n.id).count) in all)"))
    }
  }
}

/// `chuangwen evidence DIR [NODE] [--missing]`: the evidence kept, by
/// node; with --missing, the items that need evidence (done, or with a
/// problem fixed) and have none.
struct EvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evidence",
    abstract: "List evidence by node, or with --missing the items marked as needing it, done, or with a problem fixed, that have none.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Argument(help: "Only this node and what is below it.")
  var node: String?

  @Flag(help: "The items done, or with a problem fixed, that have no evidence.")
  var missing = false

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir)
      printWarnings(ws)
      let c = ws.campaign
      let lang = global.language
      var scope = Set(c.nodes.indices)
      if let node { scope = Set(c.subtree(of: try resolveNode(node, in: ws))) }
      let held = Set(c.evidence.map(\.node))
      if missing {
        let lacking = c.preorder().filter { i in
          scope.contains(i) && !held.contains(c.nodes[i].id)
            && (c.nodes[i].has(.needsEvidence)
              || c.childrenOf[i].isEmpty && (c.nodes[i].status == .done || c.nodes[i].problems.contains { $0.state != .open }))
        }
        for i in lacking { System.say(c.code(i) + " " + c.nodes[i].title) }
        System.say(lang.pick("缺少佐证材料：\(lacking.count) 项", "without evidence: \(lacking.count) items"))
        return
      }
      let issues = Dictionary(ws.evidenceIssues().map { ($0.evidence.hash, $0.issue) }, uniquingKeysWith: { a, _ in a })
      for i in c.preorder() where scope.contains(i) {
        let list = c.evidence(of: c.nodes[i].id)
        guard !list.isEmpty else { continue }
        System.say(c.code(i) + " " + c.nodes[i].title)
        for e in list {
          let state = issues[e.hash].map { $0 == .missing ? lang.pick("  [缺失]", "  [missing]") : lang.pick("  [被改动]", "  [altered]") } ?? ""
          System.say("  \(e.added)  \(e.name)  \(ByteCount.text(e.size))" + (e.caption.isEmpty ? "" : "  " + e.caption) + state)
        }
      }
    }
  }
}
