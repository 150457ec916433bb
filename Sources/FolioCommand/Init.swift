import ArgumentParser
import Folio

/// `folio init`: start a new book in a folder, ready to render and to check in CI.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new book: chapters/ with a first chapter, a .gitignore and a CI workflow.",
        discussion: """
            Writes chapters/book.yml, chapters/\(BookTemplate.chapterName), .gitignore and \
            .github/workflows/folio.yml, which installs this same Folio (its repository and commit) and \
            runs 'folio check'. Never overwrites: a folder that has any of these files, or a chapters/ \
            that is not empty, is left as it is. Exit status: 0 when the book was started, 1 when it \
            was not (nothing is changed), 2 for a usage error.
            """
    )

    @Argument(help: "The folder to start the book in, created if missing (default: the current folder).")
    var directory = "."

    @Option(name: .long, help: "The book's title (default: the folder's name).")
    var title: String?

    @Option(name: .long, help: "The book's language, a BCP 47 tag such as en or zh-CN; the first chapter is in Chinese for zh…, else in English.")
    var lang = "en"

    func validate() throws {
        guard !directory.isEmpty else { throw ValidationError("the folder must not be empty") }
        guard BookTemplate.isLanguageTag(lang) else {
            throw ValidationError("--lang '\(lang)' is not a language tag such as en, zh-CN or pt-BR")
        }
        if let title, title.allSatisfy(\.isWhitespace) { throw ValidationError("--title must not be empty") }
    }

    func run() throws {
        let template = BookTemplate(
            title: title ?? BookInitializer.defaultTitle(for: directory), lang: lang,
            folio: FolioSource(version: FolioVersion.description, repository: BuildFacts.repository, revision: BuildFacts.commit))
        do {
            let report = try BookInitializer().create(template, in: directory)
            report.lines.forEach(Console.output)
        } catch {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }
}
