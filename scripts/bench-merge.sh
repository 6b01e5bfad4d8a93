#!/usr/bin/env sh
# Times `nianbao merge` on 10,000 generated reports against a plain Python
# tomllib script summing the same files; see benches/merge.rs.
# Usage: scripts/bench-merge.sh [--files N] [--dir DIR] [--runs N]
set -eu
cd "$(dirname "$0")/.."
exec cargo bench --bench merge -- "$@"
