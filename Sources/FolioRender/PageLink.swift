/// Links to the book's own files, named after chapters whose file names may hold any character:
/// `c#1.md` must be linked as `c%231.html`, or the browser reads a fragment.
enum PageLink {
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
