import FolioModel
import FolioDoctest
import FolioChecks
import FolioParser
import FuzzSupport

/// `folio check --update` on any chapter with any output. The input is a chapter file, then NUL
/// and the new output of each ```` ```output ```` block after a cell (NUL between them; blocks
/// without one get the last). The rewrite must (1) read back as exactly that output, (2) change
/// no line outside the blocks' content (but a fence's length), and (3) change nothing when
/// applied again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOutputBlockRewrite(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let parts = input.split(separator: 0, omittingEmptySubsequences: false)
    let chapter = Array(parts[0])
    let outputs = parts.dropFirst().map { String(decoding: $0, as: UTF8.self) }
    let blocks = OutputBlocks(chapter)
    // `check` rewrites no chapter with errors (an unclosed front matter, an unclosed fence).
    guard !blocks.found.isEmpty, !blocks.hasErrors else { return 0 }
    let rewrites = blocks.found.enumerated().map { index, block in
        OutputBlockRewrite(block: block, output: outputs.isEmpty ? "" : outputs[min(index, outputs.count - 1)])
    }
    let rewritten = OutputBlockRewrite.rewritten(chapter, applying: rewrites)

    let after = OutputBlocks(rewritten)
    guard after.found.count == blocks.found.count else {
        let places = { (found: [CodeBlock]) in found.map { "\($0.location.line)-\($0.closingLine ?? 0)" }.joined(separator: " ") }
        fuzzFailure("\(blocks.found.count) output blocks before the rewrite (\(places(blocks.found))), "
                    + "\(after.found.count) after (\(places(after.found))):\n"
                    + String(decoding: rewritten, as: UTF8.self), input: input)
    }
    for (rewrite, block) in zip(rewrites, after.found) {
        let want = OutputBlockRewrite.comparedLines(rewrite.output)
        let got = OutputBlockRewrite.comparedLines(block.code)
        guard want == got else {
            fuzzFailure("the block at line \(block.location.line) reads back as \(got), not \(want):\n"
                        + String(decoding: rewritten, as: UTF8.self), input: input)
        }
    }
    guard blocks.outside == after.outside else {
        fuzzFailure("lines outside the output blocks changed:\n\(blocks.outside)\n---\n\(after.outside)", input: input)
    }
    let again = OutputBlockRewrite.rewritten(rewritten, applying: zip(rewrites, after.found).map {
        OutputBlockRewrite(block: $1, output: $0.output)
    })
    guard again == rewritten else {
        fuzzFailure("a second rewrite changed the file again:\n" + String(decoding: again, as: UTF8.self), input: input)
    }
    return 0
}
