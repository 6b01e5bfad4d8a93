#!/usr/bin/env bash
# Bytes written to the terminal per keystroke while typing numbers into
# section 三 at 80x24, with live totals — and the same for `dialog --form`.
#
#   scripts/measure-keys.sh            # both
#   ROWS=8 scripts/measure-keys.sh     # how many table rows to type (default 8)
#
# Needs python3 and, for the comparison, dialog (Debian: apt-get install dialog).
# The numbers typed are section 三 of examples/busy-city-bureau-2024.toml, typed
# into a copy of examples/kunqu-commerce-2023.toml as a user would: the digits of
# each value, then Tab (every fourth value Enter). The first keys (PgDn to reach
# section 三) are not counted. The typing is the section 三 part of
# scripts/measure_speed.py (section3_probes); this prints it in more detail.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${ROWS:-8}
cargo build --release --quiet
python3 - "$rows" <<'PY'
import shutil, statistics, sys, tempfile
sys.path.insert(0, "scripts")
import measure_speed

def summarize(result, skip, label):
    keys = result["per_key"][skip:]
    per = [k["bytes"] for k in keys]
    digits = [k["bytes"] for k in keys if k["key"].isdigit()]
    moves = [k["bytes"] for k in keys if not k["key"].isdigit()]
    print(f"{label}: {len(per)} keys, bytes per key median {statistics.median(per)}, "
          f"mean {statistics.mean(per):.1f}; digits median {statistics.median(digits)}, "
          f"mean {statistics.mean(digits):.1f}; Tab/Enter/Down median {statistics.median(moves)}, "
          f"mean {statistics.mean(moves):.1f}")

have_dialog = shutil.which("dialog") is not None
with tempfile.TemporaryDirectory() as tmp:
    ours, theirs = measure_speed.section3_probes(
        "target/release/nianbao", tmp, have_dialog, rows=int(sys.argv[1]))
summarize(ours, measure_speed.SECTION3_SKIP, "nianbao edit (section 三, 80x24)")
if theirs:
    summarize(theirs, 0, "dialog --form (no totals, 80x24)")
else:
    print("dialog not installed (apt-get install dialog) - comparison skipped")
PY
