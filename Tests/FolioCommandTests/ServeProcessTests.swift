import FolioChecks
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `folio serve` as a whole process, attacked over loopback the way a hostile network would:
/// a thousand idle connections and a slowloris request must not crash it nor stop it serving.
/// (In-process tests of the server live in FolioServeTests; this one needs a real process, so a
/// crash shows as an exit status, not as the test runner dying.)
@Suite(.serialized) struct ServeProcessTests {
    @Test func aThousandIdleConnectionsAndASlowlorisRequestNeitherCrashNorBlockTheServer() async throws {
        let book = try TemporaryBook(["intro.md": "# Intro\n\nA page to serve, $x^2$.\n"])
        defer { book.remove() }
        let server = try ServerProcess(book: book)
        defer { server.stop() }
        let port = try server.waitForPort()

        var idle: [LoopbackSocket] = []
        defer { idle.forEach { $0.close() } }
        for _ in 0..<1000 {
            idle.append(try LoopbackSocket(port: port))
        }
        let slowloris = try LoopbackSocket(port: port)
        defer { slowloris.close() }
        for piece in ["GET /intro.html HTTP/1.1\r\n", "Host: local", "host\r\nX-Slow: "] {
            slowloris.send(piece)
            try await Task.sleep(for: .milliseconds(100))
        }

        // Everyone else is still served, promptly, while those connections are held open.
        let started = ContinuousClock.now
        let response = try LoopbackSocket(port: port).exchange("GET /intro.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(60))")
        #expect(response.contains("<h1"))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(server.isRunning)

        // The half-sent request is never answered with a page: the idle timeout closes it (4xx or
        // a plain close), and the server is still there afterwards.
        let answer = slowloris.receive(timeout: .seconds(30))
        #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 4"), "\(answer.prefix(60))")
        #expect(server.isRunning)

        let status = server.stop()
        // Stopped by Ctrl-C, as a shell reports it.
        #expect(status == 130, "folio serve exited with \(status); stderr:\n\(server.stderr)")
    }
}

/// `folio serve --port 0` running in a temporary book, its stderr collected.
private final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let errors = Pipe()
    private let collected = Collected()

    init(book: TemporaryBook) throws {
        process.executableURL = folioExecutable
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: book.root)
        var environment = ProcessInfo.processInfo.environment
        environment["FOLIO_CACHE_DIR"] = testCache
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let collected = self.collected
        errors.fileHandleForReading.readabilityHandler = { handle in
            collected.append(handle.availableData)
        }
        try process.run()
    }

    var isRunning: Bool { process.isRunning }
    var stderr: String { collected.text }

    /// The port from the "serving … at http://127.0.0.1:PORT/" line.
    func waitForPort() throws -> Int {
        for _ in 0..<600 {
            if let range = stderr.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let text = stderr[range].dropFirst("127.0.0.1:".count).dropLast()
                if let port = Int(text) { return port }
            }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        throw ServeTestError.notStarted(stderr)
    }

    /// Stops the server as Ctrl-C does and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
        }
        errors.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}

private enum ServeTestError: Error {
    case notStarted(String)
    case cannotConnect(Int32)
}

/// A plain TCP connection to 127.0.0.1, for requests no HTTP client would send.
private struct LoopbackSocket {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServeTestError.cannotConnect(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw ServeTestError.cannotConnect(code)
        }
    }

    func send(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything received until the peer closes or `timeout` passes.
    func receive(timeout: Duration) -> String {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) >= 0 else { break }
            if poller.revents == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func exchange(_ request: String) -> String {
        defer { close() }
        send(request)
        return receive(timeout: .seconds(10))
    }

    func close() {
        Glibc.close(descriptor)
    }
}
