import FolioRemoteCache
import FolioStorage
import Foundation

/// The runtime compiled once per toolchain into the book's cache, as a module and a static
/// library, so that a chapter's program compiles only its own code.
struct RuntimeLibrary: Sendable {
    /// The folder holding `FolioRuntime.swiftmodule` and `libFolioRuntime.a`.
    let directory: String
    /// A hash of the runtime's source, the compiler and the flags: part of every cache key.
    let fingerprint: String

    /// Flags every chapter program and the runtime are compiled with. Swift 5 mode: top-level
    /// notebook code that reads a global from a function is an error under Swift 6's checks.
    static let languageFlags = ["-swift-version", "5"]

    /// How the runtime itself is compiled: unoptimized, which compiles in a fifth of `-O`'s time
    /// (a fresh machine's first render waited 4.2 s for `-O`), while the cells lose nothing they
    /// can see: figures are drawn by Folio, and a chapter's program runs in hundredths of a second
    /// either way (measured in the README). Frame pointers kept, so that a trap inside it (a
    /// `Line` whose x and y differ in length) is walked back to the cell that called.
    static let optimization = ["-Onone", "-Xcc", "-fno-omit-frame-pointer"]

    /// Its files compiled side by side, one job per core; not part of the key (the same output).
    static var parallelism: [String] {
        ["-j", String(max(1, ProcessInfo.processInfo.activeProcessorCount))]
    }

    /// The toolchain (its version and target), the flags and the runtime's source, hashed: the
    /// runtime's key in the remote cache too.
    static func fingerprint(toolchain: Toolchain) -> String {
        Digest.of(["folio-runtime-2", toolchain.version, toolchain.target ?? "", (languageFlags + optimization).joined(separator: " ")]
            + RuntimeSource.files.flatMap { [$0.name, $0.text] })
    }

    /// Where the runtime for `toolchain` is, or will be once built: nothing is built.
    static func locate(cache: String, toolchain: Toolchain) -> RuntimeLibrary {
        let fingerprint = fingerprint(toolchain: toolchain)
        return RuntimeLibrary(directory: "\(cache)/runtime/\(fingerprint.prefix(16))", fingerprint: fingerprint)
    }

    var isBuilt: Bool {
        FileManager.default.fileExists(atPath: directory + "/libFolioRuntime.a")
    }

    /// The compiled runtime for `toolchain`: the cache's; else the remote cache's, fetched; else
    /// compiled here, and stored in the remote cache for the next machine.
    static func ensure(cache: String, toolchain: Toolchain, remote: RemoteCache? = nil) throws(EvaluationError) -> RuntimeLibrary {
        let library = locate(cache: cache, toolchain: toolchain)
        let directory = library.directory
        if library.isBuilt { return library }

        // Built beside its final place and renamed into it, so a half-built runtime is never used
        // and two renders building it at once do not trip over each other.
        let staging = "\(cache)/runtime/.staging-\(TemporaryFiles.folderName())"
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .cacheUnwritable(path: staging, reason: error.systemReason)
        }
        defer { try? FileManager.default.removeItem(atPath: staging) }
        if let remote, let files = remote.fetch(library.fingerprint), files["libFolioRuntime.a"] != nil,
           Self.write(files, into: staging) {
            try place(staging, at: directory)
            return library
        }
        do {
            for file in RuntimeSource.files {
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: "\(staging)/\(file.name)"))
            }
        } catch {
            throw .cacheUnwritable(path: staging, reason: error.systemReason)
        }
        let sources = RuntimeSource.files.map { "\(staging)/\($0.name)" }
        let arguments = languageFlags + ["-parse-as-library", "-emit-library", "-static", "-emit-module", "-module-name", "FolioRuntime",
                                         ] + optimization + parallelism + ["-o", "\(staging)/libFolioRuntime.a", "-emit-module-path", "\(staging)/FolioRuntime.swiftmodule"] + sources
        let result = try ProcessRunner.run(toolchain.swiftc, arguments, timeout: 600)
        guard result.status == 0 else {
            throw .runtimeDoesNotCompile(output: String(decoding: result.standardError + result.standardOutput, as: UTF8.self))
        }
        for source in sources { try? FileManager.default.removeItem(atPath: source) }
        if let remote, !remote.readOnly {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).sorted()
            let files = names.compactMap { name in
                (try? Data(contentsOf: URL(fileURLWithPath: "\(staging)/\(name)"))).map { (path: name, bytes: [UInt8]($0)) }
            }
            if files.count == names.count { remote.store(files, under: library.fingerprint) }
        }
        try place(staging, at: directory)
        return library
    }

    /// Renames the staged runtime into its place; another render that placed it first is as good.
    private static func place(_ staging: String, at directory: String) throws(EvaluationError) {
        try? FileManager.default.createDirectory(atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if rename(staging, directory) != 0, !FileManager.default.fileExists(atPath: directory + "/libFolioRuntime.a") {
            throw .cacheUnwritable(path: directory, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes fetched files into `folder`; only plain names, so an entry cannot write elsewhere.
    private static func write(_ files: [String: [UInt8]], into folder: String) -> Bool {
        for (name, bytes) in files {
            guard !name.isEmpty, !name.contains("/"), name != ".", name != "..",
                  FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(bytes)) else { return false }
        }
        return true
    }
}
