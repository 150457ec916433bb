import FolioModel
import Yams

/// Reads the optional YAML block at the top of a chapter (SPEC 3.1).
struct FrontMatterParser {
    let file: String

    /// The front matter found at the start of `text`, and the text with the YAML block replaced by
    /// as many empty lines, so that Markdown line numbers stay those of the file.
    func parse(_ text: String, diagnostics: inout [Diagnostic]) -> (FrontMatter, body: String) {
        // Bytes, not Characters: only the block's own lines are looked at, and a chapter without
        // front matter costs one line. (Splitting every chapter into lines of Characters was a
        // fifth of parsing a book.)
        let bytes = Array(text.utf8)
        func lineEnd(from start: Int) -> Int {
            bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        }
        func isFence(_ start: Int, _ end: Int, _ fences: [String]) -> Bool {
            var last = end
            while last > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[last - 1]) { last -= 1 }
            return fences.contains { $0.utf8.elementsEqual(bytes[start..<last]) }
        }
        let firstEnd = lineEnd(from: 0)
        guard isFence(0, firstEnd, ["---"]) else { return (FrontMatter(), text) }
        var start = firstEnd + 1
        var line = 1
        while start <= bytes.count {
            let end = lineEnd(from: start)
            if isFence(start, end, ["---", "..."]) {
                let yaml = line > 1 ? String(decoding: bytes[(firstEnd + 1)..<(start - 1)], as: UTF8.self) : ""
                // The block's lines become empty lines, so Markdown line numbers stay the file's.
                var body = String(repeating: "\n", count: line)
                if end < bytes.count { body += "\n" + String(decoding: bytes[(end + 1)...], as: UTF8.self) }
                return (read(yaml, diagnostics: &diagnostics), body)
            }
            start = end + 1
            line += 1
        }
        diagnostics.append(.error("front-matter.unclosed", "front matter opened with '---' is never closed", at: location(1, 1)))
        return (FrontMatter(), text)
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// A YAML mark is 1-based within the block, which starts on the file's line 2.
    private func location(of mark: Mark?) -> SourceLocation {
        guard let mark else { return location(2, 1) }
        return location(mark.line + 1, mark.column)
    }

    private func read(_ yaml: String, diagnostics: inout [Diagnostic]) -> FrontMatter {
        var frontMatter = FrontMatter()
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file))
            return frontMatter
        } catch {
            diagnostics.append(.error("front-matter.yaml", "front matter is not valid YAML: \(error)", at: location(2, 1)))
            return frontMatter
        }
        guard let root else { return frontMatter }
        guard let mapping = root.mapping else {
            diagnostics.append(.error("front-matter.not-a-mapping", "front matter must be a mapping of keys to values", at: location(of: root.mark)))
            return frontMatter
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let place = location(of: value.mark ?? keyNode.mark)
            func integer(in range: ClosedRange<Int>) -> Int? {
                guard let number = value.int, range.contains(number) else {
                    diagnostics.append(.error("front-matter.invalid-value", "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: place))
                    return nil
                }
                return number
            }
            func text() -> String? {
                guard let string = value.scalar?.string, !string.isEmpty else {
                    diagnostics.append(.error("front-matter.invalid-value", "'\(key)' must be a non-empty string", at: place))
                    return nil
                }
                return string
            }
            switch key {
            case "title":
                frontMatter.title = text() ?? frontMatter.title
            case "lang":
                frontMatter.lang = text() ?? frontMatter.lang
            case "equation-start":
                frontMatter.equationStart = integer(in: 0...1_000_000) ?? frontMatter.equationStart
            case "digits":
                frontMatter.digits = integer(in: 1...17) ?? frontMatter.digits
            case "bibliography":
                frontMatter.bibliography = BibliographyFiles.read(value, location: location(of:), diagnostics: &diagnostics)
            case "macros":
                frontMatter.macros = MacroDeclarations.read(value, location: location(of:), diagnostics: &diagnostics)
            default:
                let suggestion = Spelling.closest(to: key, among: ["title", "lang", "equation-start", "digits", "macros", "bibliography"]).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(.warning("front-matter.unknown-key", "unknown front matter key '\(key)' is ignored" + suggestion,
                                            at: location(of: keyNode.mark)))
            }
        }
        return frontMatter
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return .error("front-matter.yaml", "front matter is not valid YAML: \(detail)",
                          at: SourceLocation(file: file, line: mark.line + 1, column: mark.column))
        default:
            return .error("front-matter.yaml", "front matter is not valid YAML: \(error)",
                          at: SourceLocation(file: file, line: 2, column: 1))
        }
    }
}
