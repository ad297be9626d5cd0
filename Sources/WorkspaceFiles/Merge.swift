import Domain

/// What `merge` took in from another copy.
public struct MergeReport: Equatable, Sendable {
  /// New events per device.
  public var added: [String: Int] = [:]
  /// Devices whose journals were already all here.
  public var upToDate: [String] = []
  /// The generation of the other copy's compaction, when this copy took
  /// its snapshot because it was compacted later than ours.
  public var adoptedCompaction: Int?
  /// Changes taken in that are about nodes this copy has deleted: kept in
  /// the journals, with no node to change (node id → how many).
  public var onDeleted: [String: Int] = [:]
  /// Devices whose other copy holds another history (a laptop copied
  /// whole): kept beside their journal as a branch, by its id.
  public var forks: [String: String] = [:]
  /// Changes taken in that are void here (a supervisor's structural
  /// change, a revoked key's): kept in the journals, not applied.
  public var refused: [Refusal] = []
  /// Evidence files copied from the other copy (each checked by its hash).
  public var evidenceFiles = 0

  public var total: Int { added.values.reduce(0, +) }
}

extension Workspace {
  /// Takes in the journals of another copy of this workspace (a laptop's
  /// folder, a USB stick). Each device only ever appends to its own file,
  /// so another copy's journal is either a prefix of ours, or ours is a
  /// prefix of theirs and we append the lines we lack, byte for byte, so
  /// the hash chain carries on. Merging is idempotent and the order of
  /// copies does not matter.
  ///
  /// Compaction folds the start of journals into the snapshot. A copy
  /// compacted later than this one brings its snapshot, which this copy
  /// takes (after checking that what it folded is this copy's history
  /// too); lines of a copy made before our compaction that we folded are
  /// recognised by their seq and skipped.
  ///
  /// Nothing is written unless every journal of the other copy is sound
  /// and agrees with ours.
  ///
  /// `dryRun` writes nothing and takes no lock: the report says what a
  /// merge would take in (`verify --against`: the lines another copy has
  /// seen that this one lacks).
  @discardableResult
  public func merge(from other: String, dryRun: Bool = false) throws(WorkspaceError) -> MergeReport {
    if !dryRun { try requireLock() }
    let theirs = try Workspace.open(other, verify: true, replaying: false)
    guard theirs.snapshot.id == snapshot.id else {
      throw refusal(theirs.campaignPath, "this is another campaign (\"\(theirs.snapshot.id)\", expected \"\(snapshot.id)\")")
    }
    var report = MergeReport()
    let ours = snapshot.compaction
    let their = theirs.snapshot.compaction
    let adopt = (their?.generation ?? 0) > (ours?.generation ?? 0)
    if adopt && !(branches.isEmpty && theirs.branches.isEmpty) {
      throw refusal(theirs.campaignPath, "a device has two histories in one of the copies: a coordinator keeps one (chuangwen fork) before a compacted copy is taken in")
    }
    if adopt, let device = their!.device, roles.role(of: device) != .coordinator {
      // Compaction is a coordinator's: a snapshot folded elsewhere is taken
      // only from a device this copy's plan grants the role.
      throw refusal(theirs.campaignPath, "it was compacted by device \(device), which is not a coordinator in this copy's plan (merge the copy that granted the role first)")
    }
    if adopt {
      try checkFolds(their!, from: theirs)
    } else if let ours, let their, ours.generation == their.generation, ours != their {
      throw refusal(theirs.campaignPath, "both copies were compacted separately (generation \(ours.generation)); merge their journals into the copy that was compacted, before compacting the other")
    }
    // What each device's journal here will end at, once adopted.
    let folds = adopt ? their!.devices : (ours?.devices ?? [:])
    // Lines are slices of the other copy's files, copied once, into ours.
    var plan: [(device: String, lines: [(line: ArraySlice<UInt8>, event: Event)], key: String?, signedFrom: Int?)] = []
    // Other histories to keep as branch files: new lines for each.
    var branchPlan: [(device: String, id: String, lines: [ArraySlice<UInt8>])] = []
    for device in theirs.devices {
      let file = theirs.journals[device]!
      let path = Workspace.join(theirs.journalPath, device + ".jsonl")
      let base = folds[device]
      // Pinned on first sight: once this copy knows the device's key, its
      // lines come only under that key.
      if let ourKey = signingKey(ofDevice: device), let theirKey = file.key, ourKey != theirKey {
        throw refusal(path, "device \(device) signs with key \(DeviceKey.fingerprint(ofPublicKey: ourKey)) here, but these lines are signed by \(DeviceKey.fingerprint(ofPublicKey: theirKey)): they were written elsewhere in its name")
      }
      // Our lines of this device after the fold, as bytes: a line both
      // copies have must be the same bytes, or the chain carried on from
      // it would not hold here (the same event re-encoded hashes otherwise).
      let ours = journals[device]
      let ourBytes = try ours.flatMap { (f) throws(WorkspaceError) in try FileIO.read(f.path) } ?? []
      var mine: [ArraySlice<UInt8>] = []
      if let ours {
        for (k, e) in ours.events.enumerated() where e.seq > (base?.seq ?? 0) {
          guard ours.lines[k].upperBound <= ourBytes.count else {
            throw refusal(ours.path, "this copy's journal of \(device) changed while merging")
          }
          mine.append(ourBytes[ours.lines[k]])
        }
      }
      let last = (base?.seq ?? 0) + mine.count
      // The hash the next line taken in must name as its "prev".
      var chainEnd = mine.last.map { Journal.hash($0) } ?? base?.hash ?? ""
      guard let bytes = try FileIO.read(path) else { continue }
      var lines: [(line: ArraySlice<UInt8>, event: Event)] = []
      for (k, event) in file.events.enumerated() {
        let line = bytes[file.lines[k]]
        if let base, event.seq <= base.seq {
          // Folded here: it must be the line we folded.
          if event.seq == base.seq && Journal.hash(line) != base.hash {
            throw divergence(device, path, line: k + 1)
          }
        } else if event.seq <= last {
          let index = event.seq - (base?.seq ?? 0) - 1
          if !mine[index].elementsEqual(line) {
            // Another history of the device from here, signed by its key (a
            // laptop copied whole): kept beside ours. Unsigned, it could be
            // anyone's: refused.
            guard file.key != nil, LineSignature.isSigned(line) else { throw divergence(device, path, line: k + 1) }
            let theirLines = file.lines[k...].map { bytes[$0] }
            let id = Branches.id(ofLine: line)
            if branches[device + "@" + id] == nil { report.forks[device] = id }
            branchPlan.append((device, id, try newLines(of: device, id: id, theirLines)))
            break
          }
        } else {
          guard event.seq == last + lines.count + 1 else {
            throw refusal(path, "line \(k + 1) has seq \(event.seq) but this copy's journal of \(device) ends at \(last + lines.count): lines are missing in between")
          }
          guard event.prev == chainEnd else {
            throw refusal(path, "line \(k + 1) (seq \(event.seq)) does not carry on this copy's journal of \(device): its \"prev\" is not the hash of the line before it here")
          }
          chainEnd = Journal.hash(line)
          lines.append((line, event))
        }
      }
      if lines.isEmpty { report.upToDate.append(device) } else { plan.append((device, lines, file.key, file.signedFrom)) }
    }
    // Their other histories: ours already, one we keep already, or new.
    for b in theirs.branches.values.sorted(by: { ($0.device, $0.branch!) < ($1.device, $1.branch!) }) {
      let id = b.branch!
      guard let theirBytes = try FileIO.read(b.path) else { continue }
      let theirLines = b.lines.map { theirBytes[$0] }
      if let main = journals[b.device], try holds(main, history: id, from: b.forkSeq) {
        // Our own journal's history: what it lacks of it comes in as the
        // journal's lines, when the journal itself brought nothing.
        guard !plan.contains(where: { $0.device == b.device }) else { continue }
        let have = main.lastSeq - b.forkSeq + 1
        guard theirLines.count > have else { continue }
        let mainBytes = try FileIO.read(main.path) ?? []
        let folded = main.base?.seq ?? 0
        for k in 0..<have where !mainBytes[main.lines[b.forkSeq - folded - 1 + k]].elementsEqual(theirLines[k]) {
          throw divergence(b.device, b.path, line: k + 1)
        }
        let extra = Array(zip(theirLines, b.events).dropFirst(have)).map { (line: $0.0, event: $0.1) }
        plan.append((b.device, extra, main.key, main.signedFrom))
        continue
      }
      guard journals[b.device] != nil else { continue }
      guard b.key != nil, let first = theirLines.first, LineSignature.isSigned(first) else {
        throw divergence(b.device, b.path, line: 1)
      }
      let new = try newLines(of: b.device, id: id, theirLines, forkSeq: b.forkSeq, prev: b.events.first?.prev)
      if !new.isEmpty { branchPlan.append((b.device, id, new)) }
    }
    // One plan a branch: their journal and their branch file may bring the same.
    var merged: [String: (device: String, id: String, lines: [ArraySlice<UInt8>])] = [:]
    for b in branchPlan where (merged[b.device + "@" + b.id]?.lines.count ?? -1) < b.lines.count {
      merged[b.device + "@" + b.id] = b
    }
    branchPlan = merged.values.sorted { $0.device + $0.id < $1.device + $1.id }.filter { !$0.lines.isEmpty }
    if dryRun {
      for (device, lines, _, _) in plan { report.added[device] = lines.count }
      if adopt { report.adoptedCompaction = their!.generation }
      return report
    }
    if adopt {
      // The snapshot first: folded lines here are then skipped on load, so
      // a crash before the appends below leaves a sound, partly merged copy.
      guard let bytes = try FileIO.read(theirs.campaignPath) else { throw .notFound(theirs.campaignPath) }
      try FileIO.writeAtomically(campaignPath, bytes)
      try reload()
      report.adoptedCompaction = their!.generation
    }
    for (device, lines, key, signedFrom) in plan {
      try appendLines(lines, device: device, key: key, signedFrom: signedFrom)
      report.added[device] = lines.count
    }
    for b in branchPlan {
      var bytes: [UInt8] = []
      for line in b.lines { bytes += line; bytes.append(0x0A) }
      try FileIO.makeDirectory(journalPath)
      try FileIO.append(Workspace.join(journalPath, Branches.fileName(device: b.device, id: b.id)), bytes)
    }
    if !plan.isEmpty || !branchPlan.isEmpty {
      let before = Set(campaign.refused.map { "\($0.device)#\($0.seq)" })
      // A new branch is read with its checks, like any file here.
      if branchPlan.isEmpty { try replayAll() } else { try reload() }
      report.refused = campaign.refused.filter { !before.contains("\($0.device)#\($0.seq)") }
      // Said, not silently dropped: work on a node deleted here meanwhile.
      for (_, lines, _, _) in plan {
        for (_, e) in lines {
          if case .addNode = e.op { continue }
          let id = e.op.nodeID
          if !id.isEmpty && campaign.position(of: id) == nil { report.onDeleted[id, default: 0] += 1 }
        }
      }
    }
    report.evidenceFiles = try takeEvidence(from: theirs)
    return report
  }

  /// Before taking another copy's compacted snapshot: for every device, the
  /// line it folded last must be this copy's line of that seq (when we have
  /// it), and our own compaction must have folded no further.
  private func checkFolds(_ their: Compaction, from theirs: Workspace) throws(WorkspaceError) {
    for (device, mark) in snapshot.compaction?.devices ?? [:] {
      guard let t = their.devices[device], t.seq >= mark.seq, t.seq > mark.seq || t.hash == mark.hash else {
        throw refusal(theirs.campaignPath, "its compaction did not fold what this copy's did for device \(device): the copies were compacted separately")
      }
    }
    for (device, file) in journals {
      guard let t = their.devices[device], let k = file.events.firstIndex(where: { $0.seq == t.seq }) else { continue }
      let path = file.path
      guard let bytes = try FileIO.read(path) else { continue }
      if Journal.hash(bytes[file.lines[k]]) != t.hash {
        throw divergence(device, path, line: nil)
      }
    }
  }

  /// Whether `file` (a device's journal here) is the history `id` from `seq`.
  private func holds(_ file: JournalFile, history id: String, from seq: Int) throws(WorkspaceError) -> Bool {
    let folded = file.base?.seq ?? 0
    guard seq > folded, seq - folded <= file.lines.count, let bytes = try FileIO.read(file.path) else { return false }
    return Branches.id(ofLine: bytes[file.lines[seq - folded - 1]]) == id
  }

  /// The lines of another history of `device` that this copy's branch
  /// file `id` lacks (all of them when there is none). A new branch must
  /// part from this copy's journal of the device where it says.
  private func newLines(of device: String, id: String, _ theirs: [ArraySlice<UInt8>],
                        forkSeq: Int? = nil, prev: String? = nil) throws(WorkspaceError) -> [ArraySlice<UInt8>] {
    guard let held = branches[device + "@" + id] else {
      if let forkSeq, let prev, let main = journals[device] {
        let folded = main.base?.seq ?? 0
        let before = forkSeq - 1
        let bytes = try FileIO.read(main.path) ?? []
        let parts = before == 0 ? prev == ""
          : before == folded ? main.base?.hash == prev
          : before > folded && before - folded <= main.lines.count && Journal.hash(bytes[main.lines[before - folded - 1]]) == prev
        guard parts else { throw refusal(main.path, "another history of device \(device) does not part from this copy's journal where it says (seq \(forkSeq))") }
      }
      return theirs
    }
    guard let bytes = try FileIO.read(held.path) else { return theirs }
    let mine = held.lines.map { bytes[$0] }
    for (a, b) in zip(mine, theirs) where !a.elementsEqual(b) {
      throw refusal(held.path, "two copies hold different lines of device \(device)'s history \(id)")
    }
    return Array(theirs.dropFirst(mine.count))
  }

  private func divergence(_ device: String, _ path: String, line: Int?) -> WorkspaceError {
    .invalid([Diagnostic(file: path, line: line, message: "device \(device) has a different history here than in \(directory) (the same device id used on two laptops?): nothing was merged")])
  }

  private func refusal(_ path: String, _ why: String) -> WorkspaceError {
    .invalid([Diagnostic(file: path, message: why + ": nothing was merged")])
  }
}
