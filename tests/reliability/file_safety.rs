//! Saving under adversity, with the real binary: permissions (umask, mode,
//! owner), symbolic links planted at temp names or at the report itself,
//! leftovers of an interrupted save, a read-only folder, a full disk, a
//! second editor, and a file changed by someone else while editing. In
//! every case the user's file is byte for byte what it was, unless the
//! user's own answer was saved to it, and nothing typed is lost.

use crate::common;

use common::needs::Need;
use common::session::Session;
use common::{
    BUSY, as_ordinary_user, chmod, mode_of, nianbao, plain_mode, run_printed_cp, snapshot,
};
use nianbao::schema::Lang;
use nianbao::store;
use std::fs;
use std::os::unix::fs::{MetadataExt, symlink};
use std::path::{Path, PathBuf};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// The agency the report at `path` names.
fn agency_of(path: &Path) -> String {
    let [agency, ..] = first_answers(path);
    agency
}

/// The first three answers of plain mode as the report at `path` holds
/// them: agency, year and level.
fn first_answers(path: &Path) -> [String; 3] {
    let report = store::load(path, Lang::En)
        .unwrap_or_else(|e| panic!("{e}"))
        .report;
    ["report.agency", "report.year", "report.level"].map(|p| report.text_at(p).to_string())
}

/// Runs the binary under a given umask.
fn with_umask(umask: &str) -> Vec<String> {
    vec![
        "sh".into(),
        "-c".into(),
        format!("umask {umask} && exec \"$0\" \"$@\""),
    ]
}

/// A new report — by plain mode, `merge`, `new` and `import` alike — gets
/// what the umask gives but never access for other accounts: on a shared
/// server every local account is "other". Rendered output follows the
/// umask alone (it is meant to be published).
#[test]
fn a_new_report_is_never_other_accounts_and_rendered_output_follows_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let busy = "examples/busy-city-bureau-2024.toml";
    for (umask, report_mode, render_mode) in [
        ("077", 0o600, 0o600),
        ("022", 0o640, 0o644),
        ("002", 0o660, 0o664),
        ("027", 0o640, 0o640),
    ] {
        let file = dir.path().join(format!("new-{umask}.toml"));
        let out = plain_mode(&file, "en")
            .stdin("测试局\n")
            .wrapped(&with_umask(umask))
            .go();
        assert_eq!(out.code(), Some(0), "{}", out.both());
        assert_eq!(mode_of(&file), report_mode, "plain mode, umask {umask}");
        let merged = dir.path().join(format!("merged-{umask}.toml"));
        let next = dir.path().join(format!("next-{umask}.toml"));
        let imported = dir.path().join(format!("imported-{umask}.toml"));
        let html = "tests/fixtures/busy-city-bureau-2024.html";
        for (what, args, written) in [
            (
                "merge",
                vec!["merge", busy, "--agency", "某县", "-o"],
                &merged,
            ),
            ("new", vec!["new", "--from", busy], &next),
            ("import", vec!["import", html, "-o"], &imported),
        ] {
            let out = nianbao(&args).arg(written).wrapped(&with_umask(umask)).go();
            assert!(
                out.code() != Some(2) && written.exists(),
                "{what}: {}",
                out.both()
            );
            assert_eq!(mode_of(written), report_mode, "{what}, umask {umask}");
        }
        let html = dir.path().join(format!("new-{umask}.html"));
        let out = nianbao(&["render", busy, "-o"])
            .arg(&html)
            .wrapped(&with_umask(umask))
            .go();
        assert_eq!(out.code(), Some(0), "{}", out.both());
        assert_eq!(mode_of(&html), render_mode, "render under umask {umask}");
    }
}

/// The office opening a department's report with `edit` only to look (it
/// may read the report but not write in the folder) and quitting: nothing
/// is written — no rescue copy in its home, no message of a failed save.
#[test]
fn looking_at_someone_elses_report_and_quitting_writes_nothing() {
    if !common::needs::have(Need::Root) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (folder, home) = (dir.path().join("dept"), dir.path().join("home"));
    fs::create_dir(&folder).unwrap();
    fs::create_dir(&home).unwrap();
    let file = folder.join("r.toml");
    fs::write(&file, BUSY).unwrap();
    for p in [&folder, &file] {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
    }
    chmod(&folder, 0o755);
    chmod(&file, 0o644);
    let home_str = home.to_str().unwrap();
    let s = Session::wizard_wrapped(
        &as_ordinary_user(),
        &["edit", "--lang", "en", file.to_str().unwrap()],
        &home,
        80,
        24,
        &[("HOME", home_str), ("TMPDIR", home_str)],
    );
    s.wait_for_screen("Agency", WAIT);
    s.send(b"\x1b[B\x1b[B");
    s.send(b"\x11");
    let (ended, out) = s.finish(WAIT);
    let out = String::from_utf8_lossy(&out);
    assert_eq!(ended.code, Some(0), "{out}");
    assert!(!out.contains("NOT SAVED"), "{out}");
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY);
    assert!(snapshot(&home).is_empty(), "{:?}", snapshot(&home).keys());
    assert_eq!(snapshot(&folder).len(), 1, "{:?}", snapshot(&folder).keys());
}

#[test]
fn an_existing_file_keeps_its_mode_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    // (A read-only file, 0444, is not replaced at all: `read_only_report`.)
    for mode in [0o600, 0o640, 0o664, 0o604] {
        let file = dir.path().join(format!("r{mode:o}.toml"));
        fs::write(&file, BUSY).unwrap();
        chmod(&file, mode);
        let out = plain_mode(&file, "en")
            .stdin("新名称局\n")
            .wrapped(&with_umask("077"))
            .go();
        assert_eq!(out.code(), Some(0), "{}", out.both());
        assert_eq!(agency_of(&file), "新名称局");
        assert_eq!(mode_of(&file), mode);
    }
}

/// Root can give a file to another user; whoever saves it afterwards must
/// hand it back to its owner and group, or colleagues lose their access.
#[test]
fn owner_and_group_are_kept_and_planted_links_in_shared_folders_refused() {
    if !common::needs::have(Need::Root) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    chmod(&file, 0o660);
    let out = plain_mode(&file, "en").stdin("新名称局\n").go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_eq!(agency_of(&file), "新名称局");
    let meta = fs::metadata(&file).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), mode_of(&file)),
        (65534, 65534, 0o660)
    );

    // A shared sticky folder like /tmp, where someone else planted a link
    // at the name we are about to write.
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    chmod(&shared, 0o1777);
    let victim = dir.path().join("victim.toml");
    fs::write(&victim, BUSY).unwrap();
    let planted = shared.join("r.toml");
    symlink(&victim, &planted).unwrap();
    std::os::unix::fs::lchown(&planted, Some(65534), Some(65534)).unwrap();
    let out = plain_mode(&planted, "en").stdin("新名称局\n").go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert!(out.err().contains("another user placed"), "{}", out.both());
    let render_md_to = |to: &Path| {
        nianbao(&[
            "render",
            "examples/busy-city-bureau-2024.toml",
            "--format",
            "md",
            "-o",
        ])
        .arg(to)
        .go()
    };
    let out = render_md_to(&shared.join("out.md"));
    assert_eq!(out.code(), Some(0), "{}", out.both());
    let planted_md = shared.join("planted.md");
    symlink(&victim, &planted_md).unwrap();
    std::os::unix::fs::lchown(&planted_md, Some(65534), Some(65534)).unwrap();
    let out = render_md_to(&planted_md);
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert_eq!(fs::read_to_string(&victim).unwrap(), BUSY);
}

/// Every name tempfile could pick has 62⁶ variants, so the test plants
/// links at a few thousand plausible ones and at the fixed names other
/// tools use; the O_EXCL proof for the exact name is the store unit test
/// `the_temp_file_is_created_exclusively_never_through_a_link`.
#[test]
fn links_planted_at_temp_names_are_neither_followed_nor_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let mut rng = common::Rng::new(7);
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut names: Vec<String> = (0..3000)
        .map(|_| {
            let random: String = (0..6)
                .map(|_| CHARS[rng.below(CHARS.len())] as char)
                .collect();
            format!(".r.toml.{random}.tmp")
        })
        .collect();
    names.extend(
        [
            ".r.toml.tmp",
            "r.toml.tmp",
            ".r.toml.swp",
            "r.toml~",
            ".r.toml..tmp",
        ]
        .map(String::from),
    );
    for (i, name) in names.iter().enumerate() {
        // Half to the victim, half to nowhere (a file created through it).
        if i % 2 == 0 {
            symlink(&victim, dir.path().join(name)).unwrap();
        } else {
            symlink(
                dir.path().join("created-through-link"),
                dir.path().join(name),
            )
            .unwrap();
        }
    }
    let before = snapshot(dir.path());
    let out = plain_mode(&file, "en").stdin("一局\n2024\n5\n二局\n").go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    let mut after = snapshot(dir.path());
    assert_eq!(agency_of(&file), "一局");
    assert!(after.remove("r.toml").is_some());
    let mut expected = before;
    expected.remove("r.toml");
    assert_eq!(
        after, expected,
        "a planted link was followed, replaced or removed"
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!dir.path().join("created-through-link").exists());
}

#[test]
fn a_report_behind_a_symbolic_link_is_written_where_the_link_points() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("r.toml"), BUSY).unwrap();
    // A linked folder, as users keep reports on a shared drive.
    symlink(&real, dir.path().join("reports")).unwrap();
    let via_folder = dir.path().join("reports/r.toml");
    let out = plain_mode(&via_folder, "en").stdin("经文件夹链接局\n").go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_eq!(agency_of(&real.join("r.toml")), "经文件夹链接局");
    let out = nianbao(&["render"])
        .arg(&via_folder)
        .arg("-o")
        .arg(dir.path().join("reports/r.html"))
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert!(real.join("r.html").is_file());

    // A linked file: the link stays a link, the file it names is updated.
    let link = dir.path().join("mine.toml");
    symlink("real/r.toml", &link).unwrap();
    let out = plain_mode(&link, "en").stdin("经文件链接局\n").go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(agency_of(&real.join("r.toml")), "经文件链接局");
    assert!(!dir.path().join(".mine.toml.lock").exists());

    // A link to nothing: refused before anything is asked, nothing created.
    let dangling = dir.path().join("dangling.toml");
    symlink("real/nothing.toml", &dangling).unwrap();
    let out = plain_mode(&dangling, "en").stdin("x\n").go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert!(out.err().contains("does not exist"), "{}", out.both());
    assert!(!real.join("nothing.toml").exists());
}

#[test]
fn leftovers_of_an_interrupted_save_break_nothing_and_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    // What SIGKILL between the temp write and the rename leaves: a partial
    // temp file (old), one from a moment ago, and a stale lock file.
    let stale = dir.path().join(".r.toml.Ab12Cd.tmp");
    let fresh = dir.path().join(".r.toml.Zz98Yy.tmp");
    fs::write(&stale, &BUSY[..BUSY.len() / 2]).unwrap();
    fs::write(&fresh, &BUSY[..100]).unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    fs::write(dir.path().join(".r.toml.lock"), "12345@elsewhere\n").unwrap();
    let out = nianbao(&["check"]).arg(&file).go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    let out = plain_mode(&file, "en").stdin("新名称局\n").go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_eq!(agency_of(&file), "新名称局");
    assert!(
        !stale.exists(),
        "a stale temp file is removed by the next editor"
    );
    assert!(fresh.exists(), "a recent one might still be written");
    assert!(!dir.path().join(".r.toml.lock").exists());
}

/// A `reports` folder in `dir` holding the busy example as `r.toml`; the
/// folder and the file.
fn reports_folder(dir: &Path) -> (PathBuf, PathBuf) {
    let folder = dir.join("reports");
    fs::create_dir(&folder).unwrap();
    let file = folder.join("r.toml");
    fs::write(&file, BUSY).unwrap();
    (folder, file)
}

/// Rescue copies in a folder.
fn rescues(folder: &Path) -> Vec<PathBuf> {
    fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("r.unsaved-"))
        .collect()
}

#[test]
fn a_folder_read_only_for_a_while_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let (folder, file) = reports_folder(dir.path());
    let (mut s, mut at) = Session::plain_as_ordinary_user(&folder, "r.toml", home.path(), WAIT);
    s.answer(&mut at, "第一局", WAIT);
    assert_eq!(agency_of(&file), "第一局");
    let saved = fs::read(&file).unwrap();

    chmod(&folder, 0o555);
    s.answer(&mut at, "2023", WAIT);
    let printed = String::from_utf8_lossy(&s.output()).into_owned();
    assert!(
        printed.contains("could not save to r.toml: permission denied"),
        "{printed}"
    );
    assert!(printed.contains("your work is safe in"), "{printed}");
    assert_eq!(fs::read(&file).unwrap(), saved, "the file is untouched");
    let rescue = rescues(home.path());
    assert_eq!(rescue.len(), 1, "{printed}");
    assert_eq!(mode_of(&rescue[0]), 0o600);
    assert_eq!(first_answers(&rescue[0])[..2], ["第一局", "2023"]);

    chmod(&folder, 0o755);
    s.answer(&mut at, "4", WAIT);
    let (code, printed) = s.close_and_finish(WAIT);
    assert_eq!(code, Some(0), "{printed}");
    assert!(
        printed.contains("saved to the file again; removed the rescue copy"),
        "{printed}"
    );
    assert_eq!(first_answers(&file), ["第一局", "2023", "city_government"]);
    assert!(rescues(home.path()).is_empty());
}

#[test]
fn a_folder_read_only_to_the_end_leaves_a_rescue_copy_and_says_how_to_put_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let (folder, file) = reports_folder(dir.path());
    let (mut s, mut at) = Session::plain_as_ordinary_user(&folder, "r.toml", home.path(), WAIT);
    chmod(&folder, 0o555);
    s.answer(&mut at, "第一局", WAIT);
    s.answer(&mut at, "2023", WAIT);
    let (code, printed) = s.close_and_finish(WAIT);
    chmod(&folder, 0o755);
    assert_eq!(code, Some(1), "{printed}");
    assert!(
        printed.contains("NOT SAVED to r.toml! Everything you entered is in"),
        "{printed}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY, "byte for byte");
    // Only the lock file, which could not be removed from the read-only folder.
    let names: Vec<String> = snapshot(&folder).into_keys().collect();
    assert_eq!(names, [".r.toml.lock", "r.toml"]);
    // The command it printed puts the answers back.
    run_printed_cp(&printed, &folder);
    assert_eq!(first_answers(&file)[..2], ["第一局", "2023"]);
}

#[test]
fn with_nowhere_to_write_the_report_is_printed_to_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, file) = reports_folder(dir.path());
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    let (mut s, mut at) = Session::plain_as_ordinary_user(&folder, "r.toml", &home, WAIT);
    for d in [&folder, &home] {
        chmod(d, 0o555);
    }
    s.answer(&mut at, "第一局", WAIT);
    let (code, printed) = s.close_and_finish(WAIT);
    for d in [&folder, &home] {
        chmod(d, 0o755);
    }
    assert_eq!(code, Some(1), "{printed}");
    assert!(printed.contains("kept in memory"), "{printed}");
    let begin = printed
        .find("-----BEGIN NIANBAO REPORT-----\n")
        .expect("a begin marker");
    let end = printed
        .find("-----END NIANBAO REPORT-----")
        .expect("an end marker");
    let copied = &printed[begin + 31..end];
    let report = nianbao::toml_read::read(copied, Lang::En).unwrap();
    assert!(report.is_editable());
    assert_eq!(report.report.text_at("report.agency"), "第一局");
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY);
}

#[test]
fn a_folder_read_only_from_the_start_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, file) = reports_folder(dir.path());
    chmod(&folder, 0o555);
    let out = plain_mode(&file, "en")
        .stdin("第一局\n")
        .wrapped(&as_ordinary_user())
        .go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert!(out.both().contains("is not writable"), "{}", out.both());
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY);
    assert_eq!(snapshot(&folder).len(), 1);
    // render -o into it: refused with a message, nothing written.
    let out = nianbao(&["render", "--lang", "en"])
        .arg(&file)
        .args(&["--format", "html", "-o"])
        .arg(folder.join("r.html"))
        .wrapped(&as_ordinary_user())
        .go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    chmod(&folder, 0o755);
    assert!(out.err().contains("permission denied"), "{}", out.both());
    assert_eq!(snapshot(&folder).len(), 1);
}

#[test]
fn a_second_editor_is_told_who_holds_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let mut first = Session::pipe(&["edit", "--plain", "--lang", "en", "r.toml"], dir.path());
    let mut at = first.wait_for("]: ", 0, WAIT);
    let out = plain_mode(&file, "en").stdin("第二个人\n").go();
    assert_eq!(out.code(), Some(1), "{}", out.both());
    let holder = format!("{}@{}", first.pid(), store::hostname());
    assert!(
        out.err()
            .contains(&format!("is open in another nianbao ({holder})")),
        "{}",
        out.both()
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY);
    first.answer(&mut at, "第一个人", WAIT);
    let (code, _) = first.close_and_finish(WAIT);
    assert_eq!(code, Some(0));
    assert_eq!(agency_of(&file), "第一个人");
    // Once the first has quit, the file is free again.
    let out = plain_mode(&file, "en").stdin("第二个人\n").go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_eq!(agency_of(&file), "第二个人");
}

#[test]
fn a_file_changed_by_someone_else_is_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let mut s = Session::pipe(&["edit", "--plain", "--lang", "en", "r.toml"], dir.path());
    let ours = dir.path().join(format!("r.conflict-{}.toml", s.pid()));
    let mut at = s.wait_for("]: ", 0, WAIT);
    s.answer(&mut at, "我的名称", WAIT);
    // Someone else saves the file with another editor meanwhile.
    let theirs = BUSY.replacen("示例市自然资源和规划局", "别人的名称", 1);
    fs::write(&file, &theirs).unwrap();
    s.answer(&mut at, "2023", WAIT);
    s.answer(&mut at, "4", WAIT);
    let (code, printed) = s.close_and_finish(WAIT);
    assert_eq!(code, Some(0), "{printed}");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        theirs,
        "theirs is untouched"
    );
    assert!(
        printed.contains("changed by someone else and was not overwritten"),
        "{printed}"
    );
    assert_eq!(
        first_answers(&ours),
        ["我的名称", "2023", "city_government"]
    );
}

/// The full-disk scenario, run inside a private mount namespace (as root,
/// or as anyone where user namespaces are allowed) on a 64 KiB tmpfs that
/// fills up while a plain session is open. Arguments: the folder to mount
/// on, the folder for results, the binary, the report to start from.
const FULL_DISK: &str = r#"
set -u
dir=$1 out=$2 bin=$3 orig=$4
mount -t tmpfs -o size=64k nianbao-full "$dir" || exit 90
cd "$dir"
cp "$orig" r.toml
mkdir -p "$out/home"
export HOME="$out/home" TMPDIR="$out/home"
wait_for() { # wait_for TEXT FILE: at most 20 s
  n=0; until grep -q "$1" "$2"; do n=$((n + 1)); [ $n -gt 400 ] && exit 91; sleep 0.05; done
}
mkfifo "$out/answers"
"$bin" edit --plain --lang en r.toml <"$out/answers" >"$out/plain.txt" 2>&1 &
plain=$!
exec 3>"$out/answers"
printf '%s\n' '第一局' >&3
wait_for 'Report year' "$out/plain.txt"
cp r.toml "$out/r-before-full.toml"
dd if=/dev/zero of=filler bs=4096 2>/dev/null
printf '%s\n' '2023' >&3
wait_for 'your work is safe in' "$out/plain.txt"
exec 3>&-
wait $plain; echo $? >"$out/plain.code"
"$bin" render --lang en r.toml -o out.html >"$out/render.txt" 2>&1; echo $? >"$out/render.code"
ls -A >"$out/listing-full.txt"
cp r.toml "$out/r-full.toml"
rm filler
sh -c "$(grep '^  cp ' "$out/plain.txt")" || exit 92
"$bin" check --lang en r.toml >"$out/check.txt" 2>&1; echo $? >"$out/check.code"
cp r.toml "$out/r-after.toml"
"#;

/// A disk that fills up while editing: the save fails with the system's
/// reason, the file stays as it was, the answers go to the rescue copy, the
/// rendered file is refused without a partial file, and the printed command
/// puts the answers back once there is room.
#[test]
fn a_disk_that_fills_up_while_editing_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("disk");
    let out = dir.path().join("out");
    fs::create_dir(&mount).unwrap();
    fs::create_dir(&out).unwrap();
    let example = std::env::current_dir()
        .unwrap()
        .join("examples/busy-city-bureau-2024.toml");
    if !common::needs::have(Need::PrivateMounts) {
        return;
    }
    let unshare = common::needs::private_mount_namespace().expect("checked above");
    // `timeout` bounds the whole scenario, whatever happens inside.
    let result = std::process::Command::new("timeout")
        .arg("120")
        .arg("unshare")
        .args(unshare)
        .args(["sh", "-c", FULL_DISK, "sh"])
        .arg(&mount)
        .arg(&out)
        .arg(common::bin())
        .arg(&example)
        .output()
        .expect("running unshare");
    assert_eq!(
        result.status.code(),
        Some(0),
        "the scenario failed in its namespace (unshare {}): {}",
        unshare.join(" "),
        String::from_utf8_lossy(&result.stderr).trim()
    );
    let read = |name: &str| fs::read_to_string(out.join(name)).unwrap();
    let plain = read("plain.txt");
    assert_eq!(read("plain.code").trim(), "1", "{plain}");
    assert!(
        plain.contains("could not save to r.toml: the disk is full (No space left on device"),
        "{plain}"
    );
    assert!(
        plain.contains("NOT SAVED to r.toml! Everything you entered is in"),
        "{plain}"
    );
    assert_eq!(
        read("r-full.toml"),
        read("r-before-full.toml"),
        "untouched while full"
    );
    assert_eq!(read("render.code").trim(), "2", "{}", read("render.txt"));
    assert!(
        read("render.txt").contains("No space left on device"),
        "{}",
        read("render.txt")
    );
    let listing: Vec<String> = read("listing-full.txt").lines().map(String::from).collect();
    assert_eq!(listing, ["filler", "r.toml"], "no partial or temp file");
    assert_eq!(read("check.code").trim(), "0", "{}", read("check.txt"));
    let report = nianbao::toml_read::read(&read("r-after.toml"), Lang::En)
        .unwrap()
        .report;
    assert_eq!(
        (
            report.text_at("report.agency"),
            report.text_at("report.year")
        ),
        ("第一局", "2023")
    );
}
