#!/usr/bin/env bash
# An author's first steps, as `make test` runs them after `swift test`: `make install` into a
# temporary prefix that already holds other software, `folio init` in an empty folder outside the
# repository, then `folio render` and `folio check --strict` there with only the installed folio,
# swiftc's folder and the system's on PATH and nothing else in the environment. `folio init` again
# must fail, naming the files, and change no byte or modification time; `make uninstall` must
# leave the prefix as it was.
#
# It installs a debug build (INSTALL_CONFIGURATION=debug) by the same Tools/install.sh as a
# release one: `make test` has built debug already, so this costs a compile of FolioCommand and
# a link, where a release build of the whole package would add many minutes to CI. That debug
# build is the ordinary one, with Swift's runtime linked dynamically: a static one cannot share
# .build/ with it (see install.sh) and would be a second full build. The release install checks
# its own binary with ldd instead.
set -euo pipefail
cd "$(dirname "$0")/.."
repository=$(pwd -P)
SWIFT=${SWIFT:-swift}
swiftc=$(command -v swiftc) || { echo "test-install: no swiftc on PATH" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/folio-install-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
case "$work/" in "$repository"/*) echo "test-install: $work is inside the repository" >&2; exit 1 ;; esac

failures=0
fail() { echo "test-install: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "test-install: ok: $*"; }

# Every entry below a folder: its type, mode and path, and for files their size, modification
# time and SHA-256 (folders' own times change whenever an entry comes and goes, so they are left out).
snapshot() {
  (cd "$1" && find . -mindepth 1 \( -type f -printf '%y %m %s %T@ %p ' -exec sha256sum {} \; \) -o -printf '%y %m %p\n' | sort)
}

# The prefix already holds software of its own, which uninstall must leave alone.
prefix=$work/prefix
mkdir -p "$prefix/bin" "$prefix/share/man/man1"
echo '#!/bin/sh' > "$prefix/bin/other-tool" && chmod 755 "$prefix/bin/other-tool"
before=$(snapshot "$prefix")

started=$SECONDS
make --no-print-directory install PREFIX="$prefix" INSTALL_CONFIGURATION=debug SWIFT="$SWIFT"
echo "test-install: make install (debug) took $((SECONDS - started)) s"

folio=$prefix/bin/folio
[ -x "$folio" ] && pass "installed $folio ($(du -h "$folio" | cut -f1))" || fail "no $folio"
# (This debug folio links Swift's runtime dynamically; make install checks that a release one does not.)
# ldd's whole output first: `ldd | grep -q` under pipefail fails when grep stops reading early
# and ldd dies of SIGPIPE (it did, once the binary linked a module more).
libraries=$(ldd "$folio")
grep -q 'libcmark\.so' <<<"$libraries" && pass "folio links libcmark" || fail "no libcmark in ldd $folio"
version=$("$folio" --version)
if head=$(git rev-parse -q --verify HEAD 2>/dev/null); then
  [[ "$version" =~ ^folio\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ $head( with uncommitted changes)?\)$ ]] \
    && pass "folio --version: $version" || fail "folio --version says '$version', not commit $head"
fi

# The author's environment: nothing of this repository, nor of the caller's environment.
book=$work/book
mkdir -p "$book" "$work/home"
as_author() {
  (cd "$book" && env -i HOME="$work/home" TMPDIR="$work" LANG=C.UTF-8 \
    PATH="$prefix/bin:$(dirname "$swiftc"):/usr/bin:/bin" "$@")
}
[ "$(as_author sh -c 'command -v folio')" = "$folio" ] || fail "folio on the author's PATH is not $folio"

as_author folio init > "$work/init.out" && pass "folio init" || fail "folio init: $(cat "$work/init.out")"
for file in chapters/book.yml chapters/getting-started.md .gitignore .github/workflows/folio.yml; do
  [ -f "$book/$file" ] || fail "folio init wrote no $file"
done
if as_author folio render 2> "$work/render.err"; then
  pass "folio render: $(tail -n 1 "$work/render.err")"
else
  fail "folio render: $(cat "$work/render.err")"
fi
[ -f "$book/output/getting-started.html" ] && [ -f "$book/output/index.html" ] || fail "no pages in output/"
if as_author folio check --strict > "$work/check.out" 2>&1; then
  pass "folio check --strict: $(tail -n 1 "$work/check.out")"
else
  fail "folio check --strict: $(cat "$work/check.out")"
fi
if grep -rlF "$repository" "$book" > "$work/mentions"; then
  fail "the book mentions Folio's source tree: $(cat "$work/mentions")"
fi

# Starting the book again is refused, names what is there, and changes nothing.
started_book=$(snapshot "$book")
sleep 1  # a file rewritten now would get another modification time
if as_author folio init > "$work/again.out" 2> "$work/again.err"; then
  fail "a second folio init succeeded"
else
  status=$?
  [ "$status" = 1 ] || fail "a second folio init exited $status, not 1"
  grep -q 'chapters/book.yml exists' "$work/again.err" && pass "a second folio init fails: $(cat "$work/again.err")" \
    || fail "a second folio init does not name chapters/book.yml: $(cat "$work/again.err")"
fi
[ "$(snapshot "$book")" = "$started_book" ] && pass "a second folio init changed nothing" \
  || { fail "a second folio init changed the book:"; diff <(echo "$started_book") <(snapshot "$book") >&2 || true; }

# Errors name the book's own files and lines, nothing of Folio's source tree.
printf '\n```swift\nexpect(mean(samples) == 6, "the mean is 6")\n```\n' >> "$book/chapters/getting-started.md"
line=$(grep -n 'the mean is 6' "$book/chapters/getting-started.md" | cut -d: -f1)
if as_author folio check > "$work/broken.out" 2>&1; then
  fail "folio check passed a failing expectation"
elif grep -q "^chapters/getting-started.md:$line:[0-9]*: error: .*the mean is 6" "$work/broken.out" \
  && ! grep -qF "$repository" "$work/broken.out"; then
  pass "a failed expectation is an error at chapters/getting-started.md:$line"
else
  fail "the failed expectation is not reported at chapters/getting-started.md:$line: $(cat "$work/broken.out")"
fi

# Installing again over an install keeps what the first recorded (the folders it created).
make --no-print-directory install PREFIX="$prefix" INSTALL_CONFIGURATION=debug SWIFT="$SWIFT" > "$work/again.log" 2>&1 \
  && pass "make install again" || fail "make install again: $(cat "$work/again.log")"
make --no-print-directory uninstall PREFIX="$prefix"
[ "$(snapshot "$prefix")" = "$before" ] && pass "make uninstall left the prefix as it was" \
  || { fail "make uninstall left the prefix changed:"; diff <(echo "$before") <(snapshot "$prefix") >&2 || true; }

# A staged install: every file below DESTDIR, the manifest naming them as they will be on the
# machine they are installed on; uninstall with the same DESTDIR leaves no file behind.
stage=$work/stage
make --no-print-directory install DESTDIR="$stage" PREFIX=/opt/folio INSTALL_CONFIGURATION=debug SWIFT="$SWIFT" > "$work/stage.log" 2>&1 \
  || fail "make install DESTDIR=…: $(cat "$work/stage.log")"
[ -x "$stage/opt/folio/bin/folio" ] && grep -qx /opt/folio/bin/folio "$stage/opt/folio/share/folio/install-manifest.txt" \
  && pass "make install DESTDIR=… PREFIX=/opt/folio" || fail "no $stage/opt/folio/bin/folio listed as /opt/folio/bin/folio"
make --no-print-directory uninstall DESTDIR="$stage" PREFIX=/opt/folio > "$work/stage.log" 2>&1 || fail "make uninstall DESTDIR=…"
left=$(find "$stage" -mindepth 1 ! -type d)
[ -z "$left" ] && pass "make uninstall DESTDIR=… left no file" || fail "make uninstall DESTDIR=… left $left"

if [ "$failures" -gt 0 ]; then
  echo "test-install: $failures failed" >&2
  exit 1
fi
echo "test-install: all passed"
