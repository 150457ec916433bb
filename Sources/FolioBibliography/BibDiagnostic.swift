/// A problem in a `.bib` file or in a chapter's citations, located by line and column.
///
/// Content problems are values, never thrown: parsing always returns what it could read.
public struct BibDiagnostic: Sendable, Hashable {
    /// Whether the problem stops the build.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// A stable identifier: `bib.unbalanced-brace`, `bib.duplicate-key`, `cite.unknown-key`, …
    public var id: String
    /// What is wrong, for a person.
    public var message: String
    /// How bad it is.
    public var severity: Severity
    /// The file the problem is in, as the caller named it.
    public var file: String
    /// Line, from 1; LF, CRLF and CR each end a line.
    public var line: Int
    /// Column, from 1, counted in Unicode scalars.
    public var column: Int

    /// Creates a diagnostic.
    public init(id: String, message: String, severity: Severity, file: String, line: Int, column: Int) {
        self.id = id
        self.message = message
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
    }

    /// The compiler's form, `refs.bib:12:5: error: message`.
    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }
}
