#!/usr/bin/env python3
"""Many departments on one server over SSH, end to end (docs/DEPLOY.md).

Sets the server up with the deployment files themselves, as docs/DEPLOY.md
says: deploy/add-department.sh makes two department accounts (A and B), their
folders, their keys (root's, in the keys folder) and the configuration file;
deploy/add-office.sh makes the office account with its key in its own
~/.ssh; deploy/sshd_config.snippet is appended to a private sshd's config
(StrictModes yes and UsePAM yes, Debian's defaults) on a free loopback port.
The only changes to those files are names and paths: the binary, the
configuration file, the keys folder, the departments' home, the folders, and
group and account names of this run (so that a machine where nianbao is
deployed is not touched).

Then, in a tmux window of 80x24:
- A logs in (`ssh -tt`, no command) and gets the wizard on its folder's
  report.toml; types the agency; while A's wizard is open, the office's
  `nianbao status` shows A's report open by A; A pastes a block into section
  三 and quits with Ctrl+Q. The file is A's, of the office's group, mode 0640.
  B does the same.
- A tries B's report by every route: the wizard with B's path (absolute,
  relative, through `..`), shell commands (cat, ls, sh -c), scp (SFTP and
  the legacy protocol), sftp (ls, get). Each fails, says why where nianbao is
  the one refusing, and nothing of B's report reaches A's side. Underneath,
  the folder permissions alone keep A out (A's account runs cat and ls
  locally, without sshd or nianbao).
- The office runs status (both reports), check (both) and merge (the sums).
- A, careless or hostile: its home is root's (no ~/.pam_environment, no
  ~/.ssh); SetEnv LD_PRELOAD is not passed; forwarding of each kind (-L, -R,
  -D, -W, agent, X11) fails; scp uploads and `-s sftp` fail; 110 MB on stdin ends at
  once with a message; a file name with ESC and a newline is refused and
  nothing escapes to the terminal; a sixth report file is refused; an agency
  with U+202E reaches the office's status neutralised; a report at the
  largest count makes the office's merge name it, and --skip-invalid merges
  the rest; a report made read-only keeps A's answer in a rescue copy the
  office can read, and A is told to contact the office.
At the end the configuration file add-department.sh wrote must equal
deploy/departments.toml with the names and paths of this run, so the example
the README shows is what the script makes.

    python3 tests/ssh/departments_e2e.py [--binary target/debug/nianbao] [--keep]

Needs root (to make accounts), sshd, ssh, scp, sftp, ssh-keygen, tmux,
useradd. Python standard library only. Every wait is bounded; sshd, tmux,
the accounts, groups and files made are removed at the end in any case.
"""
import argparse
import json
import os
import pwd
import grp
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ssh_e2e import ROOT, SSHD, WAIT, Failure, Tmux, drive, free_port, run, wait_gone  # noqa: E402

DEPLOY = os.path.join(ROOT, "deploy")
SNIPPET = os.path.join(DEPLOY, "sshd_config.snippet")
EXAMPLE_CONFIG = os.path.join(DEPLOY, "departments.toml")
ADD_DEPARTMENT = os.path.join(DEPLOY, "add-department.sh")
ADD_OFFICE = os.path.join(DEPLOY, "add-office.sh")
# What the deployment files name, and what this run calls them instead.
BINARY_PATH = "/usr/local/bin/nianbao"
CONFIG_PATH = "/etc/nianbao/departments.toml"
KEYS_PATH = "/etc/nianbao/keys"
DEPT_GROUP = "nianbao-dept"
OFFICE_GROUP = "nianbao-office"
EXAMPLE_ACCOUNTS = ("jiaoyu", "weijian")
EXAMPLE_ROOT = "/srv/nianbao"
B_SECRET = "乙局不外传"


def say(line):
    print(line, flush=True)


class Server:
    """The accounts, folders, configuration and sshd of one run."""

    def __init__(self, tmp, binary):
        tag = f"nbt{os.getpid() % 100000}"
        self.tmp = tmp
        self.dept_group = f"{tag}dept"
        self.office_group = f"{tag}office"
        self.a, self.b, self.office = f"{tag}a", f"{tag}b", f"{tag}o"
        self.root = os.path.join(tmp, "srv")
        self.folder = {self.a: os.path.join(self.root, "a"), self.b: os.path.join(self.root, "b")}
        self.config = os.path.join(tmp, "etc", "departments.toml")
        self.authorized = os.path.join(tmp, "etc", "keys")
        self.dept_home = os.path.join(tmp, "home")
        self.office_home = None
        self.bin = os.path.join(tmp, "bin", "nianbao")
        os.makedirs(os.path.dirname(self.bin))
        shutil.copy(binary, self.bin)
        os.chmod(self.bin, 0o755)
        self.keys = os.path.join(tmp, "keys")
        os.mkdir(self.keys, 0o700)
        self.port = free_port()
        self.made_users, self.made_groups = [], []
        self.sshd = None
        self.log = os.path.join(tmp, "sshd.log")

    # -- accounts -----------------------------------------------------------

    def preflight(self):
        for name in (self.a, self.b, self.office):
            if user_exists(name):
                raise Failure(f"the account {name} exists already; not touching it")
        for name in (self.dept_group, self.office_group):
            if group_exists(name):
                raise Failure(f"the group {name} exists already; not touching it")

    def make_keys(self):
        for user in (self.a, self.b, self.office):
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", user, "-f", self.key(user))

    def add_departments(self):
        env = dict(os.environ, NIANBAO_CONFIG=self.config, NIANBAO_KEYS=self.authorized,
                   NIANBAO_HOME=self.dept_home,
                   NIANBAO_DEPT_GROUP=self.dept_group, NIANBAO_OFFICE_GROUP=self.office_group)
        for account in (self.a, self.b):
            # Recorded before, so that a failure half-way is still cleaned up.
            self.made_users.append(account)
            self.made_groups += [g for g in (self.dept_group, self.office_group)
                                 if g not in self.made_groups]
            # As the doc says: no password (locked), the key given to the script.
            out = run(ADD_DEPARTMENT, account, self.folder[account], self.key(account) + ".pub",
                      env=env, capture_output=True, text=True)
            say(f"deploy/add-department.sh {account} {self.folder[account]} KEY: "
                + out.stdout.strip().replace("\n", "; "))

    def add_office(self):
        self.made_users.append(self.office)
        env = dict(os.environ, NIANBAO_OFFICE_GROUP=self.office_group)
        out = run(ADD_OFFICE, self.office, self.key(self.office) + ".pub", env=env,
                  capture_output=True, text=True)
        self.office_home = pwd.getpwnam(self.office).pw_dir
        say(f"deploy/add-office.sh {self.office} KEY: {out.stdout.strip()}")

    def remove_accounts(self):
        for user in self.made_users:
            if not user_exists(user):
                continue
            wait_no_processes(user)
            # The office's home was made by add-office.sh: removed with it.
            remove = ["-r"] if user == self.office else []
            subprocess.run(["userdel", *remove, user], capture_output=True, timeout=WAIT,
                           check=False)
        for group in self.made_groups:
            if group_exists(group):
                subprocess.run(["groupdel", group], capture_output=True, timeout=WAIT, check=False)
        left = [u for u in self.made_users if user_exists(u)] + \
               [g for g in self.made_groups if group_exists(g)]
        if left:
            raise Failure(f"could not remove {left}")

    # -- sshd -----------------------------------------------------------------

    def start_sshd(self):
        host_key = os.path.join(self.keys, "host_key")
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", host_key)
        with open(SNIPPET, encoding="utf-8") as f:
            snippet = f.read()
        for old, new in ((BINARY_PATH, self.bin), (CONFIG_PATH, self.config),
                         (KEYS_PATH, self.authorized), (DEPT_GROUP, self.dept_group)):
            if old not in snippet:
                raise Failure(f"{SNIPPET} no longer names {old}")
            snippet = snippet.replace(old, new)
        config = os.path.join(self.tmp, "sshd_config")
        with open(config, "w", encoding="utf-8") as f:
            # As on Debian: the sftp subsystem is there for everyone else,
            # keys in ~/.ssh/authorized_keys (sshd's default), StrictModes
            # and PAM on (with pam_env reading ~/.pam_environment).
            f.write(
                f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
                f"PidFile {self.tmp}/sshd.pid\n"
                "StrictModes yes\nUsePAM yes\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\nAcceptEnv LANG LC_*\n"
                "X11Forwarding yes\nAllowAgentForwarding yes\n"
                "Subsystem sftp /usr/lib/openssh/sftp-server\n"
                "PrintMotd no\nPrintLastLog no\nLogLevel VERBOSE\n\n" + snippet
            )
        if not os.path.isdir("/run/sshd"):
            os.makedirs("/run/sshd", 0o755)
        run(SSHD, "-t", "-f", config)
        self.sshd = subprocess.Popen([SSHD, "-D", "-f", config, "-E", self.log])
        deadline = time.monotonic() + WAIT
        import socket
        while time.monotonic() < deadline:
            if self.sshd.poll() is not None:
                raise Failure(f"sshd exited with {self.sshd.returncode}:\n{self.read_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.02)
        raise Failure("sshd did not start listening")

    def stop_sshd(self):
        if self.sshd and self.sshd.poll() is None:
            self.sshd.terminate()
            try:
                self.sshd.wait(5)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
                self.sshd.wait(5)

    def read_log(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def key(self, user):
        return os.path.join(self.keys, f"id_{user}")

    def options(self, user):
        return ["-i", self.key(user), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR", "-F", "/dev/null"]

    def ssh(self, user, *remote, tty=False):
        """The ssh command line; `remote` is what the client asks to run."""
        return ["ssh", "-tt" if tty else "-T", "-p", str(self.port), *self.options(user),
                "-o", "SendEnv=LANG", f"{user}@127.0.0.1", *remote]

    def ssh_run(self, user, *remote, tty=False):
        env = dict(os.environ, LANG="C.UTF-8")
        return subprocess.run(self.ssh(user, *remote, tty=tty), capture_output=True,
                              timeout=WAIT, stdin=subprocess.DEVNULL, env=env)


def user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def group_exists(name):
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def wait_no_processes(user):
    """Waits for the account's sessions (the wizard after a hang-up) to end."""
    uid = pwd.getpwnam(user).pw_uid
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if not any(owned_by(pid, uid) for pid in os.listdir("/proc") if pid.isdigit()):
            return
        time.sleep(0.05)
    raise Failure(f"processes of {user} still running {WAIT:.0f} s after the test")


def owned_by(pid, uid):
    try:
        return os.stat(f"/proc/{pid}").st_uid == uid
    except OSError:
        return False


def text_of(result):
    return (result.stdout + result.stderr).decode("utf-8", "replace")


def last_line(result):
    lines = text_of(result).strip().splitlines()
    return lines[-1] if lines else "(nothing)"


def wait_for_file(path, needle):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            with open(path, encoding="utf-8") as f:
                if needle in f.read():
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise Failure(f"{path} never held {needle!r}")


# A department's session: the agency, Tab (saved at once), then, after the
# office has looked, section 三 and a pasted column of 自然人: 一 new, 二
# carried over, 三（一）granted, which keeps the 勾稽 balanced.
def first_keys(agency):
    return [("wait", "机关名称"), f"{agency}<Tab>"]


def last_keys(new):
    return [
        "<PgDn*3>",
        ("wait", "本年新收"),
        ("paste", f"{new}\n0\n{new}\n"),
        ("wait", "已粘贴 3 个值"),
        "<C-q>",
    ]


def department_session(server, tmux, user, agency, new, while_open=None):
    name = f"dept-{user}"
    log = os.path.join(server.tmp, f"{user}.terminal.log")
    # No command: the forced command opens the folder's report.toml.
    tmux.start(name, server.ssh(user, tty=True), log)
    drive(tmux, name, first_keys(agency))
    report = os.path.join(server.folder[user], "report.toml")
    wait_for_file(report, agency)
    if while_open:
        while_open()
    drive(tmux, name, last_keys(new))
    wait_gone(tmux.pane_pid(name), f"{user}'s ssh client")
    with open(log, encoding="utf-8", errors="replace") as f:
        said = f.read()
    if f"已保存 {report}" not in said:
        raise Failure(f"{user}: no '已保存 {report}' after Ctrl+Q:\n{said[-2000:]}")
    st = os.stat(report)
    owner, group = pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name
    mode = st.st_mode & 0o777
    if (owner, group, mode) != (user, server.office_group, 0o640):
        raise Failure(f"{report}: {owner}:{group} {mode:o}, not {user}:{server.office_group} 640")
    with open(report, "rb") as f:
        data = tomllib.load(f)
    if data["report"]["agency"] != agency or data["applications"]["new_received"]["natural"] != new:
        raise Failure(f"{report} does not hold what {user} typed: {data['report']}")
    say(f"{user}: typed {agency} and {new} in the wizard over ssh; saved as "
        f"{owner}:{group} {mode:o} in {server.folder[user]}")


def office_sees_a_open(server):
    out = server.ssh_run(server.office, server.bin, "status", "--format", "json", server.root)
    doc = json.loads(out.stdout)
    rows = {os.path.basename(os.path.dirname(r["file"])): r for r in doc["reports"]}
    lock = rows.get("a", {}).get("lock") or {}
    if lock.get("state") != "held" or lock.get("user") != server.a:
        raise Failure(f"the office's status does not show A's report open by {server.a}: {doc}")
    say(f"office: status shows a/report.toml open by {lock['user']} "
        f"({lock['pid']}@{lock['host']}, since {lock['since']})")


def a_cannot_reach_b(server):
    a, b_folder = server.a, server.folder[server.b]
    b_report = os.path.join(b_folder, "report.toml")
    refused_edit = "此账户只能编辑文件夹"
    refused_command = "此账户只能用填报向导编辑本部门的报告"
    attempts = [
        ("wizard, B's absolute path", [f"edit {b_report}"], True, refused_edit),
        ("wizard, ../b/report.toml", ["edit ../b/report.toml"], True, refused_edit),
        ("wizard, through ..", [f"edit {server.folder[a]}/../b/report.toml"], True, refused_edit),
        ("wizard, nianbao edit PATH", [f"nianbao edit {b_report}"], False, refused_edit),
        ("shell, cat", [f"cat {b_report}"], False, refused_command),
        ("shell, ls", [f"ls -la {b_folder}"], False, refused_command),
        ("shell, sh -c", [f"sh -c 'cat {b_report}'"], False, refused_command),
        ("nianbao check", [f"check {b_report}"], False, refused_command),
        ("nianbao render", [f"render {b_report} --format txt"], False, refused_command),
    ]
    for what, remote, tty, expect in attempts:
        out = server.ssh_run(a, *remote, tty=tty)
        said = text_of(out)
        if out.returncode == 0 or expect not in said or B_SECRET in said:
            raise Failure(f"A, {what}: exit {out.returncode}, said:\n{said}")
        say(f"A, {what}: refused (exit {out.returncode}): {said.strip().splitlines()[0]}")
    fetched = os.path.join(server.tmp, "fetched")
    os.mkdir(fetched)
    copies = [
        ("scp (SFTP protocol)", ["scp"]),
        ("scp -O (legacy protocol)", ["scp", "-O"]),
    ]
    for what, command in copies:
        target = os.path.join(fetched, what.split()[0] + str(len(command)))
        out = subprocess.run(
            command + ["-P", str(server.port), *server.options(a), f"{a}@127.0.0.1:{b_report}", target],
            capture_output=True, timeout=WAIT, stdin=subprocess.DEVNULL)
        if out.returncode == 0 or os.path.exists(target) or B_SECRET in text_of(out):
            raise Failure(f"A, {what}: exit {out.returncode}, copied: {os.path.exists(target)}")
        say(f"A, {what}: failed (exit {out.returncode}), nothing copied: {last_line(out)}")
    batch = os.path.join(server.tmp, "sftp-batch")
    with open(batch, "w") as f:
        f.write(f"ls -la {b_folder}\nget {b_report} {fetched}/sftp-copy\n")
    out = subprocess.run(
        ["sftp", "-b", batch, "-P", str(server.port), *server.options(a), f"{a}@127.0.0.1"],
        capture_output=True, timeout=WAIT, stdin=subprocess.DEVNULL)
    said = text_of(out)
    if out.returncode == 0 or os.listdir(fetched) or "report.toml" in out.stdout.decode("utf-8", "replace"):
        raise Failure(f"A, sftp: exit {out.returncode}, said:\n{said}")
    say(f"A, sftp (ls, get): failed (exit {out.returncode}), nothing listed or copied: "
        f"{last_line(out)}")
    # Underneath nianbao and sshd: the folder's permissions alone keep A out.
    for what, command in (("cat", ["cat", b_report]), ("ls", ["ls", b_folder])):
        out = subprocess.run(["runuser", "-u", a, "--", *command], capture_output=True, timeout=WAIT)
        if out.returncode == 0 or B_SECRET in text_of(out):
            raise Failure(f"A's account, local {what}: exit {out.returncode}:\n{text_of(out)}")
        say(f"A's account, local {what} (no sshd, no nianbao): {text_of(out).strip()}")


def office_merges(server):
    a_report = os.path.join(server.folder[server.a], "report.toml")
    b_report = os.path.join(server.folder[server.b], "report.toml")
    out = server.ssh_run(server.office, server.bin, "status", server.root)
    said = text_of(out)
    if out.returncode != 0 or "甲局" not in said or B_SECRET not in said:
        raise Failure(f"office: status exit {out.returncode}:\n{said}")
    say("office: nianbao status " + server.root + "\n" + said.rstrip())
    out = server.ssh_run(server.office, server.bin, "check", a_report, b_report)
    if out.returncode != 0:
        raise Failure(f"office: check exit {out.returncode}:\n{text_of(out)}")
    merged = os.path.join(server.office_home, "merged.toml")
    out = server.ssh_run(server.office, server.bin, "merge", a_report, b_report,
                         "-o", merged, "--agency", "某县人民政府办公室")
    if out.returncode != 0:
        raise Failure(f"office: merge exit {out.returncode}:\n{text_of(out)}")
    with open(merged, "rb") as f:
        data = tomllib.load(f)
    natural = data["applications"]["new_received"]["natural"]
    sources = data.get("meta", {}).get("merged_from", [])
    if natural != 7 + 5 or len(sources) != 2:
        raise Failure(f"merged: 自然人 {natural}, from {sources}")
    say(f"office: check exit 0; merge wrote {merged}: 本年新收 自然人 7 + 5 = {natural}, "
        f"merged from {len(sources)} reports")


# -- a careless or hostile department ----------------------------------------

def plain_over_ssh(server, user, remote, stdin, env_opts=()):
    """`ssh -T user edit --plain …` with `stdin`; the finished process."""
    cmd = ["ssh", "-T", "-p", str(server.port), *server.options(user), *env_opts,
           f"{user}@127.0.0.1", remote]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=WAIT,
                          env=dict(os.environ, LANG="C.UTF-8"))


def home_is_not_the_departments(server):
    a = server.a
    home = pwd.getpwnam(a).pw_dir
    st = os.stat(home)
    if home == server.folder[a] or st.st_uid != 0 or st.st_mode & 0o022:
        raise Failure(f"A's home {home} is not root's and closed: uid {st.st_uid}, "
                      f"mode {st.st_mode & 0o777:o}")
    for planted in (".pam_environment", ".ssh/authorized_keys"):
        path = os.path.join(home, planted)
        out = subprocess.run(["runuser", "-u", a, "--", "sh", "-c",
                              f"mkdir -p \"$(dirname '{path}')\" && echo LD_PRELOAD=/x.so > '{path}'"],
                             capture_output=True, timeout=WAIT)
        if out.returncode == 0 or os.path.exists(path):
            raise Failure(f"A's account could write {path}")
    say(f"A's home {home} is root's ({st.st_mode & 0o777:o}): A can write neither "
        "~/.pam_environment nor ~/.ssh/authorized_keys")


def no_environment_or_forwarding(server):
    a = server.a
    # An LD_PRELOAD that reached the wizard would make the loader complain.
    out = plain_over_ssh(server, a, "edit --plain", b":q\n",
                         ("-o", "SetEnv=LD_PRELOAD=/nonexistent/evil.so"))
    said = text_of(out)
    if "LD_PRELOAD" in said or "evil.so" in said or out.returncode != 0:
        raise Failure(f"A, SetEnv LD_PRELOAD: exit {out.returncode}:\n{said}")
    say("A, ssh -o SetEnv=LD_PRELOAD=…: not passed (the wizard ran and quit as usual)")
    base = ["ssh", "-p", str(server.port), *server.options(a), "-o", "ExitOnForwardFailure=yes"]
    target = f"127.0.0.1:{server.port}"
    # -W: the client's stdio to a port; refused, so no sshd banner comes back.
    out = subprocess.run([*base, "-W", target, f"{a}@127.0.0.1"], capture_output=True,
                         timeout=WAIT, stdin=subprocess.DEVNULL)
    if out.returncode == 0 or b"SSH-2.0" in out.stdout:
        raise Failure(f"A, ssh -W: exit {out.returncode}: {text_of(out)}")
    say(f"A, ssh -W {target}: refused (exit {out.returncode}): {last_line(out)}")
    # -R: the server would listen; ExitOnForwardFailure makes the refusal fatal.
    try:
        out = subprocess.run([*base, "-N", "-R", f"0:{target}", f"{a}@127.0.0.1"],
                             capture_output=True, timeout=WAIT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Failure(f"A, ssh -R: the forward was accepted (still connected after {WAIT:.0f} s)")
    if out.returncode == 0:
        raise Failure(f"A, ssh -R: exit 0: {text_of(out)}")
    say(f"A, ssh -R: refused (exit {out.returncode}): {last_line(out)}")
    # -L and -D: the client listens; what it forwards must not get through.
    for kind in ("-L", "-D"):
        local = free_port()
        spec = f"{local}:{target}" if kind == "-L" else str(local)
        client = subprocess.Popen([*base, "-N", kind, spec, f"{a}@127.0.0.1"],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            started = time.monotonic()
            got = forwarded_bytes(local, server.port if kind == "-D" else None, client)
            took = time.monotonic() - started
        finally:
            client.kill()
            client.wait(WAIT)
        if b"SSH-2.0" in got:
            raise Failure(f"A, ssh {kind}: reached sshd through the forward: {got!r}")
        say(f"A, ssh {kind}: nothing forwarded ({len(got)} bytes came back, {took:.1f} s)")


def no_agent_or_x11(server):
    """`ssh -A -X` with an agent and a display on the client: while A's
    session is open, sshd made no agent socket and no X11 listener for A
    (both are allowed for everyone else, as on Debian)."""
    import select
    a = server.a
    uid = pwd.getpwnam(a).pw_uid
    agent_sock = os.path.join(server.tmp, "agent.sock")
    agent = subprocess.run(["ssh-agent", "-a", agent_sock], capture_output=True, text=True,
                           timeout=WAIT, check=True)
    agent_pid = int(agent.stdout.split("SSH_AGENT_PID=")[1].split(";")[0])
    env = dict(os.environ, LANG="C.UTF-8", SSH_AUTH_SOCK=agent_sock, DISPLAY="127.0.0.1:99")
    client = subprocess.Popen(["ssh", "-T", "-A", "-X", "-p", str(server.port),
                               *server.options(a), f"{a}@127.0.0.1", "edit --plain"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env=env)
    def forwards():
        agents = [d for d in os.listdir("/tmp")
                  if d.startswith("ssh-") and os.stat(os.path.join("/tmp", d)).st_uid == uid]
        x11 = [port for port, owner in listening_ports() if 6000 <= port < 6100 and owner == uid]
        return agents, x11

    try:
        # Until the wizard asks its first question; sshd sets forwarding up
        # before it starts the forced command, so anything made is seen.
        seen, deadline = b"", time.monotonic() + WAIT
        agents, x11 = forwards()
        while "机关名称".encode() not in seen and not (agents or x11):
            if time.monotonic() > deadline or client.poll() is not None:
                raise Failure(f"A, ssh -A -X: no wizard prompt (exit {client.poll()}): "
                              f"{seen.decode('utf-8', 'replace')}")
            if select.select([client.stdout], [], [], 0.1)[0]:
                seen += os.read(client.stdout.fileno(), 4096)
            agents, x11 = forwards()
        client.stdin.write(b":q\n")
        client.stdin.close()
        client.wait(WAIT)
    finally:
        if client.poll() is None:
            client.kill()
            client.wait(WAIT)
        os.kill(agent_pid, 15)
    if agents or x11:
        raise Failure(f"A, ssh -A -X: agent sockets {agents}, X11 listeners {x11}")
    say("A, ssh -A -X (an agent and a display on the client): no agent socket, no X11 "
        "listener while the wizard was open")


def listening_ports():
    """(port, uid) of every listening TCP socket."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A":  # LISTEN
                found.append((int(fields[1].rsplit(":", 1)[1], 16), int(fields[7])))
    return found


def forwarded_bytes(port, socks_to, client):
    """Connects to the client's forwarding port (once it listens) and returns
    what comes back; for -D, asks SOCKS5 for the port `socks_to` first."""
    import socket
    deadline = time.monotonic() + WAIT
    while True:
        if client.poll() is not None:
            return b""
        try:
            conn = socket.create_connection(("127.0.0.1", port), timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise Failure(f"ssh never listened on {port}")
            time.sleep(0.05)
    got = b""
    with conn:
        conn.settimeout(3)
        try:
            if socks_to:
                conn.sendall(b"\x05\x01\x00")
                got += conn.recv(2)
                conn.sendall(b"\x05\x01\x00\x01\x7f\x00\x00\x01" + socks_to.to_bytes(2, "big"))
            while True:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                got += chunk
        except OSError:
            pass
    return got


def no_copying_in(server):
    a = server.a
    upload = os.path.join(server.tmp, "upload.toml")
    with open(upload, "w", encoding="utf-8") as f:
        f.write('agency = "上传的"\n')
    for what, command in (("scp upload (SFTP protocol)", ["scp"]),
                          ("scp -O upload (legacy protocol)", ["scp", "-O"])):
        out = subprocess.run(command + ["-P", str(server.port), *server.options(a), upload,
                                        f"{a}@127.0.0.1:uploaded.toml"],
                             capture_output=True, timeout=WAIT, stdin=subprocess.DEVNULL)
        if out.returncode == 0 or os.path.exists(os.path.join(server.folder[a], "uploaded.toml")):
            raise Failure(f"A, {what}: exit {out.returncode}:\n{text_of(out)}")
        say(f"A, {what}: failed (exit {out.returncode}), nothing written: {last_line(out)}")
    out = subprocess.run(["ssh", "-T", "-p", str(server.port), *server.options(a), "-s",
                          f"{a}@127.0.0.1", "sftp"], capture_output=True, timeout=WAIT,
                         input=b"")
    if out.returncode == 0:
        raise Failure(f"A, ssh -s sftp: exit 0:\n{text_of(out)}")
    say(f"A, ssh -s sftp: refused (exit {out.returncode}): {last_line(out)}")


def huge_stdin_ends_at_once(server):
    a = server.a
    report = os.path.join(server.folder[a], "report.toml")
    before = os.path.getsize(report)
    data = ("大" * (35 * 1024 * 1024) + "\n:q\n").encode()
    started = time.monotonic()
    out = plain_over_ssh(server, a, "edit --plain", data)
    took = time.monotonic() - started
    said = text_of(out)
    if out.returncode != 0 or "个字符" not in said or os.path.getsize(report) > before + 200:
        raise Failure(f"A, 110 MB on stdin: exit {out.returncode}, report "
                      f"{os.path.getsize(report)} bytes:\n{said[-1500:]}")
    refusal = next(line for line in said.splitlines() if "个字符" in line).strip()
    say(f"A, {len(data) / 1e6:.0f} MB on stdin to plain mode: ended in {took:.1f} s, "
        f"report {os.path.getsize(report)} bytes: {refusal}")


def hostile_names_and_too_many_files(server):
    a = server.a
    name = "a\x1b[31mred\x07\nline.toml"
    out = server.ssh_run(a, f"edit --plain '{name}'")
    said = text_of(out)
    if out.returncode == 0 or "不能作为报告文件名" not in said or "\x1b" in said or "\x07" in said:
        raise Failure(f"A, a name with ESC, BEL and a newline: exit {out.returncode}: {said!r}")
    if any(c in f for f in os.listdir(server.folder[a]) for c in "\x1b\x07\n"):
        raise Failure(f"A's folder holds a name with control characters: {os.listdir(server.folder[a])}")
    say(f"A, edit with ESC, BEL and a newline in the name: refused, nothing raw printed: "
        f"{said.strip().splitlines()[0]}")
    # report.toml is one; big.toml (the largest count, balanced), rlo.toml
    # (an agency with U+202E), f4 and f5 make five; a sixth is refused.
    big = "\n".join(["大额局", ":n", ":n", ":n", "4294967295 0 0 0 0 0", "0 0 0 0 0 0",
                     "4294967295 0 0 0 0 0", ":q"]) + "\n"
    for file, answers in (("big.toml", big), ("rlo.toml", "甲局\u202e局乙\n:q\n"),
                          ("f4.toml", "四局\n:q\n"), ("f5.toml", "五局\n:q\n")):
        out = plain_over_ssh(server, a, f"edit --plain {file}", answers.encode())
        if out.returncode != 0 or not os.path.exists(os.path.join(server.folder[a], file)):
            raise Failure(f"A, edit --plain {file}: exit {out.returncode}:\n{text_of(out)[-1500:]}")
    out = plain_over_ssh(server, a, "edit --plain f6.toml", "六局\n:q\n".encode())
    said = text_of(out)
    if out.returncode == 0 or "达到上限 5 份" not in said or \
            os.path.exists(os.path.join(server.folder[a], "f6.toml")):
        raise Failure(f"A, a sixth report: exit {out.returncode}:\n{said}")
    say(f"A, a sixth report file: refused (exit {out.returncode}): {said.strip().splitlines()[0]}")


def office_is_not_blocked_or_misled(server):
    out = server.ssh_run(server.office, server.bin, "status", server.root)
    said = text_of(out)
    row = next((line for line in said.splitlines() if "rlo.toml" in line), "")
    # Drawn as one cell in the table ("?"), as U+FFFD in messages.
    if "\u202e" in said or not any(f"甲局{c}局乙" in row for c in "?\ufffd"):
        raise Failure(f"office: status shows the agency with U+202E as is:\n{said!r}")
    say(f"office: status shows rlo.toml's agency neutralised: {row.strip()}")
    a_folder, b_folder = server.folder[server.a], server.folder[server.b]
    inputs = [os.path.join(a_folder, "report.toml"), os.path.join(a_folder, "big.toml"),
              os.path.join(b_folder, "report.toml")]
    merged = os.path.join(server.office_home, "merged-all.toml")
    out = server.ssh_run(server.office, server.bin, "merge", *inputs, "-o", merged,
                         "--agency", "某县人民政府办公室")
    said = text_of(out)
    named = [line for line in said.splitlines() if "big.toml:" in line]
    if out.returncode != 1 or not named or "4294967307" not in named[0] or os.path.exists(merged):
        raise Failure(f"office: merge with big.toml: exit {out.returncode}:\n{said}")
    say(f"office: merge with a/big.toml refused, naming it: {named[0].strip()}")
    out = server.ssh_run(server.office, server.bin, "merge", *inputs, "-o", merged,
                         "--agency", "某县人民政府办公室", "--skip-invalid")
    said = text_of(out)
    if out.returncode != 0 or "big.toml" not in said:
        raise Failure(f"office: merge --skip-invalid: exit {out.returncode}:\n{said}")
    with open(merged, "rb") as f:
        data = tomllib.load(f)
    natural = data["applications"]["new_received"]["natural"]
    mode = os.stat(merged).st_mode & 0o777
    if natural != 12 or mode & 0o007:
        raise Failure(f"office: merge --skip-invalid: 自然人 {natural}, mode {mode:o}")
    say(f"office: merge --skip-invalid left a/big.toml out and wrote {merged} "
        f"(mode {mode:o}): 本年新收 自然人 7 + 5 = {natural}")


def rescue_is_the_offices_to_read(server):
    """A report made read-only (by the office's administrator, say): A's
    answer goes to a rescue copy beside it that the office can read, and the
    last word asks A to contact the office, with no shell command in it."""
    a, folder = server.a, server.folder[server.a]
    report = os.path.join(folder, "f4.toml")
    os.chmod(report, 0o444)
    out = plain_over_ssh(server, a, "edit --plain f4.toml", "改名局\n:q\n".encode())
    said = text_of(out)
    rescues = [f for f in os.listdir(folder) if f.startswith("f4.unsaved-")]
    if out.returncode == 0 or "请联系汇总报告的办公室" not in said or "cp " in said or not rescues:
        raise Failure(f"A, a read-only report: exit {out.returncode}, copies {rescues}:\n{said}")
    rescue = os.path.join(folder, rescues[0])
    st = os.stat(rescue)
    group, mode = grp.getgrgid(st.st_gid).gr_name, st.st_mode & 0o777
    read = subprocess.run(["runuser", "-u", server.office, "--", "cat", rescue],
                          capture_output=True, timeout=WAIT)
    if group != server.office_group or mode != 0o640 or "改名局" not in read.stdout.decode():
        raise Failure(f"{rescue}: group {group}, mode {mode:o}, the office read: {text_of(read)}")
    last = [line for line in said.splitlines() if "请联系" in line][0].strip()
    say(f"A, a read-only report: kept in {rescues[0]} ({group}, {mode:o}, the office reads it): "
        f"{last}")


def config_is_the_example(server):
    with open(server.config, encoding="utf-8") as f:
        made = f.read()
    with open(EXAMPLE_CONFIG, encoding="utf-8") as f:
        example = f.read()
    for account, name in zip((server.a, server.b), EXAMPLE_ACCOUNTS):
        made = made.replace(f'{account} = "{server.folder[account]}"',
                            f'{name} = "{EXAMPLE_ROOT}/{name}"')
    if made != example:
        raise Failure(f"add-department.sh wrote, with the example's names:\n{made}\n"
                      f"which is not {EXAMPLE_CONFIG}:\n{example}")
    say("deploy/add-department.sh wrote deploy/departments.toml (with this run's names and paths)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "debug", "nianbao"))
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    started = time.monotonic()
    if os.geteuid() != 0:
        sys.exit("needs root: it makes accounts and groups (CI runs it as root)")
    for tool in ("ssh", "scp", "sftp", "ssh-keygen", "tmux", "useradd", "runuser"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found (Debian: apt-get install openssh-server openssh-client tmux)")
    if not os.access(SSHD, os.X_OK):
        sys.exit(f"{SSHD} not found (Debian: apt-get install openssh-server)")
    binary = os.path.abspath(a.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} not found: run cargo build first")
    # Not under /tmp: with StrictModes, sshd refuses keys below a folder
    # others can write in (as it would on a real server).
    tmp = tempfile.mkdtemp(prefix="nianbao-departments-", dir="/run")
    # The department accounts pass through it to their folders and the binary.
    os.chmod(tmp, 0o755)
    server = Server(tmp, binary)
    tmux = Tmux(tmp)
    ok = False
    try:
        server.preflight()
        server.make_keys()
        server.add_departments()
        server.add_office()
        server.start_sshd()
        department_session(server, tmux, server.a, "甲局", 7,
                           while_open=lambda: office_sees_a_open(server))
        department_session(server, tmux, server.b, B_SECRET, 5)
        a_cannot_reach_b(server)
        office_merges(server)
        home_is_not_the_departments(server)
        no_environment_or_forwarding(server)
        no_agent_or_x11(server)
        no_copying_in(server)
        huge_stdin_ends_at_once(server)
        hostile_names_and_too_many_files(server)
        office_is_not_blocked_or_misled(server)
        rescue_is_the_offices_to_read(server)
        config_is_the_example(server)
        ok = True
    except (Failure, subprocess.SubprocessError, OSError, KeyError, ValueError) as e:
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        print("--- sshd log (last lines) ---", file=sys.stderr)
        print("\n".join(server.read_log().splitlines()[-20:]), file=sys.stderr)
    finally:
        tmux.kill_server()
        server.stop_sshd()
        try:
            server.remove_accounts()
        except Failure as e:
            ok = False
            print(f"FAILED: {e}", file=sys.stderr)
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"departments over ssh: {'passed' if ok else 'FAILED'} in {time.monotonic() - started:.1f} s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
