@testable import WorkspaceFiles
import Domain
import FuzzSupport

/// One journal line: no crash; what the reader reads, written back and
/// read again, is written the same; an error stands at a byte of the line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  do {
    let e = try CampaignReader.event(bytes)
    let again = try? CampaignReader.event(Array(EventCodec.encode(e).utf8))
    precondition(again.map { EventCodec.encode($0) } == EventCodec.encode(e), "what the reader read does not read back the same")
  } catch {
    precondition(error.offset >= 0 && error.offset <= bytes.count, "an error outside the input")
  }
  return 0
}

@_cdecl("FuzzJournal_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  startFuzzer(argc, argv, fuzz)
}
