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

    @OptionGroup var evaluation: EvaluationOptions

    func run() throws {
        let report: RenderReport
        do {
            report = try BookRenderer().render(evaluation.request(chapters: chapters, output: output))
        } catch {
            Console.error(error.description)
            throw error.isUsageError ? ExitCode(2) : ExitCode.failure
        }
        Console.print(report.diagnostics)
        Console.print(report.evaluations, explain: evaluation.explain)
        Console.error("folio: wrote \(report.written.count) files to \(output)/" + Console.failureSuffix(report))
        if !report.succeeded { throw ExitCode.failure }
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

    /// One line per evaluated chapter: how long compiling and running took, or that its results
    /// came from the cache; with `explain`, why.
    static func print(_ evaluations: [(chapter: String, report: EvaluationReport)], explain: Bool) {
        for (chapter, report) in evaluations {
            switch report.outcome {
            case .nothingToRun:
                break
            case .reused:
                error("folio: \(chapter): results reused from the cache" + (explain ? " (its code is unchanged; only prose changed, if anything)" : ""))
            case .evaluated(let reason):
                let timing = String(format: "compiled in %.2f s, ran in %.2f s", report.compileSeconds, report.runSeconds)
                error("folio: \(chapter): \(timing)" + (explain ? " (evaluated: \(reason))" : ""))
            }
        }
    }

    static func failureSuffix(_ report: RenderReport) -> String {
        guard !report.failedChapters.isEmpty else { return "" }
        return "; not written, last good page kept: " + report.failedChapters.joined(separator: ", ")
    }
}
