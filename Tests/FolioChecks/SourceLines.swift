import FolioModel

/// A chapter file's lines as an editor counts them (LF, CRLF and a lone CR each end a line;
/// a leading byte order mark is not a character), for checking that a location is inside it.
/// Shared by the property tests and the fuzz targets.
public struct SourceLines {
    /// Each line's length in Unicode scalars, without its line ending.
    public let lengths: [Int]

    public init(_ bytes: [UInt8]) {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        var lengths: [Int] = []
        var current = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\n" && previousCR { continue }
            if scalar == "\n" || scalar == "\r" {
                lengths.append(current)
                current = 0
            } else {
                current += 1
            }
        }
        lengths.append(current)
        self.lengths = lengths
    }

    /// Why `location` is not inside the file, or `nil` when it is. A column just past a line's
    /// last character (where its line ending is) counts as inside.
    public func problem(with location: SourceLocation) -> String? {
        guard location.line >= 1, location.line <= lengths.count else {
            return "line \(location.line) is outside the file's \(lengths.count) lines"
        }
        let length = lengths[location.line - 1]
        guard location.column >= 1, location.column <= length + 1 else {
            return "column \(location.column) is outside line \(location.line), which has \(length) characters"
        }
        return nil
    }

    /// Whether `location` names a line of the file and a column on it, or just past its end.
    public func contains(_ location: SourceLocation) -> Bool {
        problem(with: location) == nil
    }
}
