import Testing
import FolioBibliography

/// Chicago author-date as pandoc's default style gives it, numeric as the option.
@Suite("Citation formatter")
struct FormatterTests {
    let bibliography: Bibliography = {
        let (bibliography, _) = parse("""
        @book{nielsen2015, author = {Michael A. Nielsen}, title = {Neural networks and deep learning},
          publisher = {Determination Press}, year = 2015, url = {http://neuralnetworksanddeeplearning.com}}
        @book{goodfellow2016, author = {Goodfellow, Ian and Bengio, Yoshua and Courville, Aaron}, title = {Deep Learning},
          publisher = {MIT Press}, year = 2016}
        @article{hochreiter1997, author = {Hochreiter, Sepp and Schmidhuber, J{\\"u}rgen}, title = {Long short-term memory in {LSTM} networks},
          journal = {Neural Computation}, volume = 9, number = 8, pages = {1735--1780}, year = 1997, doi = {10.1162/neco.1997.9.8.1735}}
        @inproceedings{vaswani2017, author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki and Uszkoreit, Jakob},
          title = {Attention Is All You Need}, booktitle = {Advances in Neural Information Processing Systems}, pages = {5998--6008}, year = 2017}
        @article{lecun1998a, author = {LeCun, Yann}, title = {Alpha}, journal = {J}, year = 1998}
        @article{lecun1998b, author = {LeCun, Yann}, title = {Beta}, journal = {J}, year = 1998}
        @article{smithj, author = {Smith, John}, title = {One}, journal = {J}, year = 2015}
        @article{smitha, author = {Smith, Adam}, title = {Two}, journal = {J}, year = 2010}
        @misc{who, author = {{World Health Organization}}, title = {Report}, year = 2019}
        @book{zhou2016, author = {周志华}, title = {机器学习}, publisher = {清华大学出版社}, year = 2016}
        @article{nodate, author = {Nobody, Ann}, title = {Undated}, journal = {J}}
        """)
        return bibliography
    }()

    @Test("In-text forms: parenthetical, locator, narrative, year only")
    func authorDate() {
        #expect(cite("[@nielsen2015] [@nielsen2015, p. 33] @nielsen2015 [-@nielsen2015] @nielsen2015 [p. 33]", in: bibliography)
                == ["(Nielsen 2015)", "(Nielsen 2015, 33)", "Nielsen (2015)", "(2015)", "Nielsen (2015, 33)"])
        #expect(cite("[see @hochreiter1997; @goodfellow2016, chap. 10]", in: bibliography)
                == ["(see Hochreiter and Schmidhuber 1997; Goodfellow, Bengio, and Courville 2016, chap. 10)"])
        #expect(cite("[@hochreiter1997, pp. 1735-1740 and passim]", in: bibliography)
                == ["(Hochreiter and Schmidhuber 1997, 1735–1740 and passim)"])
    }

    @Test("“et al.” from four authors, as pandoc's Chicago style has it; the style can say three")
    func etAl() {
        #expect(cite("[@goodfellow2016] [@vaswani2017]", in: bibliography)
                == ["(Goodfellow, Bengio, and Courville 2016)", "(Vaswani et al. 2017)"])
        let three = CitationStyle(kind: .authorDate, etAlMinimum: 3)
        #expect(cite("[@goodfellow2016]", in: bibliography, style: three) == ["(Goodfellow et al. 2016)"])
    }

    @Test("Disambiguation: 1998a/1998b collapsed under one name; initials for two Smiths")
    func disambiguation() {
        #expect(cite("[@lecun1998a; @lecun1998b] [@smithj] [@smitha]", in: bibliography)
                == ["(LeCun 1998a, 1998b)", "(J. Smith 2015)", "(A. Smith 2010)"])
        // Without the other Smith cited, no initials are needed.
        #expect(cite("[@smithj]", in: bibliography) == ["(Smith 2015)"])
    }

    @Test("Corporate and Chinese names are kept as written; no date is n.d.")
    func namesAsWritten() {
        #expect(cite("[@who] [@zhou2016] [@nodate]", in: bibliography)
                == ["(World Health Organization 2019)", "(周志华 2016)", "(Nobody, n.d.)"])
    }

    @Test("The reference list: sorted by author, year, title, each entry with its DOI or URL as a link")
    func referenceList() {
        let chapter = CitationFormatter(bibliography: bibliography)
            .format(CitationScanner.citations(in: "[@nielsen2015] [@hochreiter1997] [@lecun1998b] [@lecun1998a] [@zhou2016] [@who]"))
        #expect(chapter.references.map(\.key) == ["hochreiter1997", "lecun1998a", "lecun1998b", "nielsen2015", "who", "zhou2016"])
        #expect(chapter.references.map { plain($0.runs) } == [
            "Hochreiter, Sepp, and Jürgen Schmidhuber. 1997. “Long Short-Term Memory in LSTM Networks.” Neural Computation 9 (8): 1735–80. https://doi.org/10.1162/neco.1997.9.8.1735.",
            "LeCun, Yann. 1998a. “Alpha.” J.",
            "———. 1998b. “Beta.” J.",
            "Nielsen, Michael A. 2015. Neural Networks and Deep Learning. Determination Press. http://neuralnetworksanddeeplearning.com.",
            "World Health Organization. 2019. “Report.”",
            "周志华. 2016. 机器学习. 清华大学出版社.",
        ])
        #expect(chapter.references[0].link == "https://doi.org/10.1162/neco.1997.9.8.1735")
        #expect(chapter.references[0].runs.contains(.link(url: "https://doi.org/10.1162/neco.1997.9.8.1735",
                                                          [.text("https://doi.org/10.1162/neco.1997.9.8.1735")])))
        #expect(chapter.references[3].runs.contains(.emphasis([.text("Neural Networks and Deep Learning")])))
    }

    @Test("Citations link to their entries by anchor; anchors are safe and distinct")
    func anchors() {
        let chapter = CitationFormatter(bibliography: bibliography).format(CitationScanner.citations(in: "[@nielsen2015]"))
        #expect(chapter.citations[0].runs == [.text("("), .reference(anchor: "ref-nielsen2015", [.text("Nielsen 2015")]), .text(")")])
        #expect(chapter.references[0].anchor == "ref-nielsen2015")
        #expect(CitationFormatter.anchor(for: "baez/article") == "ref-baez~2Farticle")
        #expect(CitationFormatter.anchor(for: "a b") != CitationFormatter.anchor(for: "a_b"))
        #expect(CitationFormatter.anchor(for: "周2016") == "ref-周2016")
    }

    @Test("Numeric: [1], [1, p. 33], ranges [1–3]; the list in order of first citation")
    func numeric() {
        let text = "[@nielsen2015] [@goodfellow2016, p. 33] [@hochreiter1997; @nielsen2015; @goodfellow2016] [@vaswani2017; @nielsen2015] @nielsen2015"
        #expect(cite(text, in: bibliography, style: .numeric)
                == ["[1]", "[2, p. 33]", "[1–3]", "[1, 4]", "Nielsen [1]"])
        let chapter = CitationFormatter(style: .numeric, bibliography: bibliography).format(CitationScanner.citations(in: text))
        #expect(chapter.references.map(\.label) == ["[1]", "[2]", "[3]", "[4]"])
        #expect(chapter.references.map(\.key) == ["nielsen2015", "goodfellow2016", "hochreiter1997", "vaswani2017"])
    }

    @Test("An unknown key is a problem with a suggestion, and shows as the key in bold")
    func unknownKey() {
        let chapter = CitationFormatter(bibliography: bibliography).format(CitationScanner.citations(in: "Text [@nielsen2051]."))
        #expect(chapter.problems.map(\.message) == ["No .bib entry has the key ‘nielsen2051’; did you mean ‘nielsen2015’?"])
        #expect(chapter.problems[0].keyRange == 6..<18)
        #expect(chapter.citations[0].runs == [.text("("), .strong([.text("nielsen2051?")]), .text(")")])
        #expect(bibliography.suggestion(for: "Goodfellow2016") == "goodfellow2016")
        #expect(bibliography.suggestion(for: "zzzzzz") == nil)
    }

    @Test("A book: suffixes and numbers are the same in every chapter; each chapter lists what it cites")
    func book() {
        let formatter = CitationFormatter(bibliography: bibliography)
        let book = formatter.format(book: [CitationScanner.citations(in: "[@lecun1998b]"),
                                           CitationScanner.citations(in: "[@lecun1998a] [@nielsen2015]")])
        #expect(plain(book.chapters[0].citations[0].runs) == "(LeCun 1998b)")
        #expect(book.chapters[0].references.map(\.key) == ["lecun1998b"])
        #expect(book.chapters[1].references.map(\.key) == ["lecun1998a", "nielsen2015"])
        #expect(book.references.map(\.key) == ["lecun1998a", "lecun1998b", "nielsen2015"])
    }

    @Test("Title case keeps protected words, words with inner capitals and minor words")
    func titleCase() {
        let (bibliography, _) = parse("""
        @article{t, author = {A, B}, title = {Gone With the wind: a tale of {USA} and the {s}outh to think of}, journal = {arXiv preprint}, year = 1}
        @article{g, author = {A, B}, title = {Die deutsche {Rechtschreibung}}, journal = {J}, year = 2, langid = {ngerman}}
        """)
        let list = CitationFormatter(bibliography: bibliography).format(CitationScanner.citations(in: "[@t; @g]")).references
        #expect(plain(list[0].runs) == "A, B. 1. “Gone with the Wind: A Tale of USA and the south to Think Of.” arXiv Preprint.")
        #expect(plain(list[1].runs) == "———. 2. “Die deutsche Rechtschreibung.” J.")
    }
}
