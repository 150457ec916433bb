import FolioModel
import FolioParser

/// The output blocks `check --update` would rewrite in a chapter (closed, right after a cell),
/// and the chapter's lines outside their content, line endings kept, fence characters dropped (a
/// fence may grow longer when the output holds a fence of its own): what a rewrite must leave
/// alone. Shared by the property tests and the fuzz targets.
public struct OutputBlocks {
    public var found: [CodeBlock] = []
    public var outside: [[UInt8]] = []
    public var hasErrors = false

    public init(_ bytes: [UInt8]) {
        let parsed = ChapterParser().parse(bytes, path: "chapters/generated.md")
        hasErrors = parsed.diagnostics.containsError
        guard let chapter = parsed.chapter else { return }
        chapter.blocks.forEachLeaf { block in
            if case .cell(let cell) = block, let output = cell.expectedOutput, output.closingLine != nil {
                found.append(output)
            }
        }
        var content = Set<Int>()
        var fences = Set<Int>()
        for block in found {
            guard let closing = block.closingLine else { continue }
            fences.formUnion([block.location.line, closing])
            if block.location.line + 1 < closing { content.formUnion((block.location.line + 1)..<closing) }
        }
        // Lines as the parser numbers them: LF, CRLF and a lone CR each end one.
        var lines: [[UInt8]] = [[]]
        for (index, byte) in bytes.enumerated() {
            lines[lines.count - 1].append(byte)
            let loneCR = byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))
            if byte == UInt8(ascii: "\n") || loneCR { lines.append([]) }
        }
        for (index, var line) in lines.enumerated() where !content.contains(index + 1) {
            if fences.contains(index + 1) { line.removeAll { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") } }
            outside.append(line)
        }
    }
}
