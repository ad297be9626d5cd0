// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "chuangwen",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "chuangwen", targets: ["chuangwen"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // The wide-character ncurses library and a C shim for what Swift cannot
    // import (macros, and globals that Swift 6 rejects).
    .systemLibrary(
      name: "CNcursesw",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    // The campaign tree and its rules: pure Swift, no I/O.
    .target(name: "Domain"),
    // A grid of cells that knows display width; keys as values.
    .target(name: "TextScreen"),
    // The only module that touches the file system.
    .target(
      name: "WorkspaceFiles",
      dependencies: ["Domain", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The dashboard as pure state, update and view.
    .target(name: "Dashboard", dependencies: ["Domain", "TextScreen"]),
    // Task breakdown tables (任务分解表) as CSV: import and export, bytes in
    // and out, no file I/O.
    .target(name: "Sheets", dependencies: ["Domain"]),
    // The only code that calls ncurses.
    .target(name: "TerminalUI", dependencies: ["TextScreen", "CNcursesw"]),
    .executableTarget(
      name: "chuangwen",
      dependencies: [
        "Domain", "TextScreen", "WorkspaceFiles", "Dashboard", "TerminalUI", "Sheets",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "DomainTests", dependencies: ["Domain", "WorkspaceFiles"]),
    .testTarget(name: "TextScreenTests", dependencies: ["TextScreen"]),
    .testTarget(name: "WorkspaceFilesTests", dependencies: ["WorkspaceFiles", "Domain"]),
    .testTarget(
      name: "DashboardTests",
      dependencies: ["Dashboard", "Domain", "TextScreen", "WorkspaceFiles"],
      exclude: ["Snapshots"]
    ),
    .testTarget(name: "SheetsTests", dependencies: ["Sheets", "Domain"]),
    .testTarget(name: "EndToEndTests", dependencies: ["chuangwen"]),
  ],
  swiftLanguageModes: [.v6]
)
