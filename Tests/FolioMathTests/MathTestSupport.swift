import FolioMath

/// Converts `tex` and returns what is between the outer `<mrow>` and the annotation: the
/// formula itself, which is what most tests compare.
func body(_ tex: String, display: Bool = false) -> String {
    let mathML = MathConverter().convert(tex, display: display).mathML
    let open = display ? "<math display=\"block\"><semantics><mrow>" : "<math><semantics><mrow>"
    guard mathML.hasPrefix(open), let end = mathML.range(of: "</mrow><annotation") else { return mathML }
    return String(mathML[mathML.index(mathML.startIndex, offsetBy: open.count)..<end.lowerBound])
}

/// The errors of a conversion as `id@offset`, the form the error tests compare.
func errors(_ tex: String) -> [String] {
    MathConverter().convert(tex, display: false).errors.map { "\($0.id)@\($0.offset)" }
}

/// Checks that markup is well-formed: tags balance, attributes are quoted, and `&` only
/// starts the four entities the writer uses. Returns a description of the first problem.
func wellFormednessProblem(_ markup: String) -> String? {
    let scalars = Array(markup.unicodeScalars)
    var stack: [String] = []
    var index = 0
    func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
    while index < scalars.count {
        let scalar = scalars[index]
        if scalar == "&" {
            // Compared by scalars: a combining mark after `;` would defeat String's hasPrefix.
            let rest = scalars[index...]
            guard let entity = ["&amp;", "&lt;", "&gt;", "&quot;"].first(where: { rest.starts(with: $0.unicodeScalars) }) else {
                return "bare & at \(index)"
            }
            index += entity.unicodeScalars.count
            continue
        }
        if scalar == ">" { return "bare > at \(index)" }
        guard scalar == "<" else {
            index += 1
            continue
        }
        index += 1
        let closing = index < scalars.count && scalars[index] == "/"
        if closing { index += 1 }
        let nameStart = index
        while index < scalars.count, isNameCharacter(scalars[index]) { index += 1 }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
        guard !name.isEmpty else { return "empty tag name at \(nameStart)" }
        // Attributes: name="value" pairs, with no < or unescaped quote inside a value.
        while index < scalars.count, scalars[index] == " " {
            index += 1
            let attributeStart = index
            while index < scalars.count, isNameCharacter(scalars[index]) { index += 1 }
            guard index > attributeStart, index + 1 < scalars.count, scalars[index] == "=", scalars[index + 1] == "\"" else {
                return "malformed attribute in <\(name)>"
            }
            index += 2
            while index < scalars.count, scalars[index] != "\"" {
                if scalars[index] == "<" { return "< inside an attribute of <\(name)>" }
                index += 1
            }
            index += 1
        }
        var selfClosing = false
        if index < scalars.count, scalars[index] == "/" {
            selfClosing = true
            index += 1
        }
        guard index < scalars.count, scalars[index] == ">" else { return "unterminated tag <\(name)>" }
        index += 1
        if closing {
            guard stack.popLast() == name else { return "</\(name)> does not close the open element" }
        } else if !selfClosing {
            stack.append(name)
        }
    }
    return stack.isEmpty ? nil : "unclosed <\(stack.last!)>"
}
