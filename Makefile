# Folio's two commands: `make render` and `make test` each install what a fresh Debian machine
# is missing, build, and run. `make bench` prints the figures the issues ask for.

FOLIO := .build/debug/folio
SWIFT ?= swift
PREFIX ?= /usr/local
INSTALL_CONFIGURATION ?= release
STRIP ?= strip

.PHONY: render test check bench setup tools build screenshots clean install uninstall

## Build dependencies: cmark and pkg-config from Debian.
setup:
	@Tools/setup-build.sh

## Page-checking tools for the tests: the W3C checker, axe-core in headless Chromium, CJK fonts,
## epubcheck and poppler-utils for the EPUB and the PDF.
tools:
	@Tools/setup.sh

build: setup
	$(SWIFT) build --product folio

## Regenerate output/ (print.html too) from chapters/, and the documentation book's docs/output/
## from docs/chapters/. Needs neither Chromium nor epubcheck: the PDF and the EPUB are made only
## on request (`folio render --pdf --epub`).
render: build
	$(FOLIO) render
	cd docs && $(abspath $(FOLIO)) render

## Unit and end-to-end tests; `make install` into a temporary prefix and a book started with
## `folio init` outside the repository (Tools/test-install.sh); then `folio check --strict` on both
## books (every expectation and output block holds, output/ equals a fresh render, no warning);
## the documentation book's own package (docs/Perceptron) tested on its own; then the pages are
## valid HTML5 with no axe violations, and each book's EPUB passes epubcheck with 0 errors and
## 0 warnings.
test: setup tools
	$(SWIFT) build --build-tests
	$(SWIFT) test
	SWIFT="$(SWIFT)" Tools/test-install.sh
	$(FOLIO) check --strict
	cd docs && $(abspath $(FOLIO)) check --strict
	$(SWIFT) test --package-path docs/Perceptron --scratch-path .build/perceptron
	Tools/validate-html.sh output
	Tools/validate-html.sh docs/output
	python3 Tools/axe.py output docs/output
	$(FOLIO) render --epub
	cd docs && $(abspath $(FOLIO)) render --epub
	Tools/epubcheck.sh output/book.epub docs/output/book.epub

## Install folio to write books anywhere: a release build with Swift's runtime linked in, into
## $(DESTDIR)$(PREFIX)/bin, its debug information stripped (STRIP= keeps it), with shell completions. `make uninstall` removes exactly what it
## installed, as listed in $(PREFIX)/share/folio/install-manifest.txt.
install: setup
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" SWIFT="$(SWIFT)" STRIP="$(STRIP)" Tools/install.sh install $(INSTALL_CONFIGURATION)

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" Tools/install.sh uninstall

## Check both books: what CI runs after the tests.
check: build
	$(FOLIO) check --strict
	cd docs && $(abspath $(FOLIO)) check --strict

## Release-build benchmarks: render and check times against their floors, page size, figure
## drawing, TeX→MathML throughput; then a generated 100-chapter book (Benchmarks/book.sh), with
## the time to make its print.html, EPUB and PDF.
bench: setup
	$(SWIFT) build -c release --product folio
	$(SWIFT) build -c release --product folio-bench
	.build/release/folio-bench
	Benchmarks/dependencies.sh
	Benchmarks/book.sh

## Light and dark screenshots of every page, for looking at them (into .build/screenshots/).
screenshots: render tools
	@mkdir -p .build/screenshots
	@for page in output/*.html; do \
	  Tools/screenshot.sh "$$page" ".build/screenshots/$$(basename $$page .html)"; \
	done

clean:
	rm -rf .build .folio-cache

## `folio serve` under wrk (30 s, 64 connections) and the edit → reload latency.
.PHONY: bench-serve
bench-serve: setup
	Benchmarks/serve.sh

## Fuzz the parsers with libFuzzer, FUZZ_SECONDS each (default 60): TeX→MathML, chapters, the
## output-block rewrite of `check --update`, figures. See "Fuzzing and properties" in README.md.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh

## A generated book of 100 Softmax chapters: cold, no-change, prose-edit and cell-edit renders, peak RSS.
.PHONY: bench-book
bench-book: setup
	Benchmarks/book.sh

## Folio beside Jupyter and R Markdown (../shared/peers) on the Softmax page: times, page size, math, JS.
.PHONY: bench-peers
bench-peers: setup
	Benchmarks/peers.sh
