import Folio
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import FolioStorage

/// How `folio serve` runs: where it listens and what it renders.
public struct PreviewConfiguration: Sendable {
    public var host: String
    /// 0 lets the system pick a free port; the URL printed names it.
    public var port: Int
    /// The render run at start and after each change.
    public var request: RenderRequest
    /// Connections quiet for this long are closed (a request open or streaming is not quiet), so
    /// idle and half-sent (slowloris) connections cannot pile up.
    public var idleTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 8000, request: RenderRequest = RenderRequest(),
                idleTimeout: Duration = .seconds(10)) {
        self.host = host
        self.port = port
        self.request = request
        self.idleTimeout = idleTimeout
    }

    /// The output folder as the process can open it.
    var outputPath: String {
        request.outputDirectory.hasPrefix("/") || request.root == "."
            ? request.outputDirectory : request.root + "/" + request.outputDirectory
    }

    var chaptersPath: String {
        joinPath(request.root, BookBuilder.chaptersDirectory)
    }
}

/// Why the preview server could not run.
public enum PreviewError: Error, CustomStringConvertible {
    case portInUse(host: String, port: Int)
    case cannotServe(host: String, port: Int, reason: String)
    case cannotCreateOutput(path: String, reason: String)

    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            return "error: cannot serve on \(host):\(port): the port is already in use (try --port with another number, or --port 0 for any free one)"
        case .cannotServe(let host, let port, let reason):
            return "error: cannot serve on \(host):\(port): \(reason)"
        case .cannotCreateOutput(let path, let reason):
            return "\(path): error: cannot create the output folder: \(reason)"
        }
    }
}

/// The preview server: renders the book, serves `output/` over HTTP, re-renders when `chapters/`
/// changes and tells open pages to reload. `run()` returns after SIGINT or SIGTERM.
public struct PreviewServer: Sendable {
    public let configuration: PreviewConfiguration
    /// The last render's problems, shown on served pages.
    public let state = PreviewState()
    public let broadcaster = ReloadBroadcaster()
    /// The responses replayed to plain GETs of unchanged files, and the files they come from.
    let recordings: RecordedResponses
    private let log: @Sendable (String) -> Void

    /// - Parameter log: Where progress and diagnostics go (standard error, for the command).
    public init(configuration: PreviewConfiguration, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.log = log
        recordings = RecordedResponses(files: OutputFileProvider(root: configuration.outputPath, state: state))
    }

    /// Makes the event loops that do the server's I/O run Swift concurrency's tasks as well, so a
    /// request's handler does not hop between two thread pools (NIO's advice for servers). Call it
    /// once, from the main thread, before any task starts; renders run on their own thread.
    public static func runTasksOnEventLoops() {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Serves, renders, then watches until a termination signal, which also ends a render in
    /// progress (the first one included); a port in use is an error.
    public func run() async throws(PreviewError) {
        let output = configuration.outputPath
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateOutput(path: output, reason: error.systemReason)
        }

        // The address is announced once the server listens and the first render is done, so a
        // page asked for at once is there.
        let host = configuration.host
        let shown = host.contains(":") ? "[\(host)]" : host
        let ready = Mutex<(port: Int?, rendered: Bool)>((nil, false))
        let log = log
        let announce: @Sendable (_ port: Int?, _ rendered: Bool) -> Void = { port, rendered in
            let port = ready.withLock { state -> Int? in
                let wasReady = state.port != nil && state.rendered
                state.port = port ?? state.port
                state.rendered = state.rendered || rendered
                return !wasReady && state.rendered ? state.port : nil
            }
            if let port { log("folio: serving the preview at http://\(shown):\(port)/ (Ctrl-C to stop)") }
        }
        let app = makeApplication { port in announce(port, false) }
        let watching = WatchService(
            watcher: BookWatcher(directory: configuration.chaptersPath), broadcaster: broadcaster,
            render: { await self.render() }, firstRendered: { announce(nil, true) })
        // Services stop in reverse order: the watcher first, ending the pages' event streams, so
        // that the server's graceful shutdown is not held open by them.
        let group = ServiceGroup(configuration: .init(
            services: [app, watching], gracefulShutdownSignals: [.sigterm, .sigint, .sighup], logger: Self.logger))
        do {
            try await group.run()
        } catch {
            throw Self.explain(error, host: host, port: configuration.port)
        }
    }

    /// Renders the book off the concurrency pool (compiling a chapter blocks for seconds), records
    /// the outcome for the banner and tells open pages.
    @discardableResult
    public func render() async -> RenderEvent {
        let request = configuration.request
        let started = ContinuousClock.now
        let outcome: Result<RenderReport, BookError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                do throws(BookError) {
                    continuation.resume(returning: .success(try BookBuilder().render(request)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        let event: RenderEvent
        switch outcome {
        case .success(let report):
            var printer = DiagnosticPrinter(root: request.root)
            for diagnostic in report.diagnostics { log(printer.format(diagnostic)) }
            state.update(problems: report.diagnostics.filter { $0.severity == .error }.map(\.summary))
            event = report.succeeded ? .rendered : .failed
        case .failure(let error):
            log(error.description)
            state.update(problems: [error.description])
            event = .failed
        }
        let elapsed = ContinuousClock.now - started
        log("folio: \(event == .rendered ? "rendered" : "rendered with errors, shown on the pages") in \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        await broadcaster.send(event)
        return event
    }

    /// The HTTP application, without the watcher: what the tests drive.
    public func makeApplication(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: TimeAmount.nanoseconds(Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000
                + configuration.idleTimeout.components.attoseconds / 1_000_000_000),
            // A page request has a few hundred bytes of headers; 64 KB of them is an attack.
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 16 * 1024, maxHeaderFieldCount: 100))
        let recordings = recordings
        return Application(
            router: Self.makeRouter(files: recordings.files, broadcaster: broadcaster),
            server: HTTPServerBuilder { responder in
                ReplayingHTTP1Channel(http1: HTTP1Channel(responder: responder, configuration: http1), recordings: recordings)
            },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "folio"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: Self.logger)
    }

    /// Routes: the event stream at `/_folio/events`; every other GET or HEAD is a file of `output/`.
    static func makeRouter(files: OutputFileProvider, broadcaster: ReloadBroadcaster) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SafePathMiddleware())
        router.add(middleware: RangeAndConditionMiddleware())
        let files = FileMiddleware<BasicRequestContext, OutputFileProvider>(
            fileProvider: files,
            // Pages change under the reader: the browser must ask each time (cheap with the ETag).
            cacheControl: CacheControl([(MediaType.textHtml, [.noCache])]),
            searchForIndexHtml: true
        ).withAdditionalMediaType(MediaType(type: .text, subType: "html", parameter: ("charset", "utf-8")), mappedToFileExtension: "html")
        router.add(middleware: files)
        router.get(RouterPath(PageDecorator.eventsPath)) { _, _ in
            let events = await broadcaster.subscribe()
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    // A comment first, so the client sees the headers and knows it is connected.
                    try await writer.write(ByteBuffer(string: ": connected\n\n"))
                    for await event in events {
                        try await writer.write(ByteBuffer(string: event.frame))
                    }
                    try await writer.finish(nil)
                })
        }
        return router
    }

    /// Hummingbird's own messages: warnings only, the command prints what matters.
    static let logger: Logger = {
        var logger = Logger(label: "folio.serve")
        logger.logLevel = .warning
        return logger
    }()

    static func explain(_ error: any Error, host: String, port: Int) -> PreviewError {
        if let error = error as? IOError, error.errnoCode == EADDRINUSE {
            return .portInUse(host: host, port: port)
        }
        let reason = String(describing: error)
        if reason.contains("Address already in use") { return .portInUse(host: host, port: port) }
        return .cannotServe(host: host, port: port, reason: reason)
    }
}

/// Runs the watcher as a service: re-renders on each change until graceful shutdown, then ends
/// the pages' event streams.
struct WatchService: Service {
    let watcher: BookWatcher
    let broadcaster: ReloadBroadcaster
    let render: @Sendable () async -> Void
    let firstRendered: @Sendable () -> Void

    func run() async throws {
        // A render in progress may be running a chapter's program: it is ended at once, so a
        // stop never waits for a cell.
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await render()
                firstRendered()
                await watcher.watch { await render() }
            }
        } onGracefulShutdown: {
            RunningProcesses.endAll()
        }
        await broadcaster.finishAll()
    }
}
