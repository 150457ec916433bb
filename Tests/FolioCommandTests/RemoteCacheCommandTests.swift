import FolioChecks
import Foundation
import Testing

/// A book evaluated by several jobs sharing a remote cache, as a CI matrix does: shards fill
/// nginx (WebDAV `PUT`, the HTTP cache protocol's storage) from empty local caches, and a last
/// job with an empty cache of its own writes the whole book without running the compiler.
@Suite(.serialized, .enabled(if: Nginx.path != nil, "nginx is not installed: Tools/setup.sh installs Debian's (make test runs it)"))
struct RemoteCacheCommandTests {
    static let chapters: [String: String] = [
        "a.md": "# A\n\n```swift\nlet xs = (1...5).map { Double($0) }\nprint(xs.reduce(0, +))\n```\n\nThe mean is `{swift} xs.reduce(0, +) / 5`.\n",
        "b.md": "# B\n\n```swift\n//| label: fig-squares\n//| fig-cap: Squares\nlet xs = (0...20).map { Double($0) }\nshow(Figure(title: \"Squares\") { Line(\"n²\", x: xs, y: xs.map { $0 * $0 }) })\n```\n",
        "c.md": "# C\n\n```swift\n//| label: tbl-powers\nshow(Table(columns: [\"n\", \"2^n\"], rows: (0..<6).map { [$0, 1 << $0] }))\n```\n",
        "d.md": "# D\n\n```swift\nfor i in 1...3 { print(String(repeating: \"*\", count: i)) }\n```\n\n```output\n*\n**\n***\n```\n",
        "e.md": "# E\n\nProse only, and a reference to @fig-squares.\n",
    ]

    /// A compiler that records every run in `log`, then runs swiftc: in a folder laid out as a
    /// toolchain (its `lib` is the real one's), so Folio identifies it without running it.
    struct RecordingCompiler {
        let path: String
        let log: String

        init(in folder: String) throws {
            let real = try #require(ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
                .map({ "\($0)/swiftc" }).first(where: FileManager.default.isExecutableFile(atPath:)))
            let resolved = URL(fileURLWithPath: real).resolvingSymlinksInPath().path
            let library = ((resolved as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent + "/lib"
            try FileManager.default.createDirectory(atPath: folder + "/usr/bin", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder + "/usr/lib", withDestinationPath: library)
            path = folder + "/usr/bin/swiftc"
            log = folder + "/runs.log"
            try "#!/bin/sh\necho \"$*\" >> '\(log)'\nexec '\(real)' \"$@\"\n".write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
        }

        /// How many times it ran since the last call.
        func runs() -> Int {
            arguments().count
        }

        /// The arguments of each run since the last call.
        func arguments() -> [String] {
            defer { try? FileManager.default.removeItem(atPath: log) }
            return ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    @Test func threeShardsThenAnAssembleThatRunsNoCompilerWriteTheOneMachineBook() throws {
        let book = try TemporaryBook(Self.chapters)
        defer { book.remove() }
        let nginx = try Nginx(serving: book.root + "/remote", in: book.root + "/nginx", webDAV: true)
        defer { nginx.stop() }
        try FileManager.default.createDirectory(atPath: book.root + "/remote", withIntermediateDirectories: true)
        let compiler = try RecordingCompiler(in: book.root + "/toolchain")
        let remote = "http://127.0.0.1:\(nginx.port)/folio"

        var evaluatedByShards: [String] = []
        for shard in 1...3 {
            let run = try folio(["render", "--shard", "\(shard)/3", "--remote-cache", remote, "--explain", "--jobs", "1"], in: book.root,
                                environment: ["FOLIO_CACHE_DIR": book.root + "/cache-\(shard)", "SWIFTC": compiler.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("folio: shard \(shard)/3:"), "\(run.stderr)")
            evaluatedByShards += run.stderr.split(separator: "\n").filter { $0.contains("(evaluated:") }
                .map { String($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
        }
        // Each chapter with code once, by exactly one shard; no shard wrote a page.
        #expect(evaluatedByShards.sorted() == ["chapters/a.md", "chapters/b.md", "chapters/c.md", "chapters/d.md"])
        #expect(book.file("output/index.html") == nil)
        // The runtime was compiled by the first shard and fetched by the others.
        #expect(compiler.arguments().filter { $0.contains("-module-name FolioRuntime") }.count == 1)

        let assemble = try folio(["render", "--remote-cache", remote, "--explain"], in: book.root,
                                 environment: ["FOLIO_CACHE_DIR": book.root + "/cache-4", "SWIFTC": compiler.path])
        #expect(assemble.status == 0, "\(assemble.stderr)")
        #expect(compiler.runs() == 0, "the assemble ran the compiler")
        for chapter in ["a", "b", "c", "d"] {
            #expect(assemble.stderr.contains("folio: chapters/\(chapter).md: results fetched from the remote cache (remote hit"), "\(assemble.stderr)")
        }
        #expect(!assemble.stderr.contains("warning"), "\(assemble.stderr)")

        // The same book on one machine, no remote: the same bytes.
        try FileManager.default.moveItem(atPath: book.root + "/output", toPath: book.root + "/assembled")
        let alone = try folio(["render"], in: book.root, environment: ["FOLIO_CACHE_DIR": book.root + "/cache-5", "SWIFTC": compiler.path])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(compiler.runs() > 0)
        let assembled = try Self.files(book.root + "/assembled")
        #expect(assembled.keys.contains("b.html") && assembled.keys.contains("c.html"))
        #expect(assembled == (try Self.files(book.root + "/output")))
        #expect(String(decoding: assembled["a.html"] ?? [], as: UTF8.self).contains("15.0"))

        // A second assemble with its cache now warm is all local hits.
        let again = try folio(["render", "--remote-cache", remote, "--explain", "--output", "again"], in: book.root,
                              environment: ["FOLIO_CACHE_DIR": book.root + "/cache-4", "SWIFTC": compiler.path])
        #expect(again.stderr.contains("folio: chapters/a.md: results reused from the cache (local hit"), "\(again.stderr)")
        #expect(compiler.runs() == 0)
    }

    @Test func aRemoteThatFailsIsOneWarningAndTheBookIsStillRight() throws {
        // Code of this test's own: its results are in no cache yet (the runtime is, shared by the run's tests).
        let book = try TemporaryBook(["a.md": Self.chapters["a.md"]! + "\n```swift\n// \(UUID())\n```\n",
                                      "c.md": Self.chapters["c.md"]! + "\n```swift\n// \(UUID())\n```\n"])
        defer { book.remove() }
        let server = try ScriptedServer { _ in .respond(503, Array("overloaded".utf8)) }
        defer { server.stop() }
        let run = try folio(["render", "--strict", "--remote-cache", "http://folio:hunter2@127.0.0.1:\(server.port)"], in: book.root)
        // A cache that fails costs time, not the build: --strict is about the book.
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("warning: remote cache") }
        #expect(warnings.count == 1, "\(run.stderr)")
        #expect(warnings.first?.contains("503") == true && !run.stderr.contains("hunter2"))
        // The two chapters may ask at once, before either hears the answer; none asks after it.
        #expect(server.requests.count <= 2, "the remote was asked again after failing")
        #expect(book.file("output/a.html")?.contains("15.0") == true)
    }

    @Test func aForkBuildReadsButNeverWrites() throws {
        let book = try TemporaryBook(["a.md": Self.chapters["a.md"]! + "\n```swift\n// \(UUID())\n```\n"])
        defer { book.remove() }
        let server = try ScriptedServer { request in request.method == "GET" ? .respond(404, []) : .respond(201, []) }
        defer { server.stop() }
        let run = try folio(["render", "--remote-cache-read-only"], in: book.root,
                            environment: ["FOLIO_REMOTE_CACHE": "http://127.0.0.1:\(server.port)",
                                          "FOLIO_REMOTE_CACHE_HEADER": "Authorization: Bearer t0ken"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!server.requests.isEmpty && server.requests.allSatisfy { $0.method == "GET" })
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer t0ken" })
        #expect(!run.stderr.contains("t0ken"))
    }

    @Test func badShardsAndAddressesAreUsageErrors() throws {
        let book = try TemporaryBook(["a.md": "# A\n"])
        defer { book.remove() }
        for arguments in [["--shard", "0/2"], ["--shard", "3/2"], ["--shard", "two"], ["--remote-cache", "ftp://x"]] {
            let run = try folio(["render"] + arguments, in: book.root)
            #expect(run.status != 0 && run.status != 1, "\(arguments)")
            #expect(run.stderr.contains(arguments[0]) || run.stderr.contains("remote-cache"), "\(run.stderr)")
        }
    }

    /// Every file under `folder`, by its path relative to it.
    static func files(_ folder: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder)! {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[path] = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)))
        }
        return files
    }
}
