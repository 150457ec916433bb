import FolioEvaluate

/// Why the book as a whole could not be read or written: I/O failures, each naming its path.
/// Problems inside a chapter are diagnostics, not these.
public enum BookError: Error, Equatable, CustomStringConvertible {
    case missingChaptersDirectory(path: String)
    case noSuchChapter(path: String)
    case chapterOutsideBook(path: String)
    case unreadable(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// The toolchain or the cache failed, not the chapter's code.
    case evaluation(EvaluationError)
    /// The print edition, the EPUB or the PDF at `path` could not be made; `reason` says why.
    case edition(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingChaptersDirectory(let path):
            return "error: no chapters folder at '\(path)': a book keeps its chapters in chapters/*.md"
        case .noSuchChapter(let path):
            return "error: no chapter at '\(path)'"
        case .chapterOutsideBook(let path):
            return "error: '\(path)' is not a Markdown file in chapters/"
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read: \(reason)"
        case .cannotWrite(let path, let reason):
            return "\(path): error: cannot write: \(reason)"
        case .evaluation(let error):
            return error.description
        case .edition(let path, let reason):
            return "\(path): error: \(reason)"
        }
    }
}
