import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// nginx serving a folder on a free loopback port, in the foreground, with its configuration,
/// logs and temporary files in a folder of its own; no root needed. With `webDAV`, it also takes
/// `PUT`s into the folder (creating folders on the way), as a Bazel-style HTTP cache.
public final class Nginx: @unchecked Sendable {
    /// Debian's nginx, if installed.
    public static let path: String? = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    public let port: Int
    private let process = Process()

    public init(serving root: String, in folder: String, webDAV: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: folder + "/temp", withIntermediateDirectories: true)
        port = try Loopback.freePort()
        // `if_modified_since before` is RFC 9110's rule (nginx's default answers 304 only to the
        // exact date); `charset utf-8` types pages as folio does.
        let dav = webDAV ? "dav_methods PUT; create_full_put_path on; dav_access user:rw; client_max_body_size 0;" : ""
        let configuration = """
            master_process off;
            worker_processes 1;
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log;
            events { worker_connections 64; }
            http {
                access_log \(folder)/access.log;
                client_body_temp_path \(folder)/temp;
                proxy_temp_path \(folder)/temp;
                fastcgi_temp_path \(folder)/temp;
                uwsgi_temp_path \(folder)/temp;
                scgi_temp_path \(folder)/temp;
                types { text/html html; text/css css; text/csv csv; }
                default_type application/octet-stream;
                charset utf-8;
                if_modified_since before;
                keepalive_timeout 10s;
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
                    \(dav)
                }
            }
            """
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: folder + "/nginx.conf"))
        process.executableURL = URL(fileURLWithPath: Self.path!)
        process.arguments = ["-p", folder, "-c", folder + "/nginx.conf", "-e", folder + "/error.log", "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if Loopback.accepts(port: port) { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        let log = (try? String(contentsOfFile: folder + "/error.log", encoding: .utf8)) ?? ""
        stop()
        throw LoopbackError.didNotStart(log: log)
    }

    /// Ends it with SIGKILL: without a master process, nginx keeps the signal mask it was started
    /// with, and a test runner's may block SIGTERM.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

public enum LoopbackError: Error {
    case noFreePort
    case didNotStart(log: String)
}

/// Ports on 127.0.0.1.
public enum Loopback {
    /// A port the system says is free now.
    public static func freePort() throws -> Int {
        let (socket, port) = try bound()
        close(socket)
        return port
    }

    /// A socket bound to a free port of 127.0.0.1, and the port.
    static func bound() throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else {
            close(socket)
            throw LoopbackError.noFreePort
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Whether something listens on `port`.
    public static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// A loopback HTTP/1.1 server of the test's own that answers each request as the test says: a
/// store that behaves, or one that fails in a chosen way (a status, a stall, a body cut short or
/// changed). One thread per connection; each answer closes its connection.
public final class ScriptedServer: @unchecked Sendable {
    /// How to answer one request.
    public enum Answer: Sendable {
        /// A status and a body, sent whole.
        case respond(Int, [UInt8])
        /// Headers promising `declared` bytes, then only `body`, then the connection closes.
        case truncated(body: [UInt8], declared: Int)
        /// No answer at all, for this long.
        case stall(seconds: Double)
    }

    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [Request] = []
    private var stopped = false
    private let answer: @Sendable (Request) -> Answer

    public init(answer: @escaping @Sendable (Request) -> Answer) throws {
        self.answer = answer
        let (socket, port) = try Loopback.bound()
        guard listen(socket, 64) == 0 else {
            close(socket)
            throw LoopbackError.noFreePort
        }
        listener = socket
        self.port = port
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Every request so far, in the order they came.
    public var requests: [Request] {
        lock.withLock { received }
    }

    public func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if lock.withLock({ stopped }) { return }
                continue
            }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = Self.read(connection) else { return }
        lock.withLock { received.append(request) }
        switch answer(request) {
        case .respond(let status, let body):
            send(connection, Array("HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body)
        case .truncated(let body, let declared):
            send(connection, Array("HTTP/1.1 200 OK\r\nContent-Length: \(declared)\r\nConnection: close\r\n\r\n".utf8) + body)
        case .stall(let seconds):
            usleep(UInt32(seconds * 1_000_000))
        }
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// The request line, headers and a `Content-Length` body.
    private static func read(_ connection: Int32) -> Request? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var needed = Int.max
        while bytes.count < needed {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += buffer[..<count]
            if headEnd == nil, let end = bytes.firstRange(of: separator)?.upperBound {
                headEnd = end
                let head = String(decoding: bytes[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                needed = end + length
            }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).split(separator: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(parts[0]), path: String(parts[1]), headers: headers, body: Array(bytes[headEnd...]))
    }
}
