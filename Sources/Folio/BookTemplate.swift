/// Where a new book's CI gets Folio from: the repository this `folio` was built from and its
/// commit, so that CI checks the book with the same Folio the author renders it with (another
/// Folio may write other pages, and `folio check` compares `output/` byte for byte).
public struct FolioSource: Sendable, Equatable {
    /// What `folio --version` says, for the workflow's comment.
    public var version: String
    /// The git URL to clone, without credentials; `nil` when the build did not know it.
    public var repository: String?
    /// The commit to check out; `nil` when the build did not know it (CI then takes the default branch).
    public var revision: String?

    public init(version: String, repository: String?, revision: String?) {
        self.version = version
        self.repository = repository
        self.revision = revision
    }
}

/// The files `folio init` writes for a new book: `chapters/book.yml`, a first chapter that shows
/// what a chapter can hold (a cell, an inline value, a numbered equation and a reference to it, a
/// figure, an expectation, a doctest), a `.gitignore` for the cache, and a GitHub Actions workflow
/// that installs Folio and runs `folio check`.
///
/// The files are Swift strings, not package resources: SwiftPM's resources are a folder beside
/// the executable that `Bundle.module` looks up at run time, which `make install` would have to
/// install and keep next to the binary; strings keep `folio` one self-contained file, and the
/// templates are filled in (title, language, Folio's commit) anyway.
public struct BookTemplate: Sendable {
    /// The book's title, for `book.yml`.
    public var title: String
    /// The book's language as a BCP 47 tag (`en`, `zh-CN`): `book.yml`'s and the chapter's `lang`.
    /// The chapter is written in Chinese for `zh…`, else in English.
    public var lang: String
    /// Where the workflow gets Folio from.
    public var folio: FolioSource

    public init(title: String, lang: String, folio: FolioSource) {
        self.title = title
        self.lang = lang
        self.folio = folio
    }

    /// The first chapter's file name in `chapters/`.
    public static let chapterName = "getting-started.md"

    /// The Swift release whose container image the workflow runs in: the one this `folio` was
    /// compiled with, so CI compiles the cells with the compiler the author uses.
    public static var swiftRelease: String {
        #if compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// The files, as paths relative to the book's root and their text, in the order they are written.
    public var files: [(path: String, text: String)] {
        [
            ("\(BookBuilder.chaptersDirectory)/\(BookSettings.fileName)", bookSettings),
            ("\(BookBuilder.chaptersDirectory)/\(Self.chapterName)", chapter),
            (".gitignore", Self.gitignore),
            (".github/workflows/folio.yml", workflow),
        ]
    }

    /// Whether `tag` looks like a BCP 47 language tag (`en`, `zh-CN`, `zh-Hans-CN`, `sr-Latn`):
    /// a primary subtag of 2–8 letters, then subtags of 1–8 letters or digits, separated by `-`.
    /// It ends up in `<html lang>`, so nothing else is let through.
    public static func isLanguageTag(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first, (2...8).contains(primary.count),
              primary.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.count) && subtag.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
    }

    private var isChinese: Bool { lang.lowercased().hasPrefix("zh") }

    private var bookSettings: String {
        let comment = isChinese
            ? "# 书名、语言，以及按阅读顺序排列的章节（chapters/ 里的文件）。"
            : "# The book's title and language, and its chapters (files in chapters/) in reading order."
        return """
            \(comment)
            title: \(Self.yamlString(title))
            lang: \(Self.yamlString(lang))
            chapters:
              - \(Self.chapterName)

            """
    }

    /// A YAML double-quoted scalar: YAML's escapes are a superset of JSON's, and quoting keeps
    /// a title such as `no` or `1.0` or `a: b` a string.
    static func yamlString(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" {
                    quoted += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16).uppercased()
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    private var chapter: String {
        let frontMatter = "---\ntitle: \(isChinese ? "开始" : "Getting started")\nlang: \(Self.yamlString(lang))\n---\n"
        return frontMatter + (isChinese ? Self.chineseChapter : Self.englishChapter)
    }

    static let englishChapter = #"""
        # Getting started

        This chapter is Markdown with Swift in it. `folio render` turns it into a page in `output/`,
        `folio serve` shows the book in a browser and renders it again each time you save, and
        `folio check` makes sure that every number in it still holds. Rewrite it, or add chapters
        beside it in `chapters/` and list them in `chapters/book.yml`.

        ## A cell

        A fenced block marked `swift` is a cell. The cells of a chapter run in order as one Swift
        program, so what one cell defines, the cells after it can use:

        ```swift
        let samples: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

        func mean(_ values: [Double]) -> Double {
            values.reduce(0, +) / Double(values.count)
        }
        ```

        A value can stand in a sentence: the `{swift} samples.count` samples have a mean of
        `{swift} mean(samples)`.

        ## An equation

        How far the samples lie from their mean $\bar{x}$ is their standard deviation:

        $$\sigma = \sqrt{\frac{1}{n} \sum_{i=1}^{n} (x_i - \bar{x})^2}$$ {#eq-deviation}

        Its label numbers it, and a reference to it, such as equation @eq-deviation, links to it.
        In Swift:

        ```swift
        func deviation(_ values: [Double]) -> Double {
            let m = mean(values)
            return mean(values.map { ($0 - m) * ($0 - m) }).squareRoot()
        }

        expectClose(deviation(samples), 2)
        ```

        `expectClose` is an expectation: were the deviation not 2, `folio render` and `folio check`
        would fail at its line.

        ## A figure

        A cell that shows a `Figure` draws it in the page, as SVG. Its `label` makes it a numbered
        figure, @fig-waves, and `fig-cap` is its caption:

        ```swift
        //| label: fig-waves
        //| fig-cap: One period of the sine and the cosine
        let xs = linspace(0, 2 * Double.pi, count: 61)
        show(Figure(x: Axis("x"), y: Axis("y", range: -1...1)) {
            Line("sin x", x: xs, y: xs.map(sin))
            Line("cos x", x: xs, y: xs.map(cos))
        })
        ```

        ## A doctest

        An `output` block right after a cell holds what the cell prints. `folio check` fails when
        the two differ, and `folio check --update` rewrites the block:

        ```swift
        for (number, sample) in samples.prefix(3).enumerated() {
            print("sample \(number + 1): \(sample)")
        }
        ```

        ```output
        sample 1: 2.0
        sample 2: 4.0
        sample 3: 4.0
        ```

        """#

    static let chineseChapter = #"""
        # 开始

        这一章是夹着 Swift 代码的 Markdown。`folio render` 把它变成 `output/` 里的网页，`folio serve`
        在浏览器里显示这本书、每次保存后重新生成，`folio check` 检查其中每个数字是否依然成立。改写这一章，
        或者在 `chapters/` 里添加新的章节，并在 `chapters/book.yml` 中列出它们。

        ## 代码单元

        标记为 `swift` 的代码块是一个单元。一章里的所有单元按顺序作为同一个 Swift 程序运行，前面的单元
        定义的名字，后面的单元都能用：

        ```swift
        let samples: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

        func mean(_ values: [Double]) -> Double {
            values.reduce(0, +) / Double(values.count)
        }
        ```

        算出的值可以写进句子：这 `{swift} samples.count` 个样本的平均值是 `{swift} mean(samples)`。

        ## 公式

        样本偏离平均值 $\bar{x}$ 的程度是它们的标准差：

        $$\sigma = \sqrt{\frac{1}{n} \sum_{i=1}^{n} (x_i - \bar{x})^2}$$ {#eq-deviation}

        标签给公式编上号，引用它的地方（如方程@eq-deviation）链接到它。用 Swift 写出来：

        ```swift
        func deviation(_ values: [Double]) -> Double {
            let m = mean(values)
            return mean(values.map { ($0 - m) * ($0 - m) }).squareRoot()
        }

        expectClose(deviation(samples), 2)
        ```

        `expectClose` 是一个期望：如果标准差不是 2，`folio render` 和 `folio check` 都会在这一行报错。

        ## 图

        显示 `Figure` 的单元把图以 SVG 画在网页里。`label` 让它成为带编号的图（@fig-waves），`fig-cap`
        是它的图注：

        ```swift
        //| label: fig-waves
        //| fig-cap: 正弦和余弦的一个周期
        let xs = linspace(0, 2 * Double.pi, count: 61)
        show(Figure(x: Axis("x"), y: Axis("y", range: -1...1)) {
            Line("sin x", x: xs, y: xs.map(sin))
            Line("cos x", x: xs, y: xs.map(cos))
        })
        ```

        ## 文档测试

        紧跟在单元后面的 `output` 块写着这个单元应当打印的内容。两者不一致时 `folio check` 失败，
        `folio check --update` 改写这个块：

        ```swift
        for (number, sample) in samples.prefix(3).enumerated() {
            print("样本 \(number + 1)：\(sample)")
        }
        ```

        ```output
        样本 1：2.0
        样本 2：4.0
        样本 3：4.0
        ```

        """#

    static let gitignore = """
        # Folio's cache of compiled programs and their results: made again when missing.
        .folio-cache/

        """

    /// The book's CI: Swift's container image, cmark, Folio cloned at the commit this `folio` was
    /// built from and installed with `make install` (cached per commit, as a release build takes
    /// minutes), then `folio check --strict --format github`.
    private var workflow: String {
        let release = Self.swiftRelease
        let repositoryLine = folio.repository.map { "FOLIO_REPOSITORY: \(Self.yamlString($0))" }
            ?? "FOLIO_REPOSITORY: \"\"   # set this to the git URL of Folio's repository"
        let revisionLine = folio.revision.map { "FOLIO_REVISION: \(Self.yamlString($0))" }
            ?? "FOLIO_REVISION: \"\"     # empty: Folio's default branch"
        let pinning = folio.revision == nil
            ? "# Started with \(folio.version): CI takes Folio's default branch, which may write other\n"
                + "  # pages than that folio did; set FOLIO_REVISION to the commit you render with."
            : "# Started with \(folio.version). CI checks the book with that same\n"
                + "  # Folio, since another one may write other pages: change both lines to upgrade."
        return """
            # Checks the book on every push and pull request: each chapter's code builds and runs, every
            # expectation holds, every output block matches, and output/ equals a fresh render (so
            # commit output/ after `folio render`). Failures show as annotations on the changed lines.
            name: folio
            on: [push, pull_request]
            env:
              \(pinning)
              \(repositoryLine)
              \(revisionLine)
            jobs:
              check:
                runs-on: ubuntu-latest
                container: swift:\(release)
                steps:
                  - uses: actions/checkout@v4
                  - name: Install cmark, pkg-config, git and make
                    run: apt-get update && apt-get install -y libcmark-dev pkg-config git make
                  - name: Cache Folio
                    id: folio
                    if: env.FOLIO_REVISION != ''
                    uses: actions/cache@v4
                    with:
                      path: /opt/folio
                      key: folio-${{ env.FOLIO_REVISION }}-swift-\(release)
                  - name: Install Folio
                    if: steps.folio.outputs.cache-hit != 'true'
                    run: |
                      : "${FOLIO_REPOSITORY:?set FOLIO_REPOSITORY in .github/workflows/folio.yml to Folio's git URL}"
                      git clone "$FOLIO_REPOSITORY" /tmp/folio
                      if [ -n "$FOLIO_REVISION" ]; then git -C /tmp/folio checkout --detach "$FOLIO_REVISION"; fi
                      make -C /tmp/folio install PREFIX=/opt/folio
                  - run: echo /opt/folio/bin >> "$GITHUB_PATH"
                  - name: Cache evaluated results
                    uses: actions/cache@v4
                    with:
                      path: .folio-cache
                      key: folio-results-${{ hashFiles('chapters/**') }}
                      restore-keys: folio-results-
                  - name: Check the book
                    run: folio check --strict --format github

            """
    }
}
