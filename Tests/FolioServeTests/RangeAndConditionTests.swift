import Foundation
import HTTPTypes
import NIOCore
import Testing
@testable import FolioServe

/// Ranges and conditional requests as RFC 9110 says (issue 14, point 4): what each field is read
/// as, and, on the wire, the answers that were wrong — a negative length and a stray byte that
/// broke the next response, the first 51 bytes for `bytes=-50`, 206 for `bytes=-0`, `*` and tag
/// lists ignored, a weak tag in `If-Range`, `/page.html/` served, HTTP/1.0 held open.
struct RangeAndConditionTests {
    @Test(arguments: [
        ("bytes=0-0", RangeSelection.parts([0..<1])),
        ("bytes=0-99", .parts([0..<100])),
        ("bytes=100-", .parts([100..<80_795])),
        ("bytes=-50", .parts([80_745..<80_795])),
        ("bytes=-100000", .parts([0..<80_795])),
        ("bytes=80794-90000", .parts([80_794..<80_795])),
        ("bytes=0-0,10-19", .parts([0..<1, 10..<20])),
        ("bytes=0-0,90000-", .parts([0..<1])),
        ("Bytes= 0 - 1 , 4-5", .parts([0..<2, 4..<6])),
        ("bytes=-0", .unsatisfiable),
        ("bytes=90000-", .unsatisfiable),
        ("bytes=80795-", .unsatisfiable),
        ("bytes=5-2", .unsatisfiable),
        ("bytes=abc", .unsatisfiable),
        ("bytes=0-1;x", .unsatisfiable),
        ("bytes=99999999999999999999-", .unsatisfiable),
        ("bytes=0-,0-", .whole),
        ("bytes=", .whole),
        ("items=0-5", .whole),
    ])
    func rangesAreReadAsNginxReadsThem(_ field: String, _ expected: RangeSelection) {
        #expect(RangeSelection(field, length: 80_795) == expected)
    }

    @Test func anEmptyFileIsSentWhole() {
        #expect(RangeSelection("bytes=0-0", length: 0) == .whole)
        #expect(RangeSelection("bytes=-5", length: 0) == .whole)
    }

    @Test func entityTagConditions() {
        let strong = EntityTag("\"abc\"")!
        let weak = EntityTag("W/\"abc\"")!
        #expect(EntityTagCondition("*") == .anyTag)
        #expect(EntityTagCondition(" * ").isMatched(by: strong, weakly: false))
        #expect(!EntityTagCondition("*").isMatched(by: nil, weakly: true))
        #expect(EntityTagCondition("\"x\", \"abc\"").isMatched(by: strong, weakly: false))
        #expect(EntityTagCondition("\"x\",W/\"abc\"").isMatched(by: strong, weakly: true))
        #expect(!EntityTagCondition("W/\"abc\"").isMatched(by: strong, weakly: false), "a weak tag never matches strongly")
        #expect(!EntityTagCondition("\"abc\"").isMatched(by: weak, weakly: false))
        #expect(EntityTagCondition("bogus, \"abc\"").isMatched(by: strong, weakly: false), "a malformed member is skipped")
        #expect(!EntityTagCondition("\"ab c\"").isMatched(by: EntityTag(opaque: "\"ab c\"", isWeak: false), weakly: true))
        #expect(EntityTag("\"a\" x") == nil)
        #expect(weak.fieldValue == "W/\"abc\"")
    }

    @Test func httpDatesInTheirThreeForms() {
        let seconds = 784_111_777  // Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example
        #expect(HTTPDate.seconds(from: "Sun, 06 Nov 1994 08:49:37 GMT") == seconds)
        #expect(HTTPDate.seconds(from: "Sunday, 06-Nov-94 08:49:37 GMT") == seconds)
        #expect(HTTPDate.seconds(from: "Sun Nov  6 08:49:37 1994") == seconds)
        for bad in ["", "garbage", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                    "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT"] {
            #expect(HTTPDate.seconds(from: bad) == nil, "\(bad)")
        }
    }

    @Test func preconditionsInTheOrderOfRFC9110() {
        let modified = HTTPDate.seconds(from: "Sun, 06 Nov 1994 08:49:37 GMT")!
        let validators = Validators([.eTag: "\"v1\"", .lastModified: "Sun, 06 Nov 1994 08:49:37 GMT"])
        #expect(validators.lastModified == modified)
        func verdict(_ fields: HTTPFields) -> Precondition { Precondition(fields, validators: validators) }
        let before = "Sun, 06 Nov 1994 08:49:36 GMT"
        let after = "Mon, 07 Nov 1994 08:49:37 GMT"
        #expect(verdict([:]) == .proceed)
        #expect(verdict([.ifNoneMatch: "*"]) == .notModified)
        #expect(verdict([.ifNoneMatch: "\"x\", W/\"v1\""]) == .notModified)
        #expect(verdict([.ifNoneMatch: "\"x\""]) == .proceed)
        #expect(verdict([.ifMatch: "\"x\""]) == .failed)
        #expect(verdict([.ifMatch: "W/\"v1\""]) == .failed)
        #expect(verdict([.ifMatch: "\"v1\""]) == .proceed)
        #expect(verdict([.ifUnmodifiedSince: before]) == .failed)
        #expect(verdict([.ifUnmodifiedSince: "garbage"]) == .proceed)
        #expect(verdict([.ifMatch: "\"v1\"", .ifUnmodifiedSince: before]) == .proceed, "If-Match wins")
        #expect(verdict([.ifModifiedSince: after]) == .notModified)
        #expect(verdict([.ifModifiedSince: before]) == .proceed)
        #expect(verdict([.ifNoneMatch: "\"v1\"", .ifModifiedSince: before]) == .notModified, "If-None-Match wins")
        #expect(verdict([.ifNoneMatch: "\"x\"", .ifModifiedSince: after]) == .proceed)
        #expect(Precondition.rangeApplies([.ifRange: "\"v1\""], validators: validators))
        #expect(!Precondition.rangeApplies([.ifRange: "W/\"v1\""], validators: validators))
        #expect(Precondition.rangeApplies([.ifRange: "Sun, 06 Nov 1994 08:49:37 GMT"], validators: validators))
        #expect(!Precondition.rangeApplies([.ifRange: after], validators: validators))
        #expect(!Precondition.rangeApplies([.ifRange: "nonsense"], validators: validators))
    }

    @Test func multipartBodiesAreLaidOutAsNginxLaysThemOut() {
        let file = ByteBuffer(string: "0123456789")
        let multipart = MultipartByteRanges([0..<1, 8..<10], of: file, contentType: "text/csv")
        let boundary = multipart.boundary
        #expect(boundary.count == 20 && boundary.allSatisfy(\.isNumber))
        #expect(String(buffer: multipart.body) == "\r\n--\(boundary)\r\nContent-Type: text/csv\r\nContent-Range: bytes 0-0/10\r\n\r\n0"
            + "\r\n--\(boundary)\r\nContent-Type: text/csv\r\nContent-Range: bytes 8-9/10\r\n\r\n89\r\n--\(boundary)--\r\n")
        #expect(multipart.contentType == "multipart/byteranges; boundary=\(boundary)")
    }
}

/// The same, on the wire of a live server, keep-alive connections included.
@Suite(.serialized) struct RangeAndConditionWireTests {
    @Test func aRangePastTheEndIs416AndTheNextResponseOnTheConnectionIsWhole() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try Fixture.write(Fixture.page("Big", filler: 80_000), to: fixture.output + "/big.html")
        try await fixture.server(idleTimeout: .seconds(300)).withLiveApplication { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, timeoutSeconds: 30)
            connection.send("GET /big.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let whole = try #require(await connection.receiveResponse())
            let length = whole.body.count
            #expect(length > 80_000)
            connection.send("GET /big.html HTTP/1.1\r\nHost: localhost\r\nRange: bytes=90000-\r\n\r\n")
            let past = try #require(await connection.receiveResponse())
            #expect(past.status == 416)
            #expect(past.field("Content-Range") == "bytes */\(length)")
            #expect(past.body.isEmpty)
            connection.send("GET /big.html HTTP/1.1\r\nHost: localhost\r\nRange: bytes=-50\r\n\r\n")
            let last = try #require(await connection.receiveResponse(), "no stray byte came before this response")
            #expect(last.status == 206)
            #expect(last.field("Content-Range") == "bytes \(length - 50)-\(length - 1)/\(length)")
            #expect(last.body == Array(whole.body.suffix(50)))
            connection.send("GET /big.html HTTP/1.1\r\nHost: localhost\r\nRange: bytes=-0\r\n\r\n")
            #expect(await connection.receiveResponse()?.status == 416)
        }
    }

    @Test func conditionsUseTheServersOwnStrongTag() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server(idleTimeout: .seconds(300)).withLiveApplication { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, timeoutSeconds: 30)
            func get(_ fields: String = "") async throws -> WireResponse {
                connection.send("GET /assets/folio.css HTTP/1.1\r\nHost: localhost\r\n\(fields)\r\n")
                return try #require(await connection.receiveResponse())
            }
            let tag = try #require(try await get().field("ETag"))
            #expect(tag.hasPrefix("\"") && !tag.hasPrefix("W/"), "the tag is strong")
            #expect(try await get("If-None-Match: *\r\n").status == 304)
            #expect(try await get("If-None-Match: \"x\", \(tag)\r\n").status == 304)
            #expect(try await get("If-None-Match: W/\(tag)\r\n").status == 304)
            let notModified = try await get("If-None-Match: \(tag)\r\n")
            #expect(notModified.field("ETag") == tag && notModified.field("Content-Length") == nil)
            #expect(try await get("If-Match: \"x\"\r\n").status == 412)
            #expect(try await get("If-Match: \(tag)\r\n").status == 200)
            #expect(try await get("Range: bytes=0-3\r\nIf-Range: \(tag)\r\n").status == 206)
            #expect(try await get("Range: bytes=0-3\r\nIf-Range: W/\(tag)\r\n").status == 200, "a weak tag never allows a range")
        }
    }

    @Test func aFileNamedAsAFolderIsNotFound() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server().makeApplication().test(.router) { client in
            try await client.execute(uri: "/softmax.html/", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/assets/folio.css/", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/softmax.html", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func anHTTP10ConnectionClosesAfterItsResponseUnlessKeptAlive() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.server(idleTimeout: .seconds(300)).withLiveApplication { client in
            let port = try #require(client.port)
            let once = try RawConnection(port: port, timeoutSeconds: 30)
            once.send("GET /assets/folio.css HTTP/1.0\r\n\r\n")
            let response = try #require(await once.receiveResponse())
            #expect(response.status == 200 && response.field("Connection") == "close")
            #expect(await once.closesWithin(seconds: 2), "closed at once, not after the idle timeout")

            let kept = try RawConnection(port: port, timeoutSeconds: 30)
            for _ in 0..<2 {
                kept.send("GET /assets/folio.css HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try #require(await kept.receiveResponse())
                #expect(response.status == 200 && response.field("Connection") == "keep-alive")
            }
            let closing = try RawConnection(port: port, timeoutSeconds: 30)
            closing.send("GET /assets/folio.css HTTP/1.1\r\nHost: localhost\r\nConnection: Close\r\n\r\n")
            #expect(await closing.receiveResponse()?.status == 200)
            #expect(await closing.closesWithin(seconds: 2), "`Close` closes in any case")
        }
    }
}
