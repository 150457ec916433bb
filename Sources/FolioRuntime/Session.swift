import Foundation

// Compiled in Swift 5 mode, as chapter programs are: it uses C's `stdout`.

/// The running chapter program's side of the protocol with Folio: which cell is running,
/// where its standard output starts and ends, and what it showed. The generated program calls
/// the `_folio…` hooks; cells never need to.
enum Session {
    nonisolated(unsafe) static var currentCell = -1

    /// The byte offset of standard output, which Folio points at a file, after flushing it.
    static func outputOffset() -> Int {
        fflush(nil)
        return Int(lseek(STDOUT_FILENO, 0, SEEK_CUR))
    }

    /// The byte offset of standard error, which Folio points at a file too.
    static func errorOffset() -> Int {
        Int(lseek(STDERR_FILENO, 0, SEEK_CUR))
    }

    static func display(_ fields: KeyValuePairs<String, JSON>) {
        var message: [(String, JSON)] = [("t", .string("show")), ("cell", .integer(currentCell)), ("out", .integer(outputOffset()))]
        message += fields.map { ($0.key, $0.value) }
        Channel.sink(JSON.object(message).encoded)
    }
}

/// Starts the program in `directory`: numbers get `digits` significant digits, output files are
/// capped, and writing past the cap fails instead of killing the program.
public func _folioStart(digits: Int, directory: String) {
    ValueFormatter.digits = digits
    _ = chdir(directory)
    // Line by line, so a cell that traps keeps what it printed before.
    setvbuf(stdout, nil, _IOLBF, 0)
    var limit = rlimit(rlim_cur: 256 << 20, rlim_max: 256 << 20)
    setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit)
    signal(SIGXFSZ, SIG_IGN)
    Watchdog.start()
}

/// Ends the program, and every process its cells started, when Folio is gone — even when
/// Folio was killed with SIGKILL and could not end them itself. Folio names its process id in
/// `FOLIO_PARENT_PID`; a thread looks ten times a second whether it is still the parent.
enum Watchdog {
    static func start() {
        guard let value = ProcessInfo.processInfo.environment["FOLIO_PARENT_PID"], let folio = pid_t(value) else { return }
        guard getppid() == folio else { endSelfAndDescendants() }
        Thread.detachNewThread {
            while getppid() == folio { usleep(100_000) }
            endSelfAndDescendants()
        }
    }

    static func endSelfAndDescendants() -> Never {
        endDescendants()
        _exit(143)
    }

    /// Kills every process below this one: what cells started, in their own process groups
    /// (Foundation's `Process` makes one per child) or not.
    static func endDescendants() {
        var children: [pid_t: [pid_t]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let text = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")") else { continue }
            let fields = text[text.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { children[parent, default: []].append(pid) }
        }
        var pending = children[getpid()] ?? []
        while let pid = pending.popLast() {
            kill(pid, SIGKILL)
            pending += children[pid] ?? []
        }
    }
}

/// Marks the start of cell `cell`.
public func _folioBeginCell(_ cell: Int) {
    Session.currentCell = cell
    Channel.send(["t": .string("begin"), "cell": .integer(cell), "out": .integer(Session.outputOffset()),
                  "err": .integer(Session.errorOffset())])
}

/// Marks the end of cell `cell`.
public func _folioEndCell(_ cell: Int) {
    Channel.send(["t": .string("end"), "cell": .integer(cell), "out": .integer(Session.outputOffset()),
                  "err": .integer(Session.errorOffset())])
    Session.currentCell = -1
}

/// Reports the value of inline expression `id`.
public func _folioInline(_ id: Int, _ value: Any) {
    Channel.send(["t": .string("inline"), "id": .integer(id), "value": .string(ValueFormatter.format(value))])
}

/// Marks the end of the program: every cell ran. Processes cells started end with it.
public func _folioFinish() {
    fflush(nil)
    Channel.send(["t": .string("done")])
    Watchdog.endDescendants()
}

/// Runs a cell marked `error: true`, whose failure is expected: in a child process, so that a
/// trap ends only the child. If the cell completes, the child goes on as the program and this
/// process waits for it and exits as it does. If the child dies in the cell, its error is
/// reported and this process goes on with the next cell.
public func _folioIsolated(_ cell: Int, _ body: () throws -> Void) {
    _folioBeginCell(cell)
    var completion: [Int32] = [0, 0]
    let errorPath = NSTemporaryDirectory() + "folio-cell-\(getpid())-\(cell).stderr"
    let errorFile = open(errorPath, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    guard pipe(&completion) == 0, errorFile >= 0 else {
        run(cell, body)
        return
    }
    fflush(nil)
    fflush(nil)
    let child = fork()
    if child == 0 {
        close(completion[0])
        let savedError = dup(STDERR_FILENO)
        dup2(errorFile, STDERR_FILENO)
        run(cell, body)
        fflush(nil)
        dup2(savedError, STDERR_FILENO)
        var done: UInt8 = 1
        _ = write(completion[1], &done, 1)
        close(completion[1])
        return
    }
    close(completion[1])
    var done: UInt8 = 0
    let completed = child > 0 && read(completion[0], &done, 1) == 1
    close(completion[0])
    var status: Int32 = 0
    if child > 0 { waitpid(child, &status, 0) }
    if completed {
        // The child finished the cell and ran the rest of the program: end as it ended.
        unlink(errorPath)
        _exit(status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }
    // The child's last 64 KB of standard error hold the runtime's message; Folio reads it with
    // the child's crash report (named by its pid) to say what trapped and where.
    let size = lseek(errorFile, 0, SEEK_END)
    lseek(errorFile, max(0, size - 65_536), SEEK_SET)
    let captured = FileHandle(fileDescriptor: errorFile, closeOnDealloc: true).readDataToEndOfFile()
    unlink(errorPath)
    guard child > 0 else {
        Channel.send(["t": .string("error"), "cell": .integer(cell), "message": .string("could not start a process for the cell")])
        _folioEndCell(cell)
        return
    }
    let signal = status & 0x7f
    Channel.send(["t": .string("trap"), "cell": .integer(cell), "pid": .integer(Int(child)),
                  "status": .integer(Int(signal != 0 ? 128 + signal : (status >> 8) & 0xff)),
                  "stderr": .string(String(decoding: captured, as: UTF8.self))])
    _folioEndCell(cell)
}

/// Runs `body` as cell `cell`, reporting a thrown error as the cell's error.
private func run(_ cell: Int, _ body: () throws -> Void) {
    do {
        try body()
    } catch {
        Channel.send(["t": .string("error"), "cell": .integer(cell), "message": .string("\(error)")])
    }
    _folioEndCell(cell)
}
