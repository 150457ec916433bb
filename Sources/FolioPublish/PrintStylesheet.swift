/// The print edition's own CSS, on top of Folio's stylesheet (whose `@media print` already hides
/// navigation, turns colours to black on white, and keeps code, equations and figures whole).
enum PrintStylesheet {
    static func css(paper: PaperSize?) -> String {
        var css = ""
        // Page numbers in the bottom margin: Chromium draws CSS margin boxes and counts pages
        // (checked with 156). The title page goes without.
        css += "@page {\n"
        if let paper { css += "  size: \(paper.rawValue);\n" }
        css += """
              margin: 18mm 18mm 20mm;
              @bottom-center {
                content: counter(page);
                font-family: system-ui, "Noto Sans CJK SC", sans-serif;
                font-size: 9pt;
                color: #444;
              }
            }
            @page :first { @bottom-center { content: none; } }

            """
        css += """
            .print-edition main { max-width: var(--measure); margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
            .print-title { font-size: 2.6rem; margin: 1.5em 0 1em; }
            .print-contents h2 { border-bottom: 0; }
            .print-contents ol { list-style: none; padding-left: 0; }
            .print-contents ol ol { padding-left: 1.5em; margin: 0.2em 0 0.6em; font-size: 0.95em; }
            .print-contents > ol > li { font-weight: 600; }
            .print-contents ol ol li { font-weight: normal; }
            .print-contents a { color: var(--text); text-decoration: none; }
            .print-contents a:hover { text-decoration: underline; }
            .print-chapter { max-width: none; margin: 3rem 0 0; padding: 0; border-top: 1px solid var(--border); }
            @media print {
              .print-edition main { max-width: none; padding: 0; }
              .print-title { font-size: 28pt; margin: 30% 0 2em; }
              .print-contents { break-before: page; }
              .print-chapter { break-before: page; margin: 0; border-top: 0; }
              .print-chapter > h1:first-child { margin-top: 0; }
              h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
              .figure, figure, table, .equation, .cell-output, pre, blockquote, img, svg { break-inside: avoid; }
              .figure svg { max-height: 200mm; }
              /* A cell's code stays with what it printed or showed, where both fit on a page. */
              .cell > .cell-code:not(:last-child) { break-after: avoid; }
              p, li { orphans: 3; widows: 3; }
              .equation, .table-scroll, pre { overflow: visible; }
              a[href^="http:"]:not([data-print-url="no"])::after,
              a[href^="https:"]:not([data-print-url="no"])::after {
                content: " (" attr(href) ")";
                font-size: 0.85em;
                overflow-wrap: anywhere;
              }
            }

            """
        return css
    }
}
