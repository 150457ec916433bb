/// One person's or body's name, split into BibTeX's parts.
///
/// BibTeX's "von" part becomes `particle`; styles show it after the given names when the name is
/// inverted ("Beethoven, Ludwig van") and leave it out of the short form, as pandoc does.
public struct Name: Sendable, Hashable {
    /// Given names as written ("Michael A.", "Jean-Paul").
    public var given: String
    /// The lowercase words between given and family names ("van", "de la").
    public var particle: String
    /// The family name; for a literal name, the whole name.
    public var family: String
    /// "Jr", "III".
    public var suffix: String
    /// A name that is never split, inverted or shortened to initials: a body written in braces
    /// (`{World Health Organization}`) or a name in a script without given/family order by
    /// spaces (`王晋东`).
    public var isLiteral: Bool

    /// Creates a name from its parts.
    public init(given: String = "", particle: String = "", family: String, suffix: String = "", isLiteral: Bool = false) {
        self.given = given
        self.particle = particle
        self.family = family
        self.suffix = suffix
        self.isLiteral = isLiteral
    }

    /// Who the name stands for, ignoring spacing: "Nicola L.C. Talbot" is "Nicola L. C. Talbot".
    var identity: String {
        [given, particle, family, suffix].joined(separator: "|").filter { !$0.isWhitespace }
    }

    /// Whether the name is written in a script whose names are shown family name first with no
    /// space and never reduced to initials (Chinese, Japanese, Korean).
    public var isEastAsian: Bool {
        (family + given).unicodeScalars.contains(where: NameParser.isEastAsian)
    }

    /// The name as it is cited in the text: the family name ("Nielsen", "Beethoven").
    public var short: String { family }

    /// Given names first: "Michael A. Nielsen", "Ludwig van Beethoven", "Martin Luther King Jr".
    public var displayOrder: String {
        if isLiteral { return family }
        if isEastAsian { return family + given }
        let parts = [given, particle, family].filter { !$0.isEmpty }.joined(separator: " ")
        return suffix.isEmpty ? parts : parts + " " + suffix
    }

    /// Family name first: "Nielsen, Michael A.", "Beethoven, Ludwig van", "King, Martin Luther, Jr".
    public var sortOrder: String {
        if isLiteral { return family }
        if isEastAsian { return family + given }
        let first = [given, particle].filter { !$0.isEmpty }.joined(separator: " ")
        var text = family
        if !first.isEmpty { text += ", " + first }
        if !suffix.isEmpty { text += ", " + suffix }
        return text
    }

    /// Given names as initials ("M. A.", "J.-P."), for telling apart two authors of one family
    /// name; empty for literal and East Asian names.
    public var initials: String {
        if isLiteral || isEastAsian { return "" }
        // "L.C." is two names, as "L. C." is.
        return given.replacingOccurrences(of: ".", with: ". ").split(separator: " ").map { word in
            word.split(separator: "-", omittingEmptySubsequences: true).compactMap { part in
                part.first.map { $0.isLetter ? "\($0)." : String(part) }
            }.joined(separator: "-")
        }.joined(separator: " ")
    }
}

/// A field's list of names, with BibTeX's `and others` kept as a flag.
public struct NameList: Sendable, Hashable {
    /// The names, in order.
    public var names: [Name]
    /// The list ended with `and others`: there are more authors than written.
    public var hasOthers: Bool

    /// Creates a list.
    public init(_ names: [Name], hasOthers: Bool = false) {
        self.names = names
        self.hasOthers = hasOthers
    }

    /// Whether there is no name at all.
    public var isEmpty: Bool { names.isEmpty }
}

/// Splits a name field as BibTeX does: names joined by `and` outside braces, each in one of the
/// forms "First von Last", "von Last, First" or "von Last, Jr, First".
enum NameParser {
    static func parse(_ raw: String) -> NameList {
        var names: [Name] = []
        var hasOthers = false
        for words in splitNames(Array(raw.unicodeScalars)) where !words.isEmpty {
            if words.count == 1, words[0].text.lowercased() == "others", !words[0].endsPart {
                hasOthers = true
                continue
            }
            var name = name(from: words)
            name.given = spacedInitials(name.given)
            names.append(name)
        }
        return NameList(names, hasOthers: hasOthers)
    }

    /// A word of a name at brace depth 0, and whether a comma follows it.
    struct Word {
        var text: String
        var endsPart = false
    }

    /// "C.V." → "C. V.", as pandoc writes initials.
    static func spacedInitials(_ given: String) -> String {
        guard given.contains(".") else { return given }
        var result = ""
        var previous: Character?
        for character in given {
            if previous == ".", character.isUppercase { result.append(" ") }
            result.append(character)
            previous = character
        }
        return result
    }

    /// Words of each name; `and` between names and commas between parts are found outside braces only.
    static func splitNames(_ scalars: [Unicode.Scalar]) -> [[Word]] {
        var names: [[Word]] = [[]]
        var current = ""
        var depth = 0
        func endWord(comma: Bool) {
            if !current.isEmpty {
                if depth == 0, current.lowercased() == "and" {
                    names.append([])
                } else {
                    names[names.count - 1].append(Word(text: current))
                }
                current = ""
            }
            if comma, !names[names.count - 1].isEmpty {
                names[names.count - 1][names[names.count - 1].count - 1].endsPart = true
            }
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if depth == 0 {
                if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "~" {
                    endWord(comma: false)
                    index += 1
                    continue
                }
                if scalar == "," {
                    endWord(comma: true)
                    index += 1
                    continue
                }
            }
            if scalar == "\\", index + 1 < scalars.count {
                current.unicodeScalars.append(scalar)
                current.unicodeScalars.append(scalars[index + 1])
                index += 2
                // `Gro\ss e`: the space after a control word ends the command, not the word.
                if scalars[index - 1].isASCII, scalars[index - 1].properties.isAlphabetic {
                    while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic {
                        current.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    if index + 1 < scalars.count, scalars[index] == " ", scalars[index + 1].properties.isAlphabetic {
                        current.unicodeScalars.append(" ")
                        index += 1
                    }
                }
                continue
            }
            if scalar == "{" { depth += 1 }
            if scalar == "}" { depth = max(0, depth - 1) }
            current.unicodeScalars.append(scalar)
            index += 1
        }
        endWord(comma: false)
        return names
    }

    static func name(from words: [Word]) -> Name {
        // One braced group is a name that must stay whole: `{World Health Organization}`.
        if words.count == 1, !words[0].endsPart, isSingleGroup(words[0].text) {
            return Name(family: clean(String(words[0].text.dropFirst().dropLast())), isLiteral: true)
        }
        var parts: [[String]] = [[]]
        for word in words {
            parts[parts.count - 1].append(word.text)
            if word.endsPart { parts.append([]) }
        }
        if parts.last?.isEmpty == true, parts.count > 1 { parts.removeLast() }

        if parts.count == 1 {
            let tokens = parts[0]
            if tokens.contains(where: { $0.unicodeScalars.contains(where: isEastAsian) }) {
                return Name(family: clean(tokens.joined(separator: " ")), isLiteral: true)
            }
            return firstVonLast(tokens)
        }
        let (particle, family) = vonLast(parts[0])
        let suffix = parts.count > 2 ? parts[1] : []
        let given = parts.count > 2 ? Array(parts[2...].joined()) : parts[1]
        return Name(given: clean(given.joined(separator: " ")), particle: clean(particle.joined(separator: " ")),
                    family: clean(family.joined(separator: " ")), suffix: clean(suffix.joined(separator: " ")))
    }

    static func firstVonLast(_ tokens: [String]) -> Name {
        guard tokens.count > 1 else { return Name(family: clean(tokens.first ?? "")) }
        let lastIndex = tokens.count - 1
        guard let vonStart = tokens[..<lastIndex].firstIndex(where: isLowercaseWord) else {
            return Name(given: clean(tokens[..<lastIndex].joined(separator: " ")), family: clean(tokens[lastIndex]))
        }
        var vonEnd = vonStart
        for index in vonStart..<lastIndex where isLowercaseWord(tokens[index]) { vonEnd = index }
        return Name(given: clean(tokens[..<vonStart].joined(separator: " ")),
                    particle: clean(tokens[vonStart...vonEnd].joined(separator: " ")),
                    family: clean(tokens[(vonEnd + 1)...].joined(separator: " ")))
    }

    static func vonLast(_ tokens: [String]) -> (particle: [String], family: [String]) {
        guard tokens.count > 1 else { return ([], tokens) }
        var vonEnd = -1
        for index in 0..<(tokens.count - 1) where isLowercaseWord(tokens[index]) { vonEnd = index }
        // BibTeX: the von part runs to the last lowercase word before the last word.
        guard vonEnd >= 0, isLowercaseWord(tokens[0]) else { return ([], tokens) }
        return (Array(tokens[...vonEnd]), Array(tokens[(vonEnd + 1)...]))
    }

    /// BibTeX's test for a von word: its first letter outside braces is lowercase; a
    /// `{\'e}`-style special character counts by its letter; other braces count as uppercase.
    static func isLowercaseWord(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" {
                guard index + 1 < scalars.count, scalars[index + 1] == "\\" else { return false }
                // A special character: past the command's name, its letter decides; `{\o}` alone
                // decides by the command.
                var inner = index + 2
                let commandStart = inner
                if inner < scalars.count, scalars[inner].isASCII, scalars[inner].properties.isAlphabetic {
                    while inner < scalars.count, scalars[inner].isASCII, scalars[inner].properties.isAlphabetic { inner += 1 }
                } else {
                    inner += 1
                }
                while inner < scalars.count, scalars[inner] != "}" {
                    if scalars[inner].properties.isAlphabetic { return scalars[inner].properties.isLowercase }
                    inner += 1
                }
                return commandStart < scalars.count && scalars[commandStart].properties.isLowercase
            }
            if scalar.properties.isAlphabetic {
                return scalar.properties.isLowercase
            }
            index += 1
        }
        return false
    }

    static func isSingleGroup(_ word: String) -> Bool {
        guard word.hasPrefix("{"), word.hasSuffix("}") else { return false }
        var depth = 0
        for (offset, scalar) in word.unicodeScalars.enumerated() {
            if scalar == "{" { depth += 1 }
            if scalar == "}" {
                depth -= 1
                if depth == 0 { return offset == word.unicodeScalars.count - 1 }
            }
        }
        return false
    }

    static func clean(_ raw: String) -> String {
        LaTeXDecoder.plain(raw).replacingNonBreakingSpaces()
    }

    /// Han, kana and Hangul: scripts whose names are written family name first, unspaced.
    static func isEastAsian(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3040...0x30FF, 0x3100...0x312F, 0x3130...0x318F,
             0x31A0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x3134F:
            return true
        default:
            return false
        }
    }
}

extension String {
    func replacingNonBreakingSpaces() -> String {
        guard unicodeScalars.contains("\u{00A0}") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{00A0}" ? " " : $0 }))
    }
}
