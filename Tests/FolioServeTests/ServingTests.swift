import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioServe

/// What a reader's browser gets: pages with the reload script, the usual HTTP caching. Each test
/// runs through the router alone and through a live server, where repeated plain GETs are
/// answered from recorded responses (`ResponseReplay`): both must give the same answers.
@Suite(.serialized) struct ServingTests {
    static let setups: [TestingSetup] = [.router, .live]
    /// The live client keeps one connection: on a starved machine the server's 10 s idle timeout
    /// could close it between two requests, which is not what these tests are about.
    static let idleTimeout = Duration.seconds(300)

    @Test(arguments: setups) func pagesAreServedAsUTF8HTMLWithTheReloadScriptWhileOutputStaysScriptFree(_ setup: TestingSetup) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server(idleTimeout: Self.idleTimeout).makeApplication().test(setup) { client in
            try await client.execute(uri: "/softmax.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let body = String(buffer: response.body)
                #expect(body.contains("<h1>Softmax</h1>"))
                #expect(body.contains("<script>new EventSource(\"/_folio/events\")"))
                #expect(body.range(of: "<script")!.lowerBound < body.range(of: "</body>")!.lowerBound)
                #expect(response.headers[.contentLength] == String(body.utf8.count))
            }
        }
        let onDisk = try String(contentsOfFile: fixture.output + "/softmax.html", encoding: .utf8)
        #expect(!onDisk.contains("<script"))
    }

    @Test(arguments: setups) func aFolderServesItsIndexAndOtherFilesAreNotDecorated(_ setup: TestingSetup) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server(idleTimeout: Self.idleTimeout).makeApplication().test(setup) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>Index</h1>"))
            }
            try await client.execute(uri: "/assets/folio.css", method: .get) { response in
                #expect(String(buffer: response.body) == "body { color: black }\n")
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
            }
        }
    }

    @Test(arguments: setups) func etagGivesNotModifiedHeadHasNoBodyAndRangesWork(_ setup: TestingSetup) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server(idleTimeout: Self.idleTimeout).makeApplication().test(setup) { client in
            let etag = try await client.execute(uri: "/softmax.html", method: .get) { $0.headers[.eTag] }
            let tag = try #require(etag)
            try await client.execute(uri: "/softmax.html", method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/softmax.html", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(Int(response.headers[.contentLength] ?? "") ?? 0 > 0)
            }
            try await client.execute(uri: "/assets/folio.css", method: .get, headers: [.range: "bytes=0-3"]) { response in
                #expect(response.status == .partialContent)
                #expect(String(buffer: response.body) == "body")
            }
        }
    }

    @Test(arguments: setups) func aFailedRenderShowsItsDiagnosticsEscapedAndChangesTheETag(_ setup: TestingSetup) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = fixture.server(idleTimeout: Self.idleTimeout)
        try await server.makeApplication().test(setup) { client in
            let before = try await client.execute(uri: "/softmax.html", method: .get) { $0.headers[.eTag] }
            server.state.update(problems: ["chapters/softmax.md:3:9: error: unknown command '\\frac<b>' & more"])
            let after = try await client.execute(uri: "/softmax.html", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("id=\"folio-errors\""))
                #expect(body.contains("chapters/softmax.md:3:9: error: unknown command &#39;\\frac&lt;b&gt;&#39; &amp; more"))
                #expect(!body.contains("<b>"))
                #expect(body.contains("<h1>Softmax</h1>"), "the last good page stays under the banner")
                return response.headers[.eTag]
            }
            #expect(before != after)
            server.state.update(problems: [])
            try await client.execute(uri: "/softmax.html", method: .get) { response in
                #expect(!String(buffer: response.body).contains("folio-errors"))
            }
        }
    }
}
