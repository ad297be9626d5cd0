#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dashboard
import Platform
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
    let me = try global.identity(in: path)
    // Locked before reading, like every writer. When another chuangwen
    // holds it, or the folder cannot be written (a read-only USB stick),
    // it is browsed read-only, watched, and taken once it is free.
    var ws: Workspace
    do {
      ws = try Workspace.open(path, lock: LockRequest(command: "dashboard", wait: 0, at: global.timestamp), copiesLater: true)
    } catch {
      switch error {
      case .busy, .cannotCreate, .io: ws = try Workspace.open(path, copiesLater: true)
      default: throw error
      }
    }
    printWarnings(ws)
    // The large journals' copies this open would have written (a journal
    // read whole: the first open after it grew): written after the first
    // frame, on a thread of their own, so the frame does not wait for them.
    let copies = ws.takeJournalCopies()
    var copying: WorkerThread?, copiesStarted = copies.isEmpty
    let config = DashboardConfig(
      lang: global.language,
      role: try global.role(in: ws, for: me),
      user: me.user, device: me.device, today: global.day, readOnly: !ws.isLocked,
      idPrefix: me.device + "-" + String(Clock.milliseconds, radix: 36))
    let campaign = ws.handOver()
    // Its nodes' shares counted on two threads (a million nodes: 45 ms on one).
    let rollup = Rollup(campaign, today: config.today, running: WorkerThread.together)
    // Consumed: a second reference would make the first change copy the nodes.
    // The history stays where it was read; it is indexed after the first
    // frame (below).
    var state = State(campaign: consume campaign, events: ws.handOverEvents(), config: config,
                      stamper: ws.stamper, rollup: rollup)
    // For the end-to-end tests: a small tree's searches and lists are
    // made in slices between keys too, as a large tree's are.
    if let n = Environment.value("CHUANGWEN_WORK_PER_KEY").flatMap({ Int($0) }), n >= 0 { state.workPerKey = n }
    var lastWatch = Clock.nanoseconds

    /// Read-only: takes the workspace once its holder is gone, or shows
    /// what the holder wrote since. At most once a second.
    func watch() -> Action? {
      guard state.config.readOnly, Clock.nanoseconds - lastWatch >= 1_000_000_000 else { return nil }
      lastWatch = Clock.nanoseconds
      var reloaded: Action? = nil
      do {
        if try ws.lock(command: "dashboard", at: global.timestamp) {
          reloaded = .reloaded(ws.handOver(), history: ws.handOverHistory(), stamper: ws.stamper, readOnly: false)
        } else if try ws.refresh() {
          reloaded = .reloaded(ws.handOver(), history: ws.handOverHistory(), stamper: ws.stamper, readOnly: true)
        }
      } catch {
        // A folder that cannot be written, or files caught mid-change:
        // stay as shown and look again in a second.
      }
      return reloaded
    }
    let terminal = Terminal()
    try terminal.start()
    defer { terminal.stop() }
    var size = terminal.size

    /// Runs what `update` asked for; true when the dashboard should quit.
    func perform(_ effects: [Effect]) -> Bool {
      for effect in effects {
        switch effect {
        case .quit:
          return true
        case .keepEvidence(let node, let path, let caption):
          // The file is read and kept here (the workspace touches files);
          // the state journals it when told.
          let name = String(path.split(separator: "/").last ?? Substring(path)).withoutControls()
          let action: Action
          do {
            let kept = try ws.storeEvidence(from: path, limit: state.campaign.evidenceLimit)
            action = .kept(node: node, name: name, caption: caption, hash: kept.hash, size: kept.size)
          } catch {
            action = .notKept(error.brief)
          }
          if perform(update(&state, action)) { return true }
        case .record(var event):
          event.at = global.timestamp
          do {
            if perform(update(&state, .recorded(try ws.append([event])[0]))) { return true }
          } catch {
            if perform(update(&state, .saveFailed(error.brief, next: ws.stamper))) { return true }
          }
        }
      }
      return false
    }

    if perform(update(&state, .resize(width: size.width, height: size.height))) { return }
    loop: while true {
      terminal.draw(view(state, width: size.width, height: size.height))
      if !copiesStarted {
        copiesStarted = true
        copying = WorkerThread.start { copies.write() }
      }
      if let reloaded = watch(), perform(update(&state, reloaded)) { break loop }
      // Work done in slices (a search, a filter, a list view's rows, the
      // progress chart) goes on while no key waits: one slice, then the
      // frame, then look for a key again. It reads the campaign where it
      // stands, so a change made meanwhile copies nothing.
      // What the open left (the replay's stamps settled, each node's
      // events indexed) is done in slices too, each after a
      // millisecond's wait for a key: work begun at once after a draw
      // held back the pty's delivery of the frame (first of all the first
      // frame's). The events stay the journals' own: the first change
      // this laptop journals copies its journal's events once (the
      // workspace appends to an array the history still shares).
      let slicing = state.hasSlices, opening = state.openingLeft
      let next = terminal.readKey(timeoutMilliseconds: slicing ? 0 : opening ? 1 : 1000)
      guard var key = next else {
        if slicing || opening, perform(update(&state, .slice)) { break loop }
        continue
      }
      // Take every key already waiting (a paste, a fast typist, line noise)
      // before drawing again: one frame for the burst, not one per key.
      var taken = 0
      while true {
        if case .resize(let w, let h) = key {
          size = (w, h)
          if perform(update(&state, .resize(width: w, height: h))) { break loop }
        } else if perform(update(&state, .key(key))) { break loop }
        taken += 1
        guard taken < 4096, let next = terminal.readKey(timeoutMilliseconds: 0) else { break }
        key = next
      }
    }
    // Quit: the terminal given back, the copies' writing given up (a copy
    // half-written is removed; the next open writes it), then the process
    // ends holding the plan and its history (every change is journaled
    // already).
    terminal.stop()
    copies.stop()
    copying?.join()
    System.finish(holding: (ws, state))
  }
}
