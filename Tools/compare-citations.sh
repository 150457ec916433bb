#!/usr/bin/env bash
# Compares FolioBibliography with pandoc --citeproc (Chicago author-date, pandoc's default)
# on real .bib files and on the generated fixture, and measures parsing speed.
#
#   Tools/compare-citations.sh [FILE.bib…]
#
# Test-only: pandoc (Debian's, with --citeproc) and the .bib files of Debian's TeX Live
# packages are installed with apt-get when missing; nothing here is linked into Folio. The
# module is built in a throwaway package under $TMPDIR (symbolic links to Sources/ and
# Tools/bibtool, and to FolioModel, which it takes "did you mean" from), so the full Folio
# package is not built. Prints every difference, a summary
# line per file and in total, then `bibtool bench` (release build) on the same files.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${TMPDIR:-/tmp}/folio-bibliography-compare"

need=()
command -v pandoc >/dev/null || need+=(pandoc)
texmf=/usr/share/texlive/texmf-dist
[ -f "$texmf/bibtex/bib/biblatex/biblatex/biblatex-examples.bib" ] || need+=(texlive-bibtex-extra)
[ -f "$texmf/source/latex/koma-script/doc/scrguide.bib" ] || need+=(texlive-latex-recommended)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi

if [ $# -gt 0 ]; then
  files=("$@")
else
  files=(
    "$root/Tests/FolioBibliographyTests/Fixtures/generated.bib"
    "$texmf/bibtex/bib/biblatex/biblatex/biblatex-examples.bib"
    "$texmf/bibtex/bib/base/xampl.bib"
    "$texmf/source/latex/koma-script/doc/scrguide.bib"
    "$texmf/bibtex/bib/cnltx/cnltx.bib"
  )
fi

mkdir -p "$work/Sources" "$work/Tests"
ln -sfn "$root/Sources/FolioModel" "$work/Sources/FolioModel"
ln -sfn "$root/Sources/FolioBibliography" "$work/Sources/FolioBibliography"
ln -sfn "$root/Tools/bibtool" "$work/Sources/bibtool"
cat > "$work/Package.swift" <<'MANIFEST'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "folio-bibliography-compare",
    targets: [
        .target(name: "FolioModel"),
        .target(name: "FolioBibliography", dependencies: ["FolioModel"]),
        .executableTarget(name: "bibtool", dependencies: ["FolioBibliography"]),
    ],
    swiftLanguageModes: [.v6]
)
MANIFEST
swift build -c release --package-path "$work" --scratch-path "$work/.build" >&2
tool="$work/.build/release/bibtool"

python3 "$root/Tools/compare-citations.py" "$tool" "${files[@]}"
echo
"$tool" bench "${files[@]}"
