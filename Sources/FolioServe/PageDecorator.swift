/// Adds what only a served page has: the live-reload script and, while the last render failed, a
/// banner listing its diagnostics. Pages in `output/` stay script-free; this runs per response.
public struct PageDecorator: Sendable {
    /// Where pages listen for renders.
    public static let eventsPath = "/_folio/events"

    /// Reloads the page after every render, good or failed: a failed one brings the banner.
    static let reloadScript = """
        <script>new EventSource("\(eventsPath)").onmessage = () => location.reload();</script>
        """

    public init() {}

    /// The page with the banner (if any) and the script inserted before its last `</body>`, or
    /// appended when there is none.
    public func decorate(_ page: [UInt8], problems: [String]) -> [UInt8] {
        let insertion = Array((Self.banner(problems) + Self.reloadScript + "\n").utf8)
        let closing = Array("</body>".utf8)
        var result = page
        if let index = Self.lastIndex(of: closing, in: page) {
            result.insert(contentsOf: insertion, at: index)
        } else {
            result += insertion
        }
        return result
    }

    /// The diagnostics as an alert fixed to the top of the page. Every message is escaped: it
    /// quotes the author's source and the compiler.
    static func banner(_ problems: [String]) -> String {
        guard !problems.isEmpty else { return "" }
        let items = problems.map { "<li>\(escape($0))</li>" }.joined()
        return """
            <div id="folio-errors" role="alert" style="position:fixed;inset:0 0 auto 0;z-index:99;max-height:60vh;\
            overflow:auto;margin:0;padding:1em 1.5em;background:#fff0f0;color:#600;border-bottom:3px solid #c00;\
            font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap"><strong>The last render found errors; \
            a chapter whose code fails shows its latest text, the last good results of unchanged cells, and \
            each error in its cell.</strong><ul style="margin:.5em 0 0;padding-left:1.2em">\(items)</ul></div>
            """
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start] == needle[0], haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
