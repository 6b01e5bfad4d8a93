//! Keeps the documentation honest (tests only):
//! - every `FORMAT.md §N` cited in `src/` has a heading with that number in
//!   docs/FORMAT.md, and when the citation names a rule id after the number
//!   (in backticks), that heading carries the same id;
//! - every relative link in README.md and docs/*.md leads to a file that
//!   exists, and to one of its headings when the link names one;
//! - README.md stays short enough for a user: [`README_MAX_LINES`] at most.
//!
//! The files are read at test time from the crate's folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The README is for users; everything longer belongs in docs/.
const README_MAX_LINES: usize = 300;

/// This file's name: its own tests spell out citations that are not meant
/// as citations, so the scan of `src/` leaves it out.
const THIS_FILE: &str = "doc_links.rs";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path as a message shows it: relative to the crate's folder.
fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A section of docs/FORMAT.md cited in a text: its number (`7.12`), the
/// rule id named after it, if any, and the 1-based line of the citation.
#[derive(Debug, PartialEq, Eq)]
struct Citation {
    section: String,
    rule_id: Option<String>,
    line: usize,
}

/// Every citation of docs/FORMAT.md in a text: `FORMAT.md §7`, `§7.12`,
/// a range `§7.13–§7.15` (both ends), a list `§7.1, §7.2` or `§7.1 and §7.2`,
/// each number optionally followed by a rule id in backticks.
fn citations(text: &str) -> Vec<Citation> {
    const MARK: &str = "FORMAT.md §";
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(MARK) {
            // From the `§` on: one number, then more while a separator and
            // another `§` follow.
            let mut s = &rest[at + MARK.len() - '§'.len_utf8()..];
            while let Some(after) = s.strip_prefix('§') {
                let len = after
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .unwrap_or(after.len());
                let section = after[..len].trim_end_matches('.');
                s = &after[len..];
                if section.is_empty() {
                    break;
                }
                let rule_id = s
                    .strip_prefix(" `")
                    .and_then(|t| t.split_once('`'))
                    .filter(|(id, _)| is_rule_id(id))
                    .map(|(id, tail)| {
                        s = tail;
                        id.to_string()
                    });
                out.push(Citation {
                    section: section.to_string(),
                    rule_id,
                    line: i + 1,
                });
                s = ["–", "-", ", ", " and ", " to "]
                    .iter()
                    .find_map(|sep| s.strip_prefix(sep).filter(|t| t.starts_with('§')))
                    .unwrap_or(s);
            }
            rest = s;
        }
    }
    out
}

/// A rule id is kebab-case: `carry-over`, `year-before-2021`.
fn is_rule_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The numbered headings of a Markdown text: `## 7. Rules` → ("7", the
/// whole heading), `### 7.12 …` → ("7.12", …).
fn numbered_headings(doc: &str) -> Vec<(String, String)> {
    doc.lines()
        .filter_map(|line| {
            let text = line.trim_start_matches('#');
            if text.len() == line.len() || !text.starts_with(' ') {
                return None;
            }
            let number = text.trim_start().split(' ').next()?.trim_end_matches('.');
            let numbered = !number.is_empty()
                && number.split('.').all(|n| n.parse::<u32>().is_ok())
                && number.chars().next().is_some_and(|c| c.is_ascii_digit());
            numbered.then(|| (number.to_string(), line.to_string()))
        })
        .collect()
}

/// What is wrong with the citations of one file against docs/FORMAT.md.
fn wrong_citations(file: &Path, text: &str, format_doc: &str) -> Vec<String> {
    let headings = numbered_headings(format_doc);
    citations(text)
        .into_iter()
        .filter_map(|c| {
            let place = format!("{}:{}", shown(file), c.line);
            let Some((_, heading)) = headings.iter().find(|(n, _)| *n == c.section) else {
                return Some(format!(
                    "{place}: FORMAT.md §{} has no heading in docs/FORMAT.md",
                    c.section
                ));
            };
            match &c.rule_id {
                Some(id) if !heading.contains(&format!("`{id}`")) => Some(format!(
                    "{place}: FORMAT.md §{} is \"{heading}\", not rule `{id}`",
                    c.section
                )),
                _ => None,
            }
        })
        .collect()
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// README.md and every Markdown file directly in docs/.
fn markdown_docs() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

/// The targets of the inline links and images of a Markdown text
/// (`[text](target)`, `![alt](target)`), outside fenced code blocks, with
/// the line of each.
fn link_targets(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            out.push((i + 1, after[..end].to_string()));
            rest = &after[end..];
        }
    }
    out
}

/// The anchor GitHub gives a heading: lower case, letters, digits, `-` and
/// `_` kept, spaces made `-`, everything else dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of every heading of a Markdown text (a repeated heading
/// gets `-1`, `-2`, … as on GitHub).
fn anchors(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let heading = line.trim_start_matches('#');
        if fenced || heading.len() == line.len() || !heading.starts_with(' ') {
            continue;
        }
        let base = anchor(heading);
        let times = seen.entry(base.clone()).or_default();
        out.push(match *times {
            0 => base,
            n => format!("{base}-{n}"),
        });
        *times += 1;
    }
    out
}

/// What is wrong with the relative links of one Markdown file.
fn broken_links(doc: &Path) -> Vec<String> {
    let text = read(doc);
    let folder = doc.parent().expect("a file in a folder");
    let mut out = Vec::new();
    for (line, target) in link_targets(&text) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target.as_str(), None),
        };
        let file = if path.is_empty() {
            doc.to_path_buf()
        } else {
            folder.join(path)
        };
        let place = format!("{}:{line}", shown(doc));
        if !file.exists() {
            out.push(format!("{place}: ({target}) leads to no file"));
            continue;
        }
        if let Some(fragment) = fragment
            && file.extension().is_some_and(|e| e == "md")
            && !anchors(&read(&file)).iter().any(|a| a == fragment)
        {
            out.push(format!("{place}: ({target}) leads to no heading"));
        }
    }
    out
}

#[test]
fn every_format_section_cited_in_src_has_its_heading() {
    let format_doc = read(&root().join("docs/FORMAT.md"));
    let mut cited = 0;
    let mut wrong = Vec::new();
    for file in rust_files(&root().join("src")) {
        if file.file_name().is_some_and(|n| n == THIS_FILE) {
            continue;
        }
        let text = read(&file);
        cited += citations(&text).len();
        wrong.extend(wrong_citations(&file, &text, &format_doc));
    }
    // The code cites several sections; finding none means the scan is broken.
    assert!(cited > 0, "no citation of FORMAT.md found in src/");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_citation_without_its_heading_is_caught() {
    let doc = "# F\n## 7. Rules\n### 7.12 `rules-count` — 规章\n## 8. The 2019 trial format\n";
    let at = Path::new("x.rs");
    let ok = "/// FORMAT.md §7.12 `rules-count`, and FORMAT.md §7–§8.";
    assert_eq!(wrong_citations(at, ok, doc), Vec::<String>::new());
    let missing = "// FORMAT.md §7.6: last year's report\n// (FORMAT.md §7.12–§9)";
    assert_eq!(
        wrong_citations(at, missing, doc),
        vec![
            "x.rs:1: FORMAT.md §7.6 has no heading in docs/FORMAT.md",
            "x.rs:2: FORMAT.md §9 has no heading in docs/FORMAT.md",
        ]
    );
    let renumbered = "// FORMAT.md §7.12 `carry-over`";
    assert_eq!(wrong_citations(at, renumbered, doc).len(), 1);
}

#[test]
fn citations_are_read_with_ranges_lists_and_rule_ids() {
    let found: Vec<(String, Option<String>)> = citations(
        "a (FORMAT.md §7.13–§7.15) b FORMAT.md §7.1, §7.2 and FORMAT.md §8.\n\
         FORMAT.md §7.12 `rules-count`: x; FORMAT.md §7 `not an id`",
    )
    .into_iter()
    .map(|c| (c.section, c.rule_id))
    .collect();
    let id = |s: &str| Some(s.to_string());
    assert_eq!(
        found,
        vec![
            ("7.13".into(), None),
            ("7.15".into(), None),
            ("7.1".into(), None),
            ("7.2".into(), None),
            ("8".into(), None),
            ("7.12".into(), id("rules-count")),
            ("7".into(), None),
        ]
    );
}

#[test]
fn every_relative_link_in_the_docs_leads_somewhere() {
    let docs = markdown_docs();
    assert!(docs.len() > 1, "no docs/*.md found");
    let broken: Vec<String> = docs.iter().flat_map(|d| broken_links(d)).collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn anchors_follow_github() {
    assert_eq!(anchor(" 7. Rules"), "7-rules");
    assert_eq!(
        anchor(" 2. `[meta]` (optional bookkeeping, not published)"),
        "2-meta-optional-bookkeeping-not-published"
    );
    assert_eq!(
        anchor(" 3.1 报告信息 — Report information"),
        "31-报告信息--report-information"
    );
    assert_eq!(
        anchors("# A\n## A-B\n## A\n```\n# not a heading\n```\n"),
        ["a", "a-b", "a-1"]
    );
    assert_eq!(
        link_targets("[a](b.md#c) ![i](images/x.png)\n```\n[z](nowhere)\n```"),
        [(1, "b.md#c".to_string()), (1, "images/x.png".to_string())]
    );
}

#[test]
fn the_readme_is_short() {
    let lines = read(&root().join("README.md")).lines().count();
    assert!(
        lines <= README_MAX_LINES,
        "README.md has {lines} lines; keep it to {README_MAX_LINES} and move the rest to docs/"
    );
}
