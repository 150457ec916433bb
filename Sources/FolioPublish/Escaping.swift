/// Escaping for the two serializations a chapter is written in. HTML's rules are `HTMLWriter`'s
/// in FolioRender (text: `&`, `<`, `>`; attributes: also `"`), so markup passed through keeps
/// the bytes the pages have.
enum HTMLText {
    static func escape(_ text: String) -> String {
        escape(text, quotes: false)
    }

    static func escapeAttribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || (quotes && $0 == UInt8(ascii: "\"")) })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// XML's escaping, and its narrower set of characters.
enum XMLText {
    /// HTML text, its references decoded, written for XML: only XML's five references remain,
    /// and characters XML 1.0 forbids (most C0 controls) are left out.
    static func text(fromHTML raw: String) -> String {
        let needsWork = raw.utf8.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) }
        guard needsWork else { return raw }
        return escape(CharacterReferences.decode(raw), attribute: false)
    }

    /// Literal text (`<style>`'s content, a title) written for XML.
    static func escape(_ text: String) -> String {
        escape(text, attribute: false)
    }

    /// An attribute's value written for XML, inside double quotes. Tabs and line breaks are
    /// written as references, since XML would read them as spaces.
    static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        // Most text and values (an SVG path, a class) need nothing: no copy then. A byte 0xEF may
        // begin U+FFFE or U+FFFF, which XML forbids, so it takes the long way.
        let plain = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0xEF: false
            case UInt8(ascii: "\""), 0x09, 0x0A: !attribute
            case 0..<0x20: false
            default: true
            }
        }
        if plain { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            // Only `]]>` needs it in text; escaping every `>` is simpler and equally valid.
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\t" where attribute: result += "&#9;"
            case "\n" where attribute: result += "&#10;"
            case "\r": result += "&#13;"
            default:
                guard isXMLCharacter(scalar) else { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Whether `name` may be an XML attribute's name here: ASCII letters, digits, `-`, `_`, `.`
    /// and at most one `:` after a known prefix. Anything else (`@click`, `v-on:x`) would make
    /// the document not XML, so such an attribute is left out.
    static func isAttributeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first.isASCIILetter || first == UInt8(ascii: "_") else { return false }
        var colons = 0
        for byte in name.utf8 {
            if byte == UInt8(ascii: ":") { colons += 1; continue }
            guard byte.isASCIILetter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") else { return false }
        }
        guard colons > 0 else { return true }
        guard colons == 1, let prefix = name.split(separator: ":").first else { return false }
        return ["xml", "xlink", "epub", "xmlns"].contains(prefix)
    }
}
