#!/usr/bin/env bash
# How long `nianbao status` takes on a folder of 50 reports: 45 departments
# in their own folders (copies of the busy example), a syntax error, an
# unknown key, totals that do not add up, one report open now (a lock held
# with flock(1), as the wizard holds it) and one stale lock file. Runs the
# table and the JSON 20 times each and prints the fastest and the median
# wall-clock time and the median CPU time (warm file cache), with the load
# average: on a busy machine the CPU time is the steadier figure.
#
#   scripts/measure-status.sh [BINARY]    (default: builds target/release/nianbao)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release --locked --quiet
  bin=target/release/nianbao
fi
bin=$(realpath "$bin")
dir=$(mktemp -d)
holder=""
cleanup() {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

busy=examples/busy-city-bureau-2024.toml
for i in $(seq -w 1 45); do
  mkdir "$dir/dept-$i"
  sed "s/示例市自然资源和规划局/示例县第${i}局/" "$busy" >"$dir/dept-$i/report.toml"
done
printf 'format = "nianbao/1"\n[report\n' >"$dir/syntax.toml"
sed 's/^\[report\]$/[report]\nagnecy = "拼错的键"/' "$busy" >"$dir/unknown-key.toml"
sed '0,/natural = 380 /s//natural = 381 /' "$busy" >"$dir/unbalanced.toml"
cp "$busy" "$dir/live.toml"
cp "$busy" "$dir/stale.toml"
printf '4242@oldhost\n' >"$dir/.stale.toml.lock"
flock "$dir/.live.toml.lock" sleep 600 &
holder=$!

python3 - "$bin" "$dir" <<'EOF'
import os, resource, statistics, subprocess, sys, time
binary, folder = sys.argv[1], sys.argv[2]
found = subprocess.run([binary, "status", "--format", "json", folder], capture_output=True, text=True)
import json
summary = json.loads(found.stdout)["summary"]
assert summary["reports"] == 50, summary
print(f"{binary}: {summary}")
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
for args in ([], ["--format", "json"]):
    times, cpus = [], []
    for _ in range(20):
        c, t = cpu(), time.perf_counter()
        subprocess.run([binary, "status", *args, folder], capture_output=True, check=False)
        times.append((time.perf_counter() - t) * 1000)
        cpus.append((cpu() - c) * 1000)
    name = " ".join(["status", *args, "DIR"])
    print(f"nianbao {name}: 50 reports, wall fastest {min(times):.1f} ms, median "
          f"{statistics.median(times):.1f} ms; CPU (user+sys, all threads) median "
          f"{statistics.median(cpus):.1f} ms (20 runs, load average {os.getloadavg()[0]:.1f})")
EOF
