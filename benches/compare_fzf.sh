#!/usr/bin/env bash
# `lotse search` as a whole process against `fzf --filter` on the same
# offerings and query, side by side in one hyperfine run (Debian: apt-get
# install fzf hyperfine). Both write their result to stdout (/dev/null
# here). lotse opens the database, reads every offering's folded short
# fields, asks the full-text index of the long texts, ranks as the
# dashboard does and prints the best 20; fzf reads a text file of the
# titles only, matches and sorts them, and `head -20` keeps the first 20
# (ending fzf's output early).
# Usage: benches/compare_fzf.sh [COUNT]   (default 100000 demo offerings)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
lotse=target/release/lotse
"$lotse" --db "$work/lotse.db" demo-data --count "$count" >/dev/null
python3 - "$work/lotse.db" "$work/titles.txt" <<'PY'
import sqlite3, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for (title,) in sqlite3.connect(sys.argv[1]).execute("SELECT title FROM offerings"):
        out.write(title.replace("\n", " ") + "\n")
PY
echo "$(wc -l < "$work/titles.txt") titles"
for query in leerstand "innenstadt digital" wirtschaftsfoerderung; do
  hyperfine --warmup 2 --runs 10 \
    -n "lotse search '$query'" "$lotse --db $work/lotse.db search '$query' --limit 20 >/dev/null" \
    -n "fzf --filter '$query'" "fzf --filter '$query' < $work/titles.txt | head -20 >/dev/null"
done
