import FolioModel
import Foundation

/// The entries of one or more `.bib` files, by key, with `crossref` and `xdata` resolved.
public struct Bibliography: Sendable {
    /// Every entry, in the order of the files and of the entries in them; of two entries with
    /// the same key only the first is here.
    public private(set) var entries: [BibEntry]
    private var positions: [String: Int]

    /// An empty bibliography.
    public init() {
        entries = []
        positions = [:]
    }

    /// The entry with this key (keys are case-sensitive, as in pandoc).
    public subscript(key: String) -> BibEntry? {
        positions[key].map { entries[$0] }
    }

    /// Reads one `.bib` file given as text.
    public static func parse(_ text: String, file: String) -> (Bibliography, [BibDiagnostic]) {
        load([BibSource(file: file, bytes: Array(text.utf8))])
    }

    /// Reads one `.bib` file given as bytes: UTF-8, or Latin-1 with a warning (see ``BibSource``).
    public static func parse(bytes: [UInt8], file: String) -> (Bibliography, [BibDiagnostic]) {
        load([BibSource(file: file, bytes: bytes)])
    }

    /// Reads several `.bib` files as one bibliography, in order: a key that an earlier file
    /// already has is a warning at the second entry, and the first is kept.
    public static func load(_ sources: [BibSource]) -> (Bibliography, [BibDiagnostic]) {
        var bibliography = Bibliography()
        var diagnostics: [BibDiagnostic] = []
        for source in sources {
            let (bytes, encodingProblem) = source.utf8Bytes()
            if let encodingProblem { diagnostics.append(encodingProblem) }
            var parser = BibParser(bytes: bytes, file: source.file)
            parser.parse()
            diagnostics += parser.diagnostics
            for entry in parser.entries {
                if let first = bibliography[entry.key] {
                    diagnostics.append(BibDiagnostic(
                        id: "bib.duplicate-key",
                        message: "The key ‘\(entry.key)’ is used again; the entry at \(first.location.file):\(first.location.line) is kept",
                        severity: .warning, file: entry.location.file, line: entry.location.line, column: entry.location.column))
                    continue
                }
                bibliography.positions[entry.key] = bibliography.entries.count
                bibliography.entries.append(entry)
            }
        }
        diagnostics += Inheritance.resolve(&bibliography.entries, positions: bibliography.positions)
        return (bibliography, diagnostics)
    }

    /// The key closest to `key` by edit distance, for "did you mean"; nil when nothing is close.
    public func suggestion(for key: String) -> String? {
        Spelling.closest(to: key, among: entries.lazy.map(\.key))
    }
}

/// One `.bib` file's bytes and the name diagnostics should give it.
///
/// A file that is not valid UTF-8 is read as Latin-1 (ISO 8859-1, with the Windows-1252
/// characters in 0x80–0x9F, as editors on Windows write it): old `.bib` files are often in it,
/// and BibTeX itself reads bytes. A warning names the first byte that is not UTF-8, so the
/// author can convert the file; the entries are still read.
public struct BibSource: Sendable {
    /// The file's name as diagnostics show it.
    public var file: String
    /// The file's bytes.
    public var bytes: [UInt8]

    /// Creates a source.
    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// The bytes as UTF-8, transcoded from Latin-1 when they are not UTF-8 already.
    func utf8Bytes() -> ([UInt8], BibDiagnostic?) {
        guard let bad = BibSource.firstInvalidUTF8(bytes) else { return (bytes, nil) }
        let starts = BibParser.lineStarts(of: Array(bytes[..<bad]))
        let line = starts.count
        let column = bad - starts[starts.count - 1] + 1
        let warning = BibDiagnostic(
            id: "bib.not-utf8",
            message: String(format: "The file is not UTF-8 (byte 0x%02X); it is read as Latin-1. Save it as UTF-8 to silence this", bytes[bad]),
            severity: .warning, file: file, line: line, column: column)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            let scalar = BibSource.windows1252[byte] ?? Unicode.Scalar(byte)
            utf8.append(contentsOf: String(scalar).utf8)
        }
        return (utf8, warning)
    }

    /// The offset of the first byte that does not belong to valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// Windows-1252's characters where Latin-1 has control codes.
    static let windows1252: [UInt8: Unicode.Scalar] = [
        0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
        0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
        0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
    ]
}

