import Domain
import Foundation
import Testing
import WorkspaceFiles

/// The workspaces under `Fixtures/templates/` are what `init` writes:
/// building a template again must give the same bytes. Set
/// `RECORD_FIXTURES=1` to rewrite them after a deliberate change (the test
/// then fails once, so a recording never passes silently).
@Suite struct TemplateFixtureTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/templates")

  @Test(arguments: Templates.names)
  func templateRebuildsToTheCommittedBytes(_ name: String) throws {
    let built = CampaignCodec.encode(try #require(Templates.build(name)))
    let file = Self.folder.appendingPathComponent(name).appendingPathComponent("campaign.json")
    let record = ProcessInfo.processInfo.environment["RECORD_FIXTURES"] != nil
    guard let committed = FileManager.default.contents(atPath: file.path), !record else {
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(),
                                              withIntermediateDirectories: true)
      try Data(built.utf8).write(to: file)
      Issue.record("recorded \(file.path): check it in and run the tests again")
      return
    }
    #expect(String(decoding: committed, as: UTF8.self) == built,
            "Templates.\(name)() no longer matches \(file.path); rerun with RECORD_FIXTURES=1 if the change is deliberate")
    // Building twice gives equal campaigns, and the fixture opens cleanly.
    #expect(Templates.build(name) == Templates.build(name))
    let ws = try Workspace.open(file.deletingLastPathComponent().path, verify: true)
    #expect(ws.campaign == Templates.build(name))
  }
}
