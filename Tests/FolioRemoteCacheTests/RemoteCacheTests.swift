import FolioChecks
import FolioStorage
import Foundation
import Synchronization
import Testing
@testable import FolioRemoteCache

/// What an `ac/` entry holds, in protocol-buffer bytes.
struct ActionResultTests {
    @Test func anEntryReadsBackAsWritten() {
        let entry = ActionResult(outputFiles: [
            .init(path: "results.json", hash: String(repeating: "ab", count: 32), size: 300),
            .init(path: "libFolioRuntime.a", hash: String(repeating: "0f", count: 32), size: 5_000_000),
        ])
        #expect(ActionResult(bytes: entry.bytes) == entry)
    }

    @Test func theBytesAreBazelsActionResult() {
        // output_files (2) { path (1) "a", digest (2) { hash (1) "…", size_bytes (2) 3 } }, as protoc writes it.
        let hash = String(repeating: "1", count: 64)
        let digest: [UInt8] = [0x0A, 64] + Array(hash.utf8) + [0x10, 3]
        let output: [UInt8] = [0x0A, 1, UInt8(ascii: "a"), 0x12, UInt8(digest.count)] + digest
        let expected: [UInt8] = [0x12, UInt8(output.count)] + output
        #expect(ActionResult(outputFiles: [.init(path: "a", hash: hash, size: 3)]).bytes == expected)
    }

    @Test func fieldsFolioDoesNotWriteAreSkipped() {
        // exit_code (4) = 0 and a stdout_raw (5) beside the output file, as another client may write.
        let entry = ActionResult(outputFiles: [.init(path: "a", hash: String(repeating: "2", count: 64), size: 9)])
        let bytes: [UInt8] = [0x20, 0x00, 0x2A, 2, 0x68, 0x69] + entry.bytes
        #expect(ActionResult(bytes: bytes) == entry)
    }

    @Test func bytesThatAreNoEntryAreRefused() {
        let entry = ActionResult(outputFiles: [.init(path: "a", hash: String(repeating: "3", count: 64), size: 9)]).bytes
        #expect(ActionResult(bytes: Array(entry.dropLast(5))) == nil)
        #expect(ActionResult(bytes: Array("{\"cells\":{}}".utf8)) == nil)
        // A hash that is not 64 lowercase hexadecimal digits names no blob.
        #expect(ActionResult(bytes: ActionResult(outputFiles: [.init(path: "a", hash: "../etc", size: 1)]).bytes) == nil)
    }
}

/// The remote cache against servers of the test's own: one that stores, and ones that fail.
@Suite(.serialized)
struct RemoteCacheTests {
    static let key = String(repeating: "c", count: 64)

    /// A server that keeps what is `PUT` and answers `GET`s from it, 404 for the rest.
    static func store() throws -> (ScriptedServer, Blobs) {
        let blobs = Blobs()
        let server = try ScriptedServer { request in
            if request.method == "PUT" {
                blobs.set(request.path, request.body)
                return .respond(201, [])
            }
            return blobs.get(request.path).map { .respond(200, $0) } ?? .respond(404, [])
        }
        return (server, blobs)
    }

    final class Blobs: Sendable {
        private let values = Mutex<[String: [UInt8]]>([:])
        func set(_ path: String, _ bytes: [UInt8]) { values.withLock { $0[path] = bytes } }
        func get(_ path: String) -> [UInt8]? { values.withLock { $0[path] } }
        var paths: [String] { values.withLock { $0.keys.sorted() } }
    }

    final class Reports: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func whatIsStoredIsFetchedWholeBlobsBeforeTheirEntry() throws {
        let (server, blobs) = try Self.store()
        defer { server.stop() }
        let reports = Reports()
        let cache = try RemoteCache(url: "http://127.0.0.1:\(server.port)/prefix/", headers: [("Authorization", "Bearer sekrit")]) { reports.add($0) }
        let files = [(path: "results.json", bytes: Array("{\"values\":{}}".utf8)), (path: "b", bytes: [0, 1, 2])]
        cache.store(files, under: Self.key)
        let hashes = files.map { Digest.of(bytes: $0.bytes) }
        #expect(blobs.paths == (hashes.map { "/prefix/cas/\($0)" } + ["/prefix/ac/\(Self.key)"]).sorted())
        // The entry comes last, so no reader finds it before its files.
        #expect(server.requests.map(\.path).last == "/prefix/ac/\(Self.key)")
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer sekrit" })

        let fetched = try #require(cache.fetch(Self.key))
        #expect(fetched == ["results.json": files[0].bytes, "b": files[1].bytes])
        #expect(cache.fetch(String(repeating: "d", count: 64)) == nil)
        #expect(reports.all.isEmpty)
        #expect(cache.statistics.hits == 1 && cache.statistics.misses == 1)
        #expect(cache.statistics.bytesStored == files[0].bytes.count + files[1].bytes.count + ActionResult(bytes: blobs.get("/prefix/ac/\(Self.key)")!)!.bytes.count)
    }

    @Test func credentialsInTheAddressAreSentAndNeverShown() throws {
        let server = try ScriptedServer { _ in .respond(500, []) }
        defer { server.stop() }
        let reports = Reports()
        let cache = try RemoteCache(url: "http://folio:p%40ss@127.0.0.1:\(server.port)") { reports.add($0) }
        #expect(cache.fetch(Self.key) == nil)
        #expect(server.requests.first?.headers["authorization"] == "Basic " + Data("folio:p@ss".utf8).base64EncodedString())
        #expect(reports.all.count == 1)
        #expect(!reports.all[0].contains("p@ss") && !reports.all[0].contains("p%40ss") && !cache.address.contains("folio:"))
        #expect(throws: RemoteCacheError.invalidAddress("ftp://host/x")) { try RemoteCache(url: "ftp://u:secret@host/x") { _ in } }
    }

    @Test func aFailingServerIsReportedOnceAndNotAskedAgain() throws {
        for answer in [ScriptedServer.Answer.respond(500, []), .respond(403, Array("denied".utf8))] {
            let server = try ScriptedServer { _ in answer }
            defer { server.stop() }
            let reports = Reports()
            let cache = try RemoteCache(url: "http://127.0.0.1:\(server.port)") { reports.add($0) }
            #expect(cache.fetch(Self.key) == nil)
            #expect(cache.fetch(Self.key) == nil)
            cache.store([("results.json", [1])], under: Self.key)
            #expect(server.requests.count == 1, "\(answer)")
            #expect(reports.all.count == 1)
            #expect(reports.all[0].contains("GET ac/\(Self.key)") && reports.all[0].contains("not used again"), "\(reports.all)")
        }
    }

    @Test func noServerAtAllIsOneReportToo() throws {
        let port = try Loopback.freePort()
        let reports = Reports()
        let cache = try RemoteCache(url: "http://127.0.0.1:\(port)") { reports.add($0) }
        #expect(cache.fetch(Self.key) == nil)
        cache.store([("results.json", [1])], under: Self.key)
        #expect(reports.all.count == 1)
    }

    @Test func aStallingServerCostsOneTimeLimit() throws {
        let server = try ScriptedServer { _ in .stall(seconds: 20) }
        defer { server.stop() }
        let reports = Reports()
        let cache = try RemoteCache(url: "http://127.0.0.1:\(server.port)", timeout: 0.5) { reports.add($0) }
        let start = Date()
        #expect(cache.fetch(Self.key) == nil)
        #expect(cache.fetch(Self.key) == nil)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(reports.all.count == 1 && reports.all[0].contains("no answer in time"), "\(reports.all)")
        #expect(server.requests.count == 1)
    }

    @Test func aBodyCutShortOrChangedIsNeverUsed() throws {
        let good = Array("{\"values\":{\"0\":\"42\"}}".utf8)
        let hash = Digest.of(bytes: good)
        let entry = ActionResult(outputFiles: [.init(path: "results.json", hash: hash, size: good.count)]).bytes
        var changed = good
        changed[changed.count - 3] = UInt8(ascii: "3")
        let answers: [ScriptedServer.Answer] = [
            .truncated(body: Array(good.prefix(5)), declared: good.count),
            .respond(200, changed),
            .respond(200, Array(good.dropLast())),
        ]
        for blob in answers {
            let server = try ScriptedServer { request in request.path.contains("/ac/") ? .respond(200, entry) : blob }
            defer { server.stop() }
            let reports = Reports()
            let cache = try RemoteCache(url: "http://127.0.0.1:\(server.port)") { reports.add($0) }
            #expect(cache.fetch(Self.key) == nil, "\(blob)")
            #expect(reports.all.count == 1, "\(blob): \(reports.all)")
        }
        // An entry that is not an action result is not used either.
        let server = try ScriptedServer { _ in .respond(200, Array("<html>proxy login</html>".utf8)) }
        defer { server.stop() }
        let reports = Reports()
        let cache = try RemoteCache(url: "http://127.0.0.1:\(server.port)") { reports.add($0) }
        #expect(cache.fetch(Self.key) == nil)
        #expect(reports.all.count == 1 && reports.all[0].contains("not an action result"))
    }

    @Test func readOnlyStoresNothing() throws {
        let (server, blobs) = try Self.store()
        defer { server.stop() }
        let cache = try RemoteCache(url: "http://127.0.0.1:\(server.port)", readOnly: true) { _ in }
        cache.store([("results.json", [1, 2, 3])], under: Self.key)
        #expect(server.requests.isEmpty && blobs.paths.isEmpty)
    }

    @Test func headersComeFromTheEnvironmentsLines() {
        let headers = RemoteCache.headers(from: "Authorization: Bearer a=b\nX-Team=folio\n\nnot a header")
        #expect(headers.map(\.name) == ["Authorization", "X-Team"])
        #expect(headers.map(\.value) == ["Bearer a=b", "folio"])
    }
}
