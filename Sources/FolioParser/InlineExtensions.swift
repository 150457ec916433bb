import FolioModel

/// GitHub's two inline extensions that cmark leaves as text: `~~strikethrough~~` (one or two
/// tildes, paired like emphasis) and links without brackets (`www.example.com`, `https://…`,
/// `name@example.com`). Each works on one level of the model's inlines, once cmark's emphasis
/// and links are made.
enum InlineExtensions {
    /// Stands for a tilde the author escaped (`\~`) until strikethrough is paired.
    static let escapedTilde: Unicode.Scalar = "\u{E003}"

    // MARK: Strikethrough

    private enum Token {
        case inline(Inline)
        /// A run of one or two tildes, and whether it may open and close a strikethrough.
        case tildes(Int, canOpen: Bool, canClose: Bool)
    }

    /// How a character next to a delimiter run counts for flanking.
    private enum Neighbour {
        case space
        case punctuation
        case other
    }

    /// `inlines` with each pair of matching tilde runs made a strikethrough of what lies between.
    /// (0xEE leads the UTF-8 of the private-use placeholders, escaped tildes among them.)
    static func strikethrough(_ inlines: [Inline]) -> [Inline] {
        guard inlines.contains(where: { if case .text(let text) = $0 { text.utf8.contains { $0 == UInt8(ascii: "~") || $0 == 0xEE } } else { false } }) else {
            return inlines
        }
        var tokens = tokenize(inlines)
        var openers: [Int] = []
        var index = 0
        while index < tokens.count {
            guard case .tildes(let count, let canOpen, let canClose) = tokens[index] else {
                index += 1
                continue
            }
            if canClose, let found = openers.lastIndex(where: { if case .tildes(count, _, _) = tokens[$0] { true } else { false } }) {
                let opener = openers[found]
                let inside = merged(Array(tokens[(opener + 1)..<index]))
                tokens.replaceSubrange(opener...index, with: [.inline(.strikethrough(inside))])
                openers.removeSubrange(found...)
                index = opener + 1
            } else {
                if canOpen { openers.append(index) }
                index += 1
            }
        }
        return merged(tokens).map(restoringEscapedTildes)
    }

    private static func restoringEscapedTildes(_ inline: Inline) -> Inline {
        guard case .text(let text) = inline, text.unicodeScalars.contains(escapedTilde) else { return inline }
        return .text(String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == escapedTilde ? "~" : $0 })))
    }

    /// Texts split at tilde runs, each run with its flanking worked out from its neighbours.
    private static func tokenize(_ inlines: [Inline]) -> [Token] {
        // Runs first with their neighbours as scalars, then classified.
        var tokens: [Token] = []
        for (position, inline) in inlines.enumerated() {
            guard case .text(let text) = inline, text.unicodeScalars.contains("~") else {
                tokens.append(.inline(inline))
                continue
            }
            let scalars = Array(text.unicodeScalars)
            var start = 0
            var index = 0
            while index < scalars.count {
                guard scalars[index] == "~" else {
                    index += 1
                    continue
                }
                var end = index
                while end < scalars.count, scalars[end] == "~" { end += 1 }
                let count = end - index
                if count <= 2 {
                    if start < index { tokens.append(.inline(.text(String(String.UnicodeScalarView(scalars[start..<index]))))) }
                    let before = index > 0 ? classify(scalars[index - 1]) : neighbour(of: position > 0 ? inlines[position - 1] : nil, atEnd: true)
                    let after = end < scalars.count ? classify(scalars[end]) : neighbour(of: position + 1 < inlines.count ? inlines[position + 1] : nil, atEnd: false)
                    let leftFlanking = after != .space && (after != .punctuation || before != .other)
                    let rightFlanking = before != .space && (before != .punctuation || after != .other)
                    tokens.append(.tildes(count, canOpen: leftFlanking, canClose: rightFlanking))
                    start = end
                }
                index = end
            }
            if start < scalars.count { tokens.append(.inline(.text(String(String.UnicodeScalarView(scalars[start...]))))) }
        }
        return tokens
    }

    /// How the inline next to a run counts: its nearest character if it is text, a space for a
    /// line break or the edge of the level, else a letter's worth.
    private static func neighbour(of inline: Inline?, atEnd: Bool) -> Neighbour {
        switch inline {
        case nil, .softBreak?, .lineBreak?: return .space
        case .text(let text)?:
            guard let scalar = atEnd ? text.unicodeScalars.last : text.unicodeScalars.first else { return .space }
            return classify(scalar)
        default: return .other
        }
    }

    private static func classify(_ scalar: Unicode.Scalar) -> Neighbour {
        if scalar.properties.isWhitespace { return .space }
        if scalar.isASCII ? isASCIIPunctuation(scalar) : isPunctuationCategory(scalar.properties.generalCategory) { return .punctuation }
        return .other
    }

    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        (0x21...0x2F).contains(scalar.value) || (0x3A...0x40).contains(scalar.value) || (0x5B...0x60).contains(scalar.value)
            || (0x7B...0x7E).contains(scalar.value)
    }

    private static func isPunctuationCategory(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
             .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Tokens back to inlines, unpaired runs as text, neighbouring texts joined.
    private static func merged(_ tokens: [Token]) -> [Inline] {
        var result: [Inline] = []
        for token in tokens {
            let inline: Inline
            switch token {
            case .inline(let value): inline = value
            case .tildes(let count, _, _): inline = .text(String(repeating: "~", count: count))
            }
            if case .text(let text) = inline, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + text)
            } else {
                result.append(inline)
            }
        }
        return result
    }

    // MARK: Links without brackets

    /// `inlines` with each web address and e-mail address in their texts made a link.
    static func autolinks(_ inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        for inline in inlines {
            guard case .text(let text) = inline, mayHoldAddress(text) else {
                result.append(inline)
                continue
            }
            result += linked(text)
        }
        return result
    }

    /// Whether `text` has an `@`, a `www.` or a `://`: one look at each byte.
    private static func mayHoldAddress(_ text: String) -> Bool {
        var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "@"): return true
            case UInt8(ascii: "."): if previous == (UInt8(ascii: "w"), UInt8(ascii: "w"), UInt8(ascii: "w")) { return true }
            case UInt8(ascii: "/"): if previous.1 == UInt8(ascii: ":"), previous.2 == UInt8(ascii: "/") { return true }
            default: break
            }
            previous = (previous.1, previous.2, byte)
        }
        return false
    }

    /// A text split into text and links.
    private static func linked(_ text: String) -> [Inline] {
        let bytes = Array(text.utf8)
        var result: [Inline] = []
        var pending = 0
        var index = 0
        while index < bytes.count {
            if let link = address(in: bytes, at: index, after: pending) {
                if link.start > pending { result.append(.text(String(decoding: bytes[pending..<link.start], as: UTF8.self))) }
                let shown = String(decoding: bytes[link.start..<link.end], as: UTF8.self)
                result.append(.link(destination: link.prefix + shown, title: "", content: [.text(shown)]))
                pending = link.end
                index = link.end
            } else {
                index += 1
            }
        }
        if pending < bytes.count { result.append(.text(String(decoding: bytes[pending...], as: UTF8.self))) }
        return result.isEmpty ? [.text(text)] : result
    }

    /// The address starting at `index`, or, for an e-mail address, whose `@` is at `index`.
    private static func address(in bytes: [UInt8], at index: Int, after floor: Int) -> (start: Int, end: Int, prefix: String)? {
        let byte = bytes[index]
        if byte == UInt8(ascii: "@") { return email(in: bytes, at: index, after: floor) }
        guard (byte | 0x20) == UInt8(ascii: "w") || (byte | 0x20) == UInt8(ascii: "h") || (byte | 0x20) == UInt8(ascii: "f") else { return nil }
        let before = index > 0 ? bytes[index - 1] : UInt8(ascii: " ")
        let rest = bytes[index...]
        let prefix: String
        let domainStart: Int
        let needsPeriod: Bool
        if rest.starts(with: "www.".utf8) {
            // `www.` after a space, a line's start, or `*`, `_`, `~`, `(` (the GFM spec).
            guard before == UInt8(ascii: " ") || before == UInt8(ascii: "\t") || before == UInt8(ascii: "\n") || before == UInt8(ascii: "*")
                    || before == UInt8(ascii: "_") || before == UInt8(ascii: "~") || before == UInt8(ascii: "(") else { return nil }
            prefix = "http://"
            domainStart = index
            needsPeriod = true
        } else if let scheme = ["https://", "http://", "ftp://"].first(where: { scheme in
            rest.count >= scheme.utf8.count && zip(rest, scheme.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
        }) {
            // A scheme glued to a word is part of it (`xhttp://`); after anything else it starts a
            // link, and its host needs no period (`http://localhost`), as cmark-gfm reads them.
            guard !isAlphanumeric(before) || index == 0 else { return nil }
            prefix = ""
            domainStart = index + scheme.utf8.count
            needsPeriod = false
        } else {
            return nil
        }
        guard let domainEnd = validDomain(in: bytes, from: domainStart, needsPeriod: needsPeriod) else { return nil }
        var end = domainEnd
        while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "<") { end += 1 }
        end = trimmedEnd(bytes, start: index, from: domainEnd, to: end)
        return (index, end, prefix)
    }

    /// The end of a domain (segments of letters, digits, `_` and `-` between periods, at least one
    /// period when `needsPeriod`, no `_` in the last two segments) starting at `start`.
    private static func validDomain(in bytes: [UInt8], from start: Int, needsPeriod: Bool) -> Int? {
        var end = start
        while end < bytes.count, isDomainByte(bytes[end]) || (bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count && isDomainByte(bytes[end + 1])) {
            end += 1
        }
        // Underscores that end the domain at the end of a line are punctuation after the link
        // (`www.a.com_`), as cmark-gfm reads them; before more text they are the domain's.
        if end == bytes.count { while end > start, bytes[end - 1] == UInt8(ascii: "_") { end -= 1 } }
        let segments = bytes[start..<end].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard end > start, segments.count >= (needsPeriod ? 2 : 1), segments.last?.isEmpty == false else { return nil }
        for segment in segments.suffix(2) where segment.contains(UInt8(ascii: "_")) { return nil }
        return end
    }

    /// The end of a link once its trailing punctuation, a trailing `;` (with the `&name` before
    /// it, which looks like an entity) and unbalanced `)` are taken off, as cmark-gfm does.
    private static func trimmedEnd(_ bytes: [UInt8], start: Int, from floor: Int, to end: Int) -> Int {
        var end = end
        while end > floor {
            let last = bytes[end - 1]
            if "?!.,:*_~'\"".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ";") {
                // `&hl;` at the end looks like an entity: it goes, `;` alone goes.
                var entity = end - 1
                while entity > floor, isAlphanumeric(bytes[entity - 1]) { entity -= 1 }
                end = entity > floor && entity < end - 1 && bytes[entity - 1] == UInt8(ascii: "&") ? entity - 1 : end - 1
            } else if last == UInt8(ascii: ")") {
                // Parentheses are counted within the link only: `(www.a.com)` keeps its `)` out.
                let opens = bytes[start..<end].filter { $0 == UInt8(ascii: "(") }.count
                let closes = bytes[start..<end].filter { $0 == UInt8(ascii: ")") }.count
                guard closes > opens else { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    /// An e-mail address around the `@` at `at`: letters, digits and `.+-_` before it, a domain
    /// after it that does not end in `-` or `_`.
    private static func email(in bytes: [UInt8], at: Int, after floor: Int) -> (start: Int, end: Int, prefix: String)? {
        var start = at
        while start > floor, isAlphanumeric(bytes[start - 1]) || ".+-_".utf8.contains(bytes[start - 1]) { start -= 1 }
        guard start < at else { return nil }
        var end = at + 1
        var periods = 0
        while end < bytes.count {
            if bytes[end] == UInt8(ascii: "."), end + 1 < bytes.count, isAlphanumeric(bytes[end + 1]) || bytes[end + 1] == UInt8(ascii: "-") || bytes[end + 1] == UInt8(ascii: "_") {
                periods += 1
            } else if !(isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "_")) {
                break
            }
            end += 1
        }
        guard periods > 0, end > at + 1, bytes[end - 1] != UInt8(ascii: "-"), bytes[end - 1] != UInt8(ascii: "_") else { return nil }
        return (start, end, "mailto:")
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
    }
}
