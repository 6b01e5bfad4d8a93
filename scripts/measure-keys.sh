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
# section 三) are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-8}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp examples/kunqu-commerce-2023.toml "$tmp/report.toml"

# The keys: digits of each section 三 input value, Tab or Enter after each.
python3 - "$rows" > "$tmp/keys" <<'PY'
import sys, tomllib
rows = int(sys.argv[1])
data = tomllib.load(open("examples/busy-city-bureau-2024.toml", "rb"))["applications"]
keys, n = [], 0
for row, cells in list(data.items()):
    if row == "total_handled":
        continue
    for col, v in cells.items():
        if col == "total":
            continue
        n += 1
        keys.append(str(v) + ("<Enter>" if n % 4 == 0 else "<Tab>"))
    rows -= 1
    if rows == 0:
        break
print("".join(keys), end="")
PY

summarize() { # $1: json from ptyprobe, $2: keys to skip, $3: label
  python3 - "$1" "$2" "$3" <<'PY'
import json, statistics, sys
keys = json.load(open(sys.argv[1]))["per_key"][int(sys.argv[2]):]
per = [k["bytes"] for k in keys]
digits = [k["bytes"] for k in keys if k["key"].isdigit()]
moves = [k["bytes"] for k in keys if not k["key"].isdigit()]
print(f"{sys.argv[3]}: {len(per)} keys, bytes per key median {statistics.median(per)}, "
      f"mean {statistics.mean(per):.1f}; digits median {statistics.median(digits)}, "
      f"mean {statistics.mean(digits):.1f}; Tab/Enter/Down median {statistics.median(moves)}, "
      f"mean {statistics.mean(moves):.1f}")
PY
}

python3 scripts/ptyprobe.py --cols 80 --rows 24 --json \
  --env LANG=C.UTF-8 \
  --keys "<PgDn><PgDn><PgDn>$(cat "$tmp/keys")" \
  -- target/release/nianbao edit "$tmp/report.toml" > "$tmp/nianbao.json"
summarize "$tmp/nianbao.json" 3 "nianbao edit (section 三, 80x24)"

if command -v dialog >/dev/null; then
  # A form of the same values, one field per table cell, moved through with Down
  # (Enter or Tab would leave dialog's form), sent as a terminal sends it to a
  # curses program (application cursor mode).
  args=()
  python3 - "$rows" > "$tmp/form" <<'PY'
import sys, tomllib
rows = int(sys.argv[1])
data = tomllib.load(open("examples/busy-city-bureau-2024.toml", "rb"))["applications"]
y = 1
for row, cells in data.items():
    if row == "total_handled":
        continue
    for col, v in cells.items():
        if col == "total":
            continue
        print(f"{row[:12]}.{col[:8]}\n{y}\n1\n0\n{y}\n24\n10\n10")
        y += 1
    rows -= 1
    if rows == 0:
        break
PY
  mapfile -t args < "$tmp/form"
  dkeys=$(sed -e 's/<Tab>/<ADown>/g' -e 's/<Enter>/<ADown>/g' "$tmp/keys")
  python3 scripts/ptyprobe.py --cols 80 --rows 24 --json --env LANG=C.UTF-8 \
    --keys "$dkeys" \
    -- dialog --form "section 3" 22 76 16 "${args[@]}" > "$tmp/dialog.json"
  summarize "$tmp/dialog.json" 0 "dialog --form (no totals, 80x24)"
else
  echo "dialog not installed (apt-get install dialog) - comparison skipped"
fi
