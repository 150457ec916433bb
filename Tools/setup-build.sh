#!/usr/bin/env bash
# Installs what building Folio needs and a fresh Debian machine lacks: cmark's headers and
# library (libcmark-dev) and pkg-config, which SwiftPM uses to find them. Does nothing when
# both are present. Run as root, or with sudo.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libcmark 2>/dev/null || [ ! -f /usr/include/cmark.h ]; then
  missing+=(libcmark-dev)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO="sudo -n"
fi
echo "setup: apt-get install ${missing[*]}"
apt_opts=(-y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
$SUDO apt-get "${apt_opts[@]}" update >/dev/null </dev/null
$SUDO apt-get "${apt_opts[@]}" install "${missing[@]}" >/dev/null </dev/null
pkg-config --exists libcmark || { echo "setup: libcmark still not found by pkg-config" >&2; exit 1; }
