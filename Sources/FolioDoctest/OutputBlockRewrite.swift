import FolioModel

/// Rewrites one `output` block's content, every other byte of the file untouched: its line
/// endings (CRLF stays CRLF), byte order mark, indentation and trailing spaces elsewhere.
///
/// This module depends on nothing but the document model, so the fuzz target under `Fuzz/`
/// links it on its own; reading and writing the chapter is Folio's (`OutputBlockRewrite+File.swift`).
public struct OutputBlockRewrite: Sendable {
    public let block: CodeBlock
    public let output: String

    public init(block: CodeBlock, output: String) {
        self.block = block
        self.output = output
    }

    /// The chapter's `bytes` with each block's content replaced by its output, later blocks
    /// first so earlier byte offsets stay valid.
    public static func rewritten(_ bytes: [UInt8], applying rewrites: [OutputBlockRewrite]) -> [UInt8] {
        var bytes = bytes
        for rewrite in rewrites.sorted(by: { $0.block.location.line > $1.block.location.line }) {
            guard let closing = rewrite.block.closingLine else { continue }
            let starts = lineStarts(bytes)
            let fenceLine = rewrite.block.location.line
            guard fenceLine < closing, closing <= starts.count else { continue }
            let contentStart = starts[fenceLine]           // the line after the fence
            let contentEnd = starts[closing - 1]           // the start of the closing fence's line
            let fence = bytes[starts[fenceLine - 1]..<contentStart]
            // The fence's own line ending: LF, CRLF or a lone CR.
            let ending = Array(fence.suffix(fence.last == UInt8(ascii: "\n") && fence.dropLast().last == UInt8(ascii: "\r") ? 2 : 1))
            let indent = Array(fence.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") })
            let lines = comparedLines(rewrite.output)
            var replacement: [UInt8] = []
            for line in lines {
                replacement += indent + Array(line.utf8) + ending
            }
            // An output line that would close the block (```` ``` ```` printed by the cell) needs
            // longer fences, or the rest of the output would spill into the chapter's prose.
            let closingEnd = closing < starts.count ? starts[closing] : bytes.count
            guard let opening = fenceRun(in: bytes[starts[fenceLine - 1]..<contentStart]),
                  let closingRun = fenceRun(in: bytes[contentEnd..<closingEnd]),
                  let longest = lines.compactMap({ closingFenceLength($0, character: opening.character) }).max(),
                  longest >= opening.range.count else {
                bytes.replaceSubrange(contentStart..<contentEnd, with: replacement)
                continue
            }
            let longerFence = [UInt8](repeating: opening.character, count: longest + 1)
            bytes.replaceSubrange(closingRun.range, with: longerFence)
            bytes.replaceSubrange(contentStart..<contentEnd, with: replacement)
            bytes.replaceSubrange(opening.range, with: longerFence)
        }
        return bytes
    }

    /// The run of backticks or tildes that makes a fence line, after its indentation and
    /// container markers.
    private static func fenceRun(in line: ArraySlice<UInt8>) -> (character: UInt8, range: Range<Int>)? {
        guard let start = line.firstIndex(where: { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") }) else { return nil }
        let character = line[start]
        let end = line[start...].firstIndex { $0 != character } ?? line.endIndex
        return (character, start..<end)
    }

    /// The length of the fence `line` would close a block with, were it inside one fenced with
    /// `character`: up to three spaces, the run, nothing but white space after it.
    private static func closingFenceLength(_ line: String, character: UInt8) -> Int? {
        let bytes = Array(line.utf8)
        let spaces = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        guard spaces <= 3 else { return nil }
        let run = bytes[spaces...].prefix { $0 == character }.count
        guard run >= 3, bytes[(spaces + run)...].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return nil }
        return run
    }

    /// Output as `check` compares it, line by line: without trailing white space and trailing
    /// empty lines. LF, CRLF and a lone CR each end a line, as they do in the chapter, whose
    /// parser reads them all as LF.
    public static func comparedLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\n" && previousCR { continue }
            if scalar == "\n" || scalar == "\r" {
                lines.append(withoutTrailingSpace(line))
                line = String.UnicodeScalarView()
            } else {
                line.append(scalar)
            }
        }
        lines.append(withoutTrailingSpace(line))
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func withoutTrailingSpace(_ line: String.UnicodeScalarView) -> String {
        var line = Substring.UnicodeScalarView(line)
        while let last = line.last, last == " " || last == "\t" { line.removeLast() }
        return String(line)
    }

    /// The byte offset where each line starts, lines ended as the parser ends them: by LF, by
    /// CRLF, or by a lone CR.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() {
            let isLoneCR = byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))
            if byte == UInt8(ascii: "\n") || isLoneCR { starts.append(index + 1) }
        }
        return starts
    }
}
