import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioServe

#if canImport(Glibc)
import Glibc
#endif

/// Recorded responses (`ResponseReplay.swift`): replayed only while their file is unchanged, equal
/// to what FileMiddleware answers, in order on a pipelined connection.
@Suite(.serialized) struct ReplayTests {
    @Test func aRepeatedGetIsReplayedWithTheSameHeadersAndBody() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = fixture.server()
        try await server.withLiveApplication { client in
            let port = try #require(client.port)
            let first = try await Self.exchange(port: port, "GET /softmax.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(server.recordings.current(for: "/softmax.html") != nil, "the 200 was recorded")
            let second = try await Self.exchange(port: port, "GET /softmax.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(server.recordings.replayed.load(ordering: .relaxed) == 1, "the second GET was replayed")
            #expect(first.count == 1 && second.count == 1)
            #expect(first.first?.status == "HTTP/1.1 200 OK")
            #expect(first.first?.headersWithoutDate == second.first?.headersWithoutDate)
            #expect(first.first?.body == second.first?.body)
            #expect(second.first?.body.contains("<h1>Softmax</h1>") == true)
            #expect(second.first?.headers.contains { $0.hasPrefix("Date: ") && $0.hasSuffix(" GMT") } == true)
        }
    }

    @Test func aReplacedFileIsNeverAnsweredFromItsOldRecording() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server().withLiveApplication { client in
            let port = try #require(client.port)
            let request = "GET /softmax.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
            let before = try await Self.exchange(port: port, request + request)
            #expect(before.count == 2 && before.allSatisfy { $0.body.contains("<h1>Softmax</h1>") })
            // Same size and, within the file system's clock, maybe the same time: only the inode differs.
            try Fixture.replace(fixture.output + "/softmax.html", with: Fixture.page("Softmix"))
            let after = try await Self.exchange(port: port, request + request)
            #expect(after.count == 2 && after.allSatisfy { $0.body.contains("<h1>Softmix</h1>") })
            #expect(before.first?.header("ETag") != nil)
            let removed = unlink(fixture.output + "/softmax.html") == 0
            #expect(removed)
            let gone = try await Self.exchange(port: port, request)
            #expect(gone.first?.status == "HTTP/1.1 404 Not Found")
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = fixture.server()
        try await server.withLiveApplication { client in
            let port = try #require(client.port)
            func get(_ path: String, method: String = "GET") -> String { "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n" }
            // Recorded first, then asked for again mixed with requests Hummingbird answers.
            _ = try await Self.exchange(port: port, get("/softmax.html") + get("/assets/folio.css"))
            let responses = try await Self.exchange(port: port, get("/softmax.html") + get("/") + get("/assets/folio.css")
                + get("/missing.html") + get("/softmax.html", method: "HEAD") + get("/index.html"))
            #expect(responses.map(\.status) == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK",
                                                "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"])
            #expect(server.recordings.replayed.load(ordering: .relaxed) >= 1, "the first was replayed")
            guard responses.count == 6 else { return }
            #expect(responses[0].body.contains("<h1>Softmax</h1>"))
            #expect(responses[1].body.contains("<h1>Index</h1>"))
            #expect(responses[2].body == "body { color: black }\n")
            #expect(responses[4].body.isEmpty && responses[4].header("Content-Length") == responses[0].header("Content-Length"))
            #expect(responses[5].body.contains("<h1>Index</h1>"))
        }
    }

    @Test func onlyPlainGetsAndHeadsOfFilesAreReplayable() {
        func request(_ method: HTTPRequest.Method, _ path: String, _ fields: HTTPFields = [:]) -> HTTPRequest {
            HTTPRequest(method: method, scheme: nil, authority: "localhost", path: path, headerFields: fields)
        }
        for path in ["/softmax.html", "/assets/folio.css", "/中文.html", "/a/b/c.csv"] {
            #expect(RecordedResponses.isReplayable(request(.get, path)), "\(path)")
            #expect(RecordedResponses.isReplayable(request(.head, path)), "\(path)")
        }
        for path in ["/", "/assets/", "//softmax.html", "/a//b", "/softmax.html?x=1", "/%73oftmax.html", "/.env",
                     "/a/.hidden", "/a/../b", "/./a", "/a\\b", "softmax.html", "/a b", ""] {
            #expect(!RecordedResponses.isReplayable(request(.get, path)), "\(path)")
        }
        #expect(!RecordedResponses.isReplayable(request(.post, "/softmax.html")))
        for field in [HTTPField(name: .range, value: "bytes=0-3"), HTTPField(name: .ifNoneMatch, value: "W/\"x\""),
                      HTTPField(name: .ifModifiedSince, value: "Thu, 26 Nov 2026 03:46:44 GMT"),
                      HTTPField(name: .connection, value: "Close")] {
            #expect(!RecordedResponses.isReplayable(request(.get, "/softmax.html", HTTPFields([field]))), "\(field)")
        }
        #expect(RecordedResponses.isReplayable(request(.get, "/softmax.html", [.connection: "keep-alive"])))
    }

    @Test func theDateHeaderIsAnIMFFixdate() {
        var parts = tm()
        var clock = time_t(1_795_664_804)  // 2026-11-26 03:46:44 UTC, a Thursday
        gmtime_r(&clock, &parts)
        #expect(HTTPDate.format(parts) == "Thu, 26 Nov 2026 03:46:44 GMT")
        clock = 0
        gmtime_r(&clock, &parts)
        #expect(HTTPDate.format(parts) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    /// One response read off the wire.
    struct RawResponse {
        var status: String
        var headers: [String]
        var body: String

        var headersWithoutDate: [String] { headers.filter { !$0.hasPrefix("Date: ") } }

        func header(_ name: String) -> String? {
            headers.first { $0.lowercased().hasPrefix(name.lowercased() + ": ") }.map { String($0.dropFirst(name.count + 2)) }
        }
    }

    /// Sends `requests` on a new connection, then a request that closes it, and returns the
    /// responses to `requests` in the order they came.
    static func exchange(port: Int, _ requests: String) async throws -> [RawResponse] {
        let connection = try RawConnection(port: port, timeoutSeconds: 30)
        connection.send(requests + "GET /assets/folio.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        var rest = Substring(await connection.receive())
        var responses: [RawResponse] = []
        while let end = rest.range(of: "\r\n\r\n") {
            let lines = rest[..<end.lowerBound].components(separatedBy: "\r\n")
            var response = RawResponse(status: lines[0], headers: Array(lines.dropFirst()), body: "")
            let length = Int(response.header("Content-Length") ?? "0") ?? 0
            let isHead = responses.count < requests.components(separatedBy: "\r\n\r\n").count - 1
                && requests.components(separatedBy: "\r\n\r\n")[responses.count].hasPrefix("HEAD ")
            let bodyLength = isHead || response.status.contains(" 304 ") ? 0 : length
            let bodyStart = rest.utf8.index(end.upperBound, offsetBy: 0)
            let bodyEnd = rest.utf8.index(bodyStart, offsetBy: bodyLength, limitedBy: rest.utf8.endIndex) ?? rest.utf8.endIndex
            response.body = String(rest[bodyStart..<bodyEnd])
            responses.append(response)
            rest = rest[bodyEnd...]
        }
        // The closing request's response is last.
        #expect(responses.last?.body == "body { color: black }\n")
        return Array(responses.dropLast())
    }
}
