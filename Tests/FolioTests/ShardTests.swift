import Folio
import Testing

/// How `--shard I/N` splits a book's chapters with code between N jobs.
struct ShardTests {
    let chapters = (1...10).map { "chapters/\($0).md" }

    @Test func theSharesCoverTheBookOnceEach() {
        for count in 1...12 {
            for times in [[String: Double](), ["chapters/3.md": 40, "chapters/7.md": 2]] {
                let shares = (1...count).map { Shard(index: $0, count: count)!.share(of: chapters) { times[$0] } }
                #expect(shares.flatMap { $0 }.sorted() == chapters.sorted(), "\(count) shards, \(times)")
                #expect(shares.allSatisfy { $0 == chapters.filter($0.contains) }, "each share in book order")
            }
        }
    }

    @Test func withoutTimesTheBookIsCutInRuns() {
        let shares = (1...3).map { Shard(index: $0, count: 3)!.share(of: chapters) { _ in nil } }
        #expect(shares == [Array(chapters[0..<4]), Array(chapters[4..<7]), Array(chapters[7..<10])])
    }

    @Test func knownTimesAreBalanced() {
        // One long chapter gets a shard to itself; the rest share the other.
        let times = Dictionary(uniqueKeysWithValues: chapters.map { ($0, $0 == "chapters/4.md" ? 90.0 : 10.0) })
        let first = Shard(index: 1, count: 2)!.share(of: chapters) { times[$0] }
        let second = Shard(index: 2, count: 2)!.share(of: chapters) { times[$0] }
        #expect(first == ["chapters/4.md"])
        #expect(second.count == 9)
        // Untimed chapters count as the mean of the timed ones.
        let partly = Shard(index: 1, count: 2)!.share(of: ["a", "b", "c"]) { $0 == "a" ? 10 : nil }
        #expect(partly == ["a", "c"])
    }

    @Test func onlyIOfNWithIFrom1ToNIsAShard() {
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        for text in ["0/4", "5/4", "1/0", "-1/2", "1/2/3", "a/b", "3", ""] {
            #expect(Shard(text) == nil, "\(text)")
        }
    }
}
