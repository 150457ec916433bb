import FolioModel
import FolioRender
import FolioStorage
import Foundation

/// `folio check`'s link check, as mdbook-linkcheck and Documenter's `linkcheck` do it but without
/// the network: every local link in the book — Markdown links, raw HTML `href` and `src` — must
/// name a file the render writes (or one the author keeps in `output/`) and, with a `#fragment`,
/// an element of that page with that id. Links with a scheme or a host are never fetched.
/// Markdown images are checked by the render itself (a missing one is a warning at its line).
struct LinkCheck {
    /// Pages and files this check has seen built, with the ids on each page.
    private var built: [String: Set<String>?] = [:]
    /// Pages of chapters that failed: they exist (as a page saying so), their ids are unknown.
    private var failedPages: Set<String> = []
    private var sites: [(page: String, links: [LinkSite])] = []
    let output: String
    let files: any FileSystem

    init(output: String, files: any FileSystem) {
        self.output = output
        self.files = files
    }

    mutating func add(_ built: [OutputFile]) {
        for file in built {
            self.built[file.path] = file.path.hasSuffix(".html") ? Self.ids(in: file.bytes) : .some(nil)
        }
    }

    mutating func add(_ chapter: BuiltChapter) {
        add(chapter.files)
        let name = chapter.path.split(separator: "/").last.map(String.init) ?? chapter.path
        let page = (chapter.chapter?.slug ?? (name.hasSuffix(".md") ? String(name.dropLast(3)) : name)) + ".html"
        if chapter.failed {
            failedPages.insert(page)
        } else if let parsed = chapter.chapter {
            sites.append((page, parsed.links.filter { $0.kind != .image }))
        }
    }

    /// Every broken link, at its place in its chapter.
    func broken() -> [Diagnostic] {
        var found: [Diagnostic] = []
        var pagesOnDisk: [String: Set<String>?] = [:]
        for (page, links) in sites {
            for link in links where !link.target.isEmpty && !PageLink.isExternal(link.target) {
                let target = PageLink.rewritten(link.target)
                let hash = target.firstIndex(of: "#")
                let fragment = hash.map { String(target[target.index(after: $0)...]).removingPercentEncoding ?? "" }
                var path = String(target[..<(hash ?? target.endIndex)])
                if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
                let resolved: String
                if path.isEmpty {
                    resolved = page
                } else if let normal = Self.normalized(path.removingPercentEncoding ?? path) {
                    resolved = normal
                } else {
                    found.append(problem(link, "leaves the book's output folder"))
                    continue
                }
                let ids: Set<String>?
                if let known = built[resolved] {
                    ids = known
                } else if failedPages.contains(resolved) {
                    continue
                } else if let onDisk = pagesOnDisk[resolved] ?? diskIDs(resolved) {
                    pagesOnDisk[resolved] = onDisk
                    ids = onDisk
                } else {
                    let written = link.target.prefix { $0 != "#" && $0 != "?" }
                    let what = written.hasSuffix(".md") ? "no chapter of the book is \(written)" : "the book has no file \(resolved)"
                    found.append(problem(link, what))
                    continue
                }
                if let fragment, !fragment.isEmpty, let ids, !ids.contains(fragment) {
                    let closest = Spelling.closest(to: fragment, among: ids).map { "; did you mean '#\($0)'?" } ?? ""
                    found.append(problem(link, "\(resolved == page ? "this page" : resolved) has no element with id '\(fragment)'\(closest)"))
                }
            }
        }
        return found
    }

    private func problem(_ link: LinkSite, _ reason: String) -> Diagnostic {
        let what = link.kind == .html ? "'\(link.target)'" : "link '\(link.target)'"
        return .error("link.broken", "broken \(what): \(reason)", at: link.location)
    }

    /// A file the author keeps in the output folder: `nil` when there is none, else its ids if a page.
    private func diskIDs(_ path: String) -> Set<String>?? {
        let full = output + "/" + path
        guard !files.isDirectory(full), let bytes = files.contents(full) else { return nil }
        return .some(path.hasSuffix(".html") ? Self.ids(in: bytes) : nil)
    }

    /// `path`, relative to the output folder (where every page is), with `.` and `..` taken out
    /// and a folder's `index.html` named; `nil` when it climbs out of the folder.
    static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        if path.hasSuffix("/") || parts.isEmpty { parts.append("index.html") }
        return parts.joined(separator: "/")
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
