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

    /// Judges a request's path as it came off the wire (still percent-encoded).
    static func verdict(_ raw: String) -> Verdict {
        guard raw.hasPrefix("/"), !raw.hasPrefix("//") else { return .badRequest }
        // An encoded slash, backslash or NUL has no business in a file's name in output/; decoded,
        // they would change which file is meant.
        let lowered = raw.lowercased()
        for smuggled in ["%2f", "%5c", "%00", "\\"] where lowered.contains(smuggled) {
            return .badRequest
        }
        guard let decoded = raw.removingPercentEncoding else { return .badRequest }
        guard !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) else { return .badRequest }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .badRequest }
        if segments.contains(where: { $0.hasPrefix(".") }) { return .hidden }
        return .allowed
    }
}
