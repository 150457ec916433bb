#!/usr/bin/env bash
# Builds Folio's fuzz targets with libFuzzer and AddressSanitizer and runs each for
# FUZZ_SECONDS (default 60), one after another, on one core. Usage, from the repository root:
#
#   Fuzz/run.sh                   # every target
#   Fuzz/run.sh FuzzMath          # some targets
#   FUZZ_SECONDS=600 Fuzz/run.sh  # ten minutes each
#
# Each target keeps its corpus in Fuzz/corpus-<target>/ (seeded on the first run), may have a
# dictionary in Fuzz/dictionaries/<target>.dict, and writes a
# crashing or slow input to Fuzz/artifacts/<target>/; both are ignored by git. A run stops at
# the first failure, with libFuzzer's report and the input's path, and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzMath FuzzChapter FuzzOutputBlocks FuzzFigure)

# SwiftPM's --sanitize=fuzzer alone has been seen to leave the Swift code without coverage
# counters (the fuzzer then runs blind), so the coverage is asked for explicitly.
build=(swift build --scratch-path .build -c debug --sanitize=fuzzer --sanitize=address
       -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
"${build[@]}" >&2 || exit 1
bin="$("${build[@]}" --show-bin-path)"

for target in "${targets[@]}"; do
  corpus="corpus-$target"
  if [ ! -d "$corpus" ]; then
    mkdir -p "$corpus"
    ./seed.sh "$target" "$corpus"
  fi
  mkdir -p "artifacts/$target"
  # Inputs of 8 KB, but 200 KB for chapters: long enough to nest 100,000 deep. A target's
  # dictionary (FuzzChapter's: the tokens that nest) guides the mutations.
  options=(-max_len=8192)
  if [ "$target" = FuzzChapter ]; then options=(-max_len=204800); fi
  if [ -f "dictionaries/$target.dict" ]; then options+=(-dict="dictionaries/$target.dict"); fi
  echo "== $target: ${seconds} s" >&2
  # One input may take at most 1 s and 200 MB; -use_value_profile finds string comparisons. A
  # small ASan quarantine keeps freed memory from counting against the 200 MB; ASan, not Swift's
  # backtracer, reports a trap (the two together can hang).
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16}" "$bin/$target" "$corpus" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=200 -malloc_limit_mb=200 \
    "${options[@]}" -use_value_profile=1 -print_final_stats=1 \
    -artifact_prefix="artifacts/$target/" 2>&1 | tee "artifacts/$target/last-run.log" | grep -v '^#[0-9]*\s*\(NEW\|REDUCE\|pulse\)' >&2
done
