#!/usr/bin/env bash
# Issue 21's figures: a chapter whose cells import a package (swift-numerics) against the same
# chapter without it.
#
#   Benchmarks/dependencies.sh                 release build (swift build -c release --product folio)
#   CONFIG=debug SCRATCH=.build-x ...          another build
#   FOLIO=/path/to/folio ...                   a folio already built (e.g. by `make install`)
#
# Times `folio render` in a temporary book, each case with a cache holding the compiled runtime:
#   (1) the first render with a new dependency set: SwiftPM resolves and builds the package, then
#       the chapter is compiled and run (once);
#   (2) the chapter cold with the dependency built (results dropped), median of 3;
#   (3) the same chapter cold without dependencies (no import), median of 3;
#   (4) a prose edit with dependencies, median of 5: target ≤ 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}
SCRATCH=${SCRATCH:-.build}
if [ -z "${FOLIO:-}" ]; then
  swift build -c "$CONFIG" --product folio --scratch-path "$SCRATCH" >/dev/null
  FOLIO="$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)/folio"
fi
WORK=$(mktemp -d /tmp/folio-dependencies-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

chapter() {  # chapter FILE IMPORT: a chapter computing with doubles, importing Numerics or not
  local import=$2
  {
    printf '# Numbers\n\nA paragraph of prose.\n\n```swift\n'
    [ "$import" = yes ] && printf 'import Numerics\n\nlet z = Complex<Double>(3, 4)\nprint(z.length)\n'
    printf 'let xs = (0..<1000).map { Double($0) / 1000 }\nlet total = xs.map { $0 * $0 }.reduce(0, +)\nprint(total)\n```\n'
  } > "$1"
}
mkdir -p "$WORK/with/chapters" "$WORK/without/chapters" "$WORK/warmup/chapters"
chapter "$WORK/with/chapters/numbers.md" yes
chapter "$WORK/without/chapters/numbers.md" no
printf 'title: With\ndependencies:\n  - url: https://github.com/apple/swift-numerics\n    from: 1.1.1\n    products: [Numerics]\n' \
  > "$WORK/with/chapters/book.yml"
printf '# warm-up\n\n```swift\nlet x = 1\n```\n' > "$WORK/warmup/chapters/w.md"
(cd "$WORK/warmup" && FOLIO_CACHE_DIR="$WORK/runtime" "$FOLIO" render >/dev/null 2>&1)

# timed BOOK CACHE: one render, its wall time in milliseconds on stdout
timed() {
  local start end
  start=$(date +%s%N)
  (cd "$1" && FOLIO_CACHE_DIR="$2" "$FOLIO" render > "$WORK/last.log" 2>&1) || { cat "$WORK/last.log"; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
cold() {  # cold BOOK CACHE: results and pages dropped, the runtime and dependencies kept
  rm -rf "$2/results" "$2/chapters" "$2/pages" "$2/outlines" "$1/output"
  timed "$1" "$2"
}

cp -R "$WORK/runtime" "$WORK/cache-with"
first=$(timed "$WORK/with" "$WORK/cache-with")
with=$(for i in 1 2 3; do cold "$WORK/with" "$WORK/cache-with"; done | tr '\n' ' ' | median)
cp -R "$WORK/runtime" "$WORK/cache-without"
without=$(for i in 1 2 3; do cold "$WORK/without" "$WORK/cache-without"; done | tr '\n' ' ' | median)
timed "$WORK/with" "$WORK/cache-with" >/dev/null
prose=$(for i in 1 2 3 4 5; do
  sed -i "s/^A paragraph of prose.*/A paragraph of prose, revision $i./" "$WORK/with/chapters/numbers.md"
  timed "$WORK/with" "$WORK/cache-with"
done | tr '\n' ' ' | median)
grep -q "revision 5" "$WORK/with/output/numbers.html" || { echo "!! the prose edit is not on the page"; exit 1; }

echo "| figure (issue 21, $CONFIG build) | measured | target |"
echo "|---|---:|---|"
echo "| (1) first render with a new dependency set (SwiftPM builds swift-numerics) | $first ms | - |"
echo "| (2) the chapter cold, with the dependency (median of 3) | $with ms | close to (3) |"
echo "| (3) the chapter cold, without it (median of 3) | $without ms | - |"
echo "| (4) a prose edit, with the dependency (median of 5) | $prose ms | ≤ 50 ms |"
