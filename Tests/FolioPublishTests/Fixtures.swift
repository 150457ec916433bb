import Foundation
@testable import FolioPublish

/// Copies of real pages Folio wrote: the documentation book's five chapters (cross-chapter
/// links, figures with CSV data, an image, a link above the book) and the Chinese softmax
/// chapter (MathML, a stepper figure).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let chapters: [(slug: String, title: String)] = [
        ("introduction", "Introduction"), ("writing", "Writing chapters"), ("runtime", "The runtime"),
        ("figures", "Figures"), ("checking", "Checking a book in CI"), ("softmax", "Softmax"),
    ]

    static func page(_ slug: String) -> String {
        String(decoding: bytes("\(slug).html"), as: UTF8.self)
    }

    static func bytes(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) ?? Data())
    }

    static var book: PublishedBook {
        PublishedBook(title: "Folio", lang: "en", contentsTitle: "Contents",
                      chapters: chapters.map { ChapterPage(slug: $0.slug, title: $0.title, html: page($0.slug)) })
    }

    static var files: [BookFile] {
        [BookFile(path: "pipeline.svg", bytes: bytes("pipeline.svg"))]
    }

    static var stylesheet: [UInt8] { bytes("assets/folio.css") }

    /// 2026-11-30 12:00:00 UTC.
    static let date = Date(timeIntervalSince1970: 1_796_040_000)
}
