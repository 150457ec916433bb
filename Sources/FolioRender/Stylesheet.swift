import FolioPlot

/// The book's one stylesheet, written to `output/assets/folio.css`: CJK-friendly type, a
/// comfortable measure, light and dark colours, print rules, and the charts' colours. Pages
/// need nothing else.
public enum Stylesheet {
    public static let css = page + "\n" + FigureRenderer.css

    /// Which of a stepper's groups shows: the first by default, else the checked one (up to 40).
    private static let stepperRules = ".folio-chart .step:not(.step-1) { display: none; }\n@supports selector(:has(*)) {\n"
        + "  .stepper:has(.stepper-controls input:checked) .step { display: none; }\n"
        + (1...40).map { "  .stepper:has(.stepper-controls input:nth-of-type(\($0)):checked) .step-\($0) { display: inline; }\n" }.joined()
        + "}\n"

    private static let page = #"""
/* Folio — one stylesheet for every page. No JavaScript, no web fonts: system CJK fonts. */
:root {
  color-scheme: light dark;
  --text: #1d2127;
  --muted: #59616b;
  --background: #fdfcfa;
  --surface: #f3f1ec;
  --border: #dcd8cf;
  --accent: #0b57a4;
  --accent-visited: #5a3d9a;
  --error: #a4161a;
  --error-background: #fdeceb;
  --code-background: #f4f3ef;
  --output-background: #ffffff;
  --syntax-keyword: #a1286a;
  --syntax-type: #0f5e75;
  --syntax-number: #1c5aa6;
  --syntax-string: #a33a14;
  --syntax-comment: #5f6670;
  --syntax-attribute: #7a4a00;
  --scale-positive: #c4452c;
  --scale-negative: #2d6fb3;
  --scale-sequential: #3a7d44;
  --check: #2b6b3a;
  --measure: 42rem;
  --font-body: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Source Han Sans SC",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  --font-code: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Noto Sans Mono CJK SC",
    Menlo, Consolas, monospace;
  --font-math: "Latin Modern Math", "STIX Two Math", "Cambria Math", "STIX Math", "DejaVu Math TeX Gyre",
    "Noto Sans Math", math;
}

@media (prefers-color-scheme: dark) {
  :root {
    --text: #e4e6ea;
    --muted: #a5adb8;
    --background: #15171b;
    --surface: #1e2127;
    --border: #353a43;
    --accent: #8cc2ff;
    --accent-visited: #c5a8ff;
    --error: #ffb4ab;
    --error-background: #3b1517;
    --code-background: #1e2127;
    --output-background: #1a1c21;
    --syntax-keyword: #f08cc0;
    --syntax-type: #7fd1e6;
    --syntax-number: #9ec3ff;
    --syntax-string: #f0a77f;
    --syntax-comment: #9aa3ad;
    --syntax-attribute: #e8c27a;
    --scale-positive: #e0664b;
    --scale-negative: #4d93dc;
    --scale-sequential: #4fa65c;
    --check: #8fd19e;
  }
}

*, *::before, *::after { box-sizing: border-box; }

html {
  font-size: 100%;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

body {
  margin: 0;
  background: var(--background);
  color: var(--text);
  font-family: var(--font-body);
  font-size: 1.0625rem;
  line-height: 1.8;
  /* Chinese text breaks between any two characters but never before closing punctuation. */
  line-break: strict;
  overflow-wrap: break-word;
  text-rendering: optimizeLegibility;
}

:lang(en) body, body:lang(en) { line-height: 1.65; }

a { color: var(--accent); text-underline-offset: 0.15em; }
a:visited { color: var(--accent-visited); }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }

.skip-link {
  position: absolute;
  left: 0.5rem;
  top: -3rem;
  padding: 0.4rem 0.8rem;
  background: var(--background);
  border: 1px solid var(--border);
  z-index: 10;
}
.skip-link:focus { top: 0.5rem; }

.book-header {
  border-bottom: 1px solid var(--border);
  padding: 0.75rem 1.25rem;
}
.book-title {
  color: var(--muted);
  font-weight: 600;
  text-decoration: none;
  letter-spacing: 0.02em;
}
.book-title:visited { color: var(--muted); }
.book-title:hover { color: var(--accent); }

.layout {
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  gap: 0 3rem;
  max-width: calc(var(--measure) + 18rem + 3rem);
  margin: 0 auto;
  padding: 0 1.25rem;
}

main { min-width: 0; }
article, .index main { max-width: var(--measure); margin: 0 auto; padding: 1.5rem 0 3rem; }
.index main { padding: 1.5rem 1.25rem 3rem; }

.toc {
  font-size: 0.9rem;
  line-height: 1.6;
  padding: 1.25rem 0 0;
  border-bottom: 1px solid var(--border);
}
.toc h2, .book-contents h2 {
  font-size: 0.8rem;
  font-weight: 600;
  letter-spacing: 0.08em;
  text-transform: uppercase;
  color: var(--muted);
  margin: 0 0 0.5rem;
}
.toc ol { list-style: none; margin: 0 0 1rem; padding: 0; }
.toc ol ol { padding-left: 1rem; margin: 0; }
.toc a { color: var(--text); text-decoration: none; display: inline-block; padding: 0.1rem 0; }
.toc a:hover { color: var(--accent); text-decoration: underline; }
.toc a[aria-current="page"] { color: var(--accent); font-weight: 600; }

/* Previous and next chapter, under the article. */
.pager {
  display: flex;
  gap: 1rem;
  max-width: var(--measure);
  margin: 0 auto 3rem;
  padding-top: 1rem;
  border-top: 1px solid var(--border);
}
.pager a { display: flex; flex-direction: column; max-width: 48%; text-decoration: none; }
.pager a:hover .pager-title { text-decoration: underline; }
.pager-next { margin-left: auto; text-align: right; }
.pager-label { font-size: 0.8rem; color: var(--muted); }

@media (min-width: 64rem) {
  .layout { grid-template-columns: 14rem minmax(0, 1fr); }
  /* The wide column even on a page without contents (a one-chapter book without sections),
     instead of squeezed into the contents' column. */
  main { grid-column: 2; }
  .toc {
    position: sticky;
    top: 0;
    align-self: start;
    max-height: 100vh;
    overflow-y: auto;
    padding-top: 2.5rem;
    border-bottom: 0;
  }
  article { margin: 0; }
  .pager { margin-left: 0; margin-right: 0; }
}

h1, h2, h3, h4, h5, h6 {
  line-height: 1.35;
  font-weight: 700;
  margin: 2.2em 0 0.6em;
  scroll-margin-top: 1rem;
}
h1 { font-size: 2.1rem; margin-top: 0.8em; letter-spacing: -0.01em; }
h2 { font-size: 1.5rem; padding-bottom: 0.25em; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1.05rem; }

p, ul, ol, blockquote, pre, .equation { margin: 0 0 1.1em; }
ul, ol { padding-left: 1.6em; }
li + li { margin-top: 0.3em; }
li > p { margin-bottom: 0.5em; }

blockquote {
  margin-left: 0;
  padding: 0.2em 1em;
  border-left: 4px solid var(--border);
  color: var(--muted);
  background: var(--surface);
  border-radius: 0 4px 4px 0;
}
blockquote > :last-child { margin-bottom: 0.4em; }
blockquote > :first-child { margin-top: 0.4em; }

hr { border: 0; border-top: 1px solid var(--border); margin: 2em 0; }

img { max-width: 100%; height: auto; }

code, pre { font-family: var(--font-code); font-size: 0.88em; }
:not(pre) > code {
  background: var(--code-background);
  border-radius: 3px;
  padding: 0.1em 0.3em;
}
/* Inline code breaks at its spaces, not at its hyphens (the page marks those runs). */
code .nowrap { white-space: nowrap; }
pre {
  background: var(--code-background);
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.8em 1em;
  overflow-x: auto;
  line-height: 1.5;
  tab-size: 4;
}

/* Cells: the code, then what it printed and showed. */
.cell { margin: 0 0 1.3em; }
.cell > pre { margin: 0; }
.cell-code { border-radius: 6px 6px 0 0; }
.cell-code:last-child { border-radius: 6px; }
.cell-output {
  border: 1px solid var(--border);
  border-top: 0;
  border-radius: 0 0 6px 6px;
  background: var(--output-background);
  padding: 0.2em 0;
}
.cell-output:first-child { border-top: 1px solid var(--border); border-radius: 6px; }
.cell-output > pre {
  margin: 0;
  border: 0;
  background: transparent;
  padding: 0.4em 1em;
}
.cell-error { color: var(--error); white-space: pre-wrap; }
.cell-output > pre.cell-stderr { border-left: 3px solid var(--error); }
.cell-stream { color: var(--muted); font-size: 0.8em; }
.cell-truncated { color: var(--muted); font-style: italic; }
.cell-checks {
  margin: 0.3em 0 0;
  font-size: 0.8rem;
  color: var(--check);
}
.value { font-variant-numeric: tabular-nums; white-space: nowrap; }
.kw { color: var(--syntax-keyword); }
.ty { color: var(--syntax-type); }
.num { color: var(--syntax-number); }
.str { color: var(--syntax-string); }
.cm { color: var(--syntax-comment); font-style: italic; }
.attr, .dir { color: var(--syntax-attribute); }

/* Tables cells show; numbers right-aligned, optionally shaded by value. */
.table-scroll { overflow-x: auto; padding: 0.4em 1em; }
.data-table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.92em; }
.data-table caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 0.3em; }
.data-table th, .data-table td { padding: 0.25em 0.8em; border-bottom: 1px solid var(--border); }
.data-table th { text-align: left; font-weight: 600; }
.data-table td.number, .figure-table td, .figure-table tbody th { text-align: right; font-family: var(--font-code); }
.figure-table tbody th { font-weight: normal; }
.scale-diverging td.positive { background: color-mix(in srgb, var(--scale-positive) calc(var(--shade) * 0.45), transparent); }
.scale-diverging td.negative { background: color-mix(in srgb, var(--scale-negative) calc(var(--shade) * 0.45), transparent); }
.scale-sequential td.number { background: color-mix(in srgb, var(--scale-sequential) calc(var(--shade) * 0.45), transparent); }

/* Figures: inline SVG drawn at build time, its title above, a numbered caption under it, the
   data behind it. In a cell's output they keep off the box's sides, as its text does. */
.figure { margin: 1.5em 0; }
.cell-output > .figure, .cell-output > .figure-data { margin-left: clamp(0.4rem, 2.5%, 1rem); margin-right: clamp(0.4rem, 2.5%, 1rem); }
.figure svg { display: block; width: 100%; height: auto; }
.figure-title { margin: 0 0 0.4em; font-size: 1rem; font-weight: 600; line-height: 1.4; text-align: center; }
.figure figcaption { margin-top: 0.5em; color: var(--muted); font-size: 0.92rem; text-align: center; }
.figure-number { font-weight: 600; color: var(--text); }
.figure-data { margin-top: 0.4em; font-size: 0.88rem; }
.figure-data summary { cursor: pointer; color: var(--muted); }
.figure-data .table-scroll { padding-left: 0; }

/* A stepper: radio buttons choose which step of the chart shows. Where :has() is not
   supported, the first. */
.stepper-controls { border: 0; margin: 0 0 0.5em; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3em 0.4em; align-items: center; }
.stepper-controls legend { float: left; margin-right: 0.6em; color: var(--muted); font-size: 0.9rem; }
.stepper-controls input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.stepper-controls label {
  border: 1px solid var(--border);
  border-radius: 999px;
  padding: 0.1em 0.7em;
  cursor: pointer;
  font-size: 0.9rem;
  font-variant-numeric: tabular-nums;
}
.stepper-controls input:checked + label { background: var(--accent); border-color: var(--accent); color: var(--background); }
.stepper-controls input:focus-visible + label { outline: 2px solid var(--accent); outline-offset: 2px; }
/* Read by screen readers, not shown: the name of a stepper's buttons when the caption under
   the chart already shows it. */
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  border: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
"""# + stepperRules + #"""

/* Math: MathML Core, typeset by the browser. */
math { font-family: var(--font-math); font-size: 1.08em; }
.equation {
  display: flex;
  align-items: center;
  gap: 1rem;
  overflow-x: auto;
  overflow-y: hidden;
  padding: 0.3em 0;
}
.equation > math, .equation > .math-error { flex: 1 1 auto; margin: 0; }
math[display="block"] { display: block math; text-align: center; }
.equation-number {
  flex: none;
  color: var(--muted);
  font-variant-numeric: tabular-nums;
  margin-left: auto;
}
.equation:target { background: var(--surface); border-radius: 4px; }

.reference { white-space: nowrap; }
.reference.unresolved, .math-error {
  color: var(--error);
  background: var(--error-background);
  border-radius: 3px;
  padding: 0.05em 0.3em;
  text-decoration: wavy underline;
  text-decoration-skip-ink: none;
}
.math-error-display { display: block; text-align: center; padding: 0.5em; white-space: pre-wrap; }

.book-contents ol { padding-left: 1.4em; font-size: 1.1rem; }
.book-contents li + li { margin-top: 0.5em; }

.book-footer {
  border-top: 1px solid var(--border);
  color: var(--muted);
  font-size: 0.85rem;
  padding: 1rem 1.25rem 2rem;
  text-align: center;
}
.book-footer p { margin: 0; }

@media (max-width: 30rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.7rem; }
  .layout, .book-header { padding-left: 1rem; padding-right: 1rem; }
}

@media print {
  :root {
    --text: #000;
    --muted: #333;
    --background: #fff;
    --surface: #fff;
    --border: #999;
    --accent: #000;
    --accent-visited: #000;
    --code-background: #fff;
  }
  body { font-size: 11pt; line-height: 1.6; }
  .skip-link, .toc, .pager, .book-header, .book-footer { display: none; }
  .layout { display: block; max-width: none; padding: 0; }
  article { max-width: none; padding: 0; }
  a { text-decoration: none; }
  h1, h2, h3 { break-after: avoid; }
  .equation, pre, blockquote, figure { break-inside: avoid; }
  pre { white-space: pre-wrap; }
  .cell-output, .cell-code { border-color: #999; }
  .figure-data, .stepper-controls { display: none; }
  .kw, .ty, .num, .str, .cm, .attr, .dir { color: #000; }
}
"""#
}
