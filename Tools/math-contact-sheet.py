#!/usr/bin/env python3
"""Contact sheet: LaTeX beside Folio's MathML, one formula per row, as one PNG.

Input: a TSV with columns id, tex, mathml (a header line first); the mathml column holds what
FolioMath's MathConverter returns for the tex in display mode, with tabs and newlines removed.
Each formula is typeset by LaTeX (latex + dvipng, from Debian's TeX Live) and the page of both
columns is photographed by headless Chromium. Usage:

    Tools/math-contact-sheet.py formulas.tsv out.png [--font path/to/latinmodern-math.woff2]

With --font the MathML column uses that font (to weigh shipping a math font); without it the
browser's default math font, as a reader without one would see.
"""
import html
import os
import subprocess
import sys
import tempfile

PREAMBLE = r"""\documentclass[12pt]{article}
\usepackage{amsmath,amssymb,mathtools,cancel,amscd,xcolor,arydshln}
\pagestyle{empty}
\begin{document}
"""


def latex_png(tex, directory, name):
    source = os.path.join(directory, name + ".tex")
    with open(source, "w") as handle:
        handle.write(PREAMBLE + "\\[" + tex + "\\]\n\\end{document}\n")
    run = subprocess.run(["latex", "-interaction=nonstopmode", "-halt-on-error", name + ".tex"],
                         cwd=directory, capture_output=True)
    if run.returncode != 0:
        return None
    png = os.path.join(directory, name + ".png")
    subprocess.run(["dvipng", "-q", "-T", "tight", "-D", "130", "-bg", "White", "-o", png, name + ".dvi"],
                   cwd=directory, capture_output=True, check=True)
    return png


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, output = sys.argv[1], os.path.abspath(sys.argv[2])
    font = sys.argv[sys.argv.index("--font") + 1] if "--font" in sys.argv else None
    rows = [line.rstrip("\n").split("\t") for line in open(source, encoding="utf-8")][1:]
    with tempfile.TemporaryDirectory() as directory:
        cells = []
        for index, (identifier, tex, mathml) in enumerate(rows):
            png = latex_png(tex, directory, "f%03d" % index)
            image = '<img src="%s">' % os.path.basename(png) if png else "<em>LaTeX failed</em>"
            cells.append("<tr><th>%s</th><td>%s</td><td>%s</td></tr>" % (html.escape(identifier), image, mathml))
        face = ""
        if font:
            face = "@font-face{font-family:LMM;src:url('file://%s')} math{font-family:LMM}" % os.path.abspath(font)
        page = ("<!doctype html><meta charset=utf-8><style>body{margin:8px;font:16px serif;background:#fff}"
                "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;vertical-align:middle}"
                "th{font:11px monospace;color:#666}math{font-size:18px}" + face + "</style>"
                "<table><tr><th>id</th><th>LaTeX</th><th>Folio MathML</th></tr>" + "".join(cells) + "</table>")
        page_path = os.path.join(directory, "sheet.html")
        with open(page_path, "w", encoding="utf-8") as handle:
            handle.write(page)
        height = 90 * len(rows) + 60
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--screenshot=" + output, "--window-size=1100,%d" % height, "file://" + page_path],
                       capture_output=True, check=True)
    print(output)


if __name__ == "__main__":
    main()
