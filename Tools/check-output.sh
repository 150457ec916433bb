#!/usr/bin/env bash
# Renders the book afresh into a temporary folder and compares it with the committed output/:
# output/ must always equal a fresh render (SPEC 2). Prints each file that differs.
set -euo pipefail
folio="${FOLIO:-.build/debug/folio}"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
"$folio" render --output "$fresh" 2>/dev/null || { echo "check-output: folio render failed" >&2; exit 1; }
if ! diff -r -q output "$fresh" >/dev/null; then
  echo "check-output: output/ differs from a fresh render; run 'make render' and commit output/:" >&2
  diff -r -q output "$fresh" | sed "s|$fresh|fresh render|" >&2
  exit 1
fi
echo "check-output: output/ equals a fresh render ($(find output -type f | wc -l) files)"
