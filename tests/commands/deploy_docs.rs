//! The deployment the README and docs/DEPLOY.md show is the one
//! tests/ssh/departments_e2e.py runs: the files under deploy/ appear in
//! them word for word, and the forced command they name parses.

use std::fs;

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_docs_show_the_tested_files_verbatim() {
    let snippet = read("deploy/sshd_config.snippet");
    let config = read("deploy/departments.toml");
    let deploy = read("docs/DEPLOY.md");
    let readme = read("README.md");
    assert!(
        deploy.contains(&format!("```\n{snippet}```")),
        "docs/DEPLOY.md lacks deploy/sshd_config.snippet as it is"
    );
    assert!(
        deploy.contains(&format!("```toml\n{config}```")),
        "docs/DEPLOY.md lacks deploy/departments.toml as it is"
    );
    assert!(
        readme.contains(&format!("```\n{snippet}```")),
        "README.md lacks deploy/sshd_config.snippet as it is"
    );
    assert!(readme.contains("docs/DEPLOY.md") && readme.contains("docs/STATUS.md"));
}

#[test]
fn the_forced_command_is_one_nianbao_accepts() {
    let snippet = read("deploy/sshd_config.snippet");
    let line = snippet
        .lines()
        .find_map(|l| l.trim().strip_prefix("ForceCommand "))
        .expect("a ForceCommand line");
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(words[0], "/usr/local/bin/nianbao");
    use clap::Parser;
    let cli = nianbao::cli::Cli::try_parse_from(words).unwrap();
    let Some(nianbao::cli::Command::Edit {
        confine: Some(config),
        ..
    }) = cli.command
    else {
        panic!("the forced command is not edit --confine: {line}");
    };
    assert_eq!(
        config,
        std::path::Path::new("/etc/nianbao/departments.toml")
    );
    // The example configuration is one the confined wizard reads.
    let dir = tempfile::tempdir().unwrap();
    let example = read("deploy/departments.toml");
    let root = dir.path().display().to_string();
    let config = dir.path().join("departments.toml");
    fs::write(&config, example.replace("/srv/nianbao", &root)).unwrap();
    fs::create_dir(dir.path().join("jiaoyu")).unwrap();
    let request =
        nianbao::confine::resolve(&config, "jiaoyu", None, None, nianbao::schema::Lang::Zh)
            .unwrap();
    assert_eq!(request.file, dir.path().join("jiaoyu/report.toml"));
}

#[test]
fn the_scripts_that_add_accounts_are_valid_sh() {
    for script in ["deploy/add-department.sh", "deploy/add-office.sh"] {
        let status = std::process::Command::new("sh")
            .args(["-n", script])
            .status()
            .unwrap();
        assert!(status.success(), "{script}");
    }
}
