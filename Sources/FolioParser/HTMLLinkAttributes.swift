/// The `href` and `src` attributes in a piece of raw HTML, for the link check: each value (with
/// `&amp;` read as `&`) and where its attribute's name starts, as lines after the first and a
/// byte column (from 0) on that line — from the start of the HTML on its first line.
enum HTMLLinkAttributes {
    struct Attribute: Equatable {
        var value: String
        var line: Int
        var column: Int
    }

    static func find(in html: String) -> [Attribute] {
        let bytes = Array(html.utf8)
        var found: [Attribute] = []
        var index = 0
        var line = 0
        var lineStart = 0
        var inTag = false
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
            } else if !inTag {
                if byte == UInt8(ascii: "<"), index + 1 < bytes.count, isLetter(bytes[index + 1]) { inTag = true }
                advance()
            } else if byte == UInt8(ascii: ">") {
                inTag = false
                advance()
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                advance()
            } else if isSpace(bytes[index - 1]), let name = ["href", "src"].first(where: { matches($0, at: index, in: bytes) }) {
                let nameStart = (line: line, column: index - lineStart)
                for _ in 0..<name.utf8.count { advance() }
                while index < bytes.count, isSpace(bytes[index]) { advance() }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
                advance()
                while index < bytes.count, isSpace(bytes[index]) { advance() }
                guard index < bytes.count else { break }
                var value: [UInt8] = []
                if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let delimiter = bytes[index]
                    advance()
                    while index < bytes.count, bytes[index] != delimiter { value.append(bytes[index]); advance() }
                    if index < bytes.count { advance() }
                } else {
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { value.append(bytes[index]); advance() }
                }
                let text = String(decoding: value, as: UTF8.self).replacingOccurrences(of: "&amp;", with: "&")
                found.append(Attribute(value: text, line: nameStart.line, column: nameStart.column))
            } else {
                advance()
            }
        }
        return found
    }

    private static func matches(_ name: String, at index: Int, in bytes: [UInt8]) -> Bool {
        let name = Array(name.utf8)
        guard index + name.count < bytes.count else { return false }
        for (offset, letter) in name.enumerated() where bytes[index + offset] | 0x20 != letter { return false }
        let next = bytes[index + name.count]
        return next == UInt8(ascii: "=") || isSpace(next)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
