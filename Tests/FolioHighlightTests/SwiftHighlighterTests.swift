import FolioHighlight
import Testing

@Suite("SwiftHighlighter")
struct SwiftHighlighterTests {
    let highlighter = SwiftHighlighter()

    // MARK: Classes

    @Test("A declaration: the keyword and the number are marked, the name is plain")
    func simpleDeclaration() {
        #expect(highlighter.highlight("let x = 1") == #"<span class="kw">let</span> x = <span class="num">1</span>"#)
    }

    @Test("An annotated array: the type is ty, the numbers num, the minus op")
    func annotatedArray() {
        let html = highlighter.highlight("let a: [Double] = [2.5, -1, 3.2, 0.5]")
        #expect(html == """
            <span class="kw">let</span> a: [<span class="ty">Double</span>] = \
            [<span class="num">2.5</span>, <span class="op">-</span><span class="num">1</span>, \
            <span class="num">3.2</span>, <span class="num">0.5</span>]
            """)
    }

    @Test("Keywords, types, numbers, strings and comments get their classes")
    func classes() {
        let html = highlighter.highlight("""
            // Scales a value.
            public func scale(_ x: Int, by factor: Float = 0x1F) -> String {
                return "\\(x) × \\(factor)"
            }
            """)
        #expect(html.contains(#"<span class="cm">// Scales a value.</span>"#))
        #expect(html.contains(#"<span class="kw">public func</span> scale"#))
        #expect(html.contains(#"<span class="kw">return</span>"#))
        #expect(html.contains(#"<span class="ty">Int</span>"#))
        #expect(html.contains(#"<span class="ty">Float</span>"#))
        #expect(html.contains(#"<span class="ty">String</span>"#))
        #expect(html.contains(#"<span class="num">0x1F</span>"#))
        #expect(html.contains(#"<span class="str">) × \(</span>"#))
        #expect(!html.contains(#"class="id""#))
    }

    @Test("Doc and block comments are cm")
    func comments() {
        let html = highlighter.highlight("/// Doc.\n/* block */ let y = 2 /** doc block */")
        #expect(html.contains(#"<span class="cm">/// Doc.</span>"#))
        #expect(html.contains(#"<span class="cm">/* block */</span>"#))
        #expect(html.contains(#"<span class="cm">/** doc block */</span>"#))
    }

    @Test("An interpolation's delimiters are str; the code inside is highlighted as code")
    func interpolation() {
        let html = highlighter.highlight(#"let s = "sum: \(a + 1)!""#)
        #expect(html == """
            <span class="kw">let</span> s = <span class="str">"sum: \\(</span>a \
            <span class="op">+</span> <span class="num">1</span><span class="str">)!"</span>
            """)
    }

    @Test("A raw string's pound signs are str")
    func rawString() {
        let html = highlighter.highlight(##"let r = #"a\b"#"##)
        #expect(html == ##"<span class="kw">let</span> r = <span class="str">#"a\b"#</span>"##)
    }

    @Test("Attributes are attr")
    func attributes() {
        let html = highlighter.highlight("@MainActor func f(_ g: @escaping () -> Void) {}")
        #expect(html.contains(#"<span class="attr">@MainActor</span>"#))
        #expect(html.contains(#"<span class="attr">@escaping</span>"#))
    }

    @Test("#available is kw; a freestanding macro is attr")
    func availabilityAndMacros() {
        let html = highlighter.highlight("if #available(macOS 14, *) { #warning(\"x\") }\nlet v = #stringify(1)")
        #expect(html.contains(#"<span class="kw">if #available</span>(<span class="kw">macOS</span> <span class="num">14</span>"#))
        #expect(html.contains(#"<span class="attr">#warning</span>("#))
        #expect(html.contains(#"<span class="attr">#stringify</span>("#))
    }

    @Test("#if, its condition, #else and #endif are dir; so is #sourceLocation")
    func directives() {
        let html = highlighter.highlight("""
            #if DEBUG
            let level = 1
            #else
            let level = 0
            #endif
            #sourceLocation(file: "cell.swift", line: 3)
            """)
        #expect(html.contains(#"<span class="dir">#if DEBUG</span>"#))
        #expect(html.contains(#"<span class="dir">#else</span>"#))
        #expect(html.contains(#"<span class="dir">#endif</span>"#))
        #expect(html.contains(#"<span class="dir">#sourceLocation</span>"#))
    }

    @Test("A generic function: the generic parameter and constraint are types")
    func genericFunction() {
        let html = highlighter.highlight("func largest<T: Comparable>(_ xs: [T]) -> T? { xs.max() }")
        #expect(html.contains(#"<span class="kw">func</span> largest&lt;T: <span class="ty">Comparable</span>&gt;"#))
        #expect(html.contains(#"[<span class="ty">T</span>]"#))
        #expect(html.contains(#"-&gt; <span class="ty">T</span>?"#))
    }

    @Test("A closure: $0 stays plain, the operator and literal are marked")
    func closure() {
        let html = highlighter.highlight("let doubled = xs.map { $0 * 2 }")
        #expect(html == """
            <span class="kw">let</span> doubled = xs.map { $0 <span class="op">*</span> \
            <span class="num">2</span> }
            """)
    }

    // MARK: Escaping

    @Test("<, > and & are escaped in code, strings and comments")
    func escaping() {
        let html = highlighter.highlight("if a < b && c > d { s = \"<b>&\" } // a<b & c>d")
        #expect(html.contains(#"<span class="op">&lt;</span>"#))
        #expect(html.contains(#"<span class="op">&amp;&amp;</span>"#))
        #expect(html.contains(#"<span class="op">&gt;</span>"#))
        #expect(html.contains(#"<span class="str">"&lt;b&gt;&amp;"</span>"#))
        #expect(html.contains(#"<span class="cm">// a&lt;b &amp; c&gt;d</span>"#))
        #expect(!html.contains("<b>"))
    }

    // MARK: Fidelity

    static let trickyInputs: [String] = [
        "",
        " ",
        "\n",
        "  \t\n\n   \n",
        "let x = 1\n",
        "let x = 1\r\nlet y = 2\r\n",
        "// 激活值由下式给出：softmax 层\nlet a = 1 /* 输出都是正数 */\n",
        "/// 文档注释 😀\nfunc f() {}",
        #"let s = "你好，世界 👩‍👩‍👧‍👦 🇨🇳 é""#,
        "let c: Character = \"😀\"",
        "let m = \"\"\"\n    多行 line one\n    \\(x + 1) & <two>\n    \"\"\"\n",
        #"let i = "a \(b) c \(d.map { "\($0)" }) e""#,
        ##"let raw = #"\(not) \#(yes) "quoted""#"##,
        "let r = /[a-z]+\\d/",
        "let x = (",
        "let s = \"unterminated",
        "let s = \"unterminated 中文\nlet t = 2",
        "/* unterminated comment 😀",
        "func f(a: Int,, b: ) -> { ]]] }}}",
        "#sourceLocation(",
        "#sourceLocation(file: \"a.swift\", line: 1)\nlet x = 1\n#sourceLocation()",
        "#if os(Linux)\nimport Glibc\n#elseif\n#endif",
        "@ @ # ## \\ ` `` ''' \"\"\"",
        "let 😀 = 1; let `class` = 2",
        "<#placeholder#> + x",
        "\u{FEFF}let bom = 1",
        "#!/usr/bin/env swift\nprint(1)",
        "x = 1 &+ 2 &<< 3 <=> 4",
        "let\u{0} nul = 1",
        "e\u{301}\u{301}\u{301} = \"z\u{0308}\"",
        "let s = \"&lt; &amp;gt; <span class=\\\"kw\\\">\" // </span>",
    ]

    @Test("Stripping the tags and unescaping gives back the input byte for byte",
          arguments: trickyInputs)
    func roundTrip(_ code: String) {
        let html = highlighter.highlight(code)
        #expect(Array(plainText(of: html).utf8) == Array(code.utf8))
    }

    @Test("Spans never nest, never hold a line break and use only the documented classes",
          arguments: trickyInputs)
    func wellFormedSpans(_ code: String) {
        let html = highlighter.highlight(code)
        let known: Set<Substring> = ["kw", "ty", "num", "str", "cm", "attr", "op", "dir"]
        var rest = html[...]
        var inside = false
        while let tag = rest.firstRange(of: "<") {
            let text = rest[..<tag.lowerBound]
            if inside {
                #expect(!text.contains("\n") && !text.contains("\r"))
            }
            rest = rest[tag.lowerBound...]
            if rest.hasPrefix("</span>") {
                #expect(inside)
                inside = false
                rest = rest.dropFirst("</span>".count)
            } else {
                #expect(!inside)
                #expect(rest.hasPrefix(#"<span class=""#))
                rest = rest.dropFirst(#"<span class=""#.count)
                let name = rest.prefix { $0 != "\"" }
                #expect(known.contains(name))
                rest = rest.dropFirst(name.count + 2)
                inside = true
            }
        }
        #expect(!inside)
        #expect(!rest.contains(">"))
    }

    @Test("A long cell round-trips and highlights the same way twice")
    func longCell() {
        let code = Self.longCell
        #expect(code.filter { $0 == "\n" }.count == 200)
        let first = highlighter.highlight(code)
        #expect(first == highlighter.highlight(code))
        #expect(Array(plainText(of: first).utf8) == Array(code.utf8))
    }

    /// 200 lines of ordinary Swift.
    static let longCell: String = (0..<25).map { index in
        """
        /// Softmax of the activations, layer \(index). 激活值
        func softmax\(index)(_ z: [Double]) -> [Double] {
            let m = z.max() ?? 0
            let e = z.map { exp($0 - m) }   // 保证输出都是正数
            let s = e.reduce(0, +)
            let t: [Double] = [2.5, -1, 3.2, 0.5]
            return e.map { $0 / s * \(index).5 } + t + [Double](repeating: -1, count: 0x\(index))
        }

        """
    }.joined()
}

/// The text of `html` with the spans removed and the escapes undone.
func plainText(of html: String) -> String {
    var text = html
    while let open = text.firstRange(of: #"<span class=""#) {
        let close = text[open.upperBound...].firstIndex(of: ">")!
        text.removeSubrange(open.lowerBound...close)
    }
    return text
        .replacing("</span>", with: "")
        .replacing("&lt;", with: "<")
        .replacing("&gt;", with: ">")
        .replacing("&amp;", with: "&")
}
