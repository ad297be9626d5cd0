import Foundation
import Testing

/// The sample tables under `Fixtures/import/`.
enum Fixture {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/import")

  static func bytes(_ name: String) throws -> [UInt8] {
    let url = folder.appendingPathComponent(name)
    return [UInt8](try #require(FileManager.default.contents(atPath: url.path), "missing \(url.path)"))
  }
}
