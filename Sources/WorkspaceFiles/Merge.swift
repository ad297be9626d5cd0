import Domain

/// What `merge` took in from another copy.
public struct MergeReport: Equatable, Sendable {
  /// New events per device.
  public var added: [String: Int] = [:]
  /// Devices whose journals were already all here.
  public var upToDate: [String] = []

  public var total: Int { added.values.reduce(0, +) }
}

extension Workspace {
  /// Takes in the journals of another copy of this workspace (a laptop's
  /// folder, a USB stick). Each device only ever appends to its own file,
  /// so another copy's journal is either a prefix of ours, or ours is a
  /// prefix of theirs and we append the lines we lack, byte for byte, so
  /// the hash chain carries on. Merging is idempotent and the order of
  /// copies does not matter. Nothing is written unless every journal of the
  /// other copy is sound and agrees with ours.
  @discardableResult
  public func merge(from other: String) throws(WorkspaceError) -> MergeReport {
    let theirs = try Workspace.open(other, verify: true)
    guard theirs.snapshot.id == snapshot.id else {
      throw .invalid([Diagnostic(file: theirs.campaignPath, message: "this is another campaign (\"\(theirs.snapshot.id)\", expected \"\(snapshot.id)\"): nothing was merged")])
    }
    var report = MergeReport()
    var plan: [(device: String, lines: [[UInt8]])] = []
    for device in theirs.devices {
      let mine = events(ofDevice: device)
      let their = theirs.events(ofDevice: device)
      let shared = min(mine.count, their.count)
      if shared > 0 && mine[shared - 1] != their[shared - 1] {
        throw .invalid([Diagnostic(
          file: Workspace.join(theirs.journalPath, device + ".jsonl"), line: shared,
          message: "device \(device) has a different history here than in \(directory) (the same device id used on two laptops?): nothing was merged")])
      }
      if their.count <= mine.count {
        report.upToDate.append(device)
        continue
      }
      let path = Workspace.join(theirs.journalPath, device + ".jsonl")
      guard let bytes = try FileIO.read(path) else { continue }
      let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        .prefix(their.count).dropFirst(mine.count).map(Array.init)
      plan.append((device, lines))
    }
    for (device, lines) in plan {
      try appendLines(lines, device: device)
      report.added[device] = lines.count
    }
    return report
  }
}
