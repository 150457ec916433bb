import Foundation
import Testing
@testable import FolioServe

#if canImport(Glibc)
import Glibc
#endif

/// `folio serve` against nginx, the reference for ranges and conditional requests: the same
/// requests, sent byte for byte to both serving the same `output/`, get the same status,
/// `Content-Range`, `Content-Length` and body. Where nginx departs from RFC 9110, folio follows
/// the RFC, and the case says what each answers (README, "Previewing while you write").
///
/// Bodies are compared on files folio does not decorate (a CSV of 80,795 bytes, like the page of
/// issue 14; a stylesheet); pages get a reload script when served, so for them only the status is.
/// Entity tags differ (nginx makes them from the time and size), so each server's own are asked
/// for first. Error bodies differ (nginx sends an HTML page), so for 4xx only the status and
/// `Content-Range` are.
@Suite(.serialized, .enabled(if: Nginx.path != nil, "nginx is not installed: Tools/setup.sh installs Debian's (make test runs it)"))
struct NginxComparisonTests {
    /// What a case sends: a request line's method, target and version, and fields whose values
    /// may name the server's own validators: `TAG` its entity tag, `LM` its Last-Modified,
    /// `LM-1` a second before, `LM+1d` a day after.
    struct Case: Sendable, CustomStringConvertible {
        var method = "GET"
        var path = "/figure.csv"
        var fields: [(String, String)] = []
        var version = "HTTP/1.1"
        /// Compare the body (files folio serves as they are on disk).
        var comparesBody = true
        /// Where folio, following RFC 9110, answers another status than nginx: (nginx, folio).
        var deliberateDifference: (nginx: Int, folio: Int)?

        var description: String {
            "\(method) \(path) \(version)" + fields.map { " \($0.0): \($0.1)" }.joined(separator: ";")
        }
    }

    static func range(_ value: String, _ fields: [(String, String)] = []) -> Case {
        Case(fields: [("Range", value)] + fields)
    }

    static func condition(_ name: String, _ value: String, method: String = "GET") -> Case {
        Case(method: method, fields: [(name, value)])
    }

    static let cases: [Case] = [
        // Ranges.
        range("bytes=0-0"), range("bytes=0-99"), range("bytes=100-"), range("bytes=-50"), range("bytes=-0"),
        range("bytes=90000-"), range("bytes=80794-"), range("bytes=0-80794"), range("bytes=0-100000"),
        range("bytes=-100000"), range("bytes=5-2"), range("bytes=0-0,10-19"), range("bytes=0-9,20-29,-5"),
        range("bytes=0-0,90000-"), range("bytes=0-,0-"), range("bytes=50-59,0-9"), range("bytes=abc"),
        range("bytes="), range("items=0-5"), range("Bytes=0-1"), range("bytes= 0 - 1 , 4-5"),
        range("bytes=99999999999999999999-"), range("bytes=0-1;x"), range("bytes=--1"),
        Case(path: "/assets/folio.css", fields: [("Range", "bytes=-4")]),
        // Conditions.
        condition("If-None-Match", "*"), condition("If-None-Match", "\"x\", TAG"), condition("If-None-Match", "W/TAG"),
        condition("If-None-Match", "\"x\""), condition("If-None-Match", "*", method: "HEAD"),
        condition("If-Match", "\"x\""), condition("If-Match", "TAG"), condition("If-Match", "W/TAG"), condition("If-Match", "*"),
        condition("If-Match", "\"x\", TAG"),
        condition("If-Modified-Since", "LM"), condition("If-Modified-Since", "LM-1"), condition("If-Modified-Since", "LM+1d"),
        condition("If-Modified-Since", "garbage"),
        condition("If-Unmodified-Since", "LM"), condition("If-Unmodified-Since", "LM-1"), condition("If-Unmodified-Since", "LM+1d"),
        range("bytes=0-1", [("If-Range", "TAG")]), range("bytes=0-1", [("If-Range", "W/TAG")]),
        range("bytes=0-1", [("If-Range", "\"x\"")]), range("bytes=0-1", [("If-Range", "LM")]),
        range("bytes=0-1", [("If-Range", "LM-1")]), range("bytes=0-1,5-6", [("If-Range", "TAG")]),
        range("bytes=0-1", [("If-None-Match", "TAG")]), range("bytes=90000-", [("If-Match", "\"x\"")]),
        Case(method: "HEAD"),
        // Paths.
        Case(path: "/figure.csv/"), Case(path: "/missing.csv"), Case(path: "/big.html", comparesBody: false),
        Case(path: "/big.html/"), Case(path: "/sub", comparesBody: false), Case(path: "/sub/", comparesBody: false),
        // HTTP/1.0, with and without keep-alive (the connection is checked below).
        Case(version: "HTTP/1.0"), Case(fields: [("Connection", "keep-alive")], version: "HTTP/1.0"),
        Case(fields: [("Range", "bytes=-50")], version: "HTTP/1.0"),
        // nginx ranges HEAD; RFC 9110 §14.2 defines ranges for GET alone and says to ignore them.
        Case(method: "HEAD", fields: [("Range", "bytes=0-9")], deliberateDifference: (206, 200)),
        // nginx lets a changed If-Modified-Since win over a matching If-None-Match; §13.1.3 says to
        // ignore If-Modified-Since when If-None-Match is there.
        Case(fields: [("If-None-Match", "TAG"), ("If-Modified-Since", "LM-1")], deliberateDifference: (200, 304)),
        // nginx checks If-Unmodified-Since beside If-Match; §13.1.4 says to ignore it then.
        Case(fields: [("If-Match", "TAG"), ("If-Unmodified-Since", "LM-1")], deliberateDifference: (412, 200)),
        // nginx fails on an If-Unmodified-Since that is not a date; §13.1.4 says to ignore it.
        condition("If-Unmodified-Since", "garbage").with(deliberateDifference: (412, 200)),
    ]

    @Test func everyRequestGetsTheAnswerNginxGives() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try Self.addFiles(to: fixture)
        let nginx = try Nginx(serving: fixture.output, in: fixture.root + "/nginx")
        defer { nginx.stop() }
        try await fixture.server(idleTimeout: .seconds(300)).withLiveApplication { client in
            let folioPort = try #require(client.port)
            let nginxValidators = try await Self.validators(port: nginx.port)
            let folioValidators = try await Self.validators(port: folioPort)
            var agreed = 0
            for testCase in Self.cases {
                let fromNginx = try await Self.send(testCase, validators: nginxValidators, port: nginx.port)
                let fromFolio = try await Self.send(testCase, validators: folioValidators, port: folioPort)
                if Self.compare(testCase, nginx: fromNginx.response, folio: fromFolio.response) { agreed += 1 }
                if testCase.version == "HTTP/1.0" {
                    let keepAlive = testCase.fields.contains { $0 == ("Connection", "keep-alive") }
                    #expect(fromNginx.closed == !keepAlive, "nginx, \(testCase)")
                    #expect(fromFolio.closed == !keepAlive, "the connection of \(testCase) is closed at once unless kept alive")
                }
            }
            print("NginxComparisonTests: \(Self.cases.count) requests, \(agreed) answered alike, "
                  + "\(Self.cases.filter { $0.deliberateDifference != nil }.count) deliberately not")
        }
    }

    /// The CSV and pages the cases ask for, beside the fixture's own files.
    static func addFiles(to fixture: Fixture) throws {
        var generator = SystemRandomNumberGenerator()
        let csv = (0..<80_795).map { index in index % 64 == 63 ? "\n" : String(UnicodeScalar(UInt8.random(in: 0x30...0x7A, using: &generator))) }.joined()
        try Fixture.write(csv, to: fixture.output + "/figure.csv")
        try Fixture.write(Fixture.page("Big", filler: 80_000), to: fixture.output + "/big.html")
        try FileManager.default.createDirectory(atPath: fixture.output + "/sub", withIntermediateDirectories: true)
        try Fixture.write(Fixture.page("Sub"), to: fixture.output + "/sub/index.html")
    }

    /// Whether the two answers agree as the case asks; records what differs.
    static func compare(_ testCase: Case, nginx: WireResponse, folio: WireResponse) -> Bool {
        if let difference = testCase.deliberateDifference {
            #expect(nginx.status == difference.nginx, "nginx, \(testCase)")
            #expect(folio.status == difference.folio, "\(testCase)")
            return false
        }
        var differences: [String] = []
        if nginx.status != folio.status { differences.append("status \(nginx.status) ≠ \(folio.status)") }
        if nginx.field("Content-Range") != folio.field("Content-Range") {
            differences.append("Content-Range \(nginx.field("Content-Range") ?? "none") ≠ \(folio.field("Content-Range") ?? "none")")
        }
        let isSuccess = (200..<300).contains(nginx.status)
        if isSuccess, testCase.comparesBody {
            if nginx.field("Content-Length") != folio.field("Content-Length") {
                differences.append("Content-Length \(nginx.field("Content-Length") ?? "none") ≠ \(folio.field("Content-Length") ?? "none")")
            }
            if normalizedBody(nginx) != normalizedBody(folio) { differences.append("bodies differ") }
        }
        if nginx.status == 304, folio.field("Content-Length") != nil { differences.append("folio's 304 has a Content-Length") }
        #expect(differences.isEmpty, "\(testCase): \(differences.joined(separator: "; "))")
        return differences.isEmpty
    }

    /// The body with a multipart boundary (twenty digits on both) replaced, since it is chosen anew.
    static func normalizedBody(_ response: WireResponse) -> [UInt8] {
        guard let type = response.field("Content-Type"), let range = type.range(of: "boundary=") else { return response.body }
        let boundary = Array(type[range.upperBound...].utf8)
        var body = response.body
        var index = 0
        while index + boundary.count <= body.count {
            if body[index..<index + boundary.count].elementsEqual(boundary) {
                body.replaceSubrange(index..<index + boundary.count, with: Array(repeating: UInt8(ascii: "B"), count: boundary.count))
                index += boundary.count
            } else {
                index += 1
            }
        }
        return body
    }

    /// A server's entity tag and Last-Modified for the CSV.
    static func validators(port: Int) async throws -> (tag: String, lastModified: String) {
        let answer = try await send(Case(), validators: ("", ""), port: port).response
        return (try #require(answer.field("ETag")), try #require(answer.field("Last-Modified")))
    }

    /// Sends the case on a new connection; the response, and for HTTP/1.0 whether the server then
    /// closed the connection within a second.
    static func send(_ testCase: Case, validators: (tag: String, lastModified: String), port: Int) async throws
        -> (response: WireResponse, closed: Bool) {
        let connection = try RawConnection(port: port, timeoutSeconds: 30)
        var request = "\(testCase.method) \(testCase.path) \(testCase.version)\r\nHost: 127.0.0.1\r\n"
        for (name, value) in testCase.fields {
            request += "\(name): \(substitute(value, validators))\r\n"
        }
        connection.send(request + "\r\n")
        let response = try #require(await connection.receiveResponse(toHead: testCase.method == "HEAD"), "\(testCase)")
        return (response, testCase.version == "HTTP/1.0" ? await connection.closesWithin(seconds: 1) : false)
    }

    static func substitute(_ value: String, _ validators: (tag: String, lastModified: String)) -> String {
        let seconds = HTTPDate.seconds(from: validators.lastModified) ?? 0
        func date(_ offset: Int) -> String {
            var clock = time_t(seconds + offset)
            var parts = tm()
            gmtime_r(&clock, &parts)
            return HTTPDate.format(parts)
        }
        return value.replacingOccurrences(of: "LM+1d", with: date(86_400)).replacingOccurrences(of: "LM-1", with: date(-1))
            .replacingOccurrences(of: "LM", with: validators.lastModified).replacingOccurrences(of: "TAG", with: validators.tag)
    }
}

extension NginxComparisonTests.Case {
    func with(deliberateDifference: (nginx: Int, folio: Int)) -> Self {
        var copy = self
        copy.deliberateDifference = deliberateDifference
        return copy
    }
}

/// nginx serving a folder on a free loopback port, in the foreground, with its configuration,
/// logs and temporary files in a folder of its own; no root needed.
final class Nginx: @unchecked Sendable {
    /// Debian's nginx, if installed.
    static let path: String? = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let port: Int
    private let process = Process()

    init(serving root: String, in folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder + "/temp", withIntermediateDirectories: true)
        port = try Self.freePort()
        // `if_modified_since before` is RFC 9110's rule (nginx's default answers 304 only to the
        // exact date); `charset utf-8` types pages as folio does.
        let configuration = """
            master_process off;
            worker_processes 1;
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log;
            events { worker_connections 64; }
            http {
                access_log \(folder)/access.log;
                client_body_temp_path \(folder)/temp;
                proxy_temp_path \(folder)/temp;
                fastcgi_temp_path \(folder)/temp;
                uwsgi_temp_path \(folder)/temp;
                scgi_temp_path \(folder)/temp;
                types { text/html html; text/css css; text/csv csv; }
                default_type application/octet-stream;
                charset utf-8;
                if_modified_since before;
                keepalive_timeout 10s;
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
                }
            }
            """
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: folder + "/nginx.conf"))
        process.executableURL = URL(fileURLWithPath: Self.path!)
        process.arguments = ["-p", folder, "-c", folder + "/nginx.conf", "-e", folder + "/error.log", "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? RawConnection(port: port, timeoutSeconds: 1)) != nil { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        let log = (try? String(contentsOfFile: folder + "/error.log", encoding: .utf8)) ?? ""
        stop()
        throw NginxError.didNotStart(log: log)
    }

    /// Ends it with SIGKILL: without a master process, nginx keeps the signal mask it was started
    /// with, and a test runner's may block SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A port the system says is free now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw NginxError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

enum NginxError: Error {
    case noFreePort
    case didNotStart(log: String)
}
