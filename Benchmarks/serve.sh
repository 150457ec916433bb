#!/usr/bin/env bash
# `folio serve` under load and live reload, for issue 6's closing note.
#
#   Benchmarks/serve.sh                  release build (swift build -c release --product folio)
#   CONFIG=debug Benchmarks/serve.sh     a debug build, quicker to get
#   SCRATCH=.build-serve ...             another SwiftPM scratch path
#
# Serves a temporary copy of the book on a free loopback port; runs wrk for 30 s with 64
# connections against /softmax.html (throughput, errors, p99), and 10 s against the same page with
# a query string, which is never replayed (the router's own figure); then appends a prose sentence to
# the copy's chapter several times and times each save → SSE event. Targets: ≥ 10,000 req/s,
# 0 errors, reload ≤ 300 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}
SCRATCH=${SCRATCH:-.build}
DURATION=${DURATION:-30s}
EDITS=${EDITS:-9}

swift build -c "$CONFIG" --product folio --scratch-path "$SCRATCH"
FOLIO="$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)/folio"
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }

BOOK=$(mktemp -d /tmp/folio-serve-bench.XXXXXX)
SERVER=
cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then kill -INT "$SERVER"; wait "$SERVER" || true; fi
  rm -rf "$BOOK"
}
trap cleanup EXIT
cp -R chapters "$BOOK/"
# The evaluation cache, so the first render reuses the chapters' results instead of compiling.
[ -d .folio-cache ] && cp -R .folio-cache "$BOOK/"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

(cd "$BOOK" && exec "$FOLIO" serve --port "$PORT" 2>"$BOOK/serve.log") &
SERVER=$!
for _ in $(seq 600); do
  grep -q "serving" "$BOOK/serve.log" 2>/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$BOOK/serve.log"; exit 1; }
  sleep 0.5
done
echo "== folio serve ($CONFIG build) on http://127.0.0.1:$PORT/, $(nproc) cores"
curl -sf -o /dev/null "http://127.0.0.1:$PORT/softmax.html"

echo "== wrk -t2 -c64 -d$DURATION --latency /softmax.html"
wrk -t2 -c64 -d"$DURATION" --latency "http://127.0.0.1:$PORT/softmax.html" | tee "$BOOK/wrk.txt"
REQUESTS=$(awk '/Requests\/sec/ {print $2}' "$BOOK/wrk.txt")
P99=$(awk '$1 == "99%" {print $2}' "$BOOK/wrk.txt")
ERRORS=$(awk '/Socket errors|Non-2xx/ {print}' "$BOOK/wrk.txt")

# The same page with a query string: never replayed, so every request goes through the router,
# the middleware and FileMiddleware. For comparison only; the target is on the plain URL.
echo "== wrk -t2 -c64 -d10s /softmax.html?through-router (no replay)"
wrk -t2 -c64 -d10s "http://127.0.0.1:$PORT/softmax.html?through-router" | tee "$BOOK/wrk-router.txt" | grep -E "Requests/sec|errors|Non-2xx"
ROUTER=$(awk '/Requests\/sec/ {print $2}' "$BOOK/wrk-router.txt")

echo "== edit → reload: $EDITS prose edits to chapters/softmax.md, save → SSE event"
RELOAD=$(python3 - "$PORT" "$BOOK/chapters/softmax.md" "$EDITS" <<'PY'
import socket, statistics, sys, time
port, chapter, edits = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET /_folio/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
s.settimeout(30)
buffered = b""
def wait_for(marker):
    global buffered
    while marker not in buffered:
        buffered += s.recv(65536)
    buffered = buffered[buffered.index(marker) + len(marker):]
wait_for(b": connected\n\n")
times = []
for i in range(edits):
    time.sleep(0.4)
    start = time.monotonic()
    with open(chapter, "a", encoding="utf-8") as f:
        f.write(f"\n这是第 {i + 1} 个用来测量重新加载时间的句子。\n")
    buffered = b""
    wait_for(b"data: rendered\n\n")
    times.append((time.monotonic() - start) * 1000)
print(" ".join(f"{t:.0f}" for t in times), f"median={statistics.median(times):.0f}")
PY
)
echo "reload latencies (ms): $RELOAD"

kill -INT "$SERVER"; wait "$SERVER"; STATUS=$?; SERVER=
echo "== summary"
echo "throughput: $REQUESTS req/s (target ≥ 10000); through the router, without replay: $ROUTER req/s"
echo "p99 latency: $P99"
echo "errors: ${ERRORS:-none}"
echo "edit → reload median: ${RELOAD##*median=} ms (target ≤ 300)"
echo "server exit status after SIGINT: $STATUS"
