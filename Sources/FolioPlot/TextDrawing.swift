/// `<text>` elements from label markup: baseline runs as text, scripts as `<tspan>`s with
/// `baseline-shift` and a smaller `font-size`.
enum TextDrawing {
    enum Anchor: String {
        case start
        case middle
        case end
    }

    /// A text element at `point` (its baseline), or nothing for an empty label. A nil `anchor`
    /// inherits the enclosing group's; `rotation` is in degrees about `point`; `fontSize` is
    /// only written when it differs from the figure's.
    static func text(_ label: LabelText, at point: Point, anchor: Anchor? = nil, fontSize: Double? = nil,
                     classes: String? = nil, rotation: Double = 0) -> [SVGNode] {
        guard !label.isEmpty else { return [] }
        var attributes = [SVGAttribute("x", point.x), SVGAttribute("y", point.y)]
        if let anchor { attributes.append(SVGAttribute("text-anchor", anchor.rawValue)) }
        if let fontSize { attributes.append(SVGAttribute("font-size", fontSize)) }
        if let classes { attributes.append(SVGAttribute("class", classes)) }
        if rotation != 0 {
            attributes.append(SVGAttribute("transform", "rotate(\(NumberFormatting.coordinate(rotation)) \(NumberFormatting.coordinate(point.x)) \(NumberFormatting.coordinate(point.y)))"))
        }
        let size = fontSize ?? Metrics.fontSize
        let children: [SVGNode] = label.runs.map { run in
            switch run.position {
            case .baseline:
                return .text(run.text)
            case .lowered, .raised:
                return .element("tspan", [
                    SVGAttribute("baseline-shift", run.position == .lowered ? "sub" : "super"),
                    SVGAttribute("font-size", size * LabelText.scriptScale),
                ], [.text(run.text)])
            }
        }
        return [.element("text", attributes, children)]
    }
}
