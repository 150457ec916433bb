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
    static let expectedFailures: [String: String] = [:]

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
    }
}
