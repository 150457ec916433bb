import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The whole responses `FileMiddleware` last gave to plain GETs of files, by request path, each with
/// the version of the file it was made from. Shared by every connection.
///
/// Why: a preview asks for the same few pages again and again, and Hummingbird's per-request work
/// (a task, the router, the middleware chain, ETag and date formatting) costs a third of the
/// server's time under load. A recorded response is only replayed while its file is still
/// the same version, so what a reader gets is always what FileMiddleware would answer now.
final class RecordedResponses: Sendable {
    /// One recorded answer: the head as FileMiddleware and Hummingbird wrote it, and the body.
    struct Recording: Sendable {
        var head: HTTPResponse
        var body: ByteBuffer
        var version: OutputFileProvider.FileVersion
    }

    /// Past this many, the recordings start over; a book has far fewer files than this.
    static let capacity = 4096
    /// Larger bodies are not recorded; pages are under a megabyte.
    static let largestBody = 16 << 20

    let files: OutputFileProvider
    /// How many responses were replayed: what `folio serve` saved Hummingbird from answering.
    let replayed = Atomic<Int>(0)
    private let recordings = Mutex<[String: Recording]>([:])

    init(files: OutputFileProvider) {
        self.files = files
    }

    /// The recorded response for `path` if its file is still the version it was made from.
    func current(for path: String) -> Recording? {
        guard let recording = recordings.withLock({ $0[path] }),
              files.currentVersion(of: path) == recording.version else { return nil }
        return recording
    }

    func record(_ recording: Recording, for path: String) {
        recordings.withLock { recordings in
            if recordings.count >= Self.capacity, recordings[path] == nil { recordings.removeAll() }
            recordings[path] = recording
        }
    }

    /// Whether a request may be answered from, or recorded into, the recordings: a GET or HEAD of
    /// a file named plainly (`/a/b.html`: no query, no escapes, no empty, dot or hidden names, not
    /// a folder), without the headers that make FileMiddleware answer differently (ranges,
    /// conditions) and without `Connection: close`, which Hummingbird must see to close.
    static func isReplayable(_ request: HTTPRequest) -> Bool {
        guard request.method == .get || request.method == .head, let path = request.path else { return false }
        for field in request.headerFields {
            switch field.name {
            case .range, .ifRange, .ifMatch, .ifNoneMatch, .ifModifiedSince, .ifUnmodifiedSince: return false
            case .connection where field.value.lowercased().contains("close"): return false
            default: continue
            }
        }
        let slash = UInt8(ascii: "/")
        guard path.utf8.first == slash, path.utf8.last != slash else { return false }
        var previous = slash
        for byte in path.utf8.dropFirst() {
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "\\"): return false
            case 0..<0x21, 0x7F: return false
            case slash where previous == slash: return false
            case UInt8(ascii: ".") where previous == slash: return false
            default: previous = byte
            }
        }
        return true
    }
}

/// Sits in each connection's pipeline between Hummingbird's connection-state handler and its
/// request handling: answers a replayable request from the recordings when its file is unchanged,
/// and otherwise passes it on and records the 200 response that comes back.
///
/// Hummingbird reads a connection's pipelined requests as they come and answers them in order, so
/// a request is only replayed when no request passed on is still waiting for its answer: a
/// replayed response never overtakes another. Answers coming back belong to the passed requests
/// in the order they were passed.
final class ResponseReplayHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A request passed on to Hummingbird, waiting for its answer.
    private struct Passed {
        /// Where to record the answer, and the version of the file before the request; `nil`
        /// when the answer is not to be recorded.
        var recordAs: (path: String, version: OutputFileProvider.FileVersion)?
        var head: HTTPResponse?
        var body: ByteBuffer?
    }

    private let recordings: RecordedResponses
    /// The request being read, when it is to be answered here once it ends.
    private var replaying: (recording: RecordedResponses.Recording, headOnly: Bool)?
    private var passed: [Passed] = []
    /// After a request asking to close the connection, everything goes to Hummingbird.
    private var closing = false
    private var date = HTTPDate()

    init(recordings: RecordedResponses) {
        self.recordings = recordings
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            replaying = nil
            let replayable = !closing && RecordedResponses.isReplayable(request)
            if replayable, passed.isEmpty, let path = request.path, let recording = recordings.current(for: path) {
                replaying = (recording, request.method == .head)
                return
            }
            var entry = Passed()
            if replayable, request.method == .get, let path = request.path,
               let version = recordings.files.currentVersion(of: path) {
                entry.recordAs = (path, version)
            }
            if !replayable, request.headerFields[.connection]?.lowercased().contains("close") == true { closing = true }
            passed.append(entry)
            context.fireChannelRead(data)
        case .body:
            if replaying == nil { context.fireChannelRead(data) }
        case .end:
            guard let (recording, headOnly) = replaying else { return context.fireChannelRead(data) }
            replaying = nil
            recordings.replayed.add(1, ordering: .relaxed)
            var head = recording.head
            head.headerFields[.date] = date.now()
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            if !headOnly { context.write(wrapOutboundOut(.body(recording.body)), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !passed.isEmpty {
            switch unwrapOutboundIn(data) {
            case .head(let response):
                if passed[0].head == nil, response.status == .ok { passed[0].head = response } else { passed[0].recordAs = nil }
            case .body(let buffer):
                if passed[0].body == nil, buffer.readableBytes <= RecordedResponses.largestBody {
                    passed[0].body = buffer
                } else {
                    passed[0].recordAs = nil
                }
            case .end(let trailers):
                let answered = passed.removeFirst()
                // Recorded only if the file is still the version seen before the request: then the
                // body FileMiddleware sent was made from it.
                // Nor is a body whose length is not the one its head announces: a replay must
                // never send a wrong length.
                let body = answered.body ?? ByteBuffer()
                if trailers == nil, let (path, version) = answered.recordAs, let head = answered.head,
                   head.headerFields[.contentLength] == String(body.readableBytes),
                   recordings.files.currentVersion(of: path) == version {
                    recordings.record(.init(head: head, body: body, version: version), for: path)
                }
            }
        }
        context.write(data, promise: promise)
    }
}

/// Hummingbird's HTTP/1 channel with a `ResponseReplayHandler` in each connection's pipeline.
struct ReplayingHTTP1Channel: ServerChildChannel {
    let http1: HTTP1Channel
    let recordings: RecordedResponses

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // After the connection-state handler, so its idle timeout and quiescing still see
            // every request and every response.
            let pipeline = channel.pipeline.syncOperations
            let connectionState = try pipeline.context(handlerType: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(ResponseReplayHandler(recordings: recordings), position: .after(connectionState.handler))
            // Before the request is converted to swift-http-types, which drop its HTTP version.
            let decoder = try pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(KeepAliveHandler(), position: .after(decoder.handler))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
