import Foundation
import Testing
import FolioBibliography

/// pandoc on PATH, if any.
let pandocPath: String? = {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(directory)/pandoc"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}()

/// pandoc --citeproc (its default style, Chicago author-date) as the oracle, when it is on PATH.
/// It is never linked: the test runs the program, as `Tools/compare-citations.sh` does for
/// more files.
@Suite("Compared with pandoc", .enabled(if: pandocPath != nil))
struct PandocComparisonTests {
    /// Entries where we differ from pandoc 2.17 on purpose (see the module's documentation):
    /// `@conference` is `@inproceedings` for BibTeX, pandoc reads it as an article; math stays
    /// TeX for the renderer to typeset, pandoc's plain text shows it as Unicode.
    static let deliberate: Set<String> = ["lecun1989", "sjostrand"]

    /// Runs pandoc on Markdown with one citation per paragraph; returns its paragraphs.
    func pandocParagraphs(markdown: String, bib: URL) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-pandoc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.md")
        try markdown.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pandocPath!)
        process.arguments = ["--citeproc", "--bibliography", bib.path, "-t", "plain", "--wrap=none", input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    @Test("The generated fixture: every citation and every list entry as pandoc gives it, in its order")
    func generatedFixture() throws {
        let url = fixtures.appendingPathComponent("generated.bib")
        let (bibliography, _) = Bibliography.parse(bytes: try fixture("generated.bib"), file: "generated.bib")
        let keys = bibliography.entries.map(\.key).filter { bibliography[$0]?.type != "xdata" }
        let markdown = keys.map { "[@\($0)]" }.joined(separator: "\n\n") + "\n\n" + keys.map { "@\($0)" }.joined(separator: "\n\n")
        let theirs = try pandocParagraphs(markdown: markdown, bib: url)
        var citations = keys.map { Citation(items: [CitationItem(key: $0)], mode: .parenthetical) }
        citations += keys.map { Citation(items: [CitationItem(key: $0)], mode: .narrative) }
        let chapter = CitationFormatter(bibliography: bibliography).format(citations)
        let ours = chapter.citations.map { fold(plain($0.runs)) } + chapter.references.map { fold(plain($0.runs)) }
        #expect(theirs.count == ours.count)
        let listKeys = chapter.references.map(\.key)
        var compared = 0
        for (index, (their, our)) in zip(theirs, ours).enumerated() {
            let key = index < 2 * keys.count ? keys[index % keys.count] : listKeys[index - 2 * keys.count]
            guard !PandocComparisonTests.deliberate.contains(key) || index < 2 * keys.count else { continue }
            compared += 1
            #expect(fold(their) == our, "\(key)")
        }
        #expect(compared >= 78)
    }
}
