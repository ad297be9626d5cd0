import Domain

/// What `compact` folded.
public struct CompactReport: Equatable, Sendable {
  public var generation: Int
  /// Events folded into the snapshot, per device.
  public var folded: [String: Int]
  /// Journal bytes before and after.
  public var journalBytesBefore: Int
  public var journalBytesAfter: Int
}

extension Workspace {
  /// Folds every journal into `campaign.json`: the snapshot becomes the
  /// state shown now, with each register's last write stamp, and records
  /// how far each device's journal was folded. With `trim`, the folded
  /// lines are then cut from the journals; without it they stay (for
  /// teams that sync with git, where rewriting another device's file
  /// would conflict) and are skipped on load.
  ///
  /// Copies made before stay mergeable both ways: see `merge(from:)`.
  /// The snapshot is written first, so a crash between the two steps
  /// leaves folded lines that are skipped, never counted twice.
  public func compact(by user: String, device: String? = nil, at: String, trim: Bool) throws(WorkspaceError) -> CompactReport {
    try requireLock()
    if let device, roles.role(of: device) != .coordinator {
      throw .notPermitted("only a coordinator folds the journals, and device \(device) is a supervisor here: nothing was folded")
    }
    if let open = forks.first(where: { $0.kept == nil }) {
      throw .notPermitted("device \(open.device) has \(open.histories.count) histories from seq \(open.seq) (\(open.histories.joined(separator: ", "))): a coordinator keeps one first (chuangwen fork \(directory) \(open.device) --keep ID); nothing was folded")
    }
    // Shares the nodes with `campaign`: only the stamps and the record
    // below are new, so the nodes are held once throughout.
    var next = campaign
    var marks = snapshot.compaction?.devices ?? [:]
    var folded: [String: Int] = [:]
    var before = 0
    for (device, file) in journals {
      before += file.size
      folded[device] = file.events.count
      marks[device] = Compaction.Mark(seq: file.lastSeq, hash: file.lastHash, key: file.key)
    }
    // A decided fork: the kept history is the device's from now on.
    var keptBranches: [(main: JournalFile, branch: JournalFile)] = []
    for (device, keep) in forkDecisions {
      guard let main = journals[device], keep != main.historyID,
        let b = branches[device + "@" + keep] else { continue }
      keptBranches.append((main, b))
      folded[device] = (folded[device] ?? 0) + b.events.count
      marks[device] = Compaction.Mark(seq: b.lastSeq, hash: b.lastHash, key: b.key ?? main.key)
    }
    before += branches.values.reduce(0) { $0 + $1.size }
    // A deleted node's stamps can never matter again.
    next.stamps = next.stamps.filter { $0.key.node.isEmpty || next.index[$0.key.node] != nil }
    let generation = (snapshot.compaction?.generation ?? 0) + 1
    next.compaction = Compaction(generation: generation, clock: maxClock, at: at, by: user, device: device, devices: marks)
    try CampaignCodec.write(next, toFile: campaignPath)
    if trim {
      for file in journals.values where file.size > 0 || file.repairAt != nil {
        try FileIO.writeAtomically(file.path, [])
      }
    } else {
      // Kept lines: the journal becomes the kept history, which its mark names.
      for (main, b) in keptBranches {
        let mainBytes = try FileIO.read(main.path) ?? []
        let folded = main.base?.seq ?? 0
        let cut = b.forkSeq - folded - 1 < main.lines.count ? main.lines[b.forkSeq - folded - 1].lowerBound : mainBytes.count
        try FileIO.writeAtomically(main.path, Array(mainBytes[..<cut]) + (try FileIO.read(b.path) ?? []))
      }
    }
    // Every history of a forked device is folded or void: the branches go.
    if !branches.isEmpty {
      for b in branches.values { try FileIO.remove(b.path) }
      try reload()
      return CompactReport(generation: generation, folded: folded, journalBytesBefore: before,
                           journalBytesAfter: journals.values.reduce(0) { $0 + $1.size })
    }
    takeOver(compacted: next, trimmed: trim)
    let after = journals.values.reduce(0) { $0 + $1.size }
    return CompactReport(generation: generation, folded: folded, journalBytesBefore: before, journalBytesAfter: after)
  }
}
