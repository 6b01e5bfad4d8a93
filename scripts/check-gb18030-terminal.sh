#!/usr/bin/env bash
# The wizard and plain mode on a real GB18030 terminal: tmux (80x24) running
# `luit -encoding GB18030`, which converts between the UTF-8 of tmux and the
# GB18030 of the program, with LANG=zh_CN.GB18030 as on many Chinese servers.
# Chinese is typed and pasted, the screen read back with capture-pane, and
# the saved file (UTF-8) checked.
#
#   scripts/check-gb18030-terminal.sh [target/debug/nianbao]
#
# Installs luit, tmux and locales when missing (apt-get; Debian's luit
# package, not the older luit of x11-utils, which needs X font encoding
# files), and generates the zh_CN.GB18030 locale with localedef. About 10 s
# once installed (most of it localedef).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/debug/nianbao}")

need=()
dpkg-query -W -f='${Status}' luit 2>/dev/null | grep -q 'install ok installed' || need+=(luit)
command -v tmux >/dev/null || need+=(tmux)
[ -e /usr/share/i18n/locales/zh_CN ] || need+=(locales)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.gb18030'; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo localedef -i zh_CN -f GB18030 zh_CN.GB18030
fi

dir=$(mktemp -d)
socket="nianbao-gb18030-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

# tmux itself speaks UTF-8; luit is the GB18030 terminal inside it.
start() {
  LANG=C.UTF-8 tmux -u -L "$socket" new-session -d -s "$1" -x 80 -y 24 \
    "cd '$dir' && luit -encoding GB18030 -- env LANG=zh_CN.GB18030 TERM=xterm-256color $2; sleep 600"
}

screen() { tmux -L "$socket" capture-pane -p -t "$1"; }

# Waits (up to 10 s) until the pane shows the text.
wait_for() {
  for _ in $(seq 200); do
    screen "$1" | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  echo "FAIL: waited for \"$2\" in $1; the screen:" >&2
  screen "$1" >&2
  exit 1
}

keys() { tmux -L "$socket" send-keys -t "$@"; }

expect_in_file() {
  grep -qF -- "$2" "$dir/$1" || {
    echo "FAIL: $1 lacks $2:" >&2
    cat "$dir/$1" >&2
    exit 1
  }
}

# The wizard: labels, typed Chinese, a bracketed paste, a number.
start wizard "'$bin' edit r.toml"
wait_for wizard "报告信息"
wait_for wizard "机关名称"
keys wizard -l "abc机关"
tmux -L "$socket" set-buffer "甲"
tmux -L "$socket" paste-buffer -p -t wizard
wait_for wizard "abc机关甲"
keys wizard Tab BSpace BSpace BSpace BSpace
keys wizard -l "2024"
keys wizard Tab
wait_for wizard "机关层级"
keys wizard C-q
wait_for wizard "已保存"
expect_in_file r.toml 'agency = "abc机关甲"'
expect_in_file r.toml 'year = 2024'
echo "wizard on a GB18030 terminal: labels, typed and pasted Chinese, saved file: ok"

# Plain mode: the questions in GB18030, the answers taken from it.
start plain "'$bin' edit --plain p.toml"
wait_for plain "机关名称"
keys plain -l "某县交通运输局"
keys plain Enter
wait_for plain "报告年度"
keys plain -l "2024"
keys plain Enter
keys plain -l ":q"
keys plain Enter
wait_for plain "个错误"
expect_in_file p.toml 'agency = "某县交通运输局"'
expect_in_file p.toml 'year = 2024'
if screen plain | grep -qF "不是 UTF-8"; then
  echo "FAIL: plain mode refused GB18030:" >&2
  screen plain >&2
  exit 1
fi
echo "plain mode on a GB18030 terminal: questions, answers, saved file: ok"
