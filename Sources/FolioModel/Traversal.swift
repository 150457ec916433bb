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
        case .table(var table):
            table.header = table.header.map { $0.map { $0.mapInlines(transform) } }
            table.rows = table.rows.map { $0.map { $0.map { $0.mapInlines(transform) } } }
            table.caption = table.caption?.map { $0.mapInlines(transform) }
            return .table(table)
        case .callout(var callout):
            callout.blocks = callout.blocks.map { $0.mapInlines(transform) }
            return .callout(callout)
        case .figure(var figure):
            figure.caption = figure.caption.map { $0.mapInlines(transform) }
            return .figure(figure)
        case .footnote(var footnote):
            footnote.blocks = footnote.blocks.map { $0.mapInlines(transform) }
            return .footnote(footnote)
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
        case .strikethrough(let content):
            return transform(.strikethrough(content.map { $0.mapInlines(transform) }))
        case .link(let destination, let title, let content):
            return transform(.link(destination: destination, title: title, content: content.map { $0.mapInlines(transform) }))
        case .image(let source, let title, let alt):
            return transform(.image(source: source, title: title, alt: alt.map { $0.mapInlines(transform) }))
        case .text, .softBreak, .lineBreak, .code, .html, .math, .reference, .expression, .footnoteReference, .citation:
            return transform(self)
        }
    }
}

extension Array where Element == Block {
    /// Calls `body` on every block that holds no blocks (quotes, list items, callouts and
    /// footnotes are entered), in document order, letting it change them in place.
    public mutating func updateLeaves(_ body: (inout Block) -> Void) {
        for index in indices {
            switch self[index] {
            case .blockQuote(var children):
                children.updateLeaves(body)
                self[index] = .blockQuote(children)
            case .list(var list):
                for item in list.items.indices { list.items[item].updateLeaves(body) }
                self[index] = .list(list)
            case .callout(var callout):
                callout.blocks.updateLeaves(body)
                self[index] = .callout(callout)
            case .footnote(var footnote):
                footnote.blocks.updateLeaves(body)
                self[index] = .footnote(footnote)
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
