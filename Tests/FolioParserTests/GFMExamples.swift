import Foundation

/// One input of the differential test: Markdown, a name to find it by, and what it was made to
/// exercise (the generator says; the spec's examples exercise nothing in particular).
struct GFMInput: Sendable {
    /// `tables/spec-3` for an example of `Tests/Fixtures/gfm/tables.md-examples`, `gen-17` for a
    /// generated input.
    let id: String
    let markdown: String
    /// The constructs the generator put in on purpose, some of which Folio reads otherwise.
    var features: Set<GFMFeature> = []
}

/// The examples of the GFM spec and cmark-gfm's own tests for the extensions, read from
/// `Tests/Fixtures/gfm/*.md-examples` (the format is described at the top of each file).
enum GFMExamples {
    static let directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("gfm")

    /// The sections, one file each.
    static let sections = ["tables", "strikethrough", "autolinks", "footnotes"]

    /// Every example of every section, in file order.
    static func all() throws -> [GFMInput] {
        try sections.flatMap { section in
            let text = try String(contentsOf: directory.appendingPathComponent("\(section).md-examples"), encoding: .utf8)
            return try parse(text, section: section)
        }
    }

    /// The examples of one file: each after a line `%%%%`, named by its first line `%% ID: …`.
    static func parse(_ text: String, section: String) throws -> [GFMInput] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let headerEnd = lines.firstIndex(of: "%%%%") else { throw FixtureError.noHeader(section) }
        var examples: [GFMInput] = []
        var current: [String] = []
        func finish() throws {
            guard !current.isEmpty else { return }
            guard let first = current.first, first.hasPrefix("%% "), let colon = first.firstIndex(of: ":") else {
                throw FixtureError.unnamedExample(section, current.first ?? "")
            }
            let name = first[first.index(first.startIndex, offsetBy: 3)..<colon]
            let markdown = current.dropFirst().map { $0 + "\n" }.joined()
            examples.append(GFMInput(id: "\(section)/\(name)", markdown: markdown))
            current = []
        }
        for line in lines[(headerEnd + 1)...] {
            if line == "%%%%" { try finish() } else { current.append(line) }
        }
        try finish()
        return examples
    }

    /// A fixture file that is not in the documented format.
    enum FixtureError: Error, CustomStringConvertible {
        case noHeader(String)
        case unnamedExample(String, String)

        var description: String {
            switch self {
            case .noHeader(let section): "\(section).md-examples: no line `%%%%` ends the header"
            case .unnamedExample(let section, let line): "\(section).md-examples: an example starts with \"\(line)\", not `%% ID: …`"
            }
        }
    }
}
