import FolioModel
import Testing
@testable import FolioParser
import FolioNumbering

@Suite struct FrontMatterTests {
    @Test func readsKnownKeys() {
        let parsed = parse("---\ntitle: Softmax\nlang: zh-CN\nequation-start: 78\ndigits: 3\n---\n# 正文\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.chapter?.frontMatter == FrontMatter(title: "Softmax", lang: "zh-CN", equationStart: 78, digits: 3))
        #expect(parsed.chapter?.title == "Softmax")
    }

    @Test func defaultsWithoutFrontMatter() {
        let chapter = chapter("# 标题\n")
        #expect(chapter.frontMatter == FrontMatter())
        #expect(chapter.title == "标题")
    }

    @Test func unknownKeyIsAWarningAtItsLine() {
        let parsed = parse("---\ntitle: A\nauthor: B\n---\ntext\n")
        #expect(parsed.diagnostics.map(\.place) == ["3:1 front-matter.unknown-key"])
        #expect(parsed.diagnostics[0].severity == .warning)
    }

    @Test func brokenYAMLIsAnErrorAtItsLine() {
        let parsed = parse("---\ntitle: A\nlang: [zh\n---\ntext\n")
        #expect(parsed.diagnostics.count == 1)
        #expect(parsed.diagnostics[0].severity == .error)
        #expect(parsed.diagnostics[0].id == "front-matter.yaml")
        #expect(parsed.diagnostics[0].location.line >= 3)
    }

    @Test func wrongTypeIsAnError() {
        let parsed = parse("---\nequation-start: many\n---\n")
        #expect(parsed.diagnostics.map(\.place) == ["2:17 front-matter.invalid-value"])
    }

    @Test func frontMatterKeepsLineNumbers() {
        let parsed = parse("---\ntitle: A\n---\n\n$$x$$ more $$y_^$$\n")
        guard case .paragraph(let inlines) = parsed.chapter!.blocks[0], case .math(let math) = inlines[0] else {
            Issue.record("expected math"); return
        }
        #expect(math.location.line == 5)
    }
}

@Suite struct ChapterParserTests {
    @Test func nonUTF8IsAnErrorAtItsLine() {
        var bytes = Array("ok\nline two \u{4E2D}\n".utf8)
        bytes += [0xC3, 0x28]
        let parsed = ChapterParser().parse(bytes, path: "chapters/bad.md")
        #expect(parsed.chapter == nil)
        #expect(parsed.diagnostics.map(\.place) == ["3:1 file.not-utf8"])
    }

    @Test func emptyFileParses() {
        let parsed = parse("")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.chapter?.blocks == [])
        #expect(parsed.chapter?.slug == "test")
    }

    @Test func crlfAndByteOrderMarkKeepLineNumbers() {
        let parsed = parse("\u{FEFF}---\r\ntitle: T\r\n---\r\nline\r\n\r\n$$x$$ and $$z_^L$$\r\n")
        #expect(parsed.diagnostics.isEmpty)
        guard case .paragraph(let inlines) = parsed.chapter!.blocks[1], case .math(let math) = inlines[2] else {
            Issue.record("expected math: \(parsed.chapter!.blocks)"); return
        }
        #expect(math.location == SourceLocation(file: "chapters/test.md", line: 6, column: 13))
    }

    @Test func headingAnchorsAreUniqueAndKeepChinese() {
        let headings = chapter("# Softmax\n## 练习\n## 练习\n## A *b* c!\n").blocks.compactMap {
            if case .heading(let heading) = $0 { heading.id } else { nil }
        }
        #expect(headings == ["softmax", "练习", "练习-1", "a-b-c"])
    }

    @Test func slugComesFromTheFileName() {
        #expect(ChapterParser.slug(of: "chapters/03-softmax.md") == "03-softmax")
    }
}

@Suite struct ReferenceTests {
    @Test func referencesResolveToEquationNumbers() {
        var chapters = [chapter("---\nequation-start: 78\n---\n方程@eq-softmax可能\n\n$$a$$ {#eq-softmax}\n")]
        let diagnostics = BookNumbering.number(&chapters)
        #expect(diagnostics.isEmpty)
        guard case .paragraph(let inlines) = chapters[0].blocks[0], case .reference(let reference) = inlines[1] else {
            Issue.record("expected a reference"); return
        }
        #expect(reference.target == ReferenceTarget(number: "78", page: "test"))
        #expect(inlines.plainText == "方程(78)可能")
    }

    @Test func unknownReferenceIsAWarningAtItsPlace() {
        var chapters = [chapter("第一行\n见方程 @eq-missing。\n")]
        let diagnostics = BookNumbering.number(&chapters)
        #expect(diagnostics.map(\.place) == ["2:5 reference.unknown"])
    }

    @Test func addressesAreNotReferences() {
        let inlines = paragraph("mail me@eq-host.org or @eq- or @eq-a-.")
        #expect(inlines.filter { if case .reference = $0 { true } else { false } }.count == 1)
        #expect(inlines.plainText == "mail me@eq-host.org or @eq- or @eq-a-.")
    }
}
