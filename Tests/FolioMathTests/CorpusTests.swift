import Foundation
import Testing
import FolioMath

/// The 1,956 expressions of `shared/corpus/math-textbooks.tsv`, the math real authors write.
@Suite("Textbook corpus")
struct CorpusTests {
    /// The one row that is genuinely bad TeX: `z_^L` has an empty subscript.
    static let badRow = "m0011"

    typealias Row = TestData.Row

    /// Reads the corpus next to the package (`../shared/corpus`), decoding its escapes.
    static func loadRows() throws -> [Row] {
        let packageRoot = TestData.folder.deletingLastPathComponent().deletingLastPathComponent()
        return try TestData.rows(at: packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/math-textbooks.tsv"))
    }

    @Test("Every row converts cleanly, inline and in display, except the one bad row")
    func everyRowConverts() throws {
        let rows = try Self.loadRows()
        #expect(rows.count == 1_956)
        let converter = MathConverter()
        var clean = 0
        for row in rows where row.id != Self.badRow {
            var rowIsClean = true
            for display in [false, true] {
                let rendering = converter.convert(row.tex, display: display)
                let formula = rendering.mathML.components(separatedBy: "<annotation")[0]
                let problems = rendering.errors.map { "\($0.id)@\($0.offset): \($0.message)" }
                #expect(problems.isEmpty, "\(row.id): \(row.tex)")
                #expect(!formula.contains("<merror"), "\(row.id): \(row.tex)")
                #expect(!formula.contains("\\"), "\(row.id) leaks a command: \(formula)")
                #expect(wellFormednessProblem(rendering.mathML) == nil, "\(row.id): \(wellFormednessProblem(rendering.mathML) ?? "")")
                rowIsClean = rowIsClean && problems.isEmpty && !formula.contains("<merror") && !formula.contains("\\")
            }
            if rowIsClean { clean += 1 }
        }
        #expect(clean == 1_955)
    }

    @Test("Row m0011 (z_^L) is an empty-script error")
    func badRowIsReported() throws {
        let rows = try Self.loadRows()
        let row = try #require(rows.first { $0.id == Self.badRow })
        #expect(row.tex == "z_^L")
        #expect(errors(row.tex) == ["math.empty-script@1"])
    }

    @Test("All 113 tags are extracted")
    func tags() throws {
        let rows = try Self.loadRows()
        let tagged = rows.filter { MathConverter().convert($0.tex, display: true).tag != nil }
        #expect(tagged.count == 113)
    }

    /// Not a timed assertion: run by hand with `swift test -c release --filter throughput`
    /// to read the conversion rate from the log.
    @Test("Throughput (prints expressions per second)")
    func throughput() throws {
        let rows = try Self.loadRows()
        let converter = MathConverter()
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            for _ in 0..<10 {
                for row in rows {
                    count += converter.convert(row.tex, display: true).mathML.isEmpty ? 0 : 1
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("FolioMath throughput: \(Int(Double(count) / seconds)) expressions/second over \(count) conversions")
        #expect(count == rows.count * 10)
    }
}
