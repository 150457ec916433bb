import FolioHighlight
import FolioMath
import FolioModel
import FolioPlot

/// Writes a chapter's blocks and inlines as HTML, converting its math on the way and collecting
/// the math's diagnostics.
struct BodyRenderer {
    let chapter: Chapter
    let converter: MathConverter
    let vocabulary: Vocabulary
    /// Cells' code already highlighted, by its text; the rest is highlighted here.
    let highlightedCode: [String: String]
    let showsCheckBadges: Bool
    private(set) var diagnostics: [Diagnostic] = []
    /// Files the page links to, made while writing it (figures' long data).
    private(set) var attachments: [OutputFile] = []

    init(chapter: Chapter, lang: String, converter: MathConverter, highlightedCode: [String: String] = [:], showsCheckBadges: Bool = true) {
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
        case .table, .callout, .figure, .footnote:
            break // Issue 17: rendered on the render17 branch.
        }
        writer.newline()
    }

    /// A cell: its code, highlighted, and what running it printed, showed and raised.
    private mutating func cell(_ cell: Cell, into writer: inout HTMLWriter) {
        let showsOutput = cell.options.output && cell.result.map { !$0.outputs.isEmpty || $0.error != nil } == true
        guard cell.options.echo || showsOutput else { return }
        // A numbered figure cell's label belongs to its figure; other cells are anchored themselves.
        var figures = FigureSequence(cell: cell, showsOutput: showsOutput)
        let anchor = figures.figuresCarryLabel ? nil : cell.options.label
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
                        self.output(output, figures: &figures, into: &writer)
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

    private mutating func output(_ output: CellOutput, figures: inout FigureSequence, into writer: inout HTMLWriter) {
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
            TableRenderer.write(table, into: &writer)
        case .figure(let figure):
            let placement = figures.next()
            let written = FigureWriter(vocabulary: vocabulary, fileStem: chapter.slug).write(figure, placement: placement, into: &writer)
            attachments += written.attachments
            for problem in written.problems {
                diagnostics.append(Diagnostic(problem.isError ? .error : .warning, id: problem.id, problem.message, at: figures.location))
            }
        }
    }

    private mutating func equation(_ equation: Equation, into writer: inout HTMLWriter) {
        writer.element("div", ["class": "equation", "id": equation.label]) { writer in
            self.math(equation.math, display: true, into: &writer)
            if let number = equation.number {
                writer.element("span", ["class": "equation-number"], text: "(\(number))")
            }
        }
    }

    private mutating func math(_ math: Math, display: Bool, into writer: inout HTMLWriter) {
        let rendering = converter.convert(math.tex, display: display)
        if let error = rendering.errors.first {
            // The first error only: later ones in the same formula are usually its echoes.
            diagnostics.append(.warning(error.id, error.message, at: math.location(ofScalarOffset: error.offset)))
            // The formula's source, marked, so the reader sees what the author wrote.
            writer.element("code", ["class": display ? "math-error math-error-display" : "math-error",
                                    "title": "\(vocabulary.mathError): \(error.message)"],
                           text: math.delimiter + math.tex + math.delimiter)
            return
        }
        writer.trusted(rendering.mathML)
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
        case .strikethrough, .footnoteReference:
            break // Issue 17: rendered on the render17 branch.
        case .reference(let reference):
            if let target = reference.target {
                let href = target.page == chapter.slug ? "#" + PageLink.encode(reference.label) : PageLink.page(target.page, anchor: reference.label)
                let text = target.kind == .figure ? "\(vocabulary.figure) \(target.number)" : "(\(target.number))"
                writer.element("a", ["class": "reference", "href": href], text: text)
            } else {
                writer.element("span", ["class": "reference unresolved", "title": vocabulary.unresolved], text: "?@\(reference.label)")
            }
        }
    }
}
