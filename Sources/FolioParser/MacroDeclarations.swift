import FolioModel
import Yams

/// Reads `macros:` in YAML, the same in a chapter's front matter and in `book.yml`.
public enum MacroDeclarations {
    /// The TeX macros a `macros:` mapping declares (`\RR: \mathbb{R}`, or `RR:` without the
    /// backslash), each placed at its name; anything but a mapping of names to text is an error.
    public static func read(_ value: Node, location: (Mark?) -> SourceLocation, diagnostics: inout [Diagnostic]) -> [MacroDefinition] {
        guard let mapping = value.mapping else {
            diagnostics.append(.error("macros.not-a-mapping", "'macros' must map macro names to their TeX, such as '\\RR: \\mathbb{R}'",
                                      at: location(value.mark)))
            return []
        }
        var definitions: [MacroDefinition] = []
        for (name, body) in mapping {
            guard let key = name.string, let text = body.scalar?.string else {
                diagnostics.append(.error("macros.invalid", "each macro must be a name and its TeX as text", at: location(name.mark)))
                continue
            }
            definitions.append(MacroDefinition(name: key, body: text, location: location(name.mark)))
        }
        return definitions
    }
}

/// Reads `bibliography:` in YAML, the same in a chapter's front matter and in `book.yml`: one
/// `.bib` file, or a list of them, as paths relative to the chapters' folder.
public enum BibliographyFiles {
    public static func read(_ value: Node, location: (Mark?) -> SourceLocation, diagnostics: inout [Diagnostic]) -> [String] {
        if let single = value.scalar?.string, !single.isEmpty { return [single] }
        guard let list = value.sequence else {
            diagnostics.append(.error("bibliography.invalid", "'bibliography' must name a .bib file or a list of them", at: location(value.mark)))
            return []
        }
        return list.compactMap { item in
            guard let path = item.scalar?.string, !path.isEmpty else {
                diagnostics.append(.error("bibliography.invalid", "each bibliography must be the path of a .bib file", at: location(item.mark)))
                return nil
            }
            return path
        }
    }
}
