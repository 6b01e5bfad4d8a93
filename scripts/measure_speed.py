#!/usr/bin/env python3
"""Every speed figure of docs/PERFORMANCE.md, for nianbao and dialog in the same run,
at 80x24 in a pseudo-terminal (scripts/ptyprobe.py). Run it with
scripts/measure-speed.sh, which builds the release binary first.

    python3 scripts/measure_speed.py [--runs 5] [--binary target/release/nianbao]

Per run:
- bytes per keystroke typing the section 三 numbers of the busy example into
  a copy of the kunqu example (as scripts/measure-keys.sh), and dialog --form
  with the same values (one field per cell, no totals);
- bytes per Chinese character typed at the end of a paragraph (一、概述 of the
  busy example), and dialog typing the same characters at the end of a
  form field holding that paragraph;
- keystroke → first byte back (median and 95th percentile) while typing into
  section 三 (each key revalidates every table and redraws), and while typing
  a sentence with numbers at the end of 一、依申请公开情况 of the busy example,
  a text that already states its numbers (each key re-reads every text
  against the tables: the review rules of src/review); and the CPU
  time each key costs and the time the program waited for a CPU, from
  /proc/PID/task/*/schedstat;
- start → first full frame: the time from the fork to the last byte written
  before the first 150 ms without output, and those bytes; for a new
  report, the busy example (opens on 报告信息), the busy example reopened
  in section 三, and the dialog form; and /bin/echo, what starting any
  program costs in this harness;
- peak memory: the wizard's VmHWM (peak resident set) from /proc just
  before it is told to quit, after the whole busy report was typed;
- the keystrokes that enter the busy example into an empty report: the
  shortest sequence of documented keys this script can derive, typed into
  the wizard, the saved file compared with the example; against a
  spreadsheet's count (digits + one key per cell moved).

The figure reported is the median over the runs of each run's figure.

    python3 scripts/measure_speed.py --callgrind OUT [--binary …]

instead counts instructions: the section 三 typing above (start, PgDn to 三,
the keys, Ctrl+Q) run once under valgrind's callgrind into OUT, and the
functions that take the most, inclusive, printed (callgrind_annotate).

    python3 scripts/measure_speed.py --against OTHER [--runs 5] [--binary …]

types the section 三 session into OTHER and the binary by turns, --runs
sessions each, and prints for each, over all its keys and by kind of key,
key → first byte and CPU per key (median and 95th percentile): two builds
compared on the same machine minute.

    python3 scripts/measure_speed.py --under 'strace -f -c -o OUT' [--binary …]

runs the same session once with the wizard started by the given command
(strace, `perf stat`, `perf record`) and prints key → first byte and CPU per
key for digits and for Tab and Enter, and the slowest keys.
"""
import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptyprobe  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUSY = os.path.join(ROOT, "examples", "busy-city-bureau-2024.toml")
KUNQU = os.path.join(ROOT, "examples", "kunqu-commerce-2023.toml")
ENV = ["LANG=C.UTF-8"]
STARTS_PER_RUN = 5
# Typed at the end of 一、概述: 40 characters, no punctuation that a wrap
# would treat differently.
CHINESE = "我局将继续深化政府信息公开工作以公开促落实以公开促规范以公开促服务切实保障人民群众知情权"
# Typed at the end of 一、依申请公开情况 (which states 512, 27, 511, 28): a
# sentence whose numbers the review rules tie to the tables as it is typed.
WITH_NUMBERS = "其中办结511件，全年收到申请539件，被提起行政诉讼15件，行政复议15件。"


def median(xs):
    return statistics.median(xs) if xs else None


# --- the report as the wizard walks it -------------------------------------

class Item:
    """One thing a user fills in, in the order of the file (which is the
    wizard's reading order: the file is written walking the same schema)."""

    def __init__(self, step, path, value, kind, options=()):
        self.step, self.path, self.value, self.kind, self.options = step, path, value, kind, options

    def empty(self):
        return self.value in ("", 0, "0")


def items_of(path):
    """The fields and input cells of a canonical report file, in order.
    Steps are the `# ==== … ====` headings; a table's header line carries
    its label as a comment, a field set's does not; totals are marked
    （自动计算）; a choice lists its options in its comment."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    items, step, section, is_table, in_text = [], -1, None, False, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if in_text:
                in_text = '"""' not in line
                continue
            if line.startswith("# ===="):
                step += 1
                continue
            m = re.match(r"\[([^\]]+)\](.*)", line)
            if m:
                section, is_table = m.group(1), "#" in m.group(2)
                continue
            m = re.match(r"([A-Za-z0-9_]+) = (.*)", line)
            if not m or section is None or step < 0:
                continue
            key, rest = m.groups()
            if rest.startswith('"""') and rest.count('"""') == 1:
                in_text = True
            comment = rest.split("#", 1)[1] if "#" in rest else ""
            if "（自动计算）" in comment:
                continue
            value = data
            for part in section.split(".") + [key]:
                value = value[part]
            if is_table:
                items.append(Item(step, f"{section}.{key}", value, "cell"))
            elif " | " in comment:
                options = comment.split("：", 1)[1].strip().split(" | ")
                items.append(Item(step, f"{section}.{key}", value, "choice", options))
            elif isinstance(value, int):
                items.append(Item(step, f"{section}.{key}", value, "year"))
            else:
                items.append(Item(step, f"{section}.{key}", value, "text"))
    return items


def key_text(s):
    """Text as ptyprobe keys: a line break is Enter, `<` is <lt>."""
    return s.replace("<", "<lt>").replace("\n", "<Enter>")


def entry_keys(items, default_year):
    """The shortest key sequence this script knows that enters `items` into
    an empty report: each value typed, Tab to the next item, PgDn to the
    next step when that is shorter than the Tabs over empty items. Returns
    the key string and a breakdown of the count."""
    keys, count = [], {"text": 0, "year_choice": 0, "table_digits": 0,
                       "table_moves": 0, "field_moves": 0}
    first_of_step = {}
    for i, it in enumerate(items):
        first_of_step.setdefault(it.step, i)
    at = 0  # the wizard starts on the first item
    todo = [i for i, it in enumerate(items) if not it.empty()]
    for j in todo:
        # Move from `at` to j.
        tabs = j - at
        moves, how = tabs, "<Tab>" * tabs
        if items[j].step > items[at].step:
            pgdn = items[j].step - items[at].step
            alt = pgdn + (j - first_of_step[items[j].step])
            if alt < moves:
                moves = alt
                how = "<PgDn>" * pgdn + "<Tab>" * (j - first_of_step[items[j].step])
        keys.append(how)
        # A move onto a cell is the table's (as a spreadsheet's move onto it).
        kind = "table_moves" if items[j].kind == "cell" else "field_moves"
        count[kind] += moves
        at = j
        it = items[j]
        if it.kind == "text":
            keys.append(key_text(it.value))
            count["text"] += len(it.value)  # a line break is one Enter
        elif it.kind == "cell":
            keys.append(str(it.value))
            count["table_digits"] += len(str(it.value))
        elif it.kind == "year":
            have, want = str(default_year), str(it.value)
            same = len(os.path.commonprefix([have, want]))
            keys.append("<BS>" * (len(have) - same) + want[same:])
            count["year_choice"] += len(have) - same + len(want) - same
        elif it.kind == "choice":
            # Position 0 is "not chosen"; Right goes forward, Left back.
            n = len(it.options) + 1
            pos = it.options.index(it.value) + 1
            right, left = pos, n - pos
            keys.append("<Right>" * right if right <= left else "<Left>" * left)
            count["year_choice"] += min(right, left)
    return "".join(keys), count


def spreadsheet_count(items):
    """The tables in a spreadsheet laid out like them, totals as formulas:
    the digits of every value + one key per input cell moved onto."""
    cells = [it for it in items if it.kind == "cell"]
    digits = sum(len(str(it.value)) for it in cells if not it.empty())
    return digits + len(cells), digits, len(cells)


# --- the measurements ------------------------------------------------------

def section3_keys(rows=8):
    """The section 三 numbers of the busy example (the first `rows` rows),
    typed as a user would: digits, then Tab (every fourth value Enter)."""
    with open(BUSY, "rb") as f:
        data = tomllib.load(f)["applications"]
    keys, n, fields = [], 0, []
    for row, cells in list(data.items()):
        if row == "total_handled":
            continue
        for col, v in cells.items():
            if col == "total":
                continue
            n += 1
            keys.append(str(v) + ("<Enter>" if n % 4 == 0 else "<Tab>"))
            fields.append((f"{row[:12]}.{col[:8]}", len(fields) + 1))
        rows -= 1
        if rows == 0:
            break
    return "".join(keys), fields


# The keys that reach section 三 before the measured ones (not counted).
SECTION3_SKIP = 3


def section3_probes(binary, tmp, have_dialog, rows=8):
    """Types the section 三 numbers ([`section3_keys`]) into the wizard on a
    copy of the kunqu example (after PgDn three times, SECTION3_SKIP keys)
    and, when dialog is installed, into a dialog --form of the same values:
    one field per cell, moved through with Down (Enter or Tab would leave the
    form), sent in application cursor mode as a terminal sends it to a
    curses program. The two probe results; dialog's is None without it."""
    typed, fields = section3_keys(rows)
    report = os.path.join(tmp, "kunqu.toml")
    shutil.copy(KUNQU, report)
    keys = ptyprobe.parse_keys
    ours = ptyprobe.probe([binary, "edit", report],
                          keys("<PgDn>" * SECTION3_SKIP + typed), env=ENV)
    theirs = None
    if have_dialog:
        dkeys = typed.replace("<Tab>", "<ADown>").replace("<Enter>", "<ADown>")
        theirs = ptyprobe.probe(section3_dialog(fields), keys(dkeys), env=ENV)
    return ours, theirs


def section3_dialog(fields):
    """The dialog --form command with one field per section 三 cell."""
    form = []
    for label, y in fields:
        form += [label, str(y), "1", "0", str(y), "24", "10", "10"]
    return ["dialog", "--form", "section 3", "22", "76", "16"] + form


def per_key_stats(result, skip=0, only=None):
    keys = result["per_key"][skip:]
    if only:
        keys = [k for k in keys if only(k["key"])]
    per = [k["bytes"] for k in keys]
    firsts = sorted(k["first_ms"] for k in keys if k["first_ms"] is not None)
    cpu = sorted(k["cpu_ms"] for k in keys if k.get("cpu_ms") is not None)
    wait = sorted(k["cpu_wait_ms"] for k in keys if k.get("cpu_wait_ms") is not None)
    return {
        "median": median(per), "mean": statistics.mean(per) if per else None,
        "max": max(per) if per else None,
        "first_median": median(firsts),
        "first_p95": ptyprobe.percentile(firsts, 95) if firsts else None,
        "cpu_median": median(cpu),
        "cpu_p95": ptyprobe.percentile(cpu, 95) if cpu else None,
        "wait_p95": ptyprobe.percentile(wait, 95) if wait else None,
    }


def run_once(binary, tmp, have_dialog):
    out = {}
    probe = ptyprobe.probe
    keys = ptyprobe.parse_keys

    # Section 三: bytes per key and key → first byte.
    ours, theirs = section3_probes(binary, tmp, have_dialog)
    out["s3"] = per_key_stats(ours, skip=SECTION3_SKIP)
    out["s3_peak_kb"] = ours["peak_memory_kb"]
    if theirs:
        out["d_s3"] = per_key_stats(theirs)

    # A Chinese character at the end of a paragraph.
    busy = os.path.join(tmp, "busy.toml")
    shutil.copy(BUSY, busy)
    r = probe([binary, "edit", busy], keys("<PgDn>" + CHINESE), env=ENV)
    out["zh"] = per_key_stats(r, skip=1)
    if have_dialog:
        with open(BUSY, "rb") as f:
            summary = tomllib.load(f)["overview"]["summary"]
        r = probe(["dialog", "--form", "一、总体情况", "22", "76", "16",
                   "概述", "1", "1", summary, "1", "10", "60", "400"],
                  keys("<AEnd>" + CHINESE), env=ENV)
        out["d_zh"] = per_key_stats(r, skip=1)

    # Section 一: a sentence with numbers typed into 依申请公开情况 (PgDn to
    # 一 lands on 概述; two Tabs reach it, the caret at its end).
    shutil.copy(BUSY, busy)
    r = probe([binary, "edit", busy], keys("<PgDn><Tab><Tab>" + WITH_NUMBERS), env=ENV)
    out["s1"] = per_key_stats(r, skip=3)

    # Start → first full frame. /bin/echo is what starting any program in
    # this harness costs (fork of the probe, exec, the first byte back).
    # The fullest first screen: the busy example reopened in section 三.
    with open(BUSY, encoding="utf-8") as f:
        in_s3 = f.read().replace('format = "nianbao/1"\n', 'format = "nianbao/1"\n\n[meta]\n'
                                 'resume_at = "applications.granted.natural"\n', 1)
    starts = {"new": [], "busy": [], "s3": [], "dialog": [], "echo": []}
    for i in range(STARTS_PER_RUN):
        new = os.path.join(tmp, f"new{i}.toml")
        starts["new"].append(probe([binary, "edit", new], [], env=ENV))
        shutil.copy(BUSY, busy)
        starts["busy"].append(probe([binary, "edit", busy], [], env=ENV))
        with open(busy, "w", encoding="utf-8") as f:
            f.write(in_s3)
        starts["s3"].append(probe([binary, "edit", busy], [], env=ENV))
        starts["echo"].append(probe(["/bin/echo", "x"], [], env=ENV))
        if have_dialog:
            starts["dialog"].append(probe(section3_dialog(section3_keys()[1]), [], env=ENV))
    for x in starts["new"] + starts["busy"] + starts["s3"]:
        # The first screen is one synchronized frame: it must be whole.
        if not x["startup_tail"].endswith("\x1b[?2026l"):
            raise SystemExit(f"the first screen did not end with a whole frame: {x['startup_tail']!r}")
    for name, rs in starts.items():
        if rs:
            out[f"start_{name}_ms"] = median([x["startup_ms"] for x in rs])
            out[f"start_{name}_bytes"] = median([x["startup_bytes"] for x in rs])
            out[f"start_{name}_cpu"] = median([x["startup_cpu_ms"] for x in rs])
            out[f"start_{name}_wait"] = median([x["startup_cpu_wait_ms"] for x in rs])
    return out


def keystroke_count(binary, tmp):
    """Types the busy example into an empty report with the derived key
    sequence and checks the result. Returns (count, breakdown, spreadsheet,
    peak memory in KiB)."""
    probe, keys = ptyprobe.probe, ptyprobe.parse_keys
    blank = os.path.join(tmp, "blank.toml")
    probe([binary, "edit", blank], keys("<C-q>"), env=ENV)
    with open(blank, "rb") as f:
        default_year = tomllib.load(f)["report"]["year"]
    os.remove(blank)
    items = items_of(BUSY)
    spec, count = entry_keys(items, default_year)
    sent = keys(spec)
    # Fast: the keys queue up in order; the file is checked afterwards.
    r = probe([binary, "edit", blank], sent, quiet_ms=2, env=ENV)
    with open(blank, "rb") as f:
        typed = tomllib.load(f)
    with open(BUSY, "rb") as f:
        example = tomllib.load(f)
    typed.pop("meta", None)
    example.pop("meta", None)
    if typed != example:
        diff = [k for k in example if typed.get(k) != example[k]]
        raise SystemExit(f"the typed report differs from the example in {diff}; keys: {spec[:300]}…")
    total = sum(count.values())
    if total != len(sent):
        raise SystemExit(f"counted {total} keys but sent {len(sent)}")
    return total, count, spreadsheet_count(items), r["peak_memory_kb"]


def callgrind(binary, out):
    """The section 三 session under callgrind; prints the costliest functions."""
    import subprocess
    typed, _ = section3_keys()
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "kunqu.toml")
        shutil.copy(KUNQU, report)
        keys = ptyprobe.parse_keys("<PgDn>" * SECTION3_SKIP + typed + "<C-q>")
        # Slowed down some fifty times: wait longer for each key's output.
        r = ptyprobe.probe(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                            binary, "edit", report], keys, env=ENV,
                           quiet_ms=400, start_quiet_ms=3000)
    print(f"{len(r['per_key'])} keys; {out}")
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", out],
                          capture_output=True, text=True, check=True).stdout
    wanted = ("PROGRAM TOTALS", "Terminal<B>>::try_draw", "nianbao::tui::view::draw ",
              "App::update ", "App::refresh_problems ", "validate::", "Saver::save ",
              "toml_write::write ")
    for line in text.splitlines():
        if any(w in line for w in wanted):
            print(line[:140])


def under(binary, wrapper):
    """The section 三 session (start, PgDn to 三, the keys, Ctrl+Q) once, the
    wizard started by `wrapper` (such as `strace -f -c -o OUT` or `perf stat
    -o OUT`), and per kind of key — a digit, or Tab and Enter, which confirm
    a value and autosave after the frame — key → first byte and CPU per key,
    and the slowest keys."""
    import shlex
    typed, _ = section3_keys()
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "kunqu.toml")
        shutil.copy(KUNQU, report)
        keys = ptyprobe.parse_keys("<PgDn>" * SECTION3_SKIP + typed + "<C-q><sleep:500>")
        r = ptyprobe.probe(shlex.split(wrapper) + [binary, "edit", report], keys, env=ENV)
    measured = [k for k in r["per_key"][SECTION3_SKIP:] if k["key"] != "\x11"]
    kinds = {}
    for k in measured:
        kinds.setdefault("digit" if k["key"].isdigit() else "Tab or Enter", []).append(k)
    for kind, ks in kinds.items():
        first = [k["first_ms"] for k in ks if k["first_ms"] is not None]
        cpu = [k["cpu_ms"] for k in ks if k["cpu_ms"] is not None]
        print(f"{kind}: {len(ks)} keys; key → first byte median {fmt(median(first))} ms, "
              f"max {fmt(max(first))} ms; CPU median {fmt(median(cpu))} ms")
    slow = sorted(measured, key=lambda k: -(k["first_ms"] or 0))[:6]
    print("slowest: " + ", ".join(f"{k['key']!r} {fmt(k['first_ms'])} ms (CPU {fmt(k['cpu_ms'])})"
                                  for k in slow))


def against(binary, other, sessions):
    """The section 三 session (start, PgDn to 三, the keys, Ctrl+Q) typed into
    both builds in turn, `sessions` times each, so that both see the same
    machine; per build, over all its keys: key → first byte median and 95th
    percentile and CPU per key median and 95th percentile, then the same by
    kind of key (a digit; Tab or Enter, which confirm and autosave)."""
    typed, _ = section3_keys()
    keys = ptyprobe.parse_keys("<PgDn>" * SECTION3_SKIP + typed + "<C-q>")
    seen = {b: [] for b in (other, binary)}
    for _ in range(sessions):
        for b in seen:
            with tempfile.TemporaryDirectory() as tmp:
                report = os.path.join(tmp, "kunqu.toml")
                shutil.copy(KUNQU, report)
                r = ptyprobe.probe([b, "edit", report], keys, env=ENV)
            seen[b] += [k for k in r["per_key"][SECTION3_SKIP:] if k["key"] != "\x11"]

    def line(ks):
        first = sorted(k["first_ms"] for k in ks if k["first_ms"] is not None)
        cpu = sorted(k["cpu_ms"] for k in ks if k["cpu_ms"] is not None)
        return (f"first byte {fmt(median(first))} / p95 {fmt(ptyprobe.percentile(first, 95))} ms, "
                f"CPU {fmt(median(cpu))} / p95 {fmt(ptyprobe.percentile(cpu, 95))} ms")

    print(f"section 三, {sessions} sessions each, taking turns; median / p95")
    for b, ks in seen.items():
        print(f"{b}: {len(ks)} keys: {line(ks)}")
        print(f"  digits: {line([k for k in ks if k['key'].isdigit()])}")
        print(f"  Tab or Enter: {line([k for k in ks if not k['key'].isdigit()])}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "nianbao"))
    ap.add_argument("--callgrind", metavar="OUT", help="count instructions instead (valgrind)")
    ap.add_argument("--under", metavar="WRAPPER",
                    help="the section 三 session once under WRAPPER (strace, perf), by kind of key")
    ap.add_argument("--against", metavar="OTHER",
                    help="the section 三 session in OTHER and --binary by turns (--runs sessions each)")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    if a.against:
        return against(binary, os.path.abspath(a.against), a.runs)
    if a.under:
        return under(binary, a.under)
    if a.callgrind:
        return callgrind(binary, os.path.abspath(a.callgrind))
    have_dialog = shutil.which("dialog") is not None
    if not have_dialog:
        print("dialog is not installed (Debian: apt-get install dialog): no comparison")
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        total, count, (sheet, sheet_digits, cells), peak = keystroke_count(binary, tmp)
        for _ in range(a.runs):
            runs.append(run_once(binary, tmp, have_dialog))

    def fig(key, sub=None):
        vals = [r[key][sub] if sub else r[key] for r in runs if key in r]
        return median(vals) if vals else None

    def show(label, nb, dl, goal):
        print(f"{label:<44} {fmt(nb):>10} {fmt(dl):>10}   {goal}")

    print(f"80x24, pseudo-terminal, median of {a.runs} runs")
    print(f"{'':<44} {'nianbao':>10} {'dialog':>10}   goal")
    show("section 三: bytes per key, median", fig("s3", "median"), fig("d_s3", "median"), "≤ 40")
    show("section 三: bytes per key, mean", fig("s3", "mean"), fig("d_s3", "mean"), "")
    show("Chinese char at end of paragraph: bytes, median", fig("zh", "median"), fig("d_zh", "median"), "≤ 20")
    show("Chinese char at end of paragraph: bytes, mean", fig("zh", "mean"), fig("d_zh", "mean"), "")
    show("Chinese char at end of paragraph: bytes, max", fig("zh", "max"), fig("d_zh", "max"), "")
    show("key → first byte (section 三), median ms", fig("s3", "first_median"), fig("d_s3", "first_median"), "")
    show("key → first byte (section 三), p95 ms", fig("s3", "first_p95"), fig("d_s3", "first_p95"), "≤ 1")
    show("key → first byte (section 一, text with numbers), median ms", fig("s1", "first_median"), None, "")
    show("key → first byte (section 一, text with numbers), p95 ms", fig("s1", "first_p95"), None, "≤ 1")
    show("key → CPU used (section 一, text with numbers), p95 ms", fig("s1", "cpu_p95"), None, "")
    show("key → waiting for a CPU (section 一), p95 ms", fig("s1", "wait_p95"), None, "")
    show("key → CPU used (section 三, incl. autosave), median ms", fig("s3", "cpu_median"),
         fig("d_s3", "cpu_median"), "")
    show("key → CPU used (section 三, incl. autosave), p95 ms", fig("s3", "cpu_p95"),
         fig("d_s3", "cpu_p95"), "")
    show("key → waiting for a CPU (section 三), p95 ms", fig("s3", "wait_p95"),
         fig("d_s3", "wait_p95"), "")
    show("start → first full frame, new report, ms", fig("start_new_ms"), fig("start_dialog_ms"), "≤ 5")
    show("  of which CPU, ms", fig("start_new_cpu"), fig("start_dialog_cpu"), "")
    show("  of which waiting for a CPU, ms", fig("start_new_wait"), fig("start_dialog_wait"), "")
    show("first full frame, new report, bytes", fig("start_new_bytes"), fig("start_dialog_bytes"), "≤ 6 KB")
    show("start → first full frame, busy example, ms", fig("start_busy_ms"), None, "≤ 5")
    show("  of which CPU, ms", fig("start_busy_cpu"), None, "")
    show("  of which waiting for a CPU, ms", fig("start_busy_wait"), None, "")
    show("first full frame, busy example, bytes", fig("start_busy_bytes"), None, "≤ 6 KB")
    show("start → first full frame, busy example in 三, ms", fig("start_s3_ms"), None, "≤ 5")
    show("first full frame, busy example in 三, bytes", fig("start_s3_bytes"), None, "≤ 6 KB")
    show("/bin/echo: start → its output, ms (harness)", fig("start_echo_ms"), None, "")
    show("  of which CPU, ms", fig("start_echo_cpu"), None, "")
    show("  of which waiting for a CPU, ms", fig("start_echo_wait"), None, "")
    peak_mb = max(x for x in [peak, fig("s3_peak_kb")] if x) / 1024
    show("peak memory (VmHWM), MB", peak_mb, None, "≤ 10")
    print(f"keystrokes to enter the busy example from empty: {total} "
          f"(text {count['text']} characters, year and choice {count['year_choice']}, "
          f"moves between fields {count['field_moves']}, table digits {count['table_digits']}, "
          f"table moves {count['table_moves']}); typed and checked equal to the example")
    wiz_tables = count["table_digits"] + count["table_moves"]
    print(f"tables only: nianbao {wiz_tables} keys ({count['table_digits']} digits + "
          f"{count['table_moves']} moves onto a cell); a spreadsheet {sheet} "
          f"({sheet_digits} digits + one move onto each of the {cells} input cells)")


def fmt(x):
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.2f}" if x < 10 else f"{x:.1f}"
    return str(x)


if __name__ == "__main__":
    main()
