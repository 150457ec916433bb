/// Links to the book's own files, named after chapters whose file names may hold any character:
/// `c#1.md` must be linked as `c%231.html`, or the browser reads a fragment.
public enum PageLink {
    /// A link as the author wrote it, as the page links it: a relative link to a chapter's
    /// Markdown file (`other.md`, `other.md#eq-1`) goes to that chapter's page (`other.html`,
    /// `other.html#eq-1`), as in mdBook, so links work both on GitHub and in the book. Any other
    /// link — absolute, with a scheme, to another kind of file — is kept as it is.
    public static func rewritten(_ destination: String) -> String {
        guard !isExternal(destination), !destination.hasPrefix("/") else { return destination }
        let end = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? destination.endIndex
        let path = destination[..<end]
        guard path.hasSuffix(".md") else { return destination }
        return path.dropLast(3) + ".html" + destination[end...]
    }

    /// Whether `destination` leaves the book: it has a scheme (`https:`, `mailto:`) or names a
    /// host (`//example.org`).
    public static func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("//") { return true }
        let scheme = destination.unicodeScalars.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        guard scheme.endIndex < destination.unicodeScalars.endIndex, destination.unicodeScalars[scheme.endIndex] == ":",
              let first = scheme.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) }
    }

    /// The link to the page of chapter `slug`, optionally to an anchor on it.
    static func page(_ slug: String, anchor: String? = nil) -> String {
        encode(slug + ".html") + (anchor.map { "#" + encode($0) } ?? "")
    }

    /// `path` with every character a URL path cannot hold as itself percent-encoded: spaces,
    /// controls, `"#%<>?[\]^`{|}`. Other characters, Chinese ones included, stay as they are
    /// (HTML takes IRIs), so links read as the files are named.
    static func encode(_ path: String) -> String {
        var result = ""
        for scalar in path.unicodeScalars {
            let value = scalar.value
            if value <= 0x20 || value == 0x7F || "\"#%<>?[\\]^`{|}".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 {
                    result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
