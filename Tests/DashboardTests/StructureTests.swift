@testable import Dashboard
import Domain
import Testing
import TextScreen

@Suite struct StructureTests {
  func coordinator() -> State { state(demo(), config(role: .coordinator)) }

  @Test func supervisorsCannotChangeTheStructure() {
    var s = state()
    press(&s, .down)
    for key in ["a", "A", "R", "D", "K", "J", "d", "U"] {
      #expect(press(&s, .character(Character(key))).isEmpty)
      #expect(s.message?.contains("督查员无权修改结构") == true)
    }
  }

  @Test func addRenameAndUndo() {
    var s = coordinator()
    press(&s, .character("a"))
    type(&s, "新任务")
    let added = press(&s, .enter)
    guard case .record(.addNode(let node, nil)) = added.first else { Issue.record("\(added)"); return }
    #expect(node.parent == "gm-1" && node.kind == .task && node.title == "新任务")
    #expect(s.campaign.nodes[s.selected!].id == node.id)
    #expect(s.campaign.code(s.selected!) == "1.9")
    press(&s, .character("R"), .control("u"))
    type(&s, "改名后")
    #expect(press(&s, .enter) == [.record(.set(node: node.id, field: .title, value: .text("改名后")))])
    press(&s, .character("u"))
    #expect(s.campaign.node(node.id)?.title == "新任务")
    #expect(press(&s, .character("u")) == [.record(.removeNode(node: node.id))])
    #expect(s.campaign.node(node.id) == nil)
  }

  @Test func deleteAsksThenUndoRestoresTheSubtreeInPlace() {
    var s = coordinator()
    let before = s.campaign
    press(&s, .down, .down, .down, .down, .down, .down, .down)  // 1.7 “五个到位” with 5 items
    let id = s.campaign.nodes[s.selected!].id
    press(&s, .character("D"))
    #expect(view(s, width: 80, height: 24).lines[23].contains("及其下 5 个节点？(y/n)"))
    #expect(press(&s, .character("n")).isEmpty)
    press(&s, .character("D"))
    #expect(press(&s, .character("y")) == [.record(.removeNode(node: id))])
    #expect(s.campaign.node(id) == nil)
    let undo = press(&s, .character("u"))
    #expect(undo.count == 6)
    #expect(CampaignShape(s.campaign) == CampaignShape(before))
  }

  @Test func aTitleTooLongIsRefusedAndKeptForEditing() {
    var s = coordinator()
    press(&s, .character("a"))
    type(&s, String(repeating: "长", count: StructureIssue.maxTitle + 1))
    #expect(press(&s, .enter).isEmpty)
    #expect(s.message?.contains("太长") == true)
    press(&s, .backspace)
    #expect(press(&s, .enter).count == 1)  // now it fits, and is journaled
  }

  @Test func moveUpAndDownAndUndo() {
    var s = coordinator()
    press(&s, .down, .down)  // 1.2
    let id = s.campaign.nodes[s.selected!].id
    press(&s, .character("K"))
    #expect(s.campaign.code(s.campaign.index[id]!) == "1.1")
    press(&s, .character("J"), .character("J"))
    #expect(s.campaign.code(s.campaign.index[id]!) == "1.3")
    press(&s, .character("u"), .character("u"), .character("u"))
    #expect(s.campaign.code(s.campaign.index[id]!) == "1.2")
    #expect(CampaignShape(s.campaign) == CampaignShape(demo()))
  }

  @Test func deadlinesAndUnits() {
    var s = coordinator()
    press(&s, .down, .character("d"))
    // A date that will not do: said on its own line, the prompt stays
    // open with the text as typed (issue 15: it closed, and the next keys
    // ran as commands).
    for bad in ["2022-13-01", "abc", "2023-02-30"] {
      press(&s, .control("u"))
      type(&s, bad)
      #expect(press(&s, .enter).isEmpty)
      #expect(s.message?.contains("不是日期") == true)
      guard case .prompt(.due, let editor) = s.mode else {
        Issue.record("the prompt closed on \(bad)")
        return
      }
      #expect(editor.text == bad)
      let lines = view(s, width: 80, height: 24).lines
      #expect(lines[22].contains("不是日期") && lines[23].contains(bad), "\(lines[22])\n\(lines[23])")
    }
    // The forms a table's deadline takes.
    press(&s, .control("u"))
    type(&s, "年底")
    let id = s.campaign.nodes[s.selected!].id
    #expect(press(&s, .enter) == [.record(.set(node: id, field: .due, value: .text("2022-12-31")))])
    // Prefilled text is selected: the first character typed replaces it.
    press(&s, .character("d"))
    type(&s, "6月底")
    #expect(press(&s, .enter) == [.record(.set(node: id, field: .due, value: .text("2022-06-30")))])
    press(&s, .character("d"))
    type(&s, "+7")
    #expect(press(&s, .enter) == [.record(.set(node: id, field: .due, value: .text("2022-06-22")))])
    // A move keeps the text to edit.
    press(&s, .character("d"), .end, .backspace)
    type(&s, "1")
    #expect(press(&s, .enter) == [.record(.set(node: id, field: .due, value: .text("2022-06-21")))])
    press(&s, .character("U"))
    type(&s, "市委宣传部、志愿服务指导中心")
    let effects = press(&s, .enter)
    #expect(effects.count == 2)
    #expect(s.campaign.unitName(s.campaign.node(id)!.lead!) == "市委宣传部")
    press(&s, .character("U"), .control("u"))
    type(&s, "市委宣传部、不存在的局")
    // A name no unit has is offered as a new unit (issue 15)…
    #expect(press(&s, .enter).isEmpty)
    #expect(view(s, width: 80, height: 24).lines[23].contains("还没有单位“不存在的局”：回车新建"))
    // …any other key goes back to the text as typed…
    press(&s, .escape)
    guard case .prompt(.units, let editor) = s.mode else {
      Issue.record("the prompt closed")
      return
    }
    #expect(editor.text == "市委宣传部、不存在的局")
    // …and Enter makes it and gives the node both units.
    press(&s, .enter)
    let made = press(&s, .enter)
    guard case .record(.addUnit(let unit)) = made.first, unit.name == "不存在的局" else {
      Issue.record("no unit made: \(made)")
      return
    }
    #expect(s.campaign.node(id)?.support == [unit.id])
    #expect(s.campaign.node(id)?.lead.map(s.campaign.unitName) == "市委宣传部")
    // An empty problem or title is asked for again, not dropped silently.
    press(&s, .character("r"), .enter)
    #expect(s.message?.contains("请输入") == true)
    guard case .prompt(.problem, _) = s.mode else {
      Issue.record("the problem prompt closed")
      return
    }
  }

  @Test func filterKeepsAncestorsAndClears() {
    var s = state()
    press(&s, .character("f"))
    assertSnapshot(view(s, width: 80, height: 24), "filter-menu")
    // The menu's rows hold the menu alone, at any width (the tree showed
    // through on their right).
    for (w, h) in [(80, 24), (200, 60), (40, 12)] {
      let lines = view(s, width: w, height: h).lines
      let entries = s.filterEntryCount + 1
      for row in lines[2..<min(lines.count - 1, 2 + entries)] {
        #expect(!row.contains("》") && !row.contains("%") && !row.contains("/63"), "\(w)×\(h): \(row)")
      }
    }
    press(&s, .enter)  // overdue
    #expect(s.filter == .overdue)
    let text = view(s, width: 80, height: 24).text
    #expect(text.contains("1.2 ○ 印发《格尔木市2021年"))
    #expect(text.contains("1 ○ 创建工作责任体系"))  // its ancestor stays for context
    #expect(text.contains("2.1 "))  // its problem is past its fix-by date
    #expect(!text.contains("1.1 "))  // done
    #expect(view(s, width: 80, height: 24).lines[0].contains("筛选：逾期"))
    // By unit, typed.
    press(&s, .character("f"))
    for _ in 0..<s.filterEntryCount { press(&s, .down) }
    press(&s, .enter)
    type(&s, "宣传部")
    press(&s, .enter)
    #expect(s.filter == .unit("宣传部"))
    press(&s, .character("F"))
    #expect(s.filter == nil)
  }
}

/// What a structural test compares: ids, parents, order, titles.
struct CampaignShape: Equatable {
  var rows: [String]
  init(_ c: Campaign) {
    rows = c.preorder().map { "\(c.code($0)) \(c.nodes[$0].id) \(c.nodes[$0].title)" }
  }
}

/// Issue 15: a node could only move up and down among its siblings.
@Suite struct CutAndPasteTests {
  @Test func aNodeMovesToAnotherParentAndBack() {
    var s = state(demo(), config(role: .coordinator))
    let before = CampaignShape(s.campaign)
    press(&s, .down)  // 1.1, the first of its siblings
    let id = s.campaign.nodes[s.selected!].id
    press(&s, .character("X"))
    #expect(s.message?.contains("已剪切 1.1") == true)
    // Not under itself.
    press(&s, .character("P"))
    #expect(s.message?.contains("不能移到它自己") == true)
    // Under group 2, last.
    let group2 = s.campaign.index["gm-2"]!
    s.reveal(group2)
    let recorded = press(&s, .character("P"))
    #expect(recorded == [.record(.moveNode(node: id, parent: "gm-2", after: nil))])
    let i = s.campaign.index[id]!
    #expect(s.campaign.parent(of: i).map { s.campaign.nodes[$0].id } == "gm-2")
    #expect(s.message?.contains("已移到 2.") == true)
    // One u puts it back at the front of group 1.
    press(&s, .character("u"))
    #expect(CampaignShape(s.campaign) == before)
    // Nothing cut: said.
    press(&s, .character("P"))
    #expect(s.message?.contains("没有剪切的节点") == true)
  }
}

/// Issue 15: an indicator's current value entered in the dashboard.
@Suite struct IndicatorValueTests {
  @Test func iEntersTheCurrentValue() {
    var s = state(Templates.wuhai(), config())
    guard let i = s.campaign.nodes.indices.first(where: { s.campaign.nodes[$0].indicator != nil }) else {
      Issue.record("no indicator")
      return
    }
    let id = s.campaign.nodes[i].id
    s.reveal(i)
    press(&s, .character("i"))
    #expect(view(s, width: 80, height: 24).lines[23].contains("当前值（空为清除）："))
    type(&s, "96.5")
    #expect(press(&s, .enter) == [.record(.set(node: id, field: .current, value: .text("96.5")))])
    #expect(s.campaign.nodes[i].indicator?.current == "96.5")
    // Elsewhere, said.
    s.reveal(0)
    press(&s, .character("i"))
    #expect(s.message?.contains("不是指标") == true)
  }
}
