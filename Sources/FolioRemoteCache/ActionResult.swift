/// What an `ac/` entry holds: the part of Bazel's `ActionResult` message (remote execution API v2)
/// that names output files, each by its path and the SHA-256 and size of its bytes in `cas/`.
/// Written as protocol-buffer bytes, so a server that checks its entries (bazel-remote does,
/// unless started with `--disable_http_ac_validation`) takes them, and finds every blob named.
public struct ActionResult: Equatable, Sendable {
    /// One output: a name within the entry and the blob holding its bytes.
    public struct OutputFile: Equatable, Sendable {
        public var path: String
        /// The SHA-256 of the bytes, in lowercase hexadecimal.
        public var hash: String
        public var size: Int

        public init(path: String, hash: String, size: Int) {
            self.path = path
            self.hash = hash
            self.size = size
        }
    }

    public var outputFiles: [OutputFile]

    public init(outputFiles: [OutputFile]) {
        self.outputFiles = outputFiles
    }

    // Field numbers from build/bazel/remote/execution/v2/remote_execution.proto.
    private enum Field {
        static let outputFiles = 2  // ActionResult.output_files
        static let path = 1  // OutputFile.path
        static let digest = 2  // OutputFile.digest
        static let hash = 1  // Digest.hash
        static let sizeBytes = 2  // Digest.size_bytes
    }

    /// The entry in protocol-buffer wire format.
    public var bytes: [UInt8] {
        var message = ProtoWriter()
        for file in outputFiles {
            var digest = ProtoWriter()
            digest.string(Field.hash, file.hash)
            digest.varint(Field.sizeBytes, UInt64(file.size))
            var output = ProtoWriter()
            output.string(Field.path, file.path)
            output.message(Field.digest, digest.bytes)
            message.message(Field.outputFiles, output.bytes)
        }
        return message.bytes
    }

    /// Reads an entry; `nil` for bytes that are not one (truncated, or another kind of message).
    /// Fields Folio does not write are skipped, as protocol buffers require.
    public init?(bytes: [UInt8]) {
        var files: [OutputFile] = []
        var reader = ProtoReader(bytes[...])
        while let field = reader.next() {
            guard let field else { return nil }
            guard field.number == Field.outputFiles, case .bytes(let outputBytes) = field.value else { continue }
            var path: String?
            var hash: String?
            var size = 0
            var output = ProtoReader(outputBytes)
            while let field = output.next() {
                guard let field else { return nil }
                switch (field.number, field.value) {
                case (Field.path, .bytes(let text)): path = String(decoding: text, as: UTF8.self)
                case (Field.digest, .bytes(let digestBytes)):
                    var digest = ProtoReader(digestBytes)
                    while let field = digest.next() {
                        guard let field else { return nil }
                        switch (field.number, field.value) {
                        case (Field.hash, .bytes(let text)): hash = String(decoding: text, as: UTF8.self)
                        case (Field.sizeBytes, .varint(let value)) where value <= UInt64(Int.max): size = Int(value)
                        default: continue
                        }
                    }
                default: continue
                }
            }
            guard let path, let hash, hash.count == 64, hash.utf8.allSatisfy(\.isLowercaseHexDigit) else { return nil }
            files.append(OutputFile(path: path, hash: hash, size: size))
        }
        outputFiles = files
    }
}

extension UInt8 {
    var isLowercaseHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
    }
}

/// Protocol-buffer wire format, the little of it an `ActionResult` needs: varints and
/// length-delimited fields.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ field: Int, _ value: UInt64) {
        key(field, wireType: 0)
        raw(value)
    }

    mutating func string(_ field: Int, _ text: String) {
        message(field, Array(text.utf8))
    }

    mutating func message(_ field: Int, _ payload: [UInt8]) {
        key(field, wireType: 2)
        raw(UInt64(payload.count))
        bytes += payload
    }

    private mutating func key(_ field: Int, wireType: UInt64) {
        raw(UInt64(field) << 3 | wireType)
    }

    private mutating func raw(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

/// Reads fields one by one. `next()` is `nil` at the end and `.some(nil)` for bytes that are not
/// well-formed, so a reader stops at the first bad byte.
struct ProtoReader {
    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed
    }

    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        rest = bytes
    }

    mutating func next() -> (number: Int, value: Value)?? {
        guard !rest.isEmpty else { return .none }
        guard let key = raw(), key >> 3 > 0, key >> 3 <= UInt64(Int32.max) else { return .some(nil) }
        let number = Int(key >> 3)
        switch key & 7 {
        case 0:
            guard let value = raw() else { return .some(nil) }
            return (number, .varint(value))
        case 1, 5:
            let width = key & 7 == 1 ? 8 : 4
            guard rest.count >= width else { return .some(nil) }
            rest = rest.dropFirst(width)
            return (number, .fixed)
        case 2:
            guard let length = raw(), length <= UInt64(rest.count) else { return .some(nil) }
            let payload = rest.prefix(Int(length))
            rest = rest.dropFirst(Int(length))
            return (number, .bytes(payload))
        default:
            return .some(nil)
        }
    }

    private mutating func raw() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = rest.first, shift < 64 {
            rest = rest.dropFirst()
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
