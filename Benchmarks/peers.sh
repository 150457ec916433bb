#!/usr/bin/env bash
# Folio beside its peers on the Softmax page, for issue 7's closing note.
#
#   Benchmarks/peers.sh                  release build (swift build -c release --product folio)
#   CONFIG=debug Benchmarks/peers.sh     a debug build, quicker to get
#   SCRATCH=.build-bench ...             another SwiftPM scratch path
#   PEERS=../shared/peers ...            the peers' folder, relative to the repo root (read-only)
#   PEER_RUNS=3 ...                      hyperfine runs per peer scenario (run.sh's RUNS)
#   RUNS=10 ...                          hyperfine runs per Folio scenario
#   KEEP=1 ...                           keep the temporary folders (pages, raw results)
#
# Copies the peers' folder (the same page built with Jupyter and with R Markdown) to a
# temporary folder, runs its `run.sh setup` if the tools it needs are missing, and its
# `run.sh` (KEEP=1, so its raw hyperfine JSON and page facts can be read; COLD_OS=0, so the
# OS page cache of a shared machine is left alone). Then measures Folio on the repo's own
# chapters/softmax.md the same way, with hyperfine: cold (no results cached; the runtime,
# compiled once per toolchain, is there — as the peers keep their installed packages and
# matplotlib's font cache), first run (empty cache), and a re-render after run.sh's own prose
# edit (warm cache). Prints one table: tool, cold, prose edit, page KB, math, JS, peak RSS.
# Targets for Folio: cold ≤ 0.5 s, prose edit ≤ 50 ms, page ≤ 100 KB with every figure inline,
# math as MathML and no JavaScript. Without the peers (no network to install them) it prints
# the figures published in the peers' RESULTS.md, labelled as such.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}
SCRATCH=${SCRATCH:-.build}
PEERS=${PEERS:-../shared/peers}
PEER_RUNS=${PEER_RUNS:-3}
RUNS=${RUNS:-10}
export LC_ALL=C.UTF-8
echo "== $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$PEERS/run.sh" ] || { echo "no peers folder at $PEERS (set PEERS=, relative to the repo root)" >&2; exit 1; }

swift build -c "$CONFIG" --product folio --scratch-path "$SCRATCH"
FOLIO="$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)/folio"
install() { apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$@" >/dev/null; }; }
command -v hyperfine >/dev/null || install hyperfine
[ -x /usr/bin/time ] || install time

WORK=$(mktemp -d /tmp/folio-peers-bench.XXXXXX)
PEER_RAW_DIR=
if [ "${KEEP:-0}" = 1 ]; then
  trap 'echo "kept: $WORK (Folio) and ${PEER_RAW_DIR:-no} (the peers)"' EXIT
else
  trap 'rm -rf "$WORK"; if [ -n "$PEER_RAW_DIR" ]; then rm -rf "$PEER_RAW_DIR"; fi' EXIT
fi
cp -R "$PEERS" "$WORK/peers"
chmod -R u+w "$WORK/peers"

# ----------------------------------------------------------------------------- the peers
# run.sh's own default venv, unless PEERS_VENV says otherwise.
VENV=${PEERS_VENV:-$(dirname "$(mktemp -u)")/peers-venv}
PEERS_STATUS=measured
if ! [ -x "$VENV/bin/jupyter" ] || ! command -v Rscript >/dev/null || ! command -v pandoc >/dev/null \
   || ! command -v hyperfine >/dev/null || ! command -v chromium >/dev/null; then
  echo "== installing the peers: run.sh setup (log in the temp folder)"
  if ! "$WORK/peers/run.sh" setup >"$WORK/setup.log" 2>&1; then
    PEERS_STATUS="not installable here ($(grep -m1 -iE 'error|could not|unable|failed' "$WORK/setup.log" || tail -1 "$WORK/setup.log"))"
  fi
fi
if [ "$PEERS_STATUS" = measured ]; then
  echo "== the peers: run.sh with RUNS=$PEER_RUNS WARMUP=1 MEMRUNS=1 COLD_OS=0"
  if RUNS=$PEER_RUNS WARMUP=1 MEMRUNS=1 COLD_OS=0 KEEP=1 "$WORK/peers/run.sh" 2>&1 | tee "$WORK/peers.log" \
       | { grep --line-buffered -E '^(==|python |R version|knitr|pandoc|hyperfine)|Time \(mean|prose edit visible' || true; } | sed 's/^/   /'; then
    # run.sh's scratch folder; its raw/ holds the hyperfine JSON, memory samples and page facts
    PEER_RAW_DIR=$(sed -n 's/^raw results kept in //p' "$WORK/peers.log" | tail -1)
  else
    PEERS_STATUS="run.sh failed: $(tail -3 "$WORK/peers.log" | tr '\n' ' ')"
  fi
fi
[ "$PEERS_STATUS" = measured ] || echo "!! peers not measured in this run: $PEERS_STATUS"

# ----------------------------------------------------------------------------- Folio
export FOLIO FW="$WORK/folio" FC="$WORK/folio-cache" RTC="$WORK/runtime-cache"
mkdir -p "$FW" "$WORK/warmup/chapters"
cp -R chapters "$FW/"
# A cache holding only the compiled runtime (built once per toolchain): a tiny book rendered.
printf -- '---\ntitle: warm-up\n---\n# warm-up\n\n```swift\nlet x = 1\n```\n' > "$WORK/warmup/chapters/warmup.md"
(cd "$WORK/warmup" && FOLIO_CACHE_DIR="$RTC" "$FOLIO" render >"$WORK/warmup.log" 2>&1) || { cat "$WORK/warmup.log"; exit 1; }
# run.sh's prose-only edit: one sentence gets a new, unique revision note each time
edit_prose() { sed -i "s/这样的效果很令人满意[^。]*。/这样的效果很令人满意（修订 $(date +%s%N)）。/" "$1"; }
export -f edit_prose
F_RENDER='cd "$FW" && FOLIO_CACHE_DIR="$FC" "$FOLIO" render'
F_COLD='rm -rf "$FW/output" "$FC" && cp -R "$RTC" "$FC"'
F_EMPTY='rm -rf "$FW/output" "$FC" && mkdir -p "$FC"'
measure() {  # measure NAME RUNS WARMUP PREPARE: hyperfine of `folio render`, JSON into $WORK/NAME.json
  echo "== folio.$1"
  if ! hyperfine --shell bash --style basic --runs "$2" --warmup "$3" --prepare "$4" --export-json "$WORK/$1.json" \
                 "$F_RENDER" >"$WORK/$1.hyperfine" 2>&1; then
    echo "!! folio render failed:"; cat "$WORK/$1.hyperfine"; bash -c "$F_RENDER" 2>&1 | head -40; exit 1
  fi
  grep -E 'Time|Range' "$WORK/$1.hyperfine" | sed 's/^/   /'
}
measure cold "$RUNS" 1 "$F_COLD"
bash -c "$F_COLD"
/usr/bin/time -v -o "$WORK/cold.time" bash -c "$F_RENDER" >/dev/null 2>&1
measure first-run 3 0 "$F_EMPTY"
bash -c "$F_COLD && $F_RENDER" >/dev/null 2>&1
measure prose-edit "$RUNS" 1 'edit_prose "$FW/chapters/softmax.md"'
grep -q "修订" "$FW/output/softmax.html" && echo "   prose edit visible in page: yes" || echo "   !! prose edit NOT visible in page"
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# ----------------------------------------------------------------------------- the table
python3 - "$WORK" "$PEERS" "${PEER_RAW_DIR:+$PEER_RAW_DIR/raw}" "$PEERS_STATUS" <<'PY'
import glob, json, os, re, statistics, sys
work, peers, raw, status = sys.argv[1:5]

def median_s(path):
    return statistics.median(json.load(open(path))["results"][0]["times"])

def page_facts(html_path):
    """Size of the page and of what it loads from beside it (stylesheets, images, scripts),
    figures, math and scripts: the same regular expressions as the peers' inspect_html.py."""
    html = open(html_path, encoding="utf-8").read()
    folder = os.path.dirname(html_path)
    needed = set(re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"#?:]+)"', html))
    needed |= {u for u in re.findall(r'<(?:img|script)[^>]+src="([^"#?]+)"', html) if "://" not in u and not u.startswith("data:")}
    size = os.path.getsize(html_path) + sum(os.path.getsize(os.path.join(folder, u)) for u in needed if os.path.isfile(os.path.join(folder, u)))
    tex_left = len(re.findall(r"\\frac|\\sum|\\partial", re.sub(r"<annotation[^>]*>.*?</annotation>", "", html, flags=re.S)))
    return {
        "kb": size / 1024,
        "html_kb": os.path.getsize(html_path) / 1024,
        "files": 1 + len(needed),
        "svg": len(re.findall(r"<svg[\s>]", html)),
        "img_files": len([u for u in re.findall(r'<img[^>]+src="([^"]+)"', html) if not u.startswith(("data:", "http"))]),
        "mathml": len(re.findall(r"<math[\s>]", html)),
        "tex_left": tex_left,
        "scripts": len(re.findall(r"<script[\s>]", html)),
    }

rows = []   # tool, cold s, prose s, page KB, math, JS, RSS MB
if raw:
    def mem(name):
        files = sorted(glob.glob(os.path.join(raw, name + ".mem*")))
        return statistics.median(int(open(f).read().split()[0]) for f in files) / 1024 if files else None
    for tool, label, warm in (("jupyter", "Jupyter (jupytext + nbconvert --execute)", "warm-reexec"),
                              ("rmarkdown", "R Markdown (knitr, chunk cache)", "warm-cache"),
                              ("rmarkdown-mathml", "R Markdown + math_method: mathml (opt-in)", None)):
        cold = os.path.join(raw, f"{tool}.cold.json")
        if not os.path.exists(cold):
            continue
        page = json.load(open(os.path.join(raw, f"{tool}.page.json")))
        hosts = lambda urls: ", ".join(sorted({u.split("/")[0] for u in urls}))
        math = f"MathML, built ({page['mathml_elements']} <math>)" if page["mathml_elements"] and not page["tex_left_for_js"] else \
               "TeX for MathJax from " + (hosts(page["math_engine"]) or "?")
        js = ", ".join(filter(None, [f"{hosts(page['remote_scripts'])} (remote)" if page["remote_scripts"] else "",
                                     f"{page['inline_script_tags']} inline <script>" if page["inline_script_tags"] else ""])) or "none"
        prose = median_s(os.path.join(raw, f"{tool}.{warm}.json")) if warm else None
        rows.append((label, median_s(cold), prose, page["page_bytes"] / 1024, math, js, mem(f"{tool}.cold")))
    if os.path.exists(os.path.join(raw, "jupyter.warm-export.json")):
        export = median_s(os.path.join(raw, "jupyter.warm-export.json"))
        note_export = f"Jupyter's export-only re-render (stale outputs, nothing re-run): {export:.2f} s."
    else:
        note_export = ""
    source = "peers measured in this run (their run.sh, medians)"
else:
    # The published figures: RESULTS.md's tables, read rather than copied.
    text = open(os.path.join(peers, "RESULTS.md"), encoding="utf-8").read()
    def scenario(name):
        m = re.search(r"^\| " + re.escape(name) + r" \| ([\d.]+) \|(?:[^|]*\|){3} (\d+) \|", text, re.M)
        return (float(m.group(1)), float(m.group(2))) if m else (None, None)
    def page_kb(tool):
        m = re.search(r"^\| " + re.escape(tool) + r" \| ([\d,]+) \|", text, re.M)
        return float(m.group(1).replace(",", "")) if m else None
    j_cold, j_rss = scenario("jupyter.cold"); j_warm, _ = scenario("jupyter.warm-reexec")
    r_cold, r_rss = scenario("rmarkdown.cold"); r_warm, _ = scenario("rmarkdown.warm-cache")
    rows.append(("Jupyter (published, RESULTS.md)", j_cold, j_warm, page_kb("Jupyter (nbconvert)"), "TeX for MathJax from a CDN", "yes (remote)", j_rss))
    rows.append(("R Markdown (published, RESULTS.md)", r_cold, r_warm, page_kb("R Markdown"), "TeX for MathJax from a CDN", "yes (remote)", r_rss))
    note_export = ""
    source = f"peers NOT measured in this run ({status}); their figures as published in RESULTS.md"

f = page_facts(os.path.join(work, "folio", "output", "softmax.html"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(os.path.join(work, "cold.time")).read()).group(1)) / 1024
cold, first, prose = (median_s(os.path.join(work, n + ".json")) for n in ("cold", "first-run", "prose-edit"))
math = f"MathML, built ({f['mathml']} <math>)" if f["mathml"] and not f["tex_left"] else f"{f['tex_left']} TeX left for JS"
js = "none" if f["scripts"] == 0 else f"{f['scripts']} <script>"
rows.append(("Folio", cold, prose, f["kb"], math, js, rss))

def s(t): return "-" if t is None else (f"{t * 1000:.0f} ms" if t < 1 else f"{t:.2f} s")
def mb(m): return "-" if m is None else f"{m:.0f}"
print()
print(f"Side by side on the Softmax page ({source}):")
print()
print("| tool | cold | prose edit | page KB | math | JS | peak RSS MB |")
print("|---|---:|---:|---:|---|---|---:|")
for tool, c, p, kb, m, j, r in rows:
    print(f"| {tool} | {s(c)} | {s(p)} | {'-' if kb is None else f'{kb:,.0f}'} | {m} | {j} | {mb(r)} |")
print()
inline = f["img_files"] == 0
checks = [
    ("cold", s(cold), "≤ 500 ms", cold <= 0.5),
    ("prose edit", s(prose), "≤ 50 ms", prose <= 0.05),
    ("page", f"{f['kb']:.0f} KB ({f['html_kb']:.0f} KB html + {f['files'] - 1} file(s) it loads), {f['svg']} inline <svg>, "
             f"{f['img_files']} figure files", "≤ 100 KB, figures inline", f["kb"] <= 100 and inline),
    ("math", math, "MathML", f["mathml"] > 0 and f["tex_left"] == 0),
    ("JavaScript", js, "none", f["scripts"] == 0),
]
print("| Folio | measured | target | |")
print("|---|---|---|---|")
for name, measured, target, ok in checks:
    print(f"| {name} | {measured} | {target} | {'ok' if ok else 'OVER'} |")
print()
print(f"Folio's first run with an empty cache (compiles the runtime once per toolchain): {s(first)}. "
      f"Cold = no results cached, the runtime there. {note_export}")
PY
