import Foundation

/// The Swift compiler Folio runs: `SWIFTC` if set, else `swiftc` on `PATH`, and its version,
/// which is part of every cache key.
public struct Toolchain: Sendable, Equatable {
    public var swiftc: String
    /// The first line of `swiftc --version`.
    public var version: String
    /// The platform it compiles for (`x86_64-unknown-linux-gnu`), or `nil` when only its version
    /// is known.
    public var target: String?

    public init(swiftc: String, version: String, target: String? = nil) {
        self.swiftc = swiftc
        self.version = version
        self.target = target
    }

    /// Flags for linking a chapter's program: LLVM's lld when the toolchain ships it beside
    /// swiftc, as Swift's Linux toolchains do. It links a chapter's program in a fraction of
    /// the system linker's time, which is a good part of a cold chapter.
    public var linkerFlags: [String] {
        let directory = (swiftc as NSString).resolvingSymlinksInPath
        let lld = ((directory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("ld.lld")
        return FileManager.default.isExecutableFile(atPath: lld) ? ["-use-ld=lld"] : []
    }

    /// Finds the compiler; `environment` is the process's unless a test says otherwise. Its
    /// version is read from the toolchain's files (`identify`) without running it; a compiler
    /// without them beside it is asked, which costs a tenth of a second, more than a whole warm
    /// render, so the answer is kept in `cacheDirectory` for as long as the compiler's file is
    /// the same.
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
        if let identified = identify(path) { return identified }
        let identity = fileIdentity(path)
        let remembered = cacheDirectory.map { "\($0)/toolchain.txt" }
        if let remembered, let identity, let text = try? String(contentsOfFile: remembered, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count >= 2, lines[0] == identity {
                let target = lines.count >= 3 && !lines[2].isEmpty ? String(lines[2]) : nil
                return Toolchain(swiftc: path, version: String(lines[1]), target: target)
            }
        }
        let result = try ProcessRunner.run(path, ["--version"], timeout: 30)
        let lines = String(decoding: result.standardError + result.standardOutput, as: UTF8.self).split(separator: "\n")
        let version = lines.first.map(String.init) ?? "unknown"
        let target = lines.first { $0.hasPrefix("Target: ") }.map { String($0.dropFirst("Target: ".count)) } ?? ""
        if let remembered, let identity, let cacheDirectory {
            try? FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
            try? "\(identity)\n\(version)\n\(target)\n".write(toFile: remembered, atomically: true, encoding: .utf8)
        }
        return Toolchain(swiftc: path, version: version, target: target.isEmpty ? nil : target)
    }

    /// The toolchain `swiftc` belongs to, read from the files installed with it rather than by
    /// running it: the standard library's module interface beside the compiler names the compiler
    /// that built it (`// swift-compiler-version: Swift version 6.3.1 (…)`, the first line of
    /// `swiftc --version`) and its file is named for the target. A render whose results all come
    /// from a cache then runs no compiler at all. `nil` for a compiler without such files beside
    /// it, which is asked instead.
    static func identify(_ path: String) -> Toolchain? {
        var folders = [(path as NSString).deletingLastPathComponent]
        if let real = realpath(path, nil) {
            folders.insert((String(cString: real) as NSString).deletingLastPathComponent, at: 0)
            free(real)
        }
        for folder in folders {
            let library = ((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("lib/swift")
            let platforms = ((try? FileManager.default.contentsOfDirectory(atPath: library)) ?? []).sorted()
            for platform in platforms {
                let module = "\(library)/\(platform)/Swift.swiftmodule"
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: module) else { continue }
                for name in names.sorted() where name.hasSuffix(".swiftinterface") && !name.hasSuffix(".private.swiftinterface") {
                    guard let handle = FileHandle(forReadingAtPath: "\(module)/\(name)") else { continue }
                    let head = String(decoding: (try? handle.read(upToCount: 2048)) ?? Data(), as: UTF8.self)
                    try? handle.close()
                    let marker = "// swift-compiler-version: "
                    guard let line = head.split(separator: "\n").first(where: { $0.hasPrefix(marker) }) else { continue }
                    return Toolchain(swiftc: path, version: String(line.dropFirst(marker.count)),
                                     target: String(name.dropLast(".swiftinterface".count)))
                }
            }
        }
        return nil
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
