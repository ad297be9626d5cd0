import Dashboard
import Domain
import TerminalUI
import TextScreen
import WorkspaceFiles

/// The app loop: draws the dashboard's view, turns keys into actions, and
/// runs the effects `update` returns (journal appends) against the
/// workspace. The only place where the pure dashboard meets files and the
/// terminal.
enum DashboardApp {
  static func run(_ path: String, global: GlobalOptions) throws {
    let me = try global.identity()
    // Locked before reading, like every writer. When another chuangwen
    // holds it, or the folder cannot be written (a read-only USB stick),
    // it is browsed read-only, watched, and taken once it is free.
    var ws: Workspace
    do {
      ws = try Workspace.open(path, lock: LockRequest(command: "dashboard", wait: 0, at: global.timestamp))
    } catch {
      switch error {
      case .busy, .cannotCreate, .io: ws = try Workspace.open(path)
      default: throw error
      }
    }
    printWarnings(ws)
    let config = DashboardConfig(
      lang: global.language,
      role: global.role,
      user: me.user, device: me.device, today: global.day, readOnly: !ws.isLocked,
      idPrefix: me.device + "-" + String(System.milliseconds, radix: 36))
    var state = State(campaign: ws.handOver(), history: ws.handOverHistory(), config: config, stamper: ws.stamper)
    var lastWatch = System.uptimeNanoseconds

    /// Read-only: takes the workspace once its holder is gone, or shows
    /// what the holder wrote since. At most once a second.
    func watch() {
      guard state.config.readOnly, System.uptimeNanoseconds - lastWatch >= 1_000_000_000 else { return }
      lastWatch = System.uptimeNanoseconds
      do {
        if try ws.lock(command: "dashboard", at: global.timestamp) {
          _ = update(&state, .reloaded(ws.handOver(), history: ws.handOverHistory(), stamper: ws.stamper, readOnly: false))
        } else if try ws.refresh() {
          _ = update(&state, .reloaded(ws.handOver(), history: ws.handOverHistory(), stamper: ws.stamper, readOnly: true))
        }
      } catch {
        // A folder that cannot be written, or files caught mid-change:
        // stay as shown and look again in a second.
      }
    }
    let terminal = Terminal()
    try terminal.start()
    defer { terminal.stop() }
    var size = terminal.size
    _ = update(&state, .resize(width: size.width, height: size.height))

    /// Runs a key's effects; true when the dashboard should quit.
    func handle(_ key: Key) -> Bool {
      for effect in update(&state, .key(key)) {
        switch effect {
        case .quit:
          return true
        case .record(var event):
          event.at = global.timestamp
          do {
            _ = update(&state, .recorded(try ws.append([event])[0]))
          } catch {
            _ = update(&state, .saveFailed(error.brief, next: ws.stamper))
          }
        }
      }
      return false
    }

    loop: while true {
      terminal.draw(view(state, width: size.width, height: size.height))
      watch()
      guard var key = terminal.readKey(timeoutMilliseconds: 1000) else { continue }
      // Take every key already waiting (a paste, a fast typist, line noise)
      // before drawing again: one frame for the burst, not one per key.
      var taken = 0
      while true {
        if case .resize(let w, let h) = key {
          size = (w, h)
          _ = update(&state, .resize(width: w, height: h))
        } else if handle(key) { break loop }
        taken += 1
        guard taken < 4096, let next = terminal.readKey(timeoutMilliseconds: 0) else { break }
        key = next
      }
    }
  }
}
