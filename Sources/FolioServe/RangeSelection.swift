import NIOCore

/// What a `Range` field asks of a file `length` bytes long (RFC 9110 §14.1.2, §14.2), read the
/// way nginx reads it, so that the two answer alike.
enum RangeSelection: Equatable, Sendable {
    /// The field is ignored: the whole file, 200. A unit other than `bytes`, an empty file, or
    /// ranges adding up to more than the file (nginx's guard against many overlapping ranges).
    case whole
    /// No range lies in the file, or the field is malformed: 416 with `Content-Range: bytes */length`.
    case unsatisfiable
    /// The byte offsets to send, in the order asked: 206, one part or `multipart/byteranges`.
    case parts([Range<Int>])

    init(_ value: String, length: Int) {
        var reader = RangeReader(bytes: Array(value.utf8))
        guard reader.bytes.count > 6, reader.takeUnit() else {
            self = .whole
            return
        }
        var parts: [Range<Int>] = []
        var total = 0
        while true {
            reader.skipSpaces()
            let start: Int
            let end: Int
            if reader.take(UInt8(ascii: "-")) {
                // `-N`: the last N bytes.
                guard let count = reader.number(), reader.isAtEndOfMember else { self = .unsatisfiable; return }
                start = count < length ? length - count : 0
                end = length
            } else {
                guard let first = reader.number(), reader.take(UInt8(ascii: "-")) else { self = .unsatisfiable; return }
                start = first
                if reader.isAtEndOfMember {
                    // `N-`: from N to the end.
                    end = length
                } else {
                    // `N-M`, both included; M past the end means the end.
                    guard let last = reader.number(), reader.isAtEndOfMember else { self = .unsatisfiable; return }
                    end = last >= length ? length : last + 1
                }
            }
            if start < end {
                parts.append(start..<end)
                total += end - start
            } else if start == 0 {
                self = .whole
                return
            }
            // A range past the end (or backwards) is skipped; the others may still be sent.
            guard reader.take(UInt8(ascii: ",")) else { break }
        }
        if parts.isEmpty {
            self = .unsatisfiable
        } else if total > length {
            self = .whole
        } else {
            self = .parts(parts)
        }
    }
}

/// The bytes of a `Range` field, read from the front.
private struct RangeReader {
    let bytes: [UInt8]
    var index = 0

    /// Reads `bytes=`, in any case.
    mutating func takeUnit() -> Bool {
        guard String(decoding: bytes.prefix(6), as: UTF8.self).lowercased() == "bytes=" else { return false }
        index = 6
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    /// Reads `byte`, after spaces, and the spaces after it.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpaces()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        skipSpaces()
        return true
    }

    /// Whether the member ends here: a comma or the end, after spaces.
    var isAtEndOfMember: Bool {
        var end = index
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        return end == bytes.count || bytes[end] == UInt8(ascii: ",")
    }

    /// Reads a decimal number; `nil` when there are no digits or it does not fit in 63 bits.
    mutating func number() -> Int? {
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAgain) = times10.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow, !overflowAgain else { return nil }
            value = sum
            index += 1
        }
        return index > start ? value : nil
    }
}

/// A `multipart/byteranges` body (RFC 9110 §14.6) laid out byte for byte as nginx lays it out:
/// each part a boundary line, its `Content-Type` and `Content-Range`, a blank line and its bytes.
struct MultipartByteRanges {
    /// Twenty digits, like nginx's, so that both bodies have the same length.
    let boundary: String
    let body: ByteBuffer

    /// The parts `ranges` of `file`, whose type is `contentType`.
    init(_ ranges: [Range<Int>], of file: ByteBuffer, contentType: String?) {
        let length = file.readableBytes
        let slices = ranges.map { file.getSlice(at: file.readerIndex + $0.lowerBound, length: $0.count) ?? ByteBuffer() }
        // A boundary must not occur in the parts; twenty random digits almost never do.
        var boundary: String
        repeat {
            let digits = String(UInt64.random(in: 0...9_999_999_999_999_999_999))
            boundary = String(repeating: "0", count: 20 - digits.count) + digits
        } while slices.contains(where: { Self.contains($0, Array(boundary.utf8)) })
        var body = ByteBuffer()
        for (range, slice) in zip(ranges, slices) {
            body.writeString("\r\n--\(boundary)\r\n")
            if let contentType { body.writeString("Content-Type: \(contentType)\r\n") }
            body.writeString("Content-Range: bytes \(range.lowerBound)-\(range.upperBound - 1)/\(length)\r\n\r\n")
            body.writeImmutableBuffer(slice)
        }
        body.writeString("\r\n--\(boundary)--\r\n")
        self.boundary = boundary
        self.body = body
    }

    var contentType: String { "multipart/byteranges; boundary=\(boundary)" }

    private static func contains(_ buffer: ByteBuffer, _ needle: [UInt8]) -> Bool {
        buffer.readableBytesView.withContiguousStorageIfAvailable { bytes in
            guard bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { start in
                bytes[start] == needle[0] && bytes[start..<start + needle.count].elementsEqual(needle)
            }
        } ?? false
    }
}
