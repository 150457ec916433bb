/// "Did you mean": the known name nearest to a mistyped one — a cell option, a label, a
/// citation key, a front matter key.
public enum Spelling {
    /// The closest name, if it is within a third of the name's length (at least 2 edits); a name
    /// that differs only in case always matches. Ties go to the name that sorts first.
    public static func closest<Keys: Sequence<String>>(to key: String, among keys: Keys) -> String? {
        let target = Array(key.lowercased().unicodeScalars)
        let limit = max(2, target.count / 3)
        var best: (key: String, distance: Int)?
        for candidate in keys {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            guard abs(scalars.count - target.count) <= limit else { continue }
            let bound = min(best?.distance ?? limit, limit)
            guard let distance = distance(target, scalars, bound: bound) else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.key) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    /// Levenshtein distance, or nil as soon as it must exceed `bound`.
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > bound { return nil }
            swap(&previous, &current)
        }
        let result = a.isEmpty ? b.count : previous[b.count]
        return result <= bound ? result : nil
    }
}
