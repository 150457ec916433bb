import HTTPTypes

/// What a file's validators are: its entity tag and last modification, to the second.
struct Validators: Sendable {
    var entityTag: EntityTag?
    var lastModified: Int?

    /// Read from the `ETag` and `Last-Modified` of a response.
    init(_ fields: HTTPFields) {
        entityTag = fields[.eTag].flatMap { EntityTag($0) }
        lastModified = fields[.lastModified].flatMap { HTTPDate.seconds(from: $0) }
    }
}

/// A request's preconditions (RFC 9110 §13.1) evaluated in the order of §13.2.2 against a file
/// that exists, for GET and HEAD, the only methods `folio serve` answers.
enum Precondition: Equatable, Sendable {
    /// Answer as if there were no conditions.
    case proceed
    /// 304: the reader's copy is current.
    case notModified
    /// 412: the reader asked for a version that is not the current one.
    case failed

    init(_ fields: HTTPFields, validators: Validators) {
        // 1–2: If-Match, or else If-Unmodified-Since (ignored when it is not a date).
        if let ifMatch = fields[.ifMatch] {
            guard EntityTagCondition(ifMatch).isMatched(by: validators.entityTag, weakly: false) else {
                self = .failed
                return
            }
        } else if let since = fields[.ifUnmodifiedSince].flatMap({ HTTPDate.seconds(from: $0) }),
                  let modified = validators.lastModified, modified > since {
            self = .failed
            return
        }
        // 3–4: If-None-Match, or else If-Modified-Since.
        if let ifNoneMatch = fields[.ifNoneMatch] {
            self = EntityTagCondition(ifNoneMatch).isMatched(by: validators.entityTag, weakly: true) ? .notModified : .proceed
        } else if let since = fields[.ifModifiedSince].flatMap({ HTTPDate.seconds(from: $0) }),
                  let modified = validators.lastModified, modified <= since {
            self = .notModified
        } else {
            self = .proceed
        }
    }

    /// Whether a `Range` may be honoured under the request's `If-Range` (§13.1.5): always
    /// without one; with one, only if it names the current file by a strong tag or by exactly
    /// its modification date. A weak tag never does.
    static func rangeApplies(_ fields: HTTPFields, validators: Validators) -> Bool {
        guard let ifRange = fields[.ifRange] else { return true }
        if let tag = EntityTag(ifRange) {
            return validators.entityTag.map(tag.matchesStrongly) ?? false
        }
        guard let date = HTTPDate.seconds(from: ifRange), let modified = validators.lastModified else { return false }
        return date == modified
    }
}
