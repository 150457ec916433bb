/// A pandoc attribute block at the end of a heading, a table's caption or an image figure:
/// `{#sec-intro}`, `{#fig-plot fig-alt="…"}`, `{#tbl-data .unnumbered}`.
struct AttributeBlock: Equatable {
    var id: String?
    var classes: [String] = []
    var pairs: [String: String] = [:]

    /// The attribute block that ends `text` (spaces after it allowed), and the text before it
    /// with its trailing spaces; `nil` when `text` does not end in a well-formed one.
    static func trailing(in text: String) -> (rest: String, block: AttributeBlock)? {
        var scalars = text.unicodeScalars[...]
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars.removeLast() }
        guard scalars.last == "}", let open = scalars.lastIndex(of: "{") else { return nil }
        guard let block = parse(scalars[scalars.index(after: open)..<scalars.index(before: scalars.endIndex)]) else { return nil }
        var rest = scalars[..<open]
        while let last = rest.last, last == " " || last == "\t" || last == "\n" { rest.removeLast() }
        return (String(rest), block)
    }

    /// The block's inside: words separated by spaces, each `#id`, `.class` or `key=value` (the
    /// value optionally in double quotes, spaces then allowed).
    private static func parse(_ inside: Substring.UnicodeScalarView) -> AttributeBlock? {
        var block = AttributeBlock()
        var rest = inside[...]
        func skipSpaces() { while let first = rest.first, first == " " || first == "\t" || first == "\n" { rest.removeFirst() } }
        skipSpaces()
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            var word = String.UnicodeScalarView()
            var value: String?
            while let first = rest.first, first != " ", first != "\t", first != "\n" {
                rest.removeFirst()
                if first == "=", value == nil {
                    if rest.first == "\"" {
                        rest.removeFirst()
                        guard let close = rest.firstIndex(of: "\"") else { return nil }
                        value = String(rest[..<close])
                        rest = rest[rest.index(after: close)...]
                        break
                    }
                    value = ""
                    continue
                }
                if value != nil { value! += String(first) } else { word.append(first) }
            }
            let name = String(word)
            if let value {
                guard !name.isEmpty else { return nil }
                block.pairs[name] = value
            } else if name.hasPrefix("#"), name.count > 1 {
                guard block.id == nil, name.dropFirst().unicodeScalars.allSatisfy(isIdentifierScalar) else { return nil }
                block.id = String(name.dropFirst())
            } else if name.hasPrefix("."), name.count > 1 {
                block.classes.append(String(name.dropFirst()))
            } else if name == "-" {
                block.classes.append("unnumbered")
            } else {
                return nil
            }
            skipSpaces()
        }
        return block
    }

    /// Letters, digits (any script), `-`, `_`, `:` and `.`: what an id may hold.
    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_:.".unicodeScalars.contains(scalar)
    }
}
