#!/usr/bin/env bash
# Publishes reports the ways agencies do and reads each publication back
# with `nianbao import`, which must give the same data (机关层级 aside: no
# publication prints it). For both examples and for the seed's published
# text (imported first):
#
#   render → DOCX → import
#   that DOCX → LibreOffice PDF → import          (nianbao's own PDF reader)
#   that PDF → pdftotext -layout → import
#   render → HTML → w3m -dump → import,  → lynx -dump → import
#   (the busy example) that DOCX → LibreOffice .doc → import
#   (the busy example with 六 starting a new page) DOCX → PDF → pdftotext
#
#   scripts/check-import-roundtrip.sh [--update-fixtures] [OUT-DIR]
#
# Installs what is missing on Debian (LibreOffice Writer, a Chinese font,
# poppler-utils, w3m, lynx) when run as root or with sudo, as `.ci/run`
# does. --update-fixtures also copies the PDFs and dumps into
# tests/fixtures/roundtrip/, where `cargo test` reads them without the tools.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/libreoffice.sh
update=false
if [ "${1:-}" = --update-fixtures ]; then
  update=true
  shift
fi
out=${1:-$(mktemp -d)}
mkdir -p "$out"
start=$(date +%s%N)

# Tools. LibreOffice without recommends brings no Chinese font: without one
# the PDF has no Chinese glyphs. fonts-wqy-microhei is the smallest (1.6 MB).
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v w3m >/dev/null || need+=(w3m)
command -v lynx >/dev/null || need+=(lynx)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi
installed=$(date +%s%N)

cargo build --quiet --locked
nianbao=target/debug/nianbao

# The reports: both examples, and the seed's publication read back.
"$nianbao" import tests/fixtures/seed-kunqu-commerce-2023.txt -o "$out/seed.toml" --force >/dev/null
reports=(examples/busy-city-bureau-2024.toml examples/kunqu-commerce-2023.toml "$out/seed.toml")
names=()
for r in "${reports[@]}"; do
  name=$(basename "$r" .toml)
  names+=("$name")
  "$nianbao" render "$r" -o "$out/$name.docx" --force
  "$nianbao" render "$r" -o "$out/$name.html" --force
done

# The busy example laid out so that 六 starts a new page: a page break
# before its heading, so the PDF's page (and pdftotext's form feed) starts
# with "六、其他需要报告的事项".
python3 - "$out/busy-city-bureau-2024.docx" "$out/six-on-new-page.docx" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
    for item in z.infolist():
        data = z.read(item.filename)
        if item.filename == "word/document.xml":
            xml = data.decode()
            at = xml.index(">六、其他需要报告的事项<")
            p = xml.rindex("<w:pPr>", 0, at) + len("<w:pPr>")
            xml = xml[:p] + "<w:pageBreakBefore />" + xml[p:]
            data = xml.encode()
        out.writestr(item, data)
PY
reports+=(examples/busy-city-bureau-2024.toml)
names+=(six-on-new-page)

# One LibreOffice run for every DOCX.
lo_convert "$out" pdf "$out" "$out"/*.docx
# A Word 97 file (.doc), which import converts back through LibreOffice.
lo_convert "$out" doc "$out" "$out/busy-city-bureau-2024.docx"
for name in "${names[@]}"; do
  pdftotext -layout "$out/$name.pdf" "$out/$name.layout.txt"
  [ -f "$out/$name.html" ] || continue
  w3m -dump "$out/$name.html" >"$out/$name.w3m.txt"
  lynx -dump -nolist "$out/$name.html" >"$out/$name.lynx.txt"
done
# The page break is there: a page of the dump starts with 六's heading.
grep -qP '\f\s*六、其他需要报告的事项' "$out/six-on-new-page.layout.txt" ||
  { echo "six-on-new-page: 六 does not start a page" >&2; exit 1; }
made=$(date +%s%N)

# Every import must be clean and give the report's data.
failed=0
# The same data: both files parsed (Python's tomllib), 机关层级 left out.
same_data() {
  python3 - "$1" "$2" <<'PY'
import sys, tomllib
def data(path):
    with open(path, "rb") as f:
        d = tomllib.load(f)
    d["report"].pop("level", None)
    d.pop("meta", None)
    return d
a, b = data(sys.argv[1]), data(sys.argv[2])
if a != b:
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            print(f"{key}: {a.get(key)!r}\n   != {b.get(key)!r}")
    sys.exit(1)
PY
}
for i in "${!names[@]}"; do
  name=${names[$i]}
  kinds=(docx pdf layout.txt w3m.txt lynx.txt)
  [ "$name" = busy-city-bureau-2024 ] && kinds+=(doc)
  [ "$name" = six-on-new-page ] && kinds=(docx pdf layout.txt)
  for kind in "${kinds[@]}"; do
    input="$out/$name.$kind"
    if "$nianbao" import "$input" -o "$out/$name.$kind.toml" --force >"$out/$name.$kind.log" 2>&1 &&
      same_data "${reports[$i]}" "$out/$name.$kind.toml" >"$out/$name.$kind.diff"; then
      printf '%-28s %-11s same data\n' "$name" "$kind"
    else
      printf '%-28s %-11s DIFFERS (%s)\n' "$name" "$kind" "$out/$name.$kind.log"
      cat "$out/$name.$kind.log" "$out/$name.$kind.diff" | head -20
      failed=1
    fi
  done
done
end=$(date +%s%N)

if $update; then
  mkdir -p tests/fixtures/roundtrip
  for name in busy-city-bureau-2024 kunqu-commerce-2023; do
    for kind in pdf layout.txt w3m.txt lynx.txt; do
      cp "$out/$name.$kind" "tests/fixtures/roundtrip/$name.$kind"
    done
  done
  cp "$out/six-on-new-page.layout.txt" tests/fixtures/roundtrip/
  echo "fixtures updated in tests/fixtures/roundtrip/"
fi
ms() { echo $((($2 - $1) / 1000000)); }
echo "installing $(ms "$start" "$installed") ms, publishing $(ms "$installed" "$made") ms" \
  "(build, LibreOffice, pdftotext, w3m, lynx), importing and comparing $(ms "$made" "$end") ms; in $out"
exit $failed
