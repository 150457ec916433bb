import ArgumentParser
import Folio
import FolioServe
import Foundation

/// `folio serve`: render the book, serve `output/`, and re-render and reload pages on each edit.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve output/ for preview, re-rendering and reloading open pages when chapters/ changes.",
        discussion: "Stops on Ctrl-C (SIGINT), SIGTERM or SIGHUP, ending any chapter program it is running. Exit status: 130 after Ctrl-C, 143 after SIGTERM, 129 after SIGHUP, 1 when the server cannot start, 2 for a usage error."
    )

    @Option(name: .long, help: "The address to listen on; the default serves this machine only.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port = 8000

    @OptionGroup var evaluation: EvaluationOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
        guard evaluation.shard == nil else { throw ValidationError("--shard is for render and check: serve shows the whole book") }
    }

    func run() throws {
        let server = PreviewServer(
            configuration: PreviewConfiguration(host: host, port: port, request: evaluation.request(chapters: [], output: "output").forPreview),
            log: { Console.error($0) })
        // ArgumentParser's root command here is synchronous; the server is async, so the main
        // thread waits for it. Signals are handled by the server's service group, not this thread.
        PreviewServer.runTasksOnEventLoops()
        let outcome = Outcome()
        // The server's service group stops on these signals; which one came sets the exit status.
        let signals = [SIGINT, SIGTERM, SIGHUP].map { signal in
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { outcome.signal = signal }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        let finished = DispatchSemaphore(value: 0)
        Task {
            do throws(PreviewError) {
                try await server.run()
            } catch {
                outcome.error = error
            }
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error {
            Console.error(error.description)
            throw ExitCode.failure
        }
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
    }

    /// The server's error, handed from its task to the waiting main thread (the semaphore orders
    /// the write before the read).
    private final class Outcome: @unchecked Sendable {
        var error: PreviewError?
        /// The signal that stopped the server, set on a dispatch queue before the group ends.
        var signal: Int32?
    }
}
