import Foundation
import Testing

/// Titles, notes, names and merged journal lines are anyone's text: what
/// a command prints of them must not drive the terminal (set its title,
/// clear it, write the clipboard through OSC 52, reorder a line).
@Suite struct TerminalSafetyTests {
  /// ESC, BEL, CR, a C1 CSI, DEL and a right-to-left override.
  static let hostile: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\r", "\u{9B}", "\u{7F}", "\u{202E}", "\u{2066}"]

  func assertSafe(_ text: String, _ what: String) {
    for u in text.unicodeScalars {
      #expect(!TerminalSafetyTests.hostile.contains(u) && (u.value >= 0x20 || u == "\n" || u == "\t"),
              "\(what) printed U+\(String(u.value, radix: 16, uppercase: true))")
    }
  }

  @Test func nothingFromTheWorkspaceReachesTheTerminalRaw() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    // JSON escapes: the file is valid, its texts are not friendly.
    let title = #"整治\u001b]0;pwned\u0007\u001b[2J\u009b31m\r\u202e占道经营"#
    s.write("ws/campaign.json", """
      {"schema": 1, "id": "t", "title": "方案\\u001b[2J", "units": [{"id": "u1", "name": "市\\u001b[5m城管局"}], "nodes": [
        {"id": "a", "kind": "group", "title": "\(title)", "note": "见\\u001b]52;c;aGk=\\u0007附件"},
        {"id": "a1", "parent": "a", "kind": "task", "title": "任务\\u007f一", "lead": "u1", "due": "2022-12-31"}
      ]}
      """)
    // A note given with controls is refused where it is given (issue 14).
    var r = try Binary.run(["mark", ws, "1.1", "--status", "done", "--note", "已办\u{1B}[31m结\u{2066}", "--user", "张三", "--device", "lap-a"], home: s.path)
    #expect(r.status == 64, "\(r.stderr)")
    assertSafe(r.stderr, "mark --note")
    r = try Binary.run(["mark", ws, "1.1", "--status", "done", "--note", "已办结", "--user", "张三", "--device", "lap-a"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    // A line from another copy whose user name carries an OSC 52.
    let line = s.read("ws/journal/lap-a.jsonl").replacingOccurrences(of: "张三", with: #"王\u001b]52;c;aGk=\u0007芳"#)
    s.write("ws/journal/lap-a.jsonl", line)

    for args in [["tree", ws], ["log", ws], ["report", ws, "--by", "unit"], ["report", ws, "--by", "overdue"],
                 ["stats", ws], ["validate", ws], ["verify", ws], ["tree", ws, "--lang", "en"]] {
      r = try Binary.run(args, home: s.path)
      // The edited line breaks the chain: the checks say so, safely.
      #expect(r.status == (["validate", "verify"].contains(args[0]) ? 65 : 0), "\(args): \(r.stderr)")
      assertSafe(r.stdout, args.joined(separator: " "))
      assertSafe(r.stderr, args.joined(separator: " "))
    }
    // What was printed still says what the text says, without the controls.
    r = try Binary.run(["tree", ws], home: s.path)
    #expect(r.stdout.contains("整治]0;pwned[2J31m占道经营"))
    r = try Binary.run(["log", ws], home: s.path)
    #expect(r.stdout.contains("王]52;c;aGk=芳"))

    // Error messages carry arguments and file contents too.
    r = try Binary.run(["mark", ws, "\u{1B}]0;x\u{07}9.9", "--status", "done"], home: s.path)
    #expect(r.status != 0)
    assertSafe(r.stderr, "mark's error")
  }

  @Test func aNameWithControlsIsRefusedAndNothingIsWritten() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud"], home: s.path).status == 0)
    let before = s.files()
    for name in ["王\u{1B}]0;x\u{07}芳", "李\r四", "\u{202E}赵", "  "] {
      let r = try Binary.run(["mark", ws, "1", "--status", "done", "--user", name], home: s.path)
      #expect(r.status == 64, "\(name.debugDescription): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains("--user"))
      assertSafe(r.stderr, "the refusal")
    }
    #expect(s.files() == before)
  }

  /// A document written to a terminal (not a file or a pipe) is shown
  /// without its controls: a title carrying OSC 2 does not retitle it.
  @Test(arguments: ["xterm-256color", "tmux-256color"])
  func aDocumentOnATerminalCannotRetitleIt(term: String) throws {
    guard TmuxSession.available else { Issue.record("tmux is not installed"); return }
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    s.write("ws/campaign.json", """
      {"schema": 1, "id": "t", "title": "方案", "nodes": [
        {"id": "a", "kind": "item", "title": "整治\\u001b]2;PWNED\\u0007占道经营"}
      ]}
      """)
    let tmux = try TmuxSession(command: "\(Binary.path) export \(ws) --format csv; echo 完了", environment: [
      "XDG_CONFIG_HOME": s.path + "/config", "XDG_DATA_HOME": s.path + "/data", "TERM": term])
    #expect(tmux.waitFor("完了"))
    #expect(tmux.screen().contains("整治]2;PWNED占道经营"))
    let (_, title) = try TmuxSession.run(["tmux", "-L", tmux.socket, "display-message", "-p", "-t", tmux.name, "#{pane_title}"])
    #expect(!title.contains("PWNED"), "the pane's title became \(title)")
  }
}
