import FolioModel
@testable import FolioParser

/// Parses `text` as the chapter `chapters/test.md`.
func parse(_ text: String, path: String = "chapters/test.md") -> ParsedChapter {
    ChapterParser().parse(Array(text.utf8), path: path)
}

/// The chapter parsed from `text`, which must parse.
func chapter(_ text: String) -> Chapter {
    parse(text).chapter!
}

/// The inlines of the chapter's only paragraph.
func paragraph(_ text: String) -> [Inline] {
    guard case .paragraph(let inlines)? = chapter(text).blocks.first else { return [] }
    return inlines
}

/// The TeX of every math inline, in order.
func texts(_ inlines: [Inline]) -> [String] {
    inlines.compactMap { if case .math(let math) = $0 { math.tex } else { nil } }
}

extension Diagnostic {
    /// `line:column id`, for compact assertions.
    var place: String { "\(location.line):\(location.column) \(id)" }
}
