#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Domain
import FuzzSupport
@testable import WorkspaceFiles

/// The open's copy of a plan (`.cache/campaign`): a sound copy changed
/// anywhere, by the input, is read without a crash and then refused, or
/// (unchanged) gives the campaign its file gives. The input says which
/// bytes to change: 4 bytes each, a 24-bit offset and the bits to flip;
/// an odd first byte also cuts the copy short.
///
/// A journal's copy (`.cache/journal-<device>`) the same way, but signed
/// again after the change (as only a holder of the key could): its
/// reader is then run on whatever the body holds, and must not crash;
/// unchanged, it gives what the journal's lines give.
var key: SymmetricKey { SymmetricKey(data: [UInt8](repeating: 1, count: 32)) }

/// A folder holding a plan and its copy, made once: the synthetic plan
/// (nodes in every form the copy has) and a template (standards and
/// indicators, which go as JSON).
final class Plan: @unchecked Sendable {
  let folder: String, file: String, copy: [UInt8], campaign: Campaign
  init(_ c: Campaign) {
    var template = Array("/tmp/fuzz-copy-XXXXXX".utf8CString)
    folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    file = folder + "/campaign.json"
    try! CampaignCodec.write(c, toFile: file)
    campaign = try! CampaignReader.decode(file: file)!
    CampaignCache.write(campaign, directory: folder, file: file, facts: DiskState.facts(file), key: key)
    copy = try! FileIO.read(CampaignCache.path(in: folder))!
    precondition(CampaignCache.read(folder, file: file, key: key) == campaign, "the sound copy does not read back")
  }
}

let plans = [Plan(Synthetic.campaign(nodes: 300, seed: 1)), Plan(Templates.build(Templates.names.last!)!)]

/// A journal of 1,600 lines (over `JournalCache.worthFrom`) (records of each kind, and lines a record does
/// not carry) and its copy: the body, and the trailer's signed bytes.
final class JournalCopy: @unchecked Sendable {
  let journal: String, use: JournalCache.Use, body: [UInt8], signed: [UInt8], events: [Event]
  init() {
    var template = Array("/tmp/fuzz-journal-copy-XXXXXX".utf8CString)
    let folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    journal = folder + "/lap-a.jsonl"
    let made = (0..<1600).map { k -> Event in
      let node = k % 5 == 0 ? "节点-\(k % 40)-较长的标识符" : "n\(k % 90)"
      let op: Domain.Operation
      switch k % 7 {
      case 0: op = .set(node: node, field: .status, value: .text("done"))
      case 1: op = .set(node: node, field: .note, value: .text("第\(k)次督查：门前三包落实情况良好。"))
      case 2: op = .addActivity(node: node, activity: Activity(id: "a\(k)", date: Day(year: 2025, month: 3, day: 1 + k % 28)!, count: 1 + k % 5))
      case 3: op = .addProblem(node: node, problem: Problem(id: "p\(k)", text: "占道经营", unit: k % 2 == 0 ? "城管局" : nil, found: Day(year: 2025, month: 5, day: 1)))
      case 4: op = .setProblem(node: node, problem: "p\(k - 1)", state: .fixed)
      case 5: op = .set(node: node, field: .support, value: .list(["文明办"]))
      default: op = .removeActivity(node: node, activity: "a\(k - 4)")
      }
      return Event(device: "lap-a", seq: k + 1, clock: k + 5, user: "督查员", at: "2025-06-01T08:00:00Z", op: op)
    }
    try! FileIO.writeAtomically(journal, Journal.chain(made))
    use = JournalCache.Use(folder: folder + "/.cache", key: key, keep: true)
    var diagnostics: [Diagnostic] = []
    events = try! Journal.read(path: journal, displayPath: journal, device: "lap-a", verify: false,
                               diagnostics: &diagnostics, copies: use).events
    let copy = try! FileIO.read(use.path(device: "lap-a"))!
    let size = JournalCache.Trailer.size
    body = Array(copy[..<(copy.count - size)])
    signed = Array(copy[(copy.count - size)..<(copy.count - 32)])
    precondition(JournalCache.read(use, journal: journal, device: "lap-a", base: nil)?.file.events == events,
                 "the sound journal copy does not read back")
  }

  /// `body` with its trailer, signed again.
  func signing(_ body: [UInt8]) -> [UInt8] {
    let path = use.path(device: "lap-a")
    try! FileIO.writeAtomically(path, body)
    let fd = open(path, O_RDONLY)
    defer { close(fd) }
    return body + signed + Digest.of(fd: fd, count: body.count, key: key, nonce: Array(signed[32..<40]), .body, then: signed)!
  }
}

let journalCopy = JournalCopy()

func fuzzJournalCopy(_ input: UnsafeBufferPointer<UInt8>) {
  var body = journalCopy.body
  var k = 1
  while k + 4 <= input.count {
    let at = (Int(input[k]) | Int(input[k + 1]) << 8 | Int(input[k + 2]) << 16) % body.count
    body[at] ^= input[k + 3]
    k += 4
  }
  if input[0] & 1 == 1 && input.count >= 3 {
    body.removeLast(body.count - (Int(input[1]) | Int(input[2]) << 8) % body.count)
  }
  let changed = body != journalCopy.body
  try! FileIO.writeAtomically(journalCopy.use.path(device: "lap-a"), journalCopy.signing(body))
  let kept = JournalCache.read(journalCopy.use, journal: journalCopy.journal, device: "lap-a", base: nil)
  if !changed { precondition(kept?.file.events == journalCopy.events, "a sound journal copy refused") }
  if let kept { precondition(kept.file.events.count == kept.file.lines.count, "events and lines do not pair") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  let input = UnsafeBufferPointer(start: data, count: count)
  if count > 0 && Int(input[0] >> 1) % (plans.count + 1) == plans.count {
    fuzzJournalCopy(input)
    return 0
  }
  let plan = plans[count > 0 ? Int(input[0] >> 1) % (plans.count + 1) % plans.count : 0]
  var bytes = plan.copy
  var k = 1
  while k + 4 <= count {
    let at = (Int(input[k]) | Int(input[k + 1]) << 8 | Int(input[k + 2]) << 16) % bytes.count
    bytes[at] ^= input[k + 3]
    k += 4
  }
  if count > 0 && input[0] & 1 == 1 && count >= 3 {
    let keep = (Int(input[1]) | Int(input[2]) << 8) % bytes.count
    bytes.removeLast(bytes.count - keep)
  }
  // (Two flips of one byte undo each other.)
  let changed = bytes != plan.copy
  try! FileIO.writeAtomically(CampaignCache.path(in: plan.folder), bytes)
  let read = CampaignCache.read(plan.folder, file: plan.file, key: key)
  precondition(changed ? read == nil : read == plan.campaign, "a changed copy was used, or a sound one refused")
  return 0
}

@_cdecl("FuzzCopy_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  startFuzzer(argc, argv, fuzz)
}
