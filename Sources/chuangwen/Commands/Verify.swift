import ArgumentParser
import Domain
import Presentation
import WorkspaceFiles

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check every journal's hash chain and signatures: finds edited, removed, reordered and forged lines.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "Another copy of the workspace: also list the lines it has seen that this one lacks (a last line removed here, or this copy is older).")
  var against: [String] = []

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir, verify: true)
      printWarnings(ws)
      var lacking = false
      for other in against {
        let report = try ws.merge(from: other, dryRun: true)
        for (device, n) in report.added.sorted(by: { $0.key < $1.key }) {
          lacking = true
          let last = ws.events(ofDevice: device).last?.seq ?? ws.snapshot.compaction?.devices[device]?.seq ?? 0
          printError("chuangwen: " + global.language.pick(
            "\(other) 有设备 \(device) 的第 \(last + 1)–\(last + n) 条变更，本副本没有：这些行在此被删除，或本副本较旧（chuangwen merge 可取回）",
            "\(other) holds changes \(last + 1)–\(last + n) of device \(device) that this copy lacks: removed here, or this copy is older (chuangwen merge takes them in)"))
        }
      }
      // A device this laptop holds a key for must sign with it here: a
      // journal of ours rewritten under another key is found at home.
      let mine = try ws.devices.compactMap { (device) throws(WorkspaceError) -> String? in
        guard let key = ws.signingKey(ofDevice: device), let own = try DeviceKey.onThisLaptop(device: device, create: false),
          own.publicHex != key else { return nil }
        return ws.journalPath + "/" + device + ".jsonl: " + global.language.pick(
          "设备 \(device) 的变更由密钥 \(DeviceKey.fingerprint(ofPublicKey: key)) 签名，但本机该设备的密钥是 \(own.fingerprint)：该记录是在别处以它的名义重写的",
          "device \(device)'s lines are signed by key \(DeviceKey.fingerprint(ofPublicKey: key)), but this laptop's key for it is \(own.fingerprint): the journal was rewritten elsewhere in its name")
      }
      if !mine.isEmpty {
        for m in mine { System.sayError("chuangwen: " + m) }
        throw ExitCode(65)
      }
      let lang = global.language
      for device in ws.devices {
        let n = ws.events(ofDevice: device).count
        let signing: String
        if let key = ws.signingKey(ofDevice: device) {
          let fp = DeviceKey.fingerprint(ofPublicKey: key)
          if let from = ws.signedFrom(ofDevice: device), from > 1 {
            signing = lang.pick("第 \(from) 条起已签名（密钥 \(fp)），之前的为旧版未签名记录", "signed from seq \(from) (key \(fp)); the lines before are unsigned, from an older version")
          } else {
            signing = lang.pick("签名有效（密钥 \(fp)）", "signatures hold (key \(fp))")
          }
        } else {
          signing = lang.pick("未签名（旧版记录，本机下次变更起签名）", "unsigned (an older version's lines; signing starts with the device's next change)")
        }
        System.say(lang.pick("\(device)：\(n) 条变更，链完整，\(signing)", "\(device): \(n) changes, chain intact, \(signing)"))
      }
      if ws.devices.isEmpty { System.say(lang.pick("没有变更记录", "no journals yet")) }
      RolesReport.say(ws, lang: lang)
      // Evidence files: each must be there and hash to its name.
      let issues = ws.evidenceIssues()
      for (e, issue) in issues {
        let node = ws.campaign.index[e.node].map { ws.campaign.code($0) + " " + ws.campaign.nodes[$0].title } ?? e.node
        System.sayError("chuangwen: " + (issue == .missing
          ? lang.pick("佐证材料缺失：\(node) 的“\(e.name)”（evidence/\(e.hash)）", "evidence missing: \(node)'s \"\(e.name)\" (evidence/\(e.hash))")
          : lang.pick("佐证材料被改动：\(node) 的“\(e.name)”（evidence/\(e.hash) 的内容与其哈希不符）", "evidence altered: \(node)'s \"\(e.name)\" (evidence/\(e.hash) no longer matches its hash)")))
      }
      if !ws.campaign.evidence.isEmpty && issues.isEmpty {
        System.say(lang.pick("佐证材料：\(ws.campaign.evidence.count) 份，文件齐全、未被改动", "evidence: \(ws.campaign.evidence.count), every file present and unchanged"))
      }
      if lacking || !issues.isEmpty { throw ExitCode(65) }
    }
  }
}

/// The plan's roles, revoked keys and the changes void under them, as
/// `verify` and `merge` list them.
enum RolesReport {
  static func say(_ ws: Workspace, lang: Lang) {
    let roles = ws.roles
    if roles.areKept {
      let list = roles.granted.keys.sorted().map { "\($0) \(roles.granted[$0]!.label(lang))" }
      System.say(lang.pick("角色：", "roles: ") + list.joined(separator: lang.pick("，", ", "))
        + lang.pick("；未登记的设备为督查员", "; devices not enrolled are supervisors"))
    } else {
      System.say(lang.pick("角色：未设定（旧版工作区，各设备均可修改结构；chuangwen enroll 设定后生效）",
                           "roles: none yet (a workspace from before roles: every device may change the structure until `chuangwen enroll`)"))
    }
    for f in ws.forks {
      let list = zip(f.histories, f.counts).enumerated().map { k, h in
        (k == 0 ? lang.pick("A \(h.0)（本副本，\(h.1) 条）", "A \(h.0) (this copy's, \(h.1) lines)") : lang.pick("B \(h.0)（\(h.1) 条）", "B \(h.0) (\(h.1) lines)"))
      }
      let state = f.kept.map { lang.pick("已保留 \($0)", "kept: \($0)") }
        ?? lang.pick("两段都已计入，请协调员选择：chuangwen fork \(ws.directory) \(f.device) --keep A|B", "both are counted until a coordinator keeps one: chuangwen fork \(ws.directory) \(f.device) --keep A|B")
      System.say(lang.pick("分叉：设备 \(f.device) 自第 \(f.seq) 条起有两段历史：", "fork: device \(f.device) has two histories from seq \(f.seq): ")
        + list.joined(separator: lang.pick("；", "; ")) + lang.pick("。", ". ") + state)
    }
    for device in roles.revoked.keys.sorted() {
      System.say(lang.pick("已吊销：\(device)（时钟 \(roles.revoked[device]!) 之后的变更无效）",
                           "revoked: \(device) (its changes after clock \(roles.revoked[device]!) are void)"))
    }
    refusals(ws.campaign.refused, lang: lang)
  }

  static func refusals(_ refused: [Refusal], lang: Lang) {
    for r in refused {
      System.say(lang.pick("未生效：\(r.device) 第 \(r.seq) 条：", "void: \(r.device) seq \(r.seq): ") + r.reason)
    }
  }
}

struct WhoAmI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whoami",
    abstract: "Show this laptop's device id, user and signing key's fingerprint (the key is made on first use).")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reporting {
      let me = try global.identity()
      guard let key = try DeviceKey.onThisLaptop(device: me.device) else { return }
      let lang = global.language
      System.say(lang.pick("设备：\(me.device)", "device: \(me.device)"))
      System.say(lang.pick("用户：\(me.user)", "user: \(me.user)"))
      System.say(lang.pick("密钥指纹：\(key.fingerprint)", "key fingerprint: \(key.fingerprint)"))
      System.say(lang.pick("公钥：\(key.publicHex)", "public key: \(key.publicHex)"))
    }
  }
}
