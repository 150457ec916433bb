import FolioChecks
import FolioModel
import FolioParser
import FuzzSupport

/// Any bytes as a chapter file: the parser finishes, its model nests no deeper than the limit
/// (deeper nesting is flattened), and every diagnostic, heading, cell, code block, table, image
/// figure, callout and footnote it reports is at a line and column inside the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChapterParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let path = "chapters/fuzz.md"
    let parsed = ChapterParser().parse(input, path: path)
    if let blocks = parsed.chapter?.blocks {
        let depth = NestingDepth(blocks)
        if !depth.isWithinLimit { fuzzFailure("the model nests \(depth), past the limit of \(NestingLimit.depth)", input: input) }
    }
    let lines = SourceLines(input)
    for diagnostic in parsed.diagnostics {
        if let problem = lines.problem(with: diagnostic.location) {
            fuzzFailure("diagnostic \(diagnostic.summary): \(problem)", input: input)
        }
    }
    parsed.chapter?.blocks.forEachLeaf { block in
        var locations: [SourceLocation] = []
        switch block {
        case .heading(let heading): locations.append(heading.location)
        case .code(let code): locations.append(code.location)
        case .cell(let cell):
            locations.append(cell.location)
            if let output = cell.expectedOutput { locations.append(output.location) }
        case .table(let table): locations.append(table.location)
        case .figure(let figure): locations.append(figure.location)
        default: break
        }
        for location in locations {
            guard location.file == path else { fuzzFailure("a location names \(location.file), not \(path)", input: input) }
            if let problem = lines.problem(with: location) {
                fuzzFailure("block at \(location): \(problem)", input: input)
            }
        }
    }
    for location in containerLocations(parsed.chapter?.blocks ?? []) {
        guard location.file == path else { fuzzFailure("a location names \(location.file), not \(path)", input: input) }
        if let problem = lines.problem(with: location) {
            fuzzFailure("callout or footnote at \(location): \(problem)", input: input)
        }
    }
    return 0
}

/// Where each callout and footnote definition starts, nested ones included. The recursion is as
/// deep as the model, which the caller checked is within the limit.
func containerLocations(_ blocks: [Block]) -> [SourceLocation] {
    blocks.flatMap { block -> [SourceLocation] in
        switch block {
        case .callout(let callout): [callout.location] + containerLocations(callout.blocks)
        case .footnote(let footnote): [footnote.location] + containerLocations(footnote.blocks)
        case .blockQuote(let children): containerLocations(children)
        case .list(let list): list.items.flatMap(containerLocations)
        default: []
        }
    }
}
