// These walks recurse, as the renderer's does: the parser never makes a model nested deeper
// than `NestingLimit.depth`, so the call stack they need is bounded.

extension Block {
    /// This block with `transform` applied to every inline in it, depth first, nested blocks
    /// included. For stages that rewrite inlines (resolving references) without caring where
    /// they stand.
    public func mapInlines(_ transform: (Inline) -> Inline) -> Block {
        switch self {
        case .paragraph(let content):
            return .paragraph(content.map { $0.mapInlines(transform) })
        case .heading(var heading):
            heading.content = heading.content.map { $0.mapInlines(transform) }
            return .heading(heading)
        case .blockQuote(let children):
            return .blockQuote(children.map { $0.mapInlines(transform) })
        case .list(var list):
            list.items = list.items.map { $0.map { $0.mapInlines(transform) } }
            return .list(list)
        case .code, .html, .thematicBreak, .equation, .cell:
            return self
        }
    }
}

extension Inline {
    /// This inline with `transform` applied to it and to every inline inside it, innermost first.
    public func mapInlines(_ transform: (Inline) -> Inline) -> Inline {
        switch self {
        case .emphasis(let content):
            return transform(.emphasis(content.map { $0.mapInlines(transform) }))
        case .strong(let content):
            return transform(.strong(content.map { $0.mapInlines(transform) }))
        case .link(let destination, let title, let content):
            return transform(.link(destination: destination, title: title, content: content.map { $0.mapInlines(transform) }))
        case .image(let source, let title, let alt):
            return transform(.image(source: source, title: title, alt: alt.map { $0.mapInlines(transform) }))
        case .text, .softBreak, .lineBreak, .code, .html, .math, .reference, .expression:
            return transform(self)
        }
    }
}

extension Array where Element == Block {
    /// Calls `body` on every block that holds no blocks (quotes and list items are entered), in
    /// document order, letting it change them in place.
    public mutating func updateLeaves(_ body: (inout Block) -> Void) {
        for index in indices {
            switch self[index] {
            case .blockQuote(var children):
                children.updateLeaves(body)
                self[index] = .blockQuote(children)
            case .list(var list):
                for item in list.items.indices { list.items[item].updateLeaves(body) }
                self[index] = .list(list)
            default:
                body(&self[index])
            }
        }
    }

    /// Calls `body` on every block that holds no blocks, in document order.
    public func forEachLeaf(_ body: (Block) -> Void) {
        var copy = self
        copy.updateLeaves { body($0) }
    }
}
