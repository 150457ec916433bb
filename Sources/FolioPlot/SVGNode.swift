/// An SVG element tree, escaped by construction: text and attribute values are always escaped
/// when written; there is no way to put raw markup into a node.
indirect enum SVGNode: Sendable {
    case element(String, [SVGAttribute], [SVGNode])
    case text(String)

    static func element(_ name: String, _ attributes: [SVGAttribute] = []) -> SVGNode {
        .element(name, attributes, [])
    }

    /// A `<g>` with `children`, or nothing at all when there are none.
    static func group(_ attributes: [SVGAttribute], _ children: [SVGNode]) -> [SVGNode] {
        children.isEmpty ? [] : [.element("g", attributes, children)]
    }

    /// The markup, one element per line where an element holds elements, so golden files diff well.
    var markup: String {
        var output = ""
        output.reserveCapacity(4096)
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        switch self {
        case .text(let text):
            SVGEscaping.appendEscaped(text, to: &output, inAttribute: false)
        case .element(let name, let attributes, let children):
            output += "<"
            output += name
            for attribute in attributes {
                output += " "
                output += attribute.name
                output += "=\""
                SVGEscaping.appendEscaped(attribute.value, to: &output, inAttribute: true)
                output += "\""
            }
            if children.isEmpty {
                output += "/>"
                return
            }
            output += ">"
            let block = children.contains { if case .element(let child, _, _) = $0 { child != "tspan" } else { false } }
            if block { output += "\n" }
            for child in children {
                child.write(to: &output)
                if block { output += "\n" }
            }
            output += "</"
            output += name
            output += ">"
        }
    }
}

/// One attribute; numeric values are written as coordinates, at most two decimals.
struct SVGAttribute: Sendable {
    var name: String
    var value: String

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    init(_ name: String, _ value: Double) {
        self.name = name
        self.value = NumberFormatting.coordinate(value)
    }
}

enum SVGEscaping {
    /// Escapes `&`, `<`, `>` and, in attributes, both quotes; drops characters XML forbids.
    static func appendEscaped(_ text: String, to output: inout String, inAttribute: Bool) {
        // Most text (path data, numbers, class names) needs nothing escaped: copy it whole.
        let needsWork = text.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0xEF
        }
        guard needsWork else {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where inAttribute: output += "&quot;"
            case "'" where inAttribute: output += "&#39;"
            case "\n" where inAttribute, "\t" where inAttribute, "\r" where inAttribute: output += " "
            default:
                let value = scalar.value
                if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D { continue }
                if value == 0xFFFE || value == 0xFFFF { continue }
                output.unicodeScalars.append(scalar)
            }
        }
    }

    static func escaped(_ text: String, inAttribute: Bool = true) -> String {
        var output = ""
        appendEscaped(text, to: &output, inAttribute: inAttribute)
        return output
    }
}

/// Builds path data (`d`) compactly from points in user units, as ASCII bytes.
struct PathData {
    private var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func move(_ x: Double, _ y: Double) {
        bytes.append(UInt8(ascii: "M"))
        append(x, y)
    }

    mutating func line(_ x: Double, _ y: Double) {
        bytes.append(UInt8(ascii: "L"))
        append(x, y)
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "Z"))
    }

    /// A polyline through `points`, starting with a move.
    mutating func polyline(_ points: [Point]) {
        bytes.reserveCapacity(bytes.count + points.count * 14)
        for (index, point) in points.enumerated() {
            if index == 0 { move(point.x, point.y) } else { line(point.x, point.y) }
        }
    }

    /// Appends commands made of letters and coordinates, e.g. `H120` or a marker outline.
    mutating func append(command: String) {
        bytes.append(contentsOf: command.utf8)
    }

    private mutating func append(_ x: Double, _ y: Double) {
        NumberFormatting.appendCoordinate(x, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        NumberFormatting.appendCoordinate(y, to: &bytes)
    }
}

/// A point in user units (SVG coordinates, y down).
struct Point: Equatable, Sendable {
    var x: Double
    var y: Double
}

/// A rectangle in user units.
struct Rect: Equatable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    func contains(_ point: Point, tolerance: Double = 0) -> Bool {
        point.x >= x - tolerance && point.x <= maxX + tolerance && point.y >= y - tolerance && point.y <= maxY + tolerance
    }
}
