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
    }
}
