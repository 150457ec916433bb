import FolioMath
import FuzzSupport

/// Any TeX, inline and display: the converter finishes, reports errors inside the formula, and
/// writes one well-formed `<math>` element.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMathConverter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let tex = String(decoding: input, as: UTF8.self)
    let length = tex.unicodeScalars.count
    for display in [false, true] {
        let rendering = MathConverter().convert(tex, display: display)
        guard rendering.mathML.hasPrefix(display ? "<math display=\"block\">" : "<math>") else {
            fuzzFailure("the MathML does not start with <math>: \(rendering.mathML.prefix(80))", input: input)
        }
        if let problem = MarkupCheck.problem(in: rendering.mathML) {
            fuzzFailure("\(problem)\n--- MathML ---\n\(rendering.mathML)", input: input)
        }
        for error in rendering.errors where error.offset < 0 || error.offset > length {
            fuzzFailure("error \(error.id) at offset \(error.offset), outside the formula's \(length) scalars", input: input)
        }
    }
    return 0
}
