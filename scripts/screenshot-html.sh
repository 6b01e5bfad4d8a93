#!/usr/bin/env bash
# Renders the busy example to HTML (with the chart) and photographs it with
# headless Chromium: docs/images/render-html.png, as shown in the README.
# Needs: apt-get install -y chromium fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/render-html.png}
width=${WIDTH:-1000}
height=${HEIGHT:-3500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -- render examples/busy-city-bureau-2024.toml --chart -o "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --hide-scrollbars \
  --user-data-dir="$work/profile" \
  --window-size="$width,$height" --screenshot="$work/shot.png" \
  "file://$work/report.html" 2>/dev/null
mkdir -p "$(dirname "$out")"
mv "$work/shot.png" "$out"
echo "wrote $out (${width}x${height})"
