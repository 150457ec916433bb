import FolioModel

extension Array where Element == Block {
    /// Every footnote definition in these blocks, wherever the author wrote it — in a quote, a
    /// list, a callout, another footnote — in document order. The model's `forEachLeaf` enters
    /// footnotes without handing them over, so this walk is its own, on a stack of its own.
    var footnoteDefinitions: [Footnote] {
        var result: [Footnote] = []
        // Each entry is what is left to visit of one list of blocks; the top is the innermost.
        var pending: [ArraySlice<Block>] = [self[...]]
        while var blocks = pending.popLast() {
            guard let block = blocks.popFirst() else { continue }
            pending.append(blocks)
            switch block {
            case .footnote(let footnote):
                result.append(footnote)
                pending.append(footnote.blocks[...])
            case .blockQuote(let children):
                pending.append(children[...])
            case .callout(let callout):
                pending.append(callout.blocks[...])
            case .list(let list):
                pending += list.items.reversed().map { $0[...] }
            case .paragraph, .heading, .code, .html, .thematicBreak, .equation, .cell, .table, .figure:
                break
            }
        }
        return result
    }

    /// The notes the page ends with: the footnotes that have a number (that something refers
    /// to), in the order of their numbers; of two with one number (a duplicated id, which the
    /// parser reports), the first.
    var endnotes: [Footnote] {
        var seen: Set<Int> = []
        var numbered: [(number: Int, footnote: Footnote)] = []
        for footnote in footnoteDefinitions {
            if let number = footnote.number, seen.insert(number).inserted { numbered.append((number, footnote)) }
        }
        return numbered.sorted { $0.number < $1.number }.map(\.footnote)
    }
}
