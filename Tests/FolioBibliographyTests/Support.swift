import Foundation
import FolioBibliography

/// Parses `.bib` text that a test writes inline, failing on nothing: tests look at the diagnostics.
func parse(_ text: String, file: String = "refs.bib") -> (Bibliography, [BibDiagnostic]) {
    Bibliography.parse(text, file: file)
}

/// The one entry of a `.bib` text.
func entry(_ text: String) -> BibEntry? {
    parse(text).0.entries.first
}

/// Diagnostics as `id@line:column`, the form the tests compare.
func located(_ diagnostics: [BibDiagnostic]) -> [String] {
    diagnostics.map { "\($0.id)@\($0.line):\($0.column)" }
}

/// The plain text of a formatted citation or entry.
func plain(_ runs: [TextRun]) -> String {
    TextRun.plainText(runs)
}

/// The folder of committed fixtures, beside this file.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Reads a fixture's bytes.
func fixture(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
}

/// Formats citations written in pandoc's syntax against a bibliography, as one chapter.
func cite(_ markdown: String, in bibliography: Bibliography, style: CitationStyle = .authorDate) -> [String] {
    let citations = CitationScanner.citations(in: markdown)
    return CitationFormatter(style: style, bibliography: bibliography).format(citations).citations.map { plain($0.runs) }
}

/// Seconds that `body` takes, the best of `rounds`.
func seconds(rounds: Int = 3, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}
