import Foundation

/// Finds citations in a run of prose text, by pandoc's Markdown rules.
///
/// The Markdown parser hands over the literal text cmark left (a `[see @a]` that is not a
/// link stays text); code spans never reach the scanner. `@eq-`, `@fig-`, `@tbl-`, `@sec-`
/// (and Quarto's other cross-reference prefixes) are not citations, and an `@` right after a
/// letter or digit (`name@example.com`) never starts one.
public enum CitationScanner {
    /// Splits `text` into plain text and citations, covering every scalar once, in order.
    public static func scan(_ text: String) -> [CitationSegment] {
        let scalars = Array(text.unicodeScalars)
        var segments: [CitationSegment] = []
        var textStart = 0
        var index = 0
        func flush(until end: Int) {
            if end > textStart { segments.append(.text(textStart..<end)) }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "[", let (citation, end) = bracketed(scalars, at: index) {
                flush(until: index)
                segments.append(.citation(citation, index..<end))
                index = end
                textStart = end
                continue
            }
            if scalar == "@", startsCitation(scalars, at: index), let (citation, end) = narrative(scalars, at: index) {
                flush(until: index)
                segments.append(.citation(citation, index..<end))
                index = end
                textStart = end
                continue
            }
            index += 1
        }
        flush(until: scalars.count)
        return segments
    }

    /// Only the citations, in order.
    public static func citations(in text: String) -> [Citation] {
        scan(text).compactMap { segment in
            if case .citation(let citation, _) = segment { return citation }
            return nil
        }
    }

    /// Prefixes that make `@label` a cross-reference (Quarto's), not a citation.
    public static let crossReferencePrefixes = ["eq-", "fig-", "tbl-", "sec-", "lst-", "thm-", "lem-", "cor-",
                                                 "prp-", "cnj-", "def-", "exm-", "exr-", "sol-", "rem-", "alg-"]

    /// Whether a key names a cross-reference target rather than a work.
    public static func isCrossReference(_ key: String) -> Bool {
        crossReferencePrefixes.contains { key.hasPrefix($0) }
    }

    // MARK: Pieces

    /// An `@` starts a citation unless an e-mail address's local part is right before it
    /// (ASCII letters, digits, `_`, `.`, `+`, `-`). pandoc also refuses an `@` after any letter;
    /// Chinese prose has no spaces, so "如@chen2018所示" must cite.
    static func startsCitation(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index > 0 else { return true }
        let before = scalars[index - 1]
        if before == "@" { return false }
        guard before.isASCII else { return !(before.properties.isAlphabetic && !NameParser.isEastAsian(before)) }
        return !(isWordScalar(before) || "_.+-".unicodeScalars.contains(before))
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// pandoc's key: a letter, digit or `_`, then word characters and single punctuation
    /// characters between them (`:.#$%&-+?<>~/`); or anything in braces, `@{https://…}`.
    static func key(_ scalars: [Unicode.Scalar], at start: Int) -> (key: String, end: Int)? {
        guard start < scalars.count else { return nil }
        if scalars[start] == "{" {
            var depth = 0
            var index = start
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar.properties.isWhitespace { return nil }
                if scalar == "{" { depth += 1 }
                if scalar == "}" {
                    depth -= 1
                    if depth == 0 {
                        let key = String(String.UnicodeScalarView(scalars[(start + 1)..<index]))
                        return key.isEmpty ? nil : (key, index + 1)
                    }
                }
                index += 1
            }
            return nil
        }
        // A key that starts in Latin letters ends before Han or kana: "如@chen2018所示" cites chen2018.
        let eastAsian = NameParser.isEastAsian(scalars[start])
        func isRegular(_ scalar: Unicode.Scalar) -> Bool {
            (isWordScalar(scalar) || scalar == "_") && (eastAsian || !NameParser.isEastAsian(scalar))
        }
        guard isRegular(scalars[start]) else { return nil }
        var index = start + 1
        while index < scalars.count {
            let scalar = scalars[index]
            if isRegular(scalar) {
                index += 1
            } else if "：:.#$%&-+?<>~/".unicodeScalars.contains(scalar), scalar != "：",
                      index + 1 < scalars.count, isRegular(scalars[index + 1]) {
                index += 2
            } else if scalar == ":" || scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "/" {
                index += 1
            } else {
                break
            }
        }
        return (String(String.UnicodeScalarView(scalars[start..<index])), index)
    }

    /// `@key`, optionally followed by `[locator and suffix]`.
    static func narrative(_ scalars: [Unicode.Scalar], at: Int) -> (Citation, Int)? {
        guard let (key, keyEnd) = key(scalars, at: at + 1), !isCrossReference(key) else { return nil }
        var item = CitationItem(key: key, keyRange: at..<keyEnd)
        var end = keyEnd
        var cursor = keyEnd
        if cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        if cursor < scalars.count, scalars[cursor] == "[", let close = closingBracket(scalars, from: cursor),
           !scalars[(cursor + 1)..<close].contains("@") {
            let inside = String(String.UnicodeScalarView(scalars[(cursor + 1)..<close]))
            (item.locator, item.suffix) = LocatorParser.parse(inside, afterComma: true)
            end = close + 1
        }
        return (Citation(items: [item], mode: .narrative), end)
    }

    /// `[prefix @key, locator suffix; …]`: every part separated by `;` must cite a key.
    static func bracketed(_ scalars: [Unicode.Scalar], at open: Int) -> (Citation, Int)? {
        guard let close = closingBracket(scalars, from: open) else { return nil }
        var items: [CitationItem] = []
        var partStart = open + 1
        var index = open + 1
        var braceDepth = 0
        while index <= close {
            let scalar = scalars[index]
            if scalar == "{" { braceDepth += 1 }
            if scalar == "}" { braceDepth = max(0, braceDepth - 1) }
            if index == close || (scalar == ";" && braceDepth == 0) {
                guard let item = bracketedItem(scalars, partStart..<index) else { return nil }
                items.append(item)
                partStart = index + 1
            }
            index += 1
        }
        guard !items.isEmpty else { return nil }
        return (Citation(items: items, mode: .parenthetical), close + 1)
    }

    static func bracketedItem(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> CitationItem? {
        var at = range.lowerBound
        while at < range.upperBound {
            if scalars[at] == "@", startsCitation(scalars, at: at) || (at > 0 && scalars[at - 1] == "-") { break }
            at += 1
        }
        guard at < range.upperBound, let (key, keyEnd) = key(scalars, at: at + 1), keyEnd <= range.upperBound,
              !isCrossReference(key) else { return nil }
        var prefixEnd = at
        var suppress = false
        if at > range.lowerBound, scalars[at - 1] == "-",
           at - 1 == range.lowerBound || scalars[at - 2].properties.isWhitespace {
            suppress = true
            prefixEnd = at - 1
        }
        // `a-@key` is not a suppressed author: the `-` must stand alone.
        if !suppress, at > range.lowerBound, !startsCitation(scalars, at: at) { return nil }
        let prefix = String(String.UnicodeScalarView(scalars[range.lowerBound..<prefixEnd]))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let after = String(String.UnicodeScalarView(scalars[keyEnd..<range.upperBound]))
        let (locator, suffix) = LocatorParser.parse(after, afterComma: false)
        return CitationItem(key: key, prefix: prefix, locator: locator, suffix: suffix, suppressAuthor: suppress,
                            keyRange: (suppress ? at - 1 : at)..<keyEnd)
    }

    /// The `]` that closes the `[` at `open`, brackets nested; nil when there is none.
    static func closingBracket(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < scalars.count {
            if scalars[index] == "[" { depth += 1 }
            if scalars[index] == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }
}

/// Splits the text after a key into a locator and a suffix, as pandoc does: `, p. 33`,
/// `, pp. 33-35 and passim`, `, chap. 2`, `, 33`, `, {ii, A, D-Z} more`.
enum LocatorParser {
    /// Terms and the label each stands for, longest first so `pp.` wins over `p.`.
    static let terms: [(String, Locator.Label)] = {
        var terms: [(String, Locator.Label)] = [
            ("book", .book), ("books", .book), ("bk.", .book), ("bks.", .book),
            ("chapter", .chapter), ("chapters", .chapter), ("chap.", .chapter), ("chaps.", .chapter),
            ("column", .column), ("columns", .column), ("col.", .column), ("cols.", .column),
            ("figure", .figure), ("figures", .figure), ("fig.", .figure), ("figs.", .figure),
            ("folio", .folio), ("folios", .folio), ("fol.", .folio), ("fols.", .folio),
            ("number", .issue), ("numbers", .issue), ("no.", .issue), ("nos.", .issue),
            ("line", .line), ("lines", .line), ("l.", .line), ("ll.", .line),
            ("note", .note), ("notes", .note), ("n.", .note), ("nn.", .note),
            ("opus", .opus), ("opera", .opus), ("op.", .opus), ("opp.", .opus),
            ("page", .page), ("pages", .page), ("p.", .page), ("pp.", .page),
            ("paragraph", .paragraph), ("paragraphs", .paragraph), ("para.", .paragraph), ("paras.", .paragraph),
            ("¶", .paragraph), ("¶¶", .paragraph),
            ("part", .part), ("parts", .part), ("pt.", .part), ("pts.", .part),
            ("section", .section), ("sections", .section), ("sec.", .section), ("secs.", .section),
            ("§", .section), ("§§", .section),
            ("sub verbo", .subVerbo), ("sub verbis", .subVerbo), ("s.v.", .subVerbo), ("s.vv.", .subVerbo),
            ("verse", .verse), ("verses", .verse), ("v.", .verse), ("vv.", .verse),
            ("volume", .volume), ("volumes", .volume), ("vol.", .volume), ("vols.", .volume),
        ]
        terms.sort { $0.0.count > $1.0.count }
        return terms
    }()

    /// `afterComma`: the text is a narrative citation's bracket, where no comma comes first.
    static func parse(_ text: String, afterComma: Bool) -> (Locator?, String) {
        var rest = Substring(text)
        if !afterComma {
            // `@smith{ii, A, D-Z}, suffix`: a braced locator right after the key.
            if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
                let value = rest[rest.index(after: rest.startIndex)..<close]
                return (value.isEmpty ? nil : Locator(.page, String(value)), String(rest[rest.index(after: close)...]))
            }
            let trimmed = rest.drop { $0 == " " }
            guard trimmed.hasPrefix(",") else { return (nil, text) }
            rest = trimmed.dropFirst()
        }
        rest = rest.drop { $0 == " " }
        let suffixIfNone = text
        if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
            let value = String(rest[rest.index(after: rest.startIndex)..<close])
            let (label, remainder) = matchTerm(Substring(value)) ?? (.page, Substring(value))
            return (Locator(label, String(remainder.drop { $0 == " " })), String(rest[rest.index(after: close)...]))
        }
        var label = Locator.Label.page
        if let (term, remainder) = matchTerm(rest) {
            label = term
            rest = remainder.drop { $0 == " " }
        } else if !(rest.first?.isNumber ?? false) {
            return (nil, suffixIfNone)
        }
        let (value, remainder) = locatorValue(rest)
        guard !value.isEmpty else { return (nil, suffixIfNone) }
        return (Locator(label, value), String(remainder))
    }

    static func matchTerm(_ text: Substring) -> (Locator.Label, Substring)? {
        let lower = text.lowercased()
        for (term, label) in terms where lower.hasPrefix(term) {
            let after = text.dropFirst(term.count)
            // The term must end there: "pages" is a term, "pagesfoo" is not.
            if let next = after.first, next.isLetter { continue }
            return (label, after)
        }
        return nil
    }

    /// The value: numbers, roman numerals, ranges and lists (`33-35`, `iv, vi-xi`, `2.3`); it
    /// ends at the first word that is not part of one.
    static func locatorValue(_ text: Substring) -> (String, Substring) {
        var end = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isLetter || character.isNumber || "-–—.:()".contains(character) {
                index = text.index(after: index)
                end = index
                continue
            }
            if character == "," || character == "&" || character == " " {
                // A list goes on only when a number follows ("33, 35"; "33 & 35").
                var lookahead = text.index(after: index)
                while lookahead < text.endIndex, text[lookahead] == " " || text[lookahead] == "," { lookahead = text.index(after: lookahead) }
                if lookahead < text.endIndex, text[lookahead].isNumber, character != " " {
                    index = lookahead
                    continue
                }
            }
            break
        }
        var value = String(text[text.startIndex..<end])
        while let last = value.last, last == "." || last == ":" { value.removeLast() }
        let consumed = text.index(text.startIndex, offsetBy: value.count)
        return (value, text[consumed...])
    }
}

