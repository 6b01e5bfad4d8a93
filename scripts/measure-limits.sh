#!/usr/bin/env bash
# Measures what a hostile department's largest inputs cost (docs/RELIABILITY.md,
# "Limits against a careless or hostile department"): 110 MB on stdin to
# plain mode under --confine, and `status` on a folder holding a 110 MB
# report file. Prints wall clock and peak resident set (GNU time -v).
#
#   scripts/measure-limits.sh [BINARY]      (default target/release/nianbao)
#
# Needs python3 and /usr/bin/time (Debian: apt-get install time). Runs as the
# current account: --confine is given a configuration naming it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/nianbao}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
account=$(id -un)
mkdir "$work/dept" "$work/office"
cp examples/busy-city-bureau-2024.toml "$work/dept/report.toml"
printf '[accounts]\n%s = "%s"\n' "$account" "$work/dept" >"$work/departments.toml"

measure() { # label, then the command; stdin as given
  local label=$1
  shift
  /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>&1 || true
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  echo "$label: wall $wall, peak RSS $((rss / 1024)) MB ($rss kB)"
  grep -m1 -E '字符|MiB|characters' "$work/out" | sed 's/^/  said: /' || true
}

python3 -c "import sys; sys.stdout.write('大' * (35 * 1024 * 1024) + '\n:q\n')" >"$work/stdin"
echo "stdin: $(stat -c %s "$work/stdin") bytes on one line, then :q"
measure "plain mode under --confine, 110 MB on stdin (from a pipe)" \
  sh -c "cat '$work/stdin' | SSH_ORIGINAL_COMMAND='edit --plain' '$bin' edit --confine '$work/departments.toml'"
echo "  report.toml after: $(stat -c %s "$work/dept/report.toml") bytes"

cp examples/*.toml "$work/office/"
python3 -c "print('大' * (35 * 1024 * 1024))" >"$work/office/big.toml"
echo "office folder: $(ls "$work/office" | tr '\n' ' ')(big.toml $(stat -c %s "$work/office/big.toml") bytes)"
measure "status on the folder" "$bin" status --lang en "$work/office"
grep -E 'big.toml' "$work/out" | sed 's/^/  said: /'
