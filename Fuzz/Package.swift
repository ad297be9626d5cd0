// swift-tools-version:6.0
// libFuzzer targets for the readers of untrusted bytes. Not part of the
// main build: run Fuzz/run (it builds with -sanitize=fuzzer,address).
import Foundation
import PackageDescription

// A path dependency is named after its folder: whatever this clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let kit = Target.Dependency.product(name: "ChuangwenKit", package: root.lastPathComponent.lowercased())

let package = Package(
  name: "chuangwen-fuzz",
  dependencies: [.package(path: ".."), .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0")],
  targets: [
    .target(name: "FuzzSupport"),
    .executableTarget(name: "FuzzCampaign", dependencies: [kit, "FuzzSupport"]),
    .executableTarget(name: "FuzzJournal", dependencies: [kit, "FuzzSupport"]),
    .executableTarget(name: "FuzzSheet", dependencies: [kit, "FuzzSupport"]),
    .executableTarget(name: "FuzzCopy", dependencies: [kit, "FuzzSupport", .product(name: "Crypto", package: "swift-crypto")]),
  ],
  swiftLanguageModes: [.v6]
)
