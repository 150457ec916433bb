import FolioModel

/// Reads swiftc's diagnostics (`-diagnostic-style=llvm`: `file:line:column: severity: message`)
/// and places them in the author's files. swiftc counts columns in bytes; Folio in characters.
struct CompilerDiagnostics {
    let chapter: Chapter
    let units: [ProgramUnit]
    let sharedFiles: [SharedFile]

    func diagnostics(in output: String) -> [Diagnostic] {
        var seen: Set<String> = []
        var result: [Diagnostic] = []
        var generated: [Diagnostic] = []
        for line in output.split(separator: "\n") {
            guard let (diagnostic, inAuthorsCode) = parse(line), seen.insert(diagnostic.summary).inserted else { continue }
            if inAuthorsCode { result.append(diagnostic) } else { generated.append(diagnostic) }
        }
        // An error in the code Folio wraps around the author's follows from one in the author's
        // code (an unclosed comment swallows the wrapping); only on its own is it worth showing.
        if !result.containsError { result += generated }
        if result.isEmpty, !output.isEmpty, output.contains("error") {
            // A failure with no location (the linker, a crashed frontend): say so at the chapter.
            let first = output.split(separator: "\n").first { $0.contains("error") }.map(String.init) ?? output
            result.append(.error("cell.compile-error", "the chapter's program did not build: \(first)",
                                 at: SourceLocation(file: chapter.path, line: 1, column: 1)))
        }
        return result
    }

    /// The diagnostic on one line of swiftc's output, and whether it is in the author's code.
    private func parse(_ line: Substring) -> (Diagnostic, Bool)? {
        // path:line:column: severity: message — the path may itself contain colons.
        let parts = line.split(separator: ":", maxSplits: Int.max, omittingEmptySubsequences: false)
        for index in parts.indices.dropFirst().dropLast(3) {
            guard let lineNumber = Int(parts[index]), let byteColumn = Int(parts[index + 1]) else { continue }
            let severityText = parts[index + 2].trimmingSpaces
            let severity: Diagnostic.Severity
            switch severityText {
            case "error": severity = .error
            case "warning": severity = .warning
            default: return nil
            }
            let path = parts[..<index].joined(separator: ":")
            let message = parts[(index + 3)...].joined(separator: ":").trimmingSpaces
            guard let location = place(path: path, line: lineNumber, byteColumn: byteColumn, severity: severity) else { return nil }
            let id = severity == .error ? "cell.compile-error" : (message.contains("to type-check") ? "cell.slow-type-check" : "cell.compile-warning")
            let inAuthorsCode = path == chapter.path || sharedFiles.contains { $0.path == path }
            return (Diagnostic(severity, id: id, message, at: location), inAuthorsCode)
        }
        return nil
    }

    /// The author's location for a byte position the compiler named; `nil` for a warning about
    /// code Folio generated, which the author can do nothing about.
    func place(path: String, line: Int, byteColumn: Int, severity: Diagnostic.Severity) -> SourceLocation? {
        if path == chapter.path {
            for unit in units {
                switch unit {
                case .cell(_, let cell):
                    let lines = cell.code.split(separator: "\n", omittingEmptySubsequences: false)
                    let offset = line - cell.codeLine
                    if offset >= 0, offset < lines.count {
                        let column = cell.indent + 1 + scalars(in: lines[offset], upToByte: byteColumn - 1 - cell.indent)
                        return SourceLocation(file: path, line: line, column: column)
                    }
                case .expression(_, let expression):
                    if line == expression.location.line, byteColumn >= expression.byteColumn {
                        let column = expression.location.column + scalars(in: Substring(expression.code), upToByte: byteColumn - expression.byteColumn)
                        return SourceLocation(file: path, line: line, column: column)
                    }
                }
            }
            // Past every unit's code (a comment or string left open runs on): the unit it began in.
            guard severity == .error else { return nil }
            if let unit = units.last(where: { $0.line <= line }) {
                switch unit {
                case .cell(_, let cell): return cell.location
                case .expression(_, let expression): return expression.location
                }
            }
            return SourceLocation(file: path, line: 1, column: 1)
        }
        if let shared = sharedFiles.first(where: { $0.path == path }) {
            let lines = shared.text.split(separator: "\n", omittingEmptySubsequences: false)
            let column = line >= 1 && line <= lines.count ? 1 + scalars(in: lines[line - 1], upToByte: byteColumn - 1) : byteColumn
            return SourceLocation(file: path, line: line, column: column)
        }
        // Code Folio generated: an error there is still the chapter's to fix.
        return severity == .error ? SourceLocation(file: chapter.path, line: 1, column: 1) : nil
    }

    /// How many scalars the first `bytes` bytes of `text` hold.
    private func scalars(in text: Substring, upToByte bytes: Int) -> Int {
        let prefix = text.utf8.prefix(max(0, bytes))
        return prefix.filter { $0 & 0xC0 != 0x80 }.count + max(0, bytes - text.utf8.count)
    }
}

/// A `chapters/*.swift` file, compiled into every chapter's program.
public struct SharedFile: Sendable, Equatable {
    /// The path as the author names it, relative to the book's root.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
