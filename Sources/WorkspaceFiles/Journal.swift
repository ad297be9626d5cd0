import Crypto
import Domain

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
  static func read(path: String, displayPath: String, device: String, base: Compaction.Mark? = nil,
                   verify: Bool, diagnostics: inout [Diagnostic]) throws(WorkspaceError) -> JournalFile {
    var file = JournalFile(device: device, path: path, base: base)
    guard let bytes = try FileIO.read(path) else { return file }
    file.size = bytes.count
    // One event a line: room for them all at once (grown by appending, the
    // array would keep a quarter more on average).
    file.events.reserveCapacity(bytes.reduce(into: 1) { n, b in if b == 0x0A { n += 1 } })
    let folded = base?.seq ?? 0
    var start = 0
    var lineNo = 0
    var previousLine: Range<Int>?
    while start < bytes.count {
      lineNo += 1
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      let complete = end < bytes.count
      let range = start..<end
      defer { start = end + 1 }
      // The fast reader first; the general one when it gives up, to say
      // what is wrong and where.
      var parsed = FastEventDecoder.decode(bytes[range])
      if parsed == nil {
        do throws(JSONSyntaxError) {
          let root = try JSONParser.parse(Array(bytes[range]))
          do throws(DataError) {
            parsed = try EventCodec.decode(root)
          } catch {
            diagnostics.append(Diagnostic(file: displayPath, line: lineNo, column: column(bytes, range, error.offset), message: error.message))
            continue
          }
        } catch {
          if !complete {
            diagnostics.append(Diagnostic(
              file: displayPath, line: lineNo, severity: .warning,
              message: "the last line is half-written (a power cut or a full disk?): it is ignored and will be cut off at the next change"))
            file.repairAt = range.lowerBound
            file.size = range.lowerBound
            break
          }
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, column: column(bytes, range, error.offset), message: error.message))
          continue
        }
      }
      let event = parsed!
      if !complete { file.missingNewline = true }
      if event.device != device {
        diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "the event names device \"\(event.device)\" but sits in the journal of \"\(device)\""))
      }
      if event.seq <= folded {
        // Folded by the compaction; the last folded line must be the one
        // the compaction saw, or this copy's history is another one.
        if event.seq == folded && hash(bytes[range]) != base!.hash {
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "this line differs from the one the compaction folded (seq \(folded)): the journal was edited, or this copy's history is another one"))
        }
        previousLine = range
        continue
      }
      if verify {
        let expectedSeq = file.lastSeq + 1
        if event.seq != expectedSeq {
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "expected seq \(expectedSeq), found \(event.seq): a line was removed, added or reordered"))
        }
        let expectedPrev = file.events.isEmpty ? (base?.hash ?? "") : previousLine.map { hash(bytes[$0]) } ?? ""
        if event.prev != expectedPrev {
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: lineNo == 1 && base == nil
            ? "the first event must have an empty \"prev\": the start of the journal was removed or edited"
            : "\"prev\" does not match the hash of the line before: that line was edited, or lines were removed or reordered"))
        }
      }
      file.events.append(event)
      file.lines.append(range)
      previousLine = range
    }
    if let last = file.lines.last { file.lastHash = hash(bytes[last]) }
    return file
  }

  private static func column(_ bytes: [UInt8], _ range: Range<Int>, _ offset: Int) -> Int {
    SourceLocator(Array(bytes[range])).location(of: offset).column
  }
}
