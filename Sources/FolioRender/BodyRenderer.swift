import FolioHighlight
import FolioMath
import FolioModel
import FolioPlot

/// Writes a chapter's blocks and inlines as HTML, converting its math on the way and collecting
/// the math's diagnostics.
struct BodyRenderer {
    let chapter: Chapter
    let converter: MathConverter
    /// The TeX macros in force: the book's and the chapter's `macros:`, then those its formulas
    /// define, in order.
    private var macros: MathMacros
    let vocabulary: Vocabulary
    /// Cells' code already highlighted, by its text; the rest is highlighted here.
    let highlightedCode: [String: String]
    let showsCheckBadges: Bool
    private(set) var diagnostics: [Diagnostic] = []
    /// Files the page links to, made while writing it (figures' long data).
    private(set) var attachments: [OutputFile] = []
    /// How many captioned tables the page has so far: each caption's id is `table-<n>-caption`.
    private var captionedTables = 0

    init(chapter: Chapter, lang: String, converter: MathConverter, macros: MathMacros = MathMacros(), highlightedCode: [String: String] = [:],
         showsCheckBadges: Bool = true) {
        // Problems in the chapter's `macros:` are reported where the book is built.
        self.macros = macros.adding(chapter.frontMatter.macros.map { ($0.name, $0.body) }).macros
        self.chapter = chapter
        self.converter = converter
        self.highlightedCode = highlightedCode
        self.showsCheckBadges = showsCheckBadges
        self.vocabulary = Vocabulary(lang: lang)
    }

    mutating func blocks(_ blocks: [Block], into writer: inout HTMLWriter, tight: Bool = false) {
        for block in blocks {
            self.block(block, into: &writer, tight: tight)
        }
    }

    private mutating func block(_ block: Block, into writer: inout HTMLWriter, tight: Bool) {
        switch block {
        case .paragraph(let content):
            if tight {
                inlines(content, into: &writer)
            } else {
                writer.open("p")
                inlines(content, into: &writer)
                writer.close("p")
            }
        case .heading(let heading):
            let name = "h\(min(max(heading.level, 1), 6))"
            writer.open(name, ["id": heading.id])
            Self.sectionNumber(of: heading, into: &writer)
            inlines(heading.content, into: &writer)
            writer.close(name)
        case .blockQuote(let children):
            writer.open("blockquote")
            writer.newline()
            blocks(children, into: &writer)
            writer.close("blockquote")
        case .list(let list):
            let name = list.start == nil ? "ul" : "ol"
            writer.open(name, ["start": list.start.flatMap { $0 == 1 ? nil : String($0) }])
            writer.newline()
            for item in list.items {
                writer.open("li")
                blocks(item, into: &writer, tight: list.isTight)
                writer.close("li")
                writer.newline()
            }
            writer.close(name)
        case .code(let code):
            writer.open("pre", ["class": "code", "tabindex": "0"])
            writer.open("code", ["class": code.language.isEmpty ? nil : "language-\(code.language)"])
            writer.text(code.code)
            writer.close("code")
            writer.close("pre")
        case .html(let html):
            writer.trusted(html)
        case .thematicBreak:
            writer.trusted("<hr>")
        case .equation(let equation):
            self.equation(equation, into: &writer)
        case .cell(let cell):
            self.cell(cell, into: &writer)
        case .table(let table):
            self.table(table, into: &writer)
        case .callout(let callout):
            self.callout(callout, into: &writer)
        case .figure(let figure):
            self.figure(figure, into: &writer)
        case .footnote:
            // Shown at the end of the page, by `endnotes(into:)`.
            return
        }
        writer.newline()
    }

    /// A heading's number, when the book numbers its sections: `<span>3.2</span> ` before its text.
    static func sectionNumber(of heading: Heading, into writer: inout HTMLWriter) {
        guard let number = heading.number, !number.isEmpty else { return }
        writer.element("span", ["class": "section-number"], text: number)
        writer.text(" ")
    }

    /// A table's caption, "Table 3: " before the text when numbered, with an id that names the
    /// table's scrolling wrapper; `nil` for a table with neither number nor caption.
    private mutating func tableCaption(number: String?, markup: String?) -> TableCaption? {
        guard number != nil || markup != nil else { return nil }
        var writer = HTMLWriter(capacity: 256)
        if let number {
            CaptionNumber.write(vocabulary.table, number, class: "table-number", captioned: markup != nil, vocabulary: vocabulary,
                                into: &writer)
        }
        writer.trusted(markup ?? "")
        captionedTables += 1
        return TableCaption(id: "table-\(captionedTables)-caption", markup: writer.output)
    }

    /// A pipe table: its header row as column headers, each column aligned by a class (the
    /// stylesheet aligns it), and its caption above it.
    private mutating func table(_ table: MarkdownTable, into writer: inout HTMLWriter) {
        var captionWriter = HTMLWriter(capacity: 256)
        if let caption = table.caption { inlines(caption, into: &captionWriter) }
        let caption = tableCaption(number: table.number, markup: table.caption == nil ? nil : captionWriter.output)
        let columns = table.header.count
        let classes = (0..<columns).map { index -> String? in
            switch index < table.alignments.count ? table.alignments[index] : .none {
            case .none: nil
            case .left: "align-left"
            case .center: "align-center"
            case .right: "align-right"
            }
        }
        TableRenderer.frame(wrapperClass: "table-scroll table-block", tableClass: "data-table markdown-table", anchor: table.label,
                            caption: caption, into: &writer) { writer in
            writer.element("thead") { writer in
                writer.element("tr") { writer in
                    for (index, cell) in table.header.enumerated() {
                        // An empty header cell heads nothing, and an empty <th> is announced as a header: a plain cell.
                        writer.element(cell.isEmpty ? "td" : "th", ["scope": cell.isEmpty ? nil : "col", "class": classes[index]]) { writer in
                            self.inlines(cell, into: &writer)
                        }
                    }
                }
            }
            guard !table.rows.isEmpty else { return }
            writer.element("tbody") { writer in
                for row in table.rows {
                    writer.element("tr") { writer in
                        // The parser makes every row as wide as the header; a row that is not is cut or padded here too.
                        for index in 0..<columns {
                            writer.element("td", ["class": classes[index]]) { writer in
                                if index < row.count { self.inlines(row[index], into: &writer) }
                            }
                        }
                    }
                    writer.newline()
                }
            }
        }
    }

    /// A callout: a note to the reader set apart from the text, titled with its kind's icon and
    /// name in the page's language.
    private mutating func callout(_ callout: Callout, into writer: inout HTMLWriter) {
        writer.element("div", ["class": "callout callout-\(callout.kind.rawValue)", "role": "note"]) { writer in
            writer.element("p", ["class": "callout-title"]) { writer in
                writer.trusted(CalloutIcon.svg(callout.kind))
                writer.text(vocabulary.calloutLabel(callout.kind))
            }
            writer.newline()
            self.blocks(callout.blocks, into: &writer)
        }
    }

    /// An image with a `fig-…` label: a figure numbered and captioned as the charts cells show are.
    private mutating func figure(_ figure: ImageFigure, into writer: inout HTMLWriter) {
        writer.element("figure", ["class": "figure image-figure", "id": figure.label.isEmpty ? nil : figure.label]) { writer in
            writer.open("img", ["src": figure.source, "alt": figure.alt ?? figure.caption.plainText,
                                "title": figure.title.isEmpty ? nil : figure.title, "loading": "lazy"])
            guard figure.number != nil || !figure.caption.isEmpty else { return }
            writer.element("figcaption") { writer in
                if let number = figure.number {
                    CaptionNumber.write(vocabulary.figure, number, class: "figure-number", captioned: !figure.caption.isEmpty,
                                        vocabulary: vocabulary, into: &writer)
                }
                self.inlines(figure.caption, into: &writer)
            }
        }
    }

    /// The works the chapter cites, after its text (pandoc's and Quarto's `doc-bibliography`
    /// section): each entry anchored for its citations, its number first in a numeric style.
    mutating func references(into writer: inout HTMLWriter) {
        guard !chapter.bibliography.isEmpty else { return }
        writer.element("section", ["class": "references", "role": "doc-bibliography", "aria-labelledby": "references-title"]) { writer in
            writer.newline()
            writer.element("h2", ["id": "references-title"], text: vocabulary.references)
            writer.newline()
            for entry in chapter.bibliography {
                writer.element("p", ["class": "reference-entry", "id": entry.anchor]) { writer in
                    if let label = entry.label {
                        writer.element("span", ["class": "reference-label"], text: label)
                        writer.text(" ")
                    }
                    self.inlines(entry.content, into: &writer)
                }
                writer.newline()
            }
        }
        writer.newline()
    }

    /// The chapter's footnotes, at the end of its text: each numbered one, in number order, with
    /// a link back to each reference to it (Pandoc's and Quarto's `doc-endnotes` section, under
    /// a heading rather than a rule, so that it has a name and a place among the headings).
    mutating func endnotes(into writer: inout HTMLWriter) {
        let notes = chapter.blocks.endnotes
        guard !notes.isEmpty else { return }
        writer.element("section", ["class": "footnotes", "role": "doc-endnotes", "aria-labelledby": "footnotes-title"]) { writer in
            writer.newline()
            writer.element("h2", ["id": "footnotes-title"], text: vocabulary.footnotes)
            writer.newline()
            writer.element("ol") { writer in
                writer.newline()
                for (index, note) in notes.enumerated() {
                    self.endnote(note, position: index + 1, into: &writer)
                    writer.newline()
                }
            }
            writer.newline()
        }
        writer.newline()
    }

    /// One note: its blocks, the back-links at the end of its last paragraph (after it when it
    /// ends otherwise), as Pandoc places them.
    private mutating func endnote(_ note: Footnote, position: Int, into writer: inout HTMLWriter) {
        guard let number = note.number else { return }
        // Footnotes defined inside this one are notes of their own, not part of its text.
        let shown = note.blocks.filter { if case .footnote = $0 { false } else { true } }
        writer.element("li", ["id": "fn-\(number)", "value": number == position ? nil : String(number)]) { writer in
            for (index, block) in shown.enumerated() {
                if index == shown.count - 1, case .paragraph(let content) = block {
                    writer.open("p")
                    self.inlines(content, into: &writer)
                    self.backLinks(note, number: number, afterText: true, into: &writer)
                    writer.close("p")
                } else {
                    self.block(block, into: &writer, tight: false)
                }
            }
            if let last = shown.last, case .paragraph = last { return }
            guard note.referenceCount > 0 else { return }
            writer.element("p") { writer in self.backLinks(note, number: number, afterText: false, into: &writer) }
        }
    }

    /// `↩︎` back to each reference to a note (`fnref-3`, `fnref-3-2`, …), the later ones marked 2, 3, ….
    private func backLinks(_ note: Footnote, number: Int, afterText: Bool, into writer: inout HTMLWriter) {
        guard note.referenceCount > 0 else { return }
        for occurrence in 1...note.referenceCount {
            if afterText || occurrence > 1 { writer.text(" ") }
            writer.element("a", ["class": "footnote-back", "href": "#" + Self.footnoteReferenceID(number, occurrence: occurrence),
                                 "role": "doc-backlink",
                                 "aria-label": vocabulary.backToReference(number, occurrence: occurrence, of: note.referenceCount)]) { writer in
                // U+FE0E: the arrow as text, not as an emoji.
                writer.text("\u{21A9}\u{FE0E}")
                if occurrence > 1 { writer.element("sup", text: String(occurrence)) }
            }
        }
    }

    /// The anchor of the `occurrence`th reference to note `number`: `fnref-3`, then `fnref-3-2`, ….
    static func footnoteReferenceID(_ number: Int, occurrence: Int) -> String {
        occurrence > 1 ? "fnref-\(number)-\(occurrence)" : "fnref-\(number)"
    }

    /// A cell: its code, highlighted, and what running it printed, showed and raised.
    private mutating func cell(_ cell: Cell, into writer: inout HTMLWriter) {
        let showsOutput = cell.options.output && cell.result.map { !$0.outputs.isEmpty || $0.error != nil } == true
        guard cell.options.echo || showsOutput else { return }
        // A numbered figure or table cell's label belongs to its figure or table; other cells are
        // anchored themselves.
        var figures = FigureSequence(cell: cell, showsOutput: showsOutput)
        var tables = TableSequence(cell: cell, showsOutput: showsOutput)
        let anchor = figures.figuresCarryLabel || tables.tablesCarryLabel ? nil : cell.options.label
        writer.element("div", ["class": "cell", "id": anchor]) { writer in
            if cell.options.echo {
                // Code and output scroll sideways when wide; focusable so a keyboard can scroll them.
                writer.open("pre", ["class": "cell-code", "tabindex": "0"])
                writer.open("code", ["class": "language-swift"])
                writer.trusted(highlightedCode[cell.code] ?? SwiftHighlighter().highlight(cell.code))
                writer.close("code")
                writer.close("pre")
            }
            guard let result = cell.result else { return }
            if showsOutput {
                writer.element("div", ["class": "cell-output"]) { writer in
                    for output in result.outputs {
                        self.output(output, figures: &figures, tables: &tables, into: &writer)
                    }
                    if let error = result.error {
                        writer.element("pre", ["class": "cell-error"], text: error)
                    }
                }
            }
            if showsCheckBadges, result.passedExpectations > 0, result.failedExpectations.isEmpty {
                writer.element("p", ["class": "cell-checks"], text: vocabulary.checksHold(result.passedExpectations))
            }
        }
    }

    private mutating func output(_ output: CellOutput, figures: inout FigureSequence, tables: inout TableSequence,
                                 into writer: inout HTMLWriter) {
        switch output {
        case .standardOutput(let text, let truncated):
            writer.open("pre", ["class": "cell-stdout", "tabindex": "0"])
            writer.text(text)
            if truncated {
                writer.element("span", ["class": "cell-truncated"], text: "\n" + vocabulary.truncated)
            }
            writer.close("pre")
        case .standardError(let text, let truncated):
            writer.open("pre", ["class": "cell-stderr", "tabindex": "0"])
            writer.element("span", ["class": "cell-stream"], text: vocabulary.standardError + "\n")
            writer.text(text)
            if truncated {
                writer.element("span", ["class": "cell-truncated"], text: "\n" + vocabulary.truncated)
            }
            writer.close("pre")
        case .value(let text):
            writer.element("pre", ["class": "cell-value", "tabindex": "0"], text: text)
        case .table(let table):
            let placement = tables.next()
            let caption = tableCaption(number: placement.number,
                                       markup: (placement.caption ?? table.caption).map { HTMLWriter.escape($0, quotes: false) })
            TableRenderer.write(table, anchor: placement.anchor, caption: caption, into: &writer)
        case .figure(let figure):
            let placement = figures.next()
            let written = FigureWriter(vocabulary: vocabulary, fileStem: chapter.slug).write(figure, placement: placement, into: &writer)
            attachments += written.attachments
            for problem in written.problems {
                diagnostics.append(Diagnostic(problem.isError ? .error : .warning, id: problem.id, problem.message, at: figures.location))
            }
        }
    }

    /// A display equation, its number at its right; a formula of numbered rows carries their
    /// numbers inside its MathML. It is anchored by its `{#eq-…}` label, or by the `\label` of a
    /// formula without rows, so references land on it.
    private mutating func equation(_ equation: Equation, into writer: inout HTMLWriter) {
        var inner = HTMLWriter(capacity: 0)
        let rendering = self.math(equation.math, display: true, rowNumbers: equation.rowNumbers, into: &inner)
        let rowLabel = rendering.flatMap { $0.rows.count == 1 && $0.rows[0].isWholeFormula ? $0.rows[0].label : nil }
        writer.element("div", ["class": "equation", "id": equation.label ?? rowLabel.map(Self.rowAnchor)]) { writer in
            writer.trusted(inner.output)
            if let number = equation.number {
                writer.element("span", ["class": "equation-number"], text: "(\(number))")
            }
        }
    }

    /// The `id` of an equation row with `\label{label}`: the label, spaces made hyphens.
    static func rowAnchor(_ label: String) -> String {
        String(label.map { $0.isWhitespace ? "-" : $0 })
    }

    /// Writes a formula as MathML, with the chapter's macros in force (its definitions kept for
    /// the formulas after it), its rows' numbers and its references' numbers. An error that
    /// leaves the formula's structure in doubt shows the source instead, marked; an unknown
    /// command is marked in place and the rest typesets. Returns the rendering, `nil` for source.
    @discardableResult
    private mutating func math(_ math: Math, display: Bool, rowNumbers: [String] = [], into writer: inout HTMLWriter) -> MathRendering? {
        let references = chapter.mathReferences
        var options = MathOptions(rowNumbers: rowNumbers, rowAnchor: { label in Self.rowAnchor(label) })
        options.resolveReference = { label in references[label] }
        let rendering = converter.convert(math.tex, display: display, macros: &macros, options: options)
        if let error = rendering.errors.first {
            // The first error only: later ones in the same formula are usually its echoes.
            diagnostics.append(.warning(error.id, error.message, at: math.location(ofScalarOffset: error.offset)))
            if rendering.errorScope != .local {
                // The formula's source, marked, so the reader sees what the author wrote.
                writer.element("code", ["class": display ? "math-error math-error-display" : "math-error",
                                        "title": "\(vocabulary.mathError): \(error.message)"],
                               text: math.delimiter + math.tex + math.delimiter)
                return nil
            }
        }
        writer.trusted(rendering.mathML)
        return rendering
    }

    /// Characters after which browsers break a line even inside a word: `--update` would end a
    /// line with `-` and start the next with `-update`.
    private static let breaksInsideWords: Set<Character> = ["-", "?", "\u{2010}", "\u{2013}", "\u{2014}", "\u{2026}"]

    /// Inline code, which breaks only at its spaces: a run between spaces that a browser would
    /// break inside (`--update`, `fig-cap`, `expect-error`) is kept whole, as
    /// `<span class="nowrap">`, unless it is too long for a phone's line, where breaking it
    /// is better than running off the screen. CSS alone cannot say where a hyphen may break.
    static func inlineCode(_ code: String, into writer: inout HTMLWriter) {
        var rest = code[...]
        while !rest.isEmpty {
            let spaces = rest.prefix { $0 == " " }
            writer.text(String(spaces))
            rest = rest.dropFirst(spaces.count)
            let run = rest.prefix { $0 != " " }
            rest = rest.dropFirst(run.count)
            if run.count > 1, run.count <= 30, run.contains(where: breaksInsideWords.contains) {
                writer.element("span", ["class": "nowrap"], text: String(run))
            } else {
                writer.text(String(run))
            }
        }
    }

    mutating func inlines(_ inlines: [Inline], into writer: inout HTMLWriter) {
        for inline in inlines {
            self.inline(inline, into: &writer)
        }
    }

    private mutating func inline(_ inline: Inline, into writer: inout HTMLWriter) {
        switch inline {
        case .text(let text):
            writer.text(text)
        case .softBreak:
            writer.newline()
        case .lineBreak:
            writer.trusted("<br>\n")
        case .code(let code):
            writer.element("code") { writer in Self.inlineCode(code, into: &writer) }
        case .emphasis(let content):
            writer.open("em")
            inlines(content, into: &writer)
            writer.close("em")
        case .strong(let content):
            writer.open("strong")
            inlines(content, into: &writer)
            writer.close("strong")
        case .link(let destination, let title, let content):
            writer.open("a", ["href": PageLink.rewritten(destination), "title": title.isEmpty ? nil : title])
            inlines(content, into: &writer)
            writer.close("a")
        case .image(let source, let title, let alt):
            writer.open("img", ["src": source, "alt": alt.plainText, "title": title.isEmpty ? nil : title, "loading": "lazy"])
        case .html(let html):
            writer.trusted(html)
        case .math(let math):
            self.math(math, display: false, into: &writer)
        case .expression(let expression):
            writer.element("span", ["class": "value"], text: expression.value ?? expression.code)
        case .strikethrough(let content):
            writer.open("del")
            inlines(content, into: &writer)
            writer.close("del")
        case .citation(let citation):
            guard let rendered = citation.rendered else {
                // Not formatted (the book has no bibliography): the reader sees what was written.
                writer.text(citation.source)
                return
            }
            writer.element("span", ["class": "citation"]) { writer in self.inlines(rendered, into: &writer) }
        case .footnoteReference(let reference):
            guard let number = reference.number else {
                // No footnote has this id (a warning): the reader sees what the author wrote.
                writer.text("[^\(reference.id)]")
                return
            }
            writer.element("sup", ["class": "footnote-ref"]) { writer in
                writer.element("a", ["id": Self.footnoteReferenceID(number, occurrence: reference.occurrence), "href": "#fn-\(number)",
                                     "role": "doc-noteref"], text: String(number))
            }
        case .reference(let reference):
            if let target = reference.target {
                let anchor = Self.rowAnchor(reference.label)
                let href = target.page == chapter.slug ? "#" + PageLink.encode(anchor) : PageLink.page(target.page, anchor: anchor)
                // A section's heading, as text, may be long: it wraps, where a number does not.
                let wraps = target.kind == .section && target.number.isEmpty
                writer.element("a", ["class": wraps ? "reference reference-text" : "reference", "href": href],
                               text: vocabulary.reference(to: target, parenthesized: reference.parenthesized))
            } else {
                writer.element("span", ["class": "reference unresolved", "title": vocabulary.unresolved], text: "?@\(reference.label)")
            }
        }
    }
}
