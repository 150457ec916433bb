import HTTPTypes
import Hummingbird
import NIOCore

/// Answers conditional requests (RFC 9110 §13) and range requests (§14) for the files that
/// Hummingbird's `FileMiddleware`, which it wraps, serves.
///
/// Why not FileMiddleware's own handling: in Hummingbird 2.28.1 it reads `bytes=-50` as the
/// first 51 bytes, answers `bytes=-0` and ranges past the end with 206 (and a negative
/// Content-Length), ignores `If-None-Match: *`, `If-Match` and `If-Unmodified-Since`, and takes a
/// weak tag in `If-Range`. So those fields are taken off the request before FileMiddleware sees
/// it; FileMiddleware still finds the file, the folder's index.html or the redirect, the type,
/// the length and the validators, and answers in full; this middleware then decides, from that
/// 200 and the fields, between it, 304, 412, 206 and 416. Ranges are read as nginx reads them
/// (`RangeSelection`), and where nginx departs from RFC 9110 (a range on HEAD, `If-Modified-Since`
/// beside `If-None-Match`, an `If-Unmodified-Since` that is not a date) this follows the RFC.
///
/// It also makes FileMiddleware's entity tags strong: FileMiddleware calls them weak because they
/// are made from the modification time (to the microsecond) and the size, not from the bytes.
/// But Folio replaces a file by renaming a new one over it, and the file provider moves a page's
/// time whenever its banner changes, so two different bodies never share a tag: as strong as
/// nginx's, made from the time to the second. Strong tags let `If-Range` resume a download.
struct RangeAndConditionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The fields this middleware answers and FileMiddleware must not see.
    static var fieldNames: [HTTPField.Name] {
        [.range, .ifRange, .ifMatch, .ifNoneMatch, .ifModifiedSince, .ifUnmodifiedSince]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers.contains(where: { Self.fieldNames.contains($0.name) }) else {
            return Self.strengthened(try await next(request, context))
        }
        var head = request.head
        for name in Self.fieldNames { head.headerFields[name] = nil }
        let response = Self.strengthened(try await next(Request(head: head, body: request.body), context))
        // Only a file's full answer has validators and a length; anything else (404, a redirect,
        // the event stream) goes back as it is.
        guard response.status == .ok, response.headers[.eTag] != nil, response.headers[.lastModified] != nil,
              let length = response.headers[.contentLength].flatMap({ Int($0) }) else { return response }
        let validators = Validators(response.headers)
        switch Precondition(request.headers, validators: validators) {
        case .failed:
            return Self.emptyResponse(.preconditionFailed, headers: [:])
        case .notModified:
            // What a 200 would have said of the file's freshness, without its length and type (§15.4.5).
            var headers = HTTPFields()
            for name in [HTTPField.Name.eTag, .lastModified, .cacheControl] { headers[name] = response.headers[name] }
            return Self.emptyResponse(.notModified, headers: headers)
        case .proceed:
            break
        }
        // Ranges are defined for GET alone (§14.2): on HEAD the field is ignored.
        guard request.method == .get, let range = request.headers[.range],
              Precondition.rangeApplies(request.headers, validators: validators) else { return response }
        switch RangeSelection(range, length: length) {
        case .whole:
            return response
        case .unsatisfiable:
            return Self.emptyResponse(.rangeNotSatisfiable, headers: [.contentRange: "bytes */\(length)"])
        case .parts(let parts):
            let file = try await Self.collect(response.body)
            // The body is the one the length was measured on; were it not, the whole is safer.
            guard file.readableBytes == length else { return Self.whole(file, headers: response.headers) }
            var headers = response.headers
            headers[.acceptRanges] = nil
            if parts.count == 1, let part = parts.first {
                headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(length)"
                headers[.contentLength] = String(part.count)
                let slice = file.getSlice(at: file.readerIndex + part.lowerBound, length: part.count) ?? ByteBuffer()
                return Response(status: .partialContent, headers: headers, body: ResponseBody(byteBuffer: slice))
            }
            let multipart = MultipartByteRanges(parts, of: file, contentType: response.headers[.contentType])
            headers[.contentType] = multipart.contentType
            headers[.contentLength] = String(multipart.body.readableBytes)
            return Response(status: .partialContent, headers: headers, body: ResponseBody(byteBuffer: multipart.body))
        }
    }

    /// `response` with a strong entity tag in place of FileMiddleware's weak one.
    static func strengthened(_ response: Response) -> Response {
        guard let tag = response.headers[.eTag], tag.hasPrefix("W/") else { return response }
        var response = response
        response.headers[.eTag] = String(tag.dropFirst(2))
        return response
    }

    /// A response without a body: 412 and 416 say all in their status and fields. A 304 has no
    /// Content-Length either, since one would have to be the whole file's (§8.6).
    private static func emptyResponse(_ status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var response = Response(status: status, headers: headers)
        if status == .notModified { response.headers[.contentLength] = nil }
        return response
    }

    private static func whole(_ file: ByteBuffer, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentLength] = String(file.readableBytes)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: file))
    }

    /// The bytes of a body FileMiddleware made (a file's, already in memory).
    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = BodyCollector()
        try await body.write(CollectingWriter(collector: collector))
        return collector.bytes
    }
}

/// Where `CollectingWriter` puts the bytes written to it.
private final class BodyCollector {
    var bytes = ByteBuffer()
}

/// A body writer that keeps what is written instead of sending it.
private struct CollectingWriter: ResponseBodyWriter {
    let collector: BodyCollector

    mutating func write(_ buffer: ByteBuffer) async throws {
        collector.bytes.writeImmutableBuffer(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
