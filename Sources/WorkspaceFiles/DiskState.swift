#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the files of a workspace look like from outside, without reading
/// them: each one's identity, size and time of change. Two readings
/// differ when another process appended a line, compacted or merged; a
/// read-only dashboard compares them once a second.
struct DiskState: Equatable {
  struct Facts: Equatable {
    var inode: UInt64
    var size: Int64
    var changed: Int64

    init(_ st: stat) {
      inode = UInt64(st.st_ino)
      size = Int64(st.st_size)
      changed = Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec)
    }

    /// The three in one number (FNV-1a over them): what the open's copy
    /// keeps of the file it was made from, and of the build.
    var stamp: UInt64 {
      [inode, UInt64(bitPattern: size), UInt64(bitPattern: changed)].reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ $1) &* 0x100_0000_01b3 }
    }
  }

  /// The facts of the file at `path` (a link's own), nil when there is none.
  static func facts(_ path: String) -> Facts? {
    var st = stat()
    return lstat(path, &st) == 0 ? Facts(st) : nil
  }

  /// The facts of the file open at `fd`.
  static func facts(fd: Int32) -> Facts? {
    var st = stat()
    return fstat(fd, &st) == 0 ? Facts(st) : nil
  }
  var files: [String: Facts]

  static let none = DiskState(files: [:])

  init(files: [String: Facts]) { self.files = files }

  init(_ directory: String) {
    var files: [String: Facts] = [:]
    func look(_ name: String, _ path: String) {
      files[name] = DiskState.facts(path)
    }
    look(Workspace.campaignFileName, Workspace.join(directory, Workspace.campaignFileName))
    let folder = Workspace.join(directory, Workspace.journalFolderName)
    for name in FileIO.listDirectory(folder) where name.hasSuffix(".jsonl") {
      look(name, Workspace.join(folder, name))
    }
    self.files = files
  }
}
