import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Debian's `cmark-gfm` (a test tool, installed by `Tools/setup.sh`, never linked), run with the
/// table, strikethrough, autolink and footnotes extensions: the reference the differential test
/// compares Folio's parser with.
enum CmarkGFM {
    /// `cmark-gfm` on PATH, if any.
    static let path: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/cmark-gfm"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// The extensions GFM enables that Folio implements. The footnotes are an extension of
    /// their own here (0.29.0.gfm.6 has no `--footnotes`); tasklist and tagfilter stay off.
    static let extensions = ["table", "strikethrough", "autolink", "footnotes"]

    /// `cmark-gfm 0.29.0.gfm.6`, for the figures.
    static let version: String = {
        guard let path, let output = try? run(path: path, arguments: ["--version"]) else { return "cmark-gfm" }
        return output.split(separator: "\n").first.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } ?? "cmark-gfm"
    }()

    /// What cmark-gfm makes of `markdown`, in the differential test's terms.
    static func shape(of markdown: String, in directory: URL) throws -> GFMShape {
        let file = directory.appendingPathComponent("input-\(UUID().uuidString).md")
        try Data(markdown.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let options = extensions.flatMap { ["--extension", $0] }
        let xml = try run(path: path!, arguments: options + ["--to", "xml", file.path])
        let html = try run(path: path!, arguments: options + ["--to", "html", file.path])
        let (prose, notes) = try CmarkGFMXMLReader.contents(of: xml)
        let (references, endnotes) = footnotes(inHTML: html)
        guard notes.count == endnotes.count else { throw Failure.notesDisagree(notes.count, endnotes.count) }
        var shape = GFMShape(prose: prose, footnoteReferences: references, endnotes: endnotes)
        for (id, content) in zip(endnotes, notes) { shape.notes[id] = content }
        return shape
    }

    /// The footnotes as cmark-gfm's HTML shows them: its XML writer has no names for their nodes
    /// (it writes `<<unknown>>`), so the numbers and ids come from here. Raw HTML is omitted
    /// and text escaped, so an author cannot write what is matched.
    static func footnotes(inHTML html: String) -> (references: [Int], endnotes: [String]) {
        let references = matches(of: #"data-footnote-ref>([0-9]+)</a>"#, in: html).compactMap { Int($0) }
        let endnotes = matches(of: #"<li id="fn-([^"]*)">"#, in: html).map { id in
            let unescaped = id.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            return unescaped.removingPercentEncoding ?? unescaped
        }
        return (references, endnotes)
    }

    private static func matches(of pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Runs the program and returns what it printed; it reads its input from a file, so no pipe
    /// waits on the other.
    static func run(path: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure.exit(arguments, process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    /// cmark-gfm failed, or wrote what could not be read.
    enum Failure: Error, CustomStringConvertible {
        case exit([String], Int32)
        case unreadableXML(String)
        case notesDisagree(Int, Int)

        var description: String {
            switch self {
            case .exit(let arguments, let status): "cmark-gfm \(arguments.joined(separator: " ")) exited with \(status)"
            case .unreadableXML(let reason): "cmark-gfm's XML could not be read: \(reason)"
            case .notesDisagree(let xml, let html): "cmark-gfm's XML has \(xml) notes, its HTML \(html)"
            }
        }
    }
}

/// Reads cmark-gfm's XML (CommonMark's DTD plus `table`, `table_header`, `table_row`,
/// `table_cell` and `strikethrough`) into the prose's `GFMShape.Content` and each listed note's.
final class CmarkGFMXMLReader: NSObject, XMLParserDelegate {
    /// An element of the tree, with its attributes, children and — for leaves — its text.
    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        var text = ""

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
    }

    private var stack: [Node] = [Node(name: "#root", attributes: [:])]

    /// The prose's content, and each note's in the order they are listed.
    static func contents(of xml: String) throws -> (prose: GFMShape.Content, notes: [GFMShape.Content]) {
        // The footnotes' nodes are written `<<unknown>>`, `<<unknown> />` and `</<unknown>>`:
        // named here so that the XML parses. The DTD is not fetched, nor needed.
        let named = xml.replacingOccurrences(of: "</<unknown>>", with: "</footnote_definition>")
            .replacingOccurrences(of: "<<unknown> />", with: "<footnote_reference />")
            .replacingOccurrences(of: "<<unknown>>", with: "<footnote_definition>")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<!DOCTYPE") }.joined(separator: "\n")
        let reader = CmarkGFMXMLReader()
        let parser = XMLParser(data: Data(named.utf8))
        parser.delegate = reader
        guard parser.parse(), let document = reader.stack.first?.children.first else {
            throw CmarkGFM.Failure.unreadableXML(parser.parserError.map { "\($0)" } ?? "no document")
        }
        var prose = GFMShape.Content()
        var notes: [GFMShape.Content] = []
        read(document, into: &prose, notes: &notes)
        return (prose, notes)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = Node(name: elementName, attributes: attributes)
        stack.last?.children.append(node)
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        stack.last?.text += whitespaceString
    }

    /// The elements whose text is the author's (the others hold only the XML's indentation).
    private static let leaves: Set<String> = ["text", "code", "html_inline", "code_block", "html_block"]

    /// Reads `node` into `content`, and each note's definition in it, wherever it stands, into
    /// a content of its own.
    private static func read(_ node: Node, into content: inout GFMShape.Content, notes: inout [GFMShape.Content]) {
        switch node.name {
        case "footnote_definition":
            var note = GFMShape.Content()
            var nested: [GFMShape.Content] = []
            for child in node.children {
                if child.name == "footnote_reference" {
                    nested.append(GFMShape.Content())
                } else {
                    read(child, into: &note, notes: &nested)
                }
            }
            notes.append(note)
            notes += nested
            return
        case "table":
            var table = GFMShape.Table()
            for row in node.children {
                let cells = row.children.filter { $0.name == "table_cell" }
                if row.name == "table_header" {
                    table.alignments = cells.map { $0.attributes["align"] ?? "none" }
                    table.header = cells.map { GFMShape.normalized(text(of: $0)) }
                } else if row.name == "table_row" {
                    table.rows.append(cells.map { GFMShape.normalized(text(of: $0)) })
                }
            }
            content.tables.append(table)
        case "strikethrough":
            content.struck.append(GFMShape.normalized(text(of: node)))
        case "link":
            content.links.append(node.attributes["destination"] ?? "")
        default:
            break
        }
        for child in node.children {
            // An empty definition is written like a reference, `<<unknown> />`, among blocks.
            if child.name == "footnote_reference" && blockContainers.contains(node.name) {
                notes.append(GFMShape.Content())
            } else {
                read(child, into: &content, notes: &notes)
            }
        }
    }

    /// The elements whose children are blocks.
    private static let blockContainers: Set<String> = ["document", "block_quote", "list", "item", "footnote_definition"]

    /// The text of an inline element and everything in it, as `GFMShape` writes it.
    private static func text(of node: Node) -> String {
        switch node.name {
        case _ where leaves.contains(node.name): node.text
        case "softbreak", "linebreak": " "
        case "footnote_reference": GFMShape.footnoteMarker
        default: node.children.map(text(of:)).joined()
        }
    }
}
