import Foundation
import Testing
import FolioMath

/// Expressions from the public test suites of other TeX→MathML converters (KaTeX's screenshot
/// tests, Temml's Mozilla, environment and Wikipedia pages, pandoc's texmath), kept in
/// `Resources/converter-suites.tsv` with the file each came from. They are TeX that nobody here
/// chose, so the share that converts cleanly measures coverage honestly.
@Suite("Converter test suites")
struct ConverterSuiteTests {
    /// Rows that are expected to keep an error, each with the reason; everything else converts.
    static let expectedFailures: [String: String] = {
        let khanColours = "KaTeX's own colour macros (\\blue, \\red), in neither support table nor LaTeX; a book can define them in macros:"
        return [
            "s0017": khanColours, "s0047": khanColours, "s0073": khanColours, "s0075": khanColours,
            "s0091": khanColours, "s0093": khanColours,
            "s0067": "\\\\ inside braces outside an environment, which LaTeX rejects too",
            "s0163": "plain TeX's \\bordermatrix, in neither support table",
            "s0164": "plain TeX's \\matrix{…}, which Temml's table lists as not supported",
            "s0181": "\\ref to a label of another formula: resolving it is the book's job, and no book is given here",
            "s0182": "\\eqref to a label of another formula: resolving it is the book's job, and no book is given here",
        ]
    }()

    @Test("The share that converts without error (prints it and each failure)")
    func share() throws {
        let rows = try TestData.rows(named: "Resources/converter-suites.tsv")
        #expect(rows.count >= 250)
        let converter = MathConverter()
        var failures: [(TestData.Row, MathError)] = []
        for row in rows {
            let rendering = converter.convert(row.tex, display: true)
            #expect(wellFormednessProblem(rendering.mathML) == nil, "\(row.id): \(row.tex)")
            if let error = rendering.errors.first { failures.append((row, error)) }
        }
        let clean = rows.count - failures.count
        let percent = Double(clean * 1000 / rows.count) / 10
        print("Converter suites: \(clean) of \(rows.count) convert without error (\(percent) %)")
        for (row, error) in failures {
            print("  \(row.id) \(row.source): \(error.id)@\(error.offset) \(error.message)")
        }
        for (row, error) in failures {
            #expect(Self.expectedFailures[row.id] != nil, "\(row.id): \(error.message)")
        }
        #expect(Double(clean) / Double(rows.count) >= 0.95)
    }
}
