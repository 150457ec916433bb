/// An entity tag (RFC 9110 §8.8.3): an opaque quoted string that changes when a file's bytes do,
/// marked weak by a `W/` before it.
struct EntityTag: Equatable, Sendable {
    /// The quoted string, quotes included, as it is compared.
    var opaque: Substring
    var isWeak: Bool

    /// Reads a tag that is the whole of `text`, spaces around it aside; `nil` when it is not one.
    init?(_ text: some StringProtocol) {
        var reader = EntityTagReader(Substring(text))
        guard let tag = reader.nextTag(), reader.isAtEnd else { return nil }
        self = tag
    }

    init(opaque: Substring, isWeak: Bool) {
        self.opaque = opaque
        self.isWeak = isWeak
    }

    /// The tag as a field value: `W/"…"` or `"…"`.
    var fieldValue: String { (isWeak ? "W/" : "") + opaque }

    /// Strong comparison (§8.8.3.2): both strong and the same. `If-Match` and `If-Range` use it.
    func matchesStrongly(_ other: EntityTag) -> Bool {
        !isWeak && !other.isWeak && opaque == other.opaque
    }

    /// Weak comparison: the same opaque string, weak or not. `If-None-Match` uses it.
    func matchesWeakly(_ other: EntityTag) -> Bool {
        opaque == other.opaque
    }
}

/// The value of an `If-Match` or `If-None-Match` field: `*`, which any current file matches,
/// or a list of entity tags.
enum EntityTagCondition: Equatable, Sendable {
    case anyTag
    case tags([EntityTag])

    /// Reads a field's value (several fields of the same name joined by commas). Members that
    /// are not entity tags match nothing.
    init(_ value: String) {
        var reader = EntityTagReader(Substring(value))
        reader.skipSeparators()
        if reader.rest.first == "*" {
            reader.rest.removeFirst()
            reader.skipSeparators()
            if reader.isAtEnd {
                self = .anyTag
                return
            }
        }
        var tags: [EntityTag] = []
        while !reader.isAtEnd {
            if let tag = reader.nextTag() { tags.append(tag) } else { reader.skipMember() }
            reader.skipSeparators()
        }
        self = .tags(tags)
    }

    /// Whether the file's current tag (none for a file without one) satisfies the condition.
    func isMatched(by current: EntityTag?, weakly: Bool) -> Bool {
        guard let current else { return false }
        switch self {
        case .anyTag:
            return true
        case .tags(let tags):
            return tags.contains { weakly ? $0.matchesWeakly(current) : $0.matchesStrongly(current) }
        }
    }
}

/// Reads entity tags off the front of a list: `W/"a", "b" ,"c"`.
private struct EntityTagReader {
    var rest: Substring

    init(_ text: Substring) {
        rest = text
        skipSpaces()
    }

    var isAtEnd: Bool { rest.isEmpty }

    mutating func skipSpaces() {
        while let first = rest.first, first == " " || first == "\t" { rest.removeFirst() }
    }

    /// Skips spaces and the commas between members (the list syntax allows empty members).
    mutating func skipSeparators() {
        while let first = rest.first, first == " " || first == "\t" || first == "," { rest.removeFirst() }
    }

    /// Skips what is left of a member that is not a tag, up to the next comma.
    mutating func skipMember() {
        while let first = rest.first, first != "," { rest.removeFirst() }
    }

    /// The tag at the front, and the spaces after it; `nil` (reading nothing) when there is none.
    /// Inside the quotes any visible character but a quote may stand (`etagc`).
    mutating func nextTag() -> EntityTag? {
        var scalars = rest.unicodeScalars[...]
        var isWeak = false
        if scalars.starts(with: "W/".unicodeScalars) {
            isWeak = true
            scalars = scalars.dropFirst(2)
        }
        guard scalars.first == "\"" else { return nil }
        let open = scalars.startIndex
        scalars = scalars.dropFirst()
        while let scalar = scalars.first, scalar != "\"" {
            guard scalar.value == 0x21 || scalar.value >= 0x23 && scalar.value != 0x7F else { return nil }
            scalars = scalars.dropFirst()
        }
        guard scalars.first == "\"" else { return nil }
        let close = scalars.index(after: scalars.startIndex)
        let opaque = Substring(rest.unicodeScalars[open..<close])
        rest = Substring(rest.unicodeScalars[close...])
        skipSpaces()
        return EntityTag(opaque: opaque, isWeak: isWeak)
    }
}
