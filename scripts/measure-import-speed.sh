#!/usr/bin/env bash
# Measures `nianbao import` (release build):
#
#   1. 1,000 published reports at once — a third HTML, a third DOCX, a third
#      text (the seed's `|` layout and `pdftotext -layout`, `w3m` and `lynx`
#      dumps) — into a folder: `nianbao import FILES… -o DIR/`, wall-clock
#      time, with 2 threads (RAYON_NUM_THREADS=2) and with 1;
#   2. each PDF fixture alone, with nianbao's reader, and with pdftotext
#      when it is installed (its text imported as space-aligned text).
#
#   scripts/measure-import-speed.sh [FILES] [RUNS]      (default 1000, 5)
#
# Each file has its own agency name, so that each is written under its own
# name. Needs python3; uses hyperfine when it is installed, else repeated
# runs timed here (the median is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-1000}
runs=${2:-5}
cargo build --release --quiet --locked
nianbao=$PWD/target/release/nianbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/in"
for e in busy-city-bureau-2024 kunqu-commerce-2023; do
  "$nianbao" render "examples/$e.toml" -o "$work/$e.html"
  "$nianbao" render "examples/$e.toml" -o "$work/$e.docx"
done
python3 - "$work" "$files" <<'PY'
import pathlib, sys, zipfile
work, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
agencies = {"busy": "示例市自然资源和规划局", "kunqu": "昆区商务局"}
sources = [
    ("html", work / "busy-city-bureau-2024.html", "busy"),
    ("html", work / "kunqu-commerce-2023.html", "kunqu"),
    ("docx", work / "busy-city-bureau-2024.docx", "busy"),
    ("docx", work / "kunqu-commerce-2023.docx", "kunqu"),
    ("docx", pathlib.Path("tests/fixtures/foreign-word-busy-2024.docx"), "busy"),
    ("txt", pathlib.Path("tests/fixtures/seed-kunqu-commerce-2023.txt"), "kunqu"),
    ("txt", pathlib.Path("tests/fixtures/roundtrip/busy-city-bureau-2024.layout.txt"), "busy"),
    ("txt", pathlib.Path("tests/fixtures/roundtrip/kunqu-commerce-2023.w3m.txt"), "kunqu"),
    ("txt", pathlib.Path("tests/fixtures/roundtrip/busy-city-bureau-2024.lynx.txt"), "busy"),
]
by_kind = {k: [s for s in sources if s[0] == k] for k in ("html", "docx", "txt")}
kinds = ["html", "docx", "txt"]
for i in range(n):
    kind = kinds[i % 3]
    _, path, who = by_kind[kind][(i // 3) % len(by_kind[kind])]
    old = agencies[who]
    new = f"{old}{i:04d}分局"
    out = work / "in" / f"{i:04d}.{kind}"
    if kind == "docx":
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    data = data.decode().replace(old, new, 1).encode()
                dst.writestr(item, data)
    else:
        text = path.read_bytes().decode()
        # The agency as the opening paragraph names it (traditional in the seed).
        for name in (old, "昆區商務局"):
            text = text.replace(f"由{name}编写", f"由{new}编写").replace(f"由{name}編寫", f"由{new}編寫")
        out.write_text(text)
PY
count=$(ls "$work/in" | wc -l)
echo "$count files: $(ls "$work/in" | grep -c html$) HTML, $(ls "$work/in" | grep -c docx$) DOCX, $(ls "$work/in" | grep -c txt$) text; $(du -sh "$work/in" | cut -f1)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall-clock seconds of a command, the median of $runs runs; the output
# folder is emptied before each.
timed() {
  if command -v hyperfine >/dev/null; then
    hyperfine --runs "$runs" --prepare "rm -rf $work/out" --export-json "$work/h.json" "$1" >/dev/null
    python3 -c "import json,sys; r=json.load(open('$work/h.json'))['results'][0]; print(f\"{r['median']:.3f} s (mean {r['mean']:.3f} s ± {r['stddev']:.3f} s, {len(r['times'])} runs, hyperfine)\")"
  else
    for _ in $(seq "$runs"); do
      rm -rf "$work/out"
      s=$(date +%s%N)
      bash -c "$1" >/dev/null || true
      e=$(date +%s%N)
      echo $(((e - s) / 1000000))
    done | median | awk -v n="$runs" '{printf "%.3f s (median of %d runs)\n", $1 / 1000, n}'
  fi
}

# Every file must import cleanly, or the timing would measure failures.
rm -rf "$work/out"
"$nianbao" import "$work"/in/* -o "$work/out/" >"$work/summary.txt" || {
  grep -v "^$work" "$work/summary.txt" | tail -5
  echo "some files did not import cleanly: see above" >&2
  exit 1
}
echo "all $(ls "$work/out" | wc -l) written, each under its own name"

echo "| threads | $count files |"
echo "|---|---|"
for t in 2 1; do
  echo "| $t | $(timed "RAYON_NUM_THREADS=$t $nianbao import $work/in/* -o $work/out/") |"
done

echo
echo "PDF, one file each (import -o a file):"
echo "| file | pages | nianbao's reader | pdftotext -layout, then import |"
echo "|---|---|---|---|"
for pdf in tests/fixtures/roundtrip/*.pdf tests/fixtures/foreign-word-busy-2024.pdf; do
  pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$pdf")
  own=$(timed "$nianbao import $pdf -o $work/one.toml --force")
  if command -v pdftotext >/dev/null; then
    viatext=$(timed "pdftotext -layout $pdf $work/dump.txt && $nianbao import $work/dump.txt -o $work/one.toml --force")
  else
    viatext="(pdftotext not installed)"
  fi
  echo "| $(basename "$pdf") | $pages | $own | $viatext |"
done
