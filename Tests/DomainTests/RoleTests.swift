import Testing
@testable import Domain

/// Roles come from the plan: granted and revoked by journaled events,
/// applied alike on every copy.
@Suite struct RoleTests {
  func plan(_ roles: Roles = Roles()) -> Campaign {
    var c = Campaign(id: "c", title: "方案", nodes: [Node(id: "g", kind: .group, title: "组"), Node(id: "t", parent: "g", kind: .task, title: "任务")])
    c.roles = roles
    return c
  }

  func event(_ device: String, _ seq: Int, _ clock: Int, _ op: Operation) -> Event {
    Event(device: device, seq: seq, clock: clock, user: "u", at: "t", op: op)
  }

  let add = Operation.addNode(node: Node(id: "n", parent: "g", kind: .item, title: "新"), after: nil)

  @Test func aPlanWithoutRolesLetsEveryDeviceChangeTheStructure() {
    var c = plan()
    #expect(c.roles.role(of: "any") == .coordinator)
    c.replay([event("lap-b", 1, 1, add)])
    #expect(c.position(of: "n") != nil)
    #expect(c.refused.isEmpty)
  }

  @Test func aSupervisorsStructuralChangeIsVoidAndListed() {
    var c = plan(Roles(granted: ["office": .coordinator]))
    let events = [
      event("lap-b", 1, 1, add),
      event("lap-b", 2, 2, .set(node: "t", field: .status, value: .text("done"))),
      event("lap-b", 3, 3, .set(node: "t", field: .title, value: .text("改名"))),
      event("lap-b", 4, 4, .set(node: "t", field: .due, value: .text("2022-06-30"))),
    ]
    c.replay(events)
    #expect(c.position(of: "n") == nil)
    #expect(c.node("t")?.status == .done)
    #expect(c.node("t")?.title == "任务")
    #expect(c.node("t")?.due == nil)
    #expect(c.refused.map(\.seq) == [1, 3, 4])
    #expect(c.refused.allSatisfy { $0.device == "lap-b" && $0.reason.contains("coordinator") })
  }

  @Test func enrollingAndRevokingFollowReplayOrder() {
    let events = [
      // A supervisor cannot enroll itself.
      event("lap-b", 1, 1, .setRole(device: "lap-b", role: .coordinator)),
      event("office", 1, 2, .setRole(device: "lap-b", role: .coordinator)),
      event("lap-b", 2, 3, add),
      event("office", 2, 4, .revoke(device: "lap-b")),
      event("lap-b", 3, 5, .set(node: "t", field: .status, value: .text("done"))),
    ]
    var c = plan(Roles(granted: ["office": .coordinator]))
    // The same result whatever order the journals come in.
    c.replay(events.reversed())
    #expect(c.refused.map { "\($0.device)#\($0.seq)" } == ["lap-b#1", "lap-b#3"])
    #expect(c.position(of: "n") != nil)
    #expect(c.node("t")?.status == .todo)
    #expect(c.roles.granted["lap-b"] == .coordinator)
    #expect(c.roles.revoked["lap-b"] == 4)
  }

  @Test func theFirstGrantOfAPlanWithoutRolesMakesItsAuthorCoordinator() {
    var c = plan()
    c.replay([event("office", 1, 1, .setRole(device: "lap-b", role: .supervisor)), event("lap-b", 1, 2, add)])
    #expect(c.roles.granted == ["office": .coordinator, "lap-b": .supervisor])
    #expect(c.position(of: "n") == nil)
    #expect(c.refused.count == 1)
  }
}
