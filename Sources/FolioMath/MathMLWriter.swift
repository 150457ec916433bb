/// Writes `MathNode`s as MathML Core markup (HTML syntax) that is also valid MathML 3, which is
/// what the W3C HTML checker validates against.
///
/// All text goes through `appendEscaped`; no string reaches the output unescaped except the
/// element and attribute names written here.
struct MathMLWriter {
    private var output = ""

    /// The complete `<math>` element for a formula, with `tex` as its annotation.
    static func document(_ nodes: [MathNode], tex: String, display: Bool) -> String {
        var writer = MathMLWriter()
        writer.output.reserveCapacity(tex.utf8.count * 10 + 160)
        writer.output += display ? "<math display=\"block\"><semantics><mrow>" : "<math><semantics><mrow>"
        writer.writeRowChildren(nodes, display: display)
        writer.output += "</mrow><annotation encoding=\"application/x-tex\">"
        writer.appendEscaped(tex)
        writer.output += "</annotation></semantics></math>"
        return writer.output
    }

    /// `display` is TeX's display style at this point: it decides where limits go.
    private mutating func write(_ node: MathNode, display: Bool) {
        switch node {
        case .identifier(let text, let upright):
            let scalars = text.unicodeScalars
            if upright, scalars.count == 1, let scalar = scalars.first, MathAlphabet.isAutoItalic(scalar) {
                output += "<mi mathvariant=\"normal\">"
            } else {
                output += "<mi>"
            }
            appendEscaped(text)
            output += "</mi>"
        case .number(let text):
            output += "<mn>"
            appendEscaped(text)
            output += "</mn>"
        case .operator(let text, let attributes):
            writeOperator(text, attributes)
        case .text(let text):
            output += "<mtext>"
            appendEscaped(text)
            output += "</mtext>"
        case .space(let width):
            output += "<mspace width=\""
            appendEscaped(width)
            output += "\"/>"
        case .row(let children):
            output += "<mrow>"
            writeRowChildren(children, display: display)
            output += "</mrow>"
        case .scripts(let base, let sub, let sup, let placement):
            writeScripts(base: base, sub: sub, sup: sup, placement: placement, display: display)
        case .underOver(let base, let under, let over, let accent):
            let name = under == nil ? "mover" : over == nil ? "munder" : "munderover"
            output += "<" + name
            if accent {
                if over != nil { output += " accent=\"true\"" }
                if under != nil { output += " accentunder=\"true\"" }
            }
            output += ">"
            writeSingle(base, display: display)
            // Accents sit at the base's size; stacked scripts are a size smaller.
            if let under { writeSingle(under, display: accent && display) }
            if let over { writeSingle(over, display: accent && display) }
            output += "</" + name + ">"
        case .fraction(let numerator, let denominator, let thickness):
            output += "<mfrac"
            if let thickness { output += " linethickness=\"" + thickness + "\"" }
            output += ">"
            writeSingle(numerator, display: false)
            writeSingle(denominator, display: false)
            output += "</mfrac>"
        case .root(let radicand, let index):
            if let index {
                output += "<mroot>"
                writeSingle(radicand, display: display)
                writeSingle(index, display: false)
                output += "</mroot>"
            } else {
                output += "<msqrt>"
                writeChildren(radicand, display: display)
                output += "</msqrt>"
            }
        case .table(let table):
            writeTable(table)
        case .styled(let style, let child):
            switch style {
            case .color(let color):
                output += "<mstyle mathcolor=\""
                appendEscaped(color)
                output += "\">"
                writeChildren(child, display: display)
            case .background(let color):
                output += "<mstyle mathbackground=\""
                appendEscaped(color)
                output += "\">"
                writeChildren(child, display: display)
            case .size(let size):
                output += "<mstyle mathsize=\""
                appendEscaped(size)
                output += "\">"
                writeChildren(child, display: display)
            case .display(let isDisplay, let scriptLevel):
                output += isDisplay ? "<mstyle displaystyle=\"true\"" : "<mstyle displaystyle=\"false\""
                if let scriptLevel { output += " scriptlevel=\"\(scriptLevel)\"" }
                output += ">"
                writeChildren(child, display: isDisplay)
            }
            output += "</mstyle>"
        case .phantom(let child):
            output += "<mphantom>"
            writeChildren(child, display: display)
            output += "</mphantom>"
        case .error(let source):
            output += "<merror><mtext>"
            appendEscaped(source)
            output += "</mtext></merror>"
        case .padded(let child, let padding):
            output += "<mpadded"
            for (name, value) in [("width", padding.width), ("height", padding.height), ("depth", padding.depth),
                                  ("lspace", padding.leftSpace), ("voffset", padding.verticalOffset)] {
                guard let value else { continue }
                output += " " + name + "=\""
                appendEscaped(value)
                output += "\""
            }
            output += ">"
            writeChildren(child, display: display)
            output += "</mpadded>"
        case .decorated(let child, let css):
            output += "<mrow style=\""
            appendEscaped(css)
            output += "\">"
            writeChildren(child, display: display)
            output += "</mrow>"
        case .choice(let displayForm, let textForm):
            write(display ? displayForm : textForm, display: display)
        case .verbatim(let text):
            output += "<mtext style=\"font-family:monospace\">"
            appendEscaped(text)
            output += "</mtext>"
        case .multiscripts(let base, let post, let pre):
            output += "<mmultiscripts>"
            writeSingle(base, display: display)
            for pair in post { writeScriptPair(pair) }
            if !pre.isEmpty {
                output += "<mprescripts/>"
                for pair in pre { writeScriptPair(pair) }
            }
            output += "</mmultiscripts>"
        }
    }

    private mutating func writeScripts(base: MathNode, sub: MathNode?, sup: MathNode?, placement: ScriptPlacement, display: Bool) {
        let stacked = placement == .limits || (placement == .displayLimits && display)
        let name = switch (stacked, sub != nil, sup != nil) {
        case (true, true, true): "munderover"
        case (true, true, false): "munder"
        case (true, false, _): "mover"
        case (false, true, true): "msubsup"
        case (false, true, false): "msub"
        case (false, false, _): "msup"
        }
        output += "<" + name + ">"
        if stacked, !display, case .operator(let text, var attributes) = base {
            // `\sum\limits` inline: without this, MathML's movablelimits would move them back.
            attributes.movableLimits = false
            writeOperator(text, attributes)
        } else {
            writeSingle(base, display: display)
        }
        if let sub { writeSingle(sub, display: false) }
        if let sup { writeSingle(sup, display: false) }
        output += "</" + name + ">"
    }

    private mutating func writeTable(_ table: MathTable) {
        if table.small { output += "<mstyle displaystyle=\"false\" scriptlevel=\"1\">" }
        output += table.displayStyle ? "<mtable displaystyle=\"true\"" : "<mtable"
        // Numbers sit at the right edge of the line: the table spans it, with a padding column
        // on the left as wide as the numbers' column, so the formula stays centred.
        let labelled = table.rowLabels != nil
        if labelled || table.fullWidth { output += " style=\"width:100%\"" }
        output += ">"
        for (rowIndex, row) in table.rows.enumerated() {
            output += "<mtr"
            if rowIndex < table.rowAnchors.count, let anchor = table.rowAnchors[rowIndex] {
                output += " id=\""
                appendEscaped(anchor)
                output += "\""
            }
            output += ">"
            var rowStyle: [String] = []
            if let rule = table.rowRules[rowIndex] { rowStyle.append("border-top:0.06em " + rule.rawValue) }
            if rowIndex == table.rows.count - 1, let rule = table.rowRules[table.rows.count] {
                rowStyle.append("border-bottom:0.06em " + rule.rawValue)
            }
            if labelled { output += "<mtd style=\"width:50%\"></mtd>" }
            for (column, cell) in row.enumerated() {
                output += "<mtd"
                let alignment = table.rowAlignments.map { $0[rowIndex] }
                    ?? (column < table.columns.count ? table.columns[column] : .center)
                if alignment != .center { output += " columnalign=\"" + alignment.rawValue + "\"" }
                var style = rowStyle
                if table.pairedColumns {
                    // The two columns of `a &= b` touch; MathML Core pads every cell.
                    style.append(column % 2 == 0 ? "padding-right:0" : "padding-left:0")
                }
                if column == 0, let rule = table.columnRules[-1] { style.append("border-left:0.06em " + rule.rawValue) }
                if let rule = table.columnRules[column] { style.append("border-right:0.06em " + rule.rawValue) }
                if !style.isEmpty { output += " style=\"" + style.joined(separator: ";") + "\"" }
                output += ">"
                writeChildren(cell, display: table.displayStyle)
                output += "</mtd>"
            }
            if let labels = table.rowLabels {
                output += "<mtd columnalign=\"right\" style=\"width:50%\">"
                if rowIndex < labels.count, let label = labels[rowIndex] { write(label, display: false) }
                output += "</mtd>"
            }
            output += "</mtr>"
        }
        output += "</mtable>"
        if table.small { output += "</mstyle>" }
    }

    private mutating func writeOperator(_ text: String, _ attributes: MathOperator) {
        output += "<mo"
        if let form = attributes.form { output += " form=\"" + form.rawValue + "\"" }
        if attributes.fence { output += " fence=\"true\"" }
        if let stretchy = attributes.stretchy { output += stretchy ? " stretchy=\"true\"" : " stretchy=\"false\"" }
        if attributes.symmetric { output += " symmetric=\"true\"" }
        if let movable = attributes.movableLimits { output += movable ? " movablelimits=\"true\"" : " movablelimits=\"false\"" }
        if let minSize = attributes.minSize { output += " minsize=\"" + minSize + "\"" }
        if let maxSize = attributes.maxSize { output += " maxsize=\"" + maxSize + "\"" }
        if let space = attributes.leftSpace { output += " lspace=\"" + space + "\"" }
        if let space = attributes.rightSpace { output += " rspace=\"" + space + "\"" }
        output += ">"
        appendEscaped(text)
        output += "</mo>"
    }

    /// One pair of `<mmultiscripts>` scripts; an absent script is an empty `<mrow>`.
    private mutating func writeScriptPair(_ pair: (sub: MathNode?, sup: MathNode?)) {
        if let sub = pair.sub { writeSingle(sub, display: false) } else { output += "<mrow></mrow>" }
        if let sup = pair.sup { writeSingle(sup, display: false) } else { output += "<mrow></mrow>" }
    }

    /// Children of a row; empty groups (`{}`, `\\text{}`) only matter to TeX's spacing.
    private mutating func writeRowChildren(_ children: [MathNode], display: Bool) {
        for child in children where child != .row([]) {
            write(child, display: display)
        }
    }

    /// One element, as the children of `<msub>`, `<mfrac>` and friends must be.
    private mutating func writeSingle(_ node: MathNode, display: Bool) {
        if case .row(let children) = node, children.count == 1 {
            write(children[0], display: display)
        } else {
            write(node, display: display)
        }
    }

    /// The contents of a node into an element that takes any number of children
    /// (`<msqrt>`, `<mtd>`, `<mstyle>`), without a redundant `<mrow>`.
    private mutating func writeChildren(_ node: MathNode, display: Bool) {
        if case .row(let children) = node {
            writeRowChildren(children, display: display)
        } else {
            write(node, display: display)
        }
    }

    /// Escapes text for both element content and double-quoted attributes. Characters that
    /// HTML and XML forbid (controls other than tab and line breaks, and noncharacters such as
    /// U+FFFF) become U+FFFD.
    private mutating func appendEscaped(_ text: String) {
        var clean = true
        // Lead bytes 0xEF and 0xF0… start every noncharacter (and much else, checked below).
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte < 0x20 || byte == 0x7F || byte == 0xC2
            || byte == 0xEF || byte >= 0xF0 {
            clean = false
            break
        }
        if clean {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0xFDD0...0xFDEF).contains(scalar.value)
                    || scalar.value & 0xFFFE == 0xFFFE {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
