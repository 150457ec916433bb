import Foundation

/// A book in a fresh temporary folder, for end-to-end tests.
struct TemporaryBook {
    let root: String

    init(_ chapters: [String: [UInt8]]) throws {
        root = NSTemporaryDirectory() + "folio-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/chapters", withIntermediateDirectories: true)
        for (name, bytes) in chapters {
            try Data(bytes).write(to: URL(fileURLWithPath: root + "/chapters/" + name))
        }
    }

    init(_ chapters: [String: String]) throws {
        try self.init(chapters.mapValues { Array($0.utf8) })
    }

    /// An empty folder with no chapters/ in it.
    static func empty() throws -> TemporaryBook {
        let book = try TemporaryBook([String: String]())
        try FileManager.default.removeItem(atPath: book.root + "/chapters")
        return book
    }

    func file(_ path: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes `text` to `path` in the book, creating its folder.
    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func files(in directory: String) -> [String] {
        let path = root + "/" + directory
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { !FileSystemTest.isDirectory(path + "/" + $0) }.sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

enum FileSystemTest {
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

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
