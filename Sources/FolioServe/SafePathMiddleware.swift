import Hummingbird

/// Refuses, before any file is looked up, what a preview server has no reason to answer: methods
/// other than GET and HEAD (405), over-long or malformed paths (414, 400), paths that try to climb
/// out of `output/` or smuggle a separator (400), and dotfiles (404).
///
/// The file provider checks the resolved real path as well (symlinks); this middleware rejects the
/// spellings early so they never reach the disk.
public struct SafePathMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Longer paths are refused: no page of a book has one, and it bounds the work per request.
    public static var maximumPathLength: Int { 2048 }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let raw = request.uri.path
        guard raw.utf8.count <= Self.maximumPathLength else { throw HTTPError(.uriTooLong) }
        switch Self.verdict(raw) {
        case .allowed: return try await next(request, context)
        case .badRequest: throw HTTPError(.badRequest)
        case .hidden: throw HTTPError(.notFound)
        }
    }

    enum Verdict: Equatable {
        case allowed
        case badRequest
        case hidden
    }

    /// Judges a request's path as it came off the wire (still percent-encoded). It runs on every
    /// request, so it reads the bytes once and allocates only when there is something to decode.
    static func verdict(_ raw: String) -> Verdict {
        var raw = raw
        return raw.withUTF8 { bytes in
            guard bytes.count >= 1, bytes[0] == Byte.slash, bytes.count == 1 || bytes[1] != Byte.slash else {
                return .badRequest
            }
            guard bytes.contains(Byte.percent) else { return verdict(decoded: bytes) }
            guard let decoded = percentDecoded(bytes) else { return .badRequest }
            return decoded.withUnsafeBufferPointer { verdict(decoded: $0) }
        }
    }

    /// The path's bytes with every `%XX` decoded; `nil` for a broken escape, for an escape that
    /// spells a separator or NUL (decoded, it would change which file is meant), or when the result
    /// is not UTF-8.
    private static func percentDecoded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == Byte.percent else {
                decoded.append(bytes[index])
                index += 1
                continue
            }
            guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                return nil
            }
            let byte = high << 4 | low
            guard byte != Byte.slash, byte != Byte.backslash, byte != 0 else { return nil }
            decoded.append(byte)
            index += 3
        }
        return String(validating: decoded, as: UTF8.self) == nil ? nil : decoded
    }

    /// Judges a decoded path: control characters, backslashes and `.`/`..` segments are refused,
    /// a segment starting with a dot is hidden.
    private static func verdict(decoded bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        var hidden = false
        var segmentStart = 1
        for index in 1...bytes.count {
            let atEnd = index == bytes.count
            if !atEnd {
                let byte = bytes[index]
                guard byte >= 0x20, byte != Byte.backslash else { return .badRequest }
                guard byte == Byte.slash else { continue }
            }
            let length = index - segmentStart
            if length > 0, bytes[segmentStart] == Byte.dot {
                if length == 1 || (length == 2 && bytes[segmentStart + 1] == Byte.dot) { return .badRequest }
                hidden = true
            }
            segmentStart = index + 1
        }
        return hidden ? .hidden : .allowed
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The bytes a request path is judged by.
private enum Byte {
    static let slash = UInt8(ascii: "/")
    static let backslash = UInt8(ascii: "\\")
    static let percent = UInt8(ascii: "%")
    static let dot = UInt8(ascii: ".")
}
