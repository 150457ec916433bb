/// A problem found in an author's content: how serious it is, a stable identifier, what is wrong
/// and where. Stages collect diagnostics instead of throwing them, so one bad formula never hides
/// the rest of a chapter.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// Whether a diagnostic fails the build.
    public enum Severity: String, Hashable, Sendable, Codable {
        case warning
        case error
    }

    public var severity: Severity
    /// A stable, dotted identifier such as `math.unknown-command`, for tests and tools.
    public var id: String
    public var message: String
    public var location: SourceLocation
    /// Further places that explain this one, as swiftc's `note:` lines do: the cell that called
    /// the shared function that trapped, the first use of a duplicated label.
    public var notes: [Note] = []

    /// A place that explains a diagnostic, printed after it.
    public struct Note: Hashable, Sendable, Codable {
        public var message: String
        public var location: SourceLocation

        public init(_ message: String, at location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    public init(_ severity: Severity, id: String, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        self.severity = severity
        self.id = id
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func warning(_ id: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, id: id, message, at: location)
    }

    public static func error(_ id: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, id: id, message, at: location)
    }

    /// The one-line compiler form, `file:line:column: severity: message`.
    public var summary: String {
        "\(location): \(severity.rawValue): \(message)"
    }

    /// The compiler form followed by the offending source line and a caret under the column,
    /// as swiftc prints it, then each note in the same form. `sourceLine` gives the text of a
    /// location's line, without its newline.
    public func formatted(sourceLine: (SourceLocation) -> String?) -> String {
        var text = Self.quoted(summary, at: location, sourceLine: sourceLine(location))
        for note in notes {
            text += "\n" + Self.quoted("\(note.location): note: \(note.message)", at: note.location, sourceLine: sourceLine(note.location))
        }
        return text
    }

    /// The compiler form with `sourceLine`, the text of `location.line`; notes are printed
    /// without their lines.
    public func formatted(sourceLine: String?) -> String {
        formatted { $0 == location ? sourceLine : nil }
    }

    /// `summary` followed by `location`'s line and a caret under its column.
    private static func quoted(_ summary: String, at location: SourceLocation, sourceLine: String?) -> String {
        guard let sourceLine else { return summary }
        let prefix = sourceLine.unicodeScalars.prefix(max(0, location.column - 1))
        // Keep tabs, and pad wide (CJK) characters with a wide space, so the caret lines up
        // under the character it points at in a terminal.
        let padding = String(String.UnicodeScalarView(prefix.map { scalar -> Unicode.Scalar in
            if scalar == "\t" { return "\t" }
            return scalar.isWide ? "\u{3000}" : " "
        }))
        return "\(summary)\n\(sourceLine)\n\(padding)^"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of these diagnostics is an error.
    public var containsError: Bool { contains { $0.severity == .error } }
}

extension Unicode.Scalar {
    /// Whether a terminal draws this scalar two cells wide (East Asian Wide and Fullwidth).
    var isWide: Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
