#!/usr/bin/env python3
"""The wizard over a real SSH connection, end to end.

Starts a private sshd on a free loopback port (throwaway host and user keys
in a temporary folder), opens `ssh -tt` inside a tmux window of 80x24, runs
`nianbao edit` on the far side and types a whole report with the keys
docs/KEYS.md documents: Chinese text, a block pasted into a table and a paragraph
pasted into a multi-line text (tmux sends both as a bracketed paste), a
resize, Ctrl+Q. The written file must equal tests/fixtures/wizard-typed-report.toml,
the file the same keys give in a local pseudo-terminal (tests/edit/wizard_pty.rs).
This runs once with TERM=xterm-256color and once with TERM=screen.

Then the connection is dropped in the middle of typing (the ssh client is
killed with SIGKILL): the wizard on the server must save every confirmed
value (and the number being typed) and exit. Twice: once as the session
leader (it gets SIGHUP), once under a shell that is the session leader (no
SIGHUP reaches it; the terminal just goes away).

    python3 tests/ssh/ssh_e2e.py [--binary target/debug/nianbao] [--keep]

Needs sshd, ssh, ssh-keygen and tmux (Debian: openssh-server openssh-client
tmux). Python standard library only. Every wait is bounded; sshd and tmux
are always stopped at the end.
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXPECTED = os.path.join(ROOT, "tests", "fixtures", "wizard-typed-report.toml")
WAIT = 20.0  # seconds: the longest any single wait may take
SSHD = "/usr/sbin/sshd"

# Key names of the key strings below (as in tests/edit/wizard_pty.rs) → tmux key
# names, and the name of each in the keys table of docs/KEYS.md.
KEYS = {
    "Tab": ("Tab", "Tab"),
    "S-Tab": ("BTab", "Shift+Tab"),
    "Enter": ("Enter", "Enter"),
    "BS": ("BSpace", "Backspace"),
    "Del": ("DC", "Delete"),
    "Up": ("Up", "Up"),
    "Down": ("Down", "Down"),
    "Left": ("Left", "Left"),
    "Right": ("Right", "Right"),
    "PgUp": ("PPage", "PgUp"),
    "PgDn": ("NPage", "PgDn"),
    "F1": ("F1", "F1"),
    "F2": ("F2", "F2"),
    "C-q": ("C-q", "Ctrl+Q"),
    "C-s": ("C-s", "Ctrl+S"),
    "C-g": ("C-g", "Ctrl+G"),
}


class Failure(Exception):
    pass


def documented_keys():
    """Every key name in the keys table of docs/KEYS.md (`Left/Right/Home/End` and
    `Esc / F2 / Ctrl+G` are split; `Arrows` stands for all four)."""
    names = set()
    with open(os.path.join(ROOT, "docs", "KEYS.md"), encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.split("|")]
            if len(cells) < 6 or "/" not in cells[1] or cells[2].startswith("键"):
                continue
            for name in re.split(r"\s*/\s*|\s+", cells[2]):
                names.add(name)
    if "Arrows" in names:
        names |= {"Up", "Down", "Left", "Right"}
    return names


def parse_keys(spec):
    """`昆区<Tab><BS*4>` → [('text', '昆区'), ('key', 'Tab'), ('key', 'BSpace')×4]."""
    out = []
    for m in re.finditer(r"<([A-Za-z0-9-]+)(?:\*(\d+))?>|([^<]+)", spec):
        if m.group(3) is not None:
            out.append(("text", m.group(3)))
            continue
        name, times = m.group(1), int(m.group(2) or 1)
        if name not in KEYS:
            raise Failure(f"unknown key <{name}>")
        out.extend([("key", KEYS[name][0])] * times)
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, **kw):
    kw.setdefault("check", True)
    kw.setdefault("timeout", WAIT)
    return subprocess.run(args, **kw)


class Sshd:
    """A private sshd: its own keys, config, port and pid file."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.port = free_port()
        self.host_key = os.path.join(tmp, "host_key")
        self.user_key = os.path.join(tmp, "user_key")
        for key in (self.host_key, self.user_key):
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "nianbao-e2e", "-f", key)
        shutil.copy(self.user_key + ".pub", os.path.join(tmp, "authorized_keys"))
        self.config = os.path.join(tmp, "sshd_config")
        with open(self.config, "w") as f:
            f.write(
                f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {self.host_key}\n"
                f"AuthorizedKeysFile {tmp}/authorized_keys\nPidFile {tmp}/sshd.pid\n"
                "StrictModes no\nUsePAM no\nPermitRootLogin prohibit-password\n"
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                "AcceptEnv LANG LC_*\nPrintMotd no\nPrintLastLog no\nLogLevel VERBOSE\n"
            )
        self.log = os.path.join(tmp, "sshd.log")
        self.proc = None

    def start(self):
        # The privilege-separation folder sshd insists on when run as root.
        if not os.path.isdir("/run/sshd"):
            cmd = ["mkdir", "-p", "/run/sshd"]
            if os.geteuid() != 0 and shutil.which("sudo"):
                cmd = ["sudo", "-n"] + cmd
            subprocess.run(cmd, check=False, timeout=WAIT)
        # -D: stays in the foreground as our child, so it is easy to stop.
        self.proc = subprocess.Popen([SSHD, "-D", "-f", self.config, "-E", self.log])
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failure(f"sshd exited with {self.proc.returncode}:\n{self.read_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.02)
        raise Failure("sshd did not start listening")

    def read_log(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def ssh_command(self, remote):
        return [
            "ssh", "-tt", "-p", str(self.port), "-i", self.user_key,
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "SendEnv=LANG",
            "-F", "/dev/null", f"{user()}@127.0.0.1", remote,
        ]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def user():
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


class Tmux:
    """A tmux server of our own (its own socket), one session per window."""

    def __init__(self, tmp):
        self.socket = os.path.join(tmp, "tmux.sock")
        self.env = dict(os.environ, LANG="C.UTF-8")
        self.env.pop("TMUX", None)

    def tmux(self, *args, **kw):
        kw.setdefault("env", self.env)
        kw.setdefault("capture_output", True)
        return run("tmux", "-u", "-S", self.socket, "-f", "/dev/null", *args, **kw)

    def start(self, name, argv, log):
        self.tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", "--", *argv)
        # Keep the pane when the command ends, and everything written to it:
        # what is printed after the wizard leaves the alternate screen is
        # not on a dead pane's screen.
        self.tmux("set-option", "-t", name, "remain-on-exit", "on")
        self.tmux("pipe-pane", "-t", name, "-o", f"cat >> {log}")

    def pane_pid(self, name):
        return int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").stdout)

    def screen(self, name):
        return self.tmux("capture-pane", "-p", "-t", name).stdout.decode("utf-8", "replace")

    def wait_for(self, name, text):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if text in self.screen(name):
                return
            time.sleep(0.02)
        raise Failure(f"timed out waiting for {text!r}; the screen:\n{self.screen(name)}")

    def keys(self, name, spec):
        for kind, value in parse_keys(spec):
            if kind == "text":
                self.tmux("send-keys", "-t", name, "-l", value)
            else:
                self.tmux("send-keys", "-t", name, value)

    def paste(self, name, text):
        """A bracketed paste, as a terminal sends it: tmux turns each line
        feed into a carriage return and brackets the block because the
        wizard asked for bracketed paste."""
        self.tmux("load-buffer", "-b", "e2e", "-", input=text.encode())
        self.tmux("paste-buffer", "-p", "-d", "-b", "e2e", "-t", name)

    def resize(self, name, cols, rows):
        self.tmux("resize-window", "-t", name, "-x", str(cols), "-y", str(rows))

    def kill_server(self):
        subprocess.run(
            ["tmux", "-S", self.socket, "kill-server"],
            capture_output=True, timeout=WAIT, env=self.env, check=False,
        )


def check_keys_documented(specs):
    documented = documented_keys()
    for spec in specs:
        for m in re.finditer(r"<([A-Za-z0-9-]+)", spec):
            readme_name = KEYS[m.group(1)][1]
            if readme_name not in documented:
                raise Failure(f"<{m.group(1)}> ({readme_name}) is not in the keys table of docs/KEYS.md")


# The report of tests/edit/wizard_pty.rs, typed the same way. Each entry: keys to
# type, or ("paste", text), or ("wait", screen text).
WHOLE_REPORT = [
    ("wait", "机关名称"),
    "昆区商务局<Tab>",
    "<BS*4>2024<Tab>",
    "<Right*7><Tab>",
    ("wait", "县级政府部门"),
    "《关于做好政府信息公开工作年度报告的通知》<Tab>",
    "昆区商务局办公室<Tab>包头市昆区钢铁大街<Tab>014010<Tab>张三<Tab>",
    "0472-2836709<Tab>kqswj@126.com<Tab>http://www.kunqu.gov.cn<Tab>",
    ("wait", "概述"),
    "2024年，我局认真贯彻落实《条例》。<Enter>全年未发生行政复议。<Tab>",
    ("paste", "全年主动公开信息120条。\n其中政策解读5篇。"),
    ("wait", "其中政策解读5篇"),
    "<Tab>共收到申请13件。<Tab>建立审查机制。<Tab>完善门户网站专栏。<Tab>纳入考核。<Tab>",
    ("wait", "第二十条第（一）项"),
    "0<Tab>0<Tab>0<Tab>3<Tab>1<Tab>25<Tab>120<Enter>15<Tab>2<Tab>1.2345<Tab>",
    ("wait", "本年新收"),
    ("paste", "10\t2\t0\t0\t1\t0\n1\t0\t0\t0\t0\t0\n"),
    ("wait", "已粘贴 12 个值"),
    "<Down*2>8<Tab>1<Tab>0<Tab>0<Tab>1<Tab>0<Tab>1<Enter>",
    "<Down*21><Left>2<Tab>1<Tab>",
    ("wait", "相符   相符   相符   相符   相符  相符  相符"),
    "<PgDn>",
    ("wait", "结果维持"),
    "1<Tab>0<Tab>0<Tab>1<Tab>",
    "<PgDn>",
    ("wait", "存在的主要问题及改进情况"),
    "信息发布不够及时。<Enter>下一步加强审核。<Tab>",
    ("resize", (100, 30)),
    "本年度未收取信息处理费。",
    ("resize", (80, 24)),
    ("wait", "本年度未收取信息处理费。"),
    "<C-q>",
]


def drive(tmux, name, steps):
    for step in steps:
        if isinstance(step, str):
            tmux.keys(name, step)
        elif step[0] == "wait":
            tmux.wait_for(name, step[1])
        elif step[0] == "paste":
            tmux.paste(name, step[1])
        elif step[0] == "resize":
            cols, rows = step[1]
            tmux.resize(name, cols, rows)
            # Redrawn for the new size: the right border of the status line
            # moves with the width (the wizard fills the whole window).
            wait_width(tmux, name, cols)


def wait_width(tmux, name, cols):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        lines = tmux.screen(name).splitlines()
        widths = [display_width(line.rstrip()) for line in lines]
        if widths and max(widths) > cols - 10 and max(widths) <= cols:
            return
        time.sleep(0.02)
    raise Failure(f"not redrawn at {cols} columns:\n{tmux.screen(name)}")


def display_width(s):
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def wait_gone(pid, what):
    """Waits for a process to end (a zombie counts as ended)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            if state in ("Z", "X"):
                return
        except FileNotFoundError:
            return
        time.sleep(0.02)
    raise Failure(f"{what} (pid {pid}) still running {WAIT:.0f} s after the connection dropped")


def whole_report(sshd, tmux, binary, work, term):
    folder = os.path.join(work, f"whole-{term}")
    os.mkdir(folder)
    name = f"whole-{term.replace('-', '')}"
    remote = f"cd {folder} && TERM={term} {binary} edit report.toml; echo $? > exit-status"
    log = os.path.join(folder, "terminal.log")
    tmux.start(name, sshd.ssh_command(remote), log)
    drive(tmux, name, WHOLE_REPORT)
    # The ssh client ends (tmux does not always notice: it is not asked),
    # the wizard on the server exited with 0 and said where it saved.
    wait_gone(tmux.pane_pid(name), "the ssh client")
    status_file = os.path.join(folder, "exit-status")
    deadline = time.monotonic() + WAIT
    while not os.path.exists(status_file) and time.monotonic() < deadline:
        time.sleep(0.02)
    with open(status_file) as f:
        status = f.read().strip()
    if status != "0":
        raise Failure(f"TERM={term}: the wizard exited with {status}")
    with open(log, encoding="utf-8", errors="replace") as f:
        if "已保存 report.toml（错误 0 个" not in f.read():
            raise Failure(f"TERM={term}: no '已保存 report.toml（错误 0 个…' after quitting")
    path = os.path.join(folder, "report.toml")
    with open(path, "rb") as f:
        written = f.read()
    with open(EXPECTED, "rb") as f:
        expected = f.read()
    same_values = tomllib.loads(written.decode()) == tomllib.loads(expected.decode())
    same_bytes = written == expected
    if not same_values:
        kept = os.path.join(tempfile.gettempdir(), f"ssh-e2e-{term}.toml")
        shutil.copy(path, kept)
        raise Failure(f"TERM={term}: the report differs from {EXPECTED}; it is in {kept}")
    if not same_bytes:
        raise Failure(f"TERM={term}: the same values, but not the same bytes as {EXPECTED}")
    print(f"TERM={term}: whole report typed over ssh: same values and byte for byte "
          f"the same file as tests/fixtures/wizard-typed-report.toml")


# Confirmed values and a number still being typed, then the connection dies.
PART_REPORT = [
    ("wait", "机关名称"),
    "断线测试局<Tab><BS*4>2024<Tab>",
    "<PgDn*3>",
    ("wait", "本年新收"),
    ("paste", "12\t3\n"),
    ("wait", "已粘贴 2 个值"),
    "<Down>4<Tab>5<Enter>",
    "<PgDn>9<Tab>",
    "<PgDn>",
    ("wait", "存在的主要问题及改进情况"),
    "网络中断前输入的文字",
    ("wait", "网络中断前输入的文字"),
    # Back on 四 the focus is where it was left (结果纠正); 77 is typed
    # there and not confirmed.
    "<PgUp>",
    ("wait", "结果维持"),
    "77",
    ("wait", "77"),
]


def dropped_connection(sshd, tmux, binary, work, leader):
    """Kills the ssh client mid-entry. `leader`: the wizard is the session
    leader on the server (exec), else a shell is."""
    folder = os.path.join(work, f"drop-{'exec' if leader else 'shell'}")
    os.mkdir(folder)
    name = f"drop{'exec' if leader else 'shell'}"
    run_it = f"TERM=screen {binary} edit r.toml"
    # With a command after it the shell cannot exec the wizard: it stays the
    # session leader and dies of the hang-up first.
    remote = f"cd {folder} && exec env {run_it}" if leader else f"cd {folder} && {run_it}; echo done"
    tmux.start(name, sshd.ssh_command(remote), os.path.join(folder, "terminal.log"))
    drive(tmux, name, PART_REPORT)
    lock = os.path.join(folder, ".r.toml.lock")
    with open(lock) as f:
        wizard = int(f.read().split("@")[0])
    # Text is saved at most a second after the first unsaved keystroke; the
    # field was left with PgUp, which saves it at once.
    client = tmux.pane_pid(name)
    os.kill(client, 9)
    t0 = time.monotonic()
    wait_gone(wizard, "the wizard on the server")
    gone_after = time.monotonic() - t0
    path = os.path.join(folder, "r.toml")
    with open(path, "rb") as f:
        data = tomllib.load(f)
    apps = data["applications"]
    expect = {
        ("report", "agency"): data["report"]["agency"] == "断线测试局",
        ("report", "year"): data["report"]["year"] == 2024,
        ("applications", "new_received"): (apps["new_received"]["natural"],
                                           apps["new_received"]["commercial"],
                                           apps["new_received"]["total"]) == (12, 3, 15),
        ("applications", "carried_over"): (apps["carried_over"]["natural"],
                                           apps["carried_over"]["commercial"],
                                           apps["carried_over"]["total"]) == (4, 5, 9),
        ("appeals", "review.upheld"): data["appeals"]["review"]["upheld"] == 9,
        ("problems", "text"): data["problems"]["text"] == "网络中断前输入的文字",
        ("being typed", "review.corrected"): data["appeals"]["review"]["corrected"] == 77,
    }
    missing = [".".join(k) for k, ok in expect.items() if not ok]
    if missing:
        raise Failure(f"after the drop ({'exec' if leader else 'shell'}): not saved: {missing}")
    leftovers = [n for n in os.listdir(folder) if n.endswith(".tmp")]
    if leftovers:
        raise Failure(f"temporary files left: {leftovers}")
    how = "the wizard as session leader (SIGHUP)" if leader else \
        "a shell as session leader (no SIGHUP reaches the wizard)"
    print(f"dropped connection, {how}: saved every value and exited "
          f"{gone_after * 1000:.0f} ms after the ssh client was killed")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "debug", "nianbao"))
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    started = time.monotonic()
    binary = os.path.abspath(a.binary)
    for tool in ("ssh", "ssh-keygen", "tmux"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found (Debian: apt-get install openssh-server openssh-client tmux)")
    if not os.access(SSHD, os.X_OK):
        sys.exit(f"{SSHD} not found (Debian: apt-get install openssh-server)")
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} not found: run cargo build first")
    check_keys_documented([s for s in WHOLE_REPORT + PART_REPORT if isinstance(s, str)])
    tmp = tempfile.mkdtemp(prefix="nianbao-ssh-")
    # sshd refuses a key file others can read; the folder is ours only.
    os.chmod(tmp, 0o700)
    sshd, tmux = Sshd(tmp), Tmux(tmp)
    ok = False
    try:
        sshd.start()
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        for term in ("xterm-256color", "screen"):
            whole_report(sshd, tmux, binary, work, term)
        dropped_connection(sshd, tmux, binary, work, leader=True)
        dropped_connection(sshd, tmux, binary, work, leader=False)
        ok = True
    except (Failure, subprocess.SubprocessError, OSError, KeyError) as e:
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        print("--- sshd log (last lines) ---", file=sys.stderr)
        print("\n".join(sshd.read_log().splitlines()[-15:]), file=sys.stderr)
    finally:
        tmux.kill_server()
        sshd.stop()
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"ssh end-to-end: {'passed' if ok else 'FAILED'} in {time.monotonic() - started:.1f} s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
