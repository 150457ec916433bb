import FolioEvaluate
import FolioModel
import FolioStorage
import Foundation

/// What `render` and `check` say while they work, in chapter order: each chapter's diagnostics
/// and how its code was evaluated, as soon as it is done. On a terminal a status line also
/// counts the chapters (`[3/100] chapters/c.md 0.71 s`); in CI logs only the plain lines
/// appear. Writes through `write` (text without its line ending; the status line is written
/// with `status`), so the command prints to standard error and tests read it.
public struct BuildProgress {
    let explain: Bool
    /// `check` prints its findings at the end, as failures: only the status line and, with
    /// `explain`, the evaluation lines show while it works.
    let quiet: Bool
    /// Whether to keep a status line (a terminal, not CI).
    let interactive: Bool
    let root: String
    let files: any FileSystem
    let write: (String) -> Void
    let status: (String) -> Void
    private var statusShown = false

    public init(explain: Bool, quiet: Bool = false, interactive: Bool = false, root: String = ".",
                files: any FileSystem = DiskFileSystem(),
                write: @escaping (String) -> Void, status: @escaping (String) -> Void = { _ in }) {
        self.files = files
        self.explain = explain
        self.quiet = quiet
        self.interactive = interactive
        self.root = root
        self.write = write
        self.status = status
    }

    public mutating func show(_ step: BuildStep) {
        clearStatus()
        switch step {
        case .book(_, let diagnostics):
            if !quiet { print(diagnostics) }
        case .chapter(let built):
            if !quiet { print(built.diagnostics) }
            if built.upToDate {
                if explain { write("folio: \(built.path): page up to date (neither it nor anything it depends on changed)") }
            } else if let report = built.evaluation, !quiet || explain {
                print(chapter: built.path, report)
            }
            if interactive, built.position.count > 1 {
                status(String(format: "[%d/%d] %@ %.2f s", built.position.index, built.position.count, built.path, built.seconds))
                statusShown = true
            }
        }
    }

    /// Clears the status line, before other output or at the end.
    public mutating func finish() {
        clearStatus()
    }

    private mutating func clearStatus() {
        guard statusShown else { return }
        status("\r\u{1B}[K")
        statusShown = false
    }

    /// Each diagnostic as a compiler prints it, with its source line and a caret.
    public func print(_ diagnostics: [Diagnostic]) {
        var printer = DiagnosticPrinter(root: root, files: files)
        for diagnostic in diagnostics {
            write(printer.format(diagnostic))
        }
    }

    /// How long compiling and running a chapter took; with `explain`, why, and a line too for a
    /// chapter whose results came from the cache.
    func print(chapter: String, _ report: EvaluationReport) {
        switch report.outcome {
        case .nothingToRun:
            break
        case .reused:
            // A book of a hundred chapters would print a hundred of these: only on request.
            if explain {
                write("folio: \(chapter): results reused from the cache (its code is unchanged; only prose changed, if anything)")
            }
        case .evaluated(let reason):
            let timing = String(format: "compiled in %.2f s, ran in %.2f s", report.compileSeconds, report.runSeconds)
            write("folio: \(chapter): \(timing)" + (explain ? " (evaluated: \(reason))" : ""))
        }
    }

    /// The render's last line: what it wrote, and the chapters it could not build.
    public static func summary(_ report: RenderReport, output: String) -> String {
        let count = report.written.count
        var line = count == 0 ? "folio: \(output)/ is up to date" : "folio: wrote \(count) \(count == 1 ? "file" : "files") to \(output)/"
        if !report.failedChapters.isEmpty {
            line += "; not built, each keeping its last good page (or, never built, a page listing its errors): "
                + report.failedChapters.joined(separator: ", ")
        }
        return line
    }
}
