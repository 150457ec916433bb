import FolioPublish
import Foundation

/// `folio-bench editions DIR`: the time to make `print.html` and `book.epub` from the pages a
/// render wrote into `DIR` (Benchmarks/book.sh, on its generated book), in process, median of 5,
/// the pages already read. Chapters in file-name order, as the generated book lists them.
func benchmarkEditions(output: String) -> Int32 {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? [])
        .filter { $0.hasSuffix(".html") && $0 != "index.html" && $0 != "print.html" }.sorted()
    guard !names.isEmpty else {
        FileHandle.standardError.write(Data("folio-bench: no pages in \(output)\n".utf8))
        return 2
    }
    let chapters = names.map { name in
        ChapterPage(slug: String(name.dropLast(5)), title: String(name.dropLast(5)),
                    html: String(decoding: FileManager.default.contents(atPath: output + "/" + name) ?? Data(), as: UTF8.self))
    }
    let book = PublishedBook(title: "Bench", lang: "zh-CN", contentsTitle: "目录", chapters: chapters)
    let stylesheet = [UInt8](FileManager.default.contents(atPath: output + "/assets/folio.css") ?? Data())
    let megabytes = Double(chapters.reduce(0) { $0 + $1.html.utf8.count }) / 1e6
    do {
        var size = 0
        let print = try medianMilliseconds(runs: 5) { size = try PrintEdition(paper: .a4).html(for: book).utf8.count }
        report("print.html of \(chapters.count) chapters (\(String(format: "%.1f", megabytes)) MB of pages)",
               String(format: "%.0f ms, %.1f MB", print, Double(size) / 1e6), target: "-")
        let epub = try medianMilliseconds(runs: 5) {
            size = try EPUBPackage().epub(for: book, stylesheet: stylesheet, files: [], modified: Date(timeIntervalSince1970: 1_800_000_000)).count
        }
        report("book.epub of \(chapters.count) chapters", String(format: "%.0f ms, %.1f MB", epub, Double(size) / 1e6), target: "-")
    } catch {
        FileHandle.standardError.write(Data("folio-bench: \(error)\n".utf8))
        return 1
    }
    return 0
}
