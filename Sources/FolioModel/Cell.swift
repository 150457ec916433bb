/// A fenced ```` ```swift ```` block: code that runs, in document order, as part of its
/// chapter's one program (SPEC 3.4).
public struct Cell: Sendable, Equatable {
    /// The code without its `//|` option lines.
    public var code: String
    public var options: CellOptions
    /// The opening fence.
    public var location: SourceLocation
    /// The file line of the code's first line (after the options).
    public var codeLine: Int
    /// How many columns the fence's content is indented by (inside lists and quotes).
    public var indent: Int
    /// The ```` ```output ```` block right after the cell, if any: its expected standard output.
    public var expectedOutput: CodeBlock?
    /// What running the cell gave; `nil` until the chapter is evaluated, or when `eval` is off.
    public var result: CellResult?
    /// The number of the figure a cell with a `fig-…` label shows (several figures in one such
    /// cell are its parts a, b, …); `nil` for other cells.
    public var figureNumber: String?
    /// The number of the table a cell with a `tbl-…` label shows; `nil` for other cells.
    public var tableNumber: String?

    public init(code: String, options: CellOptions, location: SourceLocation, codeLine: Int, indent: Int = 0,
                expectedOutput: CodeBlock? = nil, result: CellResult? = nil) {
        self.code = code
        self.options = options
        self.location = location
        self.codeLine = codeLine
        self.indent = indent
        self.expectedOutput = expectedOutput
        self.result = result
    }
}

/// A cell's `//|` options (the Quarto convention).
public struct CellOptions: Sendable, Equatable {
    /// Show the code.
    public var echo = true
    /// Run the code.
    public var eval = true
    /// Show what the code printed and displayed.
    public var output = true
    /// The cell's anchor; `fig-…` labels make a numbered figure, `tbl-…` labels a numbered table.
    public var label: String?
    public var figureCaption: String?
    public var figureAlt: String?
    /// The caption of the table a `tbl-…` cell shows (`tbl-cap`).
    public var tableCaption: String?
    /// The cell may fail at run time; its error is shown and the program goes on. A cell that
    /// does not fail is a warning.
    public var error = false
    /// The cell must fail (`expect-error`), and, when a fragment is given, with a message that
    /// contains it; not failing is an error. Implies `error`.
    public var expectedError: ExpectedError?

    public init() {}
}

/// What an `expect-error` cell must fail with.
public struct ExpectedError: Sendable, Equatable {
    /// Text the error's message must contain; `nil` for any failure.
    public var messageFragment: String?

    public init(messageFragment: String?) {
        self.messageFragment = messageFragment
    }
}

/// `` `{swift} expr` `` in prose: replaced by the value of `expr` at that point of the program.
public struct InlineExpression: Sendable, Equatable {
    public var code: String
    /// Where `expr` starts.
    public var location: SourceLocation
    /// The byte column of `expr` on its line, for placing it at the same column in the program.
    public var byteColumn: Int
    /// The formatted value once evaluated.
    public var value: String?

    public init(code: String, location: SourceLocation, byteColumn: Int, value: String? = nil) {
        self.code = code
        self.location = location
        self.byteColumn = byteColumn
        self.value = value
    }
}

/// What running a cell gave: its outputs in the order they appeared, its run-time error, and
/// how its expectations went.
public struct CellResult: Sendable, Equatable, Codable {
    public var outputs: [CellOutput]
    /// The error the cell stopped with (a trap's message, or a thrown error), if any.
    public var error: String?
    public var failedExpectations: [ExpectationFailure]
    public var passedExpectations: Int

    public init(outputs: [CellOutput] = [], error: String? = nil, failedExpectations: [ExpectationFailure] = [],
                passedExpectations: Int = 0) {
        self.outputs = outputs
        self.error = error
        self.failedExpectations = failedExpectations
        self.passedExpectations = passedExpectations
    }

    /// Everything the cell printed, in order.
    public var standardOutput: String {
        outputs.compactMap { if case .standardOutput(let text, _) = $0 { text } else { nil } }.joined()
    }
}

/// One piece of a cell's output.
public enum CellOutput: Sendable, Equatable, Codable {
    /// Printed text; `truncated` when the cell printed more than Folio keeps.
    case standardOutput(String, truncated: Bool)
    /// What it wrote on standard error, shown marked as such; `truncated` as for standard output.
    case standardError(String, truncated: Bool)
    /// A value passed to `show(_:)`, as text.
    case value(String)
    case table(DataTable)
    case figure(Figure)
}

/// A table a cell showed, its numbers already formatted.
public struct DataTable: Sendable, Equatable, Codable {
    public var columns: [String]
    public var rows: [[String]]
    /// The numbers behind numeric cells (`nil` for text), for colour scales.
    public var values: [[Double?]]
    /// `diverging` or `sequential`, or `nil` for no colours.
    public var colorScale: String?
    public var caption: String?

    public init(columns: [String], rows: [[String]], values: [[Double?]], colorScale: String? = nil, caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.values = values
        self.colorScale = colorScale
        self.caption = caption
    }
}

/// An `expect` that did not hold, where it was written.
public struct ExpectationFailure: Sendable, Equatable, Codable {
    public var message: String
    public var location: SourceLocation

    public init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }
}
