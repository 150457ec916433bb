import FolioDoctest
import FolioChecks
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
