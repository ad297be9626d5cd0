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

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  let input = UnsafeBufferPointer(start: data, count: count)
  let plan = plans[count > 0 ? Int(input[0] >> 1) % plans.count : 0]
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
