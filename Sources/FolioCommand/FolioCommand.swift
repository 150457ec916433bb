import ArgumentParser

/// The `folio` command: render, check and serve literate Swift books.
@main
struct FolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Turn Markdown chapters with Swift in them into static HTML pages.",
        subcommands: [Render.self],
        defaultSubcommand: nil
    )
}
