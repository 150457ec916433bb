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

    func run() throws {
        let report: RenderReport
        do {
            report = try BookRenderer().render(RenderRequest(chapters: chapters, outputDirectory: output))
        } catch {
            Console.error(error.description)
            throw ExitCode.failure
        }
        Console.print(report.diagnostics)
        Console.error("folio: wrote \(report.written.count) files to \(output)/" + Console.failureSuffix(report))
        if !report.succeeded { throw ExitCode.failure }
    }
}

/// Standard error, where progress and diagnostics go; standard output stays for data.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func print(_ diagnostics: [Diagnostic]) {
        var printer = DiagnosticPrinter()
        for diagnostic in diagnostics {
            error(printer.format(diagnostic))
        }
    }

    static func failureSuffix(_ report: RenderReport) -> String {
        guard !report.failedChapters.isEmpty else { return "" }
        return "; not written, last good page kept: " + report.failedChapters.joined(separator: ", ")
    }
}
