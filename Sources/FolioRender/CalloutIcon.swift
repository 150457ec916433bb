import FolioModel

/// The small icon before a callout's title, drawn for Folio as a few strokes on a 16-unit grid:
/// a circled "i" for a note, a light bulb for a tip, a star for something important, a warning
/// triangle and a stop sign. Drawn in the text's colour and hidden from screen readers, which
/// read the title beside it.
enum CalloutIcon {
    static func svg(_ kind: Callout.Kind) -> String {
        "<svg class=\"callout-icon\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\" fill=\"none\" "
            + "stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\">"
            + shapes(kind) + "</svg>"
    }

    /// The dot of an "i" or a "!", at `y`.
    private static func dot(_ y: String) -> String {
        "<circle cx=\"8\" cy=\"\(y)\" r=\"0.9\" fill=\"currentColor\" stroke=\"none\"/>"
    }

    private static func shapes(_ kind: Callout.Kind) -> String {
        switch kind {
        case .note:
            "<circle cx=\"8\" cy=\"8\" r=\"6.5\"/><path d=\"M8 7.2v4.3\"/>" + dot("4.8")
        case .tip:
            "<path d=\"M6 10.6C6 9.1 3.8 8.2 3.8 5.7a4.2 4.2 0 0 1 8.4 0c0 2.5-2.2 3.4-2.2 4.9z\"/><path d=\"M6.2 12.8h3.6M6.9 14.8h2.2\"/>"
        case .important:
            "<path d=\"M8 2l1.62 4.38 4.66.18-3.66 2.89 1.26 4.49L8 11.35l-3.88 2.59 1.26-4.49-3.66-2.89 4.66-.18z\"/>"
        case .warning:
            "<path d=\"M8 1.8l6.6 11.7H1.4z\"/><path d=\"M8 6.2v3.4\"/>" + dot("11.6")
        case .caution:
            "<path d=\"M5.5 1.9h5l3.6 3.6v5l-3.6 3.6h-5l-3.6-3.6v-5z\"/><path d=\"M8 4.9v3.9\"/>" + dot("11")
        }
    }
}
