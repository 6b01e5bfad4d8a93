#!/usr/bin/env bash
# The portable release: one nianbao binary for x86_64 Linux that runs on
# glibc 2.17 and later (CentOS 7, 麒麟 V10, 统信 UOS, Debian, Ubuntu …),
# with shell completions, man pages and the deployment files beside it.
#
#   scripts/dist.sh              build, check, package; prints what it made
#   scripts/dist.sh --arch aarch64
#                                the same for 64-bit ARM (鲲鹏, 飞腾), its
#                                checks run under qemu-user with Debian's
#                                arm64 C library (docs/DEPLOY.md)
#
# How: cargo-zigbuild links against zig's glibc 2.17 stubs
# (--target x86_64-unknown-linux-gnu.2.17); zig comes from the `ziglang`
# package on PyPI. Both are installed under target/dist-tools/ on first use
# (not system-wide); what else is missing (objdump, tmux, pip; for another
# processor qemu-user and its C library) comes from apt-get. Then:
#   - objdump -T: no symbol may need a GLIBC version newer than 2.17;
#   - the binary runs: --version, check and status on the examples, render
#     (HTML, text, DOCX), plain mode with an answer piped in, and a short
#     wizard session in tmux (type an agency, Ctrl+Q, the file holds it);
#   - completions and man pages (cargo run --example dist-docs), the
#     deployment files, a tar.gz of it all.
# Timings: docs/DEPLOY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

arch=x86_64
if [ "${1:-}" = "--arch" ]; then
  arch=${2:?--arch needs x86_64 or aarch64}
fi
case $arch in
  x86_64 | aarch64) ;;
  *) echo "dist.sh: --arch must be x86_64 or aarch64, not $arch" >&2; exit 2 ;;
esac
GLIBC=2.17
RUST_TARGET=$arch-unknown-linux-gnu
ZIGLANG_VERSION=0.15.2
ZIGBUILD_VERSION=0.24.1
tools=$PWD/target/dist-tools
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
name=nianbao-$version-$arch-linux-gnu
out=$PWD/target/dist/$name

say() { printf '== %s\n' "$*"; }
fail() { printf 'dist.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  say "apt-get install $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
# Runs the built file: directly, or under qemu-user for another processor.
run=()
if [ "$arch" != "$(uname -m)" ]; then
  run=("qemu-$arch" -L "/usr/$arch-linux-gnu")
fi
need=()
if [ ${#run[@]} -gt 0 ]; then
  command -v "qemu-$arch" >/dev/null || need+=(qemu-user)
  [ -e "/usr/$arch-linux-gnu/lib/libc.so.6" ] || need+=("libc6-${arch/aarch64/arm64}-cross")
fi
command -v objdump >/dev/null || need+=(binutils)
command -v tmux >/dev/null || need+=(tmux)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
command -v cargo >/dev/null || fail "cargo not found: install Rust with rustup first"

zig=$tools/ziglang/ziglang/zig
if [ ! -x "$zig" ]; then
  say "zig $ZIGLANG_VERSION from PyPI (ziglang) into target/dist-tools/ziglang"
  # --target installs into a folder of our own, beside any system Python.
  python3 -m pip install --quiet --root-user-action=ignore --target "$tools/ziglang" "ziglang==$ZIGLANG_VERSION"
fi
zigbuild=$tools/bin/cargo-zigbuild
if [[ $("$zigbuild" --version 2>/dev/null) != *" $ZIGBUILD_VERSION" ]]; then
  say "cargo-zigbuild $ZIGBUILD_VERSION from crates.io into target/dist-tools"
  cargo install --quiet --locked --root "$tools" --version "$ZIGBUILD_VERSION" cargo-zigbuild
fi
if command -v rustup >/dev/null && [[ $'\n'$(rustup target list --installed)$'\n' != *$'\n'"$RUST_TARGET"$'\n'* ]]; then
  say "rustup target add $RUST_TARGET"
  rustup target add "$RUST_TARGET"
fi
tools_done=$SECONDS

# ---------------------------------------------------------------- build
say "cargo zigbuild --release --target $RUST_TARGET.$GLIBC (zig $("$zig" version))"
export CARGO_ZIGBUILD_ZIG_PATH=$zig
# Stripped: the symbols are for debugging, not for the servers.
CARGO_PROFILE_RELEASE_STRIP=symbols \
  "$zigbuild" zigbuild --quiet --release --locked --bin nianbao --target "$RUST_TARGET.$GLIBC"
built=target/$RUST_TARGET/release/nianbao
[ -x "$built" ] || fail "no binary at $built"
build_done=$SECONDS

# ---------------------------------------------------------------- checks
say "objdump -T: the newest GLIBC symbol version needed"
newest=$(objdump -T "$built" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
[ -n "$newest" ] || fail "objdump -T found no GLIBC symbols in $built"
if [ "$(printf '%s\n%s\n' "$newest" "$GLIBC" | sort -V | tail -1)" != "$GLIBC" ]; then
  objdump -T "$built" | grep "GLIBC_$newest" >&2
  fail "needs GLIBC_$newest, newer than $GLIBC"
fi
echo "newest needed: GLIBC_$newest (allowed: $GLIBC)"

scratch=$(mktemp -d)
session=""
cleanup() {
  [ -n "$session" ] && tmux -S "$scratch/tmux.sock" kill-server 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

nb() { ${run[@]+"${run[@]}"} "$built" "$@"; }
say "running the built file${run[*]:+ under ${run[*]}}"
{
  reported=$(nb --version)
  [ "$reported" = "nianbao $version" ] || fail "--version says '$reported', not 'nianbao $version'"
  echo "--version: $reported"
  nb check examples/*.toml >"$scratch/check.txt" || fail "check failed: $(cat "$scratch/check.txt")"
  echo "check examples/*.toml: $(tail -1 "$scratch/check.txt")"
  nb status examples >"$scratch/status.txt" || fail "status failed: $(cat "$scratch/status.txt")"
  echo "status examples: $(tail -1 "$scratch/status.txt")"
  for format in html txt docx; do
    nb render examples/busy-city-bureau-2024.toml --format $format -o "$scratch/report.$format"
    [ -s "$scratch/report.$format" ] || fail "render --format $format wrote nothing"
  done
  grep -q "示例市自然资源和规划局" "$scratch/report.html" || fail "the HTML lacks the agency"
  echo "render html, txt, docx: $(wc -c <"$scratch/report.html") + $(wc -c <"$scratch/report.txt") + $(wc -c <"$scratch/report.docx") bytes"

  say "plain mode, an answer piped in"
  printf '分发检查局\n' | nb edit --plain "$scratch/plain.toml" >"$scratch/plain.txt" ||
    fail "plain mode failed: $(tail -3 "$scratch/plain.txt")"
  grep -q '^agency = "分发检查局"' "$scratch/plain.toml" || fail "plain mode did not save the answer"
  echo "$(tail -1 "$scratch/plain.txt")"

  say "a short wizard session in tmux (80x24)"
  session=dist
  tmx() { tmux -u -S "$scratch/tmux.sock" -f /dev/null "$@"; }
  # Waits for any of the texts; prints the one that appeared.
  wait_screen() {
    local deadline=$((SECONDS + 20)) screen text
    while :; do
      screen=$(tmx capture-pane -p -t $session)
      for text in "$@"; do
        [[ $screen == *"$text"* ]] && { echo "$text"; return; }
      done
      [ $SECONDS -lt $deadline ] || fail "the wizard never showed '$1':
$screen"
      sleep 0.05
    done
  }
  wizard=$(printf '%q ' ${run[@]+"${run[@]}"} "$PWD/$built" edit "$scratch/typed.toml")
  LANG=C.UTF-8 tmx new-session -d -s $session -x 80 -y 24 \
    "$wizard; echo \$? >'$scratch/exit'; sleep 30"
  # qemu-user 7.2 (Debian 12) does not implement the TCGETS2 ioctl with
  # which the wizard reads the terminal's settings: "os error 38".
  seen=$(wait_screen "机关名称" "(os error 38)")
  if [ "$seen" != "机关名称" ] && [ ${#run[@]} -gt 0 ]; then
    echo "not run: ${run[0]} $("${run[0]}" --version | sed -n '1s/.*version \([0-9.]*\).*/\1/p')" \
      "lacks the TCGETS2 ioctl the wizard's terminal setup uses; run it on the machine itself"
  else
    tmx send-keys -t $session -l "分发检查局"
    wait_screen "分发检查局" >/dev/null
    tmx send-keys -t $session Tab
    tmx send-keys -t $session C-q
    deadline=$((SECONDS + 20))
    until [ -s "$scratch/exit" ]; do
      [ $SECONDS -lt $deadline ] || fail "the wizard did not exit after Ctrl+Q"
      sleep 0.05
    done
    [ "$(cat "$scratch/exit")" = 0 ] || fail "the wizard exited with $(cat "$scratch/exit")"
    grep -q '^agency = "分发检查局"' "$scratch/typed.toml" || fail "the typed agency was not saved"
    echo "typed 分发检查局, Ctrl+Q: exit 0, saved"
  fi
}

# ---------------------------------------------------------------- package
say "completions, man pages, deployment files"
rm -rf "$out" "$out.tar.gz"
mkdir -p "$out"
cp "$built" "$out/nianbao"
cargo run --quiet --locked --example dist-docs -- "$out" >/dev/null
cp -r deploy "$out/deploy"
cp README.md "$out/"
cp docs/DEPLOY.md docs/STATUS.md docs/FORMAT.md "$out/"
tar -C "$(dirname "$out")" -czf "$out.tar.gz" "$name"

bytes=$(stat -c %s "$out/nianbao")
echo
echo "binary:  $out/nianbao ($bytes bytes, $arch, glibc >= $GLIBC; newest symbol GLIBC_$newest)"
echo "package: $out.tar.gz ($(stat -c %s "$out.tar.gz") bytes)"
echo "time:    $((SECONDS - started)) s (tools $((tools_done - started)) s, build $((build_done - tools_done)) s, checks and package $((SECONDS - build_done)) s)"
