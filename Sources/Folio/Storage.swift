import FolioEvaluate
import FolioStorage

extension BookError {
    /// A storage failure as the book reports it, naming the path and the system's reason.
    init(_ error: StorageError) {
        switch error {
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .cannotWrite(let path, let reason): self = .cannotWrite(path: path, reason: reason)
        }
    }
}

/// The name a cache keeps a book's entries under: its output folder's absolute path, hashed,
/// so books sharing a cache (through `FOLIO_CACHE_DIR`) do not take turns overwriting them.
func cacheName(forOutput output: String) -> String {
    String(Digest.of(bytes: Array(ChapterEvaluator.absolute(output).utf8)).prefix(16))
}

extension FileSystem {
    /// `read(_:)`, failing as the book does.
    func readFile(_ path: String) throws(BookError) -> [UInt8] {
        do { return try read(path) } catch { throw BookError(error) }
    }

    /// `write(_:to:)`, failing as the book does.
    @discardableResult
    func writeFile(_ bytes: [UInt8], to path: String) throws(BookError) -> Bool {
        do { return try write(bytes, to: path) } catch { throw BookError(error) }
    }

    /// `names(in:)`, failing as the book does.
    func folderNames(_ directory: String) throws(BookError) -> [String] {
        do { return try names(in: directory) } catch { throw BookError(error) }
    }
}
