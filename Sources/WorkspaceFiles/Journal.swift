import Crypto
import Domain

/// One device's journal file, read: its events and what the next append
/// must carry on from.
struct JournalFile {
  let device: String
  let path: String
  var events: [Event] = []
  /// Hash of the last complete line ("" when empty): the next `prev`.
  var lastHash = ""
  /// Where to cut the file before appending: set when the last line was
  /// half-written (a power cut mid-write).
  var repairAt: Int?
  /// The last line is whole but lacks its newline.
  var missingNewline = false
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
    let digest = SHA256.hash(data: Array(line))
    var out = ""
    out.reserveCapacity(64)
    for b in digest {
      let hex = String(b, radix: 16)
      if hex.count == 1 { out += "0" }
      out += hex
    }
    return out
  }

  /// Reads a journal. With `verify`, checks every line's sequence number
  /// and the hash chain (each line names the hash of the one before), so
  /// an edited, removed or reordered line is found.
  static func read(path: String, displayPath: String, device: String, verify: Bool,
                   diagnostics: inout [Diagnostic]) throws(WorkspaceError) -> JournalFile {
    var file = JournalFile(device: device, path: path)
    guard let bytes = try FileIO.read(path) else { return file }
    var start = 0
    var lineNo = 0
    var previousLine: Range<Int>?
    while start < bytes.count {
      lineNo += 1
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      let complete = end < bytes.count
      let range = start..<end
      defer { start = end + 1 }
      let event: Event
      do throws(JSONSyntaxError) {
        let root = try JSONParser.parse(Array(bytes[range]))
        do throws(DataError) {
          event = try EventCodec.decode(root)
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
          break
        }
        diagnostics.append(Diagnostic(file: displayPath, line: lineNo, column: column(bytes, range, error.offset), message: error.message))
        continue
      }
      if !complete { file.missingNewline = true }
      if event.device != device {
        diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "the event names device \"\(event.device)\" but sits in the journal of \"\(device)\""))
      }
      if verify {
        let expectedSeq = file.events.count + 1
        if event.seq != expectedSeq {
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: "expected seq \(expectedSeq), found \(event.seq): a line was removed, added or reordered"))
        }
        let expectedPrev = previousLine.map { hash(bytes[$0]) } ?? ""
        if event.prev != expectedPrev {
          diagnostics.append(Diagnostic(file: displayPath, line: lineNo, message: lineNo == 1
            ? "the first event must have an empty \"prev\": the start of the journal was removed or edited"
            : "\"prev\" does not match the hash of line \(lineNo - 1): that line was edited, or lines were removed or reordered"))
        }
      }
      file.events.append(event)
      previousLine = range
    }
    if let previousLine { file.lastHash = hash(bytes[previousLine]) }
    return file
  }

  private static func column(_ bytes: [UInt8], _ range: Range<Int>, _ offset: Int) -> Int {
    SourceLocator(Array(bytes[range])).location(of: offset).column
  }
}
