@testable import WorkspaceFiles
import Domain
import FuzzSupport

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

@_cdecl("FuzzCampaign_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  startFuzzer(argc, argv, fuzz)
}
