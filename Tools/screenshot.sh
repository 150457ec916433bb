#!/usr/bin/env bash
# Light + dark full-page screenshots of a local HTML file.
# Usage: Tools/screenshot.sh FILE.html OUT_PREFIX [WIDTH [HEIGHT]]
# Writes OUT_PREFIX-light.png and OUT_PREFIX-dark.png (see Tools/screenshot.py).
exec python3 "$(dirname "$0")/screenshot.py" "$@"
