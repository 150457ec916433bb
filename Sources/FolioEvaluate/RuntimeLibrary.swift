import FolioStorage
import Foundation

/// The runtime compiled once per toolchain into the book's cache, as a module and a static
/// library, so that a chapter's program compiles only its own code.
struct RuntimeLibrary {
    /// The folder holding `FolioRuntime.swiftmodule` and `libFolioRuntime.a`.
    let directory: String
    /// A hash of the runtime's source, the compiler and the flags: part of every cache key.
    let fingerprint: String

    /// Flags every chapter program and the runtime are compiled with. Swift 5 mode: top-level
    /// notebook code that reads a global from a function is an error under Swift 6's checks.
    static let languageFlags = ["-swift-version", "5"]

    /// How the runtime itself is compiled: optimized, but keeping frame pointers, so that a trap
    /// inside it (a `Line` whose x and y differ in length) is walked back to the cell that called.
    static let optimization = ["-O", "-Xcc", "-fno-omit-frame-pointer"]

    static func fingerprint(toolchain: Toolchain) -> String {
        Digest.of(["folio-runtime-1", toolchain.version, (languageFlags + optimization).joined(separator: " ")]
            + RuntimeSource.files.flatMap { [$0.name, $0.text] })
    }

    /// The compiled runtime for `toolchain`, building it if the cache has none.
    static func ensure(cache: String, toolchain: Toolchain) throws(EvaluationError) -> RuntimeLibrary {
        let fingerprint = fingerprint(toolchain: toolchain)
        let directory = "\(cache)/runtime/\(fingerprint.prefix(16))"
        let library = RuntimeLibrary(directory: directory, fingerprint: fingerprint)
        if FileManager.default.fileExists(atPath: directory + "/libFolioRuntime.a") { return library }

        // Built beside its final place and renamed into it, so a half-built runtime is never used
        // and two renders building it at once do not trip over each other.
        let staging = "\(cache)/runtime/.staging-\(TemporaryFiles.folderName())"
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for file in RuntimeSource.files {
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: "\(staging)/\(file.name)"))
            }
        } catch {
            throw .cacheUnwritable(path: staging, reason: error.systemReason)
        }
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let sources = RuntimeSource.files.map { "\(staging)/\($0.name)" }
        let arguments = languageFlags + ["-parse-as-library", "-emit-library", "-static", "-emit-module", "-module-name", "FolioRuntime",
                                         ] + optimization + ["-o", "\(staging)/libFolioRuntime.a", "-emit-module-path", "\(staging)/FolioRuntime.swiftmodule"] + sources
        let result = try ProcessRunner.run(toolchain.swiftc, arguments, timeout: 600)
        guard result.status == 0 else {
            throw .runtimeDoesNotCompile(output: String(decoding: result.standardError + result.standardOutput, as: UTF8.self))
        }
        for source in sources { try? FileManager.default.removeItem(atPath: source) }
        try? FileManager.default.createDirectory(atPath: "\(cache)/runtime", withIntermediateDirectories: true)
        if rename(staging, directory) != 0, !FileManager.default.fileExists(atPath: directory + "/libFolioRuntime.a") {
            throw .cacheUnwritable(path: directory, reason: String(cString: strerror(errno)))
        }
        return library
    }
}
