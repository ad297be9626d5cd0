import ArgumentParser
import Domain
import WorkspaceFiles

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Make a workspace from a built-in template.",
    discussion: "Templates: golmud (格尔木 2021–2023), linxia (临夏 volunteer service), changzhou (常州 2022 work points), wuhai (乌海 14th five-year plan), ceping (the national evaluation system's frame, 待补充 where not public), blank.")

  @Argument(help: "The folder to make (it must not hold a workspace yet).")
  var dir: String

  @Option(help: "golmud | linxia | changzhou | wuhai | ceping | blank")
  var template: String = "blank"

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    guard Templates.names.contains(template) else {
      throw ValidationError("--template \(template): expected one of \(Templates.names.joined(separator: ", "))")
    }
  }

  func run() throws {
    try reporting {
      var campaign = Templates.build(template)!
      // The creator is the plan's first coordinator.
      let me = try global.identity()
      campaign.roles = Roles(granted: [me.device: .coordinator])
      try Workspace.create(at: dir, campaign: campaign)
      let lang = global.language
      System.say(lang.pick("已创建 \(dir)：\(campaign.title)（\(campaign.nodes.count) 个节点）",
                      "Made \(dir): \(campaign.title) (\(campaign.nodes.count) nodes)"))
    }
  }
}
