import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that generated markup (MathML, SVG) is well-formed XML: escaped, balanced, only
/// characters XML allows. A real XML parser decides, not a pattern.
public enum MarkupCheck {
    /// The first problem in `markup`, or `nil` when it is one well-formed element. Attributes
    /// named in `numericAttributes` must also hold no `NaN` or infinity.
    public static func problem(in markup: String, numericAttributes: Set<String> = []) -> String? {
        let reader = AttributeReader(numericAttributes: numericAttributes)
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = reader
        guard parser.parse() else {
            return "not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber)): "
                + String(describing: parser.parserError)
        }
        return reader.problem
    }
}

/// Looks at each start tag's attributes while the parser walks the markup.
private final class AttributeReader: NSObject, XMLParserDelegate {
    let numericAttributes: Set<String>
    var problem: String?

    init(numericAttributes: Set<String>) {
        self.numericAttributes = numericAttributes
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard problem == nil else { return }
        for (name, value) in attributes where numericAttributes.contains(name) {
            let lowered = value.lowercased()
            if lowered.contains("nan") || lowered.contains("inf") {
                problem = "<\(elementName) \(name)=\"\(value)\"> is not a finite number"
                return
            }
        }
    }
}

/// Ends the run with a message libFuzzer keeps beside the input that caused it.
public func fuzzFailure(_ message: String, input: [UInt8]) -> Never {
    let shown = String(decoding: input.prefix(2_000), as: UTF8.self)
    fatalError("\(message)\n--- input (\(input.count) bytes) ---\n\(shown)")
}

/// Copies libFuzzer's input out of its buffer.
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
