/// Evidence (佐证材料): a photo, a document, a sign-in sheet proving an
/// item, a problem's rectification or an order. The file is kept once in
/// the workspace by the SHA-256 of its bytes (files never change, so git
/// and merges copy each once); the journal records which node it proves,
/// with its original name, size, caption, and who and when.
public struct Evidence: Equatable, Sendable {
  /// The SHA-256 of the file's bytes, in hex: its name in `evidence/`.
  public var hash: String
  public var node: String
  /// The file's name as it was attached (its type by the extension).
  public var name: String
  public var size: Int
  public var caption: String
  /// The problem (its id) or the order it proves, if any.
  public var problem: String?
  public var order: String?
  public var added: Day

  public init(hash: String, node: String, name: String, size: Int, caption: String = "", problem: String? = nil,
              order: String? = nil, added: Day) {
    self.hash = hash
    self.node = node
    self.name = name
    self.size = size
    self.caption = caption
    self.problem = problem
    self.order = order
    self.added = added
  }

  /// Whether the name says it is a picture (shown as a thumbnail).
  public var isImage: Bool {
    let lower = name.lowercased()
    return [".jpg", ".jpeg", ".png", ".gif", ".webp"].contains { lower.hasSuffix($0) }
  }

  /// The most a kept file is read at: the largest limit a coordinator
  /// may set (`PlanSettings.evidenceMB`; 20 MB by default, a phone's
  /// photo being a few).
  public static let readLimit = PlanSettings.megabytes.upperBound << 20

  /// Whether `text` is a SHA-256 in lowercase hex (a file name in
  /// `evidence/` is nothing else).
  public static func isHash(_ text: String) -> Bool {
    text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
  }
}

extension Campaign {
  /// The evidence of a node, in the order attached.
  public func evidence(of node: String) -> [Evidence] { evidence.filter { $0.node == node } }
}
