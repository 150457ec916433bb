import Foundation

/// One entry of a `.bib` file: its key, its type and its fields as LaTeX source, with macros
/// expanded and `crossref`/`xdata` fields inherited.
public struct BibEntry: Sendable, Hashable {
    /// The citation key, as written (`nielsen2015`).
    public var key: String
    /// The entry type in lowercase, as written (`article`, `inproceedings`, `online`).
    public var type: String
    /// Field values as LaTeX source, by lowercase field name.
    public var fields: [String: String]
    /// Where the entry starts (its `@`).
    public var location: BibLocation

    /// Creates an entry.
    public init(key: String, type: String, fields: [String: String], location: BibLocation) {
        self.key = key
        self.type = type
        self.fields = fields
        self.location = location
    }

    /// A field's text with its LaTeX read (accents, dashes, emphasis, protected case, math).
    public func text(_ field: String) -> BibText? {
        guard let raw = fields[field] else { return nil }
        let text = LaTeXDecoder.decode(raw)
        return text.isEmpty ? nil : text
    }

    /// A field's plain characters, without styling.
    public func plain(_ field: String) -> String? {
        text(field)?.plainText
    }

    /// A name field (`author`, `editor`, `translator`) split into names.
    public func names(_ field: String) -> NameList {
        guard let raw = fields[field] else { return NameList([]) }
        return NameParser.parse(raw)
    }

    /// What kind of work this is, which decides how a style sets it.
    public var kind: EntryKind { EntryKind(bibType: type, fields: fields) }

    /// The year of publication: `year`, else the year of BibLaTeX's `date`; a range of years
    /// (`date = {1984/1986}`) as "1984–1986".
    public var year: String? {
        if let year = plain("year") { return year }
        guard let date = plain("date") else { return nil }
        let ends = date.split(separator: "/", omittingEmptySubsequences: false).map { $0.prefix { $0.isNumber } }
        guard let first = ends.first, first.count >= 4 else { return nil }
        if ends.count == 2, ends[1].count >= 4, ends[1] != first { return first + "\u{2013}" + ends[1] }
        return String(first)
    }

    /// "October 27, 2004" from a full BibLaTeX `date` (or `year`, `month` and `day`).
    public var fullDate: String? {
        guard let year, let month else { return nil }
        var day: Int?
        if let date = plain("date") {
            let parts = date.split(separator: "-")
            if parts.count >= 3 { day = Int(parts[2].prefix(2)) }
        } else if let text = plain("day") {
            day = Int(text)
        }
        guard let day else { return nil }
        return "\(BibEntry.monthNames[month - 1]) \(day), \(year)"
    }

    /// The month of publication, 1–12, from `month` (a number, a name, or a month macro) or `date`.
    public var month: Int? {
        if let month = plain("month") {
            if let number = Int(month), (1...12).contains(number) { return number }
            let prefix = month.prefix(3).lowercased()
            if let index = BibEntry.monthNames.firstIndex(where: { $0.lowercased().hasPrefix(prefix) }), prefix.count == 3 {
                return index + 1
            }
        }
        if let date = plain("date") {
            let parts = date.split(separator: "-")
            if parts.count >= 2, let number = Int(parts[1]), (1...12).contains(number) { return number }
        }
        return nil
    }

    /// A field that holds an address, as written: no `~` read as a space, `\url{…}` unwrapped,
    /// `\_`, `\%`, `\&`, `\#` unescaped.
    func verbatim(_ field: String) -> String? {
        guard var text = fields[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        for wrapper in ["\\url{", "\\href{", "\\path{"] where text.hasPrefix(wrapper) && text.hasSuffix("}") {
            text = String(text.dropFirst(wrapper.count).dropLast())
        }
        if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        for escaped in ["_", "%", "&", "#", "~"] {
            text = text.replacingOccurrences(of: "\\" + escaped, with: escaped)
        }
        return text.isEmpty ? nil : text
    }

    /// The DOI without any resolver prefix (`10.1162/neco.1997.9.8.1735`).
    public var doi: String? {
        guard var doi = verbatim("doi") else { return nil }
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        where doi.lowercased().hasPrefix(prefix) {
            doi = String(doi.dropFirst(prefix.count))
        }
        return doi
    }

    /// The address that an entry's link points to: the DOI's resolver, the URL, or the arXiv
    /// abstract page (`eprint` with `archivePrefix`/`eprinttype` arXiv, or an `arxiv` field).
    public var link: String? {
        if let doi { return "https://doi.org/" + doi }
        if let url = url { return url }
        if let arxiv = arxivIdentifier { return "https://arxiv.org/abs/" + arxiv }
        return nil
    }

    /// The `url` field (also read from `\url{…}` in `howpublished`).
    public var url: String? {
        if let url = verbatim("url") { return url }
        if let raw = fields["howpublished"], raw.contains("\\url{"), let text = verbatim("howpublished"), text.hasPrefix("http") {
            return text
        }
        return nil
    }

    /// The arXiv identifier, when the entry names one.
    public var arxivIdentifier: String? {
        if let arxiv = plain("arxiv"), !arxiv.isEmpty { return arxiv }
        let archive = (plain("eprinttype") ?? plain("archiveprefix") ?? "").lowercased()
        if archive == "arxiv", let eprint = plain("eprint"), !eprint.isEmpty { return eprint }
        return nil
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
}

/// A place in a `.bib` file.
public struct BibLocation: Sendable, Hashable {
    /// The file, as the caller named it.
    public var file: String
    /// Line, from 1.
    public var line: Int
    /// Column, from 1, in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// The kinds of work a style tells apart (after CSL's item types).
public enum EntryKind: Sendable, Hashable {
    /// A journal article (`@article`).
    case article
    /// A whole book, collection or proceedings volume.
    case book
    /// A part of a book (`@incollection`, `@inbook`).
    case chapter
    /// A paper in conference proceedings (`@inproceedings`, `@conference`).
    case paperConference
    /// A thesis, with its genre ("PhD thesis", "Master’s thesis").
    case thesis(genre: String?)
    /// A report (`@techreport`, `@report`).
    case report
    /// An unpublished work (`@unpublished`).
    case manuscript
    /// A web page (`@online`, `@www`, `@electronic`).
    case webpage
    /// Anything else (`@misc` and types a style does not know).
    case misc

    init(bibType: String, fields: [String: String]) {
        switch bibType {
        case "article", "periodical", "suppperiodical": self = .article
        case "book", "mvbook", "manual", "collection", "mvcollection", "proceedings", "mvproceedings",
             "reference", "mvreference", "bookinbook":
            self = .book
        case "inbook", "incollection", "suppbook", "suppcollection", "inreference": self = .chapter
        case "inproceedings", "conference": self = .paperConference
        case "phdthesis": self = .thesis(genre: fields["type"].map(LaTeXDecoder.plain) ?? "PhD thesis")
        case "mastersthesis": self = .thesis(genre: fields["type"].map(LaTeXDecoder.plain) ?? "Master’s thesis")
        case "thesis": self = .thesis(genre: fields["type"].map(LaTeXDecoder.plain))
        case "techreport", "report": self = .report
        case "unpublished": self = .manuscript
        case "online", "www", "electronic", "webpage": self = .webpage
        default: self = .misc
        }
    }
}

