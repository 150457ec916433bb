import ArgumentParser
import Folio

/// `folio check`: evaluate every chapter and fail if any number in the book no longer holds.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every chapter: code builds and runs, expectations hold, output blocks match, output/ is fresh.",
        discussion: "Exit status: 0 when every check passes, 1 when any fails, 2 for a usage error."
    )

    /// How failures are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        /// GitHub Actions annotations, shown on the pull request's lines.
        case github
    }

    @Argument(help: "Chapter files to check (default: every chapters/*.md).")
    var chapters: [String] = []

    @Flag(name: .long, help: "Rewrite the output blocks that differ from what their cells print.")
    var update = false

    @Option(name: .long, help: "How to print failures: text or github.")
    var format: Format = .text

    @OptionGroup var evaluation: EvaluationOptions

    func run() throws {
        let report: CheckReport
        var progress = Progress(explain: evaluation.explain, quiet: true)
        do {
            report = try BookChecker().check(evaluation.request(chapters: chapters, output: "output"), update: update) {
                progress.show($0)
            }
        } catch {
            Console.error(error.description)
            throw error.isUsageError ? ExitCode(2) : ExitCode.failure
        }
        progress.finish()
        let printer = CheckPrinter(format: format)
        printer.print(report, explain: evaluation.explain)
        if !report.succeeded { throw ExitCode.failure }
    }
}

/// Prints a check's failures and its one summary line; quiet when everything passes.
struct CheckPrinter {
    let format: Check.Format

    func print(_ report: CheckReport, explain: Bool) {
        var printer = DiagnosticPrinter()
        for failure in report.failures {
            switch (format, failure.location) {
            case (.text, nil):
                Console.output("error: \(failure.message)")
            case (.text, let location?):
                let diagnostic = Diagnostic.error("check.failure", failure.message, at: location)
                // After --update the file's lines have moved: quoting them would mislead.
                Console.output(report.updated.isEmpty ? printer.format(diagnostic) : diagnostic.summary)
                if let diff = failure.diff { Console.output(diff) }
            case (.github, let location):
                let message = failure.diff.map { failure.message + "\n" + $0 } ?? failure.message
                Console.output(Self.annotation("error", location, message))
            }
        }
        if format == .github {
            for warning in report.diagnostics {
                Console.output(Self.annotation("warning", warning.location, warning.message))
            }
        }
        for place in report.updated {
            Console.output("updated the output block at \(place.file):\(place.line)")
        }
        Console.output(report.summary)
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

extension BookError {
    /// Whether the command line named something that is not a chapter of the book.
    var isUsageError: Bool {
        switch self {
        case .noSuchChapter, .chapterOutsideBook: return true
        default: return false
        }
    }
}
