import Domain

/// Two histories of one device: a laptop copied whole (its key with it)
/// and worked on as two. A merge no longer refuses them: the other
/// history is kept beside the device's journal as a branch file,
///
///     journal/<device>@<id>.jsonl
///
/// holding its lines from the first one that differs; `id` is the first
/// 12 hex digits of that line's SHA-256, so every copy names a history
/// alike, whichever file holds it. Both are replayed until a coordinator
/// keeps one (`chuangwen fork DIR DEVICE --keep ID`, a journaled
/// `fork.keep`); the other's lines from where they part are then void.
enum Branches {
  static func isID(_ s: String) -> Bool { Hex.isHex(s, count: 12) }

  /// A history's id: its first line of its own.
  static func id<C: Collection>(ofLine line: C) -> String where C.Element == UInt8 {
    String(Journal.hash(line).prefix(12))
  }

  /// `lap-a@0123456789ab.jsonl` → ("lap-a", "0123456789ab").
  static func parse(_ name: String) -> (device: String, id: String)? {
    guard name.hasSuffix(".jsonl"), let at = name.firstIndex(of: "@") else { return nil }
    return (String(name[..<at]), String(name[name.index(after: at)...].dropLast(6)))
  }

  static func fileName(device: String, id: String) -> String { device + "@" + id + ".jsonl" }
}

/// Where two or more histories of one device part, as `verify` and
/// `merge` report it.
public struct Fork: Equatable, Sendable {
  public var device: String
  /// The first seq where they differ.
  public var seq: Int
  /// This copy's own history of the device (its journal file), first.
  public var histories: [String]
  /// Lines of each history from where it parts.
  public var counts: [Int]
  /// The history a coordinator kept, once decided.
  public var kept: String?
}

extension Workspace {
  /// Reads a branch file and checks where it parts from `main`.
  static func readBranch(path: String, device: String, id: String, main: JournalFile, mainBytes: [UInt8],
                         verify: Bool, diagnostics: inout [Diagnostic]) throws(WorkspaceError) -> JournalFile? {
    func refuse(_ why: String) -> JournalFile? {
      diagnostics.append(Diagnostic(file: path, message: why))
      return nil
    }
    guard let bytes = try FileIO.read(path), !bytes.isEmpty else { return refuse("a fork file with no lines") }
    let firstLine = bytes.prefix { $0 != 0x0A }
    guard let first = try? CampaignReader.event(Array(firstLine)) else {
      return refuse("the first line of a fork file must be a journal line of device \(device)")
    }
    guard Branches.id(ofLine: firstLine) == id else {
      return refuse("a fork file is named by its first line's hash: expected \(Branches.fileName(device: device, id: Branches.id(ofLine: firstLine)))")
    }
    // Lines signed before the fork are the device's key's: so are the branch's.
    let key = main.key != nil && (main.signedFrom ?? 0) < first.seq ? main.key : nil
    var file = try Journal.read(path: path, displayPath: path, device: device,
                                base: Compaction.Mark(seq: first.seq - 1, hash: first.prev, key: key),
                                verify: verify, diagnostics: &diagnostics)
    file.branch = id
    file.forkSeq = first.seq
    // It must carry on the device's history where the two part.
    let folded = main.base?.seq ?? 0
    let before = first.seq - 1
    let parts: Bool
    if before == 0 {
      parts = first.prev == ""
    } else if before == folded {
      parts = main.base?.hash == first.prev
    } else if before > folded, before - folded <= main.lines.count {
      parts = Journal.hash(mainBytes[main.lines[before - folded - 1]]) == first.prev
    } else {
      parts = false
    }
    guard parts else { return refuse("this history of device \(device) does not carry on from its journal's line \(before)") }
    if first.seq > folded, first.seq - folded <= main.lines.count,
      Branches.id(ofLine: mainBytes[main.lines[first.seq - folded - 1]]) == id {
      return refuse("this history is the device's journal itself, not another one")
    }
    return file
  }

  /// The histories of each forked device, as this copy holds them.
  public var forks: [Fork] {
    var out: [Fork] = []
    let byDevice = Dictionary(grouping: branches.values, by: \.device)
    for device in byDevice.keys.sorted() {
      let list = byDevice[device]!.sorted { $0.branch! < $1.branch! }
      let main = journals[device]
      let seq = list.map(\.forkSeq).min()!
      let mainCount = main.map { $0.events.filter { $0.seq >= seq }.count } ?? 0
      out.append(Fork(device: device, seq: seq, histories: [main?.historyID ?? ""] + list.map { $0.branch! },
                      counts: [mainCount] + list.map(\.events.count), kept: forkDecisions[device]))
    }
    return out
  }

  /// The decisions (`fork.keep`) among `events` (in replay order), per
  /// device: the latest made by a coordinator, the roles followed through
  /// the events as replay follows them.
  static func forkDecisions<Events: Sequence<Event>>(_ events: Events, roles: Roles) -> [String: String] {
    var roles = roles
    var latest: [String: String] = [:]
    for e in events {
      switch e.op {
      case .setRole, .revoke, .keepBranch:
        guard roles.refusal(of: e) == nil else { continue }
        roles.apply(e.op, by: e.device, clock: e.clock)
        if case .keepBranch(let device, let branch) = e.op { latest[device] = branch }
      default:
        continue
      }
    }
    return latest
  }
}
