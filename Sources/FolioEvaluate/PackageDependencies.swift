import FolioModel
import FolioStorage
import Foundation

/// A Swift package a book's cells may import, as `dependencies:` in `book.yml` declares it:
/// where SwiftPM gets it and which of its products cells may import.
public struct PackageDependency: Sendable, Equatable {
    /// Where the package comes from.
    public enum Source: Sendable, Equatable {
        /// A repository and SwiftPM's `from:` (up to the next major version) or `exact:`.
        case url(String, from: String?, exact: String?)
        /// A folder relative to the book's root (the folder holding `chapters/`).
        case path(String)
    }

    public var source: Source
    public var products: [String]
    /// Its item in `book.yml`: where errors about it point.
    public var location: SourceLocation

    public init(source: Source, products: [String], location: SourceLocation) {
        self.source = source
        self.products = products
        self.location = location
    }

    /// The line of the generated `Package.swift` that depends on it; paths made absolute.
    func manifestLine(root: String) -> String {
        switch source {
        case .url(let url, let from, let exact):
            let requirement = exact.map { "exact: \(Self.literal($0))" } ?? "from: \(Self.literal(from ?? "0.0.0"))"
            return ".package(url: \(Self.literal(url)), \(requirement))"
        case .path:
            return ".package(path: \(Self.literal(absolutePath(root: root))))"
        }
    }

    func absolutePath(root: String) -> String {
        guard case .path(let path) = source else { return "" }
        return path.hasPrefix("/") ? path : ChapterEvaluator.absolute(root) + "/" + path
    }

    /// SwiftPM's name for the package: its URL's or folder's last component, lowercased.
    var identity: String {
        let text = switch source {
        case .url(let url, _, _): url
        case .path(let path): path
        }
        var last = text.split(separator: "/").last.map(String.init) ?? text
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last.lowercased()
    }

    private static func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// The book's dependencies built by SwiftPM, once per dependency set and toolchain, into the
/// cache: the flags that compile a chapter's program against them, and what identifies the
/// build for the results' key (the resolved versions, the local packages' files, the products).
public struct BuiltDependencies: Sendable, Equatable {
    public var flags: [String]
    public var fingerprint: String
}

/// Why the book's dependencies could not be built: SwiftPM's words, at the dependency they
/// name (else at the first).
public struct DependencyFailure: Error, Sendable, Equatable {
    public var diagnostic: Diagnostic
}

/// Generates a package that depends on the book's dependencies, builds it with `swift build`,
/// and reads from SwiftPM's own build description how a program imports the products.
public enum DependencyBuilder {
    /// The target every chapter's program is compiled as if it were: it imports the products.
    static let targetName = "FolioDependencies"

    public static func build(_ dependencies: [PackageDependency], root: String, cache: String,
                             toolchain: Toolchain) throws(DependencyFailure) -> BuiltDependencies {
        let manifest = manifest(dependencies, root: root)
        let key = Digest.of(["folio-dependencies-2", toolchain.version, toolchain.target ?? "", manifest])
        let folder = "\(cache)/dependencies/\(key.prefix(16))"
        let record = folder + "/built.json"
        let local = dependencies.map { $0.absolutePath(root: root) }.filter { !$0.isEmpty }
        let stamp = localStamp(local)
        // Unchanged since the last good build: SwiftPM is not run at all.
        if let data = FileManager.default.contents(atPath: record), let built = try? JSONDecoder().decode(Record.self, from: data),
           built.stamp == stamp {
            return built.dependencies
        }
        try? FileManager.default.removeItem(atPath: record)
        for dependency in dependencies {
            if case .path = dependency.source, !FileManager.default.fileExists(atPath: dependency.absolutePath(root: root) + "/Package.swift") {
                throw DependencyFailure(diagnostic: .error("book.dependency", "no Swift package at '\(dependency.absolutePath(root: root))' (no Package.swift there)",
                                                           at: dependency.location))
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: folder + "/Sources/\(targetName)", withIntermediateDirectories: true)
            try Data(manifest.utf8).write(to: URL(fileURLWithPath: folder + "/Package.swift"))
            try Data("// Depends on the book's packages; chapters' programs import them.\n".utf8)
                .write(to: URL(fileURLWithPath: folder + "/Sources/\(targetName)/\(targetName).swift"))
        } catch {
            throw DependencyFailure(diagnostic: .error("book.dependency", "cannot write the dependencies' package: \(error.systemReason)",
                                                       at: dependencies[0].location))
        }
        let swift = swiftCommand(toolchain)
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run(swift, ["build", "--package-path", folder, "--product", targetName], timeout: 3600)
        } catch {
            throw DependencyFailure(diagnostic: .error("book.dependency", error.description, at: dependencies[0].location))
        }
        let output = String(decoding: result.standardError + result.standardOutput, as: UTF8.self)
        guard result.status == 0 else { throw failure(output, dependencies: dependencies, root: root) }
        guard let flags = importFlags(folder: folder) else {
            throw DependencyFailure(diagnostic: .error("book.dependency", "SwiftPM built the dependencies but left no build description to compile against",
                                                       at: dependencies[0].location))
        }
        let resolved = FileManager.default.contents(atPath: folder + "/Package.resolved").map { [UInt8]($0) } ?? []
        let fingerprint = Digest.of([key, contentDigest(local)], bytes: resolved)
        let built = BuiltDependencies(flags: flags, fingerprint: fingerprint)
        if let data = try? JSONEncoder().encode(Record(stamp: stamp, dependencies: built)) {
            _ = FileManager.default.createFile(atPath: record, contents: data)
        }
        return built
    }

    /// What was built, and the local packages' files as they were then.
    private struct Record: Codable {
        var stamp: String
        var flags: [String]
        var fingerprint: String

        init(stamp: String, dependencies: BuiltDependencies) {
            self.stamp = stamp
            flags = dependencies.flags
            fingerprint = dependencies.fingerprint
        }

        var dependencies: BuiltDependencies { BuiltDependencies(flags: flags, fingerprint: fingerprint) }
    }

    /// The generated package: one shared library whose target depends on every declared product
    /// (a static one's generic types crash at run time when linked into a program here: seen with
    /// swift-numerics' `Complex` under Swift 6.3).
    static func manifest(_ dependencies: [PackageDependency], root: String) -> String {
        let packages = dependencies.map { "        " + $0.manifestLine(root: root) + "," }
        let products = dependencies.flatMap { dependency in
            dependency.products.map { "            .product(name: \"\($0)\", package: \"\(dependency.identity)\")," }
        }
        return """
            // swift-tools-version:5.9
            // Written by Folio from the book's `dependencies:`; rewritten when they change.
            import PackageDescription

            let package = Package(
                name: "\(targetName)",
                products: [.library(name: "\(targetName)", type: .dynamic, targets: ["\(targetName)"])],
                dependencies: [
            \(packages.joined(separator: "\n"))
                ],
                targets: [
                    .target(name: "\(targetName)", dependencies: [
            \(products.joined(separator: "\n"))
                    ]),
                ]
            )

            """
    }

    /// `swift` beside the compiler, else on `PATH` (`SWIFT` overrides).
    private static func swiftCommand(_ toolchain: Toolchain) -> String {
        if let explicit = ProcessInfo.processInfo.environment["SWIFT"], !explicit.isEmpty { return explicit }
        let beside = ((toolchain.swiftc as NSString).deletingLastPathComponent as NSString).appendingPathComponent("swift")
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let real = URL(fileURLWithPath: toolchain.swiftc).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("swift").path
        if FileManager.default.isExecutableFile(atPath: real) { return real }
        return (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swift" }
            .first(where: FileManager.default.isExecutableFile(atPath:)) ?? "swift"
    }

    /// How SwiftPM compiles the generated target, which imports every product: its module search
    /// path, and the C modules' maps and headers. With the library (found again at run time from
    /// the cache) and `-lm` (C shims call libm).
    private static func importFlags(folder: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: folder + "/.build/debug/description.json"),
              let description = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let commands = description["swiftCommands"] as? [String: [String: Any]],
              let command = commands.first(where: { $0.value["moduleName"] as? String == targetName })?.value,
              let importPath = command["importPath"] as? String else { return nil }
        let arguments = command["otherArguments"] as? [String] ?? []
        var flags = ["-I", importPath]
        var index = 0
        while index + 1 < arguments.count {
            if arguments[index] == "-Xcc", arguments[index + 1].hasPrefix("-fmodule-map-file=") {
                flags += ["-Xcc", arguments[index + 1]]
                index += 2
            } else if index + 3 < arguments.count, arguments[index] == "-Xcc", arguments[index + 1] == "-I", arguments[index + 2] == "-Xcc" {
                flags += ["-Xcc", "-I", "-Xcc", arguments[index + 3]]
                index += 4
            } else {
                index += 1
            }
        }
        let library = URL(fileURLWithPath: folder + "/.build/debug").resolvingSymlinksInPath().path
        return flags + ["-L", library, "-l\(targetName)", "-lm", "-Xlinker", "-rpath", "-Xlinker", library]
    }

    /// SwiftPM's error, at the dependency it names (else the first), its message underneath.
    private static func failure(_ output: String, dependencies: [PackageDependency], root: String) -> DependencyFailure {
        let lines = output.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.contains("error:") }
        let shown = (errors.isEmpty ? Array(lines.suffix(12)) : Array(errors.prefix(12)))
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let text = shown.joined(separator: "\n").lowercased()
        // The dependency named first in SwiftPM's words (for a clash, the one that clashes).
        let named = dependencies.compactMap { dependency -> (offset: String.Index, dependency: PackageDependency)? in
            var markers = ["'\(dependency.identity)'"] + dependency.products.map { "'\($0.lowercased())'" }
            switch dependency.source {
            case .url(let url, _, _): markers.append(url.lowercased())
            case .path:
                let path = dependency.absolutePath(root: root).lowercased()
                markers += [path + "'", path + "/"]
            }
            let offsets = markers.compactMap { text.range(of: $0)?.lowerBound }
            return offsets.min().map { ($0, dependency) }
        }.min { $0.offset < $1.offset }?.dependency ?? dependencies[0]
        return DependencyFailure(diagnostic: .error("book.dependency", "the book's dependencies could not be built; SwiftPM says:\n"
                                                        + shown.map { "    " + $0 }.joined(separator: "\n"), at: named.location))
    }

    /// The local packages' files by name, size and time: whether SwiftPM must look again.
    private static func localStamp(_ folders: [String]) -> String {
        Digest.of(folders.flatMap { folder in
            [folder] + files(in: folder).map { file in
                let info = try? FileManager.default.attributesOfItem(atPath: folder + "/" + file)
                let time = (info?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                return "\(file) \(info?[.size] as? Int ?? -1) \(time)"
            }
        })
    }

    /// The local packages' files by content: part of the results' key.
    private static func contentDigest(_ folders: [String]) -> String {
        Digest.of(folders.flatMap { folder in
            files(in: folder).flatMap { file in
                [file, Digest.of(bytes: FileManager.default.contents(atPath: folder + "/" + file) ?? Data())]
            }
        })
    }

    /// A package's files, sorted, without its build folders and hidden files.
    private static func files(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.append(path) }
        }
        return files.sorted()
    }
}
