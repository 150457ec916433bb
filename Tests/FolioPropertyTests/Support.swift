import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import FolioModel

/// Why `markup` is not one well-formed XML element, or `nil` when it is: a real XML parser decides.
func xmlProblem(_ markup: String) -> String? {
    let parser = XMLParser(data: Data(markup.utf8))
    guard parser.parse() else {
        return "line \(parser.lineNumber), column \(parser.columnNumber): \(String(describing: parser.parserError))"
    }
    return nil
}
