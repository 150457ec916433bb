import FolioModel

/// How deep a chapter's model nests: quotes and lists (a list item is its list's level; the
/// document's own blocks are level 1), and separately emphasis, links and images. The parser
/// keeps both within `NestingLimit.depth` (plus the document's level); shared by the parser's
/// tests and the chapter fuzz target.
public struct NestingDepth: Equatable, CustomStringConvertible {
    public var blocks: Int
    public var inlines: Int

    /// Measured with a stack on the heap, so that a model deeper than the limit is reported,
    /// not overflowed (freeing such a model would still overflow; it is not made).
    public init(_ blocks: [Block]) {
        var deepest = (blocks: 0, inlines: 0)
        var pendingBlocks: [(blocks: [Block], level: Int)] = [(blocks, 1)]
        var pendingInlines: [(inlines: [Inline], level: Int)] = []
        while let (current, level) = pendingBlocks.popLast() {
            deepest.blocks = max(deepest.blocks, current.isEmpty ? level - 1 : level)
            for block in current {
                switch block {
                case .blockQuote(let children): pendingBlocks.append((children, level + 1))
                case .list(let list): pendingBlocks += list.items.map { ($0, level + 1) }
                case .paragraph(let content): pendingInlines.append((content, 0))
                case .heading(let heading): pendingInlines.append((heading.content, 0))
                default: break
                }
            }
        }
        while let (current, level) = pendingInlines.popLast() {
            deepest.inlines = max(deepest.inlines, level)
            for inline in current {
                switch inline {
                case .emphasis(let content), .strong(let content), .link(_, _, let content), .image(_, _, let content):
                    pendingInlines.append((content, level + 1))
                default: break
                }
            }
        }
        self.blocks = deepest.blocks
        self.inlines = deepest.inlines
    }

    public init(blocks: Int, inlines: Int) {
        self.blocks = blocks
        self.inlines = inlines
    }

    /// Whether it is within what the parser may make.
    public var isWithinLimit: Bool {
        blocks <= NestingLimit.depth + 1 && inlines <= NestingLimit.depth
    }

    public var description: String { "\(blocks) levels of blocks, \(inlines) of inlines" }
}
