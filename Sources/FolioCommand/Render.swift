import ArgumentParser
import Folio
import Foundation

/// `folio render`: regenerate the pages of the book in `output/`.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the chapters in chapters/ to HTML pages in output/, and the whole book to output/print.html."
    )

    @Argument(help: "Chapter files to render (default: every chapters/*.md).")
    var chapters: [String] = []

    @Option(name: .long, help: "The folder pages are written to.")
    var output = "output"

    @Flag(name: .long, help: "Exit with status 1 when there is any warning, as for an error.")
    var strict = false

    @Flag(name: .long, help: "Also print the book to output/book.pdf with headless Chromium (CHROMIUM names it).")
    var pdf = false

    @Flag(name: .long, help: "Also write the book as an EPUB 3, output/book.epub.")
    var epub = false

    @OptionGroup var evaluation: EvaluationOptions

    func run() throws {
        RunningProcesses.exitOnSignals()
        let report: RenderReport
        var progress = BuildProgress(explain: evaluation.explain)
        var request = evaluation.request(chapters: chapters, output: output)
        request.editions = Set([pdf ? BookEdition.pdf : nil, epub ? .epub : nil].compactMap { $0 })
        do {
            report = try BookBuilder().render(request) { progress.show($0) }
        } catch {
            progress.finish()
            Console.error(error.description)
            throw error.isUsageError ? ExitCode(2) : ExitCode.failure
        }
        progress.finish()
        Console.error(request.shard.map { BuildProgress.summary(report, shard: $0, remote: request.remote) }
            ?? BuildProgress.summary(report, output: output))
        if !report.succeeded { throw ExitCode.failure }
        if strict, report.diagnostics.contains(where: { $0.severity == .warning }) {
            Console.error("folio: --strict: warnings fail the render")
            throw ExitCode.failure
        }
    }
}

extension BuildProgress {
    /// Progress on standard error, with a status line when that is a terminal outside CI.
    init(explain: Bool, quiet: Bool = false) {
        let interactive = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
        self.init(explain: explain, quiet: quiet, interactive: interactive, write: Console.error,
                  status: { FileHandle.standardError.write(Data($0.utf8)) })
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
}
