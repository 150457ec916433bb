import FolioPlot

/// The book's one stylesheet, written to `output/assets/folio.css`: CJK-friendly type, a
/// comfortable measure, light and dark colours, print rules, and the charts' colours. Pages
/// need nothing else.
public enum Stylesheet {
    public static let css = page + "\n" + FigureRenderer.css

    /// Which of a stepper's groups shows: the first by default, else the checked one (up to 40).
    private static let stepperRules = ".folio-chart .step:not(.step-1) { display: none; }\n@supports selector(:has(*)) {\n"
        + "  .stepper:has(.stepper-controls input:checked) .step { display: none; }\n"
        + (1...40).map { "  .stepper:has(.stepper-controls input:nth-of-type(\($0)):checked) .step-\($0) { display: inline; }\n" }.joined()
        + "}\n"

    /// The page rules, from `Stylesheet/folio.css` (embedded at build time by the EmbedFiles
    /// plugin), with the stepper's rules in place of their marker line.
    private static let page: String = {
        let css = StylesheetSource.files.first { $0.name == "folio.css" }?.text ?? ""
        return css.replacingOccurrences(of: "\n\(stepperMarker)\n", with: stepperRules)
    }()

    private static let stepperMarker = "/* The stepper's rules, one per step, are generated here (Stylesheet.swift). */"
}
