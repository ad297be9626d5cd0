// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "chuangwen",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "chuangwen", targets: ["chuangwen"]),
    // Measuring and crash-testing tools (Scripts/benchmark, the crash
    // tests); never shipped.
    .executable(name: "chuangwen-harness", targets: ["Harness"]),
    // For the fuzzers in Fuzz/ (a package of their own, built with -sanitize=fuzzer).
    .library(name: "ChuangwenKit", targets: ["Domain", "WorkspaceFiles", "Sheets"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // The .xlsx container (a zip) and its XML, read and written for Sheets.
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    .package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.1.1"),
  ],
  targets: [
    // The wide-character ncurses library and a C shim for what Swift cannot
    // import (macros, and globals that Swift 6 rejects).
    .systemLibrary(
      name: "CNcursesw",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    // The campaign tree and its rules: pure Swift, no I/O. Its small
    // functions (a node's fields, its texts in the arena) are called for
    // every node from the other modules (the reader, the tables): built
    // with their bodies visible to those modules, they are inlined there
    // (a million nodes' first frame 0.97 of the time, 11 pairs;
    // docs/performance.md, "Keys that waited on work they did not need").
    .target(
      name: "Domain",
      swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
    ),
    // The facts of a campaign put for people: the office's tables, percents,
    // a node's progress, quota and lateness in words, events summarised.
    .target(name: "Presentation", dependencies: ["Domain", "TextScreen"]),
    // The process's surroundings from the C library: the environment, the
    // clock, writing to standard output and error.
    .target(name: "Platform", dependencies: ["Domain"]),
    // A grid of cells that knows display width; keys as values.
    .target(name: "TextScreen"),
    // The only module that touches the file system.
    .target(
      name: "WorkspaceFiles",
      dependencies: ["Domain", "Platform", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The dashboard as pure state, update and view.
    .target(name: "Dashboard", dependencies: ["Domain", "Presentation", "TextScreen"]),
    // Task breakdown tables (任务分解表) as CSV and .xlsx: import and export,
    // bytes in and out, no file I/O.
    .target(
      name: "Sheets",
      dependencies: [
        "Domain", "Platform", "Presentation", "TextScreen",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "SWXMLHash", package: "SWXMLHash"),
      ]
    ),
    // The only code that calls ncurses.
    .target(name: "TerminalUI", dependencies: ["TextScreen", "CNcursesw"]),
    // Tables and documents for people: aligned text, CSV, Markdown, HTML.
    .target(name: "Reports", dependencies: ["Domain", "Presentation", "TextScreen", "Sheets"]),
    .executableTarget(
      name: "chuangwen",
      dependencies: [
        "Domain", "Presentation", "Platform", "TextScreen", "WorkspaceFiles", "Dashboard", "TerminalUI",
        "Sheets", "Reports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `chuangwen-harness bench` and `stress`: the libraries driven from
    // outside the product, which they do not depend on.
    .executableTarget(
      name: "Harness",
      dependencies: [
        "Domain", "Platform", "TextScreen", "WorkspaceFiles", "Dashboard",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "DomainTests", dependencies: ["Domain", "WorkspaceFiles"]),
    .testTarget(name: "TextScreenTests", dependencies: ["TextScreen"]),
    .testTarget(name: "WorkspaceFilesTests", dependencies: ["WorkspaceFiles", "Domain"]),
    // Golden files for the tests: readable text kept under Tests/.
    .target(name: "GoldenFiles", path: "Tests/GoldenFiles"),
    .testTarget(
      name: "DashboardTests",
      dependencies: ["Dashboard", "Domain", "Presentation", "TextScreen", "WorkspaceFiles", "GoldenFiles"],
      exclude: ["Snapshots"]
    ),
    .testTarget(name: "SheetsTests", dependencies: ["Sheets", "Domain"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "Domain", "Presentation", "Sheets", "TextScreen", "GoldenFiles"], exclude: ["Golden"]),
    // Harness: so that `swift test` builds chuangwen-harness beside chuangwen.
    .testTarget(
      name: "EndToEndTests", dependencies: ["chuangwen", "Harness", "WorkspaceFiles", "Domain", "GoldenFiles"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
