import Foundation

/// A book in a fresh temporary folder, for end-to-end tests.
public struct TemporaryBook: Sendable {
    public let root: String

    public init(_ chapters: [String: [UInt8]]) throws {
        root = NSTemporaryDirectory() + "folio-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/chapters", withIntermediateDirectories: true)
        for (name, bytes) in chapters {
            try Data(bytes).write(to: URL(fileURLWithPath: root + "/chapters/" + name))
        }
    }

    /// A folder made by something else (`folio init`), to read and remove like a test book.
    public init(root: String) {
        self.root = root
    }

    public init(_ chapters: [String: String]) throws {
        try self.init(chapters.mapValues { Array($0.utf8) })
    }

    /// An empty folder with no chapters/ in it.
    public static func empty() throws -> TemporaryBook {
        let book = try TemporaryBook([String: String]())
        try FileManager.default.removeItem(atPath: book.root + "/chapters")
        return book
    }

    public func file(_ path: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes `text` to `path` in the book, creating its folder.
    public func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func files(in directory: String) -> [String] {
        let path = root + "/" + directory
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { !FileSystemTest.isDirectory(path + "/" + $0) }.sorted()
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

public enum FileSystemTest {
    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

