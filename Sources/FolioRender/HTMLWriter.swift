/// Builds an HTML document in which text is escaped by construction: `text(_:)` and attribute
/// values are always escaped, and only `trusted(_:)` — markup the code itself produced or the
/// author wrote as raw HTML on purpose — goes in as is.
struct HTMLWriter {
    private(set) var output = ""

    /// A writer with room for `capacity` bytes: a page's worth by default.
    init(capacity: Int = 64 * 1024) {
        output.reserveCapacity(capacity)
    }

    mutating func text(_ text: String) {
        output += Self.escape(text, quotes: false)
    }

    /// Appends markup as is. Only for markup this module produced or raw HTML the author wrote.
    mutating func trusted(_ markup: String) {
        output += markup
    }

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        output += "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            output += " \(key)=\"\(Self.escape(value, quotes: true))\""
        }
        output += ">"
    }

    mutating func close(_ name: String) {
        output += "</\(name)>"
    }

    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ body: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) {
        open(name, attributes)
        self.text(text)
        close(name)
    }

    mutating func newline() {
        output += "\n"
    }

    static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
