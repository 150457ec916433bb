#!/usr/bin/env bash
# `folio render` on a whole generated book, for issue 7 ("A whole book, fast").
#
#   Benchmarks/book.sh                   release build (swift build -c release --product folio)
#   CONFIG=debug Benchmarks/book.sh      a debug build, quicker to get
#   SCRATCH=.build-bench ...             another SwiftPM scratch path
#   CHAPTERS=100 BOOK_COLD_RUNS=1 ...    the book's size; timed cold renders of it
#
# Generates (Benchmarks/generate-book.py) a book of CHAPTERS chapters, each the Softmax chapter
# with its own labels and its own code, into a temporary folder, and times `folio render` there
# under /usr/bin/time -v, each run with its own FOLIO_CACHE_DIR:
#   (a0) one chapter alone (a 1-chapter book), empty cache: includes compiling the runtime,
#        which happens once per toolchain (median of 3);
#   (a)  one chapter alone, cold: no results cached, the runtime already compiled (median of 3).
#        This is "one chapter's cold time" in the targets below;
#   (b)  the whole book once with an empty cache, then BOOK_COLD_RUNS times cold as in (a):
#        wall time and peak RSS; target ≤ 1.2 × CHAPTERS × (a) ÷ cores;
#   (c)  a re-render with nothing changed (median of 5): target ≤ 1 s;
#   (d)  the middle chapter's prose edited, a new sentence each run (median of 5): ≤ 0.2 s;
#   (e)  a value in one cell of the middle chapter changed, a new value each run (median of 3):
#        ≤ (a) + 0.2 s;
#   (f)  with nginx installed: the book evaluated by 2 shards side by side sharing a remote cache,
#        then assembled by a plain render with an empty local cache: ≤ 2 s, no swiftc run;
#        bytes stored per chapter;
#   (g)  the book's editions (issue 22): print.html and book.epub made in process from the
#        written pages (folio-bench editions, median of 5); then `folio render --epub` and
#        `folio render --pdf` with nothing else changed (median of 3 each; the PDF only where
#        Chromium is installed), beside (c), which already writes print.html;
#   peak RSS of every render ≤ 300 MB.
# Passes `--jobs $(nproc)` when `folio render --help` offers it. Prints the cores and the load
# average, then a table: figure, measured, target, ok/over.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}
SCRATCH=${SCRATCH:-.build}
CHAPTERS=${CHAPTERS:-100}
BOOK_COLD_RUNS=${BOOK_COLD_RUNS:-1}
CORES=$(nproc)
echo "== $CORES cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

swift build -c "$CONFIG" --product folio --scratch-path "$SCRATCH"
swift build -c "$CONFIG" --product folio-bench --scratch-path "$SCRATCH"
FOLIO="$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)/folio"
[ -x /usr/bin/time ] || { apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }; }
JOBS=()
if "$FOLIO" render --help 2>&1 | grep -q -- '--jobs'; then JOBS=(--jobs "$CORES"); fi
echo "== folio ($CONFIG build, $(git describe --always --dirty 2>/dev/null || echo unknown)): folio render ${JOBS[*]:-(no --jobs option yet)}"

WORK=$(mktemp -d /tmp/folio-book-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
python3 Benchmarks/generate-book.py "$WORK/one" -n 1 --quiet >/dev/null
python3 Benchmarks/generate-book.py "$WORK/book" -n "$CHAPTERS" --quiet
MIDDLE=$(cd "$WORK/book/chapters" && ls ch*.md | sed -n "$(( (CHAPTERS + 1) / 2 ))p")
MIDDLE=${MIDDLE%.md}

# render NAME BOOK CACHE: one `folio render` in BOOK with FOLIO_CACHE_DIR=CACHE under
# /usr/bin/time -v; appends "microseconds max-RSS-KB" to $WORK/NAME.runs, keeps the log in
# $WORK/NAME.log, and stops the benchmark with folio's diagnostics if the render fails.
render() {
  local name=$1 book=$2 cache=$3 start end status=0
  start=$(date +%s%N)
  (cd "$book" && FOLIO_CACHE_DIR="$cache" /usr/bin/time -v -o "$WORK/time.txt" "$FOLIO" render "${JOBS[@]}" ${RENDER_FLAGS:-}) \
    >"$WORK/$name.log" 2>&1 || status=$?
  end=$(date +%s%N)
  if [ "$status" != 0 ]; then
    echo "!! folio render failed ($name, exit $status) in $book:"; grep -v '^folio: .*compiled in' "$WORK/$name.log" | head -60
    exit 1
  fi
  echo "$(( (end - start) / 1000 )) $(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")" >> "$WORK/$name.runs"
}
fresh() { rm -rf "$1"; if [ -n "${2:-}" ]; then cp -R "$2" "$1"; else mkdir -p "$1"; fi; }
last() { awk 'END { printf "%.2f s", $1 / 1e6 }' "$WORK/$1.runs"; }
evaluated() { grep -c 'compiled in' "$WORK/$1.log" || true; }

# A cache holding only the compiled runtime (built once per toolchain): a tiny book rendered.
mkdir -p "$WORK/warmup/chapters"
printf -- '---\ntitle: warm-up\n---\n# warm-up\n\n```swift\nlet x = 1\n```\n' > "$WORK/warmup/chapters/warmup.md"
render warmup "$WORK/warmup" "$WORK/runtime-cache"

echo "== (a0) one chapter, empty cache (the runtime compiled too), 3 runs"
for i in 1 2 3; do
  rm -rf "$WORK/one/output"; fresh "$WORK/cache"
  render one-empty "$WORK/one" "$WORK/cache"; echo "   $(last one-empty)"
done
echo "== (a) one chapter cold (runtime already compiled), 3 runs"
for i in 1 2 3; do
  rm -rf "$WORK/one/output"; fresh "$WORK/cache" "$WORK/runtime-cache"
  render one-cold "$WORK/one" "$WORK/cache"; echo "   $(last one-cold)"
done
grep -E 'warning|error' "$WORK/one-cold.log" | head -5 | sed 's/^/   folio: /' || true

echo "== (b) the book, $CHAPTERS chapters: once with an empty cache, then $BOOK_COLD_RUNS× cold (runtime already compiled)"
rm -rf "$WORK/book/output"; fresh "$WORK/cache"
render book-empty "$WORK/book" "$WORK/cache"
echo "   empty cache: $(last book-empty), $(evaluated book-empty) chapters evaluated"
for i in $(seq "$BOOK_COLD_RUNS"); do
  rm -rf "$WORK/book/output"; fresh "$WORK/cache" "$WORK/runtime-cache"
  render book-cold "$WORK/book" "$WORK/cache"
  echo "   cold: $(last book-cold), $(evaluated book-cold) chapters evaluated"
done
WARNINGS=$(grep -c 'warning:' "$WORK/book-cold.log" || true)
echo "   $WARNINGS warnings, $(ls "$WORK/book/output"/*.html | wc -l) pages written"
grep -A2 'warning:' "$WORK/book-cold.log" | head -9 | sed 's/^/   /' || true

echo "== (c) no change, 5 runs (after one untimed)"
render warm-first "$WORK/book" "$WORK/cache"
for i in 1 2 3 4 5; do render nochange "$WORK/book" "$WORK/cache"; echo "   $(last nochange)"; done

echo "== (d) $MIDDLE.md: a sentence appended to a paragraph, 5 runs, a new sentence each"
for i in 1 2 3 4 5; do
  sed -i "/^这样的效果很令人满意/ s/\$/本句是第 $i 次修订的补充。/" "$WORK/book/chapters/$MIDDLE.md"
  render prose "$WORK/book" "$WORK/cache"
  echo "   $(last prose), $(evaluated prose) chapters evaluated"
done
grep -q "第 5 次修订" "$WORK/book/output/$MIDDLE.html" && echo "   the edit is on the page: yes" || echo "   !! the edit is NOT on the page"

echo "== (e) $MIDDLE.md: one value in its last cell changed, 3 runs, a new value each"
for i in 1 2 3; do
  sed -i -E "s/^let biases: \[Double\] = \[0\.1, -0\.2, 0\.3, [^]]*\]/let biases: [Double] = [0.1, -0.2, 0.3, 0.0$i]/" "$WORK/book/chapters/$MIDDLE.md"
  grep -q "0.3, 0.0$i]" "$WORK/book/chapters/$MIDDLE.md" || { echo "!! the cell edit did not apply"; exit 1; }
  render cell "$WORK/book" "$WORK/cache"
  echo "   $(last cell), $(evaluated cell) chapters evaluated"
done
# (f) Beyond one machine (issue 20): the book's results in a remote cache (nginx with WebDAV on
# loopback, Bazel's HTTP cache protocol). Two shards side by side (`--shard I/2 --jobs 1` each,
# each with its own local cache holding only the runtime), then the assemble: a plain render with
# an empty local cache and the warm remote, through a compiler that records its runs (none
# allowed). Bytes stored per chapter are what the shards uploaded, divided by the chapters.
NGINX=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
if [ -n "$NGINX" ]; then
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$WORK/remote/store" "$WORK/remote/temp"
  cat > "$WORK/remote/nginx.conf" <<NGINX_CONF
master_process off;
worker_processes 1;
pid $WORK/remote/nginx.pid;
error_log $WORK/remote/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $WORK/remote/temp;
    client_max_body_size 0;
    server {
        listen 127.0.0.1:$PORT;
        root $WORK/remote/store;
        dav_methods PUT;
        create_full_put_path on;
        dav_access user:rw;
    }
}
NGINX_CONF
  "$NGINX" -p "$WORK/remote" -c "$WORK/remote/nginx.conf" -e "$WORK/remote/error.log" -g "daemon off;" &
  NGINX_PID=$!
  trap 'kill -9 $NGINX_PID 2>/dev/null; rm -rf "$WORK"' EXIT
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
  REMOTE="http://127.0.0.1:$PORT/folio"
  # A compiler laid out as a toolchain (the real one's lib/ and ld.lld beside it), so Folio
  # identifies it as the real one without running it, that logs each run before running swiftc.
  REAL=$(command -v swiftc); RESOLVED=$(readlink -f "$REAL")
  mkdir -p "$WORK/toolchain/usr/bin"
  ln -s "$(dirname "$(dirname "$RESOLVED")")/lib" "$WORK/toolchain/usr/lib"
  [ -e "$(dirname "$RESOLVED")/ld.lld" ] && ln -s "$(dirname "$RESOLVED")/ld.lld" "$WORK/toolchain/usr/bin/ld.lld"
  printf '#!/bin/sh\necho "$*" >> "%s"\nexec "%s" "$@"\n' "$WORK/swiftc-runs.log" "$REAL" > "$WORK/toolchain/usr/bin/swiftc"
  chmod +x "$WORK/toolchain/usr/bin/swiftc"

  echo "== (f) the book in 2 shards side by side (--jobs 1 each), then assembled from the remote cache"
  rm -rf "$WORK/book/output"
  fresh "$WORK/shard-1" "$WORK/runtime-cache"; fresh "$WORK/shard-2" "$WORK/runtime-cache"
  start=$(date +%s%N); SHARDS=()
  for i in 1 2; do
    (cd "$WORK/book" && FOLIO_CACHE_DIR="$WORK/shard-$i" "$FOLIO" render --shard "$i/2" --jobs 1 --remote-cache "$REMOTE") \
      > "$WORK/shard-$i.log" 2>&1 &
    SHARDS+=($!)
  done
  for pid in "${SHARDS[@]}"; do wait "$pid" || { echo "!! a shard failed:"; tail -20 "$WORK"/shard-*.log; exit 1; }; done
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 )) 0" > "$WORK/shards.runs"
  tail -n 1 "$WORK/shard-1.log" "$WORK/shard-2.log" | grep folio: | sed 's/^/   /'
  STORED=$(cat "$WORK"/shard-*.log | sed -n 's/.*; \([0-9]*\) bytes stored in.*/\1/p' | awk '{s += $1} END {print s + 0}')
  for i in 1 2 3; do
    fresh "$WORK/assemble-cache"; rm -rf "$WORK/book/output"; rm -f "$WORK/swiftc-runs.log"
    start=$(date +%s%N)
    (cd "$WORK/book" && SWIFTC="$WORK/toolchain/usr/bin/swiftc" FOLIO_CACHE_DIR="$WORK/assemble-cache" \
      /usr/bin/time -v -o "$WORK/time.txt" "$FOLIO" render "${JOBS[@]}" --remote-cache "$REMOTE" --explain) > "$WORK/assemble.log" 2>&1
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")" >> "$WORK/assemble.runs"
    RUNS=$( [ -f "$WORK/swiftc-runs.log" ] && wc -l < "$WORK/swiftc-runs.log" || echo 0)
    echo "   assemble: $(last assemble), $(grep -c 'remote hit' "$WORK/assemble.log" || true) remote hits, $RUNS swiftc runs"
  done
  echo "$RUNS $STORED $(du -sk "$WORK/remote/store" | cut -f1)" > "$WORK/remote.figures"
  kill -9 "$NGINX_PID" 2>/dev/null || true
fi

echo "== (g) the book's editions: print.html and the EPUB in process, then render --epub and --pdf"
"$(dirname "$FOLIO")/folio-bench" editions "$WORK/book/output" | sed 's/^/   /'
for i in 1 2 3; do RENDER_FLAGS=--epub render epub "$WORK/book" "$WORK/cache"; echo "   --epub: $(last epub)"; done
echo "   book.epub: $(du -k "$WORK/book/output/book.epub" | cut -f1) KB"
if command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
  for i in 1 2 3; do RENDER_FLAGS=--pdf render pdf "$WORK/book" "$WORK/cache"; echo "   --pdf: $(last pdf)"; done
  echo "   book.pdf: $(du -k "$WORK/book/output/book.pdf" | cut -f1) KB$(command -v pdfinfo >/dev/null && pdfinfo "$WORK/book/output/book.pdf" | awk '/^Pages:/ {print ", " $2 " pages"}')"
else
  echo "   no Chromium: render --pdf not timed"
fi
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK" "$CHAPTERS" "$CORES" <<'PY'
import os, statistics, sys
work, chapters, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def runs(name):
    with open(os.path.join(work, name + ".runs")) as f:
        return [(int(a) / 1e6, int(b) / 1024) for a, b in (line.split() for line in f)]
def median(name): return statistics.median(t for t, _ in runs(name))
def seconds(t): return f"{t:.3f} s" if t < 1 else f"{t:.2f} s"
one_empty, one = median("one-empty"), median("one-cold")
book_empty, book = median("book-empty"), median("book-cold")
book_target = 1.2 * chapters * one / cores
rss = max(m for name in ("warmup", "one-empty", "one-cold", "book-empty", "book-cold", "warm-first", "nochange", "prose", "cell", "epub")
          for _, m in runs(name))
rows = [
    ("(a0) 1 chapter, empty cache (runtime compiled too)", seconds(one_empty), "-", None),
    ("(a) 1 chapter cold, runtime cached, median of 3", seconds(one), "-", None),
    (f"(b) book of {chapters}, empty cache", seconds(book_empty), "-", None),
    (f"(b) book of {chapters} cold, runtime cached", seconds(book),
     f"≤ {seconds(book_target)} (1.2 × {chapters} × (a) ÷ {cores})", book <= book_target),
    ("(c) no change, median of 5", seconds(median("nochange")), "≤ 1 s", median("nochange") <= 1),
    ("(d) one chapter's prose edited, median of 5", seconds(median("prose")), "≤ 0.2 s", median("prose") <= 0.2),
    ("(e) one chapter's cell edited, median of 3", seconds(median("cell")), f"≤ {seconds(one + 0.2)} ((a) + 0.2 s)",
     median("cell") <= one + 0.2),
    ("(g) render --epub, nothing else changed, median of 3", seconds(median("epub")), "-", None),
] + ([("(g) render --pdf, nothing else changed, median of 3", seconds(median("pdf")), "-", None)]
     if os.path.exists(os.path.join(work, "pdf.runs")) else []) + [
    ("peak RSS, any render (/usr/bin/time -v)", f"{rss:.0f} MB", "≤ 300 MB", rss <= 300),
]
if os.path.exists(os.path.join(work, "remote.figures")):
    swiftc_runs, stored, store_kb = (int(x) for x in open(os.path.join(work, "remote.figures")).read().split())
    shards, assemble = median("shards"), median("assemble")
    rows += [
        (f"(f) 2 shards side by side, --jobs 1 each", seconds(shards), f"(b) cold: {seconds(book)}", None),
        ("(f) + assemble: plain render, empty local cache, warm remote, median of 3", seconds(assemble), "≤ 2 s", assemble <= 2),
        ("(f) 2 shards + assemble", seconds(shards + assemble), "-", None),
        ("(f) swiftc runs in the assemble", str(swiftc_runs), "0", swiftc_runs == 0),
        ("(f) bytes stored per chapter (results; store on disk)", f"{stored / chapters:.0f} B ({store_kb} KB in all)", "-", None),
    ]
print()
print("| figure | measured | target | |")
print("|---|---:|---|---|")
for figure, measured, target, ok in rows:
    print(f"| {figure} | {measured} | {target} | {'' if ok is None else 'ok' if ok else 'OVER'} |")
PY
