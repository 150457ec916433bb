// Shared by every chapter of this book: Folio compiles each `chapters/*.swift` file into every
// chapter's program (see "Shared code" in writing.md).
import Foundation

/// The arithmetic mean of `values`, which must not be empty.
func mean(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "the mean of no values is undefined")
    return values.reduce(0, +) / Double(values.count)
}
