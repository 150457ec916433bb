import Foundation
import Testing
import FolioMath

/// KaTeX's and Temml's support tables as a checklist (issue 18): every command and environment
/// they support that has a meaning in MathML Core converts without error. The entries, with an
/// example each, are in `Resources/support-tables.tsv`; those Folio leaves out say so, and why,
/// in their note. What still fails is listed in `knownGaps`, so a regression or a gap nobody
/// wrote down fails the test.
@Suite("Support tables")
struct SupportTableTests {
    /// One command or environment of the tables: a row of `Resources/support-tables.tsv`.
    struct Entry {
        /// `katex`, `temml` or `both`: which tables support it.
        var source: String
        var category: String
        /// As the tables write it: `\frac`, `{pmatrix}`, `&`.
        var name: String
        var example: String
        var note: String

        /// Marked `out:` in its note: no meaning in MathML Core, or an extension outside the
        /// tables' core; the note gives the reason.
        var isOutOfScope: Bool { note.hasPrefix("out:") }
    }

    /// The categories in the order the table prints them.
    static let categories = [
        "symbols & letters", "operators & big operators", "relations", "arrows", "accents", "fonts & styles",
        "spacing", "layout & boxes", "fractions & binomials", "delimiters & sizes", "environments", "colour",
        "macros & definitions", "text-mode & misc", "extensions",
    ]

    /// In-scope entries whose example still has an error, each with the reason. The test fails
    /// when one of them starts converting (remove it here) and when anything else fails.
    static let knownGaps: [String: String] = {
        var gaps: [String: String] = [:]
        func missing(_ names: String, _ reason: String) {
            for name in names.split(separator: " ") { gaps[String(name)] = reason }
        }
        missing(#"\wideparen"#, "MnSymbol's wide arc accent (Temml) is unknown; \\overparen works")
        missing(#"\odv \odv* \pdv \pdv*"#, "the derivative package's \\odv and \\pdv (Temml's core, not its physics extension) are unknown")
        missing(#"\angl \angln"#, "actuarialangle's \\angl (KaTeX and Temml) is unknown")
        missing(#"\phase"#, "steinmetz's \\phase (KaTeX) is unknown")
        missing(#"\vcenter"#, "TeX's \\vcenter (KaTeX) is unknown")
        missing(#"\raise \lower"#, "TeX's \\raise and \\lower with a length and no braces (Temml) are unknown")
        missing(#"\definecolor"#, "xcolor's \\definecolor (Temml) is unknown")
        missing(#"\expandafter"#, "\\expandafter is not expanded: the \\def after it reads \\expandafter as the macro's name")
        missing(#"\futurelet \noexpand"#, "TeX primitive (KaTeX and Temml) unknown to the macro expander")
        missing(#"\long"#, "\\long is unknown, and the error names “\\longx”: the expansion of \\f{x} is glued to the control word before it")
        missing(#"\(…\)"#, "math inside \\text by \\( … \\) (KaTeX) is unknown in text")
        missing(#"\char"#, "\\char\"263a, a character by code (KaTeX), is unknown")
        missing(#"\textcircled"#, "\\textcircled (KaTeX) is unknown in text")
        return gaps
    }()

    /// The label the tables' `\ref`/`\eqref` examples point at, as if a book had numbered it.
    static let bookLabels = ["tag1": "1"]

    /// Reads the fixture: a `#` header naming the sources, a line of column names, then one
    /// entry per line. Fields are stored as they are (no escapes); none holds a tab or newline.
    static func entries() throws -> [Entry] {
        let url = TestData.folder.appendingPathComponent("Resources/support-tables.tsv")
        guard FileManager.default.fileExists(atPath: url.path) else { throw TestData.Missing(path: url.path) }
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("# ") }
            .dropFirst()
        return lines.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Entry(source: fields[0], category: fields[1], name: fields[2], example: fields[3],
                         note: fields.count > 4 ? fields[4] : "")
        }
    }

    /// An entry's example converted as a display formula on its own, with a fresh set of
    /// macros and the book's labels.
    static func convert(_ entry: Entry) -> MathRendering {
        var macros = MathMacros()
        let labels = bookLabels
        let options = MathOptions(resolveReference: { labels[$0] })
        return MathConverter().convert(entry.example, display: true, macros: &macros, options: options)
    }

    @Test("The fixture is well formed: known sources and categories, unique names, an example each")
    func fixture() throws {
        let entries = try Self.entries()
        #expect(entries.count > 1000)
        var seen = Set<String>()
        for entry in entries {
            #expect(["katex", "temml", "both"].contains(entry.source), "\(entry.name): source \(entry.source)")
            #expect(Self.categories.contains(entry.category), "\(entry.name): category \(entry.category)")
            #expect(!entry.example.isEmpty, "\(entry.name) has no example")
            #expect(seen.insert(entry.name).inserted, "\(entry.name) is listed twice")
        }
        for name in Self.knownGaps.keys {
            #expect(entries.contains { $0.name == name && !$0.isOutOfScope }, "knownGaps names \(name), which is no in-scope entry")
        }
    }

    @Test("Every in-scope command converts without error, except the known gaps (prints the coverage table)")
    func coverage() throws {
        let entries = try Self.entries()
        var failures: [(Entry, String)] = []
        var rows: [String: (inTable: Int, outOfScope: Int, supported: Int, failing: Int)] = [:]
        for entry in entries {
            let rendering = Self.convert(entry)
            #expect(wellFormednessProblem(rendering.mathML) == nil, "\(entry.name): \(entry.example)")
            var row = rows[entry.category] ?? (0, 0, 0, 0)
            row.inTable += 1
            if entry.isOutOfScope {
                row.outOfScope += 1
            } else if let error = rendering.errors.first {
                row.failing += 1
                failures.append((entry, "\(error.id)@\(error.offset) \(error.message)"))
            } else {
                row.supported += 1
            }
            rows[entry.category] = row
        }

        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == 0 ? cell.padding(toLength: 26, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: max(0, 14 - cell.count)) + cell
            }.joined()
        }
        print(line(["category", "in table", "out of scope", "supported", "failing"]))
        var total = (inTable: 0, outOfScope: 0, supported: 0, failing: 0)
        for category in Self.categories {
            let row = rows[category] ?? (0, 0, 0, 0)
            print(line([category, "\(row.inTable)", "\(row.outOfScope)", "\(row.supported)", "\(row.failing)"]))
            total = (total.inTable + row.inTable, total.outOfScope + row.outOfScope,
                     total.supported + row.supported, total.failing + row.failing)
        }
        print(line(["total", "\(total.inTable)", "\(total.outOfScope)", "\(total.supported)", "\(total.failing)"]))
        for (entry, error) in failures {
            print("  failing \(entry.name) [\(entry.category)] \(entry.example)  →  \(error)")
        }

        for (entry, error) in failures where Self.knownGaps[entry.name] == nil {
            Issue.record("\(entry.name) (\(entry.example)) fails and is no known gap: \(error)")
        }
        let failing = Set(failures.map(\.0.name))
        let names = Set(entries.map(\.name))
        for name in Self.knownGaps.keys.sorted() where names.contains(name) && !failing.contains(name) {
            Issue.record("\(name) converts now: remove it from knownGaps")
        }
    }
}
