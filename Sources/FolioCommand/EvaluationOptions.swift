import ArgumentParser
import Folio
import FolioRemoteCache
import Foundation

/// Options shared by the commands that run chapters' code.
struct EvaluationOptions: ParsableArguments {
    @Option(name: .long, help: "Seconds a chapter's program may run before it is stopped.")
    var timeout: Double = 30

    @Option(name: .customLong("warn-type-check"),
            help: "Warn at expressions that take longer than this many milliseconds to type-check (0: never).")
    var slowTypeCheck = 200

    @Flag(name: .long, help: "Say for each chapter why its code was evaluated or its results reused.")
    var explain = false

    @Option(name: [.short, .long], help: "How many chapters to evaluate at once (default: the number of cores).")
    var jobs: Int?

    @Option(name: .customLong("remote-cache"),
            help: ArgumentHelp("A cache shared between machines, in Bazel's HTTP cache protocol (default: $FOLIO_REMOTE_CACHE).",
                               valueName: "url"))
    var remoteCache: String?

    @Flag(name: .customLong("remote-cache-read-only"), help: "Fetch from the remote cache, never store in it (untrusted builds).")
    var remoteCacheReadOnly = false

    @Option(name: .customLong("remote-cache-timeout"), help: "Seconds a request to the remote cache may take.")
    var remoteCacheTimeout: Double = 15

    @Option(name: .long, help: ArgumentHelp("Evaluate only share I of N of the chapters, store their results in the remote cache, write no page.",
                                            valueName: "I/N"))
    var shard: String?

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard slowTypeCheck >= 0 else { throw ValidationError("--warn-type-check must be 0 or more") }
        guard jobs ?? 1 >= 1 else { throw ValidationError("--jobs must be 1 or more") }
        guard remoteCacheTimeout > 0 else { throw ValidationError("--remote-cache-timeout must be more than 0 seconds") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard takes I/N, with N at least 1 and I from 1 to N (e.g. --shard 2/4), not '\(shard)'")
        }
        _ = try remote()
    }

    /// The remote cache asked for (`--remote-cache`, else `FOLIO_REMOTE_CACHE`), with the headers
    /// `FOLIO_REMOTE_CACHE_HEADER` holds; its first problem is printed, once.
    func remote(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteCache? {
        guard let url = remoteCache ?? environment["FOLIO_REMOTE_CACHE"], !url.isEmpty else { return nil }
        do throws(RemoteCacheError) {
            return try RemoteCache(url: url, readOnly: remoteCacheReadOnly,
                                   headers: RemoteCache.headers(from: environment["FOLIO_REMOTE_CACHE_HEADER"] ?? ""),
                                   timeout: remoteCacheTimeout) { Console.error("folio: warning: " + $0) }
        } catch {
            throw ValidationError(error.description.replacingOccurrences(of: "error: ", with: ""))
        }
    }

    func request(chapters: [String], output: String) -> RenderRequest {
        var request = RenderRequest(chapters: chapters, outputDirectory: output, timeout: timeout,
                                    slowTypeCheckMilliseconds: slowTypeCheck == 0 ? nil : slowTypeCheck,
                                    jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        request.remote = try? remote()  // checked in validate()
        request.shard = shard.flatMap(Shard.init)
        return request
    }
}
