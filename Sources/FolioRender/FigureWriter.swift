import FolioModel
import FolioPlot

/// Where a figure stands: its anchor, number, caption and alt text, from the cell showing it.
struct FigurePlacement {
    /// The `id` of the `<figure>`: a numbered figure cell's label for its first figure, `<label>-b`,
    /// `<label>-c`, … for the others; nil for other figures (see ``FigureSequence/figuresCarryLabel``).
    var anchor: String?
    /// `1`, or `1a`, `1b` for the figures of one labelled cell; `nil` for an unnumbered figure.
    var number: String?
    var caption: String?
    var alt: String?
    /// Unique within the page; prefixes the SVG's own ids.
    var id: String
}

/// Hands out placements to the figures one cell shows, in order.
struct FigureSequence {
    private let cell: Cell
    private let count: Int
    private var index = 0
    /// Whether the cell's label is the `id` of its first figure (and `<label>-b`, … of the
    /// others) rather than of the cell: a numbered figure cell (`fig-…`) whose figures are
    /// shown, so that `@fig-…` links to the figure. Any other label stays on the cell, as for
    /// cells without figures; one label is never the id of both.
    let figuresCarryLabel: Bool

    init(cell: Cell, showsOutput: Bool) {
        self.cell = cell
        count = cell.result?.outputs.filter { if case .figure = $0 { true } else { false } }.count ?? 0
        figuresCarryLabel = cell.figureNumber != nil && cell.options.label != nil && showsOutput && count > 0
    }

    /// The letter of the `index`th of `count` parts of one labelled cell's output (`a`, `b`, …),
    /// empty when there is only one.
    static func part(_ index: Int, of count: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return count > 1 ? String(letters[index % letters.count]) : ""
    }

    /// Where the cell's figure problems are reported.
    var location: SourceLocation { cell.location }

    mutating func next() -> FigurePlacement {
        defer { index += 1 }
        let part = Self.part(index, of: count)
        let number = cell.figureNumber.map { $0 + part }
        let base = cell.options.label ?? "cell-\(cell.location.line)"
        let label = figuresCarryLabel ? cell.options.label : nil
        return FigurePlacement(anchor: index == 0 ? label : label.map { "\($0)-\(part)" },
                               number: number, caption: cell.options.figureCaption, alt: cell.options.figureAlt,
                               id: index == 0 ? base : "\(base)-\(index)")
    }
}

/// Writes a figure as `<figure>`: its title above the SVG, a numbered caption under it, and the
/// data behind it in a collapsed table or a CSV file. A figure with `steps` shows one panel at a
/// time, stepped through with radio buttons styled by CSS alone (without styles, or without
/// `:has()`, the first); its title is the legend of the buttons.
struct FigureWriter {
    let vocabulary: Vocabulary
    /// Names the files that hold data too long to inline: `<stem>-<figure id>.csv`.
    let fileStem: String

    /// Data tables up to this many rows go in the page; longer ones go to a CSV file beside it,
    /// linked from the figure, so a finely sampled curve does not weigh the page down.
    static let inlineRows = 25

    /// A figure as written: what was wrong with its data, and the files it needs beside the page.
    struct Written {
        var problems: [FigureProblem]
        var attachments: [OutputFile]
    }

    func write(_ figure: Figure, placement: FigurePlacement, into writer: inout HTMLWriter) -> Written {
        var problems: [FigureProblem] = []
        let renderer = FigureRenderer()
        let title = figure.title.flatMap { $0.isEmpty ? nil : $0 }
        writer.element("figure", ["class": figure.steps ? "figure stepper" : "figure", "id": placement.anchor]) { writer in
            if figure.steps, !figure.panels.isEmpty {
                problems += writeStepper(figure, title: title, placement: placement, renderer: renderer, into: &writer)
            } else {
                // A chart's title stands above it; the caption, under it, says what it shows.
                if let title {
                    writer.element("p", ["class": "figure-title"]) { writer in Self.label(title, into: &writer) }
                }
                let rendered = renderer.render(figure, id: placement.id, alt: placement.alt)
                problems += rendered.problems
                writer.trusted(rendered.svg)
            }
            if placement.number != nil || placement.caption != nil {
                writer.element("figcaption") { writer in
                    if let number = placement.number {
                        CaptionNumber.write(vocabulary.figure, number, class: "figure-number", captioned: placement.caption != nil,
                                            vocabulary: vocabulary, into: &writer)
                    }
                    if let caption = placement.caption { Self.label(caption, into: &writer) }
                }
            }
        }
        // After the figure: a <figcaption> must be a figure's first or last child. One table per
        // figure, so one file at most: a stepper's steps and small multiples share theirs.
        let table = FigureData.table(of: figure)
        var attachments: [OutputFile] = []
        if table.rows.count <= Self.inlineRows {
            writer.element("details", ["class": "figure-data"]) { writer in
                writer.element("summary", text: vocabulary.figureData)
                TableRenderer.write(table, figureData: true, into: &writer)
            }
        } else {
            let path = "\(fileStem)-\(placement.id).csv"
            attachments.append(OutputFile(path: path, bytes: Array(FigureData.csv(table).utf8)))
            writer.element("p", ["class": "figure-data"]) { writer in
                writer.element("a", ["href": path, "download": ""], text: vocabulary.figureDataFile(nil, table.rows.count))
            }
        }
        return Written(problems: problems, attachments: attachments)
    }

    /// A chart label in HTML, read as the chart reads its labels (FolioPlot's `LabelText`):
    /// `a_1`, `z_{4}`, `10^4` as `<sub>` and `<sup>`, `x_train` as written, the rest as text.
    static func label(_ text: String, into writer: inout HTMLWriter) {
        for run in LabelText(text).runs {
            switch run.position {
            case .baseline: writer.text(run.text)
            case .lowered: writer.element("sub", text: run.text)
            case .raised: writer.element("sup", text: run.text)
            }
        }
    }

    /// Radio buttons, one per panel, then one chart: the shared axes drawn once and each panel's
    /// data in a group of its own; CSS shows the group whose button is checked.
    /// The title, above the chart, names what the buttons step through; without one, the buttons
    /// are named for screen readers only, by the caption the page shows under the chart.
    private func writeStepper(_ figure: Figure, title: String?, placement: FigurePlacement, renderer: FigureRenderer,
                              into writer: inout HTMLWriter) -> [FigureProblem] {
        let panels = FigureData.sharingAxes(figure)
        writer.element("fieldset", ["class": "stepper-controls"]) { writer in
            if let title {
                writer.element("legend") { writer in Self.label(title, into: &writer) }
            } else {
                writer.element("legend", ["class": "visually-hidden"]) { writer in
                    Self.label(placement.caption ?? vocabulary.figure, into: &writer)
                }
            }
            for (index, panel) in figure.panels.enumerated() {
                let input = "\(placement.id)-step-\(index)"
                writer.open("input", ["type": "radio", "name": "\(placement.id)-step", "id": input, "checked": index == 0 ? "" : nil])
                writer.element("label", ["for": input]) { writer in
                    Self.label(panel.title, into: &writer)
                }
            }
        }
        let rendered = renderer.renderSteps(panels, title: title, id: placement.id, alt: placement.alt)
        writer.trusted(rendered.svg)
        return rendered.problems
    }
}
