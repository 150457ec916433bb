import FolioChecks

/// Writes random chapters out of the pieces authors use — front matter, headings, prose with
/// math (good and broken), lists, quotes, code, cells with options and output blocks, raw HTML —
/// joined by any line ending, sometimes behind a byte order mark. Not valid Markdown on purpose
/// as often as valid.
struct ChapterGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func chapter() -> [UInt8] {
        let ending = random.pick(["\n", "\n", "\r\n", "\r"])
        var lines: [String] = []
        if random.chance(0.4) {
            lines += ["---"] + (0..<random.count(0...3)).map { _ in
                random.pick(["title: T", "lang: zh-CN", "equation-start: 4", "digits: 3", "colour: red", "digits: many",
                             "title: [unclosed", "  - item", ": :", "equation-start: -1"])
            }
            if random.chance(0.9) { lines.append(random.pick(["---", "...", "--- "])) }
        }
        for _ in 0..<random.count(1...12) {
            lines += block()
        }
        var text = lines.joined(separator: ending)
        if random.chance(0.7) { text += ending }
        var bytes = Array(text.utf8)
        if random.chance(0.1) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        return bytes
    }

    mutating func block() -> [String] {
        switch random.count(0...13) {
        case 0: return [random.pick(["#", "##", "###", "####"]) + " " + prose()]
        case 1: return [prose(), random.pick(["===", "---", "-"])]
        case 2, 3: return (0..<random.count(1...3)).map { _ in prose() } + [""]
        case 4: return (0..<random.count(1...3)).map { _ in random.pick(["- ", "* ", "1. ", "2) "]) + prose() } + [""]
        case 5: return ["> " + prose(), random.pick([">", "> " + prose(), prose()]), ""]
        case 6: return ["$$" + tex() + "$$" + random.pick(["", " {#eq-a}", " {#eq-b}", " {#eq-}"]), ""]
        case 7: return ["$$", tex(), random.pick(["$$", "", "$"]), ""]
        case 8, 12, 13:
            let (first, rest) = random.pick([("", ""), ("", ""), ("> ", "> "), ("   ", "   "), ("- ", "  "), ("1. ", "   "), ("> - ", ">   ")])
            return cell(first: first, rest: rest)
        case 9: return ["```" + random.pick(["", "python", "output", "swift extra"]), prose(), random.pick(["```", "````", ""]), ""]
        case 10: return [random.pick(["<div class=\"x\">", "<!-- comment", "<span>$x$</span>", "</div>"]), ""]
        default: return ["    indented code $x$", ""]
        }
    }

    /// A cell and, often, its output block; the first line starts with `first` (a list
    /// marker, say) and the others with `rest`.
    mutating func cell(first: String, rest: String) -> [String] {
        var lines = ["```swift"]
        for _ in 0..<random.count(0...3) {
            lines.append(random.pick(["//| echo: false", "//| eval: false", "//| label: fig-a", "//| fig-cap: A $x$", "//| colour: red",
                                      "//| output: maybe", "//|", "//| error: true"]))
        }
        lines += (0..<random.count(0...2)).map { _ in random.pick(["let x = 1", "print(x)", "show(Figure())", "\tprint(\"$y$\")"]) }
        if random.chance(0.9) { lines.append(random.pick(["```", "````", "```   "])) }
        if random.chance(0.6) {
            lines += [random.pick(["", ""]), random.pick(["```output", "~~~output", "````output"])]
            lines += (0..<random.count(0...3)).map { _ in random.pick(["1", "  two", "three   ", "", "价格"]) }
            if random.chance(0.9) { lines.append(random.pick(["```", "~~~", "````"])) }
        }
        return lines.enumerated().map { ($0.offset == 0 ? first : rest) + $0.element } + [""]
    }

    /// A line of prose: words, inline math, code, references and inline expressions.
    mutating func prose() -> String {
        (0..<random.count(1...6)).map { _ in
            switch random.count(0...9) {
            case 0: return "$" + tex() + "$"
            case 1: return "$$" + tex() + "$$"
            case 2: return "`{swift} " + random.pick(["x", "a.count", "", "`"]) + "`"
            case 3: return random.pick(["@eq-a", "@eq-missing", "@fig-a", "\\$5", "$5 and $6", "$ x $"])
            case 4: return "`" + random.pick(["$x$", "code", "``"]) + "`"
            case 5: return random.pick(["*em*", "**strong**", "[link](u)", "![alt $x$](i.png)", "<b>", "&amp;", "a\tb"])
            default: return random.pick(["softmax", "激活值", "the", "输出", "z", "\u{200B}", "é", "𝑥", "—"])
            }
        }.joined(separator: " ")
    }

    /// TeX, mostly the kind textbooks hold, sometimes broken.
    mutating func tex() -> String {
        (0..<random.count(1...8)).map { _ in
            random.pick(["a", "z_j^L", "\\frac{1}{2}", "\\sum_{k}", "e^{z_k}", "\\sqrt{x}", "{", "}", "^", "_", "\\unknown",
                         "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", "\\left(", "\\right)", "\\text{文字}", "<", "&",
                         "\"", "\\tag{A.1}", "\\operatorname*{arg\\,max}", "\\mathbf{W}", "%", "−", "\\\\", "\\begin{cases}"])
        }.joined(separator: random.pick(["", " "]))
    }
}
