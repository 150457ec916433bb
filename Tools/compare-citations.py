#!/usr/bin/env python3
"""Compares FolioBibliography's citations and reference lists with pandoc --citeproc.

Usage: compare-citations.py BIBTOOL FILE.bib...

For each .bib file, every entry is cited once in parentheses ([@key]) and once in the
sentence (@key), in one document, so both sides disambiguate over the same set. pandoc
(its default CSL style, Chicago author-date) writes HTML; our side is `bibtool format`. The
script compares in-text citations, each reference entry's text, and the order of the list,
prints every difference, and a summary line per file and in total.

Texts are compared as shown to a reader: tags stripped, and curly quotes, apostrophes and
non-breaking spaces folded to their plain forms (pandoc's HTML writer and ours differ only
in which of these characters they emit).
"""
import html
import json
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser


class Text(HTMLParser):
    """Collects text; records the text of each citation span and each csl-entry div."""

    def __init__(self):
        super().__init__()
        self.citations = []
        self.entries = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        kind = None
        if tag == "span" and "citation" in (attrs.get("class") or "").split():
            kind = ("cite", attrs.get("data-cites"))
            self.citations.append([attrs.get("data-cites"), ""])
        elif tag == "div" and "csl-entry" in (attrs.get("class") or "").split():
            kind = ("entry", attrs.get("id", "")[4:])
            self.entries.append([attrs.get("id", "")[4:], ""])
        self.stack.append((tag, kind))

    def handle_endtag(self, tag):
        while self.stack:
            popped, _ = self.stack.pop()
            if popped == tag:
                break

    def handle_data(self, data):
        for _, kind in reversed(self.stack):
            if kind is None:
                continue
            target = self.citations if kind[0] == "cite" else self.entries
            target[-1][1] += data
            break


def fold(text):
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def pandoc(bib, keys):
    lines = []
    for key in keys:
        lines.append(f"[@{{{key}}}]\n")
    for key in keys:
        lines.append(f"@{{{key}}}\n")
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as md:
        md.write("\n".join(lines))
        md.flush()
        result = subprocess.run(
            ["pandoc", "--citeproc", "--bibliography", bib, "-t", "html", "--wrap=none", md.name],
            capture_output=True, text=True, check=True)
    parser = Text()
    parser.feed(result.stdout)
    return parser


def ours(tool, bib):
    result = subprocess.run([tool, "format", bib], capture_output=True, text=True, check=True)
    cites, entries = [], []
    for line in result.stdout.splitlines():
        record = json.loads(line)
        if record["kind"] == "cite":
            cites.append(record)
        else:
            entries.append(record)
    return cites, entries


def in_same_order(a, b):
    """How many entries the two lists have in the same relative order (their longest common
    subsequence)."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def compare(tool, bib):
    cites, entries = ours(tool, bib)
    keys = [c["key"] for c in cites]
    theirs = pandoc(bib, keys)
    n = len(keys)
    counts = {"citations": 0, "citations_same": 0, "entries": 0, "entries_same": 0, "order_same": 0}
    differences = []
    their_paren = [fold(html.unescape(t)) for _, t in theirs.citations[:n]]
    their_narr = [fold(html.unescape(t)) for _, t in theirs.citations[n:2 * n]]
    for index, record in enumerate(cites):
        for mine, their, label in ((record["parenthetical"], their_paren[index], "[@]"),
                                   (record["narrative"], their_narr[index], "@")):
            counts["citations"] += 1
            if fold(mine) == their:
                counts["citations_same"] += 1
            else:
                differences.append(f"  cite {label}{record['key']}:\n    pandoc: {their}\n    ours:   {fold(mine)}")
    their_entries = {key: fold(html.unescape(text)) for key, text in theirs.entries}
    for record in entries:
        counts["entries"] += 1
        their = their_entries.get(record["key"], "(not in pandoc's list)")
        if fold(record["text"]) == their:
            counts["entries_same"] += 1
        else:
            differences.append(f"  entry {record['key']}:\n    pandoc: {their}\n    ours:   {fold(record['text'])}")
    their_order = [key for key, _ in theirs.entries]
    our_order = [record["key"] for record in entries]
    counts["order_same"] = int(their_order == our_order)
    counts["in_order"] = in_same_order(their_order, our_order)
    if their_order != our_order:
        for position, (a, b) in enumerate(zip(their_order, our_order)):
            if a != b:
                differences.append(f"  order: first difference at position {position + 1}: pandoc {a}, ours {b}")
                break
    return counts, differences


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    tool = sys.argv[1]
    total = {}
    for bib in sys.argv[2:]:
        counts, differences = compare(tool, bib)
        print(f"{bib}: citations {counts['citations_same']}/{counts['citations']} the same, "
              f"entries {counts['entries_same']}/{counts['entries']} the same, "
              f"list order {'the same' if counts['order_same'] else 'different'} "
              f"({counts['in_order']}/{counts['entries']} entries in the same relative order)")
        for line in differences:
            print(line)
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
    print(f"total: citations {total['citations_same']}/{total['citations']}, "
          f"entries {total['entries_same']}/{total['entries']}, "
          f"lists in the same order {total['order_same']}/{len(sys.argv) - 2}, "
          f"entries in the same relative order {total['in_order']}/{total['entries']}")


if __name__ == "__main__":
    main()
