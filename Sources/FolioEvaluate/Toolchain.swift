import Foundation

/// The Swift compiler Folio runs: `SWIFTC` if set, else `swiftc` on `PATH`, and its version,
/// which is part of every cache key.
public struct Toolchain: Sendable, Equatable {
    public var swiftc: String
    /// The first line of `swiftc --version`.
    public var version: String

    /// Flags for linking a chapter's program: LLVM's lld when the toolchain ships it beside
    /// swiftc, as Swift's Linux toolchains do. It links a chapter's program in a fraction of
    /// the system linker's time, which is a good part of a cold chapter.
    public var linkerFlags: [String] {
        let directory = (swiftc as NSString).resolvingSymlinksInPath
        let lld = ((directory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("ld.lld")
        return FileManager.default.isExecutableFile(atPath: lld) ? ["-use-ld=lld"] : []
    }

    /// Finds the compiler; `environment` is the process's unless a test says otherwise. Asking
    /// swiftc its version costs a tenth of a second, more than a whole warm render, so the answer
    /// is kept in `cacheDirectory` for as long as the compiler's file is the same.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment,
                            cacheDirectory: String? = nil) throws(EvaluationError) -> Toolchain {
        let path: String
        if let explicit = environment["SWIFTC"], !explicit.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: explicit) else { throw .compilerNotFound(searched: explicit) }
            path = explicit
        } else {
            let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
            guard let found = directories.map({ $0 + "/swiftc" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
                throw .compilerNotFound(searched: "swiftc on PATH")
            }
            path = found
        }
        let identity = fileIdentity(path)
        let remembered = cacheDirectory.map { "\($0)/toolchain.txt" }
        if let remembered, let identity, let text = try? String(contentsOfFile: remembered, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count >= 2, lines[0] == identity { return Toolchain(swiftc: path, version: String(lines[1])) }
        }
        let result = try ProcessRunner.run(path, ["--version"], timeout: 30)
        let version = String(decoding: result.standardError + result.standardOutput, as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? "unknown"
        if let remembered, let identity, let cacheDirectory {
            try? FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
            try? "\(identity)\n\(version)\n".write(toFile: remembered, atomically: true, encoding: .utf8)
        }
        return Toolchain(swiftc: path, version: version)
    }

    /// What changes when the compiler is replaced: the real file behind `path`, its size, its
    /// modification time and its inode.
    private static func fileIdentity(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        var info = stat()
        guard stat(real, &info) == 0 else { return nil }
        return "\(String(cString: real)) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }
}

/// Why a chapter could not be evaluated at all: the toolchain or the disk failed, not the code.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case compilerNotFound(searched: String)
    case cannotRun(path: String, reason: String)
    case cacheUnwritable(path: String, reason: String)
    case runtimeDoesNotCompile(output: String)

    public var description: String {
        switch self {
        case .compilerNotFound(let searched):
            return "error: no Swift compiler found (looked for \(searched)); install the Swift toolchain or set SWIFTC to swiftc's path"
        case .cannotRun(let path, let reason):
            return "error: cannot run '\(path)': \(reason)"
        case .cacheUnwritable(let path, let reason):
            return "\(path): error: cannot write the cache: \(reason)"
        case .runtimeDoesNotCompile(let output):
            return "error: Folio's runtime does not compile with this toolchain:\n\(output)"
        }
    }
}
