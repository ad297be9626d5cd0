import Foundation
import Testing

/// Compares text with a golden file beside the test (`folder` next to
/// `filePath`): recorded when missing or when `RECORD_SNAPSHOTS` is set,
/// and the test fails after a recording so a person checks it.
public func assertGolden(_ text: String, _ name: String, folder: String, filePath: String = #filePath,
                         sourceLocation: SourceLocation = #_sourceLocation) {
  let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(folder)
  let file = dir.appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
  if !record, let data = FileManager.default.contents(atPath: file.path) {
    let golden = String(decoding: data, as: UTF8.self)
    #expect(golden == text, "\(name) differs from its golden file:\n\(text)", sourceLocation: sourceLocation)
    return
  }
  try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  try? Data(text.utf8).write(to: file)
  Issue.record("recorded \(file.lastPathComponent): check it and run the tests again", sourceLocation: sourceLocation)
}
