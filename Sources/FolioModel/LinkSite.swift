/// A place in a chapter that points somewhere: a Markdown link or image, or an `href` or `src`
/// attribute in raw HTML, with the target as the author wrote it. `folio check` follows every
/// local one (see `LinkCheck`).
public struct LinkSite: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case link
        case image
        /// An `href` or `src` attribute of raw HTML.
        case html
    }

    public var kind: Kind
    public var target: String
    public var location: SourceLocation

    public init(kind: Kind, target: String, location: SourceLocation) {
        self.kind = kind
        self.target = target
        self.location = location
    }
}
