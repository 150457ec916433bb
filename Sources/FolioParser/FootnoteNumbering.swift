import FolioModel

/// Numbers a chapter's footnotes in the order they are first referred to, GitHub's and pandoc's
/// way, and links each reference to its note; a reference to no note, a note nothing refers to,
/// and a second note with the same id are warnings at their place. Ids match as link labels do,
/// without regard to case (`[^Note]` refers to `[^note]:`).
enum FootnoteNumbering {
    /// The form of an id that references and definitions are matched by.
    static func key(_ id: String) -> String { id.lowercased() }

    /// `hasReferences`: whether the chapter has any `[^id]` at all, so a chapter with neither
    /// notes nor references is not walked.
    static func number(_ blocks: inout [Block], hasReferences: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The first definition of each id; later ones are warnings and are not shown.
        var definitions: [String: Int] = [:]
        for (index, block) in blocks.enumerated() {
            guard case .footnote(let footnote) = block else { continue }
            if definitions[key(footnote.id)] == nil {
                definitions[key(footnote.id)] = index
            } else {
                diagnostics.append(.warning("footnote.duplicate", "footnote '[^\(footnote.id)]' is defined twice; the first is used",
                                            at: footnote.location))
            }
        }
        guard !definitions.isEmpty || hasReferences else { return diagnostics }

        var numbers: [String: Int] = [:]
        var occurrences: [String: Int] = [:]
        // Notes in the order they were numbered, whose own references are numbered after the prose's.
        var numbered: [Int] = []
        func resolve(_ inline: Inline) -> Inline {
            guard case .footnoteReference(var reference) = inline else { return inline }
            let id = key(reference.id)
            guard let index = definitions[id] else {
                let suggestion = Spelling.closest(to: reference.id, among: definitions.keys.sorted()).map { "; did you mean '[^\($0)]'?" } ?? ""
                diagnostics.append(.warning("footnote.undefined", "no footnote is defined as '[^\(reference.id)]'" + suggestion,
                                            at: reference.location))
                return inline
            }
            if numbers[id] == nil {
                numbers[id] = numbers.count + 1
                numbered.append(index)
            }
            occurrences[id, default: 0] += 1
            reference.number = numbers[id]
            reference.occurrence = occurrences[id]!
            return .footnoteReference(reference)
        }
        for index in blocks.indices {
            if case .footnote = blocks[index] { continue }
            blocks[index] = blocks[index].mapInlines(resolve)
        }
        var next = 0
        while next < numbered.count {
            let index = numbered[next]
            blocks[index] = blocks[index].mapInlines(resolve)
            next += 1
        }
        for index in blocks.indices {
            guard case .footnote(var footnote) = blocks[index], definitions[key(footnote.id)] == index else { continue }
            footnote.number = numbers[key(footnote.id)]
            footnote.referenceCount = occurrences[key(footnote.id)] ?? 0
            if footnote.number == nil {
                diagnostics.append(.warning("footnote.unused", "footnote '[^\(footnote.id)]' is never referred to; it is not shown",
                                            at: footnote.location))
            }
            blocks[index] = .footnote(footnote)
        }
        return diagnostics
    }
}
