#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Domain
import Platform

/// A campaign folder on disk:
///
///     DIR/campaign.json         the tree, schema-versioned
///     DIR/journal/<device>.jsonl each laptop's changes, append-only
///
/// The state shown is `campaign.json` with every journal replayed on top.
/// A change is appended to this device's journal and flushed to disk
/// before `append` returns: a laptop whose battery dies loses nothing that
/// was acknowledged.
public final class Workspace {
  public static let campaignFileName = "campaign.json"
  public static let journalFolderName = "journal"
  public static let lockFileName = ".lock"

  public let directory: String
  /// What campaign.json says of itself: its campaign's id, and how far
  /// compaction folded each device's journal into it.
  public struct SnapshotFacts: Sendable {
    public let id: String
    public let compaction: Compaction?
  }
  public private(set) var snapshot: SnapshotFacts
  /// campaign.json's tree, until it is replayed into `campaign`: then it
  /// is let go, so replaying does not copy a million nodes; a later
  /// replay (after a merge) reads the file again.
  private var base: Campaign?
  /// The snapshot with every journal replayed: what users see.
  public private(set) var campaign: Campaign
  /// Set by `handOver()`: changes are journaled but not applied here.
  private var handedOver = false

  /// Gives the shown state to its one user (the dashboard, which applies
  /// its own changes) and keeps none here: a million nodes are then held
  /// once, and the first change does not copy them all.
  public func handOver() -> Campaign {
    handedOver = true
    let c = campaign
    campaign = Campaign(id: snapshot.id, title: "")
    return c
  }

  /// Gives the history to the same user: from then on it is the one owner
  /// of the events, and this workspace keeps none (so the first change it
  /// appends copies no million-event array).
  public func handOverHistory() -> [Event] {
    handedOver = true
    let e = events
    forgetHistory()
    return e
  }

  /// As `handOverHistory()`, without making the history: the journals'
  /// events where they lie, in replay order. The dashboard keeps them so
  /// (`History`); an append here to a journal it still shares copies that
  /// journal's events once.
  public func handOverEvents() -> EventsInOrder {
    handedOver = true
    let e = history.map { EventsInOrder($0, sorted: true) } ?? inOrder
    forgetHistory()
    return e
  }

  /// Every journal's events, in replay order. Made from the journals when
  /// first asked: most commands never ask, so opening a million lines
  /// copies none of them (each journal holds its own, `order` says how
  /// they interleave).
  public var events: [Event] {
    if let made = history { return made }
    let made = Array(inOrder)
    history = made
    return made
  }
  /// How many there are, without making `events`.
  public var eventCount: Int { order.count }
  /// `events` once made (kept up to date by `append`), nil until asked.
  private var history: [Event]? = []
  /// Each event in replay order: its file (in `orderFiles`) and its
  /// place in that device's journal.
  private var order: [(file: Int32, at: Int32)] = []
  /// The files `order` counts in: device ids, and `device@id` of branches.
  private var orderFiles: [String] = []

  /// The journals' events in replay order, read in place.
  private var inOrder: EventsInOrder {
    EventsInOrder(files: orderFiles.map { journals[$0]?.events ?? branches[$0]?.events ?? [] }, order: order)
  }

  private func forgetHistory() {
    history = []
    order = []
    orderFiles = []
  }
  /// The journals' copies left to write (`takeJournalCopies`).
  private var copiesToWrite: [JournalCache.Pending] = []
  /// Things worth saying that did not stop the load (a half-written line).
  public private(set) var warnings: [Diagnostic]

  private(set) var journals: [String: JournalFile]
  /// Other histories of forked devices (`Branches`), by `device@id`.
  private(set) var branches: [String: JournalFile] = [:]
  /// Per device, the history a coordinator kept (`fork.keep`).
  public private(set) var forkDecisions: [String: String] = [:]
  /// The clock and seq of the next change (Domain's rule), from every
  /// event and compaction mark read.
  public private(set) var stamper = Stamper()
  var maxClock: Int { stamper.clock }
  private var lockDescriptor: Int32?
  /// The plan's roles as replayed (kept when the state is handed over,
  /// so a change is still checked against them).
  public private(set) var roles = Roles()
  /// Keys loaded or given to sign with, by device.
  private var signingKeys: [String: DeviceKey] = [:]
  /// Whether the journals' chains were checked on reading, and whether the
  /// plan came from its copy even so (both kept on reload).
  private var verified = false, planCopy = false
  /// The files' sizes and times as read (`changedOnDisk`).
  private var onDisk = DiskState.none

  public var campaignPath: String { Workspace.join(directory, Workspace.campaignFileName) }
  public var journalPath: String { Workspace.join(directory, Workspace.journalFolderName) }

  static func join(_ a: String, _ b: String) -> String {
    a.hasSuffix("/") ? a + b : a + "/" + b
  }

  private init(directory: String, snapshot: consuming Campaign, journals: [String: JournalFile],
               branches: [String: JournalFile] = [:], warnings: [Diagnostic], replaying: Bool = true) {
    self.directory = directory
    self.snapshot = SnapshotFacts(id: snapshot.id, compaction: snapshot.compaction)
    self.journals = journals
    self.branches = branches
    self.warnings = warnings
    campaign = Campaign(id: "", title: "")
    if replaying { replay(onto: snapshot) }
  }

  /// Rebuilds the shown state: the snapshot with every journal replayed
  /// in (clock, device, seq) order.
  func replayAll() throws(WorkspaceError) {
    if let b = base.take() {
      replay(onto: b)
    } else {
      replay(onto: try readSnapshot())
    }
  }

  /// campaign.json's tree as it is on disk, without the journals.
  public func readSnapshot() throws(WorkspaceError) -> Campaign {
    var diagnostics: [Diagnostic] = []
    let c = try Workspace.decodeSnapshot(directory, diagnostics: &diagnostics)
    if diagnostics.contains(where: { $0.severity == .error }) { throw .invalid(diagnostics) }
    return c
  }

  private func replay(onto snapshot: consuming Campaign) {
    // Files ranked by device, then by history (branches of a forked device
    // by their ids, alike on every copy).
    let all = journals.map { (key: $0.key, file: $0.value) } + branches.map { (key: $0.key, file: $0.value) }
    let ranked = all.sorted { ($0.file.device, $0.file.branch ?? $0.file.historyID) < ($1.file.device, $1.file.branch ?? $1.file.historyID) }
    let names = ranked.map(\.key)
    let files = ranked.map(\.file.events)
    orderFiles = names
    // Ranks follow device ids, so this is `Event.precedes`.
    order = EventsInOrder.replayOrder(files, running: WorkerThread.together)
    let lastClock = order.last.map { files[Int($0.file)][Int($0.at)].clock } ?? 0
    // A decided fork: the histories not kept are void from where they part.
    var void: [(file: Int, from: Int, reason: String)] = []
    forkDecisions = [:]
    if !branches.isEmpty {
      forkDecisions = Workspace.forkDecisions(EventsInOrder(files: files, order: order), roles: snapshot.roles)
      for (device, keep) in forkDecisions {
        let mine = ranked.indices.filter { ranked[$0].file.device == device }
        guard let kept = mine.first(where: { (ranked[$0].file.branch ?? ranked[$0].file.historyID) == keep }) else { continue }
        for k in mine where k != kept {
          let f = ranked[k].file
          let from = f.branch != nil ? f.forkSeq : (ranked[kept].file.branch != nil ? ranked[kept].file.forkSeq : .max)
          void.append((k, from, "device \(device)'s history \(f.branch ?? f.historyID) was not kept (the coordinator kept \(keep))"))
        }
      }
    }
    var voided: [(event: Event, reason: String)] = []
    if !void.isEmpty {
      order = order.filter { o in
        guard let v = void.first(where: { $0.file == Int(o.file) && files[Int(o.file)][Int(o.at)].seq >= $0.from }) else { return true }
        voided.append((files[Int(o.file)][Int(o.at)], v.reason))
        return false
      }
    }
    history = nil
    var seqs = self.snapshot.compaction?.devices.mapValues(\.seq) ?? [:]
    for (device, file) in journals { seqs[device] = file.lastSeq }
    stamper = Stamper(clock: max(self.snapshot.compaction?.clock ?? 0, lastClock), lastSeq: seqs)
    // Let go of the old state first, so the one being built is not shared.
    campaign = Campaign(id: "", title: "")
    var state = snapshot
    // The one bulk path: a batch of node additions costs its length.
    state.replay(EventsInOrder(files: files, order: order), running: WorkerThread.together)
    for (event, reason) in voided { state.void(event, because: reason) }
    roles = state.roles
    campaign = state
  }

  /// The plan as it stood at the start of each day of `days`: campaign.json
  /// (read once) with only the events made before that day replayed, in
  /// the one replay order and with forks decided as now; `day` says when
  /// an event was made (nil: taken as made before any). What a bulletin
  /// for a past period reports. Changes compaction folded into
  /// campaign.json are in it whatever their day.
  public func campaigns(before days: [Day], day: (Event) -> Day?) throws(WorkspaceError) -> [Campaign] {
    precondition(!handedOver, "a handed-over workspace holds no history")
    let base = try readSnapshot()
    let files = orderFiles.map { (journals[$0] ?? branches[$0])?.events ?? [] }
    // Each event's day worked out once, for every cut-off.
    let made = order.map { day(files[Int($0.file)][Int($0.at)]) }
    return days.map { cutoff in
      var state = base
      state.replay(EventsInOrder(files: files, order: order.indices.filter { made[$0].map { $0 < cutoff } ?? true }.map { order[$0] }), running: WorkerThread.together)
      return state
    }
  }

  /// Reads the files again: after this process rewrote them (compaction,
  /// a merge that took another copy's snapshot), after it took the lock,
  /// or when another process changed them. The lock is kept.
  func reload() throws(WorkspaceError) {
    let fresh = try Workspace.open(directory, verify: verified, planCopy: planCopy)
    snapshot = fresh.snapshot
    journals = fresh.journals
    warnings = fresh.warnings
    history = fresh.history
    order = fresh.order
    orderFiles = fresh.orderFiles
    branches = fresh.branches
    forkDecisions = fresh.forkDecisions
    stamper = fresh.stamper
    campaign = fresh.campaign
    roles = fresh.roles
    onDisk = fresh.onDisk
    handedOver = false
  }

  /// After this process folded every journal into `compacted` and wrote
  /// it: the state in memory becomes what a reload would read, without
  /// reading a million nodes back (compaction changes no node).
  func takeOver(compacted: Campaign, trimmed: Bool) {
    precondition(!handedOver, "a handed-over workspace holds no state to compact")
    snapshot = SnapshotFacts(id: compacted.id, compaction: compacted.compaction)
    base = nil
    let marks = compacted.compaction?.devices ?? [:]
    for (device, var file) in journals {
      // Every line read is folded now: a reload would skip them all.
      file.base = marks[device]
      file.signedFrom = nil
      file.events = []
      file.lines = []
      if trimmed {
        file.size = 0
        file.repairAt = nil
        file.missingNewline = false
      }
      journals[device] = file
    }
    if trimmed { warnings = [] }
    forgetHistory()
    campaign = compacted
    onDisk = DiskState(directory)
  }

  deinit {
    if let fd = lockDescriptor { WorkspaceLock.release(fd) }
  }

  // MARK: Making and opening

  /// Makes a new workspace holding `campaign`. Refuses a folder that
  /// already holds one: nothing is overwritten.
  /// `journals` are each signed by a key made for it and kept nowhere
  /// when `signed` (generated demo laptops), unsigned otherwise (the
  /// journals of before signing, for tests).
  public static func create(at directory: String, campaign: Campaign, journals: [[Event]] = [],
                            signed: Bool = false) throws(WorkspaceError) {
    let file = join(directory, campaignFileName)
    if FileIO.exists(file) {
      throw .refused(file, .workspaceThere)
    }
    if FileIO.exists(directory) && !FileIO.isDirectory(directory) {
      throw .cannotCreate(directory, "not a folder")
    }
    if let ws = OtherFiles.workspace(owning: file) {
      throw .refused(directory, .ownFolder(of: ws))
    }
    // The folder itself may be a link (a workspace on a USB stick linked
    // into the home folder); nothing inside it may.
    try FileIO.makeDirectory(directory, links: .follow)
    try FileIO.makeDirectory(join(directory, journalFolderName))
    try CampaignCodec.write(campaign, toFile: file)
    for events in journals where !events.isEmpty {
      let path = join(join(directory, journalFolderName), events[0].device + ".jsonl")
      try FileIO.writeAtomically(path, Journal.chain(events, key: signed ? DeviceKey.ephemeral() : nil))
    }
    // So a workspace can be a git repository as it is (docs/sync.md).
    try FileIO.writeAtomically(join(directory, ".gitignore"), Array("\(lockFileName)\n*.tmp-*\n".utf8))
  }

  /// Device ids name journal files: letters, digits, '.', '_' and '-'.
  public static func isValidDevice(_ id: String) -> Bool { Journal.isValidDevice(id) }

  /// Whether a folder holds a workspace.
  public static func exists(at directory: String) -> Bool {
    FileIO.exists(join(directory, campaignFileName))
  }

  /// Reads a workspace. Any damage or broken rule throws `.invalid` with
  /// every problem found, positioned; nothing is written either way.
  /// `verify` also checks every journal's sequence and hash chain.
  ///
  /// Without the lock a writer may change the files while they are read
  /// (a line appended, a compaction emptying a journal): an error met
  /// while they changed is not theirs, and they are read again, a few
  /// times, before it is said. (An import's first look failed so, exit
  /// 74, while a compaction emptied a journal it was reading.)
  /// `copiesLater`: the journals' copies to write (`JournalCache`) are
  /// left for `takeJournalCopies()`, not written while opening.
  /// `planCopy`: as `open(_:verify:planCopy:lock:copiesLater:)` says.
  public static func open(_ directory: String, verify: Bool = false, planCopy: Bool = false,
                          copiesLater: Bool = false) throws(WorkspaceError) -> Workspace {
    var tries = 0
    while true {
      let before = DiskState(directory)
      do throws(WorkspaceError) {
        return try open(directory, verify: verify, planCopy: planCopy, replaying: true, copiesLater: copiesLater)
      } catch {
        tries += 1
        guard tries < 6, DiskState(directory) != before else { throw error }
        usleep(UInt32(2_000 * tries))
      }
    }
  }

  /// Takes the workspace's lock, waiting as `lock` says, and only then
  /// reads it: what a writer changes is never older than the files it
  /// replaces (a `mark` that finished while this one waited is seen).
  /// `.busy` names the holder when the wait runs out.
  /// `planCopy`: verifying, the plan is still read from its copy when the
  /// copy is campaign.json's (`CampaignCache`: made only from a file that
  /// broke no rule, and proved the same file by its digest), for a writer
  /// that checks the journals' chains but not the plan's rules again
  /// (`compact`, `merge`: a million nodes' JSON was half of `compact`).
  public static func open(_ directory: String, verify: Bool = false, planCopy: Bool = false, lock: LockRequest,
                          copiesLater: Bool = false) throws(WorkspaceError) -> Workspace {
    // No lock file is made in a folder that holds no workspace.
    guard exists(at: directory) else { throw .notFound(directory) }
    let fd = try WorkspaceLock.take(join(directory, lockFileName), lock, directory: directory)
    do throws(WorkspaceError) {
      let ws = try open(directory, verify: verify, planCopy: planCopy, replaying: true, copiesLater: copiesLater)
      ws.lockDescriptor = fd
      return ws
    } catch {
      WorkspaceLock.release(fd)
      throw error
    }
  }

  /// `replaying: false` reads the files but builds no state: another copy
  /// read for `merge`, which takes its journals and its snapshot's facts.
  static func open(_ directory: String, verify: Bool, planCopy: Bool = false, replaying: Bool,
                   copiesLater: Bool = false) throws(WorkspaceError) -> Workspace {
    var diagnostics: [Diagnostic] = []
    // Taken before reading: a change made while reading shows as a change.
    let seen = DiskState(directory)
    // `verify` (validate, verify, compact, merge) reads the file itself
    // (unless `planCopy`) and writes no copy; so does the reading of
    // another copy for a merge (no `.cache` is written there).
    // The journals are read while the copy's nodes are linked, when the
    // plan comes from its copy (they need only its compaction marks).
    let early = Answer<JournalsRead>()
    // The journals' copies (`JournalCache`) as the plan's: read unless
    // verifying, written when this workspace is replayed.
    // This user's key for the copies, read once for both, and only where
    // a copy may be read: a plan or a journal large enough to have one.
    let copiesWorth = (seen.files[campaignFileName]?.size ?? 0) >= CampaignCache.worthFrom
      || seen.files.contains { $0.key != campaignFileName && $0.value.size >= JournalCache.worthFrom }
    let copyKey = (verify && !planCopy) || !copiesWorth ? nil : CampaignCache.signingKey(create: false)
    let copies = verify ? nil : JournalCache.Use(folder: join(directory, CampaignCache.folderName),
                                                 key: copyKey, keep: replaying, later: copiesLater)
    let snapshot = try decodeSnapshot(directory, diagnostics: &diagnostics, useCopy: !verify || planCopy,
                                      keepCopy: replaying && !verify, copyKey: copyKey) { compaction in
      early.value = JournalsRead(directory, compaction: compaction, seen: seen, verify: verify, copies: copies)
    }
    // Read again if the plan came from elsewhere with other marks.
    let listed = early.value.flatMap { $0.marks == snapshot.compaction?.devices ? $0 : nil }
      ?? JournalsRead(directory, compaction: snapshot.compaction, seen: seen, verify: verify, copies: copies)
    diagnostics += listed.folderDiagnostics
    var journals: [String: JournalFile] = [:]
    let (jobs, misnamed, branchFiles) = (listed.jobs, listed.misnamed, listed.branchFiles)
    let read = try listed.read.get()
    var m = 0
    for (k, job) in jobs.enumerated() {
      while m < misnamed.count && misnamed[m].beforeJob == k { diagnostics.append(misnamed[m].1); m += 1 }
      journals[job.device] = read[k].file
      diagnostics += read[k].diagnostics
    }
    let copiesToWrite = read.compactMap(\.copy)
    diagnostics += misnamed[m...].map(\.1)
    // Other histories of a device, each checked against its journal.
    var branches: [String: JournalFile] = [:]
    for device in Set(branchFiles.map(\.device)).sorted() {
      guard var main = journals[device] else {
        for b in branchFiles where b.device == device {
          diagnostics.append(Diagnostic(file: b.path, message: "another history of device \(device), whose journal is not here"))
        }
        continue
      }
      let mainBytes = try FileIO.read(main.path) ?? []
      for b in branchFiles where b.device == device {
        if let file = try readBranch(path: b.path, device: device, id: b.id, main: main, mainBytes: mainBytes,
                                     verify: verify, diagnostics: &diagnostics) {
          branches[device + "@" + b.id] = file
        }
      }
      // The journal's own history is named like a branch, where the first parts.
      let at = branches.values.filter { $0.device == device }.map(\.forkSeq).min() ?? 0
      let folded = main.base?.seq ?? 0
      if at > folded, at - folded <= main.lines.count {
        main.historyID = Branches.id(ofLine: mainBytes[main.lines[at - folded - 1]])
        journals[device] = main
      }
    }
    let errors = diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty { throw .invalid(diagnostics) }
    let ws = Workspace(directory: directory, snapshot: consume snapshot, journals: journals,
                       branches: branches, warnings: diagnostics, replaying: replaying)
    ws.verified = verify
    ws.planCopy = planCopy
    ws.onDisk = seen
    ws.copiesToWrite = copiesToWrite
    return ws
  }

  /// The journals' copies an open with `copiesLater` left to write: they
  /// are this workspace's no more.
  public func takeJournalCopies() -> JournalCopies {
    defer { copiesToWrite = [] }
    return JournalCopies(copiesToWrite)
  }

  /// The journals of a workspace whose snapshot has these compaction
  /// marks, listed and read (`Journal.read(_:verify:)`): what `open`
  /// takes from them.
  private struct JournalsRead: Sendable {
    let marks: [String: Compaction.Mark]?
    var folderDiagnostics: [Diagnostic] = []
    var jobs: [Journal.Job] = []
    /// A misnamed file's message, to keep its place among the journals'.
    var misnamed: [(beforeJob: Int, Diagnostic)] = []
    var branchFiles: [(device: String, id: String, path: String)] = []
    var read: Result<[Journal.Read], WorkspaceError>

    init(_ directory: String, compaction: Compaction?, seen: DiskState, verify: Bool, copies: JournalCache.Use?) {
      marks = compaction?.devices
      let folder = join(directory, journalFolderName)
      if FileIO.kind(folder) == .symbolicLink {
        folderDiagnostics.append(Diagnostic(file: folder, message: "is a symbolic link, expected a folder: links are not followed inside a workspace"))
      }
      for name in FileIO.listDirectory(folder) where name.hasSuffix(".jsonl") {
        let device = String(name.dropLast(6))
        let path = join(folder, name)
        if let (device, id) = Branches.parse(name), Journal.isValidDevice(device), Branches.isID(id) {
          branchFiles.append((device, id, path))
          continue
        }
        guard Journal.isValidDevice(device) else {
          misnamed.append((jobs.count, Diagnostic(file: path, message: "a journal's name must be a device id (letters, digits, '.', '_', '-') followed by .jsonl")))
          continue
        }
        jobs.append(Journal.Job(path: path, device: device, base: compaction?.devices[device],
                                size: Int(seen.files[name]?.size ?? 0)))
      }
      let jobs = jobs
      read = Result { () throws(WorkspaceError) in try Journal.read(jobs, verify: verify, copies: copies) }
    }
  }

  /// A workspace's campaign.json as a campaign; the broken rules of the
  /// tree are added to `diagnostics`, each with its position.
  /// One reader goes through the file a window at a time and names the
  /// first error's line and column itself; only when the tree breaks a
  /// rule is the file read again, noting where those nodes stand.
  /// `useCopy`: read the open's copy (`CampaignCache`) when it is the
  /// file's; `keepCopy`: write it when it was missing or stale.
  /// `meanwhile`: work for another thread while the copy's nodes are
  /// linked, handed the copy's compaction marks.
  private static func decodeSnapshot(_ directory: String, diagnostics: inout [Diagnostic],
                                     useCopy: Bool = true, keepCopy: Bool = true,
                                     copyKey: @autoclosure () -> SymmetricKey? = CampaignCache.signingKey(create: false),
                                     meanwhile: (@Sendable (Compaction?) -> Void)? = nil) throws(WorkspaceError) -> Campaign {
    let file = join(directory, campaignFileName)
    // A large plan's copy, when it is this file's (`CampaignCache`): made
    // only from a file that broke no rule.
    let facts = DiskState.facts(file)
    let large = (facts?.size ?? 0) >= CampaignCache.worthFrom
    if large && useCopy, let cached = CampaignCache.read(directory, file: file, key: copyKey(), meanwhile: meanwhile) { return cached }
    guard let snapshot = try CampaignReader.decode(file: file) else { throw .notFound(directory) }
    let issues = snapshot.structuralIssues(running: WorkerThread.together)
    if issues.isEmpty {
      if large && keepCopy { CampaignCache.write(snapshot, directory: directory, file: file, facts: facts) }
      return snapshot
    }
    let places = SourceLocator.locations(inFile: file, of: CampaignReader.locate(issues, inFile: file))
    for (k, issue) in issues.enumerated() {
      diagnostics.append(Diagnostic(file: file, line: places?[k].line, column: places?[k].column, message: issue.message(.en)))
    }
    return snapshot
  }

  // MARK: Changing

  /// Whether this process holds the workspace's lock.
  public var isLocked: Bool { lockDescriptor != nil }

  /// Takes the workspace for this process if no other holds it, and reads
  /// the files again under the lock, so nothing written before it was
  /// taken is overwritten with an older view. False when another process
  /// (a dashboard, a `mark`) holds it; the lock dies with its process.
  /// Writers should rather open with `open(_:verify:lock:)`, which locks
  /// before the first read.
  public func lock(command: String = "chuangwen", at: String = "") throws(WorkspaceError) -> Bool {
    if lockDescriptor != nil { return true }
    guard let fd = try WorkspaceLock.tryTake(Workspace.join(directory, Workspace.lockFileName),
                                             command: command, at: at, directory: directory) else { return false }
    lockDescriptor = fd
    try reload()
    return true
  }

  /// Every change goes through here first: a workspace opened without the
  /// lock takes it now (and reads the files again), or the change is
  /// refused as busy.
  func requireLock() throws(WorkspaceError) {
    if lockDescriptor != nil { return }
    guard try lock() else {
      throw .busy(directory, holder: nil, waited: 0)
    }
  }

  /// Whether the files changed since they were read (another process
  /// appended to a journal, compacted, merged): a read-only dashboard
  /// polls this and reloads.
  public var changedOnDisk: Bool { DiskState(directory) != onDisk }

  /// Reads the files again when they changed since they were read; true
  /// when it did. The state is then `campaign` and `events` again, to be
  /// handed over anew.
  public func refresh() throws(WorkspaceError) -> Bool {
    guard changedOnDisk else { return false }
    try reload()
    return true
  }

  /// Records a change: appends it to `device`'s journal, flushed to the
  /// disk, then applies it. Its clock is one more than any seen, so it
  /// sorts after every event known here.
  @discardableResult
  public func append(_ op: Operation, device: String, user: String, at: String) throws(WorkspaceError) -> Event {
    try append([op], device: device, user: user, at: at)[0]
  }

  /// Records several changes in one write and one flush (an import's
  /// thousands of nodes): all of them are on the disk, or none. Each is
  /// stamped by Domain's rule (`Stamper`).
  @discardableResult
  public func append(_ ops: [Operation], device: String, user: String, at: String) throws(WorkspaceError) -> [Event] {
    guard Journal.isValidDevice(device) else {
      throw .usage("--device \(device): expected letters, digits, '.', '_' or '-' (it names the journal file)")
    }
    guard !ops.isEmpty else { return [] }
    // Stamped from what the files hold under the lock.
    try requireLock()
    var next = stamper
    return try append(ops.map { next.stamp($0, device: device, user: user, at: at) })
  }

  /// Writes changes already stamped (by the dashboard's state, with the
  /// `Stamper` it was handed): each must be the next of its device and
  /// later than every event here, or nothing is written. They are
  /// chained (`prev`) here, flushed, and applied to `campaign` unless it
  /// was handed over.
  @discardableResult
  public func append(_ stamped: [Event]) throws(WorkspaceError) -> [Event] {
    guard let device = stamped.first?.device else { return [] }
    try requireLock()
    if let keep = forkDecisions[device], let main = journals[device], keep != main.historyID {
      throw .notPermitted("this copy's history of device \(device) was not kept (the coordinator kept \(keep), `chuangwen fork`): its changes would be void; work as another device (--device)")
    }
    // The plan's roles decide, here as at every copy's replay: a change
    // that would be void there is refused before it is written.
    var rights = handedOver ? roles : campaign.roles
    for event in stamped {
      if let why = rights.refusal(of: event) { throw .notPermitted(why + ": nothing was written") }
      rights.apply(event.op, by: event.device, clock: event.clock)
    }
    var file = journals[device] ?? newJournal(device)
    let signer = try signingKey(device)
    if let key = file.key, key != signer.publicHex {
      throw .notPermitted("\(file.path) is signed by key \(DeviceKey.fingerprint(ofPublicKey: key)), but this laptop's key for device \(device) is \(signer.fingerprint): is the same device id used on two laptops? Work as this laptop's own device (see `chuangwen whoami`); nothing was written")
    }
    var next = stamper
    var lines: [(line: ArraySlice<UInt8>, event: Event)] = []
    var prev = file.lastHash
    for (k, var event) in stamped.enumerated() {
      guard event.device == device, event.seq == file.lastSeq + 1 + k, event.clock > next.clock,
        event.clock <= Stamper.largestClock else {
        throw .invalid([Diagnostic(file: file.path, message: "change \(event.seq) of \(event.device) (clock \(event.clock)) is not the next one here (seq \(file.lastSeq + 1 + k), a clock past \(next.clock), at most \(Stamper.largestClock)): nothing was written")])
      }
      event.prev = prev
      next.saw(event)
      let line = Journal.line(event, key: signer, first: file.key == nil && k == 0)
      prev = Journal.hash(line)
      lines.append((line[...], event))
    }
    try write(lines, to: &file)
    if file.key == nil {
      file.key = signer.publicHex
      file.signedFrom = stamped[0].seq
    }
    journals[device] = file
    stamper = next
    roles = rights
    let made = lines.map(\.event)
    if !handedOver {
      // Clocks past every one here: they come last in replay order.
      let d = orderFiles.firstIndex(of: device) ?? { orderFiles.append(device); return orderFiles.count - 1 }()
      let first = file.events.count - made.count
      order += made.indices.map { (Int32(d), Int32(first + $0)) }
      history? += made
      campaign.replay(made, sorted: true)
    }
    return made
  }

  /// Appends another copy's lines, with the events they hold, to a
  /// device's journal as they are; the caller replays once all are in
  /// (the merged events sort in by clock).
  func appendLines(_ lines: [(line: ArraySlice<UInt8>, event: Event)], device: String,
                   key: String?, signedFrom: Int?) throws(WorkspaceError) {
    var file = journals[device] ?? newJournal(device)
    try write(lines, to: &file)
    if file.key == nil, let key {
      file.key = key
      file.signedFrom = signedFrom
    }
    journals[device] = file
  }

  /// Puts whole lines at the end of a journal, in one write and one flush
  /// (after cutting a half-written last line), and keeps what the file
  /// now holds: its events, where each line is, its size and last hash.
  private func write(_ lines: [(line: ArraySlice<UInt8>, event: Event)], to file: inout JournalFile) throws(WorkspaceError) {
    try FileIO.makeDirectory(journalPath)
    let base = file.repairAt ?? file.size
    var bytes: [UInt8] = file.missingNewline ? [0x0A] : []
    bytes.reserveCapacity(lines.reduce(1) { $0 + $1.line.count + 1 })
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(lines.count)
    for (line, _) in lines {
      ranges.append((base + bytes.count)..<(base + bytes.count + line.count))
      bytes += line
      bytes.append(0x0A)
    }
    try FileIO.append(file.path, bytes, truncateTo: file.repairAt)
    file.events += lines.map(\.event)
    file.lines += ranges
    if let last = lines.last { file.lastHash = Journal.hash(last.line) }
    file.size = base + bytes.count
    file.repairAt = nil
    file.missingNewline = false
  }

  /// The key this process signs `device`'s lines with: this laptop's
  /// (made on first use), unless one was given with `sign(as:with:)`.
  private func signingKey(_ device: String) throws(WorkspaceError) -> DeviceKey {
    if let key = signingKeys[device] { return key }
    guard let key = try DeviceKey.onThisLaptop(device: device) else { throw .io(device, "no signing key") }
    signingKeys[device] = key
    return key
  }

  /// Signs `device`'s changes with `key` instead of this laptop's saved
  /// key (the benchmark, tests that play several laptops).
  public func sign(as device: String, with key: DeviceKey) { signingKeys[device] = key }

  /// The public key a device's journal here is signed with, if it signs.
  public func signingKey(ofDevice device: String) -> String? { journals[device]?.key ?? snapshot.compaction?.devices[device]?.key }

  /// The seq from which the device signs (nil: since before the
  /// compaction, or not at all).
  public func signedFrom(ofDevice device: String) -> Int? { journals[device]?.signedFrom }

  private func newJournal(_ device: String) -> JournalFile {
    JournalFile(device: device, path: Workspace.join(journalPath, device + ".jsonl"),
                base: snapshot.compaction?.devices[device])
  }

  /// The events of one device, in its journal's order.
  public func events(ofDevice device: String) -> [Event] { journals[device]?.events ?? [] }

  /// The devices that have journals here.
  public var devices: [String] { journals.keys.sorted() }
}
