import Foundation
import Synchronization

/// Every process Folio has started and not yet waited for, so that none outlives Folio: on
/// Ctrl-C, SIGTERM or SIGHUP they are ended with everything they started, and their build
/// folders removed, before Folio exits.
///
/// Folio makes itself a *child subreaper* (Linux's `PR_SET_CHILD_SUBREAPER`): a process that a
/// cell started and left behind — a program that trapped, a `Process` in a group of its own —
/// is handed to Folio instead of to init when its parent ends, so Folio can find and end it.
/// The other direction, Folio killed with SIGKILL, is the chapter program's to handle: its
/// runtime watches for Folio to go away and then ends itself and its descendants.
public enum RunningProcesses {
    private static let state = Mutex(State())

    private struct State {
        /// Process group leaders Folio spawned, still running.
        var groups: Set<pid_t> = []
        /// Folders that hold what a running chapter program was built from.
        var buildFolders: Set<String> = []
        var subreaper = false
    }

    /// Makes Folio the subreaper of what it starts, once, before its first spawn: for the `folio`
    /// command only. A process that embeds the library (a test runner) reaps its own children
    /// and would be handed orphans it never reaps.
    public static func adoptOrphans() {
        let first = state.withLock { state in
            defer { state.subreaper = true }
            return !state.subreaper
        }
        guard first else { return }
        // `prctl` is variadic, which Swift does not import; its integer arguments are passed as
        // in a plain call on the platforms Swift runs on.
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let symbol = dlsym(nil, "prctl") else { return }  // nil: RTLD_DEFAULT, every loaded library
        _ = unsafeBitCast(symbol, to: Prctl.self)(36, 1, 0, 0, 0)  // PR_SET_CHILD_SUBREAPER
    }

    /// Runs `spawn`, which starts a process and returns its id, and records the process, both
    /// under the lock that looking for orphans takes: a process just started is never taken for
    /// an orphan.
    static func start(_ spawn: () -> pid_t?) -> pid_t? {
        state.withLock { state in
            let pid = spawn()
            if let pid { state.groups.insert(pid) }
            return pid
        }
    }

    /// `pid` has ended: its group goes, and with it whatever it left behind in Folio's care.
    static func ended(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        state.withLock { _ = $0.groups.remove(pid) }
        endOrphans()
    }

    /// Records `pid`, the leader of a process group started outside this module (Chromium
    /// printing the PDF), and a scratch `folder` of its: a signal ends the group and removes the
    /// folder. `untrack` once the group has ended.
    public static func track(_ pid: pid_t, folder: String? = nil) {
        state.withLock { state in
            state.groups.insert(pid)
            if let folder { state.buildFolders.insert(folder) }
        }
    }

    /// `pid`, recorded with `track`, has ended with everything it started.
    public static func untrack(_ pid: pid_t, folder: String? = nil) {
        state.withLock { state in
            state.groups.remove(pid)
            if let folder { state.buildFolders.remove(folder) }
        }
    }

    static func building(in folder: String) {
        state.withLock { _ = $0.buildFolders.insert(folder) }
    }

    static func built(in folder: String) {
        state.withLock { _ = $0.buildFolders.remove(folder) }
    }

    /// Ends every running process Folio started, and what they started, and removes their build
    /// folders: for a signal that stops Folio, or a preview server shutting down.
    public static func endAll() {
        let (groups, folders) = state.withLock { state in
            defer { state.groups = []; state.buildFolders = [] }
            return (state.groups, state.buildFolders)
        }
        // Killed, not reaped: the thread that spawned each one waits for it. Their folders go once
        // they are gone, so that nothing writes into a folder being removed.
        // What a program started in a group of its own is still its child until the program has
        // exited, and only then Folio's orphan: both are looked for, before and after.
        for group in groups { kill(-group, SIGKILL) }
        let tree = ProcessTree.current()
        for group in groups {
            for process in tree.descendants(of: group) { kill(process, SIGKILL) }
        }
        endOrphans()
        let deadline = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
        while groups.contains(where: { kill(-$0, 0) == 0 }), DispatchTime.now().uptimeNanoseconds < deadline { usleep(1_000) }
        endOrphans()
        for folder in folders {
            for _ in 0..<3 where FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }

    /// Set in a chapter program's environment to Folio's process id: the runtime watches it, and
    /// every process the program starts inherits it, which marks them as the book's.
    public static let parentVariable = "FOLIO_PARENT_PID"

    /// Ends and reaps Folio's children that it did not spawn itself but a chapter program did:
    /// orphans handed to Folio as their subreaper, with everything below them. Children that
    /// something else in this process started (a test's `Process`) are left alone.
    private static func endOrphans() {
        let tree = ProcessTree.current()
        let own = getpid()
        let spawned = state.withLock { $0.groups }
        let mark = Array("\(parentVariable)=\(own)".utf8)
        for child in tree.children[own] ?? [] where !spawned.contains(child) {
            guard let environment = FileManager.default.contents(atPath: "/proc/\(child)/environ"),
                  environment.split(separator: 0).contains(where: { $0.elementsEqual(mark) }) else { continue }
            for process in tree.descendants(of: child) + [child] { kill(process, SIGKILL) }
            // Only this child is reaped: waiting for any child would take the exit status of a
            // process another thread (or a test framework) is waiting for.
            waitpid(child, nil, 0)
        }
    }

    /// Stops Folio on Ctrl-C, SIGTERM or SIGHUP: ends what it started, then exits with 128 plus
    /// the signal's number (130, 143, 129), as a shell does. For `render` and `check`.
    public static func exitOnSignals() {
        // The work may finish while the handler ends its processes (a killed program is an
        // error, and the command then exits 1): an exit while stopping waits for the handler's.
        atexit {
            while RunningProcesses.stopping.load(ordering: .acquiring) != 0 { usleep(10_000) }
        }
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                stopping.store(signal, ordering: .releasing)
                endAll()
                _exit(128 + signal)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that is stopping Folio, or 0.
    private static let stopping = Atomic<Int32>(0)

    /// Kept so the sources stay alive; set once, from the main thread, before work starts.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
}

/// Which process is whose child, read from `/proc`.
struct ProcessTree {
    var children: [pid_t: [pid_t]] = [:]

    static func current() -> ProcessTree {
        var tree = ProcessTree()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = FileManager.default.contents(atPath: "/proc/\(name)/stat") else { continue }
            // "pid (command) state ppid …": the command may hold spaces and parentheses.
            guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
            guard fields.count > 1, let parent = pid_t(String(decoding: fields[1], as: UTF8.self)) else { continue }
            tree.children[parent, default: []].append(pid)
        }
        return tree
    }

    /// Every process below `pid`, children before their children.
    func descendants(of pid: pid_t) -> [pid_t] {
        var found: [pid_t] = []
        var queue = children[pid] ?? []
        while let next = queue.popLast() {
            found.append(next)
            queue += children[next] ?? []
        }
        return found
    }
}
