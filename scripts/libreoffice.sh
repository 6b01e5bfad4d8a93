# Sourced by the scripts that have LibreOffice (headless) convert a file:
# check-docx-libreoffice.sh, check-compare-docx-libreoffice.sh and
# check-import-roundtrip.sh.

# Stops with status 2, naming the package, when LibreOffice is missing.
require_soffice() {
  if ! command -v soffice >/dev/null; then
    echo "soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui" >&2
    exit 2
  fi
}

# lo_convert WORK FORMAT OUTDIR FILE...: converts the files to FORMAT into
# OUTDIR. The profile is a fresh one in WORK, so that a user's settings or
# a running LibreOffice cannot change the result; LibreOffice's messages go
# to WORK/lo.log and are shown when it fails.
lo_convert() {
  local work=$1 format=$2 outdir=$3
  shift 3
  soffice --headless --norestore "-env:UserInstallation=file://$work/lo-profile" \
    --convert-to "$format" --outdir "$outdir" "$@" >>"$work/lo.log" 2>&1 ||
    { cat "$work/lo.log" >&2; exit 1; }
}
