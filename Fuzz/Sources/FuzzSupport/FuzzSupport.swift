/// SwiftPM links an executable's `main` to `<Module>_main`, and libFuzzer
/// brings a `main` of its own: each target defines `<Module>_main` and
/// starts libFuzzer's driver from it with its test function.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

public func startFuzzer(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32 {
  var c = argc
  var v = argv
  return runDriver(&c, &v, target)
}
