//! What plain mode asks, in which order, and how an answer is read.
//!
//! The questions follow the wizard's reading order
//! ([`focus::reading_order`], the order Tab walks), with the input cells of
//! one table row asked together on one line. Answers are checked with the
//! wizard's own checks, so a refusal reads the same in both.

use crate::entry::answer::{ascii_number_char, choice_by_number, pasted_value, year_refusal};
use crate::entry::focus::{self, Focus};
use crate::schema::{CellId, CellKind, Choice, FieldId, FieldKind, Lang, Table};
use rust_decimal::Decimal;

/// One question: a field, or the input cells of one table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    Field(FieldId),
    Row {
        table: usize,
        row: usize,
        cols: Vec<usize>,
    },
}

impl Question {
    /// The wizard step (section) the question is on.
    pub fn step(&self) -> usize {
        self.items()[0].step()
    }

    /// The fields and cells it asks for, in reading order.
    pub fn items(&self) -> Vec<Focus> {
        match self {
            Question::Field(f) => vec![Focus::Field(*f)],
            Question::Row { table, row, cols } => cols
                .iter()
                .map(|&col| {
                    Focus::Cell(CellId {
                        table: *table,
                        row: *row,
                        col,
                    })
                })
                .collect(),
        }
    }

    /// The table the question belongs to, if it is a row.
    pub fn table(&self) -> Option<usize> {
        match self {
            Question::Row { table, .. } => Some(*table),
            Question::Field(_) => None,
        }
    }
}

/// Every question, in the wizard's reading order: consecutive cells of the
/// same table row make one question.
pub fn questions() -> Vec<Question> {
    let mut out: Vec<Question> = Vec::new();
    for item in focus::reading_order() {
        match *item {
            Focus::Field(f) => out.push(Question::Field(f)),
            Focus::Cell(c) => match out.last_mut() {
                Some(Question::Row { table, row, cols }) if *table == c.table && *row == c.row => {
                    cols.push(c.col)
                }
                _ => out.push(Question::Row {
                    table: c.table,
                    row: c.row,
                    cols: vec![c.col],
                }),
            },
        }
    }
    out
}

/// A one-line answer for a field of this kind, checked: the value to store,
/// or what is wrong with it.
pub fn field_value(kind: FieldKind, answer: &str, lang: Lang) -> Result<String, String> {
    match kind {
        FieldKind::Year if answer.is_empty() => Ok(String::new()),
        FieldKind::Year => {
            let digits: String = answer.chars().map(ascii_number_char).collect();
            match year_refusal(&digits, true) {
                Some(why) => Err(why.message(lang).to_string()),
                None => Ok(digits),
            }
        }
        FieldKind::Choice(_) if answer.is_empty() => Ok(String::new()),
        FieldKind::Choice(choices) => choose(choices, answer)
            .ok_or_else(|| super::messages::enter_a_number(choices.len(), lang)),
        FieldKind::Line(_) | FieldKind::Paragraphs => Ok(answer.to_string()),
    }
}

/// A choice by its number as listed (the wizard's numbering: 1 … N, 0
/// none), its key or its label.
fn choose(choices: &'static [Choice], answer: &str) -> Option<String> {
    let digits: String = answer.chars().map(ascii_number_char).collect();
    if let Ok(n) = digits.parse::<usize>() {
        return choice_by_number(choices, n).map(str::to_string);
    }
    choices
        .iter()
        .find(|c| c.key == answer || c.label.zh == answer || c.label.en == answer)
        .map(|c| c.key.to_string())
}

/// A row answer: one value per input cell, separated by spaces, tabs (a row
/// pasted from a spreadsheet), `，` or `;`. Each value is read as the
/// wizard reads a pasted one: `/` or `-` (how published tables write
/// "none") is 0, full-width digits are fine.
pub fn row_values(
    def: &Table,
    cols: &[usize],
    answer: &str,
    lang: Lang,
) -> Result<Vec<Decimal>, String> {
    let parts: Vec<&str> = answer
        .split(|c: char| c.is_whitespace() || c == '，' || c == ';')
        .filter(|s| !s.is_empty())
        .collect();
    if parts.len() != cols.len() {
        return Err(super::messages::numbers_expected(
            cols.len(),
            parts.len(),
            lang,
        ));
    }
    cols.iter()
        .zip(parts)
        .map(|(&col, text)| {
            let column = &def.columns[col];
            let kind: CellKind = column.kind;
            match pasted_value(kind, text) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Ok(Decimal::ZERO),
                Err(e) => Err(format!("{}: {}", column.label.get(lang), e.message(lang))),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

    #[test]
    fn questions_follow_the_wizards_reading_order() {
        let asked: Vec<Focus> = questions().iter().flat_map(Question::items).collect();
        assert_eq!(asked, focus::reading_order());
    }

    #[test]
    fn a_row_is_one_question_and_skips_the_totals() {
        let qs = questions();
        let granted = schema::find_cell("applications.granted.natural").unwrap();
        let q = qs
            .iter()
            .find(|q| q.items()[0] == Focus::Cell(granted))
            .unwrap();
        let Question::Row { cols, .. } = q else {
            panic!("{q:?}")
        };
        // 自然人 and the five 法人或其他组织 columns; 总计 is computed.
        assert_eq!(cols.len(), 6);
        assert!(qs.iter().all(|q| q.items().iter().all(|f| match f {
            Focus::Cell(c) => !c.is_computed(),
            Focus::Field(_) => true,
        })));
    }

    #[test]
    fn answers_are_checked_with_the_wizards_words() {
        let year = FieldKind::Year;
        assert_eq!(field_value(year, "２０２４", Lang::Zh), Ok("2024".into()));
        assert_eq!(
            field_value(year, "24", Lang::Zh),
            Err("年度是 4 位数字".into())
        );
        assert_eq!(
            field_value(year, "二〇二四", Lang::Zh),
            Err("年度只能输入数字".into())
        );
        let table = schema::find_cell("applications.granted.natural")
            .unwrap()
            .table_def();
        let cols = [0, 1, 2, 3, 4, 5];
        assert_eq!(
            row_values(table, &cols, "1\t/\t-\t０\t5，6", Lang::Zh).unwrap(),
            [1, 0, 0, 0, 5, 6].map(Decimal::from)
        );
        assert!(
            row_values(table, &cols, "1 2", Lang::En)
                .unwrap_err()
                .contains("expected 6 numbers, got 2")
        );
        let err = row_values(table, &cols, "1 2 3 x 5 6", Lang::Zh).unwrap_err();
        assert!(err.starts_with("社会公益组织: "), "{err}");
    }

    #[test]
    fn a_choice_is_numbered_as_in_the_wizard() {
        let levels = schema::AGENCY_LEVELS;
        let kind = FieldKind::Choice(levels);
        for n in 0..=levels.len() {
            let wizard = crate::entry::answer::choice_by_number(levels, n).unwrap();
            assert_eq!(
                field_value(kind, &n.to_string(), Lang::Zh),
                Ok(wizard.into())
            );
        }
        assert_eq!(
            field_value(kind, "７", Lang::Zh),
            Ok("county_department".into())
        );
        assert_eq!(
            field_value(kind, "10", Lang::Zh),
            Err("请输入编号 1–9（0 或 - 为不选）".into())
        );
        assert_eq!(
            field_value(kind, "县级政府部门", Lang::Zh),
            Ok("county_department".into())
        );
    }
}
