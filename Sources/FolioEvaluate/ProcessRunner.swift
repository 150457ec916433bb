import Foundation

/// Runs a program with its standard streams in files, a time limit, and its own process group,
/// so that a program and everything it forks can be killed together.
enum ProcessRunner {
    struct Result {
        /// The exit status, or 128 + the signal that ended it.
        var status: Int32
        var timedOut: Bool
        var standardOutput: [UInt8]
        var standardError: [UInt8]
        var seconds: Double
        /// The process's id, which names its crash report.
        var pid: pid_t = 0
    }

    /// Runs `path` with `arguments`, reading its output into memory: for the compiler and
    /// other tools whose output is small.
    static func run(_ path: String, _ arguments: [String], timeout: Double) throws(EvaluationError) -> Result {
        let scratch = NSTemporaryDirectory() + "folio-run-\(UUID().uuidString)"
        let out = scratch + ".out"
        let err = scratch + ".err"
        defer {
            unlink(out)
            unlink(err)
        }
        var result = try spawn(path, arguments, standardOutput: out, standardError: err, channel: nil,
                               environment: nil, timeout: timeout)
        result.standardOutput = (try? Data(contentsOf: URL(fileURLWithPath: out))).map([UInt8].init) ?? []
        result.standardError = (try? Data(contentsOf: URL(fileURLWithPath: err))).map([UInt8].init) ?? []
        return result
    }

    /// Runs `path` with its standard output and error written to files, and, if `channel` is
    /// given, file descriptor 3 too. (glibc's spawn cannot change folder portably; programs that
    /// care change it themselves.) Waits at most `timeout` seconds, then kills the process group.
    static func spawn(_ path: String, _ arguments: [String], standardOutput: String, standardError: String,
                      channel: String?, environment: [String: String]?, timeout: Double) throws(EvaluationError) -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let channel {
            posix_spawn_file_actions_addopen(&actions, 3, channel, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }.sorted()
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environmentLines.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        var failure: Int32 = 0
        let spawned = RunningProcesses.start {
            failure = posix_spawn(&pid, path, &actions, &attributes, &argv, &envp)
            return failure == 0 ? pid : nil
        }
        guard spawned != nil else {
            throw .cannotRun(path: path, reason: String(cString: strerror(failure)))
        }

        let deadline = start + UInt64(timeout * 1e9)
        var status: Int32 = 0
        var timedOut = false
        var pause: UInt32 = 200
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { break }
            if DispatchTime.now().uptimeNanoseconds >= deadline {
                timedOut = true
                kill(-pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            // Short waits at first, where most programs end; longer ones after.
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
        // Children the program forked (isolated cells) go with it, and whatever it left behind.
        RunningProcesses.ended(pid)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let signal = status & 0x7f
        let exit = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Result(status: exit, timedOut: timedOut, standardOutput: [], standardError: [], seconds: seconds, pid: pid)
    }
}
