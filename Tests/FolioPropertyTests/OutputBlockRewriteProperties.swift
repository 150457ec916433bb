@testable import Folio
import FolioModel
import FolioParser
import Testing

/// `folio check --update` keeps authors' files safe: after it, `check` passes; it touches no
/// byte outside the output blocks it rewrites (a fence may only grow longer); and running it
/// again changes nothing.
@Suite("Property: check --update rewrites only output blocks, once")
struct OutputBlockRewriteProperties {
    @Test("1,000 generated chapters with generated output: read back, untouched outside, idempotent")
    func rewriteIsSafe() {
        var generator = ChapterGenerator(seed: 0x0008_0B1C)
        var rewritten = 0
        for _ in 0..<1_000 {
            let file = generator.chapter()
            let before = OutputBlocks(file)
            guard !before.found.isEmpty, !before.hasErrors else { continue }
            let rewrites = before.found.map { OutputBlockRewrite(block: $0, output: Self.output(&generator.random)) }
            let once = OutputBlockRewrite.rewritten(file, applying: rewrites)
            rewritten += 1
            let text = String(decoding: file, as: UTF8.self).debugDescription

            let after = OutputBlocks(once)
            guard after.found.count == before.found.count else {
                Issue.record("\(before.found.count) output blocks before, \(after.found.count) after: \(text)")
                continue
            }
            for (rewrite, block) in zip(rewrites, after.found) {
                #expect(OutputBlockRewrite.comparedLines(block.code) == OutputBlockRewrite.comparedLines(rewrite.output),
                        "the block at line \(block.location.line) does not read back as its output: \(text)")
            }
            #expect(after.outside == before.outside, "bytes outside the output blocks changed: \(text)")
            let twice = OutputBlockRewrite.rewritten(once, applying: zip(rewrites, after.found).map {
                OutputBlockRewrite(block: $1, output: $0.output)
            })
            #expect(twice == once, "a second rewrite changed the file: \(text)")
        }
        #expect(rewritten >= 100, "too few generated chapters had output blocks to rewrite: \(rewritten)")
    }

    /// What a cell might print: plain lines, fences, Markdown, line endings of every kind.
    static func output(_ random: inout SeededGenerator) -> String {
        let lines = ["", "1", "  indented", "trailing   ", "```", "````", "~~~", "   ```", "    ```", "``` x", "a\tb", "价格",
                     "<b>&amp;", "$x$", "---", "# heading", "> quote", "- item", "x\ry", "x\r\ny", "\u{200B}", "\t"]
        let ending = random.pick(["\n", "\n", "\r\n"])
        var text = (0..<random.count(0...5)).map { _ in random.pick(lines) }.joined(separator: ending)
        if random.chance(0.7) { text += ending }
        return text
    }
}

/// The output blocks `check` would rewrite in a chapter (closed, right after a cell), and the
/// chapter's lines outside their content, line endings kept, fence characters dropped.
struct OutputBlocks {
    var found: [CodeBlock] = []
    var outside: [[UInt8]] = []
    var hasErrors = false

    init(_ bytes: [UInt8]) {
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
