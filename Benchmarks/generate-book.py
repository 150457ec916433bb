#!/usr/bin/env python3
"""A generated book for issue 7's whole-book benchmark ("A whole book, fast").

    Benchmarks/generate-book.py DIR             100 chapters into DIR/chapters/
    Benchmarks/generate-book.py DIR -n 1        a book of one chapter
    Benchmarks/generate-book.py DIR --source chapters/softmax.md

Writes DIR/chapters/book.yml and DIR/chapters/ch001.md … chNNN.md, each derived from the
repo's Softmax chapter (chapters/softmax.md, found relative to this script):
  - its own title: "第 k 章 Softmax" in the front matter and in the `# ` heading;
  - every label made unique across the book: `{#eq-foo}` → `{#eq-foo-k}`, `//| label: fig-x`
    → `fig-x-k`, and that chapter's `@eq-foo` / `@fig-x` references renamed to match;
  - the `equation-start:` front-matter line dropped, so numbering runs across the book;
  - `let chapterNumber = k` added to the first cell, so every chapter's program differs and
    the results cache (keyed on the code, not the file) cannot share results between chapters.
Deterministic: the same source and N give the same bytes. Prints per chapter the cells, the
display + inline formulas and the figures (the issue's chapter has 10, 60 and 3).
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "..", "chapters", "softmax.md")

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^\s`]*)")
EQ_LABEL = re.compile(r"\{#((?:eq)-[A-Za-z0-9_-]*[A-Za-z0-9_])\}")
CELL_LABEL = re.compile(r"^(\s*//\|\s*label:\s*)((?:fig|tbl)-[A-Za-z0-9_-]*[A-Za-z0-9_])\s*$")
# Folio's reference rule (InlineBuilder.referenceEnd): not after a letter, digit or `_`; a label
# of letters, digits, `_` and `-` that does not end in `-`.
REFERENCE = re.compile(r"(?<![A-Za-z0-9_])@((?:eq|fig|tbl)-[A-Za-z0-9_-]*[A-Za-z0-9_])")


def split_front_matter(text):
    if not text.startswith("---\n"):
        return [], text
    end = text.index("\n---\n", 4)
    return text[4:end].split("\n"), text[end + 5:]


def chapter(source, k):
    """Chapter k of the book, as text."""
    front, body = split_front_matter(source)
    title = next((line.split(":", 1)[1].strip() for line in front if line.startswith("title:")), "Softmax")
    new_front = []
    for line in front:
        if line.startswith("equation-start:"):
            continue
        if line.startswith("title:"):
            line = f"title: 第 {k} 章 {title}"
        new_front.append(line)

    labels = set(EQ_LABEL.findall(body))
    labels |= {m.group(2) for m in map(CELL_LABEL.match, body.split("\n")) if m}

    out = []
    in_fence = None          # the fence string while inside a fenced block
    first_cell_done = False
    heading_done = False
    for line in body.split("\n"):
        if in_fence is None:
            m = FENCE.match(line)
            if m:
                in_fence = m.group(2)
                out.append(line)
                if m.group(3) == "swift" and not first_cell_done:
                    first_cell_done = True
                    out.append("__FIRST_CELL__" + m.group(1))
                continue
            if not heading_done and line.startswith("# "):
                line = f"# 第 {k} 章 {line[2:].strip()}"
                heading_done = True
            line = EQ_LABEL.sub(lambda m: "{#" + m.group(1) + f"-{k}" + "}" if m.group(1) in labels else m.group(0), line)
            line = REFERENCE.sub(lambda m: "@" + m.group(1) + f"-{k}" if m.group(1) in labels else m.group(0), line)
            out.append(line)
        else:
            if line.strip().startswith(in_fence) and line.strip().strip(in_fence[0]) == "":
                in_fence = None
            else:
                m = CELL_LABEL.match(line)
                if m and m.group(2) in labels:
                    line = m.group(1) + m.group(2) + f"-{k}"
            out.append(line)

    # The chapter-specific line goes after the first cell's `//|` options, at the cell's indent.
    text = "\n".join(out)
    marker = text.index("__FIRST_CELL__")
    indent_end = text.index("\n", marker)
    indent = text[marker + len("__FIRST_CELL__"):indent_end]
    after = text[indent_end + 1:].split("\n")
    options = 0
    while options < len(after) and after[options].strip().startswith("//|"):
        options += 1
    after.insert(options, f"{indent}let chapterNumber = {k}   // this chapter's own program (the cache is keyed on code)")
    text = text[:marker] + "\n".join(after)
    if not heading_done:
        text = f"# 第 {k} 章 {title}\n" + text
    return "---\n" + "\n".join(new_front) + "\n---\n" + text


def count(text):
    """(cells, display formulas, inline formulas, figures) of a chapter, by Folio's rules:
    math only in prose (never in code blocks or code spans), `$$…$$` alone in a paragraph is a
    display equation, a single `$` needs a non-space after it and before its closing `$`, and
    a closing `$` followed by a digit does not close."""
    _, body = split_front_matter(text)
    cells = figures = 0
    paragraphs, current, in_fence = [], [], None
    for line in body.split("\n"):
        if in_fence is None:
            m = FENCE.match(line)
            if m:
                in_fence = m.group(2)
                if m.group(3) == "swift":
                    cells += 1
                paragraphs.append(current)
                current = []
                continue
            if line.strip() == "":
                paragraphs.append(current)
                current = []
            else:
                current.append(line)
        else:
            if line.strip().startswith(in_fence) and line.strip().strip(in_fence[0]) == "":
                in_fence = None
            elif CELL_LABEL.match(line) and CELL_LABEL.match(line).group(2).startswith("fig-"):
                figures += 1
    paragraphs.append(current)

    display = inline = 0
    for lines in paragraphs:
        s = "\n".join(lines)
        spans = []
        i = 0
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
            elif c == "`":
                run = len(s[i:]) - len(s[i:].lstrip("`"))
                close = re.compile(r"(?<!`)" + "`" * run + r"(?!`)").search(s, i + run)
                i = close.end() if close else i + run
            elif c == "$":
                double = s.startswith("$$", i)
                start = i + (2 if double else 1)
                end = close_dollars(s, start, double)
                if end is None:
                    i = start
                    continue
                spans.append((i, end + (2 if double else 1), double))
                i = end + (2 if double else 1)
            else:
                i += 1
        for begin, end, double in spans:
            rest = (s[:begin] + s[end:]).strip()
            if double and len(spans) == 1 and (rest == "" or re.fullmatch(r"\{#eq-[A-Za-z0-9_-]+\}", rest)):
                display += 1
            else:
                inline += 1
    return cells, display, inline, figures


def close_dollars(s, start, double):
    if not double and (start >= len(s) or s[start] in " \t\n$"):
        return None
    i = start
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == "$":
            if double:
                if s.startswith("$$", i):
                    return i if i > start else None
            elif s[i - 1] not in " \t\n" and not (i + 1 < len(s) and s[i + 1].isdigit()):
                return i
        i += 1
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", help="where the book goes (DIR/chapters/ is written)")
    parser.add_argument("-n", "--chapters", type=int, default=100, help="how many chapters (default 100)")
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="the chapter to derive them from")
    parser.add_argument("--quiet", action="store_true", help="print only the summary line")
    args = parser.parse_args()
    if args.chapters < 1:
        parser.error("-n must be at least 1")

    with open(args.source, encoding="utf-8") as f:
        source = f.read()
    folder = os.path.join(args.directory, "chapters")
    os.makedirs(folder, exist_ok=True)
    width = max(3, len(str(args.chapters)))
    with open(os.path.join(folder, "book.yml"), "w", encoding="utf-8") as f:
        f.write(f"title: 生成的书（{args.chapters} 章）\nlang: zh-CN\n")
    totals = [0, 0, 0, 0]
    for k in range(1, args.chapters + 1):
        text = chapter(source, k)
        name = f"ch{k:0{width}d}.md"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
        counts = count(text)
        totals = [a + b for a, b in zip(totals, counts)]
        if not args.quiet:
            cells, display, inline, figures = counts
            print(f"{name}: {cells} cells, {display + inline} formulas ({display} display + {inline} inline), {figures} figures")
    cells, display, inline, figures = totals
    n = args.chapters
    print(f"{n} chapters in {folder}: per chapter {cells / n:g} cells, {(display + inline) / n:g} formulas "
          f"({display / n:g} display + {inline / n:g} inline), {figures / n:g} figures "
          f"(the issue's chapter: 10 cells, 60 formulas, 3 figures)")


if __name__ == "__main__":
    sys.exit(main())
