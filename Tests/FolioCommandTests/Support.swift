import FolioChecks
import Foundation

/// The result of running the built `folio` binary.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// One results cache for every test of a run, so the runtime is compiled once.
let testCache = NSTemporaryDirectory() + "folio-tests-cache-\(getpid())"

/// Runs the `folio` built beside this test bundle, in `directory`.
func folio(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = folioExecutable
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var merged = ProcessInfo.processInfo.environment
    merged["FOLIO_CACHE_DIR"] = testCache
    merged.merge(environment) { $1 }
    process.environment = merged
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are drained at once: a child that fills one while the other is read would block.
    let stderrReader = PipeReader(err)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = stderrReader.data()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
               stderr: String(decoding: stderr, as: UTF8.self))
}

/// `folio` sits in the build folder next to the test bundle.
let folioExecutable: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = directory.appendingPathComponent("folio")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/folio")
}()

/// The repository's root, found from this file's path.
let repositoryRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Reads a pipe to its end on a thread of its own.
final class PipeReader: @unchecked Sendable {
    private var contents = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        Thread.detachNewThread {
            self.contents = pipe.fileHandleForReading.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Everything the pipe carried, once it is closed.
    func data() -> Data {
        done.wait()
        return contents
    }
}
