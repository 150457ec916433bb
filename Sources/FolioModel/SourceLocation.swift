/// A place in an author's file: the path as the author names it, a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars, not bytes, so that an editor jumping to `file:line:column`
/// lands on the right character in Chinese prose as well as in ASCII.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
