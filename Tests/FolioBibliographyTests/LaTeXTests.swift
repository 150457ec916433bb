import Testing
import FolioBibliography

/// LaTeX in field values, read into Unicode text with its attributes.
@Suite("LaTeX in fields")
struct LaTeXTests {
    func text(_ value: String) -> BibText? {
        entry("@misc{k, title = {\(value)}}")?.text("title")
    }

    @Test("Accents and letters become Unicode characters", arguments: [
        ("{\\\"o}", "ö"), ("\\'{e}", "é"), ("\\'e", "é"), ("{\\ss}", "ß"), ("\\o", "ø"), ("{\\aa}", "å"),
        ("\\c{c}", "ç"), ("\\v{s}", "š"), ("\\~n", "ñ"), ("\\\"{\\i}", "ï"), ("{\\H{o}}", "ő"), ("\\v s", "š"),
        ("{\\L}ukasz", "Łukasz"), ("Schmidhuber, J{\\\"u}rgen", "Schmidhuber, Jürgen"), ("\\AA ngstr\\\"om", "Ångström"),
        ("\\^{}", "^"), ("Fran\\c{c}ois", "François"), ("\\k{a}", "ą"), ("\\={o}", "ō"), ("\\.{z}", "ż"),
    ])
    func accents(source: String, expected: String) {
        #expect(text(source)?.plainText == expected)
    }

    @Test("Dashes, ties, quotes and escaped symbols", arguments: [
        ("1735--1780", "1735–1780"), ("a---b", "a—b"), ("F.~P. Cantelli", "F.\u{00A0}P. Cantelli"),
        ("Harper \\& Row", "Harper & Row"), ("50\\% off", "50% off"), ("\\$5 and \\#1", "$5 and #1"),
        ("``quoted''", "“quoted”"), ("can't", "can’t"), ("a\\_b", "a_b"), ("\\textendash{} x", "– x"),
    ])
    func symbols(source: String, expected: String) {
        #expect(text(source)?.plainText == expected)
    }

    @Test("Braces protect case; a brace group that starts with a command is a character, not protection")
    func protection() {
        let title = text("Long short-term memory in {LSTM} and {B}ayes {\\\"o}")
        #expect(title?.spans == [
            BibSpan("Long short-term memory in "), BibSpan("LSTM", .caseProtected), BibSpan(" and "),
            BibSpan("B", .caseProtected), BibSpan("ayes ö"),
        ])
    }

    @Test("\\emph, \\textit and {\\em …} are emphasis; \\textbf strong; \\texttt monospace")
    func emphasis() {
        #expect(text("A \\emph{deep} net")?.spans == [BibSpan("A "), BibSpan("deep", .emphasis), BibSpan(" net")])
        #expect(text("\\textit{x}")?.spans == [BibSpan("x", .emphasis)])
        #expect(text("{\\em y} z")?.spans == [BibSpan("y", .emphasis), BibSpan(" z")])
        #expect(text("\\textbf{b}")?.spans == [BibSpan("b", .strong)])
        #expect(text("\\texttt{code}")?.spans == [BibSpan("code", .monospace)])
    }

    @Test("Math stays TeX, marked as math, never case-changed")
    func math() {
        #expect(text("The $\\alpha$--$\\beta$ case")?.spans == [
            BibSpan("The "), BibSpan("\\alpha", .math), BibSpan("–"), BibSpan("\\beta", .math), BibSpan(" case"),
        ])
    }

    @Test("White space collapses; unknown commands vanish, keeping their argument's text")
    func whitespaceAndUnknownCommands() {
        #expect(text("  two\n\t  lines  ")?.plainText == "two lines")
        #expect(text("\\foo{kept} and \\bar dropped")?.plainText == "kept and dropped")
        #expect(text("\\url{http://x.org/~me}")?.plainText == "http://x.org/~me")
        #expect(text("\\noopsort{a}Zebra")?.plainText == "Zebra")
    }

    @Test("Deeply nested braces cost memory, not the call stack")
    func deepNesting() {
        let deep = String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000)
        #expect(text(deep)?.plainText == "x")
    }
}

/// Names in every form BibTeX knows.
@Suite("Names")
struct NameTests {
    func names(_ value: String) -> NameList {
        entry("@misc{k, author = {\(value)}}")?.names("author") ?? NameList([])
    }

    @Test("First Last, Last First, von and Jr parts")
    func forms() {
        #expect(names("Michael A. Nielsen").names == [Name(given: "Michael A.", family: "Nielsen")])
        #expect(names("Nielsen, Michael A.").names == [Name(given: "Michael A.", family: "Nielsen")])
        #expect(names("Ludwig van Beethoven").names == [Name(given: "Ludwig", particle: "van", family: "Beethoven")])
        #expect(names("van Gennep, Arnold").names == [Name(given: "Arnold", particle: "van", family: "Gennep")])
        #expect(names("de la Fontaine, Jean").names == [Name(given: "Jean", particle: "de la", family: "Fontaine")])
        #expect(names("King, Jr, Martin Luther").names == [Name(given: "Martin Luther", family: "King", suffix: "Jr")])
        #expect(names("von Last, Jr, First").names == [Name(given: "First", particle: "von", family: "Last", suffix: "Jr")])
        #expect(names("Van Gool, Luc").names == [Name(given: "Luc", family: "Van Gool")])
        #expect(names("Jean-Paul Sartre").names.first?.initials == "J.-P.")
    }

    @Test("`and` splits names outside braces only; `and others` is a flag")
    func lists() {
        let list = names("Goodfellow, Ian and Bengio, Yoshua AND {Barnes and Noble} and others")
        #expect(list.names.map(\.family) == ["Goodfellow", "Bengio", "Barnes and Noble"])
        #expect(list.names[2].isLiteral)
        #expect(list.hasOthers)
    }

    @Test("A braced body is one literal name, never inverted")
    func corporate() {
        let who = names("{World Health Organization}").names[0]
        #expect(who.isLiteral)
        #expect(who.sortOrder == "World Health Organization")
        #expect(who.displayOrder == "World Health Organization")
    }

    @Test("Chinese names are kept as written: no inversion, no initials")
    func chinese() {
        let list = names("周志华 and 王 小明 and 李, 航")
        #expect(list.names.map(\.displayOrder) == ["周志华", "王 小明", "李航"])
        #expect(list.names.map(\.sortOrder) == ["周志华", "王 小明", "李航"])
        #expect(list.names.allSatisfy { $0.initials.isEmpty })
    }

    @Test("Accents in names: {\\\"O}zge, von with a special character")
    func accentedNames() {
        #expect(names("Aks{\\i}n, {\\\"O}zge").names == [Name(given: "Özge", family: "Aksın")])
        #expect(names("{\\'e}mile de la Foo").names.first?.particle == "émile de la")
    }
}
