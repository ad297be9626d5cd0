import Crypto
import Domain

/// Evidence files in the workspace: `evidence/<sha256>`, written once and
/// never changed, so a copy made by git or a USB stick holds each once and
/// any change to one is caught by its name.
extension Workspace {
  public static let evidenceFolderName = "evidence"

  public var evidencePath: String { Workspace.join(directory, Workspace.evidenceFolderName) }

  func evidenceFile(_ hash: String) -> String { Workspace.join(evidencePath, hash) }

  static func sha256(_ bytes: [UInt8]) -> String { Hex.encode(SHA256.hash(data: bytes)) }

  /// Keeps a file the user names as evidence: read whole (a regular file
  /// of at most `limit` bytes, else refused with the reason), stored under
  /// its hash if not there already. Its hash and size.
  /// `limit`: the plan's (`Campaign.evidenceLimit`).
  public func storeEvidence(from path: String, limit: Int) throws(WorkspaceError) -> (hash: String, size: Int) {
    try requireLock()
    guard let bytes = try FileIO.read(path, limit: limit, links: .follow) else { throw .noSuchFile(path) }
    let hash = Workspace.sha256(bytes)
    try keep(bytes, as: hash)
    return (hash, bytes.count)
  }

  /// Writes the bytes as `evidence/<hash>` unless a sound copy is there.
  private func keep(_ bytes: [UInt8], as hash: String) throws(WorkspaceError) {
    try FileIO.makeDirectory(evidencePath)
    let file = evidenceFile(hash)
    if let held = try? FileIO.read(file, limit: Evidence.readLimit), Workspace.sha256(held) == hash { return }
    // Missing, or altered: written whole, then renamed into place.
    try FileIO.writeAtomically(file, bytes)
  }

  /// What is wrong with an evidence file, if anything.
  public enum EvidenceIssue: Equatable, Sendable {
    case missing
    /// Its bytes no longer hash to its name.
    case altered
  }

  /// Every piece of evidence whose file is missing here or was changed.
  public func evidenceIssues() -> [(evidence: Evidence, issue: EvidenceIssue)] {
    var checked: [String: EvidenceIssue?] = [:]
    var out: [(Evidence, EvidenceIssue)] = []
    for e in campaign.evidence {
      if checked[e.hash] == nil {
        let bytes = try? FileIO.read(evidenceFile(e.hash), limit: Evidence.readLimit)
        checked[e.hash] = bytes.map { Workspace.sha256($0) == e.hash ? nil : .altered } ?? .missing
      }
      if let issue = checked[e.hash]! { out.append((e, issue)) }
    }
    return out
  }

  /// After a merge: the evidence files another copy has and this one
  /// lacks, each checked against its hash before it is kept. How many.
  func takeEvidence(from other: Workspace) throws(WorkspaceError) -> Int {
    var taken = 0
    for e in Set(campaign.evidence.map(\.hash)).sorted() where !FileIO.exists(evidenceFile(e)) {
      guard let bytes = try? FileIO.read(other.evidenceFile(e), limit: Evidence.readLimit),
        Workspace.sha256(bytes) == e
      else { continue }
      try keep(bytes, as: e)
      taken += 1
    }
    return taken
  }
}
