/// Which vocabulary an element belongs to: HTML, or SVG and MathML inside it, whose names keep
/// their case and which XML must be told apart by namespace.
enum MarkupNamespace: Sendable, Equatable {
    case html, svg, mathML

    /// The namespace XML names, for `xmlns` on the outermost element of each.
    var uri: String {
        switch self {
        case .html: "http://www.w3.org/1999/xhtml"
        case .svg: "http://www.w3.org/2000/svg"
        case .mathML: "http://www.w3.org/1998/Math/MathML"
        }
    }
}

/// One attribute, its value with character references already decoded; `nil` for an attribute
/// written without a value (`<input checked>`).
struct MarkupAttribute: Sendable, Equatable {
    var name: String
    var value: String?
}

/// A start tag: its name (lower case in HTML, as written in SVG and MathML), where it belongs,
/// and its attributes in source order, each name once.
struct MarkupElement: Sendable, Equatable {
    var name: String
    var namespace: MarkupNamespace
    var attributes: [MarkupAttribute]

    subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value ?? nil }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes.append(MarkupAttribute(name: name, value: newValue))
            }
        }
    }

    func has(_ attribute: String) -> Bool { attributes.contains { $0.name == attribute } }

    /// Whether the space-separated `class` attribute lists `name`.
    func hasClass(_ name: String) -> Bool {
        self[attribute: "class"]?.split(separator: " ").contains { $0 == name } ?? false
    }
}

/// A piece of markup in document order. Every `.start` is matched by an `.end` later in the
/// same list, properly nested, which is what lets the XML writer close what HTML leaves open.
enum MarkupNode: Sendable, Equatable {
    case start(MarkupElement)
    case end(name: String, namespace: MarkupNamespace)
    /// An element without content: one of HTML's void elements (`<img>`, `<br>`) or an SVG or
    /// MathML element written self-closed (`<path … />`).
    case empty(MarkupElement)
    /// Text as the source wrote it, with its character references (`&amp;`) still in it.
    case text(String)
    /// The content of `<script>` or `<style>`, which has no references: `&` is itself.
    case rawText(String)
}
