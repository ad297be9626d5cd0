#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Domain
import Synchronization
import Platform

/// One device's journal file, read: its events and what the next append
/// must carry on from.
struct JournalFile {
  let device: String
  let path: String
  /// Where the snapshot's compaction folded this journal to, if it did.
  var base: Compaction.Mark?
  /// The events after `base`, in the file's order.
  var events: [Event] = []
  /// Where each of `events` sits in the file, for merging another copy's
  /// lines byte for byte.
  var lines: [Range<Int>] = []
  /// The file's length, as read and appended to.
  var size = 0
  /// Hash of the last complete line (or of the base; "" when empty): the
  /// next `prev`.
  var lastHash = ""
  /// Where to cut the file before appending: set when the last line was
  /// half-written (a power cut mid-write).
  var repairAt: Int?
  /// The last line is whole but lacks its newline.
  var missingNewline = false
  /// The public key the device signs with (hex), from its first signed
  /// line or the compaction's mark; nil while it has signed nothing.
  /// Every line after the one that brings it must be signed by it.
  var key: String?
  /// The seq of the first signed line (nil when the compaction folded it,
  /// or none is signed): lines before it are from before signing began.
  var signedFrom: Int?
  /// A branch file (another history of the device, `Branches`): its id,
  /// and the seq of its first line, where it parts from the journal.
  var branch: String?
  var forkSeq = 0
  /// A journal with branches: the id of its own history where the first
  /// branch parts ("" otherwise), so every copy orders histories alike.
  var historyID = ""

  init(device: String, path: String, base: Compaction.Mark? = nil) {
    self.device = device
    self.path = path
    self.base = base
    lastHash = base?.hash ?? ""
    key = base?.key
  }

  /// The seq of the last event, folded or not.
  var lastSeq: Int { events.last?.seq ?? base?.seq ?? 0 }
}

enum Journal {
  /// Device ids name files: letters, digits, '.', '_' and '-' only.
  static func isValidDevice(_ id: String) -> Bool {
    !id.isEmpty && id.count <= 64 && !id.hasPrefix(".")
      && id.unicodeScalars.allSatisfy {
        ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" || $0 == "."
      }
  }

  static func hash<C: Collection>(_ line: C) -> String where C.Element == UInt8 {
    // Hashed in place when the bytes are contiguous (a slice of a file).
    Hex.encode(line.withContiguousStorageIfAvailable { SHA256.hash(data: $0) } ?? SHA256.hash(data: Array(line)))
  }

  /// One device's events as journal lines, each naming the hash of the
  /// line before (their `prev` is replaced).
  /// Signed by `key` when given (the first line carrying it).
  static func chain(_ events: [Event], key: DeviceKey? = nil) -> [UInt8] {
    var out: [UInt8] = []
    var prev = ""
    for (k, var e) in events.enumerated() {
      e.prev = prev
      let line = line(e, key: key, first: k == 0)
      out += line
      out.append(0x0A)
      prev = hash(line)
    }
    return out
  }

  /// One event's line as it is written: signed by `key` when given, and
  /// carrying the public key when it is the device's first signed line.
  static func line(_ e: Event, key: DeviceKey?, first: Bool) -> [UInt8] {
    let line = Array(EventCodec.encode(e, key: first ? key?.publicHex : nil).utf8)
    guard let key else { return line }
    return LineSignature.signed(line, by: key)
  }

  /// Reads a journal. With `verify`, checks every line's sequence number
  /// and the hash chain (each line names the hash of the one before), so
  /// an edited, removed or reordered line is found. Lines at or before
  /// `base` were folded into the snapshot by a compaction: they are
  /// skipped, but the last of them must be the one the compaction folded.
  ///
  /// The lines of each window read are read into events by two threads,
  /// one from each half (a line does not depend on another), then
  /// checked in order by one.
  static func read(path: String, displayPath: String, device: String, base: Compaction.Mark? = nil,
                   verify: Bool, diagnostics: inout [Diagnostic], twoThreadsFrom: Int = twoThreadsFrom,
                   window size: Int = window, copies: JournalCache.Use? = nil) throws(WorkspaceError) -> JournalFile {
    var spare: FileWindow?, later: JournalCache.Pending?
    let file = try read(path: path, displayPath: displayPath, device: device, base: base, verify: verify,
                        diagnostics: &diagnostics, twoThreadsFrom: twoThreadsFrom, window: size, copies: copies,
                        spare: &spare, later: &later)
    // No one here to leave it to: a copy left for later is written now.
    later?.write()
    return file
  }

  /// The same, reading into `spare`'s memory (a window of a journal
  /// read before, done with); `spare` is then this journal's window.
  ///
  /// The file is read a window at a time (`window` bytes, grown for a
  /// longer line): its lines are read while their bytes are still in the
  /// cache, and the thread holds a few megabytes of the file, where it
  /// held all of it (two threads taking ten journals of 40 MB held 80).
  ///
  /// With `copies` (and without `verify`), the journal's copy gives the
  /// events of the bytes it covers, when they are still the same
  /// (`JournalCache`), and only the lines after are read; a copy is
  /// written when there was none, or it is well behind.
  static func read(path: String, displayPath: String, device: String, base: Compaction.Mark?,
                   verify: Bool, diagnostics: inout [Diagnostic], twoThreadsFrom: Int,
                   window size: Int = window, copies: JournalCache.Use? = nil,
                   spare: inout FileWindow?, later: inout JournalCache.Pending?) throws(WorkspaceError) -> JournalFile {
    let before = diagnostics.count
    let facts = copies?.keep == true && !verify ? DiskState.facts(path) : nil
    var file: JournalFile?, lineCount = 0
    // The bytes the copy covered, when it was used. (The copy itself held
    // only here: a second owner of its events made the append below copy
    // them all.)
    var covered: Int?
    if var taken = verify ? nil : copies.flatMap({ JournalCache.read($0, journal: path, device: device, base: base) }) {
      covered = taken.size
      if taken.fileSize == taken.size {
        file = taken.file
        lineCount = taken.lineCount
      } else {
        var tail = JournalFile(device: device, path: path, base: base)
        (tail.key, tail.signedFrom, tail.lastHash) = (taken.file.key, taken.file.signedFrom, taken.file.lastHash)
        var read = try lines(of: tail, from: taken.size, lineNo: taken.lineCount, displayPath: displayPath, verify: verify,
                             diagnostics: &diagnostics, twoThreadsFrom: twoThreadsFrom, window: size, spare: &spare)
        // The same file as the copy was checked against (not one put in
        // its place since), still holding the bytes it covers.
        if read.inode == taken.inode && read.fileSize >= taken.size {
          var events: [Event] = []
          swap(&events, &taken.file.events)
          events.append(contentsOf: read.file.events)
          read.file.events = events
          read.file.lines = taken.file.lines + read.file.lines
          file = read.file
          lineCount = read.lineCount
        } else {
          diagnostics.removeSubrange(before...)
          covered = nil
        }
      }
    }
    if file == nil {
      let read = try lines(of: JournalFile(device: device, path: path, base: base), from: 0, lineNo: 0,
                           displayPath: displayPath, verify: verify, diagnostics: &diagnostics,
                           twoThreadsFrom: twoThreadsFrom, window: size, spare: &spare)
      file = read.file
      lineCount = read.lineCount
    }
    let read = file!
    if let copies, copies.keep, diagnostics.count == before,
      covered.map({ read.size - $0 >= max(JournalCache.worthFrom, $0 / 8) }) ?? true {
      let pending = JournalCache.Pending(use: copies, file: read, lineCount: lineCount, facts: facts)
      if copies.later && read.size >= JournalCache.laterFrom { later = pending } else { pending.write() }
    }
    return read
  }

  /// The lines of the journal from `offset` (the start of a line) on, read
  /// into `file`, which holds what the lines before gave; `lineNo` lines
  /// come before. With the lines counted in all, and the identity and
  /// size of the file read.
  private static func lines(of file: JournalFile, from offset: Int, lineNo: Int, displayPath: String,
                            verify: Bool, diagnostics: inout [Diagnostic], twoThreadsFrom: Int,
                            window size: Int, spare: inout FileWindow?) throws(WorkspaceError)
    -> (file: JournalFile, lineCount: Int, inode: UInt64?, fileSize: Int) {
    var file = file
    let path = file.path
    guard let window = try FileWindow.open(path, size: max(size, 2), offset: offset, spare: spare, fitted: true)
    else { return (file, lineNo, nil, 0) }
    defer { spare = window }
    // Room for an event a line when the file is in the first window;
    // for a larger one, for every event it can hold, a line of
    // `shortestEvent` bytes at least (its pages not written to are not
    // taken: an allocation that large is mapped on its own; a small
    // journal's room, taken from memory freed before, was resident).
    let exact = window.atEnd
    let room = exact ? lineCount(window.bytes) : (window.fileSize - offset) / shortestEvent + 1
    var state = CheckState()
    state.lineNo = lineNo
    var changed = false
    file.events = [Event](unsafeUninitializedCapacity: room) { buffer, kept in
      let events = buffer.baseAddress!
      // In small pages, though a journal of a million lines faults in
      // 30,000 of them: large ones cost more here when the host backs
      // them anew (`FileIO.preferLargePages`; a million lines opened cold
      // in 0.89 of the time without them, and 11 MB less).
      while !window.failed {
        // The window's whole lines; at the file's end, all it holds.
        let bytes = window.bytes
        let end = window.atEnd ? bytes.count : lastNewline(bytes).map { $0 + 1 } ?? 0
        if end == 0 && !window.atEnd {
          // A line longer than the window: it is made larger.
          _ = window.slide(from: 0, want: 2 * window.capacity)
          continue
        }
        let part = UnsafeBufferPointer(rebasing: bytes[..<end])
        // Each event read before took a line of `shortestEvent` bytes at
        // least: more than there is room for, and the file grew since
        // it was opened (another process writes it).
        guard exact || state.kept + (part.count + 1) / shortestEvent <= room else {
          changed = true
          break
        }
        // The halves: the second from the first line past the middle,
        // when its events (written after room for as many as the first
        // half has lines) fit.
        var split = part.count >= max(1, twoThreadsFrom) ? min(part.count, newline(part, from: part.count / 2) + 1) : part.count
        var first = lineCount(UnsafeBufferPointer(rebasing: part[..<split]))
        if !exact && state.kept + first + (part.count - split + 1) / shortestEvent > room {
          split = part.count
          first = 0
        }
        let halves = [Half(part, 0..<split, into: events + state.kept, room: split < part.count ? first : room - state.kept),
                      Half(part, split..<part.count, into: events + state.kept + first, room: room - state.kept - first)]
        Half.read(halves)
        check(halves, part, at: window.offset, into: &file, events: events, state: &state,
              displayPath: displayPath, verify: verify, diagnostics: &diagnostics)
        if window.atEnd || state.stopped {
          if !state.stopped { file.size = window.offset + bytes.count }
          break
        }
        _ = window.slide(from: end, want: window.capacity)
      }
      kept = state.kept
    }
    if window.failed || changed {
      _ = try FileIO.read(path)
      throw .io(path, "cannot read: the file changed while it was read")
    }
    finish(state, into: &file, displayPath: displayPath, verify: verify, diagnostics: &diagnostics)
    return (file, state.lineNo, window.inode, window.fileSize)
  }

  /// The bytes read at a time (`read(path:…)`).
  static let window = 4 << 20

  /// The fewest bytes of a line that holds an event:
  /// {"seq":1,"clock":0,"op":"set","device":""} and its line break. The
  /// members an event needs, their names and values as short as they
  /// come.
  static let shortestEvent = 43

  /// Below this a second thread costs more than it saves.
  static let twoThreadsFrom = 1 << 20

  /// A journal to read (`read(_:verify:)`): its size says how to share
  /// the work.
  struct Job {
    var path: String
    var device: String
    var base: Compaction.Mark?
    var size: Int
  }

  /// A journal read: its file, its own diagnostics, and its copy when
  /// one is to be written later (`JournalCache.Use.later`).
  struct Read {
    var file: JournalFile
    var diagnostics: [Diagnostic]
    var copy: JournalCache.Pending?
  }

  /// Reads several journals, each with its own diagnostics, in the order
  /// given; the first that cannot be read (in that order) throws. When no
  /// journal holds more than the others together, two threads take whole
  /// journals each, so reading a file's bytes and checking its lines are
  /// shared too, not only reading the lines; otherwise each is read by
  /// halves (`read(path:…)`).
  /// With `copies`, each journal's copy is read and kept as
  /// `read(path:…)` says.
  static func read(_ jobs: [Job], verify: Bool, copies: JournalCache.Use? = nil,
                   twoThreadsFrom: Int = twoThreadsFrom) throws(WorkspaceError) -> [Read] {
    func read(_ job: Job, halves: Bool, spare: inout FileWindow?) -> Result<Read, WorkspaceError> {
      var diagnostics: [Diagnostic] = []
      var later: JournalCache.Pending?
      do throws(WorkspaceError) {
        let file = try Journal.read(path: job.path, displayPath: job.path, device: job.device, base: job.base,
                                    verify: verify, diagnostics: &diagnostics,
                                    twoThreadsFrom: halves ? twoThreadsFrom : .max, copies: copies, spare: &spare,
                                    later: &later)
        return .success(Read(file: file, diagnostics: diagnostics, copy: later))
      } catch {
        return .failure(error)
      }
    }
    let total = jobs.reduce(0) { $0 + $1.size }
    var results: [Result<Read, WorkspaceError>]
    if jobs.count < 2 || total < twoThreadsFrom || 2 * (jobs.map(\.size).max() ?? 0) > total {
      var spare: FileWindow?
      results = jobs.map { read($0, halves: true, spare: &spare) }
    } else {
      // Each thread takes the next journal, the largest first, when it is
      // done with one: a thread the host slows reads fewer. (Given half
      // the bytes each, one thread read on for 400 ms of a million lines
      // after the other had finished.)
      final class Share: @unchecked Sendable {
        var done: [(Int, Result<Read, WorkspaceError>)] = []
      }
      final class Queue: Sendable {
        let order: [Int]
        let next = Atomic<Int>(0)
        init(_ order: [Int]) { self.order = order }
      }
      let queue = Queue(jobs.indices.sorted { jobs[$0].size > jobs[$1].size })
      let shares = [Share(), Share()]
      let run = { (share: Share) in
        var spare: FileWindow?
        while true {
          let taken = queue.next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard taken < queue.order.count else { break }
          let k = queue.order[taken]
          share.done.append((k, read(jobs[k], halves: false, spare: &spare)))
        }
      }
      let other = WorkerThread.start { run(shares[1]) }
      run(shares[0])
      if let other { other.join() } else { run(shares[1]) }
      results = Array(repeating: .success(Read(file: JournalFile(device: "", path: ""), diagnostics: [])), count: jobs.count)
      for share in shares { for (k, result) in share.done { results[k] = result } }
    }
    return try results.map { (result) throws(WorkspaceError) in try result.get() }
  }

  /// The lines of one part of a journal read into events: written from
  /// `events` on, one for each line that reads; `failed` holds the lines
  /// (by their index in the part) that do not, and why.
  final class Half: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    let range: Range<Int>
    let events: UnsafeMutablePointer<Event>
    private(set) var count = 0
    private(set) var failed: [(line: Int, error: DataError)] = []
    /// Where each line ends (its line break, or the part's end), for
    /// `check` to go through them again without looking for the breaks.
    private(set) var ends: [Int] = []
    /// The lines (by index in the part) that carry a public key, and it.
    private(set) var keys: [(line: Int, key: String)] = []

    /// How many events there is room for from `events`.
    let room: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into events: UnsafeMutablePointer<Event>, room: Int) {
      self.bytes = bytes
      self.range = range
      self.events = events
      self.room = room
    }

    func run() {
      var reader = CampaignReader(Reader(b: UnsafeBufferPointer(start: nil, count: 0)))
      var start = range.lowerBound
      var line = 0
      while start < range.upperBound {
        let end = newline(bytes, from: start)
        ends.append(end)
        do throws(DataError) {
          let (event, key) = try CampaignReader.signedEvent(UnsafeBufferPointer(rebasing: bytes[start..<end]), reader: &reader)
          // Moved, not copied: a copy retained what the event holds and
          // released it again, a million times.
          precondition(count < room, "more events than the journal's room")
          (events + count).initialize(to: consume event)
          count += 1
          if let key { keys.append((line, key)) }
        } catch {
          failed.append((line, error))
        }
        line += 1
        start = end + 1
      }
    }

    /// Reads the parts, the last with lines on this thread and the
    /// others beside it.
    static func read(_ parts: [Half]) {
      let full = parts.filter { !$0.range.isEmpty }
      var threads: [WorkerThread] = []
      for part in full.dropLast() {
        if let thread = WorkerThread.start({ part.run() }) { threads.append(thread) } else { part.run() }
      }
      full.last?.run()
      for t in threads { t.join() }
    }
  }

  /// What `check` carries from one window of a journal to the next.
  struct CheckState {
    var kept = 0
    var lineNo = 0
    var stopped = false
    /// A line in the window being checked, or one of a window left (its
    /// bytes kept).
    enum Line {
      case here(Range<Int>)
      case saved([UInt8])
    }
    /// The line before (`verify` hashes it for the next one's `prev`).
    var previous: Line?
    /// The last line kept, and its number: its signature vouches for the
    /// whole chain before it, and its hash is the next append's `prev`.
    var lastKept: (line: Line, lineNo: Int)?

    /// The window `bytes` is left: the lines of it still named are kept.
    mutating func leave(_ bytes: UnsafeBufferPointer<UInt8>) {
      if case .here(let r) = previous { previous = .saved(Array(bytes[r])) }
      if let last = lastKept, case .here(let r) = last.line { lastKept = (.saved(Array(bytes[r])), last.lineNo) }
    }

    func with<R>(_ line: Line, in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
      switch line {
      case .here(let r): return body(UnsafeBufferPointer(rebasing: bytes[r]))
      case .saved(let b): return b.withUnsafeBufferPointer(body)
      }
    }
  }

  /// Goes through the lines of a window (`bytes`, the file's from
  /// `offset`) in order with what the halves read: the diagnostics, the
  /// chain, the folded lines, a half-written last line. The events kept
  /// are moved together after those kept before (`state.kept`).
  private static func check(_ halves: [Half], _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, into file: inout JournalFile,
                            events: UnsafeMutablePointer<Event>, state: inout CheckState, displayPath: String, verify: Bool,
                            diagnostics: inout [Diagnostic]) {
    let device = file.device, base = file.base
    let folded = base?.seq ?? 0
    func fingerprint(_ key: String) -> String { DeviceKey.fingerprint(ofPublicKey: key) }
    defer { state.leave(bytes) }
    for half in halves {
      var start = half.range.lowerBound
      var line = 0, next = 0, failure = 0, keyAt = 0
      defer {
        // Events this half read that were not kept (after a cut-off line).
        if next < half.count { (half.events + next).deinitialize(count: half.count - next) }
      }
      while start < half.range.upperBound && !state.stopped {
        state.lineNo += 1
        let lineNo = state.lineNo
        let end = half.ends[line]
        let complete = end < bytes.count
        let range = start..<end
        start = end + 1
        defer { line += 1 }
        if failure < half.failed.count && half.failed[failure].line == line {
          let error = half.failed[failure].error
          failure += 1
          // Cut off where the bytes end: a half-written last line.
          if !complete && error.offset >= range.count {
            diagnostics.append(Diagnostic(
              file: displayPath, line: lineNo, severity: .warning,
              message: "the last line is half-written (a power cut or a full disk?): it is ignored and will be cut off at the next change"))
            file.repairAt = offset + range.lowerBound
            file.size = offset + range.lowerBound
            state.stopped = true
            break
          }
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, column: column(UnsafeBufferPointer(rebasing: bytes[range]), error.offset), message: error.message))
          continue
        }
        let slot = half.events + next
        next += 1
        let seq = slot.pointee.seq
        var carried: String?
        if keyAt < half.keys.count && half.keys[keyAt].line == line {
          carried = half.keys[keyAt].key
          keyAt += 1
        }
        if !complete { file.missingNewline = true }
        if slot.pointee.device != device {
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "the event names device \"\(slot.pointee.device)\" but sits in the journal of \"\(device)\""))
        }
        if seq <= folded {
          // Folded by the compaction; the last folded line must be the one
          // the compaction saw, or this copy's history is another one.
          if seq == folded && hash(UnsafeBufferPointer(rebasing: bytes[range])) != base!.hash {
            diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "this line differs from the one the compaction folded (seq \(folded)): the journal was edited, or this copy's history is another one"))
          }
          slot.deinitialize(count: 1)
          state.previous = .here(range)
          continue
        }
        if verify {
          let signed = LineSignature.isSigned(UnsafeBufferPointer(rebasing: bytes[range]))
          func say(_ message: String) {
            diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: message))
          }
          if let carried {
            if !signed { say("the line carries a public key but is not signed: it was forged, or its signature removed (device \(device))") }
            if let known = file.key, known != carried {
              say("device \(device)'s key changes here (from \(fingerprint(known)) to \(fingerprint(carried))): a device signs with one key, so these lines were written elsewhere in its name")
            }
          } else if signed && file.key == nil {
            say("the line is signed, but device \(device)'s key is not known: the line that carries it (its first signed line) was removed or edited")
          }
          if !signed, let from = file.key.map({ _ in file.signedFrom ?? (base?.seq ?? 0) + 1 }) {
            say("the line is not signed, but device \(device) signs its lines from seq \(from): it was forged, or its signature removed")
          }
        }
        if file.key == nil, let carried {
          file.key = carried
          file.signedFrom = seq
        }
        if verify {
          let kept = state.kept
          let expectedSeq = (kept > 0 ? events[kept - 1].seq : base?.seq ?? 0) + 1
          if seq != expectedSeq {
            diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "expected seq \(expectedSeq), found \(seq): a line was removed, added or reordered"))
          }
          let expectedPrev = kept == 0 ? (base?.hash ?? "") : state.previous.map { state.with($0, in: bytes) { hash($0) } } ?? ""
          if slot.pointee.prevHash != LineHash(expectedPrev) {
            // Name the edited line when its own signature shows it.
            if let before = state.lastKept, let key = file.key,
              state.with(before.line, in: bytes, { LineSignature.isSigned($0) && !LineSignature.holds($0, publicKey: key) }) {
              diagnostics.append(Diagnostic(file: displayPath, line: before.lineNo, message: "the signature does not hold: this line of device \(device) was changed after it was signed"))
            }
            diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: lineNo == 1 && base == nil
              ? "the first event must have an empty \"prev\": the start of the journal was removed or edited"
              : "\"prev\" does not match the hash of the line before: that line was edited, or lines were removed or reordered"))
          }
        }
        if events + state.kept != slot { (events + state.kept).moveInitialize(from: slot, count: 1) }
        state.kept += 1
        file.lines.append((offset + range.lowerBound)..<(offset + range.upperBound))
        state.previous = .here(range)
        state.lastKept = (.here(range), lineNo)
      }
    }
  }

  /// After the last window: the last line's signature covers the chain:
  /// with the chain checked, every line is then the key holder's, the last
  /// included. (A removed last line leaves a shorter chain that holds:
  /// only another copy that saw the line can tell, at merge or `verify
  /// --against`.) Its hash is the next line's `prev`.
  private static func finish(_ state: CheckState, into file: inout JournalFile, displayPath: String, verify: Bool,
                             diagnostics: inout [Diagnostic]) {
    guard let last = state.lastKept, case .saved(let bytes) = last.line else { return }
    if verify, let key = file.key,
      bytes.withUnsafeBufferPointer({ LineSignature.isSigned($0) && !LineSignature.holds($0, publicKey: key) }) {
      diagnostics.append(Diagnostic(file: displayPath, line: last.lineNo, message: "the signature does not hold: this line of device \(file.device) was changed after it was signed, or signed by another key than \(DeviceKey.fingerprint(ofPublicKey: key))"))
    }
    file.lastHash = hash(bytes)
  }

  /// One more than the number of lines (a last one without its line
  /// break counts): room for a part's events.
  private static func lineCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 1
    var k = 0
    while k < b.count {
      k = newline(b, from: k) + 1
      n += 1
    }
    return n
  }

  /// Where the last line break is, if there is one.
  private static func lastNewline(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var k = b.count - 1
    while k >= 0 && b[k] != 0x0A { k -= 1 }
    return k >= 0 ? k : nil
  }

  /// The next line break at or after `from`, or the end.
  @inline(__always)
  private static func newline(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    guard from < b.count, let base = b.baseAddress,
      let p = memchr(base + from, 0x0A, b.count - from) else { return b.count }
    return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
  }

  private static func column(_ line: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
    SourceLocator(Array(line)).location(of: offset).column
  }
}
