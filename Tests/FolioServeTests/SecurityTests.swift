import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioServe

/// Nothing outside `output/` is ever served, whatever the request says.
@Suite(.serialized) struct PathSecurityTests {
    static let escapes = [
        "/../outside/secret.txt", "/../../outside/secret.txt", "/%2e%2e/%2e%2e/outside/secret.txt",
        "/%2E%2E%2F%2E%2E%2Foutside%2Fsecret.txt", "/..%2f..%2foutside%2fsecret.txt", "/assets/../../../outside/secret.txt",
        "/..\\..\\outside\\secret.txt", "/%5c..%5c..%5coutside%5csecret.txt", "/index.html%00.css", "/%00",
        "/leak.html", "/escape/secret.txt", "/.env", "/assets/%2e%2e/.env", "/./.env",
        "/inner.html", "/pipe", "/assets//../leak.html",
    ]

    @Test(arguments: escapes)
    func aPathThatLeavesOutputIsRefused(_ path: String) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        // Over a real socket, so the path reaches the server exactly as written.
        try await fixture.server().withLiveApplication { client in
            let connection = try RawConnection(port: try #require(client.port), timeoutSeconds: 30)
            connection.send("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            let response = await connection.receive()
            #expect(response.hasPrefix("HTTP/1.1 400") || response.hasPrefix("HTTP/1.1 404"), "\(path): \(response.prefix(40))")
            #expect(!response.contains(Fixture.secret))
        }
    }

    /// The provider holds on its own, without the middleware in front of it.
    @Test func theFileProviderOpensNothingOutsideOutput() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let provider = OutputFileProvider(root: fixture.output, state: PreviewState())
        for path in ["/../outside/secret.txt", "/escape/secret.txt", "/leak.html", "/inner.html", "/pipe",
                     "/assets/../../outside/secret.txt", "/./softmax.html", "/nothing.html"] {
            let id = try #require(provider.getFileIdentifier(path))
            #expect(try await provider.getAttributes(id: id) == nil, "\(path)")
        }
        let page = try #require(provider.getFileIdentifier("/softmax.html"))
        #expect(try await provider.getAttributes(id: page)?.isFolder == false)
        let folder = try #require(provider.getFileIdentifier("/assets"))
        #expect(try await provider.getAttributes(id: folder)?.isFolder == true)
    }

    @Test func anAbsolutePathNamesAFileInsideOutputNotOnTheDisk() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server().withLiveApplication { client in
            for path in [fixture.outside + "/secret.txt", "/etc/passwd", "//etc/passwd"] {
                let connection = try RawConnection(port: try #require(client.port), timeoutSeconds: 30)
                connection.send("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                let response = await connection.receive()
                #expect(response.hasPrefix("HTTP/1.1 400") || response.hasPrefix("HTTP/1.1 404"), "\(path)")
                #expect(!response.contains(Fixture.secret) && !response.contains("root:"))
            }
        }
    }

    @Test func aFolderWithoutIndexIsNotListed() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server().makeApplication().test(.router) { client in
            try await client.execute(uri: "/assets/", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/empty/", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test(arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .options, .trace, .connect])
    func onlyGetAndHeadAreAllowed(_ method: HTTPRequest.Method) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server().makeApplication().test(.router) { client in
            try await client.execute(uri: "/softmax.html", method: method) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
        #expect(try String(contentsOfFile: fixture.output + "/softmax.html", encoding: .utf8) == Fixture.page("Softmax"))
    }

    @Test func pathVerdicts() {
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/softmax.html") == .allowed)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/assets/folio.css") == .allowed)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/a%20b.html") == .allowed)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/%2e%2e/x") == .badRequest)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/a\\b") == .badRequest)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/%0a") == .badRequest)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/.git/config") == .hidden)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/") == .allowed)
        #expect(SafePathMiddleware<BasicRequestContext>.verdict("/%E4%B8%AD%E6%96%87.html") == .allowed)
        for bad in ["", "x", "//x", "/%2F", "/a%2fb", "/%5C", "/%00", "/%zz", "/%4", "/a%", "/%e4%b8", "/%ff",
                    "/a/./b", "/a/..", "/..", "/.", "/a\u{7}b"] {
            #expect(SafePathMiddleware<BasicRequestContext>.verdict(bad) == .badRequest, "\(bad)")
        }
        for hidden in ["/.env", "/a/.hidden/b", "/a/..b", "/%2eenv"] {
            #expect(SafePathMiddleware<BasicRequestContext>.verdict(hidden) == .hidden, "\(hidden)")
        }
    }

    /// The byte-level verdict agrees with a plain reading by Foundation (lower-case, look for the
    /// smuggled spellings, percent-decode, split) on every path of up to three tricky pieces.
    @Test func pathVerdictsAgreeWithAFoundationReading() {
        let pieces = ["/", "a", "ö", ".", "..", "%", "%2e", "%2E", "%2f", "%2F", "%5c", "%00", "%0a", "%20", "%25",
                      "%e4%b8%ad", "%e4", "%ff", "\\", "2f", "x.html"]
        var paths = ["/"]
        for _ in 1...3 { paths += paths.flatMap { path in pieces.map { path + $0 } } }
        for path in Set(paths) {
            #expect(SafePathMiddleware<BasicRequestContext>.verdict(path) == Self.referenceVerdict(path), "\(path)")
        }
    }

    private static func referenceVerdict(_ raw: String) -> SafePathMiddleware<BasicRequestContext>.Verdict {
        guard raw.hasPrefix("/"), !raw.hasPrefix("//") else { return .badRequest }
        let lowered = raw.lowercased()
        for smuggled in ["%2f", "%5c", "%00", "\\"] where lowered.contains(smuggled) { return .badRequest }
        guard let decoded = raw.removingPercentEncoding else { return .badRequest }
        guard !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) else { return .badRequest }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .badRequest }
        if segments.contains(where: { $0.hasPrefix(".") }) { return .hidden }
        return .allowed
    }
}
