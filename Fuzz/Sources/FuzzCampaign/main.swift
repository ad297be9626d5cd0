@testable import WorkspaceFiles
import Domain
import FuzzSupport

/// campaign.json: the one reader never crashes; what it reads, written
/// back and read again, is written the same; what it refuses, it refuses
/// at a byte of the input (a crash here is a finding).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  do {
    let c = try CampaignReader.decode(bytes)
    _ = c.structuralIssues()
    let again = try? CampaignReader.decode(Array(CampaignCodec.encode(c).utf8))
    precondition(again.map(CampaignCodec.encode) == CampaignCodec.encode(c), "what the reader read does not read back the same")
  } catch {
    precondition(error.offset >= 0 && error.offset <= bytes.count, "an error outside the input")
  }
  return 0
}

@_cdecl("FuzzCampaign_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  startFuzzer(argc, argv, fuzz)
}
