import Foundation
import Testing

/// Every damaged workspace, journal and sheet under Fixtures/bad (made by
/// Scripts/make-bad-fixtures, listed in cases.tsv) gives a clear message
/// naming the file (and the line and column where there is one), a sysexits
/// code, and leaves every file byte for byte as it was.
@Suite struct BadInputTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/bad").path

  struct Case: CustomStringConvertible, Sendable {
    var name: String, command: String, exit: Int32, position: Bool
    var description: String { name }
  }

  static let cases: [Case] = {
    let text = (try? String(contentsOfFile: folder + "/cases.tsv", encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let f = line.split(separator: "\t").map(String.init)
      return Case(name: f[0], command: f[1], exit: Int32(f[2])!, position: f[3] == "yes")
    }
  }()

  @Test func theCorpusIsThere() {
    #expect(Self.cases.count >= 40)
  }

  @Test(arguments: cases)
  func refusedClearlyAndNothingChanges(_ c: Case) throws {
    let s = Scratch()
    let fm = FileManager.default
    var runs: [[String]]
    var named: String
    if c.command == "validate" || c.command == "verify" {
      let ws = s.path + "/ws"
      try fm.copyItem(atPath: Self.folder + "/" + c.name, toPath: ws)
      named = ws + "/"
      runs = c.command == "verify" ? [["validate", ws], ["verify", ws]]
        : [["validate", ws], ["mark", ws, "1", "--status", "done", "--device", "lap-z"], ["tree", ws]]
    } else {
      let ws = s.path + "/ws"
      #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
      try fm.copyItem(atPath: Self.folder + "/" + c.name, toPath: s.path + "/" + c.name)
      named = s.path + "/" + c.name
      runs = [["import", ws, named, "--device", "lap-z"]]
    }
    let before = s.files().filter { !$0.key.hasPrefix("config/") }
    for args in runs {
      let r = try Binary.run(args, home: s.path)
      #expect(r.status == c.exit, "\(args[0]) \(c.name): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(named), "\(args[0]) \(c.name) does not name the file: \(r.stderr)")
      if c.position {
        #expect(r.stderr.range(of: #":\d+:\d+: error"#, options: .regularExpression) != nil,
                "\(args[0]) \(c.name) gives no line and column: \(r.stderr)")
      }
      #expect(r.stderr.count < 4000, "\(c.name): the message should be short")
    }
    #expect(s.files().filter { !$0.key.hasPrefix("config/") } == before, "\(c.name): a file changed")
  }
}
