import FolioChecks
import FolioModel
import FolioParser
import Testing

/// Whatever an author writes, `file:line:column` in a diagnostic lands on the file: an editor
/// that jumps there finds a line that exists and a column on it.
@Suite("Property: diagnostics point inside the file")
struct DiagnosticLocationProperties {
    @Test("Every diagnostic of 600 generated chapters, some damaged byte by byte, is inside its file")
    func diagnosticsAreInsideTheFile() {
        var generator = ChapterGenerator(seed: 0x0008_D1A6)
        for _ in 0..<600 {
            var bytes = generator.chapter()
            if !bytes.isEmpty, generator.random.chance(0.3) {
                // A stray byte anywhere: a control character, a lone CR, a tab, or one that is not UTF-8.
                let index = generator.random.count(0...(bytes.count - 1))
                bytes[index] = generator.random.pick([0x00, 0x01, 0x09, 0x0D, 0x1B, 0x7F, 0xC0, 0xFF, 0x80] as [UInt8])
            }
            let parsed = ChapterParser().parse(bytes, path: "chapters/generated.md")
            let lines = SourceLines(bytes)
            for diagnostic in parsed.diagnostics where !lines.contains(diagnostic.location) {
                Issue.record("\(diagnostic.summary) is outside the file (\(lines.lengths.count) lines): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
    }
}
