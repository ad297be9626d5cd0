@testable import WorkspaceFiles
import Domain

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

// SwiftPM links an executable's `main` to `FuzzJournal_main`: start libFuzzer's
// driver from there, with `fuzz` as the target.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzJournal_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  var c = argc
  var v = argv
  return runDriver(&c, &v) { data, count in fuzz(data, count) }
}
