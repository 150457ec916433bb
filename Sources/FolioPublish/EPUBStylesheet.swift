import Foundation

/// Folio's stylesheet as the EPUB carries it.
///
/// A stepper figure on a web page switches steps with radio buttons and `:has()`, inside
/// `@supports selector(:has(*))`. epubcheck's CSS parser rejects `:has()` (an error, CSS-008,
/// for each rule), and few reading systems support it, so those blocks are left out and the
/// buttons hidden: the e-book shows the first step with its caption and its data, as the printed
/// page does. Everything else is the web's CSS, byte for byte.
enum EPUBStylesheet {
    static func adapt(_ stylesheet: [UInt8]) -> [UInt8] {
        var css = String(decoding: stylesheet, as: UTF8.self)
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
        if !css.isEmpty, !css.hasSuffix("\n") { css += "\n" }
        css += "/* The e-book: a stepper shows its first step, as on paper. */\n.stepper-controls { display: none; }\n"
        return Array(css.utf8)
    }
}
