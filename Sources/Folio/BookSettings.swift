import FolioEvaluate
import FolioModel
import FolioParser
import FolioPublish
import Yams

/// The book-wide settings in `chapters/book.yml`: the book's title and language, and
/// optionally its chapters in reading order.
struct BookSettings {
    var title = "Folio"
    var lang = "en"
    /// Whether pages say "✓ 3 checks hold" under cells whose expectations hold (`check-badges`).
    var checkBadges = true
    /// Whether headings are numbered, `3.1` under the chapter's place in the book, and `@sec-…`
    /// reads the number (`number-sections`, Quarto's key).
    var numberSections = false
    /// `.bib` files beside the chapters (`bibliography:`).
    var bibliography: [String] = []
    /// `author-date` (the default, Chicago's manner) or `numeric` (`citation-style:`).
    var citationStyle = "author-date"
    /// Whether the book gets a page listing every work it cites, after its chapters
    /// (`bibliography-page: true`).
    var bibliographyPage = false
    /// The paper `print.html` asks for and the PDF is printed on (`paper: a4` or `letter`).
    var paper = PaperSize.a4
    /// TeX macros every chapter's formulas may use (`macros:`), each where it is declared.
    var macros: [MacroDefinition] = []
    /// Swift packages cells may import (`dependencies:`), each where it is declared.
    var dependencies: [PackageDependency] = []
    /// The chapter files listed under `chapters:`, by file name, each with where it is listed;
    /// `nil` when the book orders its chapters by file name.
    var chapters: [(name: String, location: SourceLocation)]?

    static let fileName = "book.yml"

    /// The keys `book.yml` understands, for "did you mean".
    static let knownKeys = ["title", "lang", "chapters", "check-badges", "number-sections", "macros", "bibliography", "citation-style", "bibliography-page",
                            "paper", "dependencies"]

    /// Reads `book.yml` if the book has one; a problem in it is a diagnostic at its line.
    static func read(bytes: [UInt8]?, path: String, diagnostics: inout [Diagnostic]) -> BookSettings {
        var settings = BookSettings()
        guard let bytes else { return settings }
        let place = SourceLocation(file: path, line: 1, column: 1)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            diagnostics.append(.error("file.not-utf8", "file is not valid UTF-8", at: place))
            return settings
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return settings }
            guard let mapping = node.mapping else {
                diagnostics.append(.error("book.not-a-mapping", "book.yml must be a mapping of keys to values", at: place))
                return settings
            }
            for (key, value) in mapping {
                let location = SourceLocation(file: path, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)
                /// The place of a YAML node inside this key's value.
                func place(_ mark: Mark?) -> SourceLocation {
                    SourceLocation(file: path, line: mark?.line ?? location.line, column: mark?.column ?? 1)
                }
                /// The value as true or false; a warning at the key when it is neither.
                func flag() -> Bool? {
                    guard let flag = value.bool else {
                        diagnostics.append(.warning("book.invalid-value", "'\(key.string ?? "")' must be true or false", at: location))
                        return nil
                    }
                    return flag
                }
                switch key.string {
                case "title": settings.title = value.string ?? settings.title
                case "lang": settings.lang = value.string ?? settings.lang
                case "check-badges": settings.checkBadges = flag() ?? settings.checkBadges
                case "bibliography": settings.bibliography = BibliographyFiles.read(value, location: place, diagnostics: &diagnostics)
                case "bibliography-page": settings.bibliographyPage = flag() ?? settings.bibliographyPage
                case "citation-style":
                    guard let style = value.string, ["author-date", "numeric"].contains(style) else {
                        diagnostics.append(.warning("book.invalid-value", "'citation-style' must be author-date or numeric", at: location))
                        continue
                    }
                    settings.citationStyle = style
                case "paper":
                    guard let name = value.string, let paper = PaperSize(named: name) else {
                        diagnostics.append(.warning("book.invalid-value", "'paper' must be a4 or letter; the book is printed on A4", at: location))
                        continue
                    }
                    settings.paper = paper
                case "macros": settings.macros = MacroDeclarations.read(value, location: place, diagnostics: &diagnostics)
                case "number-sections": settings.numberSections = flag() ?? settings.numberSections
                case "dependencies": settings.dependencies = Self.dependencies(value, location: location, place: place, diagnostics: &diagnostics)
                case "chapters":
                    guard let list = value.sequence else {
                        diagnostics.append(.error("book.chapters", "'chapters' must be a list of chapter files", at: location))
                        continue
                    }
                    settings.chapters = list.compactMap { item in
                        guard let name = item.string, !name.isEmpty else {
                            diagnostics.append(.error("book.chapters", "each chapter in 'chapters' must be a file name", at: place(item.mark)))
                            return nil
                        }
                        return (name, place(item.mark))
                    }
                default:
                    let name = key.string ?? ""
                    let suggestion = Spelling.closest(to: name, among: knownKeys).map { "; did you mean '\($0)'?" } ?? ""
                    diagnostics.append(.warning("book.unknown-key", "unknown book.yml key '\(name)' is ignored" + suggestion, at: location))
                }
            }
        } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _) {
            diagnostics.append(.error("book.yaml", "book.yml is not valid YAML: \(problem)",
                                      at: SourceLocation(file: path, line: mark.line, column: mark.column)))
        } catch {
            diagnostics.append(.error("book.yaml", "book.yml is not valid YAML: \(error)", at: place))
        }
        return settings
    }

    /// `dependencies:`: a list of packages, each a `url:` with `from:` or `exact:`, or a `path:`,
    /// and the `products:` cells may import. A malformed item is an error at its line.
    static func dependencies(_ value: Node, location: SourceLocation, place: (Mark?) -> SourceLocation,
                             diagnostics: inout [Diagnostic]) -> [PackageDependency] {
        guard let list = value.sequence else {
            diagnostics.append(.error("book.dependency", "'dependencies' must be a list of packages, each with url: or path:, and products:", at: location))
            return []
        }
        return list.compactMap { item in
            let at = place(item.mark)
            func fail(_ message: String) -> PackageDependency? {
                diagnostics.append(.error("book.dependency", message, at: at))
                return nil
            }
            guard let fields = item.mapping else { return fail("each dependency must be a mapping with url: or path:, and products:") }
            func text(_ key: String) -> String? { fields[Node(key)]?.string.flatMap { $0.isEmpty ? nil : $0 } }
            for key in fields.keys.compactMap(\.string) where !["url", "from", "exact", "path", "products"].contains(key) {
                let suggestion = Spelling.closest(to: key, among: ["url", "from", "exact", "path", "products"]).map { "; did you mean '\($0)'?" } ?? ""
                return fail("unknown dependency key '\(key)'" + suggestion)
            }
            let products = fields[Node("products")]?.sequence?.compactMap(\.string).filter { !$0.isEmpty } ?? []
            guard !products.isEmpty else { return fail("a dependency needs 'products:', the modules cells may import, e.g. products: [Numerics]") }
            switch (text("url"), text("path")) {
            case (let url?, nil):
                guard text("from") != nil || text("exact") != nil else {
                    return fail("'\(url)' needs a version: 'from: 1.0.0' (up to the next major version) or 'exact: 1.0.0'")
                }
                guard text("from") == nil || text("exact") == nil else { return fail("give 'from:' or 'exact:', not both") }
                return PackageDependency(source: .url(url, from: text("from"), exact: text("exact")), products: products, location: at)
            case (nil, let path?):
                return PackageDependency(source: .path(path), products: products, location: at)
            default:
                return fail("each dependency needs exactly one of 'url:' and 'path:'")
            }
        }
    }
}
