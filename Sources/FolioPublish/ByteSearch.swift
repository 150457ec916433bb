/// Searching UTF-8 bytes for ASCII markers. Foundation's `range(of:)` goes through UTF-16 and
/// took a fifth of the time of a 100-chapter book; markup markers are ASCII, and a byte match
/// of ASCII in UTF-8 is a character match.
extension Collection<UInt8> where Index == Int {
    /// The index of the first occurrence of `needle` at or after `from`.
    func firstIndex(of needle: some Collection<UInt8>, from start: Int? = nil) -> Int? {
        guard let first = needle.first else { return nil }
        let length = needle.count
        var index = start ?? startIndex
        while index + length <= endIndex {
            if self[index] == first, self[index..<(index + length)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The index of the last occurrence of `needle`.
    func lastIndex(of needle: some Collection<UInt8>) -> Int? {
        guard let first = needle.first else { return nil }
        let length = needle.count
        var index = endIndex - length
        while index >= startIndex {
            if self[index] == first, self[index..<(index + length)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}

extension String {
    /// Whether the string holds `needle`, byte for byte.
    func containsBytes(_ needle: String) -> Bool {
        var copy = self
        return copy.withUTF8 { $0.firstIndex(of: needle.utf8) != nil }
    }
}
