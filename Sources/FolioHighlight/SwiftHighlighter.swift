// Classes emitted by `SwiftHighlighter`, for the stylesheet:
//
//   kw    keywords, including contextual ones (`let`, `func`, `public`, `self`, `nil`, `true`),
//         `#available` and its platforms (`iOS` in `#available(iOS 17, *)`)
//   ty    type names where swift-syntax knows they are types (`Double` in `[Double]`, `: Int`)
//   num   integer and floating-point literals; the sign of `-1` is an `op`
//   str   string, character and regex literals: the quotes, the text, raw-string `#`s and the
//         `\(` … `)` of an interpolation (the code inside an interpolation is highlighted as code)
//   cm    comments of every kind: `//`, `/* */`, `///`, `/** */`
//   attr  attributes and macros (`@MainActor`, `@escaping`, `@Observable`, `#stringify`,
//         `#warning`)
//   op    operators (`+`, `==`, `..<`, `::`, custom operators)
//   dir   compiler directives: `#if` with its condition, `#elseif`, `#else`, `#endif`,
//         `#sourceLocation`
//
// Identifiers, argument labels, `$0` and punctuation are left unwrapped: they are most of the
// text, so wrapping them would double the page for no colour. There is no `id` class.
// Spaces between two tokens of one class join their span (`<span class="kw">public func</span>`).
// Spans never nest and never contain a line break, so a renderer may split the output on "\n"
// (for line numbers or marked lines) and every line is well-formed HTML on its own.

import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Turns Swift source into HTML with each token wrapped in a `<span class="…">` by its kind, as
/// swift-syntax classifies it. The output is escaped text and spans only.
public struct SwiftHighlighter: Sendable {
    public init() {}

    /// The highlighted HTML for `code` (the content of a `<code>` element, without it).
    ///
    /// Every byte of `code` appears in the output exactly once and in order, with `&`, `<` and `>`
    /// escaped; only `<span class="…">` and `</span>` are added. Code that does not parse is
    /// highlighted as far as swift-syntax recovers and is never dropped.
    public func highlight(_ code: String) -> String {
        let source = Array(code.utf8)
        guard !source.isEmpty else { return "" }
        let classes = tokenClasses(of: code, source: source)
        return render(source, classes: classes)
    }

    /// One class per UTF-8 byte of the source, from swift-syntax's classifications and the few
    /// corrections in `DelimiterFinder`.
    private func tokenClasses(of code: String, source: [UInt8]) -> [TokenClass] {
        let byteCount = source.count
        var classes = [TokenClass](repeating: .plain, count: byteCount)
        let tree = Parser.parse(source: code)

        func mark(_ range: Range<AbsolutePosition>, as tokenClass: TokenClass) {
            // The tree covers the source exactly; the clamp only keeps a surprise from trapping.
            let lower = min(max(range.lowerBound.utf8Offset, 0), byteCount)
            let upper = min(max(range.upperBound.utf8Offset, lower), byteCount)
            for offset in lower..<upper {
                classes[offset] = tokenClass
            }
        }

        for classified in tree.classifications {
            let tokenClass = TokenClass(classified.kind)
            if tokenClass != .plain {
                mark(classified.range, as: tokenClass)
            }
        }
        let finder = DelimiterFinder()
        finder.walk(tree)
        for (range, tokenClass) in finder.corrections {
            mark(range, as: tokenClass)
        }
        joinSpaces(in: &classes, source: source)
        return classes
    }

    /// Gives spaces and tabs between two runs of one class that class, so `public static func`
    /// and `#if DEBUG` are one span each rather than three and two.
    private func joinSpaces(in classes: inout [TokenClass], source: [UInt8]) {
        var offset = 0
        while offset < source.count {
            guard classes[offset] == .plain, offset > 0, classes[offset - 1] != .plain else {
                offset += 1
                continue
            }
            var end = offset
            while end < source.count, classes[end] == .plain,
                source[end] == UInt8(ascii: " ") || source[end] == UInt8(ascii: "\t") {
                end += 1
            }
            if end > offset, end < source.count, classes[end] == classes[offset - 1] {
                for index in offset..<end {
                    classes[index] = classes[offset - 1]
                }
            }
            offset = max(end, offset + 1)
        }
    }

    /// Writes the escaped bytes, opening and closing a span wherever the class changes.
    private func render(_ source: [UInt8], classes: [TokenClass]) -> String {
        var html: [UInt8] = []
        html.reserveCapacity(source.count * 2)
        var open = TokenClass.plain

        for (offset, byte) in source.enumerated() {
            var tokenClass = classes[offset]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                tokenClass = .plain
            } else if byte & 0b1100_0000 == 0b1000_0000 {
                // A continuation byte stays with the first byte of its character, so a tag can
                // never split a scalar even if a range ended inside one.
                tokenClass = open
            }
            if tokenClass != open {
                if open != .plain {
                    html.append(contentsOf: Self.closeTag)
                }
                if tokenClass != .plain {
                    html.append(contentsOf: tokenClass.openTag)
                }
                open = tokenClass
            }
            switch byte {
            case UInt8(ascii: "&"): html.append(contentsOf: Self.ampersand)
            case UInt8(ascii: "<"): html.append(contentsOf: Self.lessThan)
            case UInt8(ascii: ">"): html.append(contentsOf: Self.greaterThan)
            default: html.append(byte)
            }
        }
        if open != .plain {
            html.append(contentsOf: Self.closeTag)
        }
        return String(decoding: html, as: UTF8.self)
    }

    private static let closeTag = Array("</span>".utf8)
    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
}

/// The highlighting class of a byte; `plain` bytes are written without a span.
private enum TokenClass: UInt8, CaseIterable, Sendable {
    case plain, keyword, type, number, string, comment, attribute, `operator`, directive

    init(_ kind: SyntaxClassification) {
        switch kind {
        case .keyword: self = .keyword
        case .type: self = .type
        case .integerLiteral, .floatLiteral: self = .number
        case .stringLiteral, .regexLiteral: self = .string
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: self = .comment
        case .attribute: self = .attribute
        case .operator: self = .operator
        case .ifConfigDirective: self = .directive
        case .identifier, .dollarIdentifier, .argumentLabel, .editorPlaceholder, .none:
            self = .plain
        }
    }

    /// The name in `class="…"`, listed at the top of this file.
    var className: String {
        switch self {
        case .plain: ""
        case .keyword: "kw"
        case .type: "ty"
        case .number: "num"
        case .string: "str"
        case .comment: "cm"
        case .attribute: "attr"
        case .operator: "op"
        case .directive: "dir"
        }
    }

    var openTag: [UInt8] { Self.openTags[Int(rawValue)] }

    private static let openTags = allCases.map { Array("<span class=\"\($0.className)\">".utf8) }
}

/// Finds the tokens swift-syntax leaves unclassified or classifies differently from Folio: the
/// `\(` and `)` around an interpolation and the `#`s of a raw string belong to the string,
/// `#sourceLocation` is a directive rather than a keyword, `#available` is a keyword and a
/// freestanding macro's `#name` is an attribute.
private final class DelimiterFinder: SyntaxVisitor {
    private(set) var corrections: [(Range<AbsolutePosition>, TokenClass)] = []

    init() {
        super.init(viewMode: .sourceAccurate)
    }

    override func visit(_ node: StringLiteralExprSyntax) -> SyntaxVisitorContinueKind {
        add(node.openingPounds, as: .string)
        add(node.closingPounds, as: .string)
        return .visitChildren
    }

    override func visit(_ node: ExpressionSegmentSyntax) -> SyntaxVisitorContinueKind {
        add(node.backslash, as: .string)
        add(node.pounds, as: .string)
        add(node.leftParen, as: .string)
        add(node.rightParen, as: .string)
        return .visitChildren
    }

    override func visit(_ node: PoundSourceLocationSyntax) -> SyntaxVisitorContinueKind {
        add(node.poundSourceLocation, as: .directive)
        return .visitChildren
    }

    override func visit(_ node: AvailabilityConditionSyntax) -> SyntaxVisitorContinueKind {
        add(node.availabilityKeyword, as: .keyword)
        return .visitChildren
    }

    override func visit(_ node: MacroExpansionExprSyntax) -> SyntaxVisitorContinueKind {
        addMacroName(of: node)
        return .visitChildren
    }

    override func visit(_ node: MacroExpansionDeclSyntax) -> SyntaxVisitorContinueKind {
        addMacroName(of: node)
        return .visitChildren
    }

    /// `#stringify` and `#warning` are attr, like the attached macros written `@Observable`.
    private func addMacroName(of node: some FreestandingMacroExpansionSyntax) {
        add(node.pound, as: .attribute)
        add(node.macroName, as: .attribute)
    }

    private func add(_ token: TokenSyntax?, as tokenClass: TokenClass) {
        guard let token, token.presence == .present else { return }
        corrections.append((token.trimmedRange, tokenClass))
    }
}
