import Foundation
import Testing

/// Keys and signatures as a user meets them: `whoami`, `verify`, a key
/// file others can read, two laptops with one device id.
@Suite struct TrustTests {
  @Test func whoamiShowsTheDeviceAndItsKeyWhichSignsItsChanges() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "blank"], home: s.path).status == 0)
    var r = try Binary.run(["whoami", "--device", "lap-a", "--user", "张三"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("设备：lap-a"))
    #expect(r.stdout.contains("用户：张三"))
    let fingerprint = r.stdout.split(separator: "\n").first { $0.hasPrefix("密钥指纹：") }.map { String($0.dropFirst(5)) }
    #expect(fingerprint?.count == 39, "\(r.stdout)")  // 8 groups of 4 hex digits
    let keyFile = s.path + "/config/chuangwen/keys/lap-a.key"
    let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    // The same key on every run; it is not in the workspace.
    #expect(try Binary.run(["whoami", "--device", "lap-a"], home: s.path).stdout.contains(fingerprint ?? "-"))
    #expect(!(FileManager.default.subpaths(atPath: ws) ?? []).contains { $0.hasSuffix(".key") })

    s.write("ws/campaign.json", """
      {"schema": 1, "id": "t", "title": "测试方案", "nodes": [{"id": "a", "kind": "task", "title": "签订责任书"}]}
      """)
    r = try Binary.run(["mark", ws, "1", "--status", "done", "--device", "lap-a"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["verify", ws], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("lap-a：1 条变更，链完整，签名有效（密钥 \(fingerprint ?? "-")）"), "\(r.stdout)")

    // The last line edited: found, named by file and line.
    let journal = ws + "/journal/lap-a.jsonl"
    let text = s.read("ws/journal/lap-a.jsonl").replacingOccurrences(of: "\"done\"", with: "\"doing\"")
    s.write("ws/journal/lap-a.jsonl", text)
    r = try Binary.run(["verify", ws], home: s.path)
    #expect(r.status == 65)
    #expect(r.stderr.contains(journal + ":1:"), "\(r.stderr)")
    #expect(r.stderr.contains("签名") || r.stderr.contains("signature"), "\(r.stderr)")
  }

  /// A removed last line holds on its own; another copy that saw it
  /// names it, and a merge brings it back.
  @Test func aRemovedLastLineIsFoundAgainstAnotherCopy() throws {
    let s = Scratch()
    let office = s.path + "/office"
    #expect(try Binary.run(["init", office, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    for code in ["1.1", "1.2"] {
      #expect(try Binary.run(["mark", office, code, "--status", "done", "--device", "lap-a"], home: s.path).status == 0)
    }
    let lap = s.path + "/lap"
    try FileManager.default.copyItem(atPath: office, toPath: lap)
    let journal = s.read("lap/journal/lap-a.jsonl").split(separator: "\n")
    s.write("lap/journal/lap-a.jsonl", journal[0] + "\n")
    #expect(try Binary.run(["verify", lap], home: s.path).status == 0)
    var r = try Binary.run(["verify", lap, "--against", office], home: s.path)
    #expect(r.status == 65)
    #expect(r.stderr.contains("lap-a 的第 2–2 条"), "\(r.stderr)")
    r = try Binary.run(["merge", lap, office], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try Binary.run(["verify", lap, "--against", office], home: s.path).status == 0)
  }

  @Test func aKeyOthersCanReadIsRefused() throws {
    let s = Scratch()
    #expect(try Binary.run(["whoami", "--device", "lap-a"], home: s.path).status == 0)
    let keyFile = s.path + "/config/chuangwen/keys/lap-a.key"
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
    let r = try Binary.run(["whoami", "--device", "lap-a"], home: s.path)
    #expect(r.status == 77)
    #expect(r.stderr.contains("chmod 600"), "\(r.stderr)")
  }

  /// One device id on two laptops (a config folder copied without its
  /// key): the second cannot write in the first's journal, and the
  /// device's own laptop finds its journal rewritten under another key.
  @Test func twoLaptopsWithOneDeviceID() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "golmud"], home: s.path).status == 0)
    #expect(try Binary.run(["mark", ws, "1.1", "--status", "done", "--device", "lap-a"], home: s.path).status == 0)
    let before = s.read("ws/journal/lap-a.jsonl")
    let other = s.path + "/other-laptop"
    try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
    let r = try Binary.run(["mark", ws, "1.2", "--status", "done", "--device", "lap-a"], home: other)
    #expect(r.status == 77, "\(r.stderr)")
    #expect(r.stderr.contains("two laptops"), "\(r.stderr)")
    #expect(s.read("ws/journal/lap-a.jsonl") == before)
  }
}

/// Roles from the plan, as coordinators and supervisors meet them.
@Suite struct RoleCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/import").path

  @Test func theCreatorEnrollsAndOnlyCoordinatorsChangeTheStructure() throws {
    let s = Scratch()
    let ws = s.path + "/ws"
    #expect(try Binary.run(["init", ws, "--template", "linxia", "--device", "office"], home: s.path).status == 0)
    let sheet = Self.fixtures + "/gb18030.csv"
    // The tester's finding: --role was a flag anyone could set.
    let before = s.files()
    for args in [["--device", "lap-b"], ["--device", "lap-b", "--role", "coordinator"], ["--device", "office", "--role", "supervisor"]] {
      let r = try Binary.run(["import", ws, sheet] + args, home: s.path)
      #expect(r.status == 77, "\(args): \(r.stderr)")
      #expect(s.files() == before)
    }
    // A supervisor cannot enroll anyone, itself included.
    var r = try Binary.run(["enroll", ws, "lap-b", "--role", "coordinator", "--device", "lap-b"], home: s.path)
    #expect(r.status == 77, "\(r.stderr)")
    #expect(s.files() == before)
    // The creator can.
    r = try Binary.run(["enroll", ws, "lap-b", "--role", "coordinator", "--device", "office"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["import", ws, sheet, "--device", "lap-b"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["verify", ws], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("角色：lap-b 协调员，office 协调员"), "\(r.stdout)")
    // The last coordinator cannot be demoted away.
    r = try Binary.run(["enroll", ws, "office", "--role", "supervisor", "--device", "office"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["enroll", ws, "lap-b", "--role", "supervisor", "--device", "lap-b"], home: s.path)
    #expect(r.status == 64, "\(r.stderr)")
  }

  /// A supervisor's copy whose journal holds a structural change made
  /// without the rule (by hand): merged, kept, listed as void.
  @Test func aStructuralChangeArrivingByMergeIsListedAndVoid() throws {
    let s = Scratch()
    let office = s.path + "/office"
    #expect(try Binary.run(["init", office, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    let lap = s.path + "/lap"
    try FileManager.default.copyItem(atPath: office, toPath: lap)
    // The supervisor marks (allowed), then a revoked coordinator's laptop…
    #expect(try Binary.run(["mark", lap, "1.1", "--status", "done", "--device", "lap-b"], home: s.path).status == 0)
    var r = try Binary.run(["enroll", office, "lap-b", "--role", "coordinator", "--device", "office"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["revoke", office, "lap-b", "--device", "office"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["merge", lap, office, "--device", "lap-b"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    // …whose later change is void everywhere, and refused where it is made.
    r = try Binary.run(["mark", lap, "1.2", "--status", "done", "--device", "lap-b"], home: s.path)
    #expect(r.status == 77, "\(r.stderr)")
    #expect(r.stderr.contains("revoked"), "\(r.stderr)")
    r = try Binary.run(["verify", office], home: s.path)
    #expect(r.stdout.contains("已吊销：lap-b"), "\(r.stdout)")
  }
}

/// A laptop copied whole, config folder and key included, and worked on
/// as two: merged, both kept and reported; a coordinator keeps one.
@Suite struct ForkCommandTests {
  @Test func aCopiedLaptopIsForkedThenDecided() throws {
    let s = Scratch()
    let office = s.path + "/office"
    #expect(try Binary.run(["init", office, "--template", "golmud", "--device", "office"], home: s.path).status == 0)
    let laptop = s.path + "/laptop", clone = s.path + "/clone"
    try FileManager.default.createDirectory(atPath: laptop, withIntermediateDirectories: true)
    #expect(try Binary.run(["mark", office, "1.1", "--status", "done", "--device", "lap-a"], home: laptop).status == 0)
    try FileManager.default.copyItem(atPath: laptop, toPath: clone)
    let a = s.path + "/a", b = s.path + "/b"
    try FileManager.default.copyItem(atPath: office, toPath: a)
    try FileManager.default.copyItem(atPath: office, toPath: b)
    #expect(try Binary.run(["mark", a, "1.2", "--status", "done", "--device", "lap-a"], home: laptop).status == 0)
    #expect(try Binary.run(["mark", b, "1.3", "--status", "done", "--device", "lap-a"], home: clone).status == 0)
    var r = try Binary.run(["merge", office, a, b], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("设备 lap-a 另有一段历史"), "\(r.stdout)")
    r = try Binary.run(["verify", office], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("分叉：设备 lap-a 自第 2 条起有两段历史"), "\(r.stdout)")
    // Both count until decided.
    r = try Binary.run(["stats", office, "--json"], home: s.path)
    let before = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    // A supervisor cannot decide; the office can.
    #expect(try Binary.run(["fork", office, "lap-a", "--keep", "B", "--device", "lap-a"], home: laptop).status == 77)
    r = try Binary.run(["fork", office, "lap-a", "--keep", "B", "--device", "office"], home: s.path)
    #expect(r.status == 0, "\(r.stderr)")
    r = try Binary.run(["verify", office], home: s.path)
    #expect(r.stdout.contains("已保留"), "\(r.stdout)")
    #expect(r.stdout.contains("未生效：lap-a 第 2 条"), "\(r.stdout)")
    r = try Binary.run(["stats", office, "--json"], home: s.path)
    let after = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(before != nil && after != nil)
    // The laptop whose history was not kept learns it and stops writing as lap-a.
    #expect(try Binary.run(["merge", a, office], home: laptop).status == 0)
    r = try Binary.run(["mark", a, "1.4", "--status", "done", "--device", "lap-a"], home: laptop)
    #expect(r.status == 77, "\(r.stderr)")
    #expect(try Binary.run(["compact", office, "--device", "office"], home: s.path).status == 0)
    #expect(try Binary.run(["verify", office], home: s.path).status == 0)
  }
}
