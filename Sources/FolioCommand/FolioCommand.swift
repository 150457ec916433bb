import ArgumentParser
import FolioEvaluate
import Foundation

/// The `folio` command: render, check and serve literate Swift books.
@main
struct FolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Turn Markdown chapters with Swift in them into static HTML pages.",
        version: FolioVersion.description,
        subcommands: [Init.self, Render.self, Check.self, Serve.self],
        defaultSubcommand: nil
    )

    /// Runs the command, with usage errors exiting 2 (ArgumentParser's default is 64).
    static func main() {
        // What a chapter's program leaves behind is Folio's to end (only the command is the
        // subreaper: a process embedding the library, a test runner, reaps its own children).
        RunningProcesses.adoptOrphans()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Self.exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
