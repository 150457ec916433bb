import FolioModel

/// One `$…$`, `$$…$$` or `[^id]` found in the prose, before cmark sees it.
struct ProseSpan {
    enum Content {
        case math(Math)
        case footnoteReference(FootnoteReference)
    }

    let content: Content
    /// The span exactly as written, dollars included, for restoring it where it cannot stand.
    let source: String

    /// The display math it is, if it was written with `$$`: such a span alone in a paragraph is
    /// a display equation.
    var displayMath: Math? {
        if case .math(let math) = content, math.delimiter == "$$" { math } else { nil }
    }
}

/// A byte range of one line of the chapter that prose (not code) occupies.
struct ProseSegment {
    /// 1-based line.
    let line: Int
    /// 0-based byte offsets into the line.
    let start: Int
    let end: Int
}

/// Finds math and footnote references in the prose blocks of a chapter and replaces each span
/// with a placeholder that cmark passes through as plain text, so that TeX's `\\`, `_`, `*`
/// and braces never meet Markdown's escapes and emphasis, nor `[^1]` its links. Code spans and code blocks are skipped: math is never
/// recognised inside code (SPEC 3.3).
struct MathScanner {
    /// Placeholders are `U+E000 id U+E001` on the span's first line and `U+E002` on each later line.
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"
    static let filler: Unicode.Scalar = "\u{E002}"

    let file: String
    let source: SourceText

    /// The rewritten text, the spans by placeholder id, and a map from rewritten columns to the
    /// file's columns.
    struct Result {
        var text: String
        var spans: [ProseSpan]
        var columns: ColumnMap
    }

    func scan(blocks: [[ProseSegment]], diagnostics: inout [Diagnostic]) -> Result {
        var lines = source.lines
        var spans: [ProseSpan] = []
        var edits: [Int: [ColumnMap.Edit]] = [:]
        // Edits are applied per line from right to left so earlier offsets stay valid.
        var pending: [Int: [(start: Int, end: Int, replacement: [UInt8])]] = [:]

        for segments in blocks {
            for found in findSpans(in: segments, diagnostics: &diagnostics) {
                let id = spans.count
                spans.append(found.span)
                for (index, piece) in found.pieces.enumerated() {
                    let replacement: [UInt8]
                    if index == 0 {
                        replacement = Array("\(Self.open)\(id)\(Self.close)".utf8)
                    } else {
                        replacement = Array(String(Self.filler).utf8)
                    }
                    pending[piece.line, default: []].append((piece.start, piece.end, replacement))
                }
            }
        }
        for (line, replacements) in pending {
            var bytes = lines[line - 1]
            var lineEdits: [ColumnMap.Edit] = []
            var shift = 0
            for replacement in replacements.sorted(by: { $0.start < $1.start }) {
                lineEdits.append(ColumnMap.Edit(newStart: replacement.start + shift, newLength: replacement.replacement.count,
                                                oldStart: replacement.start, oldLength: replacement.end - replacement.start))
                shift += replacement.replacement.count - (replacement.end - replacement.start)
            }
            for replacement in replacements.sorted(by: { $0.start > $1.start }) {
                bytes.replaceSubrange(replacement.start..<replacement.end, with: replacement.replacement)
            }
            lines[line - 1] = bytes
            edits[line] = lineEdits
        }
        let text = String(decoding: Array(lines.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
        return Result(text: text, spans: spans, columns: ColumnMap(edits: edits))
    }

    /// A span and the byte ranges, line by line, that it covers.
    private struct Found {
        let span: ProseSpan
        let pieces: [ProseSegment]
    }

    /// Scans one block's prose, joined with newlines, left to right: whichever of a backtick run,
    /// an escape, an HTML tag or a dollar comes first decides what the following bytes are.
    private func findSpans(in segments: [ProseSegment], diagnostics: inout [Diagnostic]) -> [Found] {
        // The block's bytes, and for each the (line, offset) it came from; newlines map to the
        // end of the line they end.
        var bytes: [UInt8] = []
        var origin: [(line: Int, offset: Int)] = []
        for (index, segment) in segments.enumerated() {
            if index > 0 {
                let previous = segments[index - 1]
                bytes.append(UInt8(ascii: "\n"))
                origin.append((previous.line, previous.end))
            }
            let line = source.lines[segment.line - 1]
            for offset in segment.start..<segment.end {
                bytes.append(line[offset])
                origin.append((segment.line, offset))
            }
        }

        var found: [Found] = []
        var index = 0
        let dollar = UInt8(ascii: "$")
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                index += 2
            case UInt8(ascii: "`"):
                let run = runLength(of: byte, in: bytes, at: index)
                if let closing = closingBackticks(run, in: bytes, from: index + run) {
                    index = closing + run
                } else {
                    index += run
                }
            case UInt8(ascii: "<"):
                index = endOfTag(in: bytes, at: index) ?? index + 1
            case UInt8(ascii: "["):
                guard let end = footnoteReferenceEnd(in: bytes, at: index) else {
                    index += 1
                    continue
                }
                let place = origin[index]
                let id = String(decoding: bytes[(index + 2)..<(end - 1)], as: UTF8.self)
                let reference = FootnoteReference(id: id, location: location(line: place.line, byteOffset: place.offset))
                let last = origin[end - 1]
                found.append(Found(span: ProseSpan(content: .footnoteReference(reference), source: String(decoding: bytes[index..<end], as: UTF8.self)),
                                   pieces: [ProseSegment(line: place.line, start: place.offset, end: last.offset + 1)]))
                index = end
            case dollar:
                let isDouble = index + 1 < bytes.count && bytes[index + 1] == dollar
                let delimiter = isDouble ? 2 : 1
                let contentStart = index + delimiter
                guard let contentEnd = closingDollars(isDouble: isDouble, in: bytes, from: contentStart) else {
                    if isDouble {
                        let place = origin[index]
                        diagnostics.append(.warning("math.unclosed", "'$$' is never closed; it is shown as text",
                                                    at: location(line: place.line, byteOffset: place.offset)))
                    }
                    index += delimiter
                    continue
                }
                let end = contentEnd + delimiter
                found.append(makeSpan(bytes: bytes, origin: origin, range: index..<end, content: contentStart..<contentEnd, isDouble: isDouble))
                index = end
            default:
                index += 1
            }
        }
        return found
    }

    private func makeSpan(bytes: [UInt8], origin: [(line: Int, offset: Int)], range: Range<Int>, content: Range<Int>, isDouble: Bool) -> Found {
        let first = origin[content.lowerBound < bytes.count ? content.lowerBound : range.lowerBound]
        var pieces: [ProseSegment] = []
        var pieceStart = range.lowerBound
        for index in range where bytes[index] == UInt8(ascii: "\n") {
            pieces.append(ProseSegment(line: origin[pieceStart].line, start: origin[pieceStart].offset, end: origin[index].offset))
            pieceStart = index + 1
        }
        // The TeX, less the blank lines a `$$` block was joined across (TeX forbids them there):
        // each later line's column, and its line when lines were dropped.
        var tex: [UInt8] = []
        var continuationColumns: [Int] = []
        var continuationLines: [Int] = []
        var joinedBlankLines = false
        var lineStart = content.lowerBound
        func addLine(endingAt end: Int) {
            let line = bytes[lineStart..<end]
            if lineStart == content.lowerBound {
                tex += line
            } else if line.elementsEqual(LinePass.joinedBlankLine) {
                joinedBlankLines = true
            } else {
                let place = origin[lineStart]
                continuationColumns.append(source.scalarColumn(line: place.line, byteColumn: place.offset + 1))
                continuationLines.append(source.fileLine(place.line))
                tex.append(UInt8(ascii: "\n"))
                tex += line
            }
        }
        for index in content where bytes[index] == UInt8(ascii: "\n") {
            addLine(endingAt: index)
            lineStart = index + 1
        }
        addLine(endingAt: content.upperBound)
        let last = origin[range.upperBound - 1]
        pieces.append(ProseSegment(line: origin[pieceStart].line, start: origin[pieceStart].offset, end: last.offset + 1))
        let math = Math(tex: String(decoding: tex, as: UTF8.self), location: location(line: first.line, byteOffset: first.offset),
                        continuationColumns: continuationColumns, continuationLines: joinedBlankLines ? continuationLines : [],
                        delimiter: isDouble ? "$$" : "$")
        let span = ProseSpan(content: .math(math), source: String(decoding: bytes[range], as: UTF8.self))
        return Found(span: span, pieces: pieces)
    }

    private func location(line: Int, byteOffset: Int) -> SourceLocation {
        SourceLocation(file: file, line: source.fileLine(line), column: source.scalarColumn(line: line, byteColumn: byteOffset + 1))
    }

    /// The end of a footnote reference `[^id]` starting at `start`: an id of anything but spaces
    /// and brackets, on one line.
    private func footnoteReferenceEnd(in bytes: [UInt8], at start: Int) -> Int? {
        guard start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "^") else { return nil }
        var index = start + 2
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "]"): return index > start + 2 ? index + 1 : nil
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "["), UInt8(ascii: "^"): return nil
            default: index += 1
            }
        }
        return nil
    }

    private func runLength(of byte: UInt8, in bytes: [UInt8], at start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] == byte { end += 1 }
        return end - start
    }

    /// The start of the next run of exactly `length` backticks (CommonMark's code span rule).
    private func closingBackticks(_ length: Int, in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "`") {
                let run = runLength(of: bytes[index], in: bytes, at: index)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The end of an HTML tag or autolink starting at `start`, so that `$` in attributes and URLs
    /// is left alone.
    private func endOfTag(in bytes: [UInt8], at start: Int) -> Int? {
        guard start + 1 < bytes.count else { return nil }
        let next = bytes[start + 1]
        let isLetter = (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z")
        guard isLetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else { return nil }
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ">"): return index + 1
            case UInt8(ascii: "<"), UInt8(ascii: "\n"): return nil
            default: index += 1
            }
        }
        return nil
    }

    /// Where the content of a math span opened just before `start` ends, or `nil` if it is not math.
    /// `$x$` needs a non-space after the opening dollar and before the closing one, and a closing
    /// dollar not followed by a digit, so prices like "$5 and $6" stay text (pandoc's rule).
    private func closingDollars(isDouble: Bool, in bytes: [UInt8], from start: Int) -> Int? {
        let dollar = UInt8(ascii: "$")
        if !isDouble {
            guard start < bytes.count, !isSpace(bytes[start]), bytes[start] != dollar else { return nil }
        }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == dollar {
                if isDouble {
                    if index + 1 < bytes.count, bytes[index + 1] == dollar {
                        return index > start ? index : nil
                    }
                } else {
                    let followedByDigit = index + 1 < bytes.count && bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9")
                    if !isSpace(bytes[index - 1]) && !followedByDigit { return index }
                }
            }
            index += 1
        }
        return nil
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
    }
}

/// Maps byte columns of the rewritten text back to byte columns of the author's file.
struct ColumnMap {
    /// One replacement on a line, in 0-based byte offsets.
    struct Edit {
        let newStart: Int
        let newLength: Int
        let oldStart: Int
        let oldLength: Int
    }

    let edits: [Int: [Edit]]

    /// The file's 1-based byte column for a 1-based byte column of the rewritten `line`.
    func original(line: Int, column: Int) -> Int {
        guard let lineEdits = edits[line] else { return column }
        let offset = column - 1
        var delta = 0
        for edit in lineEdits {
            if offset >= edit.newStart + edit.newLength {
                delta = (edit.oldStart + edit.oldLength) - (edit.newStart + edit.newLength)
            } else if offset >= edit.newStart {
                return edit.oldStart + 1
            } else {
                break
            }
        }
        return offset + delta + 1
    }
}
