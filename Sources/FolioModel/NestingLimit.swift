/// How deep quotes and lists, and separately emphasis, links and images, may nest in a chapter's
/// blocks: the parser flattens anything deeper into the deepest level kept, with a located
/// warning (`markdown.too-deep`), so every stage may walk the model recursively.
///
/// Why a limit, when the parser walks cmark's tree without recursion: the model is a tree of
/// Swift values, and Swift frees, compares and copies those recursively, so a chapter nested
/// 100,000 deep would overflow the stack when its blocks are merely released, whatever walks
/// them. No book needs more than a dozen levels; markdown-it stops at 100 as well.
public enum NestingLimit {
    public static let depth = 100
}
