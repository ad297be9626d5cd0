#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Domain
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

  init(device: String, path: String, base: Compaction.Mark? = nil) {
    self.device = device
    self.path = path
    self.base = base
    lastHash = base?.hash ?? ""
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
    let digest = line.withContiguousStorageIfAvailable { SHA256.hash(data: $0) } ?? SHA256.hash(data: Array(line))
    // Hex by table: String(radix:) per byte costs more than the hash.
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    var out = [UInt8](repeating: 0, count: 64)
    var k = 0
    for b in digest {
      out[k] = hex[Int(b >> 4)]
      out[k + 1] = hex[Int(b & 15)]
      k += 2
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// One device's events as journal lines, each naming the hash of the
  /// line before (their `prev` is replaced).
  static func chain(_ events: [Event]) -> [UInt8] {
    var out: [UInt8] = []
    var prev = ""
    for var e in events {
      e.prev = prev
      let line = Array(EventCodec.encode(e).utf8)
      out += line
      out.append(0x0A)
      prev = hash(line)
    }
    return out
  }

  /// Reads a journal. With `verify`, checks every line's sequence number
  /// and the hash chain (each line names the hash of the one before), so
  /// an edited, removed or reordered line is found. Lines at or before
  /// `base` were folded into the snapshot by a compaction: they are
  /// skipped, but the last of them must be the one the compaction folded.
  ///
  /// The lines are read into events by two threads, one from each half
  /// (a line does not depend on another), then checked in order by one.
  static func read(path: String, displayPath: String, device: String, base: Compaction.Mark? = nil,
                   verify: Bool, diagnostics: inout [Diagnostic],
                   twoThreadsFrom: Int = twoThreadsFrom) throws(WorkspaceError) -> JournalFile {
    var file = JournalFile(device: device, path: path, base: base)
    // Read straight into one buffer; each line is read where it lies.
    guard let window = try FileWindow.whole(path) else { return file }
    let bytes = window.bytes
    file.size = bytes.count
    // The halves: the second from the first line past the middle.
    let split = bytes.count >= max(1, twoThreadsFrom) ? min(bytes.count, newline(bytes, from: bytes.count / 2) + 1) : bytes.count
    let first = lineCount(UnsafeBufferPointer(rebasing: bytes[..<split]))
    let lines = first + lineCount(UnsafeBufferPointer(rebasing: bytes[split...]))
    file.lines.reserveCapacity(lines)
    // One event a line at most, each half's written in place: the first
    // half's from the start, the second's after room for the first's.
    file.events = [Event](unsafeUninitializedCapacity: lines) { buffer, kept in
      let events = buffer.baseAddress!
      let halves = [Half(bytes, 0..<split, into: events), Half(bytes, split..<bytes.count, into: events + first)]
      Half.read(halves)
      kept = check(halves, bytes, into: &file, events: events, displayPath: displayPath, verify: verify,
                   diagnostics: &diagnostics)
    }
    if let last = file.lines.last { file.lastHash = hash(UnsafeBufferPointer(rebasing: bytes[last])) }
    return file
  }

  /// Below this a second thread costs more than it saves.
  static let twoThreadsFrom = 1 << 20

  /// The lines of one part of a journal read into events: written from
  /// `events` on, one for each line that reads; `failed` holds the lines
  /// (by their index in the part) that do not, and why.
  final class Half: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    let range: Range<Int>
    let events: UnsafeMutablePointer<Event>
    private(set) var count = 0
    private(set) var failed: [(line: Int, error: DataError)] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into events: UnsafeMutablePointer<Event>) {
      self.bytes = bytes
      self.range = range
      self.events = events
    }

    func run() {
      var reader = CampaignReader(Reader(b: UnsafeBufferPointer(start: nil, count: 0)))
      var start = range.lowerBound
      var line = 0
      while start < range.upperBound {
        let end = newline(bytes, from: start)
        do throws(DataError) {
          (events + count).initialize(to: try CampaignReader.event(UnsafeBufferPointer(rebasing: bytes[start..<end]), reader: &reader))
          count += 1
        } catch {
          failed.append((line, error))
        }
        line += 1
        start = end + 1
      }
    }

    /// Reads the parts, the last on this thread and the others beside it.
    static func read(_ parts: [Half]) {
      var threads: [WorkerThread] = []
      for part in parts.dropLast() where !part.range.isEmpty {
        if let thread = WorkerThread.start({ part.run() }) { threads.append(thread) } else { part.run() }
      }
      parts.last!.run()
      for t in threads { t.join() }
    }
  }

  /// Goes through the lines in order with what the halves read: the
  /// diagnostics, the chain, the folded lines, a half-written last line.
  /// The events kept are moved together at the start of `events`; returns
  /// how many.
  private static func check(_ halves: [Half], _ bytes: UnsafeBufferPointer<UInt8>, into file: inout JournalFile,
                            events: UnsafeMutablePointer<Event>, displayPath: String, verify: Bool,
                            diagnostics: inout [Diagnostic]) -> Int {
    let device = file.device, base = file.base
    let folded = base?.seq ?? 0
    var kept = 0
    var lineNo = 0
    var previousLine: Range<Int>?
    var stopped = false
    for half in halves {
      var start = half.range.lowerBound
      var line = 0, next = 0, failure = 0
      defer {
        // Events this half read that were not kept (after a cut-off line).
        if next < half.count { (half.events + next).deinitialize(count: half.count - next) }
      }
      while start < half.range.upperBound && !stopped {
        lineNo += 1
        let end = newline(bytes, from: start)
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
            file.repairAt = range.lowerBound
            file.size = range.lowerBound
            stopped = true
            break
          }
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, column: column(UnsafeBufferPointer(rebasing: bytes[range]), error.offset), message: error.message))
          continue
        }
        let slot = half.events + next
        next += 1
        let (seq, prev) = (slot.pointee.seq, slot.pointee.prev)
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
          previousLine = range
          continue
        }
        if verify {
          let expectedSeq = (kept > 0 ? events[kept - 1].seq : base?.seq ?? 0) + 1
          if seq != expectedSeq {
            diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "expected seq \(expectedSeq), found \(seq): a line was removed, added or reordered"))
          }
          let expectedPrev = kept == 0 ? (base?.hash ?? "") : previousLine.map { hash(UnsafeBufferPointer(rebasing: bytes[$0])) } ?? ""
          if prev != expectedPrev {
            diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: lineNo == 1 && base == nil
              ? "the first event must have an empty \"prev\": the start of the journal was removed or edited"
              : "\"prev\" does not match the hash of the line before: that line was edited, or lines were removed or reordered"))
          }
        }
        if events + kept != slot { (events + kept).moveInitialize(from: slot, count: 1) }
        kept += 1
        file.lines.append(range)
        previousLine = range
      }
    }
    return kept
  }

  /// The number of lines (a last one without its line break counts).
  private static func lineCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 1
    var k = 0
    while k < b.count {
      k = newline(b, from: k) + 1
      n += 1
    }
    return n
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
