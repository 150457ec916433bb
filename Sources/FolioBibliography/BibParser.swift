/// Reads the entries of one `.bib` file from its UTF-8 bytes, as BibTeX and Biber accept them.
///
/// One pass over the bytes, no recursion: time is linear in the file's size and memory is the
/// entries kept. Problems become diagnostics and parsing goes on at the next line that starts
/// with `@`.
struct BibParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var macros: [String: String] = BibParser.monthMacros
    private(set) var entries: [BibEntry] = []
    private(set) var diagnostics: [BibDiagnostic] = []
    private var lineStarts: [Int] = []
    /// In the value just read, a brace still open at a line break: the likely culprit when the
    /// value turns out to end in the wrong place.
    private var suspectBrace: Int?

    /// The most diagnostics one file reports; past that a file is not a bibliography.
    static let diagnosticLimit = 200
    /// The longest value a field or `@string` may expand to: `@string{a = a # a}` repeated
    /// would otherwise double its size each time.
    static let valueLimit = 1 << 20

    /// BibTeX's month macros, `jan` to `dec`.
    static let monthMacros: [String: String] = {
        var macros: [String: String] = [:]
        for name in BibEntry.monthNames { macros[String(name.prefix(3)).lowercased()] = name }
        return macros
    }()

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Reads the whole file.
    mutating func parse() {
        while true {
            guard let at = nextAt(from: index) else { break }
            index = at + 1
            skipWhitespace()
            let type = readIdentifier().lowercased()
            // A lone `@` outside an entry is comment text, as it is for BibTeX.
            guard !type.isEmpty else { continue }
            skipWhitespaceAndComments()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "(") else {
                // `@comment` without braces comments out the rest of its line.
                if type == "comment" { continue }
                report("bib.expected-brace", "Expected ‘{’ or ‘(’ after ‘@\(type)’", at: index)
                recover()
                continue
            }
            let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
            let open = index
            switch type {
            case "comment":
                // `@comment{…}` is skipped whole; Biber allows anything balanced inside.
                if !skipBalanced(from: open) { report("bib.unbalanced-brace", "This @comment is never closed", at: open) }
            case "preamble":
                if !skipBalanced(from: open) { report("bib.unbalanced-brace", "This @preamble is never closed", at: open) }
            case "string":
                index = open + 1
                if !parseStrings(close: close) { recover() }
            default:
                index = open + 1
                if !parseEntry(type: type, at: at, close: close) { recover() }
            }
        }
    }

    // MARK: Entries

    private mutating func parseEntry(type: String, at: Int, close: UInt8) -> Bool {
        skipWhitespaceAndComments()
        let keyStart = index
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ","), bytes[index] != close,
              bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: "{"), bytes[index] != UInt8(ascii: "}") {
            index += 1
        }
        let key = String(decoding: bytes[keyStart..<index], as: UTF8.self)
        skipWhitespaceAndComments()
        if key.isEmpty || (index < bytes.count && bytes[index] == UInt8(ascii: "=")) {
            report("bib.missing-key", "This @\(type) entry has no key: write one before its first field, as in ‘@\(type){key, …’", at: keyStart)
            return false
        }
        var fields: [String: String] = [:]
        if index < bytes.count, bytes[index] == close {
            index += 1
            addEntry(key: key, type: type, fields: fields, at: at)
            return true
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else {
            report("bib.expected-comma", "Expected ‘,’ after the key ‘\(key)’", at: index)
            return false
        }
        index += 1
        while true {
            skipWhitespaceAndComments()
            guard index < bytes.count else {
                report("bib.unbalanced-brace", "The entry ‘\(key)’ is never closed", at: at)
                addEntry(key: key, type: type, fields: fields, at: at)
                return true
            }
            if bytes[index] == close {
                index += 1
                addEntry(key: key, type: type, fields: fields, at: at)
                return true
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            let nameStart = index
            let name = readIdentifier().lowercased()
            guard !name.isEmpty else {
                report("bib.expected-field", "Expected a field name in ‘\(key)’, found ‘\(character(at: index))’", at: index)
                addEntry(key: key, type: type, fields: fields, at: at)
                return false
            }
            skipWhitespaceAndComments()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                report("bib.expected-equals", "Expected ‘=’ after the field name ‘\(name)’", at: index)
                addEntry(key: key, type: type, fields: fields, at: at)
                return false
            }
            index += 1
            skipWhitespaceAndComments()
            if index >= bytes.count || bytes[index] == UInt8(ascii: ",") || bytes[index] == close {
                report("bib.missing-value", "The field ‘\(name)’ of ‘\(key)’ has no value", at: index)
                continue
            }
            guard let value = readValue(defining: nil) else {
                addEntry(key: key, type: type, fields: fields, at: at)
                return false
            }
            if fields[name] == nil {
                fields[name] = value
            } else {
                report("bib.duplicate-field", "‘\(key)’ has a second ‘\(name)’ field; the first is used", at: nameStart, severity: .warning)
            }
            skipWhitespaceAndComments()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") || bytes[index] == close else {
                if let suspectBrace {
                    // `{Deep {Learning},` and the entry's own `}` closing the value: the brace
                    // left open across the line break is the mistake.
                    report("bib.unbalanced-brace", "This ‘{’ is never closed, so the value of ‘\(name)’ runs on past its line", at: suspectBrace)
                } else {
                    report("bib.expected-comma", "Expected ‘,’ or ‘\(Character(Unicode.Scalar(close)))’ after the value of ‘\(name)’", at: index)
                }
                addEntry(key: key, type: type, fields: fields, at: at)
                return false
            }
        }
    }

    private mutating func addEntry(key: String, type: String, fields: [String: String], at: Int) {
        let (line, column) = position(of: at)
        entries.append(BibEntry(key: key, type: type, fields: fields, location: BibLocation(file: file, line: line, column: column)))
    }

    /// `@string{name = value}`; Biber also takes several, separated by commas.
    private mutating func parseStrings(close: UInt8) -> Bool {
        while true {
            skipWhitespaceAndComments()
            guard index < bytes.count else {
                report("bib.unbalanced-brace", "This @string is never closed", at: index)
                return false
            }
            if bytes[index] == close { index += 1; return true }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            let name = readIdentifier().lowercased()
            guard !name.isEmpty else {
                report("bib.expected-field", "Expected a macro name in @string, found ‘\(character(at: index))’", at: index)
                return false
            }
            skipWhitespaceAndComments()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                report("bib.expected-equals", "Expected ‘=’ after the macro name ‘\(name)’", at: index)
                return false
            }
            index += 1
            skipWhitespaceAndComments()
            if index >= bytes.count || bytes[index] == close || bytes[index] == UInt8(ascii: ",") {
                report("bib.missing-value", "The @string ‘\(name)’ has no value", at: index)
                continue
            }
            guard let value = readValue(defining: name) else { return false }
            macros[name] = value
        }
    }

    // MARK: Values

    /// A value: pieces (`{…}`, `"…"`, a number, a macro) joined by `#`. Nil when the value
    /// cannot be read; the error is reported and the caller recovers.
    private mutating func readValue(defining macro: String?) -> String? {
        suspectBrace = nil
        var value = ""
        while true {
            guard index < bytes.count else { return value }
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "\"") {
                guard let piece = readDelimited() else { return nil }
                value += piece
            } else if isDigit(byte) {
                let start = index
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                value += String(decoding: bytes[start..<index], as: UTF8.self)
            } else {
                let start = index
                let name = readIdentifier().lowercased()
                guard !name.isEmpty else {
                    report("bib.expected-value", "Expected a value: ‘{…}’, ‘\"…\"’, a number or a @string name; found ‘\(character(at: index))’", at: index)
                    return nil
                }
                if let expansion = macros[name] {
                    value += expansion
                } else if name == macro {
                    report("bib.recursive-macro", "The @string ‘\(name)’ refers to itself", at: start)
                } else {
                    report("bib.unknown-macro", "No @string is named ‘\(name)’; it is read as empty", at: start, severity: .warning)
                }
            }
            if value.utf8.count > BibParser.valueLimit {
                report("bib.value-too-long", "This value is longer than \(BibParser.valueLimit) bytes; it is cut there", at: index)
                value = String(decoding: value.utf8.prefix(BibParser.valueLimit), as: UTF8.self)
            }
            skipWhitespaceAndComments()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "#") else { return value }
            index += 1
            skipWhitespaceAndComments()
        }
    }

    /// A `{…}` or `"…"` piece, its content without the delimiters. An opening brace that is never
    /// closed is reported there; reading resumes at the line starting with `@` that showed it.
    private mutating func readDelimited() -> String? {
        let open = index
        let quoted = bytes[index] == UInt8(ascii: "\"")
        var depth = quoted ? 0 : 1
        var openBraces: [Int] = []
        var position = index + 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "{") {
                depth += 1
                openBraces.append(position)
            } else if byte == UInt8(ascii: "}") {
                if !openBraces.isEmpty { openBraces.removeLast() }
                depth -= 1
                if depth == 0 && !quoted {
                    index = position + 1
                    return String(decoding: bytes[(open + 1)..<position], as: UTF8.self)
                }
                if depth < 0 {
                    report("bib.unbalanced-brace", "This ‘}’ closes a brace that was never opened", at: position)
                    index = position
                    return nil
                }
            } else if byte == UInt8(ascii: "\"") && quoted && depth == 0 {
                index = position + 1
                return String(decoding: bytes[(open + 1)..<position], as: UTF8.self)
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if startsEntry(afterLineBreakAt: position) { break }
                if suspectBrace == nil, looksLikeField(afterLineBreakAt: position) { suspectBrace = openBraces.last ?? open }
            }
            position += 1
        }
        let what = quoted ? "This quoted value is never closed" : "This ‘{’ is never closed"
        report("bib.unbalanced-brace", what, at: open)
        index = position
        return nil
    }

    /// Whether the line after the break at `position` starts a new entry (`@type{` or `@type(`):
    /// a value still open there has lost its closing brace.
    private func startsEntry(afterLineBreakAt position: Int) -> Bool {
        var cursor = position + 1
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "@") else { return false }
        cursor += 1
        let start = cursor
        while cursor < bytes.count, isIdentifierByte(bytes[cursor]) { cursor += 1 }
        guard cursor > start else { return false }
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        return cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "{") || bytes[cursor] == UInt8(ascii: "("))
    }

    /// Whether the line after the break at `position` starts like a field, `name =`.
    private func looksLikeField(afterLineBreakAt position: Int) -> Bool {
        var cursor = position + 1
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        let start = cursor
        while cursor < bytes.count, isIdentifierByte(bytes[cursor]) { cursor += 1 }
        guard cursor > start else { return false }
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        return cursor < bytes.count && bytes[cursor] == UInt8(ascii: "=")
    }

    /// Skips a balanced group from the delimiter at `start`; false when it never closes.
    private mutating func skipBalanced(from start: Int) -> Bool {
        let open = bytes[start]
        let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
        var depth = 0
        var position = start
        while position < bytes.count {
            if bytes[position] == open { depth += 1 }
            if bytes[position] == close {
                depth -= 1
                if depth == 0 {
                    index = position + 1
                    return true
                }
            }
            position += 1
        }
        index = bytes.count
        return false
    }

    // MARK: Scanning

    /// The next `@` at or after `start`; a `%` comment line's `@` does not count (Biber's rule).
    private func nextAt(from start: Int) -> Int? {
        var position = start
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "@") { return position }
            if bytes[position] == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: "\r") { position += 1 }
                continue
            }
            position += 1
        }
        return nil
    }

    /// After an error: go on at the next line that starts with `@`.
    private mutating func recover() {
        // From the byte before: the error may have stopped right at such a line's `@`.
        var position = max(index - 1, 0)
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r") {
                var cursor = position + 1
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "@") {
                    index = cursor
                    return
                }
            }
            position += 1
        }
        index = bytes.count
    }

    private mutating func readIdentifier() -> String {
        let start = index
        while index < bytes.count, isIdentifierByte(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    }

    /// Between the tokens of an entry, `%` starts a comment to the end of the line (Biber's rule).
    private mutating func skipWhitespaceAndComments() {
        while index < bytes.count {
            if isSpace(bytes[index]) {
                index += 1
            } else if bytes[index] == UInt8(ascii: "%") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") { index += 1 }
            } else {
                return
            }
        }
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Bytes of entry types, field names and macro names: anything BibTeX does not reserve.
    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "+"),
             UInt8(ascii: "/"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "&"),
             UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "[") , UInt8(ascii: "]"):
            return true
        default:
            return byte >= 0x80
        }
    }

    private func character(at position: Int) -> String {
        guard position < bytes.count else { return "end of file" }
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    // MARK: Locations

    private mutating func report(_ id: String, _ message: String, at offset: Int, severity: BibDiagnostic.Severity = .error) {
        guard diagnostics.count <= BibParser.diagnosticLimit else { return }
        if diagnostics.count == BibParser.diagnosticLimit {
            let (line, column) = position(of: offset)
            diagnostics.append(BibDiagnostic(id: "bib.too-many-problems", message: "More than \(BibParser.diagnosticLimit) problems; the rest are not shown", severity: .error, file: file, line: line, column: column))
            return
        }
        let (line, column) = position(of: offset)
        diagnostics.append(BibDiagnostic(id: id, message: message, severity: severity, file: file, line: line, column: column))
    }

    /// Line and column of a byte offset. Line starts are found once, when first needed.
    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        if lineStarts.isEmpty { lineStarts = BibParser.lineStarts(of: bytes) }
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var cursor = lineStarts[low]
        while cursor < clamped {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return (low + 1, column)
    }

    /// Offsets where lines start; LF, CRLF and CR each end a line.
    static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var position = 0
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\n") {
                starts.append(position + 1)
            } else if bytes[position] == UInt8(ascii: "\r") {
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\n") { position += 1 }
                starts.append(position + 1)
            }
            position += 1
        }
        return starts
    }
}
