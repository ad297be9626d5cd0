import Domain
import Sheets

/// A spreadsheet to import: any bytes give a result or an error, never a
/// crash, and what is made is a tree the campaign can take.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  let base = Campaign(id: "fuzz", title: "模糊测试", units: [Unit(id: "u1", name: "市文明办")])
  if let result = try? importSheet(bytes, into: base, options: ImportOptions(year: 2023)) {
    let c = result.applied(to: base)
    precondition(c.structuralIssues().isEmpty, "an import made a broken tree: \(c.structuralIssues())")
  }
  return 0
}

// SwiftPM links an executable's `main` to `FuzzSheet_main`: start libFuzzer's
// driver from there, with `fuzz` as the target.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzSheet_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  var c = argc
  var v = argv
  return runDriver(&c, &v) { data, count in fuzz(data, count) }
}
