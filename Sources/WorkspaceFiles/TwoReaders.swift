#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Domain
import Platform

/// campaign.json read by two threads, one from each half: on this
/// machine's two cores a million nodes open in about half the time.
///
/// The second reader starts at the first line past the middle that opens
/// a node (`{"id"`, as our files are written: one node a line). The first
/// reads from the top and stops at the first node at or past that point.
/// Only when it stops exactly there was the guess a node's start, and the
/// two halves are joined; otherwise (a file laid out some other way, or a
/// damaged second half) the first reader goes on alone through the rest,
/// so the answer is always the one reader's answer.
///
/// Both write their nodes straight into one array: the first from its
/// start, the second from a point far enough on, and its nodes are then
/// moved down behind the first's (a page at a time, handing each emptied
/// page back), so no second copy of the nodes is ever held.
extension CampaignReader {
  /// Below this a second thread costs more than it saves.
  static let twoThreadsFrom = 4 << 20

  /// nil when the file could not be read this way, or holds an error: the
  /// caller then reads it with one reader, whose first error is the one
  /// to report. `joined` tells the tests whether the halves met.
  static func decodeInTwo(_ path: String, _ first: FileWindow, lookahead: Int) -> (campaign: Campaign, joined: Bool)? {
    let size = first.fileSize
    // Only enough of the second half to find where it starts: the rest
    // of its window is read by its own thread (a few milliseconds at
    // 100,000 nodes that the first reader need not wait for).
    guard let second = FileWindow(path: path, size: first.capacity, offset: size / 2, firstRead: 256 << 10),
      !second.failed,
      let start = nodeLine(in: second) ?? (second.slide(from: 0, want: 0) ? nodeLine(in: second) : nil)
    else { return nil }
    let split = second.offset + start
    // Room for nodes of 64 bytes and more (ours take about 220): untouched
    // capacity costs address space, not memory.
    let capacity = size / 64 + 16
    let secondAt = Int(Double(capacity) * Double(split) / Double(size))
    var result: Parts? = nil
    var links = LinkBuilder()
    var met = false
    let nodes = [Node](unsafeUninitializedCapacity: capacity) { buffer, count in
      let base = buffer.baseAddress!
      let job = SecondHalf(window: second, from: start, lookahead: lookahead, sink: base + secondAt,
                           limit: capacity - secondAt)
      guard let thread = WorkerThread.start({ job.run() }) else {
        count = 0
        return
      }
      var r = CampaignReader(Reader(b: first.bytes, window: first, lookahead: lookahead))
      r.sink = base
      r.sinkLimit = secondAt
      r.stopAt = split
      let before: Parts
      do throws(DataError) {
        before = try r.top()
      } catch {
        thread.join()
        job.discard()
        base.deinitialize(count: r.sunk)
        count = 0
        return
      }
      thread.join()
      var parts: Parts? = nil
      if r.stopped && r.r.position == split, let after = job.parts, let joined = before.then(after) {
        // The halves meet: the second's links join the first's, and its
        // nodes move down behind the first's while the id table is made on
        // the other thread (from the ids' hashes: it reads no node).
        var both = LinkBuilder()
        swap(&both, &r.links)
        both.append(job.links)
        let tabling = WorkerThread.start { both.makeTable() }
        moveDown(base + secondAt, count: job.sunk, to: base + r.sunk)
        tabling?.join()
        r.links = both
        count = r.sunk + job.sunk
        parts = joined
        met = true
      } else {
        job.discard()
        if r.stopped {
          // The guess was not a node's start, or the second half did not
          // read: the first reader goes on alone.
          r.stopAt = nil
          r.stopped = false
          r.sinkLimit = capacity
          do throws(DataError) {
            parts = before.then(try r.tail())
          } catch {
            parts = nil
          }
        } else {
          parts = before
        }
        count = r.sunk
      }
      // Every member the campaign needs, from either half.
      if let p = parts, p.missing(at: 0) != nil { parts = nil }
      if parts == nil {
        base.deinitialize(count: count)
        count = 0
      }
      result = parts
      links = r.links
    }
    // Read: the windows' memory goes before the links are made.
    first.release()
    second.release()
    guard let result, let c = try? campaign(result, nodes: nodes, links: links.take()) else { return nil }
    return (c, met)
  }

  /// The offset in `w` of the first "{" that opens a line `{"id"` past its
  /// start (after the line break, spaces).
  static func nodeLine(in w: FileWindow) -> Int? {
    let b = w.bytes
    let opening = Array("{\"id\"".utf8)
    var k = 0
    while k < b.count {
      guard b[k] == 0x0A else { k += 1; continue }
      var j = k + 1
      while j < b.count && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
      if j + opening.count <= b.count && (0..<opening.count).allSatisfy({ b[j + $0] == opening[$0] }) { return j }
      k = j
    }
    return nil
  }

  /// Moves `count` nodes down from `from` to `to` (which is lower, the
  /// ranges may overlap), a chunk at a time, handing back each page the
  /// move has left empty, so the nodes never take twice their memory.
  static func moveDown(_ from: UnsafeMutablePointer<Node>, count: Int, to: UnsafeMutablePointer<Node>) {
    guard from != to, count > 0 else { return }
    let chunk = max(1, (1 << 20) / MemoryLayout<Node>.stride)
    var done = 0
    while done < count {
      let n = min(chunk, count - done)
      (to + done).moveInitialize(from: from + done, count: n)
      done += n
      // Empty now: from the end of what was moved in (or this chunk's
      // start) up to the end of this chunk's old place.
      let emptyFrom = max(UnsafeMutableRawPointer(to + count), UnsafeMutableRawPointer(from + done - n))
      FileIO.releasePages(from: emptyFrom, to: UnsafeMutableRawPointer(from + done))
    }
  }
}

/// The second reader's work and results, for its thread.
private final class SecondHalf: @unchecked Sendable {
  let window: FileWindow
  /// Where in `window` its first node starts.
  let from: Int
  let lookahead: Int
  let sink: UnsafeMutablePointer<Node>
  let limit: Int
  /// Set when it read to the file's end.
  var parts: CampaignReader.Parts?
  var sunk = 0
  var links = LinkBuilder()

  init(window: FileWindow, from: Int, lookahead: Int, sink: UnsafeMutablePointer<Node>, limit: Int) {
    self.window = window
    self.from = from
    self.lookahead = lookahead
    self.sink = sink
    self.limit = limit
  }

  func run() {
    // Reads the rest of the window; a failed read leaves the halves
    // unjoined, and the first reader goes on alone.
    guard window.slide(from: from, want: 0) else { return }
    var r = CampaignReader(Reader(b: window.bytes, window: window, lookahead: lookahead))
    r.sink = sink
    r.sinkLimit = limit
    do throws(DataError) {
      parts = try r.tail()
    } catch {
      parts = nil
    }
    sunk = r.sunk
    links = r.links
    if parts == nil { discard() }
  }

  /// Drops the nodes it wrote.
  func discard() {
    sink.deinitialize(count: sunk)
    sunk = 0
    parts = nil
  }
}
