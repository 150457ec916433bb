import AsyncHTTPClient
import FolioStorage
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A cache shared between machines over HTTP, in the protocol of Bazel's HTTP remote cache:
/// entries under `ac/<key>` name their files, whose bytes are under `cas/<sha256>`. Served by
/// bazel-remote, nginx with WebDAV, an S3 gateway or a commercial build cache.
///
/// It never makes a render wrong or slow for long: every file is checked against its SHA-256
/// before use; a request has a time limit; the first failure is reported once, and after a
/// server failure (no answer, a stall, a 5xx, a refusal) the cache is not asked again in this
/// process — chapters are evaluated locally, as without it.
public final class RemoteCache: Sendable {
    /// The address as it may be printed: without credentials.
    public let address: String
    public let readOnly: Bool
    private let base: String
    private let headers: HTTPHeaders
    private let timeout: TimeAmount
    private let report: @Sendable (String) -> Void
    private let state = Mutex(State())

    private struct State {
        var unavailable = false
        var reported = false
        var statistics = RemoteCacheStatistics()
    }

    /// - Parameters:
    ///   - url: `http://` or `https://`, with a path prefix if the server wants one; credentials
    ///     in it (`https://user:password@host/`) are sent as basic authentication.
    ///   - headers: sent with every request (`Authorization: Bearer …`); never printed.
    ///   - timeout: seconds a request may take, from connecting to the last byte.
    ///   - report: told the first problem, once.
    public init(url: String, readOnly: Bool = false, headers: [(name: String, value: String)] = [], timeout: Double = 15,
                report: @escaping @Sendable (String) -> Void) throws(RemoteCacheError) {
        guard var components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw .invalidAddress(Self.redacted(url))
        }
        var headers = HTTPHeaders(headers.map { ($0.name, $0.value) })
        if let user = components.user {
            let credentials = "\(user.removingPercentEncoding ?? user):\((components.password ?? "").removingPercentEncoding ?? "")"
            headers.replaceOrAdd(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
            components.user = nil
            components.password = nil
        }
        components.query = nil
        components.fragment = nil
        var base = components.string ?? url
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.address = base
        self.readOnly = readOnly
        self.headers = headers
        self.timeout = .nanoseconds(Int64(max(0.001, timeout) * 1e9))
        self.report = report
    }

    /// The address with any credentials taken out: what messages show.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.user != nil || components.password != nil else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? "the remote cache"
    }

    /// The headers `FOLIO_REMOTE_CACHE_HEADER` holds: one per line, `Name: value` (or Bazel's
    /// `Name=value`). Lines that are no header are left out.
    public static func headers(from text: String) -> [(name: String, value: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard let cut = line.firstIndex(where: { $0 == ":" || $0 == "=" }) else { return nil }
            let name = line[..<cut].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: cut)...].trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : (name, value)
        }
    }

    /// What this process has fetched and stored.
    public var statistics: RemoteCacheStatistics {
        state.withLock { $0.statistics }
    }

    /// The files stored under `key` (64 hexadecimal digits), by their paths; `nil` when the cache
    /// has no such entry, or cannot be trusted with it (a file missing, or not the bytes its
    /// entry names), or cannot be reached.
    public func fetch(_ key: String) -> [String: [UInt8]]? {
        guard case .found(let entryBytes) = get("ac/" + key) else {
            state.withLock { $0.statistics.misses += 1 }
            return nil
        }
        guard let entry = ActionResult(bytes: entryBytes) else {
            problem("the entry ac/\(key) is not an action result", serverFailed: false)
            return nil
        }
        var files: [String: [UInt8]] = [:]
        for file in entry.outputFiles {
            guard case .found(let bytes) = get("cas/" + file.hash) else {
                state.withLock { $0.statistics.misses += 1 }
                return nil
            }
            guard bytes.count == file.size, Digest.of(bytes: bytes) == file.hash else {
                problem("cas/\(file.hash) holds \(bytes.count) bytes that are not the ones its entry names; not used",
                        serverFailed: false)
                return nil
            }
            files[file.path] = bytes
        }
        state.withLock { $0.statistics.hits += 1 }
        return files
    }

    /// Stores `files` under `key`: each file's bytes in `cas/`, then the entry naming them, so a
    /// reader never finds an entry whose files are not there yet. Does nothing when read-only.
    public func store(_ files: [(path: String, bytes: [UInt8])], under key: String) {
        guard !readOnly else { return }
        var entry = ActionResult(outputFiles: [])
        for file in files {
            let hash = Digest.of(bytes: file.bytes)
            guard put("cas/" + hash, file.bytes) else { return }
            entry.outputFiles.append(.init(path: file.path, hash: hash, size: file.bytes.count))
        }
        _ = put("ac/" + key, entry.bytes)
    }

    private enum Answer {
        case found([UInt8])
        case missing
        case failed
    }

    private func get(_ path: String) -> Answer {
        guard let (status, body) = send(.GET, path, body: nil) else { return .failed }
        switch status.code {
        case 200:
            state.withLock { $0.statistics.bytesFetched += body.count }
            return .found(body)
        case 404:
            return .missing
        default:
            problem("GET \(path): \(status.code) \(status.reasonPhrase)", serverFailed: true)
            return .failed
        }
    }

    private func put(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let (status, _) = send(.PUT, path, body: bytes) else { return false }
        guard (200..<300).contains(status.code) else {
            problem("PUT \(path): \(status.code) \(status.reasonPhrase)", serverFailed: true)
            return false
        }
        state.withLock { $0.statistics.bytesStored += bytes.count }
        return true
    }

    /// One request, answered within the time limit, or `nil` (reported) when it was not.
    private func send(_ method: HTTPMethod, _ path: String, body: [UInt8]?) -> (HTTPResponseStatus, [UInt8])? {
        guard !state.withLock({ $0.unavailable }) else { return nil }
        do {
            let request = try HTTPClient.Request(url: base + "/" + path, method: method, headers: headers, body: body.map { .bytes($0) })
            let response = try Self.client.execute(request: request, deadline: .now() + timeout).wait()
            let bytes = response.body.map { Array($0.readableBytesView) } ?? []
            return (response.status, bytes)
        } catch {
            problem("\(method) \(path): \(Self.describe(error))", serverFailed: true)
            return nil
        }
    }

    /// Reports the first problem; after a server failure the cache is not asked again.
    private func problem(_ message: String, serverFailed: Bool) {
        let first = state.withLock { state in
            state.statistics.problems += 1
            if serverFailed { state.unavailable = true }
            defer { state.reported = true }
            return !state.reported
        }
        if first {
            report("remote cache \(address): \(message)"
                   + (serverFailed ? "; not used again in this run, chapters are evaluated here" : "; evaluated here instead"))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "no answer in time"
            case .remoteConnectionClosed: return "the connection closed before the answer was whole"
            default: return String(describing: error)
            }
        }
        return String(describing: error)
    }

    /// One client for the process, never shut down: a render makes its requests and exits. A
    /// refused connection is an answer (no server), not a reason to try again until the time limit.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false),
                                                     timeout: .init(connect: .seconds(5)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}

/// What a process fetched from and stored in the remote cache: for `--explain` and benchmarks.
public struct RemoteCacheStatistics: Sendable, Equatable {
    /// Entries found whole.
    public var hits = 0
    /// Entries, or files of entries, the cache did not have.
    public var misses = 0
    public var bytesFetched = 0
    public var bytesStored = 0
    /// Failures: no answer, a bad status, bytes that did not match their hash.
    public var problems = 0

    public init() {}
}

/// Why a remote cache cannot be used at all: its address is not one.
public enum RemoteCacheError: Error, Equatable, CustomStringConvertible {
    case invalidAddress(String)

    public var description: String {
        switch self {
        case .invalidAddress(let url):
            return "error: --remote-cache '\(url)' is not an http:// or https:// address"
        }
    }
}
