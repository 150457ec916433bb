import FolioMath
import Testing

/// Found by the property test `FolioPropertyTests/MathMLProperties`: a noncharacter such as
/// U+FFFF in a formula was copied into the MathML, which no XML parser then accepts (and HTML
/// calls a parse error).
@Suite("Noncharacters")
struct NoncharacterTests {
    @Test("Noncharacters in text, tags and the annotation become U+FFFD", arguments: [0xFFFF, 0xFFFE, 0xFDD0, 0x1FFFE, 0x10FFFF] as [UInt32])
    func noncharacters(_ value: UInt32) {
        let noncharacter = String(Unicode.Scalar(value)!)
        for tex in [noncharacter, "\\text{a\(noncharacter)}", "\\frac\\tag{\(noncharacter)1.5"] {
            let mathML = MathConverter().convert(tex, display: true).mathML
            #expect(!mathML.unicodeScalars.contains { $0.value & 0xFFFE == 0xFFFE || (0xFDD0...0xFDEF).contains($0.value) })
            #expect(mathML.contains("\u{FFFD}"))
            #expect(wellFormednessProblem(mathML) == nil)
        }
    }
}
