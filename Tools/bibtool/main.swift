// A test-only command over FolioBibliography, built by Tools/compare-citations.sh in a
// throwaway package outside the repository (never part of Folio's own build).
//
//   bibtool format FILE.bib…   every key cited once, parenthetical then narrative, and the
//                               reference list, as JSON lines for the comparison with pandoc
//   bibtool bench FILE.bib…    parsing speed in MB/s (build with -c release)
import Foundation
import FolioBibliography

func readSources(_ paths: [String]) -> [BibSource] {
    paths.map { path in
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return BibSource(file: (path as NSString).lastPathComponent, bytes: [UInt8](data))
    }
}

func json(_ object: Any) -> String {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

func format(_ paths: [String]) {
    let (bibliography, diagnostics) = Bibliography.load(readSources(paths))
    for diagnostic in diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
    let keys = bibliography.entries.filter { $0.type != "xdata" && $0.type != "set" }.map(\.key)
    var citations: [Citation] = keys.map { Citation(items: [CitationItem(key: $0)], mode: .parenthetical) }
    citations += keys.map { Citation(items: [CitationItem(key: $0)], mode: .narrative) }
    let chapter = CitationFormatter(style: .authorDate, bibliography: bibliography).format(citations)
    for (index, key) in keys.enumerated() {
        print(json(["kind": "cite", "key": key,
                    "parenthetical": TextRun.plainText(chapter.citations[index].runs),
                    "narrative": TextRun.plainText(chapter.citations[keys.count + index].runs)]))
    }
    for entry in chapter.references {
        print(json(["kind": "entry", "key": entry.key, "text": TextRun.plainText(entry.runs)]))
    }
}

func bench(_ paths: [String]) {
    let sources = readSources(paths)
    let bytes = sources.reduce(0) { $0 + $1.bytes.count }
    // Each file parsed alone and with every field decoded, several rounds; the best round counts.
    for decode in [false, true] {
        var best = Double.infinity
        var entries = 0
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            entries = 0
            for source in sources {
                let (bibliography, _) = Bibliography.load([source])
                entries += bibliography.entries.count
                if decode {
                    var characters = 0
                    for entry in bibliography.entries {
                        for field in entry.fields.keys { characters += entry.text(field)?.spans.count ?? 0 }
                        characters += entry.names("author").names.count
                    }
                    precondition(characters >= 0)
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let megabytes = Double(bytes) / 1_048_576
        print(String(format: "%@: %d entries, %.2f MB in %.4f s: %.1f MB/s",
                     decode ? "parse + decode every field" : "parse", entries, megabytes, best, megabytes / best))
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "format": format(Array(arguments.dropFirst()))
case "bench": bench(Array(arguments.dropFirst()))
default:
    FileHandle.standardError.write(Data("usage: bibtool format|bench FILE.bib…\n".utf8))
    exit(2)
}
