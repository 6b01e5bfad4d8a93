//! The confined wizard's decisions: which file, which flags, what is refused.

use super::*;
use std::fs;

/// A config with accounts `a` and `b`, their folders, and a folder outside.
struct Setup {
    dir: tempfile::TempDir,
    config: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a", "b", "elsewhere"] {
            fs::create_dir(dir.path().join(f)).unwrap();
        }
        let config = dir.path().join("departments.toml");
        fs::write(
            &config,
            format!(
                "[accounts]\na = \"{0}/a\"\nb = \"{0}/b\"\n",
                dir.path().display()
            ),
        )
        .unwrap();
        Setup { dir, config }
    }

    fn folder(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn ask(&self, account: &str, command: Option<&str>) -> Result<Request, String> {
        resolve(&self.config, account, command, None, Lang::En)
    }
}

#[test]
fn no_command_opens_the_default_report_in_the_accounts_folder() {
    let s = Setup::new();
    let r = s.ask("a", None).unwrap();
    assert_eq!(r.file, s.folder("a").join("report.toml"));
    assert!(!r.plain);
    assert_eq!(s.ask("a", Some("  ")).unwrap().file, r.file);
}

#[test]
fn the_wizards_own_flags_and_a_file_name_are_taken() {
    let s = Setup::new();
    let r = s
        .ask("a", Some("edit --plain --lang zh --ascii 2023.toml"))
        .unwrap();
    assert_eq!(r.file, s.folder("a").join("2023.toml"));
    assert!(r.plain && r.ascii && !r.no_color);
    assert_eq!(r.lang, Lang::Zh);
    let r = s
        .ask("a", Some("nianbao edit '我的_报告-2024.toml'"))
        .unwrap();
    assert_eq!(r.file, s.folder("a").join("我的_报告-2024.toml"));
    // The folder's own path, written out, is inside too.
    let own = s.folder("a").join("x.toml");
    let r = s
        .ask("a", Some(&format!("edit {}", own.display())))
        .unwrap();
    assert_eq!(r.file, own);
}

#[test]
fn another_departments_report_is_refused_by_every_spelling() {
    let s = Setup::new();
    let b = s.folder("b").join("report.toml");
    fs::write(&b, "").unwrap();
    let link = s.folder("a").join("link.toml");
    std::os::unix::fs::symlink(&b, &link).unwrap();
    for asked in [
        format!("edit {}", b.display()),
        "edit ../b/report.toml".to_string(),
        format!("edit {}/../b/report.toml", s.folder("a").display()),
        "edit link.toml".to_string(),
        format!("edit {}", s.folder("elsewhere").join("r.toml").display()),
    ] {
        let e = s.ask("a", Some(&asked)).unwrap_err();
        assert!(
            e.contains("can only edit reports in the folder"),
            "{asked}: {e}"
        );
    }
}

#[test]
fn other_commands_and_hidden_or_odd_names_are_refused() {
    let s = Setup::new();
    for asked in [
        "cat ../b/report.toml",
        "scp -f ../b/report.toml",
        "/usr/lib/openssh/sftp-server",
        "internal-sftp",
        "ls",
        "render report.toml -o x.html",
        "check ../b/report.toml",
        "edit --confine /tmp/mine.toml report.toml",
        "edit a.toml b.toml",
        "edit 'unclosed",
    ] {
        let e = s.ask("a", Some(asked)).unwrap_err();
        assert!(
            e.contains("can only edit its department's reports"),
            "{asked}: {e}"
        );
    }
    for asked in ["edit .report.toml.lock", "edit notes.txt", "edit .toml"] {
        let e = s.ask("a", Some(asked)).unwrap_err();
        assert!(
            e.contains("is not the name of a report file"),
            "{asked}: {e}"
        );
    }
}

#[test]
fn an_account_not_in_the_config_or_a_bad_config_is_said() {
    let s = Setup::new();
    let e = s.ask("c", None).unwrap_err();
    assert!(e.contains("the account c has no report folder"), "{e}");
    fs::write(&s.config, "[accounts]\na = 3\n").unwrap();
    let e = s.ask("a", None).unwrap_err();
    assert!(e.contains("cannot read the configuration file"), "{e}");
    let missing = resolve(
        Path::new("/nonexistent/nianbao.toml"),
        "a",
        None,
        None,
        Lang::Zh,
    );
    assert!(missing.unwrap_err().contains("无法读取配置文件"));
}

#[test]
fn a_missing_folder_is_said() {
    let s = Setup::new();
    fs::remove_dir(s.folder("b")).unwrap();
    let e = s.ask("b", None).unwrap_err();
    assert!(e.contains("does not exist"), "{e}");
}

#[test]
fn names_with_invisible_characters_spaces_or_too_long_are_refused() {
    let s = Setup::new();
    for name in [
        "a\u{1b}[31mred.toml",
        "bell\u{7}.toml",
        "two\nlines.toml",
        "rlo\u{202e}lmth.toml",
        "zero\u{200b}width.toml",
        "我的 报告.toml",
        "a;b.toml",
    ] {
        let asked = format!("edit '{name}'");
        let e = s.ask("a", Some(&asked)).unwrap_err();
        assert!(
            e.contains("cannot be a report's file name"),
            "{name:?}: {e}"
        );
        assert!(
            !e.chars()
                .any(|c| c.is_control() || crate::inert::is_invisible(c)),
            "{e:?}"
        );
    }
    let longest = format!("{}.toml", "报".repeat(NAME_CHARS_MAX - 5));
    assert!(s.ask("a", Some(&format!("edit {longest}"))).is_ok());
    let too_long = format!("{}.toml", "报".repeat(NAME_CHARS_MAX - 4));
    assert!(s.ask("a", Some(&format!("edit {too_long}"))).is_err());
    assert!(is_report_name("2024年报_v2.1.toml"));
}

#[test]
fn a_new_report_beyond_the_folders_count_is_refused_and_existing_ones_open() {
    let s = Setup::new();
    for i in 1..=DEFAULT_MAX_REPORTS {
        assert!(s.ask("a", Some(&format!("edit f{i}.toml"))).is_ok());
        fs::write(s.folder("a").join(format!("f{i}.toml")), "").unwrap();
    }
    let e = s.ask("a", Some("edit f6.toml")).unwrap_err();
    assert!(
        e.contains("holds 5 reports") && e.contains("ask the office"),
        "{e}"
    );
    assert!(s.ask("a", Some("edit f1.toml")).is_ok());
    // Other departments are not affected; the key raises the limit.
    assert!(s.ask("b", Some("edit f6.toml")).is_ok());
    let config = fs::read_to_string(&s.config).unwrap();
    fs::write(&s.config, format!("max_reports = 6\n{config}")).unwrap();
    assert!(s.ask("a", Some("edit f6.toml")).is_ok());
}

#[test]
fn a_folder_beyond_its_size_opens_nothing() {
    let s = Setup::new();
    let config = fs::read_to_string(&s.config).unwrap();
    fs::write(&s.config, format!("max_folder_mib = 1\n{config}")).unwrap();
    let big = fs::File::create(s.folder("a").join("report.toml")).unwrap();
    big.set_len(1024 * 1024 + 1).unwrap();
    let e = s.ask("a", None).unwrap_err();
    assert!(
        e.contains("more than the 1 MiB it may") && e.contains("office"),
        "{e}"
    );
    assert!(s.ask("b", None).is_ok());
}

#[test]
fn an_account_s_terminal_encoding_comes_from_the_config_or_the_client() {
    use crate::wire::Wire;
    let s = Setup::new();
    let text = fs::read_to_string(&s.config).unwrap();
    fs::write(&s.config, format!("{text}\n[encoding]\na = \"gb18030\"\n")).unwrap();
    assert_eq!(s.ask("a", None).unwrap().encoding, Some(Wire::Gb18030));
    assert_eq!(s.ask("b", None).unwrap().encoding, None);
    let asked = s.ask("a", Some("edit --encoding utf-8")).unwrap();
    assert_eq!(asked.encoding, Some(Wire::Utf8));
    let asked = s.ask("b", Some("nianbao --encoding gb18030 edit")).unwrap();
    assert_eq!(asked.encoding, Some(Wire::Gb18030));
    fs::write(&s.config, format!("{text}\n[encoding]\na = \"latin1\"\n")).unwrap();
    let refused = s.ask("a", None).unwrap_err();
    assert!(refused.contains("latin1"), "{refused}");
}
