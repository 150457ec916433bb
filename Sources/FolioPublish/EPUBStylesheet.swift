import Foundation

/// Folio's stylesheet as the EPUB carries it.
///
/// A stepper figure on a web page switches steps with radio buttons and `:has()`, inside
/// `@supports selector(:has(*))`. epubcheck's CSS parser rejects `:has()` (an error, CSS-008,
/// for each rule), and few reading systems support it, so those blocks are left out and the
/// buttons hidden: the e-book shows the first step with its caption and its data, as the printed
/// page does. For the same parser, a rule elsewhere whose selector uses `:has()` (a table's width
/// when it has a caption) is left out, and an attribute selector's case flag (`[src$=".svg" i]`,
/// Selectors 4) is dropped, so that match is case-sensitive in the e-book. Everything else is the
/// web's CSS, byte for byte.
enum EPUBStylesheet {
    static func adapt(_ stylesheet: [UInt8]) -> [UInt8] {
        var css = String(decoding: stylesheet, as: UTF8.self)
        css = removingSupportsBlocks(css)
        css = removingRules(selecting: ":has(", from: css)
        css = css.replacingOccurrences(of: #"(\[[^\]{}]*["'])\s+[iIsS]\]"#, with: "$1]", options: .regularExpression)
        if !css.isEmpty, !css.hasSuffix("\n") { css += "\n" }
        css += "/* The e-book: a stepper shows its first step, as on paper. */\n.stepper-controls { display: none; }\n"
        return Array(css.utf8)
    }

    /// `css` without its `@supports selector(…) { … }` blocks.
    private static func removingSupportsBlocks(_ stylesheet: String) -> String {
        var css = stylesheet
        while let start = css.range(of: "@supports selector(") {
            guard let open = css[start.upperBound...].firstIndex(of: "{") else { break }
            var depth = 0
            var end = css.endIndex
            var index = open
            while index < css.endIndex {
                if css[index] == "{" { depth += 1 }
                if css[index] == "}" {
                    depth -= 1
                    if depth == 0 {
                        end = css.index(after: index)
                        break
                    }
                }
                index = css.index(after: index)
            }
            // The line break after the block goes with it.
            if end < css.endIndex, css[end] == "\n" { end = css.index(after: end) }
            css.removeSubrange(start.lowerBound..<end)
        }
        return css
    }

    /// `css` without the rules whose selector holds `marker`: from the end of what comes before
    /// (a `}`, a `{`, a `;` or a comment) to the end of the rule's block, its line break included.
    private static func removingRules(selecting marker: String, from stylesheet: String) -> String {
        var css = stylesheet
        var searched = css.startIndex
        while let found = css.range(of: marker, range: searched..<css.endIndex) {
            // In a comment: passed over.
            let before = css[..<found.lowerBound]
            if let opening = before.range(of: "/*", options: .backwards),
               before.range(of: "*/", options: .backwards).map({ $0.lowerBound < opening.lowerBound }) ?? true {
                searched = css[found.upperBound...].range(of: "*/")?.upperBound ?? css.endIndex
                continue
            }
            let start = css[..<found.lowerBound].lastIndex { $0 == "}" || $0 == "{" || $0 == ";" }.map { css.index(after: $0) } ?? css.startIndex
            guard let open = css[found.upperBound...].firstIndex(of: "{"),
                  let close = css[open...].firstIndex(of: "}") else { break }
            var end = css.index(after: close)
            if end < css.endIndex, css[end] == "\n" { end = css.index(after: end) }
            // The line break before the rule stays, the one after it goes.
            var from = start
            // A comment before the rule ends where the rule begins, whatever it holds.
            if let comment = css[start..<found.lowerBound].range(of: "*/", options: .backwards) { from = comment.upperBound }
            while from < found.lowerBound, css[from] == "\n" { from = css.index(after: from) }
            let offset = css.distance(from: css.startIndex, to: from)
            css.removeSubrange(from..<end)
            searched = css.index(css.startIndex, offsetBy: offset)
        }
        return css
    }
}
