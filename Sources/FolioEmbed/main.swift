import Foundation

// `FolioEmbed OUTPUT ENUM FILE…`: writes OUTPUT, a Swift file declaring `enum ENUM` whose
// `files` holds each FILE's name and text, in the order given. The EmbedFiles build-tool plugin
// runs it, so the runtime's real `.swift` files and the stylesheet's `.css` are the only copies
// in the repository and Folio still carries them inside its one binary.

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: FolioEmbed OUTPUT ENUM FILE…\n".utf8))
    exit(2)
}
let output = arguments[arguments.startIndex]
let name = arguments[arguments.startIndex + 1]
var lines = [
    "// Generated at build time by the EmbedFiles plugin: do not edit.",
    "",
    "/// Files carried inside Folio, by name, with their text.",
    "enum \(name) {",
    "    static let files: [(name: String, text: String)] = [",
]
for path in arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("FolioEmbed: cannot read \(path)\n".utf8))
        exit(1)
    }
    let text = String(decoding: data, as: UTF8.self)
    // A raw string whose delimiter the text does not contain.
    var hashes = "#"
    while text.contains("\"\"\"" + hashes) { hashes += "#" }
    var body = text
    while body.hasSuffix("\n") { body.removeLast() }
    lines.append("        (\"\(URL(fileURLWithPath: path).lastPathComponent)\", \(hashes)\"\"\"")
    lines.append(body)
    lines.append("\"\"\"\(hashes)),")
}
lines += ["    ]", "}", ""]
do {
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("FolioEmbed: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
