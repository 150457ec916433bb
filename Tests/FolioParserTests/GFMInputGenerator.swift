import FolioChecks

/// A construct the generator put into an input on purpose, recorded so that a difference Folio
/// makes deliberately (`GFMDifferentialTests.deliberate`) can name the inputs it covers.
enum GFMFeature: String, Hashable, Sendable {
    /// A `|` inside a code span in a table row.
    case pipeInCodeSpan
    /// `$…$` in a table row, some with a `|` inside.
    case math
    /// `~one~`: GFM strikes with one tilde too.
    case singleTilde
    /// A bare e-mail address, which GFM's autolink extension links.
    case email
    /// A footnote reference inside a footnote's definition.
    case referenceInDefinition
    /// Two definitions of one footnote.
    case duplicateDefinition
    /// `[^Note]` for a note defined as `[^note]`: GFM matches ids without regard to case.
    case footnoteIDCase
    /// `www.x_y.com.`: a domain with `_` in its last two segments, which the spec does not link,
    /// and a period after it, with which cmark-gfm links it all the same.
    case underscoreDomain
    /// `_https://…/Foo_(bar)`: an underscore before a bare link that pairs with one inside it.
    case emphasisAroundAddress
}

/// Random Markdown for the differential test, the same on every run (a fixed seed): pipe tables
/// of every shape GFM reads or refuses, footnote references and definitions in any order,
/// strikethrough and bare links with punctuation after them, alone and inside one another,
/// at the top level, in quotes and in list items.
struct GFMInputGenerator {
    private var random: SeededGenerator
    private var features: Set<GFMFeature> = []
    /// The notes defined so far in the input being made, by lowercased id.
    private var defined: Set<String> = []
    /// The ids referred to so far in the input being made.
    private var referenced: [String] = []
    /// Whether this input may have what Folio keeps whole in a cell and GFM splits (a `|` in
    /// code or math): one in six, so that most inputs compare every cell.
    private var foldsCells = false

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// `count` inputs, named `gen-1` … `gen-<count>`.
    static func inputs(count: Int, seed: UInt64 = 0x6F6C_696F_6766_6D17) -> [GFMInput] {
        var generator = GFMInputGenerator(seed: seed)
        return (1...count).map { index in
            generator.features = []
            generator.defined = []
            generator.referenced = []
            generator.foldsCells = generator.random.chance(1.0 / 6)
            let markdown = generator.document()
            return GFMInput(id: "gen-\(index)", markdown: markdown, features: generator.features)
        }
    }

    // MARK: Documents

    /// One to four parts, mostly a blank line apart; without one, a line may join the table or
    /// paragraph above it, as GFM says it does. Notes referred to are mostly defined, before or
    /// after the references.
    mutating func document() -> String {
        var parts: [(text: String, isDefinitions: Bool)] = []
        for _ in 0..<random.count(1...4) {
            switch random.count(0...9) {
            case 0...3: parts.append((table(), false))
            case 4...6: parts.append((paragraph(), false))
            default: parts.append((definitions(), true))
            }
        }
        if !referenced.isEmpty && random.chance(0.7) {
            let notes = (definitions(), true)
            if random.chance(0.3) { parts.insert(notes, at: 0) } else { parts.append(notes) }
        }
        var text = parts[0].text
        for (previous, part) in zip(parts, parts.dropFirst()) {
            if random.chance(0.8) {
                text += "\n"
            } else if previous.isDefinitions && part.text.contains("[^") {
                // Without a blank line the part's lines may go on the definition's paragraph.
                features.insert(.referenceInDefinition)
            }
            text += part.text
        }
        return text
    }

    /// A paragraph of one to three lines.
    mutating func paragraph() -> String {
        (0..<random.count(1...3)).map { _ in inlines(inCell: false) }.joined(separator: "\n") + "\n"
    }

    // MARK: Tables

    /// A table, sometimes right under a paragraph's line, in a quote or a list item, sometimes
    /// not a table at all (a delimiter row shorter than the header).
    mutating func table() -> String {
        let columns = random.count(1...5)
        var lines: [String] = []
        if random.chance(0.2) { lines.append(inlines(inCell: false)) }
        let outer = (leading: random.chance(0.7), trailing: random.chance(0.6))
        lines.append(row((0..<columns).map { _ in random.chance(0.7) ? word() : inlines(inCell: true) }, outer: outer))
        let delimiterCells = columns > 1 && random.chance(0.1) ? columns - 1 : columns
        lines.append(row((0..<delimiterCells).map { _ in delimiter() }, outer: outer))
        for _ in 0..<random.count(0...4) {
            let count = max(1, columns + random.pick([-2, -1, 0, 0, 0, 0, 0, 1, 2]))
            let cells = (0..<count).map { _ -> String in
                random.chance(0.1) ? "" : random.chance(0.5) ? word() : inlines(inCell: true)
            }
            let thisOuter = random.chance(0.1) ? (leading: !outer.leading, trailing: outer.trailing) : outer
            lines.append(row(cells, outer: thisOuter))
        }
        if random.chance(0.1) { lines.append(word() + " " + word()) }
        switch random.count(0...9) {
        case 0...6:
            return lines.joined(separator: "\n") + "\n"
        case 7, 8:
            let marker = random.chance(0.8) ? "> " : ">"
            return lines.map { marker + $0 }.joined(separator: "\n") + "\n"
        default:
            let (first, rest) = random.chance(0.5) ? ("- ", "  ") : ("1. ", "   ")
            return lines.enumerated().map { ($0.offset == 0 ? first : rest) + $0.element }.joined(separator: "\n") + "\n"
        }
    }

    /// Cells joined by pipes, with or without the outer ones, padded by zero to two spaces.
    mutating func row(_ cells: [String], outer: (leading: Bool, trailing: Bool)) -> String {
        var text = outer.leading ? "|" : ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { text += "|" }
            text += String(repeating: " ", count: random.count(0...2)) + cell + String(repeating: " ", count: random.count(0...2))
        }
        if outer.trailing || (cells.count == 1 && !outer.leading) { text += "|" }
        return text
    }

    /// `---`, `:--`, `--:` or `:-:`, one to five dashes.
    mutating func delimiter() -> String {
        let dashes = String(repeating: "-", count: random.count(1...5))
        switch random.count(0...3) {
        case 0: return dashes
        case 1: return ":" + dashes
        case 2: return dashes + ":"
        default: return ":" + dashes + ":"
        }
    }

    // MARK: Footnotes

    private static let noteIDs = ["1", "2", "a", "note", "long-id", "x_y"]

    /// One or two definitions, some of two paragraphs, some referring to other notes.
    mutating func definitions() -> String {
        (0..<random.count(1...2)).map { _ -> String in
            let id = !referenced.isEmpty && random.chance(0.7) ? random.pick(referenced) : random.pick(Self.noteIDs)
            if !defined.insert(id.lowercased()).inserted { features.insert(.duplicateDefinition) }
            var text = "[^\(id)]: "
            let content = inlines(inCell: false, references: random.chance(0.3))
            if content.contains("[^") { features.insert(.referenceInDefinition) }
            text += content
            if random.chance(0.2) { text += "\n\n    " + inlines(inCell: false, references: false) }
            return text + "\n"
        }.joined(separator: random.chance(0.7) ? "\n" : "")
    }

    // MARK: Inlines

    private static let words = ["alpha", "beta", "gamma", "delta", "softmax", "naïve", "表格", "x1", "42", "e.g.", "end.", "(see"]

    mutating func word() -> String {
        random.pick(Self.words)
    }

    /// Words mixed with the constructs under test; in a cell, also escaped pipes and, in some
    /// inputs, pipes in code and math. `references` is false inside a definition that should
    /// not refer to others.
    mutating func inlines(inCell: Bool, references: Bool = true) -> String {
        var pieces: [String] = []
        for _ in 0..<random.count(1...5) {
            switch random.count(0...99) {
            case 0..<34: pieces.append(word())
            case 34..<46: pieces.append(strikethrough())
            case 46..<60: pieces.append(autolink())
            case 60..<72: pieces.append(references ? footnoteReference() : word())
            case 72..<76: pieces.append("*\(word())*")
            case 76..<80: pieces.append("**\(word()) \(word())**")
            case 80..<84: pieces.append("`\(word())`")
            case 84..<88: pieces.append("[\(word())](https://example.com/\(word()))")
            case 88..<91: pieces.append("<https://example.org/\(word())>")
            case 91..<95: pieces.append(inCell ? "\(word())\\|\(word())" : "\(word()) | \(word())")
            case 95..<97:
                if inCell && foldsCells {
                    features.insert(.pipeInCodeSpan)
                    pieces.append("`\(word())|\(word())`")
                } else {
                    pieces.append("`\(word()) \(word())`")
                }
            case 97:
                if inCell && foldsCells {
                    features.insert(.math)
                    pieces.append(random.pick(["$x$", "$|x|$", "$a_1 + b$", "$p(y|x)$"]))
                } else {
                    pieces.append(word() + "&amp;")
                }
            case 98:
                features.insert(.email)
                pieces.append(random.pick(["me@example.com", "first.last@mail.example.org.", "a_b@c.d-"]))
            default: pieces.append(word() + "&amp;")
            }
        }
        return pieces.joined(separator: " ")
    }

    /// `~~struck~~` mostly; now and then one tilde, three, or spaces inside the tildes.
    mutating func strikethrough() -> String {
        switch random.count(0...9) {
        case 0...5: return "~~\(word())~~"
        case 6: return "~~\(word()) \(word())~~"
        case 7:
            features.insert(.singleTilde)
            return "~\(word())~"
        case 8: return "~~~\(word())~~~"
        default: return "~~ \(word()) ~~"
        }
    }

    private static let linkBodies = [
        "www.example.com", "www.example.org/a/b", "https://example.com", "https://example.com/path?q=1&r=2",
        "http://a.b.c/d_e", "www.google.com/search?q=(x)", "https://en.wikipedia.org/wiki/Foo_(bar)", "www.x_y.com",
        "ftp://files.example.net/f", "https://example.com/a.b", "www.commonmark.org/he<lp", "https://例子.测试/路径",
    ]
    private static let linkBefore = ["", "", "", "(", "*", "_", "~", "x", "\""]
    private static let linkAfter = ["", "", "", ".", ",", ")", "?", "!", ":", "*", "_", "~", ";", "&hl;", "'", "\"", "))", ".)", "/"]

    /// A bare link with something before and after it that GFM may or may not take into it.
    mutating func autolink() -> String {
        let before = random.pick(Self.linkBefore)
        let body = random.pick(Self.linkBodies)
        let after = random.pick(Self.linkAfter)
        if body.contains("_y.") && after.hasPrefix(".") { features.insert(.underscoreDomain) }
        if before == "_" && (body.contains("_") || after.hasPrefix("_")) { features.insert(.emphasisAroundAddress) }
        return before + body + after
    }

    /// `[^id]`, now and then twice in a row or with a capital.
    mutating func footnoteReference() -> String {
        var id = random.pick(Self.noteIDs + ["undefined"])
        if id == "note" && random.chance(0.3) {
            features.insert(.footnoteIDCase)
            id = "Note"
        }
        referenced.append(id)
        guard random.chance(0.15) else { return "[^\(id)]" }
        let second = random.pick(Self.noteIDs)
        referenced.append(second)
        return "[^\(id)][^\(second)]"
    }
}
