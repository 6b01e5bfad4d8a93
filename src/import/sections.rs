//! Walking a document's blocks: section headings (一、…六、), the numbered
//! sub-parts of 一 and 六 (`（一）主动公开情况：…`, or the heading on its own
//! line), and which text field each paragraph belongs to. Headings are
//! recognised by their number and by matching the schema's titles, so
//! reworded ones (`五、政府信息公开工作存在的主要问题及改进情况`) are found.
//! Tables go to [`super::tables`], the opening paragraph to [`super::text`].

use super::normalize::{best_match, best_match_ranked, clean_text, label_key};
use super::tables::Placer;
use super::{Block, Imported, Source, Unplaced};
use crate::model::Report;
use crate::schema::{self, FieldId, Lang, Part, SECTIONS, Section};
use std::collections::BTreeMap;

/// The state of one import.
pub struct Importer {
    lang: Lang,
    section: Option<&'static Section>,
    field: Option<FieldId>,
    front: Vec<String>,
    texts: BTreeMap<FieldId, Vec<String>>,
    tables: Placer,
    ignored: Vec<(Source, String)>,
    notes: Vec<String>,
    unplaced: Vec<Unplaced>,
}

impl Importer {
    pub fn new(lang: Lang) -> Importer {
        Importer {
            lang,
            section: None,
            field: None,
            front: Vec::new(),
            texts: BTreeMap::new(),
            tables: Placer::new(lang),
            ignored: Vec::new(),
            notes: Vec::new(),
            unplaced: Vec::new(),
        }
    }

    /// Reads every block; the result is not validated yet.
    pub fn run(mut self, blocks: &[Block]) -> Imported {
        for block in blocks {
            match block {
                Block::Text { text, at } => self.line(text, *at),
                Block::Table { rows, aligned } => self.tables.place(rows, *aligned, self.section),
            }
        }
        let mut report = Report::empty();
        let mut notes = super::text::front_matter(&self.front, &mut report, self.lang);
        for (field, paragraphs) in &self.texts {
            report.set_text(*field, paragraphs.join("\n"));
        }
        self.tables.finish(&mut report);
        notes.append(&mut self.notes);
        notes.append(&mut self.tables.notes);
        for (at, text) in &self.ignored {
            notes.push(match self.lang {
                Lang::Zh => format!("{}的文字未放入报告：{text}", at.describe(self.lang)),
                Lang::En => format!("text at {} was left out: {text}", at.describe(self.lang)),
            });
        }
        let mut unplaced = self.unplaced;
        unplaced.append(&mut self.tables.unplaced);
        Imported {
            report,
            unplaced,
            problems: Vec::new(),
            source_problems: std::mem::take(&mut self.tables.problems),
            notes,
            refused: None,
            placed: self.tables.placed_count(),
            kept_totals: std::mem::take(&mut self.tables.kept_totals),
        }
    }

    fn line(&mut self, raw: &str, at: Source) {
        let text = clean_text(raw);
        if text.is_empty() {
            return;
        }
        if let Some(section) = heading(&text, self.section) {
            self.section = Some(section);
            self.field = section_fields(section).find(|f| !f.field().subpart);
            return;
        }
        let Some(section) = self.section else {
            self.front.push(text);
            return;
        };
        if let Some((field, rest)) = self.subpart(section, &text, at) {
            self.field = Some(field);
            if !rest.is_empty() {
                self.texts.entry(field).or_default().push(rest);
            }
            return;
        }
        if is_table_section(section) {
            // A table section: captions and notes carry no values.
            if super::tables::is_caption(&text, Some(section))
                || super::tables::is_header_fragment(&text, Some(section))
            {
                return;
            }
            if text.chars().any(|c| c.is_ascii_digit()) {
                self.unplaced.push(Unplaced {
                    at,
                    raw: raw.trim().to_string(),
                    reason: self
                        .lang
                        .pick(
                            "表格之外的数字，无法判断所属的单元格",
                            "numbers outside a table: their cells cannot be told",
                        )
                        .to_string(),
                });
            } else {
                self.ignored.push((at, text));
            }
            return;
        }
        let field = match self.field {
            Some(f) => f,
            None => match self.unheaded(section, &text, at) {
                Some(f) => f,
                None => return,
            },
        };
        self.texts.entry(field).or_default().push(text);
    }

    /// The field of a paragraph of 六 before any sub-part heading: a
    /// sentence about 信息处理费 is the fee field's (published reports often
    /// give 六 that one sentence), anything else the section's own catch-all
    /// field, which bears the section's title.
    fn unheaded(&mut self, section: &Section, text: &str, at: Source) -> Option<FieldId> {
        let last = section_fields(section).last()?;
        let fees = schema::find_field(schema::REVIEW_ROLES.fee_text)?;
        if section_fields(section).any(|f| f == fees) && text.contains("信息处理费") {
            self.notes.push(match self.lang {
                Lang::Zh => format!(
                    "{}关于信息处理费的文字已放入“{}”",
                    at.describe(self.lang),
                    fees.field().label.zh
                ),
                Lang::En => format!(
                    "the text about information processing fees at {} was put in “{}”",
                    at.describe(self.lang),
                    fees.field().label.en
                ),
            });
            return Some(fees);
        }
        Some(last)
    }

    /// A numbered sub-part line of `section`: `（一）主动公开情况：text` or a
    /// heading alone. Returns the field and the text after the heading.
    fn subpart(&mut self, section: &Section, text: &str, at: Source) -> Option<(FieldId, String)> {
        let rest = text.strip_prefix(['（', '('])?;
        let close = rest.find(['）', ')'])?;
        let number = &rest[..close];
        if number.is_empty() || !number.chars().all(is_chinese_digit) {
            return None;
        }
        let rest = rest[close..].chars().skip(1).collect::<String>();
        let fields: Vec<(FieldId, [&str; 2])> = section_fields(section)
            .filter(|f| f.field().subpart)
            .map(|f| (f, [f.field().label.zh, f.field().label.en]))
            .collect();
        let options = || fields.iter().map(|(f, l)| (*f, &l[..]));
        let named = |title: &str| best_match(&common_wording(title), options());
        // A run-in heading ends at the first `：`, `。` or space (within a
        // heading's length); try each such end, then the whole line.
        let ends: Vec<usize> = rest
            .char_indices()
            .take(30)
            .filter(|(_, c)| matches!(c, '：' | '。' | ':' | ' '))
            .map(|(i, _)| i)
            .collect();
        let after = |i: usize| {
            rest[i..]
                .chars()
                .skip(1)
                .collect::<String>()
                .trim()
                .to_string()
        };
        let run_in = ends
            .iter()
            .find_map(|&i| named(&rest[..i]).map(|f| (f, after(i))))
            // Spaces between Chinese characters are gone after cleaning:
            // the format's own title straight before the text.
            .or_else(|| {
                let starts = rest.char_indices().map(|(i, _)| i).skip(2).take(30);
                starts.into_iter().find_map(|i| {
                    let title = common_wording(&rest[..i]);
                    let (f, _) = fields.iter().find(|(_, l)| l[0] == title)?;
                    Some((*f, rest[i..].trim().to_string()))
                })
            });
        let found = run_in.or_else(|| {
            (rest.chars().count() <= 40)
                .then(|| named(&rest).map(|f| (f, String::new())))
                .flatten()
        });
        let colon = ends.iter().find(|&&i| rest[i..].starts_with(['：', ':']));
        if found.is_none() && (colon.is_some() || rest.chars().count() <= 40) && !fields.is_empty()
        {
            self.notes.push(match self.lang {
                Lang::Zh => format!(
                    "{}的“（{number}）”不是已知的小节，其文字并入前文",
                    at.describe(self.lang)
                ),
                Lang::En => format!(
                    "“({number})” at {} is not a known sub-part; its text joins the text before it",
                    at.describe(self.lang)
                ),
            });
        }
        found
    }
}

/// A sub-part title in the format's wording: agencies write `主动公开方面`
/// or `主动公开工作情况` for `主动公开情况`.
fn common_wording(title: &str) -> String {
    let title = title.trim_end_matches(['。', '：', ':', ' ']);
    let title = title.replace("工作情况", "情况");
    match title.strip_suffix("方面") {
        Some(stem) => format!("{stem}情况"),
        None => title,
    }
}

/// The section a heading line starts: `四、…` with a title that matches
/// the schema's (extra words allowed), or a title alone matching exactly.
/// Only sections after `current`, so a numbered list inside a text is not
/// taken for a heading — unless the agency numbered its parts its own way
/// (`表二 收到和处理政府信息公开申请情况`, or its 三 being the format's 四):
/// then a numbered title naming a section all but exactly maps it by name,
/// wherever it stands. `text` is cleaned ([`clean_text`]).
pub fn heading(text: &str, current: Option<&Section>) -> Option<&'static Section> {
    if text.chars().count() > 60 {
        return None;
    }
    let current = current.and_then(|s| SECTIONS.iter().position(|x| x.key == s.key));
    let later = SECTIONS
        .iter()
        .enumerate()
        .filter(|(i, s)| !s.number.is_empty() && current.is_none_or(|c| *i > c))
        .map(|(_, s)| *s);
    // `表二：title`, `表2 title` (the space is gone once cleaned).
    let table_numbered = text.strip_prefix('表').and_then(|rest| {
        let end = rest.find(|c: char| !is_chinese_digit(c) && !c.is_ascii_digit())?;
        let title = rest[end..].trim_start_matches(['、', '.', '．', '：', ':', ' ']);
        (end > 0).then(|| (&rest[..end], title))
    });
    let Some((number, title)) = numbered(text, &['、', '.', '．']).or(table_numbered) else {
        let key = label_key(text);
        return later
            .into_iter()
            .find(|s| label_key(s.title.zh) == key || label_key(s.title.en) == key);
    };
    let by_number = later
        .clone()
        .find(|s| s.number == number)
        .and_then(|section| {
            let labels = [section.title.zh, section.title.en];
            best_match(title, [(section, &labels[..])])
        });
    by_number.or_else(|| {
        let others: Vec<(&'static Section, [&str; 2])> = SECTIONS
            .iter()
            .enumerate()
            .filter(|(i, s)| !s.number.is_empty() && current != Some(*i))
            .map(|(_, s)| (*s, [s.title.zh, s.title.en]))
            .collect();
        best_match_ranked(title, others.iter().map(|(s, l)| (*s, &l[..])))
            .filter(|(_, rank)| *rank >= 0.8)
            .map(|(s, _)| s)
    })
}

/// Whether a section holds tables only (二, 三, 四): no text fields.
pub fn is_table_section(section: &Section) -> bool {
    section_fields(section).next().is_none()
}

/// `四、title` → (`四`, `title`).
fn numbered<'a>(text: &'a str, separators: &[char]) -> Option<(&'a str, &'a str)> {
    let end = text.find(|c: char| !is_chinese_digit(c))?;
    let rest = &text[end..];
    let sep = rest.chars().next().filter(|c| separators.contains(c))?;
    (end > 0).then(|| (&text[..end], rest[sep.len_utf8()..].trim()))
}

fn is_chinese_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// The text fields of a section, in order.
fn section_fields(section: &Section) -> impl Iterator<Item = FieldId> + '_ {
    let sets: Vec<usize> = schema::field_sets()
        .enumerate()
        .filter(|(_, (s, _))| s.key == section.key)
        .map(|(i, _)| i)
        .collect();
    let has_fields = section.parts.iter().any(|p| matches!(p, Part::Fields(_)));
    schema::all_fields().filter(move |f| has_fields && sets.contains(&f.set))
}
