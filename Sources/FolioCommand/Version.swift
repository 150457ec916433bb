/// Folio's version, written here and nowhere else: semantic versioning, `0.MINOR.PATCH` while the
/// chapter format and the command line may still change (a new MINOR when a book or a script may
/// need changing, a new PATCH for fixes alone).
enum FolioVersion {
    static let number = "0.1.0"

    /// What `folio --version` prints: the version and the commit this binary was built from.
    static var description: String {
        guard let commit = BuildFacts.commit else { return "folio \(number) (unknown commit)" }
        return "folio \(number) (commit \(commit)\(BuildFacts.hasLocalChanges ? " with uncommitted changes" : ""))"
    }
}

/// Where this binary came from. `make install` (`Tools/install.sh`) compiles in a generated,
/// git-ignored `BuildFacts+Generated.swift` that declares these on `BuildFacts` itself, which Swift
/// prefers to the protocol's defaults below; every other build (`swift build`, a clean clone, a
/// tarball) has no such file and says it does not know. The script removes the file once the
/// binary is built, so a later `swift build` does not carry a stale commit.
enum BuildFacts: BuildFactDefaults {}

/// What a build knows about its source when nothing was generated for it: nothing.
protocol BuildFactDefaults {}

extension BuildFactDefaults {
    /// The commit of Folio's repository the binary was built from.
    static var commit: String? { nil }
    /// Whether the working tree had changes, or new files, that the commit does not hold.
    static var hasLocalChanges: Bool { false }
    /// The repository's git URL (its `origin`), without credentials, for the workflow `folio init` writes.
    static var repository: String? { nil }
}
