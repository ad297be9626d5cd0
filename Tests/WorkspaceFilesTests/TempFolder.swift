import Foundation

/// A fresh folder under the system's temporary folder, removed at deinit.
final class TempFolder {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "chuangwen-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String) -> String { path + "/" + name }

  func write(_ name: String, _ text: String) {
    let full = file(name)
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
  }

  func read(_ name: String) -> String {
    String(decoding: FileManager.default.contents(atPath: file(name)) ?? Data(), as: UTF8.self)
  }

  /// Every file's bytes below the folder, to prove nothing was written.
  func snapshot() -> [String: Data] {
    var out: [String: Data] = [:]
    let e = FileManager.default.enumerator(atPath: path)!
    while let name = e.nextObject() as? String {
      if let d = FileManager.default.contents(atPath: file(name)) { out[name] = d }
    }
    return out
  }
}
