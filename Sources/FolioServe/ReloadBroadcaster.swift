import Foundation

/// What a render tells open pages.
public enum RenderEvent: String, Sendable {
    case rendered
    case failed

    /// The Server-Sent Events frame: a plain `message`, which the reload script listens for.
    var frame: String { "data: \(rawValue)\n\n" }
}

/// Holds the open event streams of preview pages and sends each render's outcome to all of them.
public actor ReloadBroadcaster {
    private var clients: [UUID: AsyncStream<RenderEvent>.Continuation] = [:]
    private var closed = false

    public init() {}

    /// A stream of render events for one page; it ends when the page goes or the server stops.
    public func subscribe() -> AsyncStream<RenderEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: RenderEvent.self, bufferingPolicy: .bufferingNewest(8))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        clients[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    public var clientCount: Int { clients.count }

    public func send(_ event: RenderEvent) {
        for client in clients.values { client.yield(event) }
    }

    /// Ends every stream, so that a graceful shutdown is not held open by pages listening forever.
    public func finishAll() {
        closed = true
        for client in clients.values { client.finish() }
        clients = [:]
    }

    private func remove(_ id: UUID) {
        clients[id] = nil
    }
}
