#!/usr/bin/env bash
# Writes the first corpus of one fuzz target into a folder: seed.sh TARGET FOLDER.
#   FuzzMath          every formula of ../shared/corpus/math-textbooks.tsv, one file each
#   FuzzChapter       the book's chapters/*.md and the chapters in Fuzz/seeds/chapters/
#   FuzzOutputBlocks  the same chapters, each followed by NUL and a new output
#   FuzzFigure        a few byte strings that decode to small figures (see FuzzFigure/main.swift)
set -euo pipefail
cd "$(dirname "$0")"
target="$1"
folder="$2"
mkdir -p "$folder"

case "$target" in
FuzzMath)
  python3 - "$folder" <<'PY'
import pathlib, sys
folder = pathlib.Path(sys.argv[1])
corpus = pathlib.Path("../../shared/corpus/math-textbooks.tsv")
if not corpus.exists():
    sys.exit(f"seed.sh: the math corpus is missing: expected it at {corpus.resolve()}")
escapes = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
for line in corpus.read_text(encoding="utf-8").split("\n")[1:]:
    if not line:
        continue
    columns = line.split("\t")
    field, tex, index = columns[2] if len(columns) > 2 else "", [], 0
    while index < len(field):
        if field[index] == "\\" and index + 1 < len(field) and field[index + 1] in escapes:
            tex.append(escapes[field[index + 1]])
            index += 2
        else:
            tex.append(field[index])
            index += 1
    (folder / columns[0]).write_text("".join(tex), encoding="utf-8")
PY
  ;;
FuzzChapter)
  for file in ../chapters/*.md seeds/chapters/*.md; do cp "$file" "$folder/$(basename "$file")"; done
  ;;
FuzzOutputBlocks)
  for file in ../chapters/*.md seeds/chapters/*.md; do
    { cat "$file"; printf '\0new output\n  indented\n\0second\n'; } > "$folder/$(basename "$file")"
  done
  ;;
FuzzFigure)
  python3 - "$folder" <<'PY'
import pathlib, sys
folder = pathlib.Path(sys.argv[1])
seeds = {
    "empty": b"",
    "line": bytes([1, 0x41, 0, 0, 0, 0, 0, 1, 1, 0, 5, 9, 1, 9, 2, 9, 3, 9, 4, 9, 5, 1, 5, 15, 16, 15, 32, 15, 48, 15, 8, 15, 4]),
    "bars": bytes([0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 1, 3, 15, 1, 15, 2, 15, 3, 1, 3, 15, 4, 15, 5, 15, 6, 0, 0, 1, 3, 1, 0x61, 1, 0x62, 1, 0x63]),
    "nan": bytes([0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 4, 0, 1, 2, 3, 1, 4, 0, 1, 2, 3]),
    "log": bytes([0, 1, 0, 1, 1, 12, 100, 1, 12, 160, 1, 1, 3, 0, 1, 8, 12, 10, 12, 200, 7, 1, 8, 12, 10, 12, 200, 7]),
}
for name, data in seeds.items():
    (folder / name).write_bytes(data)
PY
  ;;
*)
  echo "seed.sh: no such target: $target" >&2
  exit 2
  ;;
esac
