import Foundation
import FolioModel

/// How `folio check` prints what it found.
public enum CheckFormat: String, Sendable, CaseIterable {
    /// Compiler-style diagnostics with the source line and a caret, diffs under doctests.
    case text
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`), shown on a pull
    /// request's lines.
    case github
}

/// Writes a check's report for people or for CI: each failure, each warning, the output blocks
/// `--update` rewrote, and one summary line. Writes through `write`, one line (or block) a call,
/// so the command prints it and tests read it.
public struct CheckReportWriter {
    let format: CheckFormat
    let root: String
    let write: (String) -> Void

    public init(format: CheckFormat, root: String = ".", write: @escaping (String) -> Void) {
        self.format = format
        self.root = root
        self.write = write
    }

    /// Writes `report`; with `strict`, the summary says that its warnings fail the check.
    public func write(_ report: CheckReport, strict: Bool) {
        var printer = DiagnosticPrinter(root: root)
        for failure in report.failures {
            switch (format, failure.location) {
            case (.text, nil):
                write("error: \(failure.message)")
            case (.text, let location?):
                let diagnostic = Diagnostic(.error, id: "check.failure", failure.message, at: location, notes: failure.notes)
                // After --update the file's lines have moved: quoting them would mislead.
                write(report.updated.isEmpty ? printer.format(diagnostic) : diagnostic.summary)
                if let diff = failure.diff { write(diff) }
            case (.github, let location):
                var message = failure.diff.map { failure.message + "\n" + $0 } ?? failure.message
                message += Self.noteLines(failure.notes)
                write(Self.annotation("error", location, message))
            }
        }
        for warning in report.warnings {
            switch format {
            case .text: write(report.updated.isEmpty ? printer.format(warning) : warning.summary)
            case .github: write(Self.annotation("warning", warning.location, warning.message + Self.noteLines(warning.notes)))
            }
        }
        for place in report.updated {
            write("updated the output block at \(place.file):\(place.line)")
        }
        var summary = report.summary
        if strict, report.failures.isEmpty, !report.warnings.isEmpty { summary += " (--strict: warnings fail the check)" }
        write(summary)
    }

    private static func noteLines(_ notes: [Diagnostic.Note]) -> String {
        notes.map { "\n\($0.location): note: \($0.message)" }.joined()
    }

    /// `::error file=…,line=…,col=…::message`, with the escapes GitHub's workflow commands need.
    static func annotation(_ kind: String, _ location: SourceLocation?, _ message: String) -> String {
        func escape(_ text: String, property: Bool) -> String {
            var result = text.replacingOccurrences(of: "%", with: "%25")
                .replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
            if property {
                result = result.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
            }
            return result
        }
        guard let location else { return "::\(kind)::\(escape(message, property: false))" }
        return "::\(kind) file=\(escape(location.file, property: true)),line=\(location.line),col=\(location.column)::\(escape(message, property: false))"
    }
}
