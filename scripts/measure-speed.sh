#!/usr/bin/env bash
# Every speed figure of docs/PERFORMANCE.md's table, at 80x24 in a pseudo-terminal,
# nianbao and dialog --form measured in the same run:
#
#   scripts/measure-speed.sh           # 5 runs, the median of each figure
#   RUNS=9 scripts/measure-speed.sh
#
# Needs python3 ≥ 3.11 and, for the comparison, dialog (Debian: apt-get
# install dialog). What is measured, and how, is described at the top of
# scripts/measure_speed.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec python3 scripts/measure_speed.py --runs "${RUNS:-5}" --binary target/release/nianbao
