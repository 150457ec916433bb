import ArgumentParser
import Folio

/// `folio check`: evaluate every chapter and fail if any number in the book no longer holds.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every chapter: code builds and runs, expectations hold, output blocks match, output/ is fresh.",
        discussion: "Exit status: 0 when every check passes, 1 when any fails, 2 for a usage error."
    )

    @Argument(help: "Chapter files to check (default: every chapters/*.md).")
    var chapters: [String] = []

    @Flag(name: .long, help: "Rewrite the output blocks that differ from what their cells print.")
    var update = false

    @Option(name: .long, help: "How to print the report: text, or github for GitHub Actions annotations.")
    var format: CheckFormat = .text

    @Flag(name: .long, help: "Fail when there is any warning (an unknown TeX command, a dangling reference, …).")
    var strict = false

    @OptionGroup var evaluation: EvaluationOptions

    func run() throws {
        RunningProcesses.exitOnSignals()
        let report: CheckReport
        var progress = BuildProgress(explain: evaluation.explain, quiet: true)
        do {
            report = try BookChecker().check(evaluation.request(chapters: chapters, output: "output"), update: update) {
                progress.show($0)
            }
        } catch {
            Console.error(error.description)
            throw error.isUsageError ? ExitCode(2) : ExitCode.failure
        }
        progress.finish()
        CheckReportWriter(format: format) { Console.output($0) }.write(report, strict: strict)
        if !report.succeeded(strict: strict) { throw ExitCode.failure }
    }
}

extension CheckFormat: ExpressibleByArgument {}

extension BookError {
    /// Whether the command line named something that is not a chapter of the book.
    var isUsageError: Bool {
        switch self {
        case .noSuchChapter, .chapterOutsideBook: return true
        default: return false
        }
    }
}
