import FolioModel
import FolioStorage

/// Prints diagnostics the way swiftc does — `file:line:column: severity: message`, the source
/// line, a caret — reading each file once to quote its lines.
public struct DiagnosticPrinter {
    private let root: String
    private let files: any FileSystem
    private var lines: [String: [String]] = [:]

    public init(root: String = ".", files: any FileSystem = DiskFileSystem()) {
        self.root = root
        self.files = files
    }

    /// The text to print for `diagnostic`.
    public mutating func format(_ diagnostic: Diagnostic) -> String {
        diagnostic.formatted { sourceLine($0) }
    }

    private mutating func sourceLine(_ location: SourceLocation) -> String? {
        if lines[location.file] == nil {
            let path = location.file.hasPrefix("/") || root == "." ? location.file : root + "/" + location.file
            // A file that cannot be read has no lines to quote.
            guard let bytes = try? files.read(path) else {
                lines[location.file] = []
                return nil
            }
            var text = String(decoding: bytes, as: UTF8.self)
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            lines[location.file] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
        }
        guard let fileLines = lines[location.file], location.line >= 1, location.line <= fileLines.count else { return nil }
        return fileLines[location.line - 1]
    }
}
