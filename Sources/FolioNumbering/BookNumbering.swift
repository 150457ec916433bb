import FolioMath
import FolioModel

/// What the rest of a book needs to know of a chapter: its page and title, where its equation
/// numbers start, its display equations, labelled figures and tables and its headings in order,
/// and whether it has code and errors. Small enough to keep between renders, so an unchanged chapter is not parsed again
/// just to number the book.
public struct ChapterOutline: Sendable, Equatable, Codable {
    /// A display equation: its `{#eq-…}` label and `\tag`, which decide its number, and, for
    /// one with numbered environments or `\label`s, its rows.
    public struct EquationEntry: Sendable, Equatable, Codable {
        public var label: String?
        public var tag: String?
        public var location: SourceLocation
        /// Its rows as the converter outlines them; `nil` for a formula that has no environment,
        /// `\label` or `\tag`, numbered by its `{#eq-…}` label alone.
        public var rows: [EquationRow]?
    }

    /// A cell or image with a `fig-…` label (one figure number each), or a table or cell with a
    /// `tbl-…` label (one table number each).
    public struct FigureEntry: Sendable, Equatable, Codable {
        public var label: String
        public var location: SourceLocation
    }

    /// A heading: its level and text, its `{#…}` label, and whether a numbered book numbers it.
    public struct SectionEntry: Sendable, Equatable, Codable {
        public var level: Int
        public var title: String
        public var label: String?
        public var isNumbered: Bool
        public var location: SourceLocation
    }

    public var path: String
    public var slug: String
    public var title: String
    public var equationStart: Int?
    public var equations: [EquationEntry]
    public var figures: [FigureEntry]
    public var tables: [FigureEntry]
    public var sections: [SectionEntry]
    /// Its citations as written, in order, for the book to format them all together.
    public var citations: [String]
    /// Its own `.bib` files (`bibliography:` in its front matter).
    public var bibliographyFiles: [String]
    /// Whether it has code to evaluate.
    public var hasCode: Bool
    /// Whether parsing it found an error.
    public var hasErrors: Bool

    /// The outline of a parsed chapter; `diagnostics` are those its parse found, `hasCode` whether
    /// the evaluator has anything to run in it, `macros` the book's TeX macros (the chapter's
    /// own `macros:` and definitions are added in order, as the page's formulas see them).
    public init(_ chapter: Chapter, diagnostics: [Diagnostic], hasCode: Bool, macros bookMacros: MathMacros = MathMacros()) {
        path = chapter.path
        slug = chapter.slug
        title = chapter.title
        equationStart = chapter.frontMatter.equationStart
        var equations: [EquationEntry] = []
        var figures: [FigureEntry] = []
        var tables: [FigureEntry] = []
        var sections: [SectionEntry] = []
        var rowReader = EquationRows(macros: bookMacros.adding(chapter.frontMatter.macros.map { ($0.name, $0.body) }).macros)
        chapter.blocks.forEachLeaf { block in
            if case .equation = block {} else { rowReader.readDefinitions(in: block) }
            switch block {
            case .equation(let equation):
                equations.append(EquationEntry(label: equation.label, tag: EquationTag.text(in: equation.math.tex),
                                               location: equation.math.location, rows: rowReader.rows(of: equation.math.tex)))
            case .cell(let cell):
                if let label = cell.options.label, label.hasPrefix("fig-") {
                    figures.append(FigureEntry(label: label, location: cell.location))
                } else if let label = cell.options.label, label.hasPrefix("tbl-") {
                    tables.append(FigureEntry(label: label, location: cell.location))
                }
            case .figure(let figure):
                figures.append(FigureEntry(label: figure.label, location: figure.location))
            case .table(let table):
                if let label = table.label, label.hasPrefix("tbl-") {
                    tables.append(FigureEntry(label: label, location: table.location))
                }
            case .heading(let heading):
                sections.append(SectionEntry(level: heading.level, title: heading.content.plainText, label: heading.label,
                                             isNumbered: heading.isNumbered, location: heading.location))
            default: break
            }
        }
        self.equations = equations
        self.figures = figures
        self.tables = tables
        self.sections = sections
        citations = chapter.citations.map(\.source)
        bibliographyFiles = chapter.frontMatter.bibliography
        self.hasCode = hasCode
        hasErrors = diagnostics.contains { $0.severity == .error }
    }
}

/// The numbers a book gives its equations, figures and tables, as one sequence each across its
/// chapters in book order (SPEC 3.3, 3.4): a chapter with `equation-start` begins its equations
/// there, any other continues after the chapter before it; figures and tables always continue.
/// When the book numbers its sections, a chapter's headings are numbered under its place in
/// the book (`3`, `3.1`, `3.1.2`). Also where every label
/// points, for references, and the labels used twice, in one chapter or in two. The only place
/// Folio numbers anything: the parser leaves numbers to it, and a chapter parsed on its own is
/// numbered as a book of one (`number(_:)`).
public struct BookNumbering: Sendable {
    /// For each chapter, in book order: each display equation's number (`nil`: not numbered).
    public private(set) var equationNumbers: [[String?]] = []
    /// For each chapter, in book order: for each display equation, the numbers of its
    /// automatically numbered rows (empty for one numbered as a whole).
    public private(set) var equationRowNumbers: [[[String]]] = []
    /// For each chapter, in book order: each labelled figure's number.
    public private(set) var figureNumbers: [[String]] = []
    /// For each chapter, in book order: each labelled table's number.
    public private(set) var tableNumbers: [[String]] = []
    /// For each chapter, in book order: each heading's number, when the book numbers sections.
    public private(set) var sectionNumbers: [[String?]] = []
    /// Whether the book numbers its sections.
    public let numbersSections: Bool
    /// Where each label points: the first equation or figure that has it, in book order.
    public private(set) var targets: [String: ReferenceTarget] = [:]
    /// Labels defined twice, in one chapter or in two: a warning at each later one, since
    /// references go to the first.
    public private(set) var duplicateLabels: [Diagnostic] = []

    /// `numbersSections`: whether headings are numbered (`number-sections` in `book.yml`), which
    /// makes `@sec-…` read a section's number rather than its heading.
    public init(_ outlines: [ChapterOutline], numbersSections: Bool = false) {
        self.numbersSections = numbersSections
        var nextEquation = 1
        var nextFigure = 1
        var nextTable = 1
        var firstChapter: [String: String] = [:]
        for outline in outlines {
            var next = outline.equationStart ?? nextEquation
            var numbers: [String?] = []
            var rowNumbers: [[String]] = []
            var own: Set<String> = []
            /// Points `label` at `number`, unless an earlier definition has it.
            func name(_ label: String, _ number: String, at location: SourceLocation) {
                if targets[label] == nil { targets[label] = ReferenceTarget(number: number, page: outline.slug) }
                noteLabel(label, in: outline.path, at: location, own: &own, firstChapter: &firstChapter)
            }
            for equation in outline.equations {
                var number: String?
                var rows: [String] = []
                let environmentRows = equation.rows.map { $0.count != 1 || !$0[0].isWholeFormula } ?? false
                if equation.label == nil, environmentRows, let equationRows = equation.rows {
                    // amsmath's way: each row of a numbered environment takes the next number,
                    // unless it is tagged or left out; its `\label` names that row.
                    for row in equationRows {
                        if let tag = row.tag {
                            if let label = row.label { name(label, tag, at: equation.location) }
                        } else if row.isNumbered {
                            rows.append(String(next))
                            if let label = row.label { name(label, String(next), at: equation.location) }
                            next += 1
                        }
                    }
                } else {
                    // The whole formula (or an environment numbered as one by its `{#eq-…}`): a
                    // `\tag` names it; a `{#eq-…}`, or a `\label` on a formula without
                    // environments, numbers it.
                    let whole = environmentRows ? nil : equation.rows?.first
                    if let tag = equation.tag ?? whole?.tag {
                        number = tag
                    } else if equation.label != nil || whole?.label != nil {
                        number = String(next)
                        next += 1
                    }
                    for label in [equation.label, whole?.label].compactMap({ $0 }) {
                        if let number {
                            name(label, number, at: equation.location)
                        } else {
                            noteLabel(label, in: outline.path, at: equation.location, own: &own, firstChapter: &firstChapter)
                        }
                    }
                }
                numbers.append(number)
                rowNumbers.append(rows)
            }
            nextEquation = next
            equationNumbers.append(numbers)
            equationRowNumbers.append(rowNumbers)

            /// Numbers `entries` on from `next`; each label points at its number unless an
            /// earlier one has it.
            func sequence(_ entries: [ChapterOutline.FigureEntry], from next: inout Int, kind: ReferenceTarget.Kind) -> [String] {
                entries.map { entry in
                    let number = String(next)
                    next += 1
                    if targets[entry.label] == nil { targets[entry.label] = ReferenceTarget(number: number, page: outline.slug, kind: kind) }
                    noteLabel(entry.label, in: outline.path, at: entry.location, own: &own, firstChapter: &firstChapter)
                    return number
                }
            }
            figureNumbers.append(sequence(outline.figures, from: &nextFigure, kind: .figure))
            tableNumbers.append(sequence(outline.tables, from: &nextTable, kind: .table))

            let sections = numbersSections ? Self.sectionNumbers(outline.sections, chapter: sectionNumbers.count + 1) : outline.sections.map { _ in nil }
            for (section, number) in zip(outline.sections, sections) {
                guard let label = section.label else { continue }
                if targets[label] == nil, label.hasPrefix("sec-") {
                    targets[label] = ReferenceTarget(number: number ?? "", page: outline.slug, kind: .section, title: section.title)
                }
                noteLabel(label, in: outline.path, at: section.location, own: &own, firstChapter: &firstChapter)
            }
            sectionNumbers.append(sections)
        }
    }

    /// The numbers of a chapter's headings: the chapter's own number for its level-1 heading,
    /// then `3.1`, `3.1.1` … below it; an unnumbered heading has none and does not count.
    private static func sectionNumbers(_ sections: [ChapterOutline.SectionEntry], chapter: Int) -> [String?] {
        var counters: [Int] = []
        return sections.map { section in
            guard section.isNumbered else { return nil }
            guard section.level > 1 else {
                counters = []
                return String(chapter)
            }
            let depth = section.level - 1
            if counters.count < depth { counters += Array(repeating: 0, count: depth - counters.count) }
            counters = Array(counters.prefix(depth))
            counters[depth - 1] += 1
            return ([chapter] + counters.map { max($0, 1) }).map(String.init).joined(separator: ".")
        }
    }

    /// The numbers of the labels that the chapter's formulas refer to with `\ref{…}` or
    /// `\eqref{…}`; an unknown one is left out, and the page shows `??` with a warning there.
    private func mathReferences(in chapter: Chapter) -> [String: String] {
        var found: [String: String] = [:]
        func scan(_ tex: String) {
            guard tex.utf8.contains(UInt8(ascii: "{")), tex.contains("ref") else { return }
            for label in EquationRows.referencedLabels(in: tex) {
                if let target = targets[label] { found[label] = target.number }
            }
        }
        chapter.blocks.forEachLeaf { block in
            if case .equation(let equation) = block { scan(equation.math.tex) }
            _ = block.mapInlines { inline in
                if case .math(let math) = inline { scan(math.tex) }
                return inline
            }
        }
        return found
    }

    /// Records where `label` is defined: a second definition in the same chapter, or one in a
    /// later chapter, is a warning at it.
    private mutating func noteLabel(_ label: String, in path: String, at location: SourceLocation,
                                    own: inout Set<String>, firstChapter: inout [String: String]) {
        if !own.insert(label).inserted {
            duplicateLabels.append(.warning("reference.duplicate-label", "label '\(label)' is used twice; references go to the first",
                                            at: location))
        } else if let first = firstChapter[label] {
            duplicateLabels.append(.warning("reference.duplicate-label",
                                            "label '\(label)' is also used in \(first); references go to the first", at: location))
        } else {
            firstChapter[label] = path
        }
    }

    /// Numbers `chapters` as one book, in order, and resolves their references: the one entry
    /// point for a set of parsed chapters (tests, benchmarks). Returns a warning for each label
    /// defined twice and each reference to an unknown label.
    public static func number(_ chapters: inout [Chapter], numbersSections: Bool = false) -> [Diagnostic] {
        let numbering = BookNumbering(chapters.map { ChapterOutline($0, diagnostics: [], hasCode: false) }, numbersSections: numbersSections)
        var diagnostics = numbering.duplicateLabels
        for index in chapters.indices { diagnostics += numbering.apply(to: &chapters[index], at: index) }
        return diagnostics
    }

    /// Gives the chapter at `index` in the book its numbers and resolves its references; returns
    /// a warning for each reference to an unknown label (which stays unresolved).
    public func apply(to chapter: inout Chapter, at index: Int) -> [Diagnostic] {
        var equations = equationNumbers[index].makeIterator()
        var equationRows = equationRowNumbers[index].makeIterator()
        var figures = figureNumbers[index].makeIterator()
        var tables = tableNumbers[index].makeIterator()
        var sections = sectionNumbers[index].makeIterator()
        var diagnostics: [Diagnostic] = []
        chapter.blocks.updateLeaves { block in
            switch block {
            case .equation(var equation):
                equation.number = equations.next() ?? nil
                equation.rowNumbers = equationRows.next() ?? []
                block = .equation(equation)
            case .cell(var cell):
                if let label = cell.options.label, label.hasPrefix("fig-") {
                    cell.figureNumber = figures.next()
                } else if let label = cell.options.label, label.hasPrefix("tbl-") {
                    cell.tableNumber = tables.next()
                } else {
                    return
                }
                block = .cell(cell)
            case .figure(var figure):
                figure.number = figures.next()
                block = .figure(figure)
            case .table(var table):
                guard let label = table.label, label.hasPrefix("tbl-") else { return }
                table.number = tables.next()
                block = .table(table)
            case .heading(var heading):
                heading.number = sections.next() ?? nil
                block = .heading(heading)
            default: break
            }
        }
        chapter.mathReferences = mathReferences(in: chapter)
        chapter.blocks = chapter.blocks.map { block in
            block.mapInlines { inline in
                guard case .reference(var reference) = inline else { return inline }
                if let target = targets[reference.label] {
                    reference.target = target
                } else {
                    let suggestion = Spelling.closest(to: reference.label, among: targets.keys.sorted()).map { "; did you mean '@\($0)'?" } ?? ""
                    diagnostics.append(.warning("reference.unknown", "no equation, figure, table or section is labelled '\(reference.label)'" + suggestion,
                                                at: reference.location))
                }
                return .reference(reference)
            }
        }
        return diagnostics
    }
}
