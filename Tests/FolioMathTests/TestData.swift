import Foundation

/// Reads the tab-separated expression files the tests share: the textbook corpus beside the
/// package (`../shared/corpus`) and the converter suites in `Resources/`.
enum TestData {
    struct Row {
        var id: String
        var source: String
        var tex: String
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "Test data is missing: expected it at \(path)" }
    }

    /// This test target's folder. Symbolic links are resolved, so a package whose test target
    /// is a link to this folder (as the fuzz package does for sources) finds the same files.
    static var folder: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The rows of a file relative to this folder: `id`, `source`, `tex` columns after a header.
    static func rows(named relativePath: String) throws -> [Row] {
        try rows(at: folder.appendingPathComponent(relativePath))
    }

    static func rows(at url: URL) throws -> [Row] {
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            return Row(id: String(columns[0]), source: columns.count > 1 ? String(columns[1]) : "",
                       tex: decode(columns.count > 2 ? String(columns[2]) : ""))
        }
    }

    /// The corpus escaping, left to right: `\n`, `\t`, `\r`, `\\` are escapes; any other
    /// backslash stands for itself (so `\frac` is stored as is).
    static func decode(_ field: String) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(field.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\", index + 1 < scalars.count {
                let replacement: Unicode.Scalar? = switch scalars[index + 1] {
                case "n": "\n"
                case "t": "\t"
                case "r": "\r"
                case "\\": "\\"
                default: nil
                }
                if let replacement {
                    result.append(replacement)
                    index += 2
                    continue
                }
            }
            result.append(scalars[index])
            index += 1
        }
        return String(result)
    }
}
