import Foundation

/// `crossref` and `xdata`: an entry takes the fields it lacks from the entries it names.
///
/// BibLaTeX's default rules apply: a collection's or a book's `title` becomes the `booktitle`
/// of the part that cross-references it (and `subtitle` its `booksubtitle`), a periodical's
/// `title` the `journaltitle` of an article; fields that identify an entry itself (`ids`,
/// `crossref`, `label`, `shorthand`, `sortkey`, …) are never inherited. BibTeX's plain rule,
/// every missing field copied, is the same rule for the pairs BibLaTeX does not name.
enum Inheritance {
    static func resolve(_ entries: inout [BibEntry], positions: [String: Int]) -> [BibDiagnostic] {
        var diagnostics: [BibDiagnostic] = []
        var state = [UInt8](repeating: 0, count: entries.count)  // 0 new, 1 in progress, 2 done
        for root in entries.indices where state[root] == 0 {
            // Depth-first on an explicit stack: a parent is resolved before its children.
            var stack = [root]
            state[root] = 1
            while let current = stack.last {
                let pending = parents(of: entries[current]).compactMap { key -> Int? in
                    guard let parent = positions[key] else { return nil }
                    return state[parent] == 0 ? parent : nil
                }
                if let next = pending.first {
                    state[next] = 1
                    stack.append(next)
                    continue
                }
                stack.removeLast()
                inherit(into: current, entries: &entries, positions: positions, state: state, diagnostics: &diagnostics)
                state[current] = 2
            }
        }
        return diagnostics
    }

    static func parents(of entry: BibEntry) -> [String] {
        var keys: [String] = []
        if let xdata = entry.fields["xdata"] { keys += splitKeys(xdata) }
        if let crossref = entry.fields["crossref"] { keys += splitKeys(crossref) }
        return keys
    }

    static func splitKeys(_ raw: String) -> [String] {
        raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static func inherit(into index: Int, entries: inout [BibEntry], positions: [String: Int], state: [UInt8],
                                diagnostics: inout [BibDiagnostic]) {
        let entry = entries[index]
        var fields = entry.fields
        func problem(_ id: String, _ message: String) {
            diagnostics.append(BibDiagnostic(id: id, message: message, severity: .warning, file: entry.location.file,
                                             line: entry.location.line, column: entry.location.column))
        }
        if let xdata = entry.fields["xdata"] {
            for key in splitKeys(xdata) {
                guard let parent = positions[key] else {
                    problem("bib.unknown-xdata", "‘\(entry.key)’ takes xdata from ‘\(key)’, which no .bib file has")
                    continue
                }
                guard parent != index, state[parent] == 2 else {
                    problem("bib.inheritance-cycle", "‘\(entry.key)’ inherits from itself through ‘\(key)’")
                    continue
                }
                for (name, value) in entries[parent].fields where fields[name] == nil && !neverInherited.contains(name) {
                    fields[name] = value
                }
            }
        }
        if let crossref = entry.fields["crossref"].map(splitKeys)?.first {
            if let parent = positions[crossref] {
                if parent == index || state[parent] != 2 {
                    problem("bib.inheritance-cycle", "‘\(entry.key)’ inherits from itself through ‘\(crossref)’")
                } else {
                    let source = entries[parent]
                    let mapping = renamed(from: source.type, to: entry.type)
                    // The renamed fields first (a collection's title is the part's booktitle),
                    // then every other field the child lacks, in a fixed order.
                    for (name, target) in mapping.sorted(by: { $0.key < $1.key }) where fields[target] == nil {
                        if let value = source.fields[name] { fields[target] = value }
                    }
                    for (name, value) in source.fields.sorted(by: { $0.key < $1.key })
                    where !neverInherited.contains(name) && mapping[name] == nil && !(titleFields.contains(name) && !mapping.isEmpty) {
                        if fields[name] == nil { fields[name] = value }
                    }
                }
            } else {
                problem("bib.unknown-crossref", "‘\(entry.key)’ cross-references ‘\(crossref)’, which no .bib file has")
            }
        }
        entries[index].fields = fields
    }

    /// Fields an entry never takes from another.
    static let neverInherited: Set<String> = [
        "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options", "presort",
        "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey",
    ]

    /// A parent's own title fields, which go to the renamed fields and not to the child's title.
    static let titleFields: Set<String> = ["title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle", "indexsorttitle"]

    /// BibLaTeX's renamings for a parent type and a child type.
    static func renamed(from parent: String, to child: String) -> [String: String] {
        let bookLike: Set<String> = ["book", "mvbook", "collection", "mvcollection", "reference", "mvreference",
                                     "proceedings", "mvproceedings"]
        let parts: Set<String> = ["inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inreference",
                                  "inproceedings", "conference"]
        if bookLike.contains(parent) && parts.contains(child) {
            var mapping = ["title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"]
            if parent.hasPrefix("mv") {
                mapping = ["title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"]
            }
            return mapping
        }
        if parent == "periodical", child == "article" || child == "suppperiodical" {
            return ["title": "journaltitle", "subtitle": "journalsubtitle"]
        }
        if parent.hasPrefix("mv"), bookLike.contains(parent) {
            return ["title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"]
        }
        return [:]
    }
}

