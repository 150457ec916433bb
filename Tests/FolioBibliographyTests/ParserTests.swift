import Testing
import FolioBibliography

/// Reading `.bib` files as real ones are written.
@Suite("BibTeX parser")
struct ParserTests {
    @Test("Every entry type the issue names is read, with its fields by lowercase name")
    func entryTypes() {
        let (bibliography, diagnostics) = parse("""
        @Article{a, title = {A}}
        @book{b, title = {B}}
        @incollection{c, title = {C}}
        @inproceedings{d, title = {D}}
        @conference{e, title = {E}}
        @misc{f, title = {F}}
        @online{g, title = {G}}
        @phdthesis{h, title = {H}}
        @mastersthesis{i, title = {I}}
        @techreport{j, title = {J}}
        @unpublished{k, title = {K}}
        @patent{l, TITLE = {L}}
        """)
        #expect(diagnostics.isEmpty)
        #expect(bibliography.entries.map(\.type) == ["article", "book", "incollection", "inproceedings", "conference",
                                                     "misc", "online", "phdthesis", "mastersthesis", "techreport",
                                                     "unpublished", "patent"])
        #expect(bibliography["l"]?.fields["title"] == "L")
        #expect(bibliography["d"]?.kind == .paperConference)
        #expect(bibliography["e"]?.kind == .paperConference)
        #expect(bibliography["h"]?.kind == .thesis(genre: "PhD thesis"))
        #expect(bibliography["l"]?.kind == .misc)
    }

    @Test("Braced, quoted and bare values; `#` joins them; @string macros and month macros expand")
    func values() {
        let (bibliography, diagnostics) = parse("""
        @string{mitp = "MIT Press"}
        @String(nips = {Advances in Neural} # " Information")
        @book{key,
          publisher = mitp,
          booktitle = nips # { Processing Systems},
          year = 2016,
          month = jun,
          title = "A {"}quoted{"} title with {braces}",
        }
        """)
        #expect(diagnostics.isEmpty)
        let entry = bibliography["key"]
        #expect(entry?.fields["publisher"] == "MIT Press")
        #expect(entry?.fields["booktitle"] == "Advances in Neural Information Processing Systems")
        #expect(entry?.fields["year"] == "2016")
        #expect(entry?.month == 6)
        #expect(entry?.fields["title"] == "A {\"}quoted{\"} title with {braces}")
    }

    @Test("Comments, @comment and @preamble are skipped; ( ) delimiters work like { }")
    func commentsAndDelimiters() {
        let (bibliography, diagnostics) = parse("""
        % a comment line with an @ sign: someone@example.com
        Free text between entries is a comment too.
        @comment{jabref-meta: {nested} braces}
        @preamble{ "\\newcommand{\\noopsort}[1]{}" }
        @article(paren, title = {In parentheses}, % a comment inside
          year = 1999)
        @COMMENT this line is a comment
        @misc{last, note = {ok}}
        """)
        #expect(diagnostics.isEmpty)
        #expect(bibliography.entries.map(\.key) == ["paren", "last"])
        #expect(bibliography["paren"]?.fields["year"] == "1999")
    }

    @Test("An entry's location is its @, in lines (LF, CRLF or CR) and columns of Unicode scalars")
    func locations() {
        for newline in ["\n", "\r\n", "\r"] {
            let text = ["% 注释 line", "  @book{a, title = {甜}}", "@book{b, title = {x}}"].joined(separator: newline)
            let (bibliography, _) = parse(text)
            #expect(bibliography["a"]?.location == BibLocation(file: "refs.bib", line: 2, column: 3))
            #expect(bibliography["b"]?.location == BibLocation(file: "refs.bib", line: 3, column: 1))
        }
        let (_, diagnostics) = parse("@book{甜甜, title = ,}")
        #expect(located(diagnostics) == ["bib.missing-value@1:19"])
    }

    @Test("A duplicate key is a warning at the second entry; the first is kept")
    func duplicateKey() {
        let (bibliography, diagnostics) = parse("@book{a, title = {First}}\n\n@book{a, title = {Second}}")
        #expect(located(diagnostics) == ["bib.duplicate-key@3:1"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(bibliography["a"]?.fields["title"] == "First")
    }

    @Test("Several files read as one: a key repeated in a later file is a warning in that file")
    func severalFiles() {
        let (bibliography, diagnostics) = Bibliography.load([
            BibSource(file: "one.bib", bytes: Array("@book{a, title = {One}}".utf8)),
            BibSource(file: "two.bib", bytes: Array("@book{b, title = {Two}}\n@book{a, title = {Again}}".utf8)),
        ])
        #expect(bibliography.entries.map(\.key) == ["a", "b"])
        #expect(diagnostics.map(\.description) == ["two.bib:2:1: warning: The key ‘a’ is used again; the entry at one.bib:1 is kept"])
    }

    @Test("crossref: BibLaTeX's rules — a collection's title becomes the part's booktitle")
    func crossref() {
        let (bibliography, diagnostics) = parse("""
        @inproceedings{part, author = {Ioffe, Sergey}, title = {Batch normalization}, pages = {448--456}, crossref = {proc}}
        @proceedings{proc, title = {Proceedings of ICML}, editor = {Bach, Francis}, publisher = {PMLR}, year = 2015}
        @incollection{classic, title = {Chapter}, crossref = {coll}}
        @book{coll, booktitle = {Old Style Booktitle}, title = {Collection}, year = 1990}
        """)
        #expect(diagnostics.isEmpty)
        let part = bibliography["part"]
        #expect(part?.fields["booktitle"] == "Proceedings of ICML")
        #expect(part?.fields["title"] == "Batch normalization")
        #expect(part?.fields["year"] == "2015")
        #expect(part?.fields["editor"] == "Bach, Francis")
        #expect(bibliography["classic"]?.fields["booktitle"] == "Collection")
    }

    @Test("xdata fills missing fields; a cycle or an unknown parent is a warning, never a hang")
    func xdataAndCycles() {
        let (bibliography, diagnostics) = parse("""
        @xdata{lncs, publisher = {Springer}, address = {Berlin}}
        @incollection{a, title = {A}, xdata = {lncs}, address = {Heidelberg}}
        @book{loop1, crossref = {loop2}}
        @book{loop2, crossref = {loop1}}
        @book{orphan, crossref = {nowhere}}
        """)
        #expect(bibliography["a"]?.fields["publisher"] == "Springer")
        #expect(bibliography["a"]?.fields["address"] == "Heidelberg")
        #expect(Set(diagnostics.map(\.id)) == ["bib.inheritance-cycle", "bib.unknown-crossref"])
    }

    @Test("doi, url, eprint/archivePrefix and arxiv give the entry's link")
    func links() {
        #expect(entry("@article{a, doi = {https://doi.org/10.1/x}}")?.link == "https://doi.org/10.1/x")
        #expect(entry("@article{a, url = {http://x.org/~me}}")?.link == "http://x.org/~me")
        #expect(entry("@article{a, eprint = {1412.6980}, archivePrefix = {arXiv}}")?.link == "https://arxiv.org/abs/1412.6980")
        #expect(entry("@article{a, eprint = {math/0307200v3}, eprinttype = {arxiv}}")?.link == "https://arxiv.org/abs/math/0307200v3")
        #expect(entry("@article{a, arxiv = {2101.00001}}")?.link == "https://arxiv.org/abs/2101.00001")
        #expect(entry("@misc{a, howpublished = {\\url{http://karpathy.github.io}}}")?.link == "http://karpathy.github.io")
        #expect(entry("@article{a, title = {No link}}")?.link == nil)
    }

    @Test("BibLaTeX dates: year, month, ranges and full dates")
    func dates() {
        #expect(entry("@book{a, date = {1991-03}}")?.year == "1991")
        #expect(entry("@book{a, date = {1991-03}}")?.month == 3)
        #expect(entry("@book{a, date = {1984/1986}}")?.year == "1984–1986")
        #expect(entry("@online{a, date = {2004-10-27}}")?.fullDate == "October 27, 2004")
        #expect(entry("@book{a, year = 2001, month = {September}}")?.month == 9)
    }

    @Test("The committed fixture reads without problems")
    func generatedFixture() throws {
        let (bibliography, diagnostics) = Bibliography.parse(bytes: try fixture("generated.bib"), file: "generated.bib")
        #expect(diagnostics.isEmpty)
        #expect(bibliography.entries.count == 28)
        #expect(bibliography["ioffe2015"]?.fields["booktitle"] == "Proceedings of the 32nd International Conference on Machine Learning")
        #expect(bibliography["schmidhuber2012"]?.fields["publisher"] == "Springer")
        #expect(bibliography["vaswani2017"]?.fields["booktitle"] == "Advances in Neural Information Processing Systems 30")
    }
}
