import FolioModel

/// The `\tag{…}` of a display equation, which names it instead of a number.
enum EquationTag {
    /// The text of a `\tag{…}` or `\tag*{…}` at brace depth zero, if any.
    static func text(in tex: String) -> String? {
        let scalars = Array(tex.unicodeScalars)
        var depth = 0
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "{": depth += 1
            case "}": depth -= 1
            case "\\":
                let rest = scalars[(index + 1)...]
                if depth == 0, rest.starts(with: "tag".unicodeScalars) {
                    var cursor = index + 4
                    if cursor < scalars.count, scalars[cursor] == "*" { cursor += 1 }
                    while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
                    guard cursor < scalars.count, scalars[cursor] == "{" else { return nil }
                    var inner = 0
                    var end = cursor
                    while end < scalars.count {
                        if scalars[end] == "{" { inner += 1 }
                        if scalars[end] == "}" { inner -= 1; if inner == 0 { break } }
                        end += 1
                    }
                    guard end < scalars.count else { return nil }
                    return String(String.UnicodeScalarView(scalars[(cursor + 1)..<end])).trimmingSpaces
                }
                index += 1
            default: break
            }
            index += 1
        }
        return nil
    }
}

private extension String {
    var trimmingSpaces: String {
        var slice = self[...]
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
