#!/usr/bin/env bash
# Measures how well `nianbao import` reads each form of a publication, against
# its ground truth, and what a PDF costs (release build):
#
#   1. per form and document: cells right (equal to the ground truth as
#      printed), wrong (another value, not listed unplaced), unplaced (listed
#      by the import), and text fields whose first 20 characters are those
#      of the ground truth (机关层级, never printed, left out);
#   2. per PDF: wall-clock time and peak memory (maximum resident set) of
#      `nianbao import FILE.pdf -o OUT.toml`, the median of RUNS runs.
#
#   scripts/measure-import-accuracy.sh [RUNS]      (default 5)
#
# The documents are the repository's: the real publication in
# tests/fixtures/real/ (its PDF and `pdftotext -layout` text), the round
# trip's PDFs and dumps in tests/fixtures/roundtrip/, the Word-like fixture,
# and the examples rendered now as HTML, DOCX and `|` text, the last also
# written as Markdown pipe tables. Needs python3 (3.11, for tomllib).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet --locked
nianbao=$PWD/target/release/nianbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for e in busy-city-bureau-2024 kunqu-commerce-2023; do
  "$nianbao" render "examples/$e.toml" -o "$work/$e.html"
  "$nianbao" render "examples/$e.toml" -o "$work/$e.docx"
  "$nianbao" render "examples/$e.toml" -o "$work/$e.txt"
done

python3 - "$nianbao" "$work" "$runs" <<'PY'
import pathlib, re, resource, statistics, subprocess, sys, time, tomllib

nianbao, work, runs = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
fx = pathlib.Path("tests/fixtures")
busy, kunqu = "examples/busy-city-bureau-2024.toml", "examples/kunqu-commerce-2023.toml"
real = str(fx / "real/hzq-2023.toml")


def markdown(src, dst):
    """The `|` rows of the text render as Markdown pipe tables."""
    out, in_table = [], False
    for line in src.read_text().split("\n"):
        if "|" not in line:
            in_table = False
            out.append(line)
            continue
        cells = [c.strip() for c in line.rstrip().rstrip("|").split("|")]
        out.append("| " + " | ".join(cells) + " |")
        if not in_table:
            out.append("|" + "---|" * len(cells))
        in_table = True
    dst.write_text("\n".join(out))
    return dst


forms = {
    "PDF (nianbao's reader)": [
        (fx / "real/hzq2023_working.pdf", real),
        (fx / "roundtrip/busy-city-bureau-2024.pdf", busy),
        (fx / "roundtrip/kunqu-commerce-2023.pdf", kunqu),
        (fx / "foreign-word-busy-2024.pdf", busy),
    ],
    "pdftotext -layout": [
        (fx / "real/hzq2023_working.layout.txt", real),
        (fx / "roundtrip/busy-city-bureau-2024.layout.txt", busy),
        (fx / "roundtrip/kunqu-commerce-2023.layout.txt", kunqu),
        (fx / "roundtrip/six-on-new-page.layout.txt", busy),
    ],
    "w3m -dump": [
        (fx / "roundtrip/busy-city-bureau-2024.w3m.txt", busy),
        (fx / "roundtrip/kunqu-commerce-2023.w3m.txt", kunqu),
    ],
    "lynx -dump": [
        (fx / "roundtrip/busy-city-bureau-2024.lynx.txt", busy),
        (fx / "roundtrip/kunqu-commerce-2023.lynx.txt", kunqu),
    ],
    "HTML": [
        (work / "busy-city-bureau-2024.html", busy),
        (work / "kunqu-commerce-2023.html", kunqu),
        (fx / "busy-city-bureau-2024.html", busy),
    ],
    "DOCX": [
        (work / "busy-city-bureau-2024.docx", busy),
        (work / "kunqu-commerce-2023.docx", kunqu),
        (fx / "foreign-word-busy-2024.docx", busy),
    ],
    "bar-separated text": [
        (work / "busy-city-bureau-2024.txt", busy),
        (fx / "seed-kunqu-commerce-2023.txt", kunqu),
    ],
    "Markdown pipes": [
        (markdown(work / "busy-city-bureau-2024.txt", work / "busy.md"), busy),
        (markdown(work / "kunqu-commerce-2023.txt", work / "kunqu.md"), kunqu),
    ],
}

TEXT_SETS = ("report", "contact", "overview", "problems", "other")


def load(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def compare(doc, truth_path):
    out = work / "out.toml"
    run = subprocess.run(
        [nianbao, "import", "--lang", "en", str(doc), "-o", str(out), "--force"],
        capture_output=True, text=True,
    )
    if run.returncode == 2:
        return None
    got, truth = load(out), load(truth_path)
    unplaced = []
    for raw in re.findall(r"not placed “(.*?)”", run.stdout):
        unplaced += [w for w in re.split(r"[|\s]+", raw) if re.fullmatch(r"[\d.]+", w)]
    right = wrong = lost = 0
    texts = texts_right = 0
    for key, table in truth.items():
        if not isinstance(table, dict):
            continue
        for row, value in table.items():
            if key in TEXT_SETS:
                if key == "report" and row == "level":
                    continue
                texts += 1
                mine = str(got.get(key, {}).get(row, ""))
                texts_right += mine[:20] == str(value)[:20]
                continue
            if not isinstance(value, dict):
                continue
            for col, want in value.items():
                have = got.get(key, {}).get(row, {}).get(col)
                if str(have) == str(want):
                    right += 1
                elif str(want) in unplaced:
                    unplaced.remove(str(want))
                    lost += 1
                else:
                    wrong += 1
    return right, wrong, lost, texts_right, texts


print("| form | document | cells right | wrong | unplaced | texts in the right field |")
print("|---|---|---|---|---|---|")
for form, docs in forms.items():
    for doc, truth in docs:
        r = compare(doc, truth)
        name = doc.name if doc.parent != work else f"{doc.name} (rendered now)"
        if r is None:
            print(f"| {form} | {name} | not read | | | |")
            continue
        right, wrong, lost, tr, tt = r
        print(f"| {form} | {name} | {right} | {wrong} | {lost} | {tr} of {tt} |")

print()
print("| PDF | size | time (median of %d) | peak memory (median) |" % runs)
print("|---|---|---|---|")
for doc, _ in forms["PDF (nianbao's reader)"]:
    times, peaks = [], []
    for _ in range(runs):
        # A fresh child each run: RUSAGE_CHILDREN's maximum is its own.
        probe = subprocess.run(
            [sys.executable, "-c",
             "import resource,subprocess,sys,time\n"
             "t=time.monotonic()\n"
             "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL)\n"
             "print(time.monotonic()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
             nianbao, "import", str(doc), "-o", str(work / "t.toml"), "--force"],
            capture_output=True, text=True, check=True,
        )
        t, kb = probe.stdout.split()
        times.append(float(t))
        peaks.append(int(kb))
    size = doc.stat().st_size // 1024
    print(f"| {doc.name} | {size} KB | {statistics.median(times):.3f} s | "
          f"{statistics.median(peaks) / 1024:.1f} MB |")
PY
