#!/usr/bin/env bash
# Measures `nianbao compare` (release build), on the pair in
# tests/fixtures/compare/:
#
#   1. one pair, text to standard output, and to HTML, DOCX and xlsx files;
#   2. two folders of N agencies each (each a copy of the pair under its
#      own agency name): text, and the xlsx of every agency, with 2 threads
#      (RAYON_NUM_THREADS=2) and with 1;
#
# each the median of RUNS runs (process start and the written file's fsync
# included), with the peak memory (maximum resident set size, from GNU
# time) of one more run.
#
#   scripts/measure-compare-speed.sh [N] [RUNS]      (default 1000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-5}
cargo build --release --quiet --locked
nianbao=$PWD/target/release/nianbao
pair=(tests/fixtures/compare/last-2023.toml tests/fixtures/compare/this-2024.toml)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$n" "${pair[@]}" <<'PY'
import pathlib, sys
work, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
for year, src in (("2023", sys.argv[3]), ("2024", sys.argv[4])):
    text = pathlib.Path(src).read_text(encoding="utf-8")
    (work / year).mkdir()
    for i in range(n):
        one = text.replace('agency = "示例市自然资源和规划局"', f'agency = "示例市第{i}局"', 1)
        (work / year / f"{i:04}.toml").write_text(one, encoding="utf-8")
PY

# Runs a command RUNS times; prints the median wall time, and the peak memory
# of one more run.
measure() {
  local label=$1; shift
  python3 - "$runs" "$label" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    times.append(time.perf_counter() - start)
    if r.returncode not in (0, 1):
        sys.exit(f"{label}: exit {r.returncode}: {r.stderr}")
# The peak from one more run, under GNU time (which costs time of its own).
r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
peak = int(r.stderr.strip().splitlines()[-1])
ms = statistics.median(times) * 1000
print(f"{label:<44} median {ms:8.1f} ms   peak {peak / 1024:6.1f} MB")
PY
}

measure "one pair, text to standard output" "$nianbao" compare "${pair[@]}"
measure "one pair, text file" "$nianbao" compare "${pair[@]}" -o "$work/one.txt" --force
measure "one pair, HTML" "$nianbao" compare "${pair[@]}" -o "$work/one.html" --force
measure "one pair, DOCX" "$nianbao" compare "${pair[@]}" -o "$work/one.docx" --force
measure "one pair, xlsx" "$nianbao" compare "${pair[@]}" -o "$work/one.xlsx" --force
for threads in 2 1; do
  export RAYON_NUM_THREADS=$threads
  measure "$n pairs, text, $threads thread(s)" "$nianbao" compare "$work/2023" "$work/2024" -o "$work/all.txt" --force
  measure "$n pairs, xlsx, $threads thread(s)" "$nianbao" compare "$work/2023" "$work/2024" -o "$work/all.xlsx" --force
done
