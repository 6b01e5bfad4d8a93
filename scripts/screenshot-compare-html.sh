#!/usr/bin/env bash
# Compares the pair in tests/fixtures/compare/ to HTML and photographs the
# top of it with headless Chromium: docs/images/compare-html.png, as shown
# in docs/GUIDE.md. Needs: apt-get install -y chromium fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/compare-html.png}
width=${WIDTH:-1000}
height=${HEIGHT:-1500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -- compare tests/fixtures/compare/last-2023.toml \
  tests/fixtures/compare/this-2024.toml -o "$work/compare.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --hide-scrollbars \
  --user-data-dir="$work/profile" \
  --window-size="$width,$height" --screenshot="$work/shot.png" \
  "file://$work/compare.html" 2>/dev/null
mkdir -p "$(dirname "$out")"
mv "$work/shot.png" "$out"
echo "wrote $out (${width}x${height})"
