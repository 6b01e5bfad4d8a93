#!/usr/bin/env bash
# Opens the DOCX that `nianbao compare` writes in LibreOffice (headless) and
# checks that LibreOffice read every heading, paragraph and table cell of
# the HTML comparison of the same pair (tests/fixtures/compare/). Also
# leaves a PDF to look at.
#
#   scripts/check-compare-docx-libreoffice.sh [OUT-DIR]
#
# Needs LibreOffice: apt-get install -y --no-install-recommends libreoffice-writer-nogui
# (`.ci/run` installs it). Exit 0 when LibreOffice read everything.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"

. scripts/libreoffice.sh
require_soffice

cargo build --quiet --locked
nianbao=target/debug/nianbao
pair=(tests/fixtures/compare/last-2023.toml tests/fixtures/compare/this-2024.toml)
"$nianbao" compare "${pair[@]}" -o "$out/compare.docx" --force
"$nianbao" compare "${pair[@]}" -o "$out/compare.html" --force

lo_convert "$out" "txt:Text (encoded):UTF8" "$out/lo" "$out/compare.docx"
lo_convert "$out" pdf "$out/lo" "$out/compare.docx"

python3 - "$out" <<'PY'
import sys
from html.parser import HTMLParser
out = sys.argv[1]

class Blocks(HTMLParser):
    """The text of every heading, paragraph and table cell."""
    BLOCK = {"h1", "h2", "h3", "p", "td", "th"}
    def __init__(self):
        super().__init__()
        self.texts, self.current = [], None
    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.current = []
    def handle_endtag(self, tag):
        if tag in self.BLOCK and self.current is not None:
            self.texts.append("".join(self.current).strip())
            self.current = None
    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)

p = Blocks()
p.feed(open(f"{out}/compare.html", encoding="utf-8").read())
theirs = {l.strip() for l in open(f"{out}/lo/compare.txt", encoding="utf-8-sig")}
missing = [t for t in p.texts if t and t not in theirs]
if missing:
    print("LibreOffice did not read:", *missing[:20], sep="\n  ")
    sys.exit(1)
print(f"LibreOffice read all {len(p.texts)} headings, paragraphs and table cells "
      f"of the comparison: {out}/lo/compare.pdf")
PY
