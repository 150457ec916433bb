import Foundation
import Folio
@testable import FolioServe
import Hummingbird
import HummingbirdTesting

#if canImport(Glibc)
import Glibc
#endif

/// A temporary book: `output/` with two pages, a stylesheet, a dotfile, an empty folder, a FIFO,
/// symlinks to a secret outside it and to a page inside it; `chapters/` with one prose chapter.
struct Fixture {
    static let secret = "TOP-SECRET-BYTES"
    let root: String
    var output: String { root + "/book/output" }
    var chapters: String { root + "/book/chapters" }
    var outside: String { root + "/outside" }

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/folio-serve-\(UUID().uuidString)"
        let manager = FileManager.default
        for folder in ["/book/output/assets", "/book/output/empty", "/book/chapters", "/outside"] {
            try manager.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
        }
        try Self.write(Self.page("Index"), to: output + "/index.html")
        try Self.write(Self.page("Softmax"), to: output + "/softmax.html")
        try Self.write("body { color: black }\n", to: output + "/assets/folio.css")
        try Self.write(Self.secret, to: output + "/.env")
        try Self.write(Self.secret, to: outside + "/secret.txt")
        try manager.createSymbolicLink(atPath: output + "/leak.html", withDestinationPath: outside + "/secret.txt")
        try manager.createSymbolicLink(atPath: output + "/escape", withDestinationPath: outside)
        // Neither is served: a symlink is never followed, even to a page inside; a FIFO is not a file.
        try manager.createSymbolicLink(atPath: output + "/inner.html", withDestinationPath: output + "/softmax.html")
        guard mkfifo(output + "/pipe", 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        try Self.write("# Intro\n\nSome prose.\n", to: chapters + "/intro.md")
    }

    static func page(_ title: String, filler: Int = 0) -> String {
        "<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body><h1>\(title)</h1>"
            + String(repeating: "x", count: filler) + "</body></html>\n"
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Writes like Folio's renderer does: a temporary file beside the target, renamed over it.
    static func replace(_ path: String, with text: String) throws {
        let temporary = (path as NSString).deletingLastPathComponent + "/.\((path as NSString).lastPathComponent).tmp"
        try write(text, to: temporary)
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func server(idleTimeout: Duration = .seconds(10)) -> PreviewServer {
        PreviewServer(configuration: PreviewConfiguration(
            port: 0, request: RenderRequest(root: root + "/book", timeout: 30), idleTimeout: idleTimeout))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// A plain TCP connection to the server, for requests no HTTP client would send.
final class RawConnection: @unchecked Sendable {
    let socket: Int32

    init(port: Int, timeoutSeconds: Int = 5) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { close(socket); throw CocoaError(.fileReadUnknown) }
    }

    deinit { close(socket) }

    /// Sends bytes; false once the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Everything the server sends until it closes, the timeout passes, or `until` appears. The
    /// blocking read runs on a thread of its own: on the concurrency pool it would starve the
    /// in-process server of threads.
    func receive(until marker: String? = nil) async -> String {
        await offPool { self.blockingReceive(until: marker) }
    }

    private func blockingReceive(until marker: String?) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[..<count]
            if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Whether the server closed the connection (a read returns end of file).
    func isClosedByServer() async -> Bool {
        await offPool {
            var byte: UInt8 = 0
            return recv(self.socket, &byte, 1, 0) == 0
        }
    }
}

extension PreviewServer {
    /// Runs the app on a free loopback port for the length of `body`.
    func withLiveApplication<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await makeApplication().test(.live, body)
    }
}

/// Runs blocking work on a new thread and waits for it without holding a pool thread.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}

/// One HTTP response read off the wire, byte for byte.
struct WireResponse: Sendable {
    /// `HTTP/1.1 206 Partial Content`.
    var statusLine: String
    var status: Int
    /// Field lines as sent, names as the server wrote them.
    var fields: [(name: String, value: String)]
    var body: [UInt8]

    /// The value of the first field called `name`, in any case.
    func field(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

extension RawConnection {
    /// Reads exactly one response: its head, then as many bytes as its Content-Length says (none
    /// after HEAD, 1xx, 204 and 304). `nil` if the connection ends or times out before it is whole.
    func receiveResponse(toHead: Bool = false) async -> WireResponse? {
        await offPool { self.blockingReceiveResponse(toHead: toHead) }
    }

    /// Whether the server closes the connection within `seconds`, with nothing more sent.
    func closesWithin(seconds: Int) async -> Bool {
        await offPool {
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(self.socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var byte: UInt8 = 0
            return recv(self.socket, &byte, 1, 0) == 0
        }
    }

    private func blockingReceiveResponse(toHead: Bool) -> WireResponse? {
        var received: [UInt8] = []
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            guard let more = readSome() else { return nil }
            received += more
            if received.count >= 4 {
                headEnd = (0...(received.count - 4)).first { received[$0..<$0 + 4].elementsEqual(separator) }
            }
        }
        let head = String(decoding: received[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        var response = WireResponse(statusLine: head[0], status: Int(head[0].split(separator: " ").dropFirst().first ?? "") ?? 0,
                                    fields: [], body: [])
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            response.fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(received[(headEnd! + 4)...])
        let hasBody = !toHead && response.status >= 200 && response.status != 204 && response.status != 304
        let length = hasBody ? Int(response.field("Content-Length") ?? "0") ?? 0 : 0
        while body.count < length {
            guard let more = readSome() else { return nil }
            body += more
        }
        // Bytes past the announced length would be the next response's: a desynchronised connection.
        guard body.count == length else { return nil }
        response.body = body
        return response
    }

    private func readSome() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &buffer, buffer.count, 0)
        return count > 0 ? Array(buffer[..<count]) : nil
    }
}
