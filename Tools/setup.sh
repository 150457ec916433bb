#!/usr/bin/env bash
# Install what Tools/validate-html.sh, Tools/axe.py and Tools/screenshot.* need
# on Debian 12: Chromium + chromedriver, CJK fonts, a Java runtime (only if no
# `java` is on PATH) and the pinned PyPI packages; and nginx, the reference the
# serve tests compare ranges and conditional requests with (they start their own
# on a loopback port; the system's nginx service is neither started nor enabled
# by this script); and cmark-gfm, the reference the GFM differential test
# (Tests/FolioParserTests/GFMDifferentialTests.swift) runs for tables, footnotes,
# strikethrough and bare links (a program, never linked); epubcheck, which judges the books'
# EPUBs, and poppler-utils (pdfinfo, pdffonts, pdftoppm), which the PDF tests read the PDF
# with (issue 22; `make render` needs neither).  Idempotent and quiet: does
# nothing (and no `apt-get update`) when everything is already present.
# Works unattended (CI=true, no stdin).  Run as root or with sudo available.
#
# Usage: Tools/setup.sh            (PYTHON=python3.11 Tools/setup.sh to pick
#                                   the interpreter the scripts will run with)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-python3}"
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp -t folio-tools-setup.XXXXXX.log)"
trap 'rm -f "$log"' EXIT

fail() {
  echo "setup: $*" >&2
  if [ -s "$log" ]; then
    echo "---- last lines of output ----" >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
}

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "need root (or sudo) for apt-get"
  SUDO="sudo -n"
fi

# ---- Debian packages -------------------------------------------------------
installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}
want=(chromium chromium-driver fonts-noto-cjk nginx cmark-gfm epubcheck poppler-utils)
if ! command -v java >/dev/null 2>&1; then
  want+=(default-jre-headless)
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  want+=(python3)
fi
if command -v "$PYTHON" >/dev/null 2>&1 && ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
  want+=(python3-pip)
fi
missing=()
for p in "${want[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  apt_opts=(-y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  $SUDO apt-get "${apt_opts[@]}" update >"$log" 2>&1 </dev/null \
    || fail "apt-get update failed"
  # Debian starts a service when its package is installed: nginx would take port 80. A
  # policy-rc.d that refuses keeps it stopped (unless the machine already has one).
  no_services=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    no_services=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$no_services" >/dev/null
    $SUDO chmod 755 "$no_services"
  fi
  status=0
  $SUDO apt-get "${apt_opts[@]}" install "${missing[@]}" >>"$log" 2>&1 </dev/null || status=$?
  [ -z "$no_services" ] || $SUDO rm -f "$no_services"
  [ "$status" = 0 ] || fail "apt-get install ${missing[*]} failed"
  if [[ " ${missing[*]} " == *" nginx "* ]] && command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl disable nginx >>"$log" 2>&1 || true
  fi
fi
[ -x /usr/sbin/nginx ] || fail "/usr/sbin/nginx missing after install"
command -v cmark-gfm >/dev/null 2>&1 || fail "cmark-gfm still not on PATH"
for exe in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$exe" ] || fail "$exe missing after install"
done
command -v java >/dev/null 2>&1 || fail "java still not on PATH"
[ -f /usr/share/java/epubcheck.jar ] || fail "/usr/share/java/epubcheck.jar missing after install"
command -v pdfinfo >/dev/null 2>&1 || fail "pdfinfo (poppler-utils) still not on PATH"

# ---- PyPI packages ---------------------------------------------------------
# Prints the requirement lines of FILE whose pinned version is not installed.
unmet() {
  "$PYTHON" - "$1" <<'PY'
import re, sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split("#", 1)[0].strip()
    m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line)
    if not m:
        continue
    try:
        ok = version(m.group(1)) == m.group(2)
    except PackageNotFoundError:
        ok = False
    if not ok:
        print(line)
PY
}
pip_opts=(-q --disable-pip-version-check --no-input --root-user-action=ignore)
# Debian's own python3 refuses system-wide pip installs (PEP 668).
if "$PYTHON" -c 'import sys, sysconfig, os; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) and sys.prefix == sys.base_prefix else 1)'; then
  pip_opts+=(--break-system-packages)
fi
if [ -n "$(unmet "$here/requirements.txt")" ]; then
  echo "setup: pip install -r Tools/requirements.txt"
  $SUDO "$PYTHON" -m pip install "${pip_opts[@]}" -r "$here/requirements.txt" >>"$log" 2>&1 </dev/null \
    || fail "pip install -r Tools/requirements.txt failed"
fi
if [ -n "$(unmet "$here/requirements-nodeps.txt")" ]; then
  echo "setup: pip install --no-deps -r Tools/requirements-nodeps.txt"
  $SUDO "$PYTHON" -m pip install "${pip_opts[@]}" --no-deps -r "$here/requirements-nodeps.txt" >>"$log" 2>&1 </dev/null \
    || fail "pip install --no-deps -r Tools/requirements-nodeps.txt failed"
fi
[ -z "$(unmet "$here/requirements.txt")$(unmet "$here/requirements-nodeps.txt")" ] \
  || fail "python packages still missing after pip install"
# pyenv installs need their shims refreshed for new console scripts.
if command -v pyenv >/dev/null 2>&1; then pyenv rehash >/dev/null 2>&1 || true; fi

echo "setup: ok ($(/usr/bin/chromium --version 2>/dev/null | head -n1); $(/usr/sbin/nginx -v 2>&1); $(cmark-gfm --version 2>/dev/null | head -n1 | cut -d' ' -f1-2); java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}'); $("$PYTHON" --version 2>&1))"
