import FolioModel
import FolioPlot
import FuzzSupport

/// Attributes that hold numbers or lists of them in the SVG the renderer writes.
let numericAttributes: Set<String> = [
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "d", "points", "viewBox", "transform",
    "stroke-width", "font-size", "opacity", "fill-opacity", "dx", "dy",
]

/// Any figure a cell could show, decoded from the fuzzer's bytes: the SVG is well-formed, every
/// number in it is finite.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFigureRenderer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    var reader = FigureReader(input)
    let figure = reader.figure()
    let id = reader.text()
    let alt = reader.flag() ? reader.text() : nil
    let rendered = FigureRenderer().render(figure, id: id.isEmpty ? "fig" : id, alt: alt)
    if let problem = MarkupCheck.problem(in: rendered.svg, numericAttributes: numericAttributes) {
        fuzzFailure("\(problem)\n--- figure ---\n\(figure)\n--- SVG ---\n\(rendered.svg.prefix(20_000))", input: input)
    }
    return 0
}

/// Reads a `Figure` out of bytes, one decision per byte; past the end every byte reads as 0.
/// Numbers favour what breaks charts: NaN, ±∞, ±0, the largest and smallest doubles, huge and
/// tiny powers of ten, and equal values.
struct FigureReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    mutating func flag() -> Bool { byte() & 1 == 1 }

    mutating func count(_ limit: Int) -> Int { Int(byte()) % (limit + 1) }

    mutating func number() -> Double {
        switch byte() % 16 {
        case 0: return .nan
        case 1: return .infinity
        case 2: return -.infinity
        case 3: return 0
        case 4: return -0.0
        case 5: return .greatestFiniteMagnitude
        case 6: return -.greatestFiniteMagnitude
        case 7: return .leastNonzeroMagnitude
        case 8: return .leastNormalMagnitude
        case 9: return Double(Int(byte()) - 128)
        case 10, 11:
            var bits: UInt64 = 0
            for _ in 0..<8 { bits = bits << 8 | UInt64(byte()) }
            return Double(bitPattern: bits)
        case 12: return pow10(Int(byte()) - 128)
        case 13: return -pow10(Int(byte()) - 128)
        case 14: return 1 + Double(byte()) * 1e-15
        default: return Double(byte()) / 16
        }
    }

    /// 10 to the power `exponent`, by repeated multiplication (no Foundation).
    private func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<abs(exponent) { value = exponent < 0 ? value / 10 : value * 10 }
        return value
    }

    mutating func text() -> String {
        let length = count(24)
        var scalars = String.UnicodeScalarView()
        let alphabet = Array("a_z^{}<>&\"' \\-1x\u{3b1}\u{4e2d}\t\n\u{200b}".unicodeScalars)
        for _ in 0..<length {
            let code = byte()
            if code < 128, let scalar = Unicode.Scalar(UInt32(code)) {
                scalars.append(code < 32 ? alphabet[Int(code) % alphabet.count] : scalar)
            } else {
                scalars.append(alphabet[Int(code) % alphabet.count])
            }
        }
        return String(scalars)
    }

    mutating func optionalNumber() -> Double? { flag() ? number() : nil }

    mutating func axis() -> Axis {
        Axis(title: flag() ? text() : nil, scale: flag() ? .log : .linear, lowerBound: optionalNumber(), upperBound: optionalNumber())
    }

    mutating func values() -> [Double] {
        // Mostly a few points; sometimes thousands, which the renderer must simplify in time.
        let length = flag() ? count(12) : count(255) * 16
        var values: [Double] = []
        let pattern = (0..<4).map { _ in number() }
        for index in 0..<length {
            values.append(index < 24 && position < bytes.count ? number() : pattern[index % 4] + Double(index))
        }
        return values
    }

    mutating func series() -> Series {
        let kinds: [Series.Kind] = [.line, .area, .bar, .scatter]
        let kind = kinds[Int(byte()) % kinds.count]
        return Series(kind: kind, name: text(), x: values(), y: values(), stack: flag() ? (flag() ? "a" : "b") : nil,
                      showsValues: flag())
    }

    mutating func annotation() -> Annotation {
        let kinds: [Annotation.Kind] = [.text, .point, .verticalLine, .horizontalLine]
        return Annotation(kind: kinds[Int(byte()) % kinds.count], x: number(), y: number(), label: text())
    }

    mutating func figure() -> Figure {
        let title = flag() ? text() : nil
        let x = axis()
        let y = axis()
        let series = (0..<count(4)).map { _ in self.series() }
        let annotations = (0..<count(3)).map { _ in annotation() }
        let categories = flag() ? (0..<count(6)).map { _ in text() } : nil
        let panels = (0..<count(3)).map { _ in
            Panel(title: text(), series: (0..<count(3)).map { _ in self.series() }, annotations: (0..<count(2)).map { _ in annotation() })
        }
        return Figure(title: title, x: x, y: y, series: series, annotations: annotations, categories: categories, panels: panels,
                      showsLegend: flag(), steps: flag())
    }
}
