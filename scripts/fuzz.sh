#!/usr/bin/env bash
# Fuzzes what reads untrusted report files: scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Targets (fuzz/fuzz_targets/, checks in fuzz/checks.rs): toml_loader (bytes
# → report or located problem, printable messages, lossless round trip),
# render (every format of any loadable report: no panic, no markup or control
# character from the text, well-formed DOCX XML) and import (bytes read as a
# published report, text and HTML: no panic, every unplaced value at a real
# position, the 2019 format refused, the result written as TOML that reads
# back equal), docx and pdf (bytes read by the DOCX and PDF readers: no
# panic, the import rules as for text). Default: all five, 60 s each.
#
# Builds with cargo-fuzz (installed when missing; it needs RUSTC_BOOTSTRAP=1
# on a stable toolchain) and starts each target from a seed corpus copied to
# a work folder outside the repository: every input kept in
# fuzz/regressions/TARGET/, and the examples (toml_loader, render) or, for
# import, the published-report fixtures (tests/fixtures/*.txt, *.html) and the
# examples rendered as text, Markdown and HTML (with `cargo run`). A
# dictionary of the format's keys is taken from the examples; import's adds
# the table markup and the labels of the published tables. Nothing is written into the repository except the build in
# fuzz/target/ (ignored by git).
#
# On a crash the input is left in WORK/artifacts/TARGET/ and the script exits
# 1: fix the bug, then copy the input into fuzz/regressions/TARGET/ so that
# `cargo test --test fuzz regressions` keeps checking it.
#
# Environment: FUZZ_WORK=DIR keeps the work folder (and the grown corpus)
# there, to resume a long run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(toml_loader render import docx pdf)

if ! command -v cargo-fuzz >/dev/null; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

work=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/nianbao-fuzz.XXXXXX")}
mkdir -p "$work"

echo "== building the fuzz targets"
start=$(date +%s)
(cd fuzz && cargo fuzz build)
echo "built in $(( $(date +%s) - start )) s"
bin="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"

# Every key and table name of the format, as the examples spell them.
{
  grep -ohE '^[a-z0-9_]+ =' examples/*.toml | sed 's/ =$//'
  grep -ohE '^\[[a-z0-9_.]+\]' examples/*.toml
  printf '%s\n' 'format = "nianbao/1"' '"' "'''" '"""' '\u001b' '\n' '=' '[' ']' '.'
} | sort -u | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' > "$work/toml.dict"
# libFuzzer reads dictionary entries as ASCII: other bytes as \xNN.
{
  cat "$work/toml.dict"
  printf '%s\n' '<table>' '</table>' '<tr>' '</tr>' '<td>' '</td>' '<th>' \
    ' rowspan="2"' ' colspan="3"' '<p>' '<h2>' '|' '（一）' '（七）总计' '合计' \
    '本年新收政府信息公开申请数量' '上年结转政府信息公开申请数量' '行政复议' '行政诉讼' \
    '自然人' '商业企业' '万元' '件' '/' '2019' |
    python3 -c 'import sys
for line in sys.stdin:
    print("\"" + "".join(c if 32 <= ord(c) < 127 and c not in "\"\\" else
                         "".join("\\x%02X" % b for b in c.encode()) for c in line.rstrip("\n")) + "\"")'
} > "$work/import.dict"

status=0
summary=()
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target"
  artifacts="$work/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  if [ "$target" = import ]; then
    for f in tests/fixtures/*.txt tests/fixtures/*.html; do
      case "$f" in *plain-answers*) continue ;; esac
      cp "$f" "$corpus/"
    done
    for e in examples/*.toml; do
      name=$(basename "$e" .toml)
      # Without RUSTC_BOOTSTRAP, which would make cargo rebuild the whole
      # debug build for it.
      for fmt in txt md html; do
        env -u RUSTC_BOOTSTRAP cargo run --quiet -- render "$e" --format "$fmt" \
          > "$corpus/$name.$fmt" || true
      done
      env -u RUSTC_BOOTSTRAP cargo run --quiet -- render "$e" --format html --chart \
        > "$corpus/$name.chart.html" || true
    done
    dict="$work/import.dict"
  elif [ "$target" = docx ] || [ "$target" = pdf ]; then
    # The fixtures, and for docx both examples rendered by `nianbao render`.
    find tests/fixtures -name "*.$target" -exec cp {} "$corpus/" \;
    if [ "$target" = docx ]; then
      for e in examples/*.toml; do
        env -u RUSTC_BOOTSTRAP cargo run --quiet -- render "$e" -o "$corpus/$(basename "$e" .toml).docx" || true
      done
    fi
    dict="$work/import.dict"
  else
    cp examples/*.toml "$corpus/"
    dict="$work/toml.dict"
  fi
  if [ -d "fuzz/regressions/$target" ]; then
    find "fuzz/regressions/$target" -type f ! -name '.*' -exec cp {} "$corpus/" \;
  fi
  log="$work/$target.log"
  echo "== fuzzing $target for $seconds s (log: $log)"
  set +e
  # The binary itself rather than `cargo fuzz run`, which would create
  # fuzz/artifacts/ in the repository.
  "$bin/$target" "$corpus" -max_total_time="$seconds" -dict="$dict" \
      -timeout=10 -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
  code=$?
  set -e
  runs=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
  inputs=$(find "$corpus" -type f | wc -l)
  crashes=$(find "$artifacts" -type f | wc -l)
  summary+=("$target: $runs runs in $seconds s, corpus $inputs inputs, $crashes crash input(s), exit $code")
  if [ "$code" != 0 ] || [ "$crashes" != 0 ]; then
    status=1
    tail -n 40 "$log"
    echo "crash inputs in $artifacts — fix, then copy them to fuzz/regressions/$target/"
  fi
done

echo "== summary (work folder: $work)"
printf '%s\n' "${summary[@]}"
exit $status
