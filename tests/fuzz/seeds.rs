//! The seed corpus of each fuzz target, for the tests that run the fuzz
//! checks without the fuzzer (`fuzz_regressions`, `fuzz_smoke`):
//! `toml_loader` and `render` start from the examples; `import` from the
//! published-report fixtures (text and HTML), the dumps of the round trip
//! and the text, Markdown and HTML (with and without the chart) rendered
//! from both examples; `docx` from the DOCX fixtures and both examples
//! rendered as DOCX; `pdf` from the PDF fixtures.

use nianbao::render::{Format, build};
use nianbao::schema::Lang;

const EXAMPLES: [&str; 2] = [
    "examples/kunqu-commerce-2023.toml",
    "examples/busy-city-bureau-2024.toml",
];

/// `(name, bytes)` of each seed of a target.
pub fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    if target == "docx" || target == "pdf" {
        let mut files = fixtures_of("tests/fixtures", target);
        files.extend(fixtures_of("tests/fixtures/roundtrip", target));
        out.extend(files);
        if target == "docx" {
            for e in EXAMPLES {
                let text = std::fs::read_to_string(e).unwrap();
                let report = nianbao::toml_read::read(&text, Lang::Zh).unwrap().report;
                let doc = build::document(&report, build::Options { chart: false });
                out.push((format!("{e} rendered as DOCX"), Format::Docx.write(&doc)));
            }
        }
        return out;
    }
    if target != "import" {
        for e in EXAMPLES {
            out.push((e.to_string(), std::fs::read(e).unwrap()));
        }
        return out;
    }
    let mut fixtures: Vec<_> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt" || x == "html")
                && !p.to_string_lossy().contains("plain-answers")
        })
        .collect();
    fixtures.sort();
    for p in fixtures {
        out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
    }
    out.extend(fixtures_of("tests/fixtures/roundtrip", "txt"));
    for e in EXAMPLES {
        let text = std::fs::read_to_string(e).unwrap();
        let report = nianbao::toml_read::read(&text, Lang::Zh).unwrap().report;
        for (chart, format) in [
            (false, Format::Text),
            (false, Format::Markdown),
            (false, Format::Html),
            (true, Format::Html),
        ] {
            let doc = build::document(&report, build::Options { chart });
            out.push((
                format!(
                    "{e} rendered as {format:?}{}",
                    if chart { " with the chart" } else { "" }
                ),
                format.write(&doc),
            ));
        }
    }
    out
}

/// `(name, bytes)` of the files in `dir` whose extension is `ext`, by name.
fn fixtures_of(dir: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}
