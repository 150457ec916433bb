import Foundation

/// Where a link or a source on a chapter page points, as far as moving the page elsewhere is
/// concerned: within the page, to another chapter, to the book's index, to a file beside the
/// pages, or out of the book.
enum PageLink: Equatable {
    /// `#x`: an id on the same page.
    case fragment(String)
    /// `b.html`, `b.html#x`: another chapter, or the same one by name.
    case chapter(slug: String, fragment: String?)
    /// `index.html`: the book's front page.
    case index
    /// A path relative to the output folder, `..` resolved and percent-escapes decoded.
    case file(path: String)
    /// A URL with a scheme (`https:`, `mailto:`, `data:`), or `//host/…`: unchanged anywhere.
    case external
    /// A relative path above the output folder (`../../README.md`): it works only beside the
    /// pages in their folder.
    case outside

    /// Classifies `reference`, an `href` or `src` on a chapter page; `chapters` are the book's
    /// slugs.
    init(_ reference: String, chapters: Set<String>) {
        if reference.hasPrefix("#") {
            self = .fragment(String(reference.dropFirst()))
            return
        }
        if Self.hasScheme(reference) || reference.hasPrefix("//") {
            self = .external
            return
        }
        var path = Substring(reference)
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = path[..<hash]
        }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        if path.isEmpty {
            self = fragment.map { .fragment($0) } ?? .fragment("")
            return
        }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "", ".": continue
            case "..":
                guard segments.popLast() != nil else {
                    self = .outside
                    return
                }
            default: segments.append(segment)
            }
        }
        let resolved = segments.joined(separator: "/")
        let decoded = resolved.removingPercentEncoding ?? resolved
        if segments.count == 1, decoded.hasSuffix(".html") {
            let stem = String(decoded.dropLast(5))
            if chapters.contains(stem) {
                self = .chapter(slug: stem, fragment: fragment.flatMap { $0.isEmpty ? nil : $0 })
                return
            }
            if stem == "index" {
                self = .index
                return
            }
        }
        self = .file(path: decoded)
    }

    /// Whether `reference` begins with a URL scheme: a letter, then letters, digits, `+`, `-`
    /// or `.`, then `:`.
    private static func hasScheme(_ reference: String) -> Bool {
        guard let colon = reference.firstIndex(of: ":") else { return false }
        let scheme = reference[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}

/// The attributes whose value is one id, or a space-separated list of ids, on the same page.
enum IDReferences {
    static let single: Set<String> = [
        "for", "form", "list", "aria-activedescendant", "aria-details", "aria-errormessage", "popovertarget",
        "commandfor", "anchor",
    ]
    static let lists: Set<String> = [
        "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-flowto",
    ]

    /// `value`, each `url(#id)` in it (SVG's `clip-path`, `fill`, `marker-end`, a `style`)
    /// passed through `rename`.
    static func renamingURLs(in value: String, _ rename: (String) -> String) -> String {
        guard value.containsBytes("url(#") else { return value }
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "url(#") {
            result += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            let end = rest.firstIndex { $0 == ")" || $0 == "\"" || $0 == "'" } ?? rest.endIndex
            result += rename(String(rest[..<end]))
            rest = rest[end...]
        }
        return result + rest
    }
}
