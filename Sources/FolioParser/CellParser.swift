import FolioModel

/// Reads a ```` ```swift ```` block's `//|` option lines (SPEC 3.4) and finds `{swift}`
/// inline expressions.
enum CellParser {
    /// The prefix of an option line.
    static let optionPrefix = "//|"

    /// The options a cell understands, for "did you mean".
    static let knownOptions = ["echo", "eval", "output", "error", "expect-error", "label", "fig-cap", "fig-alt", "tbl-cap"]

    /// The cell for a fenced block whose content is `code`, fenced at `location`; unknown or
    /// malformed options are warnings at their line.
    static func cell(code: String, location: SourceLocation, indent: Int, diagnostics: inout [Diagnostic]) -> Cell {
        var options = CellOptions()
        // cmark ends a code block's text with a newline; the cell's code is its lines. Only the
        // leading option lines are looked at one by one; the rest is kept as it is.
        var rest = code[...]
        if rest.hasSuffix("\n") { rest.removeLast() }
        var optionLines = 0
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let first = rest[..<end]
            guard first.trimmingLeadingSpaces.hasPrefix(optionPrefix) else { break }
            let line = location.line + 1 + optionLines
            let leading = first.count - first.trimmingLeadingSpaces.count
            let body = first.trimmingLeadingSpaces.dropFirst(optionPrefix.count)
            let keyStart = body.prefix(while: { $0 == " " }).count
            let place = SourceLocation(file: location.file, line: line, column: indent + 1 + leading + optionPrefix.count + keyStart)
            apply(String(body), to: &options, at: place, diagnostics: &diagnostics)
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
            optionLines += 1
        }
        return Cell(code: String(rest), options: options, location: location,
                    codeLine: location.line + 1 + optionLines, indent: indent)
    }

    private static func apply(_ option: String, to options: inout CellOptions, at place: SourceLocation,
                              diagnostics: inout [Diagnostic]) {
        guard let colon = option.firstIndex(of: ":") else {
            diagnostics.append(.warning("cell.malformed-option", "cell option must read 'key: value'", at: place))
            return
        }
        let key = option[..<colon].trimmingCharacters
        var value = option[option.index(after: colon)...].trimmingCharacters
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        func flag() -> Bool? {
            switch value {
            case "true": return true
            case "false": return false
            default:
                diagnostics.append(.warning("cell.invalid-option", "cell option '\(key)' must be true or false, not '\(value)'", at: place))
                return nil
            }
        }
        switch key {
        case "echo": options.echo = flag() ?? options.echo
        case "eval": options.eval = flag() ?? options.eval
        case "output": options.output = flag() ?? options.output
        case "error": options.error = flag() ?? options.error
        case "expect-error":
            // `true`, or the text the error's message must contain.
            switch value {
            case "false": options.expectedError = nil
            case "true", "": options.expectedError = ExpectedError(messageFragment: nil)
            default: options.expectedError = ExpectedError(messageFragment: value)
            }
            options.error = options.expectedError != nil || options.error
        case "label": options.label = value
        case "fig-cap": options.figureCaption = value
        case "fig-alt": options.figureAlt = value
        case "tbl-cap": options.tableCaption = value
        default:
            let suggestion = Spelling.closest(to: key, among: knownOptions).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(.warning("cell.unknown-option", "unknown cell option '\(key)' is ignored" + suggestion, at: place))
        }
    }

    /// The expression of an inline code span reading `{swift} expr`, or `nil`.
    static func expression(inCodeSpan literal: String) -> String? {
        let trimmed = literal.trimmingCharacters
        guard trimmed.hasPrefix("{swift}") else { return nil }
        let expression = trimmed.dropFirst("{swift}".count).trimmingCharacters
        return expression.isEmpty ? nil : expression
    }
}

extension StringProtocol {
    var trimmingLeadingSpaces: SubSequence {
        self[(firstIndex(where: { $0 != " " && $0 != "\t" }) ?? endIndex)...]
    }

    var trimmingCharacters: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\n" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\n" { slice.removeLast() }
        return String(slice)
    }
}
