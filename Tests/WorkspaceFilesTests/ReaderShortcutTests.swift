import Testing
@testable import WorkspaceFiles

/// The reader's shortcuts against the byte-by-byte answer: strings scanned
/// eight bytes at a time (a quote, a backslash or a control byte at every
/// place around a word's edge), and member names matched in place in the
/// order they are written (any order, a repeat, a name cut by the window's
/// end).
@Suite struct ReaderShortcutTests {
  @Test func plainStringsFindTheirEnd() {
    for length in 0..<40 {
      for special in [nil, UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x1F] as [UInt8?] {
        for at in 0..<max(1, length) {
          var body = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
          if let special, at < length { body[at] = special }
          // Some text past the string, with a quote of its own.
          let bytes = [0x22] + body + [0x22, 0x2C, 0x22, 0x78, 0x22]
          // The byte-by-byte answer.
          let stop = body.firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
          let expected: Range<Int>? = stop.map { body[$0] == 0x22 ? 1..<(1 + $0) : nil } ?? 1..<(1 + length)
          bytes.withUnsafeBufferPointer { b in
            var r = Reader(b: b)
            let found = r.plainString()
            #expect(found == expected, "length \(length), \(special.map { String($0) } ?? "none") at \(at)")
            #expect(r.i == (found.map { $0.upperBound + 1 } ?? 0))
          }
        }
      }
    }
  }

  @Test func memberNamesInAnyOrder() throws {
    let names = NodeKey.allCases
    // Every member after every other, then a repeat (for `member` to name).
    for first in names {
      for second in names {
        let text = "{\"\(first.rawValue)\": 1, \"\(second.rawValue)\": 2}"
        try Array(text.utf8).withUnsafeBufferPointer { b in
          var r = Reader(b: b)
          var seen: UInt32 = 0
          _ = try r.beginObject("x")
          let k1: NodeKey = try r.key(&seen, "x")
          #expect(k1 == first)
          _ = try r.int(k1, "x")
          _ = try r.nextMember(after: k1)
          if first == second {
            #expect(throws: DataError.self) { let _: NodeKey = try r.key(&seen, "x") }
          } else {
            let k2: NodeKey = try r.key(&seen, "x")
            #expect(k2 == second)
          }
        }
      }
    }
    // A name cut by the end of the bytes, and one that only starts as ours.
    for text in ["{\"statu", "{\"statusx\": 1}", "{\"stat\": 1}"] {
      try Array(text.utf8).withUnsafeBufferPointer { b in
        var r = Reader(b: b)
        var seen: UInt32 = 0
        _ = try r.beginObject("x")
        #expect(throws: DataError.self) { let _: NodeKey = try r.key(&seen, "x") }
      }
    }
  }
}
