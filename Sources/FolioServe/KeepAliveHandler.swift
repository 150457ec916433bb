import NIOCore
import NIOHTTP1

/// Closes a connection after the response to a request that did not ask to keep it open: an
/// HTTP/1.0 request without `Connection: keep-alive`, or any request whose `Connection` names
/// `close` in whatever case (RFC 9112 §9.3).
///
/// Why: the HTTP/1 request reaches Hummingbird as an `HTTPRequest` of swift-http-types, which has
/// no version, and Hummingbird ends a connection only on a `Connection` field that is exactly
/// `close`; so an HTTP/1.0 client was kept waiting until the idle timeout. This handler sits
/// where the version is still known, before the conversion, and spells the request's wish as
/// Hummingbird reads it; the response says `Connection: close` too, as nginx's does.
final class KeepAliveHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// For each request read and not yet answered, the `Connection` its response must carry:
    /// `close`, `keep-alive` for an HTTP/1.0 client that asked for it (it would otherwise take
    /// the response for the last), or nothing.
    private var connectionFields = CircularBuffer<String?>()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else { return context.fireChannelRead(data) }
        if !head.isKeepAlive {
            head.headers.replaceOrAdd(name: "connection", value: "close")
            connectionFields.append("close")
        } else {
            connectionFields.append(head.version == .http1_0 ? "keep-alive" : nil)
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.code >= 200:
            if let field = connectionFields.first ?? nil {
                head.headers.replaceOrAdd(name: "connection", value: field)
                return context.write(wrapOutboundOut(.head(head)), promise: promise)
            }
        case .end:
            if !connectionFields.isEmpty { connectionFields.removeFirst() }
        default:
            break
        }
        context.write(data, promise: promise)
    }
}
