/// Formatted bibliographic text for the renderer: never HTML, so the renderer escapes every
/// string and decides the markup.
///
/// Non-breaking spaces are U+00A0 in `text`; math is TeX for the renderer to typeset.
public indirect enum TextRun: Sendable, Hashable {
    /// Plain characters.
    case text(String)
    /// Italic: book and journal titles, `\emph{…}` in a field.
    case emphasis([TextRun])
    /// Bold: `\textbf{…}` in a field, an unknown key.
    case strong([TextRun])
    /// Small capitals: `\textsc{…}` in a field.
    case smallCaps([TextRun])
    /// Monospace: `\texttt{…}` in a field.
    case code([TextRun])
    /// TeX math from `$…$` in a field.
    case math(String)
    /// A link out of the book: a DOI or URL.
    case link(url: String, [TextRun])
    /// A citation's link to its entry in the reference list; the renderer makes it
    /// `<a href="#\(anchor)">` (or points it at the bibliography page).
    case reference(anchor: String, [TextRun])

    /// The characters without markup (math as its TeX).
    public static func plainText(_ runs: [TextRun]) -> String {
        var text = ""
        for run in runs { run.appendPlainText(to: &text) }
        return text
    }

    private func appendPlainText(to text: inout String) {
        switch self {
        case .text(let string), .math(let string): text += string
        case .emphasis(let runs), .strong(let runs), .smallCaps(let runs), .code(let runs), .link(_, let runs),
             .reference(_, let runs):
            for run in runs { run.appendPlainText(to: &text) }
        }
    }
}

extension BibText {
    /// The text as runs: attributes become nested runs, at most four deep.
    var runs: [TextRun] {
        var runs: [TextRun] = []
        for span in spans {
            var run: TextRun = span.attributes.contains(.math) ? .math(span.text) : .text(span.text)
            if span.attributes.contains(.monospace) { run = .code([run]) }
            if span.attributes.contains(.smallCaps) { run = .smallCaps([run]) }
            if span.attributes.contains(.strong) { run = .strong([run]) }
            if span.attributes.contains(.emphasis) { run = .emphasis([run]) }
            runs.append(run)
        }
        return runs
    }
}

/// Builds a list of runs, merging neighbouring plain text.
struct RunBuilder {
    private(set) var runs: [TextRun] = []

    var isEmpty: Bool { runs.isEmpty }

    mutating func text(_ string: String) {
        guard !string.isEmpty else { return }
        if case .text(let last)? = runs.last {
            runs[runs.count - 1] = .text(last + string)
        } else {
            runs.append(.text(string))
        }
    }

    mutating func append(_ run: TextRun) {
        if case .text(let string) = run { text(string) } else { runs.append(run) }
    }

    mutating func append(contentsOf other: [TextRun]) {
        for run in other { append(run) }
    }

    /// The last character written, to avoid doubled punctuation ("Title?." → "Title?").
    var lastCharacter: Character? {
        var last = runs.last
        while let run = last {
            switch run {
            case .text(let string), .math(let string): return string.last
            case .emphasis(let inner), .strong(let inner), .smallCaps(let inner), .code(let inner), .link(_, let inner),
                 .reference(_, let inner):
                last = inner.last
            }
        }
        return nil
    }
}
