/// A unified diff of two texts, line by line, with three lines of context, built on the
/// standard library's `CollectionDifference`.
public enum UnifiedDiff {
    public static func make(expected: [String], actual: [String], expectedName: String, actualName: String) -> String {
        let difference = actual.difference(from: expected)
        guard !difference.isEmpty else { return "" }
        // Walk both texts at once, marking each line kept, removed or inserted.
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        enum Line { case keep(String), remove(String), insert(String) }
        var lines: [(line: Line, old: Int, new: Int)] = []
        var old = 0
        var new = 0
        while old < expected.count || new < actual.count {
            if old < expected.count, removed.contains(old) {
                lines.append((.remove(expected[old]), old, new))
                old += 1
            } else if new < actual.count, inserted.contains(new) {
                lines.append((.insert(actual[new]), old, new))
                new += 1
            } else {
                lines.append((.keep(expected[old]), old, new))
                old += 1
                new += 1
            }
        }
        // Hunks: changed lines with up to three lines of context, merged when close.
        let changed = lines.indices.filter { if case .keep = lines[$0].line { false } else { true } }
        var hunks: [Range<Int>] = []
        for index in changed {
            let range = max(0, index - 3)..<min(lines.count, index + 4)
            if let last = hunks.last, last.upperBound >= range.lowerBound {
                hunks[hunks.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        var output = ["--- \(expectedName)", "+++ \(actualName)"]
        for hunk in hunks {
            let slice = lines[hunk]
            let oldCount = slice.filter { if case .insert = $0.line { false } else { true } }.count
            let newCount = slice.filter { if case .remove = $0.line { false } else { true } }.count
            let oldStart = (slice.first?.old ?? 0) + (oldCount == 0 ? 0 : 1)
            let newStart = (slice.first?.new ?? 0) + (newCount == 0 ? 0 : 1)
            output.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
            for entry in slice {
                switch entry.line {
                case .keep(let text): output.append(" " + text)
                case .remove(let text): output.append("-" + text)
                case .insert(let text): output.append("+" + text)
                }
            }
        }
        return output.joined(separator: "\n")
    }
}
