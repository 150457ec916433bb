import Foundation
import Testing
import FolioBibliography

/// Malformed and hostile `.bib` files: a located diagnostic, the rest still read, and time
/// linear in the input.
@Suite("Bad input")
struct BadInputTests {
    @Test("An unbalanced brace is an error at the brace; reading goes on at the next entry")
    func unbalancedBrace() {
        let (bibliography, diagnostics) = parse("""
        @book{broken,
          title = {Deep {Learning},
          year = 2016,
        }
        @book{next, title = {Still read}}
        """)
        #expect(located(diagnostics) == ["bib.unbalanced-brace@2:11"])
        #expect(diagnostics[0].severity == .error)
        #expect(diagnostics[0].description == "refs.bib:2:11: error: This ‘{’ is never closed, so the value of ‘title’ runs on past its line")
        #expect(bibliography["next"]?.fields["title"] == "Still read")
    }

    @Test("A brace closed twice and a value never closed at the end of the file")
    func otherBraceMistakes() {
        let (bibliography, diagnostics) = parse("@book{a, title = {x}}}\n@book{b, title = {open")
        #expect(located(diagnostics) == ["bib.unbalanced-brace@2:18"])
        #expect(bibliography["a"] != nil)
        let (_, quoted) = parse("@book{c, title = \"never closed}\n")
        #expect(quoted.map(\.id) == ["bib.unbalanced-brace"])
    }

    @Test("An entry with no key is an error where the key should be")
    func missingKey() {
        let (bibliography, diagnostics) = parse("@article{\n  title = {No key},\n}\n@article{,title={Empty}}\n@book{ok, title = {Fine}}")
        #expect(located(diagnostics) == ["bib.missing-key@2:3", "bib.missing-key@4:10"])
        #expect(bibliography.entries.map(\.key) == ["ok"])
    }

    @Test("A field with no value is an error at the gap; the entry's other fields are kept")
    func missingValue() {
        let (bibliography, diagnostics) = parse("@book{a,\n  title = ,\n  year = 2016,\n  note = }")
        #expect(located(diagnostics) == ["bib.missing-value@2:11", "bib.missing-value@4:10"])
        #expect(bibliography["a"]?.fields == ["year": "2016"])
    }

    @Test("Other syntax errors: a missing =, a stray character, no brace after the type")
    func syntaxErrors() {
        #expect(parse("@book{a, title {x}}").1.map(\.id) == ["bib.expected-equals"])
        #expect(parse("@book{a, title = {x} year = 1}").1.map(\.id) == ["bib.expected-comma"])
        #expect(parse("@book a, title = {x}}").1.map(\.id) == ["bib.expected-brace"])
        #expect(parse("@book{a, title = (x)}").1.map(\.id) == ["bib.expected-value"])
        #expect(parse("@book{a, title = undefinedmacro}").1.map(\.id) == ["bib.unknown-macro"])
    }

    @Test("A .bib in Latin-1 is read as Latin-1, with a warning at the first byte that is not UTF-8")
    func latin1() {
        var bytes = Array("@book{a,\n  author = {M".utf8)
        bytes += [0xFC] + Array("ller, J".utf8) + [0xF6] + Array("rg},\n  title = {Caf".utf8) + [0xE9, 0x96, 0x21]
        bytes += Array("}\n}".utf8)
        let (bibliography, diagnostics) = Bibliography.parse(bytes: bytes, file: "old.bib")
        #expect(located(diagnostics) == ["bib.not-utf8@2:14"])
        #expect(diagnostics[0].severity == .warning)
        #expect(bibliography["a"]?.names("author").names == [Name(given: "Jörg", family: "Müller")])
        #expect(bibliography["a"]?.plain("title") == "Café–!")
    }

    @Test("An @string that refers to itself is a located error, not a hang; one that doubles is cut")
    func selfReferentialString() {
        let (bibliography, diagnostics) = parse("@string{me = me # \"x\"}\n@book{a, title = me}")
        #expect(located(diagnostics) == ["bib.recursive-macro@1:14"])
        #expect(bibliography["a"]?.fields["title"] == "x")
        var doubling = "@string{a = \"xxxxxxxxxxxxxxxx\"}\n"
        for _ in 0..<40 { doubling += "@string{a = a # a}\n" }
        let (_, cut) = parse(doubling + "@book{b, title = a}")
        #expect(cut.contains { $0.id == "bib.value-too-long" })
    }

    @Test("A file of garbage gives a bounded number of diagnostics")
    func garbage() {
        let text = String(repeating: "@book{\n@{=\n@x(,}\n", count: 5_000)
        let (_, diagnostics) = parse(text)
        #expect(diagnostics.count <= 201)
        #expect(diagnostics.last?.id == "bib.too-many-problems")
    }

    /// Entries like real ones, repeated with distinct keys up to `megabytes`.
    static func largeBib(megabytes: Double) -> [UInt8] {
        let template = """
        @article{key%d,
          author  = {Hochreiter, Sepp and Schmidhuber, J{\\"u}rgen and others},
          title   = {Long Short-Term Memory in {LSTM} networks: the $\\alpha$--$\\beta$ case},
          journal = {Neural Computation}, volume = 9, number = 8, pages = {1735--1780},
          year    = 1997, month = nov, doi = {10.1162/neco.1997.9.8.1735},
        }

        """
        var bytes: [UInt8] = []
        let target = Int(megabytes * 1_048_576)
        bytes.reserveCapacity(target + 1_000)
        var index = 0
        while bytes.count < target {
            bytes += Array(String(format: template, index).utf8)
            index += 1
        }
        return bytes
    }

    /// Four times the size may take at most eight times the time: quadratic parsing would take
    /// sixteen. (A doubling within 2.6 times failed on a machine busy with other builds.)
    @Test("A 20 MB .bib parses in time linear in its size (four times the size at most 8× the time)")
    func largeFileIsLinear() {
        let five = BadInputTests.largeBib(megabytes: 5)
        let twenty = BadInputTests.largeBib(megabytes: 20)
        var count = 0
        let tFive = seconds(rounds: 2) { count = Bibliography.parse(bytes: five, file: "big.bib").0.entries.count }
        let tTwenty = seconds(rounds: 2) { count = Bibliography.parse(bytes: twenty, file: "big.bib").0.entries.count }
        #expect(count > 50_000)
        #expect(tTwenty / tFive < 8, "5 MB: \(tFive) s, 20 MB: \(tTwenty) s")
    }

    @Test("5,000 citations in one chapter: formatting time linear in their number")
    func manyCitations() {
        var bib = ""
        for index in 0..<2_000 { bib += "@article{k\(index), author = {Author\(index % 300), A. and Other, B.}, title = {T\(index)}, journal = {J}, year = \(1950 + index % 70)}\n" }
        let (bibliography, _) = parse(bib)
        func text(_ count: Int) -> String {
            (0..<count).map { "[@k\(($0 * 7) % 2_000), p. \($0); @k\(($0 * 13) % 2_000)]" }.joined(separator: " ")
        }
        let formatter = CitationFormatter(bibliography: bibliography)
        let small = CitationScanner.citations(in: text(2_500))
        let large = CitationScanner.citations(in: text(5_000))
        #expect(large.count == 5_000)
        let tSmall = seconds { _ = formatter.format(small) }
        let tLarge = seconds { _ = formatter.format(large) }
        #expect(formatter.format(large).citations.count == 5_000)
        #expect(tLarge / tSmall < 2.8, "2,500: \(tSmall) s, 5,000: \(tLarge) s")
    }
}
