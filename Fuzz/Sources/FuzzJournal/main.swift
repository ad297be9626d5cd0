@testable import WorkspaceFiles
import Domain
import FuzzSupport

/// One journal line: the same agreement between the fast and the general
/// reader, and no crash either way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  var general: Event? = nil
  if let root = try? JSONParser.parse(bytes) { general = try? EventCodec.decode(root) }
  if let fast = FastEventDecoder.decode(bytes[...]) {
    precondition(fast == general, "the fast reader accepted what the general one reads otherwise")
  }
  return 0
}

@_cdecl("FuzzJournal_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  startFuzzer(argc, argv, fuzz)
}
