import Domain
import FuzzSupport
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

@_cdecl("FuzzSheet_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  startFuzzer(argc, argv, fuzz)
}
