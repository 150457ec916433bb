import Crypto
import Foundation

/// A cache entry sealed with the SHA-256 of its contents, so that an entry damaged on disk — cut
/// short by a full disk, edited by hand, corrupted — is never used: it reads as missing, and the
/// value is made afresh. Every cache Folio keeps (results, outlines, page records, highlighted
/// code) stores its entries this way.
public enum SealedEntry {
    private static let header = Array("folio-sealed-1 ".utf8)

    /// `contents` with its digest in front: `folio-sealed-1 <hex>\n` then the bytes.
    public static func seal<Bytes: Collection<UInt8>>(_ contents: Bytes) -> [UInt8] {
        header + Array(SHA256.hash(data: Array(contents)).hexadecimal.utf8) + [UInt8(ascii: "\n")] + contents
    }

    /// The contents of a sealed entry, or `nil` when it is not one or its digest does not match.
    public static func open(_ entry: [UInt8]) -> [UInt8]? {
        let digestLength = 64
        let start = header.count + digestLength + 1
        guard entry.count >= start, entry.starts(with: header), entry[start - 1] == UInt8(ascii: "\n") else { return nil }
        let contents = Array(entry[start...])
        guard SHA256.hash(data: contents).hexadecimal.utf8.elementsEqual(entry[header.count..<(start - 1)]) else { return nil }
        return contents
    }

    /// The contents of the sealed entry in the file at `path`, if it is whole.
    public static func read(_ path: String, from files: any FileSystem = DiskFileSystem()) -> [UInt8]? {
        files.contents(path).flatMap(open)
    }
}

extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal, for naming files after digests.
    public var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// SHA-256 digests as Folio names things by them: cache keys, entries, fingerprints.
public enum Digest {
    /// The digest of `parts`, each length-prefixed so that ("ab", "c") and ("a", "bc") differ,
    /// then of `bytes`, in hexadecimal.
    public static func of(_ parts: [String], bytes: [UInt8] = []) -> String {
        var hasher = SHA256()
        for part in parts { hasher.update(data: Array("\(part.utf8.count):\(part)".utf8)) }
        if !bytes.isEmpty { hasher.update(data: bytes) }
        return hasher.finalize().hexadecimal
    }

    /// The digest of `bytes`, in hexadecimal.
    public static func of<Bytes: DataProtocol>(bytes: Bytes) -> String {
        SHA256.hash(data: bytes).hexadecimal
    }
}
