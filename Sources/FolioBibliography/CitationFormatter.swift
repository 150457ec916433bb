import Foundation

/// Turns a book's citations into text and reference lists, in one style.
///
/// Give it every chapter's citations in reading order: numbers (numeric style) and year
/// suffixes like 2015a/2015b are decided across the whole book, so a work reads the same on
/// every page.
public struct CitationFormatter: Sendable {
    /// The style.
    public var style: CitationStyle
    /// Where the keys are looked up.
    public var bibliography: Bibliography

    /// Creates a formatter.
    public init(style: CitationStyle = .authorDate, bibliography: Bibliography) {
        self.style = style
        self.bibliography = bibliography
    }

    /// The `id` of a work's entry in a reference list: `ref-` and the key, with characters
    /// that are not letters, digits, `-`, `_` or `.` written as `~XX` (their UTF-8 bytes in
    /// hex), so two keys never share an id and the id needs no escaping in a URL fragment.
    public static func anchor(for key: String) -> String {
        var anchor = "ref-"
        for scalar in key.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
                || scalar == "-" || scalar == "_" || scalar == "." {
                anchor.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { anchor += "~" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
            }
        }
        return anchor
    }

    /// One chapter on its own: its citations and its reference list.
    public func format(_ citations: [Citation]) -> FormattedChapter {
        format(book: [citations]).chapters[0]
    }

    /// A whole book: each chapter's citations and list, and the book's list of every work cited.
    public func format(book chapters: [[Citation]]) -> FormattedBook {
        // Every known key, in the order first cited.
        var order: [String] = []
        var seen: Set<String> = []
        for citation in chapters.joined() {
            for item in citation.items where bibliography[item.key] != nil && seen.insert(item.key).inserted {
                order.append(item.key)
            }
        }
        var items: [String: ReferenceItem] = [:]
        for key in order { items[key] = ReferenceItem(entry: bibliography[key]!, style: style) }
        let listOrder: [String]
        var numbers: [String: Int] = [:]
        switch style.kind {
        case .authorDate:
            listOrder = sortedForList(order, items: items)
            disambiguate(&items, listOrder: listOrder)
        case .numeric:
            listOrder = order
            for (index, key) in order.enumerated() { numbers[key] = index + 1 }
        }
        let rank = Dictionary(uniqueKeysWithValues: listOrder.enumerated().map { ($1, $0) })

        var formattedChapters: [FormattedChapter] = []
        for citations in chapters {
            var formatted: [FormattedCitation] = []
            var problems: [CitationProblem] = []
            var cited: Set<String> = []
            for (citationIndex, citation) in citations.enumerated() {
                for (itemIndex, item) in citation.items.enumerated() {
                    if items[item.key] == nil {
                        problems.append(CitationProblem(citation: citationIndex, item: itemIndex, key: item.key,
                                                        keyRange: item.keyRange, suggestion: bibliography.suggestion(for: item.key)))
                    } else {
                        cited.insert(item.key)
                    }
                }
                formatted.append(FormattedCitation(runs: runs(for: citation, items: items, numbers: numbers)))
            }
            let keys = cited.sorted { rank[$0]! < rank[$1]! }
            formattedChapters.append(FormattedChapter(citations: formatted, references: list(keys, items: items, numbers: numbers),
                                                      problems: problems))
        }
        return FormattedBook(chapters: formattedChapters, references: list(listOrder, items: items, numbers: numbers))
    }

    // MARK: Order and disambiguation

    private func sortedForList(_ keys: [String], items: [String: ReferenceItem]) -> [String] {
        let sortKeys = Dictionary(uniqueKeysWithValues: keys.map { ($0, items[$0]!.sortKey) })
        let firstCited = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        return keys.sorted { a, b in
            let x = sortKeys[a]!, y = sortKeys[b]!
            if x.names != y.names { return x.names < y.names }
            // Works without a date come after dated ones of the same authors.
            if x.year != y.year {
                if x.year.isEmpty || y.year.isEmpty { return !x.year.isEmpty }
                return x.year < y.year
            }
            if x.title != y.title { return x.title < y.title }
            return firstCited[a]! < firstCited[b]!
        }
    }

    /// CSL's three steps, as pandoc's Chicago style asks: initials or given names for authors
    /// who share a family name ("J. Smith", "A. Smith"), more names before "et al." when two
    /// works would cite alike, and last a letter after the year ("2015a", "2015b").
    private func disambiguate(_ items: inout [String: ReferenceItem], listOrder: [String]) {
        // 1. Authors cited by one family name who are different people.
        var people: [String: [String: Name]] = [:]
        for item in items.values {
            guard let first = item.contributors.names.first, !first.isLiteral else { continue }
            people[first.short, default: [:]][first.identity] = first
        }
        for key in listOrder {
            guard let first = items[key]!.contributors.names.first, !first.isLiteral,
                  let namesakes = people[first.short], namesakes.count > 1 else { continue }
            let sameInitials = namesakes.values.filter { $0.initials == first.initials }
            items[key]!.firstNameDetail = sameInitials.count > 1 ? 2 : 1
        }
        // 2. More names before "et al." while that tells works apart.
        var groups: [String: [String]] = [:]
        for key in listOrder {
            let item = items[key]!
            groups[item.citedNamesText(style: style) + "|" + item.dateText, default: []].append(key)
        }
        for (_, keys) in groups where keys.count > 1 {
            let lists = keys.map { items[$0]!.contributors.names }
            let longest = lists.map(\.count).max() ?? 0
            for count in (style.etAlUseFirst + 1)..<max(style.etAlUseFirst + 1, longest + 1) {
                let shown = Set(lists.map { $0.prefix(count).map(\.short) })
                let distinctLists = Set(lists.map { $0.map(\.short) }).count
                if shown.count == distinctLists && distinctLists > 1 {
                    for key in keys { items[key]!.citedNameCount = count }
                    break
                }
            }
        }
        // 3. Letters after the year, in the order of the reference list.
        groups = [:]
        for key in listOrder {
            let item = items[key]!
            groups[item.citedNamesText(style: style) + "|" + item.dateText, default: []].append(key)
        }
        for (_, keys) in groups where keys.count > 1 {
            for (index, key) in keys.enumerated() { items[key]!.yearSuffix = CitationFormatter.suffix(index) }
        }
    }

    /// a…z, then aa, ab…
    static func suffix(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return index < 26 ? String(letters[index]) : String(letters[index / 26 - 1]) + String(letters[index % 26])
    }

    // MARK: Citations

    private func runs(for citation: Citation, items: [String: ReferenceItem], numbers: [String: Int]) -> [TextRun] {
        switch style.kind {
        case .authorDate: return authorDateRuns(citation, items: items)
        case .numeric: return numericRuns(citation, items: items, numbers: numbers)
        }
    }

    private func missing(_ key: String) -> TextRun {
        .strong([.text(key + "?")])
    }

    private func authorDateRuns(_ citation: Citation, items: [String: ReferenceItem]) -> [TextRun] {
        var out = RunBuilder()
        if citation.mode == .narrative {
            for (index, cited) in citation.items.enumerated() {
                if index > 0 { out.text("; ") }
                guard let item = items[cited.key] else { out.append(missing(cited.key)); continue }
                var inner = RunBuilder()
                let names = cited.suppressAuthor ? [] : item.citedNames(style: style)
                if !names.isEmpty {
                    inner.append(contentsOf: names)
                    inner.text(" (")
                } else {
                    inner.text("(")
                }
                if !cited.prefix.isEmpty { inner.text(cited.prefix + " ") }
                inner.text(item.dateText)
                appendLocatorAndSuffix(cited, to: &inner)
                inner.text(")")
                out.append(.reference(anchor: CitationFormatter.anchor(for: cited.key), inner.runs))
            }
            return out.runs
        }
        out.text("(")
        var previousNames: String?
        for (index, cited) in citation.items.enumerated() {
            guard let item = items[cited.key] else {
                if index > 0 { out.text("; ") }
                out.append(missing(cited.key))
                previousNames = nil
                continue
            }
            let names = item.citedNamesText(style: style)
            // Works by the same authors in a row share one name: "LeCun 1998a, 1998b".
            let collapses = previousNames == names && cited.prefix.isEmpty && !cited.suppressAuthor
            if index > 0 { out.text(collapses ? ", " : "; ") }
            var inner = RunBuilder()
            if !cited.prefix.isEmpty { inner.text(cited.prefix + " ") }
            var shownNames = cited.suppressAuthor || collapses ? [] : item.citedNames(style: style)
            if !shownNames.isEmpty {
                if item.year == nil, case .text(let last)? = shownNames.last, last.hasSuffix("\u{201D}") {
                    // A quoted title before "n.d." takes the comma inside: (“Title,” n.d.).
                    shownNames[shownNames.count - 1] = .text(String(last.dropLast()) + ",\u{201D}")
                    inner.append(contentsOf: shownNames)
                    inner.text(" ")
                } else {
                    inner.append(contentsOf: shownNames)
                    inner.text(item.year == nil ? ", " : " ")
                }
            }
            inner.text(item.dateText)
            appendLocatorAndSuffix(cited, to: &inner)
            out.append(.reference(anchor: CitationFormatter.anchor(for: cited.key), inner.runs))
            previousNames = cited.suppressAuthor ? nil : names
        }
        out.text(")")
        return out.runs
    }

    private func appendLocatorAndSuffix(_ cited: CitationItem, to out: inout RunBuilder) {
        if let locator = cited.locator {
            out.text(", " + CitationFormatter.locatorText(locator))
        }
        let suffix = cited.suffix.trimmingCharacters(in: .whitespacesAndNewlines)
        if !suffix.isEmpty {
            out.text(suffix.first == "," || suffix.first == ";" ? suffix : " " + suffix)
        }
    }

    /// "33", "33–35", "chap. 2", "chaps. 2–3".
    static func locatorText(_ locator: Locator) -> String {
        let value = dashed(locator.value)
        guard locator.label != .page else { return value }
        let plural = value.contains("–") || value.contains(",") || value.contains("&")
        return (plural ? locator.label.pluralShortForm : locator.label.shortForm) + " " + value
    }

    /// Hyphens between numbers as en dashes ("33-35" → "33–35").
    static func dashed(_ value: String) -> String {
        value.replacingOccurrences(of: "--", with: "–").replacingOccurrences(of: "-", with: "–")
    }

    private func numericRuns(_ citation: Citation, items: [String: ReferenceItem], numbers: [String: Int]) -> [TextRun] {
        var out = RunBuilder()
        if citation.mode == .narrative, let cited = citation.items.first, let item = items[cited.key], !cited.suppressAuthor {
            out.append(contentsOf: item.citedNames(style: style))
            out.text(" ")
        }
        out.text("[")
        let plain = citation.items.allSatisfy { $0.locator == nil && $0.suffix.isEmpty && $0.prefix.isEmpty && items[$0.key] != nil }
        if plain {
            // Sorted, and three or more numbers in a row as a range: [1–3, 5].
            let sorted = citation.items.map { ($0.key, numbers[$0.key]!) }.sorted { $0.1 < $1.1 }
            var unique: [(String, Int)] = []
            for pair in sorted where unique.last?.1 != pair.1 { unique.append(pair) }
            var index = 0
            var first = true
            while index < unique.count {
                var end = index
                while end + 1 < unique.count, unique[end + 1].1 == unique[end].1 + 1 { end += 1 }
                if !first { out.text(", ") }
                first = false
                if end - index >= 2 {
                    out.append(.reference(anchor: CitationFormatter.anchor(for: unique[index].0), [.text(String(unique[index].1))]))
                    out.text("–")
                    out.append(.reference(anchor: CitationFormatter.anchor(for: unique[end].0), [.text(String(unique[end].1))]))
                    index = end + 1
                } else {
                    out.append(.reference(anchor: CitationFormatter.anchor(for: unique[index].0), [.text(String(unique[index].1))]))
                    index += 1
                }
            }
        } else {
            for (index, cited) in citation.items.enumerated() {
                if index > 0 { out.text("; ") }
                guard let number = numbers[cited.key] else { out.append(missing(cited.key)); continue }
                var inner = RunBuilder()
                if !cited.prefix.isEmpty { inner.text(cited.prefix + " ") }
                inner.text(String(number))
                if let locator = cited.locator {
                    let value = CitationFormatter.dashed(locator.value)
                    let label = locator.label == .page ? (value.contains("–") || value.contains(",") ? "pp." : "p.") : nil
                    inner.text(", " + (label.map { $0 + " " + value } ?? CitationFormatter.locatorText(locator)))
                }
                let suffix = cited.suffix.trimmingCharacters(in: .whitespacesAndNewlines)
                if !suffix.isEmpty { inner.text(suffix.first == "," ? suffix : " " + suffix) }
                out.append(.reference(anchor: CitationFormatter.anchor(for: cited.key), inner.runs))
            }
        }
        out.text("]")
        return out.runs
    }

    // MARK: Lists

    private func list(_ keys: [String], items: [String: ReferenceItem], numbers: [String: Int]) -> [ReferenceEntry] {
        var entries: [ReferenceEntry] = []
        var previous: NameList?
        for key in keys {
            let item = items[key]!
            let repeats = style.kind == .authorDate && !item.contributors.isEmpty && previous == item.contributors
            let runs = item.listEntry(style: style, repeatsNames: repeats, includeYear: true)
            entries.append(ReferenceEntry(key: key, anchor: CitationFormatter.anchor(for: key),
                                          label: numbers[key].map { "[\($0)]" }, runs: runs, link: item.entry.link))
            previous = item.contributors
        }
        return entries
    }
}

/// What the formatter made of one chapter.
public struct FormattedChapter: Sendable, Hashable {
    /// One per citation given, in the same order.
    public var citations: [FormattedCitation]
    /// The works the chapter cites, in the style's order: its "References" section.
    public var references: [ReferenceEntry]
    /// Keys that no `.bib` file has.
    public var problems: [CitationProblem]
}

/// What the formatter made of a whole book.
public struct FormattedBook: Sendable, Hashable {
    /// Each chapter, in the order given.
    public var chapters: [FormattedChapter]
    /// Every work cited anywhere, for a bibliography page.
    public var references: [ReferenceEntry]
}

/// One citation, ready to set in the sentence.
public struct FormattedCitation: Sendable, Hashable {
    /// "(", "Nielsen 2015" linking to the entry, ")".
    public var runs: [TextRun]
}

/// One entry of a reference list.
public struct ReferenceEntry: Sendable, Hashable {
    /// The citation key.
    public var key: String
    /// The entry's `id`, which citations link to (``CitationFormatter/anchor(for:)``).
    public var anchor: String
    /// "[1]" in a numeric style; nil in author–date.
    public var label: String?
    /// The entry's text, its DOI or URL as a link.
    public var runs: [TextRun]
    /// The DOI's or URL's address, also inside `runs`.
    public var link: String?
}

/// A citation of a key that no `.bib` file has.
public struct CitationProblem: Sendable, Hashable {
    /// Which citation of the chapter (index into the citations given).
    public var citation: Int
    /// Which item of that citation.
    public var item: Int
    /// The key as written.
    public var key: String
    /// Where `@key` is in the text it was scanned from, in Unicode scalars.
    public var keyRange: Range<Int>
    /// The nearest known key, for "did you mean".
    public var suggestion: String?

    /// The diagnostic's id.
    public var id: String { "cite.unknown-key" }

    /// "No .bib entry has the key ‘nielsen2051’; did you mean ‘nielsen2015’?"
    public var message: String {
        "No .bib entry has the key ‘\(key)’" + (suggestion.map { "; did you mean ‘\($0)’?" } ?? "")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

