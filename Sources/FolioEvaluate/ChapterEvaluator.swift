import FolioModel
import FolioRemoteCache
import FolioStorage
import Foundation
import Synchronization

/// How chapters are evaluated.
public struct EvaluationSettings: Sendable {
    /// The book's root; programs run in `chapters/` and shared files are named relative to it.
    public var root: String
    /// The cache folder (`.folio-cache` at the root unless `FOLIO_CACHE_DIR` says otherwise).
    public var cacheDirectory: String
    /// How long a chapter's program may run, in seconds.
    public var timeout: Double
    /// swiftc warns at expressions whose type-checking takes longer than this, in milliseconds;
    /// `nil` turns the warning off.
    public var slowTypeCheckMilliseconds: Int?
    /// The cache shared between machines, asked after the local one and told what is computed.
    public var remote: RemoteCache?
    /// Whether results found in the local cache are stored in the remote one too: a shard's job
    /// is to leave every result of its chapters there, wherever it found them.
    public var publishesLocalResults = false
    /// The book's packages (`dependencies:` in `book.yml`), built; programs compile against them.
    public var dependencies: BuiltDependencies?
    /// Where the book declares dependencies that did not build: no chapter's code is run then.
    public var dependencyFailure: SourceLocation?

    public init(root: String, cacheDirectory: String, timeout: Double = 30, slowTypeCheckMilliseconds: Int? = 200,
                remote: RemoteCache? = nil) {
        self.root = root
        self.cacheDirectory = cacheDirectory
        self.timeout = timeout
        self.slowTypeCheckMilliseconds = slowTypeCheckMilliseconds
        self.remote = remote
    }
}

/// A chapter with its cells' results and inline values filled in, and what evaluating it found.
public struct Evaluation: Sendable {
    public var chapter: Chapter
    public var diagnostics: [Diagnostic]
    public var report: EvaluationReport
}

/// What evaluating one chapter did, for `--explain` and the progress line.
public struct EvaluationReport: Sendable, Equatable {
    /// Whether the program was run or its results came from the cache.
    public enum Outcome: Sendable, Equatable {
        /// The chapter has no code to run.
        case nothingToRun
        /// The cache held results for exactly this code.
        case reused
        /// The remote cache held them: another machine evaluated this code.
        case fetched
        /// The program was compiled and run; `reason` says why the cache could not serve.
        case evaluated(reason: String)
    }

    public var outcome: Outcome
    public var compileSeconds: Double
    public var runSeconds: Double

    public init(outcome: Outcome, compileSeconds: Double = 0, runSeconds: Double = 0) {
        self.outcome = outcome
        self.compileSeconds = compileSeconds
        self.runSeconds = runSeconds
    }
}

/// Runs a chapter's cells and inline expressions as one Swift program (SPEC 5): generates the
/// program, compiles it against the cached runtime, runs it with a time limit, and reads back
/// each cell's output over the structured channel. Results are cached by everything that can
/// change them, so a prose edit re-renders without the compiler.
public struct ChapterEvaluator: Sendable {
    let settings: EvaluationSettings
    let toolchain: Toolchain
    /// The runtime, once a chapter needed it: built (or fetched) by the first that did while the
    /// others wait, and by none when every chapter's results are cached.
    private let runtime = PreparedRuntime()
    /// Where the runtime is (or will be), and what every program is compiled with: the same for
    /// each chapter, so found once (hashing the runtime's source, looking for ld.lld).
    private let located: RuntimeLibrary
    private let flags: [String]

    public init(settings: EvaluationSettings, toolchain: Toolchain) {
        self.settings = settings
        self.toolchain = toolchain
        located = RuntimeLibrary.locate(cache: settings.cacheDirectory, toolchain: toolchain)
        // Line tables (`-gline-tables-only`) let the backtracer name a trap's line and column.
        var flags = RuntimeLibrary.languageFlags + ["-Onone", "-gline-tables-only", "-diagnostic-style=llvm", "-I", located.directory,
                                                    "-L", located.directory, "-lFolioRuntime"] + toolchain.linkerFlags
            + (settings.dependencies?.flags ?? [])
        if let limit = settings.slowTypeCheckMilliseconds {
            flags += ["-Xfrontend", "-warn-long-expression-type-checking=\(limit)"]
        }
        self.flags = flags
    }

    /// What every chapter's results depend on besides its own code: the compiler, the runtime
    /// and the flags. Pages built from reused results are as fresh as this.
    public var fingerprint: String {
        located.fingerprint + " type-check-warning=\(settings.slowTypeCheckMilliseconds ?? 0)"
            + (settings.dependencies.map { " dependencies=\($0.fingerprint)" } ?? "")
    }

    /// The runtime, compiled into the cache (or fetched from the remote cache) by the first
    /// chapter whose results are not cached.
    private func preparedRuntime() throws(EvaluationError) -> RuntimeLibrary {
        let result: Result<RuntimeLibrary, EvaluationError> = runtime.library.withLock { runtime in
            if let runtime { return .success(runtime) }
            do throws(EvaluationError) {
                let built = try RuntimeLibrary.ensure(cache: settings.cacheDirectory, toolchain: toolchain, remote: settings.remote)
                runtime = built
                return .success(built)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The chapter's results: the local cache's; else the remote cache's (kept locally too); else
    /// its program compiled and run here, the results stored in both caches.
    public func evaluate(_ chapter: Chapter, sharedFiles: [SharedFile]) throws(EvaluationError) -> Evaluation {
        let units = Program.units(of: chapter)
        guard !units.isEmpty else {
            return Evaluation(chapter: chapter, diagnostics: [], report: EvaluationReport(outcome: .nothingToRun, compileSeconds: 0, runSeconds: 0))
        }
        if let failure = settings.dependencyFailure {
            let place = units.first.map { SourceLocation(file: chapter.path, line: $0.base.line, column: $0.base.column) }
                ?? SourceLocation(file: chapter.path, line: 1, column: 1)
            return Evaluation(chapter: chapter, diagnostics: [.error("cell.not-run", "this chapter's code was not run: the book's dependencies did not build (\(failure.file):\(failure.line))", at: place)],
                              report: EvaluationReport(outcome: .nothingToRun))
        }
        // The key needs the runtime's identity, not the runtime: nothing is compiled for a hit.
        let cache = EvaluationCache(directory: settings.cacheDirectory)
        let key = CacheKey(chapter: chapter, units: units, sharedFiles: sharedFiles, runtime: located.fingerprint,
                           flags: flags, dependencies: settings.dependencies?.fingerprint ?? "")
        // What a cache holds, applied to the chapter.
        func reused(_ stored: StoredEvaluation, _ outcome: EvaluationReport.Outcome) -> Evaluation {
            Evaluation(chapter: stored.apply(to: chapter), diagnostics: stored.warnings(units: units, file: chapter.path),
                       report: EvaluationReport(outcome: outcome))
        }
        if let stored = cache.load(key) {
            if settings.publishesLocalResults, let remote = settings.remote, let bytes = EvaluationCache.encode(stored) {
                remote.store([(Self.resultsFile, bytes)], under: key.digest)
            }
            return reused(stored, .reused)
        }
        if let remote = settings.remote, let bytes = remote.fetch(key.digest)?[Self.resultsFile],
           let stored = EvaluationCache.decode(bytes), stored.fits(units) {
            cache.store(stored, bytes: bytes, for: key, chapter: chapter.path)
            return reused(stored, .fetched)
        }
        let reason = cache.reason(for: key, chapter: chapter.path)
        var evaluation = try run(chapter, units: units, sharedFiles: sharedFiles, runtime: try preparedRuntime())
        evaluation.report.outcome = .evaluated(reason: reason)
        if !evaluation.diagnostics.containsError {
            let stored = StoredEvaluation(evaluation: evaluation, units: units)
            let bytes = EvaluationCache.encode(stored)
            cache.store(stored, bytes: bytes, for: key, chapter: chapter.path)
            if let remote = settings.remote, let bytes { remote.store([(Self.resultsFile, bytes)], under: key.digest) }
        }
        return evaluation
    }

    /// The name of a chapter's results within its remote cache entry.
    static let resultsFile = "results.json"

    /// How long the chapter's last evaluation took here (or where its results were fetched from):
    /// what `--shard` balances.
    public func lastSeconds(chapter: String) -> Double? {
        EvaluationCache(directory: settings.cacheDirectory).lastSeconds(chapter: chapter)
    }

    /// Compiles and runs the chapter's program; no cache involved.
    func run(_ chapter: Chapter, units: [ProgramUnit], sharedFiles: [SharedFile], runtime: RuntimeLibrary) throws(EvaluationError) -> Evaluation {
        let root = Self.absolute(settings.root)
        let chapterDirectory = root + "/" + (chapter.path as NSString).deletingLastPathComponent
        let program = Program(chapter: chapter, directory: chapterDirectory)
        let build = "\(settings.cacheDirectory)/build/\(TemporaryFiles.folderName())"
        do {
            try FileManager.default.createDirectory(atPath: build, withIntermediateDirectories: true)
            try Data(program.source.utf8).write(to: URL(fileURLWithPath: "\(build)/main.swift"))
        } catch {
            throw .cacheUnwritable(path: build, reason: error.systemReason)
        }
        // FOLIO_KEEP_BUILD=1 keeps the generated program and its outputs, for looking at them.
        let keep = ProcessInfo.processInfo.environment["FOLIO_KEEP_BUILD"] == "1"
        if !keep { RunningProcesses.building(in: build) }
        defer {
            if !keep {
                try? FileManager.default.removeItem(atPath: build)
                RunningProcesses.built(in: build)
            }
        }

        let compile = try ProcessRunner.run(toolchain.swiftc, flags + ["\(build)/main.swift"]
                                            + sharedFiles.map { root + "/" + $0.path } + ["-o", "\(build)/program"],
                                            timeout: 600)
        // Shared files were named by absolute path; the author knows them relative to the book.
        var compilerOutput = String(decoding: compile.standardError + compile.standardOutput, as: UTF8.self)
        compilerOutput = compilerOutput.replacingOccurrences(of: root + "/", with: "")
        var diagnostics = CompilerDiagnostics(chapter: chapter, units: units, sharedFiles: sharedFiles).diagnostics(in: compilerOutput)
        for index in diagnostics.indices where diagnostics[index].message.hasPrefix("no such module '") {
            diagnostics[index].message += "; a cell imports what Folio, Foundation, the shared .swift files or a package listed under "
                + "'dependencies:' in chapters/book.yml provide"
        }
        guard compile.status == 0 else {
            // A compile that failed nowhere in the author's code, with the cache's disk full, is
            // the disk's fault: say so, not "link command failed" at line 1.
            if !diagnostics.contains(where: { $0.severity == .error && $0.location.line > 1 }), Self.freeBytes(at: build) < 16 << 20 {
                throw .cacheUnwritable(path: build, reason: String(cString: strerror(ENOSPC)))
            }
            if !diagnostics.containsError {
                diagnostics.append(.error("cell.compile-error", "the chapter's program did not compile", at: SourceLocation(file: chapter.path, line: 1, column: 1)))
            }
            return Evaluation(chapter: chapter, diagnostics: diagnostics,
                              report: EvaluationReport(outcome: .evaluated(reason: ""), compileSeconds: compile.seconds, runSeconds: 0))
        }

        var environment = ProcessInfo.processInfo.environment
        environment["FOLIO_CHANNEL_FD"] = "3"
        environment[RunningProcesses.parentVariable] = String(getpid())
        let crashReports = "\(build)/crashes"
        if (try? FileManager.default.createDirectory(atPath: crashReports, withIntermediateDirectories: true)) != nil {
            environment["SWIFT_BACKTRACE"] = Trap.backtracerSetting(reports: crashReports)
        }
        let run = try ProcessRunner.spawn("\(build)/program", [], standardOutput: "\(build)/stdout", standardError: "\(build)/stderr",
                                          channel: "\(build)/channel", environment: environment, timeout: settings.timeout)
        let channel = (try? Data(contentsOf: URL(fileURLWithPath: "\(build)/channel"))).map([UInt8].init) ?? []
        let outputHandle = FileHandle(forReadingAtPath: "\(build)/stdout")
        let outputSize = (try? FileManager.default.attributesOfItem(atPath: "\(build)/stdout")[.size] as? Int) ?? 0
        let errorsHandle = FileHandle(forReadingAtPath: "\(build)/stderr")
        let errorsSize = (try? FileManager.default.attributesOfItem(atPath: "\(build)/stderr")[.size] as? Int) ?? 0
        var results = RunResults(channel: channel, output: outputHandle, outputSize: outputSize,
                                 errors: errorsHandle, errorsSize: errorsSize)
        try? outputHandle?.close()
        try? errorsHandle?.close()

        // Traps: the program's own, and those of `error: true` cells, whose message readers see.
        let reports = results.finished && results.crashedCells.isEmpty ? [:] : Trap.reports(in: crashReports)
        var cellTraps: [Int: Trap] = [:]
        for (cell, crash) in results.crashedCells {
            let trap = Trap(standardError: crash.standardError, report: reports[crash.pid], status: crash.status)
                ?? Trap(message: "exited with status \(crash.status)", frames: [], onlySignal: true)
            cellTraps[cell] = trap
            results.cells[cell, default: CellResult()].error = trap.message
        }
        // After an `error: true` cell that completed, its process went on as the program: the
        // program's report is the one no crashed cell left.
        let cellPids = Set(results.crashedCells.values.map(\.pid))
        let programReport = reports[Int(run.pid)] ?? reports.first { !cellPids.contains($0.key) }?.value
        let programTrap = results.finished || run.timedOut
            ? nil : Trap(standardError: Self.tail(of: "\(build)/stderr"), report: programReport, status: run.status)
        diagnostics += RunDiagnostics(chapter: chapter, units: units, sharedFiles: sharedFiles, root: root, timeout: settings.timeout)
            .diagnostics(results: results, status: run.status, timedOut: run.timedOut, trap: programTrap, cellTraps: cellTraps)
        let evaluated = ResultsApplier.apply(cells: results.cells, values: results.values, to: chapter)
        return Evaluation(chapter: evaluated, diagnostics: diagnostics,
                          report: EvaluationReport(outcome: .evaluated(reason: ""), compileSeconds: compile.seconds, runSeconds: run.seconds))
    }

    /// The bytes free for this user on the file system holding `path`.
    static func freeBytes(at path: String) -> UInt64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return .max }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    /// `path` made absolute against the current folder.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let current = FileManager.default.currentDirectoryPath
        return path == "." ? current : joinPath(current, path)
    }

    /// The last 64 KB of a file: where a trap's message is.
    private static func tail(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 65_536 ? size - 65_536 : 0)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }
}

/// The runtime an evaluator built or fetched, shared by its copies.
private final class PreparedRuntime: Sendable {
    let library = Mutex<RuntimeLibrary?>(nil)
}
