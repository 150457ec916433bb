import FolioBibliography
import FolioModel

/// Turns cmark's inlines into model inlines: puts math back where its placeholders stand, finds
/// `@eq-…` references in text, and maps positions back to the author's file.
struct InlineBuilder {
    let file: String
    let source: SourceText
    let spans: [ProseSpan]
    let columns: ColumnMap

    /// The author's location of a 1-based byte position in the rewritten text.
    func location(line: Int, column: Int) -> SourceLocation {
        let byteColumn = columns.original(line: line, column: column)
        return SourceLocation(file: file, line: source.fileLine(line), column: source.scalarColumn(line: line, byteColumn: byteColumn))
    }

    /// Whether `line` of the file closes a fence of `length` or more `character`s.
    func isClosingFence(line: Int, character: UInt8, length: Int) -> Bool {
        let bytes = afterContainers(line)
        let run = bytes.prefix { $0 == character }.count
        return run >= length && bytes.dropFirst(run).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The character and length of the fence that opens on `line`, or `nil` if none does.
    func openingFence(line: Int) -> (character: UInt8, length: Int)? {
        let bytes = afterContainers(line)
        guard let first = bytes.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let run = bytes.prefix { $0 == first }.count
        return run >= 3 ? (first, run) : nil
    }

    /// A line's bytes after quote markers and indentation.
    private func afterContainers(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= source.lines.count else { return [] }
        var bytes = source.lines[line - 1][...]
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: ">") || first == UInt8(ascii: "\t") {
            bytes = bytes.dropFirst()
        }
        return bytes
    }

    /// Puts the original `$…$` back in text where math cannot stand (raw HTML, URLs, code).
    func restore(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isPlaceholderScalar) else { return text }
        var result = ""
        forEachPiece(of: text) { piece in
            switch piece {
            case .text(let text, _): result += text
            case .span(let span): result += span.source
            }
        }
        return result
    }

    private func isPlaceholderScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == MathScanner.open || scalar == MathScanner.filler
    }

    private enum Piece {
        /// Text and its byte offset within the literal it came from.
        case text(String, offset: Int)
        case span(ProseSpan)
    }

    /// Splits `text` at placeholders, dropping fillers.
    private func forEachPiece(of text: String, _ body: (Piece) -> Void) {
        var current = String.UnicodeScalarView()
        var currentOffset = 0
        var offset = 0
        var scalars = text.unicodeScalars[...]
        func flush() {
            if !current.isEmpty { body(.text(String(current), offset: currentOffset)) }
            current = String.UnicodeScalarView()
        }
        while let scalar = scalars.popFirst() {
            let width = UTF8.width(scalar)
            if scalar == MathScanner.open, let close = scalars.firstIndex(of: MathScanner.close),
               let id = Int(String(scalars[..<close])), spans.indices.contains(id) {
                flush()
                body(.span(spans[id]))
                offset += width + scalars[...close].reduce(0) { $0 + UTF8.width($1) }
                scalars = scalars[scalars.index(after: close)...]
                currentOffset = offset
                continue
            }
            if scalar == MathScanner.filler {
                flush()
                offset += width
                currentOffset = offset
                continue
            }
            if current.isEmpty { currentOffset = offset }
            current.append(scalar)
            offset += width
        }
        flush()
    }

    /// Model inlines for cmark's inlines, with strikethrough paired and, outside links, web and
    /// e-mail addresses linked.
    func inlines(_ raw: [RawInline], insideLink: Bool = false) -> [Inline] {
        var result: [Inline] = []
        for inline in raw {
            switch inline {
            case .text(let literal, let line, let column):
                // A text that starts with a filler continues a formula from the line before, so the
                // line break before it lies inside the formula.
                if literal.unicodeScalars.first == MathScanner.filler, result.last == .softBreak {
                    result.removeLast()
                }
                forEachPiece(of: literal) { piece in
                    switch piece {
                    case .span(let span):
                        switch span.content {
                        case .math(let math): result.append(.math(math))
                        case .footnoteReference(let reference): result.append(.footnoteReference(reference))
                        }
                    case .text(let text, let offset): appendText(text, line: line, column: column + offset, to: &result)
                    }
                }
            case .softBreak: result.append(.softBreak)
            case .lineBreak: result.append(.lineBreak)
            case .code(let code, let line, let column):
                let code = restore(code)
                if let expression = CellParser.expression(inCodeSpan: code) {
                    result.append(.expression(inlineExpression(expression, line: line, column: column)))
                } else {
                    result.append(.code(code))
                }
            case .html(let html): result.append(.html(restore(html)))
            case .emphasis(let content): result.append(.emphasis(inlines(content, insideLink: insideLink)))
            case .strong(let content): result.append(.strong(inlines(content, insideLink: insideLink)))
            case .link(let destination, let title, let content):
                result.append(.link(destination: restore(destination), title: restore(title), content: inlines(content, insideLink: true)))
            case .image(let source, let title, let alt):
                result.append(.image(source: restore(source), title: restore(title), alt: inlines(alt, insideLink: true)))
            }
        }
        // Links first: an address ends before `~~`, and the strikethrough around it pairs after.
        if !insideLink { result = InlineExtensions.autolinks(result) }
        return InlineExtensions.strikethrough(result)
    }

    /// The expression of a `{swift}` code span whose backticks start at `column` of the rewritten
    /// `line`, placed where its first character stands in the author's file.
    private func inlineExpression(_ code: String, line: Int, column: Int) -> InlineExpression {
        var byteColumn = columns.original(line: line, column: column)
        if line >= 1, line <= source.lines.count {
            let bytes = source.lines[line - 1]
            let marker = Array("{swift}".utf8)
            var index = max(0, byteColumn - 1)
            while index + marker.count <= bytes.count, !bytes[index...].starts(with: marker) { index += 1 }
            if index + marker.count <= bytes.count {
                index += marker.count
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                byteColumn = index + 1
            }
        }
        let location = SourceLocation(file: file, line: source.fileLine(line), column: source.scalarColumn(line: line, byteColumn: byteColumn))
        return InlineExpression(code: code, location: location, byteColumn: source.fileByteColumn(line: line, byteColumn: byteColumn))
    }

    /// Appends `text`, splitting out `@eq-…`, `\eqref{…}` and `\ref{…}` references; `column` is
    /// the text's byte column in the rewritten line.
    private func appendText(_ text: String, line: Int, column: Int, to result: inout [Inline]) {
        // Citations first (pandoc's rules: `@eq-…` and the other cross-references, and an `@`
        // inside an e-mail address, are not citations); the text around them goes on below.
        if text.utf8.contains(UInt8(ascii: "@")) {
            let segments = CitationScanner.scan(text)
            if segments.contains(where: { if case .citation = $0 { true } else { false } }) {
                let scalars = Array(text.unicodeScalars)
                var byteOffsets = [0]
                byteOffsets.reserveCapacity(scalars.count + 1)
                for scalar in scalars { byteOffsets.append(byteOffsets[byteOffsets.count - 1] + UTF8.width(scalar)) }
                for segment in segments {
                    switch segment {
                    case .text(let range):
                        appendReferences(String(String.UnicodeScalarView(scalars[range])), line: line, column: column + byteOffsets[range.lowerBound],
                                         to: &result)
                    case .citation(_, let range):
                        let source = String(String.UnicodeScalarView(scalars[range]))
                        result.append(.citation(CitationMark(source: source, location: location(line: line, column: column + byteOffsets[range.lowerBound]))))
                    }
                }
                return
            }
        }
        appendReferences(text, line: line, column: column, to: &result)
    }

    /// Appends `text`, splitting out cross-references.
    private func appendReferences(_ text: String, line: Int, column: Int, to result: inout [Inline]) {
        let bytes = Array(text.utf8)
        var pending = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), let found = Self.latexReference(in: bytes, at: index) {
                if pending < index { appendPlain(bytes[pending..<index], to: &result) }
                let label = String(decoding: bytes[found.label], as: UTF8.self)
                result.append(.reference(Reference(label: label, location: location(line: line, column: column + index),
                                                   parenthesized: found.parenthesized)))
                index = found.end
                pending = index
            } else if bytes[index] == UInt8(ascii: "@"), let labelEnd = Self.referenceEnd(in: bytes, at: index) {
                if pending < index { appendPlain(bytes[pending..<index], to: &result) }
                let label = String(decoding: bytes[(index + 1)..<labelEnd], as: UTF8.self)
                result.append(.reference(Reference(label: label, location: location(line: line, column: column + index))))
                index = labelEnd
                pending = index
            } else {
                index += 1
            }
        }
        if pending < bytes.count { appendPlain(bytes[pending...], to: &result) }
    }

    private func appendPlain(_ bytes: ArraySlice<UInt8>, to result: inout [Inline]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if case .text(var previous) = result.last {
            // Taken out first, so the string is not shared and grows in place: joining texts
            // one by one stays linear (100,000 flattened emphases leave that many side by side).
            result.removeLast()
            previous += text
            result.append(.text(previous))
        } else {
            result.append(.text(text))
        }
    }

    /// The end of a reference label such as `eq-softmax` after the `@` at `at`, or `nil` if no
    /// reference starts there. An `@` after a letter or digit is part of an address, not a reference.
    static func referenceEnd(in bytes: [UInt8], at start: Int) -> Int? {
        if start > 0, isLabelByte(bytes[start - 1]) { return nil }
        let prefixes = ["eq-", "fig-", "tbl-", "sec-"].map { Array($0.utf8) }
        guard let prefix = prefixes.first(where: { bytes[(start + 1)...].starts(with: $0) }) else { return nil }
        var end = start + 1 + prefix.count
        while end < bytes.count, isLabelByte(bytes[end]) || bytes[end] == UInt8(ascii: "-") { end += 1 }
        // A label ends in a letter or digit: `@eq-a-` is `@eq-a` and a hyphen.
        while end > start + 1 + prefix.count, bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        return end > start + 1 + prefix.count ? end : nil
    }

    /// LaTeX's `\eqref{label}` (read `(78)`) or `\ref{label}` (read `78`) starting at `start`:
    /// the label's bytes and where the reference ends.
    static func latexReference(in bytes: [UInt8], at start: Int) -> (label: Range<Int>, end: Int, parenthesized: Bool)? {
        let rest = bytes[(start + 1)...]
        let name: (text: String, parenthesized: Bool)
        if rest.starts(with: "eqref{".utf8) {
            name = ("eqref{", true)
        } else if rest.starts(with: "ref{".utf8) {
            name = ("ref{", false)
        } else {
            return nil
        }
        let labelStart = start + 1 + name.text.utf8.count
        guard let close = bytes[labelStart...].firstIndex(of: UInt8(ascii: "}")), close > labelStart,
              !bytes[labelStart..<close].contains(UInt8(ascii: "\n")) else { return nil }
        return (labelStart..<close, close + 1, name.parenthesized)
    }

    static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// The display equation a paragraph stands for: one `$$…$$` alone, optionally followed by
    /// `{#eq-NAME}`.
    func displayEquation(_ raw: [RawInline]) -> Equation? {
        var text = ""
        for inline in raw {
            switch inline {
            case .text(let literal, _, _): text += literal
            case .softBreak: text += "\n"
            default: return nil
            }
        }
        var scalars = text.unicodeScalars[...]
        func skipBlank() {
            while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == MathScanner.filler {
                scalars.removeFirst()
            }
        }
        skipBlank()
        guard scalars.popFirst() == MathScanner.open, let close = scalars.firstIndex(of: MathScanner.close),
              let id = Int(String(scalars[..<close])), spans.indices.contains(id), let math = spans[id].displayMath else { return nil }
        scalars = scalars[scalars.index(after: close)...]
        skipBlank()
        var label: String?
        if !scalars.isEmpty {
            let rest = String(scalars)
            let trimmed = rest.trimmingCharacters(in: [" ", "\t", "\n", Character(MathScanner.filler)])
            guard trimmed.hasPrefix("{#eq-"), trimmed.hasSuffix("}") else { return nil }
            let name = String(trimmed.dropFirst(2).dropLast())
            guard name.utf8.allSatisfy({ Self.isLabelByte($0) || $0 == UInt8(ascii: "-") }) else { return nil }
            label = name
        }
        return Equation(math: math, label: label)
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
