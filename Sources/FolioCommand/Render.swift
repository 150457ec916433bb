import ArgumentParser
import Folio
import Foundation

/// `folio render`: regenerate the pages of the book in `output/`.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the chapters in chapters/ to HTML pages in output/."
    )

    @Argument(help: "Chapter files to render (default: every chapters/*.md).")
    var chapters: [String] = []

    @Option(name: .long, help: "The folder pages are written to.")
    var output = "output"

    @Flag(name: .long, help: "Exit with status 1 when there is any warning, as for an error.")
    var strict = false

    @OptionGroup var evaluation: EvaluationOptions

    func run() throws {
        RunningProcesses.exitOnSignals()
        let report: RenderReport
        var progress = Progress(explain: evaluation.explain)
        do {
            report = try BookRenderer().render(evaluation.request(chapters: chapters, output: output)) { progress.show($0) }
        } catch {
            progress.finish()
            Console.error(error.description)
            throw error.isUsageError ? ExitCode(2) : ExitCode.failure
        }
        progress.finish()
        let written = report.written.isEmpty ? "\(output)/ is up to date" : "wrote \(report.written.count) \(report.written.count == 1 ? "file" : "files") to \(output)/"
        Console.error("folio: " + written + Console.failureSuffix(report))
        if !report.succeeded { throw ExitCode.failure }
        if strict, report.diagnostics.contains(where: { $0.severity == .warning }) {
            Console.error("folio: --strict: warnings fail the render")
            throw ExitCode.failure
        }
    }
}

/// What `render` and `check` say while they work, on standard error, in chapter order: each
/// chapter's diagnostics and how its code was evaluated, as soon as it is done. On a terminal a
/// status line also counts the chapters (`[3/100] chapters/c.md 0.71 s`); in CI logs only the
/// plain lines appear.
struct Progress {
    let explain: Bool
    /// `check` prints its findings at the end, as failures: only the status line and, with
    /// `explain`, the evaluation lines show while it works.
    let quiet: Bool
    private let interactive = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    private var statusShown = false

    init(explain: Bool, quiet: Bool = false) {
        self.explain = explain
        self.quiet = quiet
    }

    mutating func show(_ step: BuildStep) {
        clearStatus()
        switch step {
        case .book(_, let diagnostics):
            if !quiet { Console.print(diagnostics) }
        case .chapter(let built):
            if !quiet { Console.print(built.diagnostics) }
            if built.upToDate {
                if explain { Console.error("folio: \(built.path): page up to date (neither it nor anything it depends on changed)") }
            } else if let report = built.evaluation, !quiet || explain {
                Console.print([(built.path, report)], explain: explain)
            }
            if interactive, built.position.count > 1 {
                let status = String(format: "[%d/%d] %@ %.2f s", built.position.index, built.position.count, built.path, built.seconds)
                FileHandle.standardError.write(Data(status.utf8))
                statusShown = true
            }
        }
    }

    /// Clears the status line, before other output or at the end.
    mutating func finish() {
        clearStatus()
    }

    private mutating func clearStatus() {
        guard statusShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        statusShown = false
    }
}

/// Standard error, where progress and diagnostics go; standard output stays for data.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Standard output: what `check` reports, for CI logs and annotations.
    static func output(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func print(_ diagnostics: [Diagnostic]) {
        var printer = DiagnosticPrinter()
        for diagnostic in diagnostics {
            error(printer.format(diagnostic))
        }
    }

    /// One line per evaluated chapter: how long compiling and running took; with `explain`,
    /// why, and a line for each chapter whose results came from the cache.
    static func print(_ evaluations: [(chapter: String, report: EvaluationReport)], explain: Bool) {
        for (chapter, report) in evaluations {
            switch report.outcome {
            case .nothingToRun:
                break
            case .reused:
                // A book of a hundred chapters would print a hundred of these: only on request.
                if explain {
                    error("folio: \(chapter): results reused from the cache (its code is unchanged; only prose changed, if anything)")
                }
            case .evaluated(let reason):
                let timing = String(format: "compiled in %.2f s, ran in %.2f s", report.compileSeconds, report.runSeconds)
                error("folio: \(chapter): \(timing)" + (explain ? " (evaluated: \(reason))" : ""))
            }
        }
    }

    static func failureSuffix(_ report: RenderReport) -> String {
        guard !report.failedChapters.isEmpty else { return "" }
        return "; not built, each keeping its last good page (or, never built, a page listing its errors): "
            + report.failedChapters.joined(separator: ", ")
    }
}
