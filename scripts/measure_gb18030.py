#!/usr/bin/env python3
"""The wizard on a GB18030 terminal beside a UTF-8 one, in the same run, at
80x24 in a pseudo-terminal (scripts/ptyprobe.py): the same keys, sent as
GB18030 bytes under LANG=zh_CN.GB18030 and as UTF-8 bytes under
LANG=zh_CN.UTF-8, the two probes taking turns so that both see the same
machine. Figures for docs/PERFORMANCE.md ("GB18030 terminals").

    cargo build --release
    python3 scripts/measure_gb18030.py [--runs 5] [--binary target/release/nianbao]

Per run and encoding:
- section 三: the numbers of the busy example typed into a copy of the
  kunqu example (scripts/measure_speed.py, section3_keys): bytes per key and
  key → first byte back;
- a Chinese character typed at the end of 一、概述 of the busy example:
  bytes per key and key → first byte back (the keys that go through the
  GB18030 decoder in front of the key parser, and the frames that go
  through the encoder).

The figure reported is the median over the runs of each run's figure.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure_speed  # noqa: E402
import ptyprobe  # noqa: E402

ROOT = measure_speed.ROOT
ENCODINGS = {"utf-8": "zh_CN.UTF-8", "gb18030": "zh_CN.GB18030"}


def keys_in(spec, encoding):
    """ptyprobe's keys, each re-encoded as the terminal sends it."""
    out = []
    for kind, val in ptyprobe.parse_keys(spec):
        if kind == "key":
            val = val.decode("utf-8").encode(encoding)
        out.append((kind, val))
    return out


def run_once(binary, tmp, encoding):
    env = [f"LANG={ENCODINGS[encoding]}"]
    out = {}
    typed, _ = measure_speed.section3_keys()
    report = os.path.join(tmp, "kunqu.toml")
    shutil.copy(measure_speed.KUNQU, report)
    r = ptyprobe.probe([binary, "edit", report],
                       keys_in("<PgDn>" * measure_speed.SECTION3_SKIP + typed, encoding), env=env)
    out["s3"] = measure_speed.per_key_stats(r, skip=measure_speed.SECTION3_SKIP)
    busy = os.path.join(tmp, "busy.toml")
    shutil.copy(measure_speed.BUSY, busy)
    r = ptyprobe.probe([binary, "edit", busy],
                       keys_in("<PgDn>" + measure_speed.CHINESE, encoding), env=env)
    out["zh"] = measure_speed.per_key_stats(r, skip=1)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "nianbao"))
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    runs = {e: [] for e in ENCODINGS}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(a.runs):
            for e in ENCODINGS:
                runs[e].append(run_once(binary, tmp, e))

    def fig(e, key, sub):
        return statistics.median(r[key][sub] for r in runs[e])

    print(f"80x24, pseudo-terminal, median of {a.runs} runs")
    print(f"{'':<52} {'UTF-8':>8} {'GB18030':>8}")
    for label, key, sub in [
        ("section 三: bytes per key, median", "s3", "median"),
        ("section 三: bytes per key, mean", "s3", "mean"),
        ("section 三: key → first byte, median ms", "s3", "first_median"),
        ("section 三: key → first byte, p95 ms", "s3", "first_p95"),
        ("Chinese char at end of paragraph: bytes, median", "zh", "median"),
        ("Chinese char at end of paragraph: bytes, mean", "zh", "mean"),
        ("Chinese char: key → first byte, median ms", "zh", "first_median"),
        ("Chinese char: key → first byte, p95 ms", "zh", "first_p95"),
        ("Chinese char: key → CPU used, median ms", "zh", "cpu_median"),
    ]:
        print(f"{label:<52} {measure_speed.fmt(fig('utf-8', key, sub)):>8} "
              f"{measure_speed.fmt(fig('gb18030', key, sub)):>8}")


if __name__ == "__main__":
    main()
