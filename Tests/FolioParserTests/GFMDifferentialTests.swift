import Foundation
import FolioModel
import FolioParser
import Testing

/// Folio's tables, footnotes, strikethrough and bare links against the reference
/// implementation: each input goes through Debian's `cmark-gfm` and through `ChapterParser`, and
/// the two are compared as a `GFMShape` — the tables' alignments, rows and cell text, the
/// footnotes' numbers and order, the struck text, the links' destinations. The inputs are the
/// GFM spec's and cmark-gfm's own examples (`Tests/Fixtures/gfm/`) and a few hundred generated
/// ones. A difference fails the test unless `deliberate` lists it with its reason.
@Suite("Compared with cmark-gfm", .enabled(if: CmarkGFM.path != nil,
                                            "cmark-gfm is not installed: Tools/setup.sh (which make test runs) installs it"))
struct GFMDifferentialTests {
    /// Where a deliberate difference applies: to one example of the fixtures, or to every
    /// generated input with a construct in it.
    enum Scope: Sendable, Equatable {
        case example(String)
        case feature(GFMFeature)
    }

    /// A way Folio reads an extension otherwise than cmark-gfm, on purpose, and the categories
    /// where it shows.
    struct Deliberate: Sendable {
        let categories: Set<GFMCategory>
        let scope: Scope
        let reason: String
    }

    /// Every deliberate difference, with its reason. An example listed here must still differ
    /// (the entry is stale otherwise); a feature covers the inputs that have it, differing or not.
    static let deliberate: [Deliberate] = [
        // A cell that GFM cuts short loses what was after the cut past the header's width: its
        // links, struck text and footnote references too.
        Deliberate(categories: Set(GFMCategory.allCases), scope: .feature(.pipeInCodeSpan),
                   reason: "a `|` inside a code span does not split a cell in Folio (issue 17, item 1); GFM splits there"),
        Deliberate(categories: Set(GFMCategory.allCases), scope: .feature(.math),
                   reason: "`$…$` is math in Folio: a `|` in it does not split a cell and its TeX stays as written; GFM reads the dollars as text"),
        Deliberate(categories: [.footnotes], scope: .feature(.referenceInDefinition),
                   reason: """
                       Folio numbers footnotes as pandoc does: the prose's references first, then those in the notes, note by note, \
                       and only in notes that are shown; cmark-gfm numbers references in source order wherever a definition stands, \
                       even in a note nothing refers to (which it then drops) or in a second definition of an id
                       """),
        Deliberate(categories: [.autolinks], scope: .feature(.underscoreDomain),
                   reason: """
                       `www.x_y.com` is no link, as the GFM spec says (no `_` in the last two segments of the domain); \
                       cmark-gfm 0.29.0.gfm.6 links it when punctuation follows (`www.x_y.com.`), though not alone
                       """),
        Deliberate(categories: Set(GFMCategory.allCases), scope: .feature(.emphasisAroundAddress),
                   reason: """
                       Folio finds bare links after cmark has paired emphasis, so in `_https://…/Foo_(bar)` the underscores are \
                       emphasis and the link ends before the second; cmark-gfm finds the link first, while it parses inlines
                       """),
    ]

    /// How many inputs the generator makes.
    static let generatedCount = 400

    @Test("The GFM spec's and cmark-gfm's examples of the extensions parse as cmark-gfm parses them, but for the deliberate differences")
    func specExamples() throws {
        let inputs = try GFMExamples.all()
        #expect(inputs.count == 58)
        let tally = try compare(inputs)
        print(tally.figures(title: "GFM spec and cmark-gfm test examples, against \(CmarkGFM.version)"))
        checkStale(tally, inputs)
    }

    @Test("400 generated inputs parse as cmark-gfm parses them, but for the deliberate differences")
    func generatedInputs() throws {
        let inputs = GFMInputGenerator.inputs(count: Self.generatedCount)
        #expect(Set(inputs.map(\.markdown)).count > Self.generatedCount * 9 / 10, "the generator repeats itself")
        let tally = try compare(inputs)
        print(tally.figures(title: "\(Self.generatedCount) generated inputs (fixed seed), against \(CmarkGFM.version)"))
        checkStale(tally, inputs)
        for category in GFMCategory.allCases {
            #expect(tally.compared[category, default: 0] >= Self.generatedCount / 5, "too few generated inputs concern \(category.rawValue)")
        }
    }

    @Test("The reading of cmark-gfm's output: a table, struck text, bare links and two footnotes")
    func referenceReading() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let markdown = "a[^2] ~~b c~~ www.example.com. [^1]\n\n| x | y |\n|:--|--:|\n| 1 \\| 2 | [^1] |\n\n[^1]: one https://example.org\n[^2]: ~~two~~\n"
        let shape = try CmarkGFM.shape(of: markdown, in: directory)
        #expect(shape.prose.tables == [GFMShape.Table(alignments: ["left", "right"], header: ["x", "y"], rows: [["1 | 2", "[^]"]])])
        #expect(shape.prose.struck == ["b c"])
        #expect(shape.prose.links == ["http://www.example.com"])
        #expect(shape.footnoteReferences == [1, 2, 2])
        #expect(shape.endnotes == ["2", "1"])
        #expect(shape.notes == ["2": GFMShape.Content(struck: ["two"]), "1": GFMShape.Content(links: ["https://example.org"])])
    }

    // MARK: The comparison

    /// The figures of one run: per category, the inputs that concern it, how many agree, and
    /// the ids of those that differ as documented.
    struct Tally {
        var compared: [GFMCategory: Int] = [:]
        var agreements: [GFMCategory: Int] = [:]
        var documented: [GFMCategory: [String]] = [:]
        var undocumented: [GFMCategory: [String]] = [:]
        /// For each entry of `deliberate`, by index, the differences it accounted for.
        var accounted: [Int: Int] = [:]

        /// A small table to quote in a closing note.
        func figures(title: String) -> String {
            var lines = [title + ":", "  category        compared  agree  documented  undocumented"]
            for category in GFMCategory.allCases {
                let columns = [compared[category, default: 0], agreements[category, default: 0],
                               documented[category, default: []].count, undocumented[category, default: []].count]
                lines.append("  " + category.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + zip(columns, [10, 7, 12, 14]).map { String($0).leftPadded(to: $1) }.joined())
            }
            for (index, entry) in GFMDifferentialTests.deliberate.enumerated() where accounted[index, default: 0] > 0 {
                let scope = switch entry.scope {
                case .example(let id): id
                case .feature(let feature): "inputs with \(feature.rawValue)"
                }
                lines.append("  deliberate, \(accounted[index]!) differences: \(scope): \(entry.reason)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Runs every input through both parsers and records an issue for each difference that
    /// `deliberate` does not cover, showing the input and both shapes.
    func compare(_ inputs: [GFMInput]) throws -> Tally {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var tally = Tally()
        for input in inputs {
            let theirs: GFMShape
            do {
                theirs = try CmarkGFM.shape(of: input.markdown, in: directory)
            } catch {
                Issue.record("\(input.id): \(error), for \(debugQuoted(input.markdown))")
                continue
            }
            guard let chapter = ChapterParser().parse(Array(input.markdown.utf8), path: "t.md").chapter else {
                Issue.record("\(input.id): Folio gave no chapter for \(debugQuoted(input.markdown))")
                continue
            }
            let ours = GFMShape(folio: chapter.blocks)
            for category in GFMCategory.allCases {
                let concerned = category.concerns(input.markdown)
                let agrees = ours.agrees(with: theirs, on: category)
                if concerned || !agrees { tally.compared[category, default: 0] += 1 }
                if agrees {
                    if concerned { tally.agreements[category, default: 0] += 1 }
                } else if let entry = Self.deliberate.firstIndex(where: { $0.categories.contains(category) && covers($0.scope, input) }) {
                    tally.documented[category, default: []].append(input.id)
                    tally.accounted[entry, default: 0] += 1
                } else {
                    tally.undocumented[category, default: []].append(input.id)
                    let shared = Set(ours.endnotes).intersection(theirs.endnotes)
                    Issue.record("""
                        \(input.id) differs from cmark-gfm in \(category.rawValue):
                        input: \(debugQuoted(input.markdown))
                        cmark-gfm: \(theirs.part(category, notes: shared))
                        Folio:     \(ours.part(category, notes: shared))
                        """)
                }
            }
        }
        return tally
    }

    /// Every deliberate difference named by an input's id must still be one.
    func checkStale(_ tally: Tally, _ inputs: [GFMInput]) {
        for entry in Self.deliberate {
            guard case .example(let id) = entry.scope, inputs.contains(where: { $0.id == id }) else { continue }
            #expect(entry.categories.contains { tally.documented[$0, default: []].contains(id) },
                    "\(id) no longer differs: remove it from GFMDifferentialTests.deliberate")
        }
    }

    func covers(_ scope: Scope, _ input: GFMInput) -> Bool {
        switch scope {
        case .example(let id): input.id == id
        case .feature(let feature): input.features.contains(feature)
        }
    }

    func debugQuoted(_ text: String) -> String {
        String(reflecting: text)
    }

    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-gfm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
