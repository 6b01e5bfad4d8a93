//! The comparison as a document tree ([`crate::render::Document`]), which
//! the render writers print as HTML, DOCX and Markdown: they escape every
//! text, and every text from a report enters the tree through
//! [`crate::render::clean`] (no control characters), as in `render`.

use super::diff::{Change, Comparison, TextChange, signed, signed_percent};
use super::folders::Unpaired;
use super::messages as m;
use super::text::field_label;
use crate::render::{Block, Cell, Document, Span, Table, clean};
use crate::schema::Lang;

/// One comparison.
pub fn document(cmp: &Comparison, lang: Lang) -> Document {
    let mut blocks = Vec::new();
    one(cmp, false, lang, &mut blocks);
    Document {
        title: clean(&m::title(&cmp.agency, cmp.last_year, cmp.this_year, lang)),
        blocks,
    }
}

/// Many comparisons: the overview, then each.
pub fn many(cmps: &[Comparison], unpaired: &Unpaired, lang: Lang) -> Document {
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: m::overview(lang).into(),
    }];
    let head = m::overview_header(lang);
    let body = cmps
        .iter()
        .map(|c| {
            let [agency, rest @ ..] = c.overview_cells(lang);
            let mut row = vec![Cell::label(&agency, 1, 1)];
            row.extend(rest.iter().map(|v| Cell::number(v)));
            row
        })
        .collect();
    blocks.push(Block::Table(Table {
        caption: None,
        width: head.len(),
        label_columns: 1,
        head: vec![head.iter().map(|h| Cell::label(h, 1, 1)).collect()],
        body,
    }));
    for line in unpaired.sentences(lang) {
        blocks.push(paragraph(&line));
    }
    for cmp in cmps {
        one(cmp, true, lang, &mut blocks);
    }
    Document {
        title: m::many_title(cmps.len(), lang),
        blocks,
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph(vec![Span {
        text: clean(text),
        strong: false,
    }])
}

fn run_in(head: &str, text: &str) -> Block {
    Block::Paragraph(vec![
        Span {
            text: clean(head),
            strong: true,
        },
        Span {
            text: clean(text),
            strong: false,
        },
    ])
}

/// One comparison's blocks; with `titled`, its title as a first heading.
fn one(cmp: &Comparison, titled: bool, lang: Lang, blocks: &mut Vec<Block>) {
    if titled {
        blocks.push(Block::Heading {
            level: 1,
            text: clean(&m::title(&cmp.agency, cmp.last_year, cmp.this_year, lang)),
        });
    }
    blocks.push(paragraph(&m::files(&cmp.last_name, &cmp.this_name, lang)));

    blocks.push(heading(m::key_figures(lang), titled));
    let rows = cmp
        .key_figures
        .iter()
        .map(|k| {
            let mut label = k.label.get(lang).to_string();
            if let Some((last, this)) = k.share {
                let pct = |p: Option<rust_decimal::Decimal>| {
                    p.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())
                };
                label = format!("{label}（{}）", m::share(&pct(last), &pct(this), lang));
            }
            figure_row(&label, k.change, lang)
        })
        .collect();
    blocks.push(Block::Table(figure_table(cmp, rows, lang)));

    blocks.push(heading(m::changed_cells(lang), titled));
    if cmp.changed.is_empty() {
        blocks.push(paragraph(m::nothing_changed(lang)));
    } else {
        blocks.push(paragraph(&m::changed_count(
            cmp.changed.len(),
            cmp.unchanged,
            lang,
        )));
        let rows = cmp
            .changed
            .iter()
            .map(|c| figure_row(&cell_label(c.cell, lang), c.change, lang))
            .collect();
        blocks.push(Block::Table(figure_table(cmp, rows, lang)));
    }

    blocks.push(heading(m::texts(lang), titled));
    if cmp.texts.is_empty() {
        blocks.push(paragraph(m::no_texts(lang)));
    }
    for t in &cmp.texts {
        text_blocks(t, lang, blocks);
    }

    blocks.push(heading(m::findings(lang), titled));
    if cmp.findings.is_empty() {
        blocks.push(paragraph(m::no_findings(lang)));
    }
    for f in &cmp.findings {
        let sev = m::severity(f.severity == crate::problem::Severity::Error, lang);
        blocks.push(run_in(
            &format!("[{}] {sev}{}", f.rule, m::colon(lang)),
            &format!("{}{}{}", f.place, m::colon(lang), f.message),
        ));
    }
}

fn heading(text: &str, nested: bool) -> Block {
    Block::Heading {
        level: if nested { 2 } else { 1 },
        text: text.into(),
    }
}

/// `三、收到和处理政府信息公开申请情况 / 一、本年新收… / 自然人`.
pub fn cell_label(cell: crate::schema::CellId, lang: Lang) -> String {
    let (section, def) = crate::schema::tables()
        .nth(cell.table)
        .expect("a table of the schema");
    let mut parts = vec![section.heading(lang)];
    let caption = def.caption.get(lang);
    if !caption.is_empty() {
        parts.push(caption.to_string());
    }
    parts.push(cell.label(lang));
    parts.join(" / ")
}

fn figure_table(cmp: &Comparison, body: Vec<Vec<Cell>>, lang: Lang) -> Table {
    let head = m::figure_header(cmp.last_year, cmp.this_year, lang);
    Table {
        caption: None,
        width: 5,
        label_columns: 1,
        head: vec![head.iter().map(|h| Cell::label(h, 1, 1)).collect()],
        body,
    }
}

fn figure_row(label: &str, c: Change, lang: Lang) -> Vec<Cell> {
    let pct = match (c.is_jump(), c.percent()) {
        (true, _) => format!("{} ※", c.words(lang)),
        (false, Some(p)) if c.last != c.this => signed_percent(p),
        (false, _) => c.words(lang),
    };
    vec![
        Cell::label(label, 1, 1),
        Cell::number(&c.last.to_string()),
        Cell::number(&c.this.to_string()),
        Cell::number(&signed(c.difference())),
        Cell::number(&pct),
    ]
}

fn text_blocks(t: &TextChange, lang: Lang, blocks: &mut Vec<Block>) {
    let summary = super::text::summary(t, lang);
    let label = t.field.map(|f| field_label(f, lang)).unwrap_or_default();
    blocks.push(run_in(&format!("{label}{}", m::colon(lang)), &summary));
    for (word, sentences) in [
        (m::kept(lang), &t.kept),
        (m::added(lang), &t.added),
        (m::removed(lang), &t.removed),
    ] {
        for s in sentences {
            blocks.push(paragraph(&m::quoted(word, s, lang)));
        }
    }
}
