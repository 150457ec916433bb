#!/usr/bin/env bash
# epubcheck on each EPUB given: exits non-zero unless every one has 0 errors and 0 warnings.
# Debian's /usr/bin/epubcheck is the jar itself, runnable only where binfmt knows jars, so it is
# run with `java -jar`; EPUBCHECK_JAR names another jar.
#
# Usage: Tools/epubcheck.sh output/book.epub docs/output/book.epub
set -euo pipefail
jar="${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}"
[ -f "$jar" ] || { echo "epubcheck: no $jar (apt-get install epubcheck, or make tools)" >&2; exit 2; }
status=0
for epub in "$@"; do
  [ -f "$epub" ] || { echo "epubcheck: no $epub (folio render --epub)" >&2; status=1; continue; }
  out="$(java -jar "$jar" "$epub" 2>&1)" || true
  if grep -q "No errors or warnings detected" <<<"$out"; then
    echo "epubcheck: $epub: 0 errors, 0 warnings"
  else
    echo "epubcheck: $epub:" >&2
    echo "$out" >&2
    status=1
  fi
done
exit "$status"
