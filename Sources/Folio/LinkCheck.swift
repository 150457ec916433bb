import FolioModel
import FolioParser
import FolioRender
import FolioStorage
import Foundation

/// `folio check`'s link check, as mdbook-linkcheck and Documenter's `linkcheck` do it but without
/// the network: every local link in the book — Markdown links, raw HTML `href` and `src` — must
/// name a file the render writes (or one the author keeps in `output/`) and, with a `#fragment`,
/// an element of that page with that id. Links with a scheme or a host are never fetched.
/// Markdown images are checked by the render itself (a missing one is a warning at its line).
struct LinkCheck {
    /// What a link can point at.
    private enum Target {
        /// A page, with the ids of its elements.
        case page(Set<String>)
        /// Another file (a figure's CSV, an image).
        case file
        /// The page of a chapter that failed: it exists (as a page saying so), its ids are unknown.
        case failedPage
    }

    /// What the build made, by path in the output folder.
    private var targets: [String: Target] = [:]
    private var sites: [(page: String, links: [LinkSite])] = []
    let output: String
    let files: any FileSystem

    init(output: String, files: any FileSystem) {
        self.output = output
        self.files = files
    }

    mutating func add(_ built: [OutputFile]) {
        for file in built {
            targets[file.path] = Self.target(file.path, bytes: file.bytes)
        }
    }

    mutating func add(_ chapter: BuiltChapter) {
        add(chapter.files)
        let page = ChapterParser.slug(of: chapter.path) + ".html"
        if chapter.failed {
            targets[page] = .failedPage
        } else if let parsed = chapter.chapter {
            sites.append((page, parsed.links.filter { $0.kind != .image }))
        }
    }

    /// Every broken link, at its place in its chapter.
    func broken() -> [Diagnostic] {
        var found: [Diagnostic] = []
        // Files the author keeps in the output folder, read once each (`nil`: there is none).
        var kept: [String: Target?] = [:]
        for (page, links) in sites {
            for link in links where !link.target.isEmpty && !PageLink.isExternal(link.target) {
                let target = PageLink.rewritten(link.target)
                let hash = target.firstIndex(of: "#")
                let fragment = hash.map { String(target[target.index(after: $0)...]).removingPercentEncoding ?? "" } ?? ""
                let path = target[..<(hash ?? target.endIndex)].prefix { $0 != "?" }
                guard let resolved = path.isEmpty ? page : Self.outputPath(String(path).removingPercentEncoding ?? String(path)) else {
                    found.append(problem(link, "leaves the book's output folder"))
                    continue
                }
                if kept[resolved] == nil, targets[resolved] == nil { kept[resolved] = keptFile(resolved) }
                switch targets[resolved] ?? (kept[resolved] ?? nil) {
                case nil:
                    let written = link.target.prefix { $0 != "#" && $0 != "?" }
                    found.append(problem(link, written.hasSuffix(".md") ? "no chapter of the book is \(written)" : "the book has no file \(resolved)"))
                case .page(let ids) where !fragment.isEmpty && !ids.contains(fragment):
                    let closest = Spelling.closest(to: fragment, among: ids).map { "; did you mean '#\($0)'?" } ?? ""
                    found.append(problem(link, "\(resolved == page ? "this page" : resolved) has no element with id '\(fragment)'\(closest)"))
                default:
                    break
                }
            }
        }
        return found
    }

    private func problem(_ link: LinkSite, _ reason: String) -> Diagnostic {
        let what = link.kind == .html ? "'\(link.target)'" : "link '\(link.target)'"
        return .error("link.broken", "broken \(what): \(reason)", at: link.location)
    }

    /// A file the author keeps in the output folder, if there is one.
    private func keptFile(_ path: String) -> Target? {
        let full = output + "/" + path
        guard !files.isDirectory(full), let bytes = files.contents(full) else { return nil }
        return Self.target(path, bytes: bytes)
    }

    private static func target(_ path: String, bytes: [UInt8]) -> Target {
        path.hasSuffix(".html") ? .page(ids(in: bytes)) : .file
    }

    /// `path`, relative to the output folder (where every page is), resolved, with a folder's
    /// `index.html` named; `nil` when it climbs out of the folder.
    static func outputPath(_ path: String) -> String? {
        guard let resolved = resolvedRelativePath(path) else { return nil }
        return path.hasSuffix("/") || resolved.isEmpty ? joinPath(resolved, "index.html") : resolved
    }

    /// The `id`s of a page's elements.
    static func ids(in page: [UInt8]) -> Set<String> {
        var ids: Set<String> = []
        let marker = Array(" id=\"".utf8)
        var index = 0
        while let start = page[index...].firstRange(of: marker) {
            let valueStart = start.upperBound
            guard let end = page[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            ids.insert(String(decoding: page[valueStart..<end], as: UTF8.self)
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&"))
            index = end
        }
        return ids
    }
}
