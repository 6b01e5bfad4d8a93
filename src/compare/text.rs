//! The comparison as text for a terminal: every line at most 80 columns
//! (a Chinese character is two), numbers right-aligned, long labels and
//! sentences wrapped, every text from a report made inert.

use super::diff::{Change, Comparison, TextChange, signed, signed_percent};
use super::folders::Unpaired;
use super::messages as m;
use crate::inert;
use crate::schema::{FieldId, Lang, field_set, field_sets};
use crate::width::{pad_left, pad_right, width, wrap};

/// The page width.
pub const COLUMNS: usize = 80;

/// Four number columns: last, this, change, percent.
const NUMBER: usize = 10;
const LABEL: usize = COLUMNS - 4 * NUMBER;

/// One or many comparisons; with many, the overview first.
pub fn write(cmps: &[Comparison], unpaired: Option<&Unpaired>, lang: Lang) -> String {
    let mut out = Vec::new();
    if let Some(unpaired) = unpaired {
        overview(cmps, unpaired, lang, &mut out);
    }
    for cmp in cmps {
        one(cmp, lang, &mut out);
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn push_wrapped(out: &mut Vec<String>, text: &str, indent: usize) {
    let pad = " ".repeat(indent);
    for line in wrap(&inert::line(text), COLUMNS - indent) {
        out.push(format!("{pad}{line}"));
    }
}

fn overview(cmps: &[Comparison], unpaired: &Unpaired, lang: Lang, out: &mut Vec<String>) {
    out.push(m::many_title(cmps.len(), lang));
    out.push(String::new());
    out.push(m::overview(lang).to_string());
    let h = m::overview_header(lang);
    let cols = [26, 10, 10, 10, 12, 12];
    out.push(row(&h.map(String::from), &cols));
    for c in cmps {
        let mut cells = c.overview_cells(lang);
        cells[0] = inert::line(&cells[0]);
        out.push(row(&cells, &cols));
    }
    for line in unpaired.sentences(lang) {
        push_wrapped(out, &line, 0);
    }
}

/// A row: the first column left-aligned, the rest right-aligned.
fn row(cells: &[String], widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
        if i == 0 {
            line += &pad_right(c, *w);
        } else {
            line += &pad_left(c, *w);
        }
    }
    line.trim_end().to_string()
}

fn one(cmp: &Comparison, lang: Lang, out: &mut Vec<String>) {
    if !out.is_empty() {
        out.push(String::new());
    }
    push_wrapped(
        out,
        &m::title(&cmp.agency, cmp.last_year, cmp.this_year, lang),
        0,
    );
    push_wrapped(out, &m::files(&cmp.last_name, &cmp.this_name, lang), 0);

    out.push(String::new());
    out.push(m::key_figures(lang).to_string());
    out.push(header(cmp, lang));
    for k in &cmp.key_figures {
        figure(out, k.label.get(lang), k.change, lang);
        if let Some((last, this)) = k.share {
            let pct = |p: Option<rust_decimal::Decimal>| {
                p.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())
            };
            push_wrapped(out, &m::share(&pct(last), &pct(this), lang), 2);
        }
    }

    out.push(String::new());
    out.push(m::changed_cells(lang).to_string());
    if cmp.changed.is_empty() {
        out.push(m::nothing_changed(lang).to_string());
    } else {
        push_wrapped(
            out,
            &m::changed_count(cmp.changed.len(), cmp.unchanged, lang),
            0,
        );
        out.push(header(cmp, lang));
        let mut table = usize::MAX;
        for c in &cmp.changed {
            if c.cell.table != table {
                table = c.cell.table;
                let def = c.cell.table_def();
                let (section, _) = crate::schema::tables()
                    .nth(table)
                    .expect("a table of the schema");
                let caption = def.caption.get(lang);
                let heading = format!("[{}] {caption}", section.heading(lang));
                out.push(heading.trim_end().to_string());
            }
            figure(out, &c.cell.label(lang), c.change, lang);
        }
    }

    out.push(String::new());
    out.push(m::texts(lang).to_string());
    if cmp.texts.is_empty() {
        out.push(m::no_texts(lang).to_string());
    }
    for t in &cmp.texts {
        text_change(out, t, lang);
    }

    out.push(String::new());
    out.push(m::findings(lang).to_string());
    if cmp.findings.is_empty() {
        out.push(m::no_findings(lang).to_string());
    }
    for f in &cmp.findings {
        let sev = m::severity(f.severity == crate::problem::Severity::Error, lang);
        push_wrapped(
            out,
            &format!("[{}] {sev}: {}: {}", f.rule, f.place, f.message),
            0,
        );
    }
}

fn header(cmp: &Comparison, lang: Lang) -> String {
    // The years alone: 上年（2023） does not fit a number's column.
    let mut h = m::figure_header(cmp.last_year, cmp.this_year, lang);
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    h[1] = year(cmp.last_year);
    h[2] = year(cmp.this_year);
    row(&h, &[LABEL, NUMBER, NUMBER, NUMBER, NUMBER])
}

/// A label with four numbers; a label too long for its column goes on lines
/// of its own above the numbers.
fn figure(out: &mut Vec<String>, label: &str, c: Change, lang: Lang) {
    let pct = match (c.is_jump(), c.percent()) {
        (true, _) => format!("{} ※", c.words(lang)),
        (false, Some(p)) if c.last != c.this => signed_percent(p),
        (false, _) => c.words(lang),
    };
    let numbers = [
        c.last.to_string(),
        c.this.to_string(),
        signed(c.difference()),
        pct,
    ];
    let label = inert::line(label);
    let shown = if width(&label) < LABEL - 1 {
        label
    } else {
        let lines = wrap(&label, COLUMNS - 2);
        let (last, first) = lines.split_last().expect("a line");
        out.extend(first.iter().map(|l| format!("  {l}")));
        if width(last) + 2 < LABEL - 1 {
            format!("  {last}")
        } else {
            out.push(format!("  {last}"));
            String::new()
        }
    };
    let mut cells = vec![shown];
    cells.extend(numbers);
    out.push(row(&cells, &[LABEL, NUMBER, NUMBER, NUMBER, NUMBER]));
}

/// `一、总体情况 / 主动公开情况`.
pub fn field_label(f: FieldId, lang: Lang) -> String {
    let set = field_set(f.set);
    let section = field_sets()
        .find(|(_, fs)| std::ptr::eq(*fs, set))
        .map(|(s, _)| s.heading(lang))
        .unwrap_or_default();
    format!("{section} / {}", f.field().label.get(lang))
}

/// The kept share of a text, `62%`.
/// One text's change in a sentence: kept, added and removed sentences and
/// how alike the two texts are (the text and the documents say the same).
pub fn summary(t: &TextChange, lang: Lang) -> String {
    m::text_summary(
        t.kept.len(),
        &kept_percent(t),
        t.added.len(),
        t.removed.len(),
        t.similarity,
        lang,
    )
}

fn kept_percent(t: &TextChange) -> String {
    if t.chars == 0 {
        return "—".into();
    }
    format!("{}%", t.kept_chars * 100 / t.chars)
}

fn text_change(out: &mut Vec<String>, t: &TextChange, lang: Lang) {
    if let Some(f) = t.field {
        push_wrapped(out, &field_label(f, lang), 0);
    }
    push_wrapped(out, &summary(t, lang), 2);
    for (word, sentences) in [
        (m::kept(lang), &t.kept),
        (m::added(lang), &t.added),
        (m::removed(lang), &t.removed),
    ] {
        for s in sentences {
            push_wrapped(out, &m::quoted(word, s, lang), 4);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_label_goes_above_its_numbers() {
        let mut out = Vec::new();
        let change = Change {
            last: 550.into(),
            this: 9487.into(),
        };
        figure(&mut out, &"很长的标签".repeat(10), change, Lang::Zh);
        assert!(out.len() >= 2, "{out:?}");
        assert!(out.iter().all(|l| width(l) <= COLUMNS), "{out:?}");
        assert!(out.last().unwrap().contains("9487"));
        assert!(out.last().unwrap().contains("×17 ※"));
    }
}
