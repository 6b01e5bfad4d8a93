//! The review rules against last year's report (`--previous` or
//! `meta.previous`): texts copied from last year (`text-copied`), sentences
//! reused word for word (`text-reused`, measured by [`super::reuse`]), key totals
//! that jump more than fivefold (`year-jump`) and a 收费 amount a hundred
//! times last year's (`fee-unit`). See docs/FORMAT.md §9.

use super::messages;
use super::reuse::{LastYear, Summary, reused};
use super::similarity::{MIN_CHARS, NEARLY_IDENTICAL, normalise, similarity};
use super::{ROLES, ids};
use crate::model::Report;
use crate::problem::{Problem, Target};
use crate::problem::{cell_place, field_place};
use crate::schema::{self, CellId, FieldId, Lang};
use crate::validate::incremental::{Check, Reads};
use rust_decimal::Decimal;

/// A jump is flagged only when the larger of the two years' figures is at
/// least this: 3 → 20 is not news.
pub const JUMP_FLOOR: u32 = 50;

/// A jump is more than this many times, up or down.
pub const JUMP_FACTOR: u32 = 5;

/// The review rules against last year's report, each with what it reads
/// ([`crate::validate::incremental`]), in the order they report: per text
/// `text-copied`, then `year-jump` per total, then `fee-unit`.
pub fn checks() -> Vec<Check> {
    let mut checks = Vec::new();
    for &f in &ROLES.narrative {
        checks.push(Check::new(
            vec![Reads::Field(f), Reads::Previous],
            move |i, out| {
                if let Some((previous, name)) = i.previous {
                    text_copied(i.report, f, previous, name, i.lang, out);
                }
            },
        ));
    }
    for c in key_totals() {
        checks.push(Check::new(
            vec![Reads::Cell(c), Reads::Previous],
            move |i, out| {
                if let Some((previous, name)) = i.previous {
                    year_jump(i.report, c, previous, name, i.lang, out);
                }
            },
        ));
    }
    checks.push(Check::new(
        vec![
            Reads::Cell(ROLES.fees),
            Reads::Field(schema::ROLES.level()),
            Reads::Previous,
        ],
        |i, out| {
            if let Some((previous, name)) = i.previous {
                fee_jump(i.report, previous, name, i.lang, out);
            }
        },
    ));
    checks
}

/// Last year's report year, as the messages name it.
fn last_year(previous: &Report) -> String {
    previous.year().map(|y| y.to_string()).unwrap_or_default()
}

/// A 64-bit FNV-1a fingerprint of a text, for "the text it depended on".
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
}

fn text_copied(
    report: &Report,
    f: FieldId,
    previous: &Report,
    name: &str,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let this = report.text(f);
    if this.trim().is_empty() {
        return;
    }
    let last = previous.text(f);
    let s = if last.trim().is_empty() {
        None
    } else {
        similarity(&normalise(this), &normalise(last))
    };
    let Some(s) = s.filter(|&s| s >= NEARLY_IDENTICAL) else {
        // A short text (a stock sentence) is never compared, as a whole or
        // by the sentence.
        if normalise(this).len() >= MIN_CHARS {
            with_last_texts(previous, |last_texts| {
                text_reused(f, this, last_texts, name, &last_year(previous), lang, out)
            });
        }
        return;
    };
    let percent = (s * 100.0).floor() as u32;
    let message = messages::text_copied(lang, name, &last_year(previous), percent);
    out.push(
        Problem::warning(f.path(), field_place(f, lang), message)
            .target(Target::Field(f))
            .rule(ids::TEXT_COPIED)
            .depends(f.path(), fingerprint(this)),
    );
}

/// Last year's texts, each normalised once: last year's report does not
/// change while a report is edited, so the sentences are kept between keys.
fn with_last_texts<T>(previous: &Report, f: impl FnOnce(&LastYear) -> T) -> T {
    thread_local! {
        static KEPT: std::cell::RefCell<Option<(Vec<String>, LastYear)>> =
            const { std::cell::RefCell::new(None) };
    }
    KEPT.with_borrow_mut(|kept| {
        let texts = || ROLES.narrative.iter().map(|&g| previous.text(g));
        let fresh = kept
            .as_ref()
            .is_some_and(|(seen, _)| seen.iter().map(String::as_str).eq(texts()));
        if !fresh {
            *kept = None;
        }
        let (_, last_texts) = kept.get_or_insert_with(|| {
            (
                texts().map(str::to_string).collect(),
                LastYear::new(texts()),
            )
        });
        f(last_texts)
    })
}

/// text-reused: sentences of a text that stand word for word in last year's
/// report (any of its texts); one warning per text, quoting the first.
fn text_reused(
    f: FieldId,
    this: &str,
    last_texts: &LastYear,
    name: &str,
    last_year: &str,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let found = reused(this, last_texts);
    let summary = Summary::of(&found);
    let Some(first) = summary.first else {
        return;
    };
    let message = messages::text_reused(
        lang,
        name,
        last_year,
        summary.count,
        summary.chars,
        &quote_short(first),
    );
    out.push(
        Problem::warning(f.path(), field_place(f, lang), message)
            .target(Target::Field(f))
            .rule(ids::TEXT_REUSED)
            .depends(f.path(), fingerprint(this)),
    );
}

/// The first 20 characters of a sentence, for quoting.
fn quote_short(s: &str) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(20).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The totals compared year over year.
fn key_totals() -> [CellId; 8] {
    let r = &*ROLES;
    [
        r.new_received,
        r.handled,
        r.reviews,
        r.direct_suits,
        r.suits_after_review,
        r.licensing,
        r.penalties,
        r.enforcement,
    ]
}

fn year_jump(
    report: &Report,
    c: CellId,
    previous: &Report,
    name: &str,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let (floor, factor) = (Decimal::from(JUMP_FLOOR), Decimal::from(JUMP_FACTOR));
    let (this, last) = (report.cell(c), previous.cell(c));
    // This year's zero is as likely "not entered yet" as "none": a
    // report just started from last year's would warn on every total.
    if this.is_zero() || this.max(last) < floor || (this <= last * factor && last <= this * factor)
    {
        return;
    }
    let message = messages::year_jump(
        lang,
        &this.to_string(),
        &last.to_string(),
        name,
        &last_year(previous),
    );
    out.push(
        Problem::warning(c.path(), cell_place(c, lang), message)
            .target(Target::Cell(c))
            .rule(ids::YEAR_JUMP)
            .depends(c.path(), this)
            .depends(format!("previous:{}", c.path()), last),
    );
}

fn fee_jump(report: &Report, previous: &Report, name: &str, lang: Lang, out: &mut Vec<Problem>) {
    let fees = ROLES.fees;
    let (this, last) = (report.cell(fees), previous.cell(fees));
    // Less than 10 万元 is plausible whatever last year was.
    if last.is_zero() || this < Decimal::from(10) || this < last * Decimal::from(100) {
        return;
    }
    // The level rule already asks when the amount is implausible outright.
    if super::rules::fee_too_large_for_level(report) {
        return;
    }
    let message = messages::fee_unit_jump(lang, &this.to_string(), &last.to_string(), name);
    out.push(
        Problem::warning(fees.path(), cell_place(fees, lang), message)
            .target(Target::Cell(fees))
            .rule(ids::FEE_UNIT)
            .depends(fees.path(), this)
            .depends(format!("previous:{}", fees.path()), last),
    );
}
