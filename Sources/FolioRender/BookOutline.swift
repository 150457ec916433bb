import FolioMath
import FolioModel

/// What every page needs to know about the whole book: its title and language, and its
/// chapters in order, for the index and for navigation.
public struct BookOutline: Sendable, Equatable {
    /// One chapter as the book lists it.
    public struct Entry: Sendable, Equatable {
        public var slug: String
        public var title: String

        public init(slug: String, title: String) {
            self.slug = slug
            self.title = title
        }
    }

    public var title: String
    public var lang: String
    public var chapters: [Entry]
    /// Whether a cell whose expectations all hold says so ("✓ 3 checks hold"). A published book
    /// may turn them off (`check-badges: false`); the preview always shows them.
    public var showsCheckBadges: Bool
    /// The book's TeX macros (`macros:` in `book.yml`), which every chapter's formulas see.
    public var macros: MathMacros

    public init(title: String, lang: String, chapters: [Entry], showsCheckBadges: Bool = true, macros: MathMacros = MathMacros()) {
        self.title = title
        self.lang = lang
        self.chapters = chapters
        self.showsCheckBadges = showsCheckBadges
        self.macros = macros
    }
}

/// The few words Folio itself puts on a page, in the page's language.
struct Vocabulary {
    let contents: String
    let skipToContent: String
    let chapterContents: String
    let generatedBy: String
    let mathError: String
    let unresolved: String
    let truncated: String
    /// The name of what a cell wrote on standard error.
    let standardError: String
    /// What a chapter that has never built says instead of its text.
    let notBuilt: String
    /// "图" or "Figure", before a figure's number.
    let figure: String
    /// "表" or "Table", before a table's number.
    let table: String
    /// What ends "Figure 3" when a caption follows it, and the space before the caption: ":" and
    /// a space, or a full-width "：", which carries its own space.
    let captionColon: String
    let captionGap: String
    /// The heading of the notes at the end of the page.
    let footnotes: String
    /// The heading of a chapter's reference list.
    let references: String
    /// The title of the book's page of every work it cites.
    let bibliography: String
    let figureData: String
    /// The name of the links to the previous and next chapters, and their labels.
    let pager: String
    let previousChapter: String
    let nextChapter: String
    private let checks: (Int) -> String
    private let dataFile: (String?, Int) -> String
    private let section: (String) -> String
    private let backlink: (Int, Int, Int) -> String
    private let calloutLabels: [Callout.Kind: String]

    /// "图中的数据（CSV，101 行）": the link to a figure's data file, with the panel's name.
    func figureDataFile(_ panel: String?, _ rows: Int) -> String { dataFile(panel, rows) }

    /// "✓ 3 checks hold", in the page's language.
    func checksHold(_ count: Int) -> String { checks(count) }

    /// How a resolved reference reads: "(78)", "Figure 3", "表 2", "Section 3.2" or a section's
    /// heading.
    func reference(to target: ReferenceTarget, parenthesized: Bool = true) -> String {
        switch target.kind {
        case .equation: parenthesized ? "(\(target.number))" : target.number
        case .figure: "\(figure) \(target.number)"
        case .table: "\(table) \(target.number)"
        case .section: target.number.isEmpty ? target.title ?? "" : section(target.number)
        }
    }

    /// "Back to reference 2": the name of a footnote's link back to its `occurrence`th reference
    /// of `count`, which says which one when there are several.
    func backToReference(_ number: Int, occurrence: Int, of count: Int) -> String { backlink(number, occurrence, count) }

    /// "Note" or "备注": the title of a callout of `kind`.
    func calloutLabel(_ kind: Callout.Kind) -> String { calloutLabels[kind] ?? kind.rawValue }

    init(lang: String) {
        if lang.lowercased().hasPrefix("zh") {
            contents = "目录"
            skipToContent = "跳到正文"
            chapterContents = "本章内容"
            generatedBy = "由 Folio 生成"
            mathError = "公式有误"
            unresolved = "未找到的引用"
            truncated = "（输出过长，已截断）"
            standardError = "标准错误输出"
            notBuilt = "本章尚未能生成：修正以下错误后重新生成。"
            figure = "图"
            table = "表"
            captionColon = "："
            captionGap = ""
            footnotes = "脚注"
            references = "参考文献"
            bibliography = "全书参考文献"
            figureData = "图中的数据"
            pager = "上一章与下一章"
            previousChapter = "上一章"
            nextChapter = "下一章"
            checks = { "✓ \($0) 项检查通过" }
            dataFile = { panel, rows in (panel.map { "\($0)：" } ?? "") + "图中的数据（CSV，\(rows) 行）" }
            section = { "第 \($0) 节" }
            backlink = { number, occurrence, count in count > 1 ? "返回引用 \(number)（第 \(occurrence) 处，共 \(count) 处）" : "返回引用 \(number)" }
            // Microsoft Learn's words, whose alerts GitHub's syntax comes from.
            calloutLabels = [.note: "备注", .tip: "提示", .important: "重要", .warning: "警告", .caution: "注意"]
        } else {
            contents = "Contents"
            skipToContent = "Skip to content"
            chapterContents = "On this page"
            generatedBy = "Made with Folio"
            mathError = "Formula error"
            unresolved = "Unresolved reference"
            truncated = "(output truncated)"
            standardError = "Standard error"
            notBuilt = "This chapter has not been built yet: fix these errors and render again."
            figure = "Figure"
            table = "Table"
            captionColon = ":"
            captionGap = " "
            footnotes = "Footnotes"
            references = "References"
            bibliography = "Bibliography"
            figureData = "Data in this figure"
            pager = "Previous and next chapter"
            previousChapter = "Previous"
            nextChapter = "Next"
            checks = { $0 == 1 ? "✓ 1 check holds" : "✓ \($0) checks hold" }
            dataFile = { panel, rows in (panel.map { "\($0): " } ?? "") + "Data in this figure (CSV, \(rows) rows)" }
            section = { "Section \($0)" }
            backlink = { number, occurrence, count in
                count > 1 ? "Back to reference \(number) (\(occurrence) of \(count))" : "Back to reference \(number)"
            }
            calloutLabels = [.note: "Note", .tip: "Tip", .important: "Important", .warning: "Warning", .caution: "Caution"]
        }
    }
}
