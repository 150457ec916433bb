/// What the link check and the accessibility warnings need from a piece of raw HTML: its `href`
/// and `src` attributes (each value with `&amp;` read as `&`) and its `<img>` tags without `alt`,
/// each placed as lines after the first and a byte column (from 0) on that line — from the start
/// of the HTML on its first line.
struct HTMLLinkAttributes {
    struct Attribute: Equatable {
        var value: String
        var line: Int
        var column: Int
    }

    /// A place in the HTML: lines after the first, and a byte column from 0.
    struct Place: Equatable {
        var line: Int
        var column: Int
    }

    private(set) var attributes: [Attribute] = []
    /// Where each `<img` without an `alt` attribute starts.
    private(set) var imagesWithoutAlt: [Place] = []

    /// The `href` and `src` attributes in `html`.
    static func find(in html: String) -> [Attribute] {
        HTMLLinkAttributes(html).attributes
    }

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var index = 0
        var line = 0
        var lineStart = 0
        // The tag being read: its name, where it starts, and whether it has an `alt`.
        var tag: (name: [UInt8], place: Place, hasAlt: Bool)?
        var quote: UInt8?
        func advance() {
            if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
            index += 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
                advance()
            } else if tag == nil {
                if byte == UInt8(ascii: "<"), index + 1 < bytes.count, Self.isLetter(bytes[index + 1]) {
                    let place = Place(line: line, column: index - lineStart)
                    advance()
                    var name: [UInt8] = []
                    while index < bytes.count, Self.isLetter(bytes[index]) || (bytes[index] >= 0x30 && bytes[index] <= 0x39) {
                        name.append(bytes[index] | 0x20)
                        advance()
                    }
                    tag = (name, place, false)
                } else {
                    advance()
                }
            } else if byte == UInt8(ascii: ">") {
                if let open = tag, open.name == Array("img".utf8), !open.hasAlt { imagesWithoutAlt.append(open.place) }
                tag = nil
                advance()
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                advance()
            } else if Self.isSpace(bytes[index - 1]), Self.isLetter(byte) {
                let nameStart = Place(line: line, column: index - lineStart)
                var name: [UInt8] = []
                while index < bytes.count, Self.isLetter(bytes[index]) || bytes[index] == UInt8(ascii: "-") {
                    name.append(bytes[index] | 0x20)
                    advance()
                }
                if name == Array("alt".utf8) { tag?.hasAlt = true }
                guard name == Array("href".utf8) || name == Array("src".utf8) else { continue }
                while index < bytes.count, Self.isSpace(bytes[index]) { advance() }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
                advance()
                while index < bytes.count, Self.isSpace(bytes[index]) { advance() }
                guard index < bytes.count else { break }
                var value: [UInt8] = []
                if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let delimiter = bytes[index]
                    advance()
                    while index < bytes.count, bytes[index] != delimiter { value.append(bytes[index]); advance() }
                    if index < bytes.count { advance() }
                } else {
                    while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { value.append(bytes[index]); advance() }
                }
                let text = String(decoding: value, as: UTF8.self).replacingOccurrences(of: "&amp;", with: "&")
                attributes.append(Attribute(value: text, line: nameStart.line, column: nameStart.column))
            } else {
                advance()
            }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
