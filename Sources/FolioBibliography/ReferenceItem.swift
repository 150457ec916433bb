import Foundation

/// A cited entry with what the styles need read once: its contributors, year, title and the
/// disambiguation the formatter settled on.
struct ReferenceItem {
    /// Who a reference list names first, and in what role.
    enum Role { case author, editor, translator, none }

    let entry: BibEntry
    let kind: EntryKind
    let contributors: NameList
    let role: Role
    let year: String?
    let isEnglish: Bool
    /// BibLaTeX's `useprefix` option: the citation says "van Gennep", not "Gennep".
    let usesPrefix: Bool
    /// How many names a citation shows (more than `etAlUseFirst` after disambiguation).
    var citedNameCount: Int
    /// How much of the first name a citation shows: 0 the family name, 1 with initials, 2 in full.
    var firstNameDetail = 0
    /// "a", "b"… after the year, when two works would otherwise cite alike.
    var yearSuffix = ""

    init(entry: BibEntry, style: CitationStyle) {
        self.entry = entry
        kind = entry.kind
        let authors = entry.names("author")
        let editors = entry.names("editor")
        let translators = entry.names("translator")
        if !authors.isEmpty {
            (contributors, role) = (authors, .author)
        } else if !editors.isEmpty {
            (contributors, role) = (editors, .editor)
        } else if !translators.isEmpty {
            (contributors, role) = (translators, .translator)
        } else {
            (contributors, role) = (NameList([]), .none)
        }
        year = entry.year
        let language = (entry.plain("langid") ?? entry.plain("language") ?? entry.plain("hyphenation") ?? "english").lowercased()
        isEnglish = language.hasPrefix("en") || language == "american" || language == "british" || language == "usenglish"
            || language == "ukenglish" || language == "australian" || language == "canadian" || language == "newzealand"
        citedNameCount = style.etAlUseFirst
        let options = (entry.plain("options") ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        usesPrefix = options.split(separator: ",").contains { $0 == "useprefix" || $0 == "useprefix=true" }
    }

    /// The name a citation shows: the family name, with its particle under `useprefix`.
    func citedName(_ name: Name) -> String {
        usesPrefix && !name.particle.isEmpty && !name.isLiteral ? name.particle + " " + name.family : name.short
    }

    // MARK: Citation pieces

    /// The names as a citation shows them: "Nielsen", "Goodfellow, Bengio, and Courville",
    /// "Vaswani et al.", "J. Smith"; the title when there are no names.
    func citedNames(style: CitationStyle) -> [TextRun] {
        guard !contributors.isEmpty else { return title(quoted: true, closing: false) }
        guard !contributors.names.isEmpty else { return [] }
        let names = contributors.names
        let truncated = contributors.hasOthers || names.count >= style.etAlMinimum
        let shown = truncated ? min(names.count, citedNameCount) : names.count
        var parts: [String] = []
        for (index, name) in names.prefix(shown).enumerated() {
            parts.append(index == 0 ? shortName(name, detail: firstNameDetail) : citedName(name))
        }
        let etAl = truncated && (shown < names.count || contributors.hasOthers)
        return [.text(ReferenceItem.join(parts, etAl: etAl))]
    }

    /// The key the citation's names are compared by when telling works apart.
    func citedNamesText(style: CitationStyle) -> String {
        TextRun.plainText(citedNames(style: style))
    }

    func shortName(_ name: Name, detail: Int) -> String {
        guard !name.isLiteral, !name.isEastAsian else { return name.short }
        let short = citedName(name)
        switch detail {
        case 0: return short
        case 1: return name.initials.isEmpty ? short : name.initials + " " + short
        default: return name.given.isEmpty ? short : name.given + " " + short
        }
    }

    /// "A", "A and B", "A, B, and C"; with et al.: "A et al.", "A, B, et al.".
    static func join(_ parts: [String], etAl: Bool) -> String {
        if etAl {
            return parts.count == 1 ? parts[0] + " et al." : parts.joined(separator: ", ") + ", et al."
        }
        switch parts.count {
        case 0: return ""
        case 1: return parts[0]
        case 2: return parts[0] + " and " + parts[1]
        default: return parts.dropLast().joined(separator: ", ") + ", and " + parts[parts.count - 1]
        }
    }

    /// "2015", "2015a", "n.d."; a reprint's original year first, "[1959] 1997".
    var dateText: String {
        (originalYear.map { "[\($0)] " } ?? "") + (year ?? "n.d.") + yearSuffix
    }

    /// The reference list's date: "(1959) 1997" for a reprint.
    var listDateText: String {
        (originalYear.map { "(\($0)) " } ?? "") + (year ?? "n.d.") + yearSuffix
    }

    /// BibLaTeX's `origdate` (or `origyear`): the year a reprinted work first appeared.
    var originalYear: String? {
        guard let original = entry.plain("origdate") ?? entry.plain("origyear") else { return nil }
        let digits = original.prefix { $0.isNumber }
        return digits.count >= 4 ? String(digits) : nil
    }

    // MARK: Reference list

    /// "Goodfellow, Ian, Yoshua Bengio, and Aaron Courville": the first name inverted, the rest
    /// given name first, "and" before the last with a comma always.
    func listedNames(style: CitationStyle) -> String {
        let names = contributors.names
        let truncated = names.count >= style.bibliographyEtAlMinimum
        let shown = truncated ? style.bibliographyEtAlUseFirst : names.count
        let parts = names.prefix(shown).enumerated().map { index, name in index == 0 ? name.sortOrder : name.displayOrder }
        if truncated || contributors.hasOthers {
            return parts.count == 1 ? parts[0] + " et al." : parts.joined(separator: ", ") + ", et al."
        }
        switch parts.count {
        case 0: return ""
        case 1: return parts[0]
        default: return parts.dropLast().joined(separator: ", ") + ", and " + parts[parts.count - 1]
        }
    }

    /// Names given name first, for "edited by I. Guyon and U. von Luxburg".
    static func namesInText(_ list: NameList) -> String {
        let parts = list.names.map(\.displayOrder)
        if list.hasOthers { return (parts.count == 1 ? parts[0] + " " : parts.joined(separator: ", ") + ", ") + "et al." }
        switch parts.count {
        case 0: return ""
        case 1: return parts[0]
        case 2: return parts[0] + " and " + parts[1]
        default: return parts.dropLast().joined(separator: ", ") + ", and " + parts[parts.count - 1]
        }
    }

    /// The sort key for author–date lists: names (family first), year, title.
    var sortKey: (names: String, year: String, title: String) {
        let names: String
        if contributors.isEmpty {
            names = TextRun.plainText(title(quoted: false, closing: false))
        } else {
            // As citeproc does: every name family first, without "et al.", compared as text (so
            // "Braams, Johannes L." comes before "Braams, Johannes,").
            names = contributors.names.map(\.sortOrder).joined(separator: ", ")
                .replacingOccurrences(of: ".", with: ". ").replacingOccurrences(of: "  ", with: " ")
        }
        // The whole date decides, as CSL's `issued` key: 2016-03 before 2016-11.
        var date = year ?? ""
        if !date.isEmpty {
            let month = entry.month ?? 0
            date += month < 10 ? "-0\(month)" : "-\(month)"
            if let full = entry.plain("date"), full.count >= 10 { date += "-" + full.dropFirst(8).prefix(2) }
        }
        return (ReferenceItem.collationKey(names), date, ReferenceItem.collationKey(TextRun.plainText(title(quoted: false, closing: false))))
    }

    /// Case and accents do not decide order (Unicode collation's first levels, roughly).
    static func collationKey(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The title (with BibLaTeX's subtitle), in title case when the entry is English; quoted
    /// unless the work is a book, which is set in italics.
    func title(quoted: Bool, closing: Bool) -> [TextRun] {
        guard var text = entry.text("title") else { return [] }
        if let subtitle = entry.text("subtitle") {
            text.append(BibSpan(": "))
            text.append(contentsOf: subtitle)
        }
        if isEnglish { text = TitleCase.apply(text) }
        if isBookLike { return [.emphasis(text.runs)] }
        guard quoted else { return text.runs }
        // Quotation marks inside a quoted title become single ones.
        let inner = text.runs.map { run -> TextRun in
            guard case .text(let string) = run else { return run }
            return .text(string.replacingOccurrences(of: "\u{201C}", with: "\u{2018}").replacingOccurrences(of: "\u{201D}", with: "\u{2019}"))
        }
        return [.text("\u{201C}")] + inner + [.text("\u{201D}")]
    }

    var isBookLike: Bool {
        if case .book = kind { return true }
        return false
    }

    func container(_ fields: [String]) -> BibText? {
        for field in fields {
            if var text = entry.text(field) {
                let subtitleField = field == "booktitle" ? "booksubtitle" : field == "journaltitle" || field == "journal" ? "journalsubtitle" : ""
                if let subtitle = entry.text(subtitleField) {
                    text.append(BibSpan(": "))
                    text.append(contentsOf: subtitle)
                }
                if field == "booktitle", let addon = entry.text("booktitleaddon") {
                    text.append(BibSpan(". "))
                    text.append(contentsOf: addon)
                }
                return isEnglish ? TitleCase.apply(text) : text
            }
        }
        return nil
    }

    /// One entry of the reference list, in the manner of Chicago author-date 17th edition.
    /// `repeatsNames`: the entry before names the same people, who become "———".
    func listEntry(style: CitationStyle, repeatsNames: Bool, includeYear: Bool) -> [TextRun] {
        var out = EntryWriter()
        var titleUsed = false
        if !contributors.isEmpty {
            // pandoc keeps "et al." after the dashes that stand for the same names.
            out.text(repeatsNames ? "\u{2014}\u{2014}\u{2014}" + (contributors.hasOthers ? " et al." : "") : listedNames(style: style))
            let many = contributors.names.count > 1 || contributors.hasOthers
            switch role {
            case .editor: out.text(many ? ", eds." : ", ed.")
            case .translator: out.text(", trans.")
            default: break
            }
        } else {
            out.append(title(quoted: true, closing: true))
            titleUsed = true
        }
        if includeYear {
            out.delimit(". ")
            out.text(listDateText)
        }
        let titleRuns = titleUsed ? [] : title(quoted: true, closing: true)
        if !titleRuns.isEmpty {
            out.delimit(". ")
            out.append(titleRuns)
        }
        if let addon = entry.text("titleaddon") {
            out.delimit(". ")
            out.append(addon.runs)
        }
        // The description: the `type` field (CSL's genre; a thesis shows it further on) and a
        // report's number.
        if case .thesis = kind {} else {
            var parts = [entry.plain("type").map(ReferenceItem.genre)]
            if case .report = kind { parts.append(entry.plain("number")) }
            let description = parts.compactMap { $0 }.joined(separator: " ")
            if !description.isEmpty {
                out.delimit(". ")
                out.text(description)
            }
        }
        let isPart: Bool
        switch kind {
        case .chapter, .paperConference: isPart = true
        default: isPart = false
        }
        if !isPart && role == .author {
            let editors = entry.names("editor")
            let translators = entry.names("translator")
            if !editors.isEmpty, editors == translators {
                out.delimit(". ")
                out.text("Edited and translated by " + ReferenceItem.namesInText(editors))
            } else if !editors.isEmpty {
                out.delimit(". ")
                out.text("Edited by " + ReferenceItem.namesInText(editors))
            }
            if !translators.isEmpty, editors != translators {
                out.delimit(". ")
                out.text("Translated by " + ReferenceItem.namesInText(translators))
            }
        }
        switch kind {
        case .article:
            if let journal = container(["journaltitle", "journal"]) {
                out.delimit(". ")
                out.append([.emphasis(journal.runs)])
            }
        case .chapter, .paperConference:
            if let book = container(["booktitle", "maintitle"]) {
                out.delimit(". ")
                out.text("In ")
                out.append([.emphasis(book.runs)])
            }
            let editors = entry.names("editor")
            if !editors.isEmpty, role != .editor {
                out.delimit(", ")
                out.text("edited by " + ReferenceItem.namesInText(editors))
            }
        default:
            break
        }
        if let edition = entry.plain("edition"), isPart || isBookLike || kind == .report {
            out.delimit(isPart ? ", " : ". ")
            out.text(ReferenceItem.editionText(edition))
        }
        let pages = entry.plain("pages").map(PageRange.chicago)
        let volume = entry.plain("volume")
        if isPart, let pages {
            out.delimit(", ")
            out.text((volume.map { $0 + ":" } ?? "") + pages)
        }
        switch kind {
        case .article:
            let issue = entry.plain("number") ?? entry.plain("issue")
            let monthName = entry.month.map { BibEntry.monthNames[$0 - 1] }
            if let volume {
                out.text(" " + volume)
                if let detail = issue ?? monthName { out.text(" (" + detail + ")") }
            } else if let issue {
                out.delimit(", ")
                out.text("no. " + issue + (monthName.map { " (" + $0 + ")" } ?? ""))
            } else if let monthName {
                out.delimit(", ")
                out.text(monthName)
            }
        case .book, .report:
            if let volume {
                out.delimit(". ")
                out.text("Vol. " + volume)
            }
            if let volumes = entry.plain("volumes") {
                out.delimit(". ")
                out.text(volumes + " vols.")
            }
        case .chapter, .paperConference:
            if pages == nil, let volume {
                out.delimit(". ")
                out.text("Vol. " + volume)
            }
        default:
            break
        }
        if case .article = kind {} else if let series = entry.text("series") {
            out.delimit(". ")
            var text = series
            if isEnglish { text = TitleCase.apply(text) }
            out.append(text.runs)
            if kind != .report, let number = entry.plain("number") {
                out.text((Int(number) != nil ? " " : ", ") + number)
            }
        }
        switch kind {
        case .article:
            break
        case .thesis(let genre):
            let parts = [genre.map(ReferenceItem.genre), publisherText].compactMap { $0 }.filter { !$0.isEmpty }
            if !parts.isEmpty {
                out.delimit(". ")
                out.text(parts.joined(separator: ", "))
            }
        default:
            if let publisher = publisherText, !publisher.isEmpty {
                out.delimit(". ")
                out.text(publisher)
            }
        }
        if case .article = kind, let pages {
            out.delimit(volume != nil || entry.plain("number") != nil || entry.plain("issue") != nil ? ": " : ", ")
            out.text(pages)
        }
        if case .webpage = kind, let year {
            out.delimit(". ")
            out.text(entry.fullDate ?? year)
        }
        if let link = entry.link {
            out.delimit(". ")
            out.append([.link(url: link, [.text(link)])])
        }
        out.finish(".")
        return out.runs
    }

    /// A `type` field as a reader sees it: BibLaTeX's keys spelled out ("resreport" → "Research
    /// report"), anything else with a capital first letter.
    static func genre(_ type: String) -> String {
        let keys = ["techreport": "Technical report", "resreport": "Research report", "phdthesis": "PhD thesis",
                    "mathesis": "Master’s thesis", "candthesis": "Candidate thesis", "software": "Computer software",
                    "datacd": "CD-ROM", "audiocd": "Audio CD"]
        if let spelled = keys[type.lowercased()] { return spelled }
        return type.prefix(1).uppercased() + type.dropFirst()
    }

    /// A BibLaTeX list field (`location = {Durham and London}`) as pandoc shows it: "Durham; London".
    func listField(_ field: String) -> String? {
        guard let raw = entry.fields[field] else { return nil }
        let items = NameParser.splitNames(Array(raw.unicodeScalars)).map { words in
            LaTeXDecoder.plain(words.map { $0.text + ($0.endsPart ? "," : "") }.joined(separator: " "))
        }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items.joined(separator: "; ")
    }

    /// "Place: Publisher", from the fields each type uses for them.
    var publisherText: String? {
        let publisher: String?
        switch kind {
        case .thesis: publisher = listField("school") ?? listField("institution") ?? listField("publisher")
        case .report: publisher = listField("institution") ?? listField("publisher")
        case .misc: publisher = listField("publisher") ?? listField("organization")
            ?? (entry.fields["howpublished"].map { $0.contains("\\url") } == false ? entry.plain("howpublished") : nil)
        case .paperConference, .book:
            // pandoc gives both, the organization first: "ACM; Academic Press".
            let both = [listField("organization"), listField("publisher")].compactMap { $0 }
            publisher = both.isEmpty ? nil : both.joined(separator: "; ")
        case .chapter: publisher = listField("publisher") ?? listField("organization")
        default: publisher = listField("publisher")
        }
        let place = listField("location") ?? listField("address")
        let parts = [place, publisher].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }

    /// "2" → "2nd ed."; text as written, first letter capitalised.
    static func editionText(_ edition: String) -> String {
        guard let number = Int(edition) else {
            return edition.prefix(1).uppercased() + edition.dropFirst()
        }
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix) ed."
    }
}

/// Writes an entry's pieces with CSL's punctuation rules: no doubled periods, and a period or
/// comma after a closing quotation mark goes inside it (American style).
struct EntryWriter {
    private var builder = RunBuilder()

    var runs: [TextRun] { builder.runs }

    mutating func text(_ string: String) { builder.text(string) }

    mutating func append(_ runs: [TextRun]) { builder.append(contentsOf: runs) }

    mutating func delimit(_ delimiter: String) {
        guard !builder.isEmpty else { return }
        punctuate(delimiter)
    }

    mutating func finish(_ suffix: String) {
        punctuate(suffix)
    }

    private mutating func punctuate(_ punctuation: String) {
        guard let mark = punctuation.first else { return }
        let last = builder.lastCharacter
        if mark == "." || mark == "," {
            if last == "\u{201D}", case .text(let string)? = builder.runs.last {
                // Inside the quotes: “Title.” — unless the title ends in its own mark.
                var runs = builder.runs
                let inner = string.dropLast()
                let innerLast = inner.last ?? Character(" ")
                let keep = ".?!".contains(innerLast) ? "" : String(mark)
                runs[runs.count - 1] = .text(String(inner) + keep + "\u{201D}")
                builder = RunBuilder()
                builder.append(contentsOf: runs)
                builder.text(String(punctuation.dropFirst()))
                return
            }
            if mark == ".", let last, ".?!".contains(last) {
                builder.text(String(punctuation.dropFirst()))
                return
            }
        }
        builder.text(punctuation)
    }
}

/// Page ranges as Chicago shortens them: 1735–80, 101–8, 321–28, 498–532, 1496–1504.
enum PageRange {
    static func chicago(_ pages: String) -> String {
        let normalized = pages.replacingOccurrences(of: "--", with: "–").replacingOccurrences(of: "—", with: "–")
        return normalized.components(separatedBy: ",").map { part -> String in
            let pieces = part.split(separator: "–", omittingEmptySubsequences: false)
                .flatMap { $0.split(separator: "-", omittingEmptySubsequences: false) }
            guard pieces.count == 2 else { return part }
            let first = pieces[0].trimmingCharacters(in: .whitespaces)
            let second = pieces[1].trimmingCharacters(in: .whitespaces)
            guard let low = Int(first), let high = Int(second), high > low, first.count == second.count else {
                return first + "–" + second
            }
            let leading = part.prefix { $0 == " " }
            return leading + first + "–" + shortened(low, high)
        }.joined(separator: ",")
    }

    static func shortened(_ low: Int, _ high: Int) -> String {
        let highText = String(high)
        if low < 100 || low % 100 == 0 { return highText }
        let lowText = String(low)
        // The changed digits, but at least two when the first number's last two are 10–99.
        var common = 0
        for (a, b) in zip(lowText, highText) {
            if a == b { common += 1 } else { break }
        }
        var keep = highText.count - common
        if low % 100 >= 10 { keep = max(keep, 2) }
        // Four digits with three changing are given in full (1496–1504).
        if lowText.count == 4, keep >= 3 { return highText }
        return String(highText.suffix(max(keep, 1)))
    }
}
