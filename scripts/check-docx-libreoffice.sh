#!/usr/bin/env bash
# Opens the DOCX that `nianbao render` writes in LibreOffice (headless) and
# checks what LibreOffice read: every paragraph and every table cell of the
# text rendering of the same report, and the same row spans (merged cells)
# as the HTML rendering. Also leaves a PDF to look at.
#
#   scripts/check-docx-libreoffice.sh [REPORT.toml] [OUT-DIR]
#
# Needs LibreOffice: apt-get install -y --no-install-recommends libreoffice-writer-nogui
# (`.ci/run` installs it). Exit 0 when LibreOffice read everything.
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-examples/busy-city-bureau-2024.toml}
out=${2:-$(mktemp -d)}
mkdir -p "$out"

. scripts/libreoffice.sh
require_soffice

cargo build --quiet --locked
nianbao=target/debug/nianbao
"$nianbao" render "$report" -o "$out/report.docx"
"$nianbao" render "$report" -o "$out/report.txt"
"$nianbao" render "$report" -o "$out/report.html"

start=$(date +%s%N)
for format in "txt:Text (encoded):UTF8" html pdf; do
  lo_convert "$out" "$format" "$out/lo" "$out/report.docx"
done
end=$(date +%s%N)

python3 - "$out" <<'EOF'
import re, sys, collections
out = sys.argv[1]
ours = open(f"{out}/report.txt", encoding="utf-8").read().splitlines()
theirs = open(f"{out}/lo/report.txt", encoding="utf-8-sig").read().splitlines()
lines = {l.strip() for l in theirs}

missing = []
for line in ours:
    pieces = [c.strip() for c in line.split("|")] if "|" in line else [line]
    missing += [p for p in pieces if p and p not in lines]
if missing:
    print("LibreOffice did not read:", *missing[:20], sep="\n  ")
    sys.exit(1)

def rowspans(html):
    return collections.Counter(int(n) for n in re.findall(r'rowspan="?(\d+)', html))
ours_spans = rowspans(open(f"{out}/report.html", encoding="utf-8").read())
lo_spans = rowspans(open(f"{out}/lo/report.html", encoding="utf-8", errors="replace").read())
if ours_spans != lo_spans:
    print(f"merged rows differ: ours {dict(ours_spans)}, LibreOffice {dict(lo_spans)}")
    sys.exit(1)
cells = sum(len([c for c in l.split("|") if c.strip()]) for l in ours if "|" in l)
print(f"LibreOffice read all {len(ours)} lines ({cells} table cells) and "
      f"{sum(lo_spans.values())} row merges {dict(sorted(lo_spans.items()))}")
EOF
echo "LibreOffice converted it to text, HTML and PDF in $(( (end - start) / 1000000 )) ms: $out/lo/report.pdf"
