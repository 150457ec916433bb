import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioServe

/// An edit re-renders the book and reloads open pages; a broken edit shows its diagnostics over
/// the last good page until it is fixed.
@Suite(.serialized) struct LiveReloadTests {
    @Test func editsRenderAndNotifyABrokenEditKeepsTheLastGoodPage() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = fixture.server()
        #expect(await server.render() == .rendered)
        let page = fixture.output + "/intro.html"
        let good = try String(contentsOfFile: page, encoding: .utf8)

        let events = await server.broadcaster.subscribe()
        var iterator = events.makeAsyncIterator()
        let watcher = Task {
            await BookWatcher(directory: fixture.chapters).watch { await server.render() }
        }
        defer { watcher.cancel() }
        try await Task.sleep(for: .milliseconds(200))

        try Fixture.write("# Intro\n\nSome more prose.\n", to: fixture.chapters + "/intro.md")
        #expect(await iterator.next() == .rendered)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("Some more prose."))

        try Fixture.write("---\ntitle: [unclosed\n---\n# Intro\n\nBroken <edit>.\n", to: fixture.chapters + "/intro.md")
        #expect(await iterator.next() == .failed)
        let problems = server.state.snapshot.problems
        #expect(problems.contains { $0.hasPrefix("chapters/intro.md:") && $0.contains(": error: ") })
        let kept = try String(contentsOfFile: page, encoding: .utf8)
        #expect(kept.contains("Some more prose.") && !kept.contains("<script"))
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/intro.html", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("folio-errors") && body.contains("chapters/intro.md:"))
                #expect(body.contains("Some more prose."))
            }
        }

        try Fixture.write("# Intro\n\nFixed prose.\n", to: fixture.chapters + "/intro.md")
        #expect(await iterator.next() == .rendered)
        #expect(server.state.snapshot.problems.isEmpty)
        #expect(good != (try String(contentsOfFile: page, encoding: .utf8)))
    }

    @Test func pagesHearRendersOverServerSentEvents() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = fixture.server()
        try await server.withLiveApplication { client in
            // 30 s, not 5: each event waits on the server's tasks, which a busy machine (a clean
            // clone's test run beside fuzzers) kept from running for longer than 5 s.
            let connection = try RawConnection(port: try #require(client.port), timeoutSeconds: 30)
            connection.send("GET /_folio/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let head = await connection.receive(until: ": connected\n\n")
            #expect(head.hasPrefix("HTTP/1.1 200"))
            #expect(head.lowercased().contains("content-type: text/event-stream"))
            await server.broadcaster.send(.failed)
            #expect(await connection.receive(until: "data: failed\n\n").contains("data: failed\n\n"))
            await server.broadcaster.send(.rendered)
            #expect(await connection.receive(until: "data: rendered\n\n").contains("data: rendered\n\n"))
            // Shutdown ends the streams, so the server can stop.
            await server.broadcaster.finishAll()
            _ = await connection.receive(until: "0\r\n\r\n")
        }
    }

    @Test func theWatcherSeesNewChangedAndRemovedFilesButNotHiddenOnes() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let watcher = BookWatcher(directory: fixture.chapters)
        let first = watcher.snapshot()
        try Fixture.write("x", to: fixture.chapters + "/.intro.md.swp")
        #expect(watcher.snapshot() == first)
        try Fixture.write("# Intro\n\nSome prose!\n", to: fixture.chapters + "/intro.md")
        #expect(watcher.snapshot() != first)
        try Fixture.write("png", to: fixture.chapters + "/figure.png")
        #expect(watcher.snapshot()["figure.png"] != nil)
    }
}
