@testable import WorkspaceFiles
import Domain

/// campaign.json: the general reader never crashes, and the fast reader
/// accepts nothing it rejects and reads the same campaign from what it
/// accepts (a crash here is a finding).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  var general: Campaign? = nil
  if let root = try? JSONParser.parse(bytes), let (c, _) = try? CampaignCodec.decode(root) {
    general = c
    _ = c.structuralIssues()
  }
  if let fast = FastCampaignDecoder.decode(bytes) {
    precondition(fast == general, "the fast reader accepted what the general one reads otherwise")
  }
  return 0
}

// SwiftPM links an executable's `main` to `FuzzCampaign_main`: start libFuzzer's
// driver from there, with `fuzz` as the target.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzCampaign_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  var c = argc
  var v = argv
  return runDriver(&c, &v) { data, count in fuzz(data, count) }
}
