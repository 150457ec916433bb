import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import FolioModel

/// A pseudo-random generator with a fixed seed (SplitMix64), so that every run of the suite, on
/// every machine, draws the same inputs and a failure reproduces by running the test again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// One of `choices`, each as likely.
    mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices.randomElement(using: &self)!
    }

    /// Whether an event of the given probability happened.
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    mutating func count(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }
}

/// Why `markup` is not one well-formed XML element, or `nil` when it is: a real XML parser decides.
func xmlProblem(_ markup: String) -> String? {
    let parser = XMLParser(data: Data(markup.utf8))
    guard parser.parse() else {
        return "line \(parser.lineNumber), column \(parser.columnNumber): \(String(describing: parser.parserError))"
    }
    return nil
}

/// A file's lines as an editor counts them (LF, CRLF and a lone CR each end one; a leading byte
/// order mark is no character), to check that a reported location is inside the file.
struct FileLines {
    /// Each line's length in Unicode scalars.
    let lengths: [Int]

    init(_ bytes: [UInt8]) {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        var lengths: [Int] = []
        var current = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\n" && previousCR { continue }
            if scalar == "\n" || scalar == "\r" {
                lengths.append(current)
                current = 0
            } else {
                current += 1
            }
        }
        lengths.append(current)
        self.lengths = lengths
    }

    /// Whether `location` names a line of the file and a column on it, or just past its end.
    func contains(_ location: SourceLocation) -> Bool {
        guard location.line >= 1, location.line <= lengths.count else { return false }
        return location.column >= 1 && location.column <= lengths[location.line - 1] + 1
    }
}
